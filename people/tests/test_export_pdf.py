"""The readable export: a real PDF of the whole file, in the person's language, for them or their counsellor."""

from __future__ import annotations

import io

from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from audit.models import AuditAction, AuditEvent
from people.tests.staff import staff_sign_in


def _text(response) -> tuple[PdfReader, str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    reader = PdfReader(io.BytesIO(response.content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_a_counsellor_downloads_the_file_as_a_pdf_in_arabic_shaped_right_to_left(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    url = reverse("people:beneficiary_export_pdf", kwargs={"public_id": network.casablanca_file.public_id})
    reader, text = _text(client.get(url, {"language": "ar"}))
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Direction"] == "/R2L"
    assert "الملف الشخصي" in text  # "Profile", shaped glyphs mapping back to their letters
    assert network.casablanca_file.residence_document_number in text
    assert "Casablanca note" in text
    # Latin runs inside Arabic lines come out of the extractor with their full stop moved: match without it.
    assert "Visit the jewellery workshop on Monday" in text
    assert "تكوين" in text and network.programme.slug in text
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, actor=network.casablanca_counsellor)
    assert event.object_id == network.casablanca_file.public_id
    assert network.casablanca_file.residence_document_number not in event.detail


def test_the_pdf_language_falls_back_to_the_page_language_when_unknown(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    url = reverse("people:beneficiary_export_pdf", kwargs={"public_id": network.casablanca_file.public_id})
    reader, text = _text(client.get(url, {"language": "xx"}))
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert "/ViewerPreferences" not in reader.trailer["/Root"]
    assert "Toutes les données" in text


def test_a_counsellor_of_another_desk_gets_404_for_the_pdf(client, network):
    staff_sign_in(client, network.rabat_counsellor)
    response = client.get(
        reverse("people:beneficiary_export_pdf", kwargs={"public_id": network.casablanca_file.public_id})
    )
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_signed_in_person_downloads_their_own_pdf_in_the_page_language(client, network):
    person = network.casablanca_file
    account = network.no_role
    person.account = account
    person.save(update_fields=["account"])
    client.force_login(account)
    with translation.override("en"):
        url = reverse("me:download_pdf")
    reader, text = _text(client.get(url))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "All the data held about you" in text
    assert person.file_number in text
    assert "Casablanca note" in text


def test_the_pdf_download_sends_a_visitor_without_a_file_to_sign_in(client, db):
    response = client.get(reverse("me:download_pdf"))
    assert response.status_code == 302
    assert reverse("me:sign_in") in response.url


def test_a_name_or_note_stored_with_an_override_reads_in_its_real_order_in_the_pdf(client, network):
    from people.models import Beneficiary, Note

    person = network.casablanca_file
    Beneficiary.objects.filter(pk=person.pk).update(first_name="Ami\u202enata")
    Note.objects.filter(beneficiary=person).update(text="Casablanca \u202enote")
    staff_sign_in(client, network.casablanca_counsellor)
    url = reverse("people:beneficiary_export_pdf", kwargs={"public_id": person.public_id})
    _, text = _text(client.get(url, {"language": "en"}))
    assert "Aminata" in text and "Casablanca note" in text
    assert "\u202e" not in text
