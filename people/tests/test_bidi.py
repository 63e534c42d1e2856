"""Bidirectional controls never disguise a name: removed from what is typed, and people's text is shown isolated."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from people.models import Beneficiary, Note
from people.tests.staff import staff_sign_in

pytestmark = pytest.mark.usefixtures("strict_templates")

RLO, PDF, RLI, PDI, RLM = "\u202e", "\u202c", "\u2067", "\u2069", "\u200f"
CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


@pytest.fixture
def counsellor_client(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    return client


def _holds_a_control(text: str) -> bool:
    return any(control in text for control in CONTROLS)


def test_a_file_created_with_bidi_controls_in_its_short_fields_is_stored_without_them(counsellor_client, network):
    response = counsellor_client.post(
        reverse("people:beneficiary_create"),
        {
            "desk": network.casablanca_desk.pk,
            "first_name": f"Mar{RLO}iam{PDF}",
            "last_name": f"{RLI}Koné{PDI}",
            "nationality": f"Mali{RLM}",
            "residence_document_number": f"AB{RLO}1234",
            "phone": f"\u200e06 11 22 33 44{RLM}",
            "consent_processing": "on",
        },
    )
    assert response.status_code == 302
    person = Beneficiary.objects.get(first_name="Mariam")
    assert (person.last_name, person.nationality, person.residence_document_number) == ("Koné", "Mali", "AB1234")
    assert person.phone.as_e164 == "+212611223344"


def test_a_name_made_only_of_bidi_controls_is_refused_as_empty(counsellor_client, network):
    response = counsellor_client.post(
        reverse("people:beneficiary_create"),
        {"desk": network.casablanca_desk.pk, "first_name": f"{RLO}{PDF}", "consent_processing": "on"},
    )
    assert response.status_code == 400
    assert not Beneficiary.objects.filter(desk=network.casablanca_desk).exclude(first_name="Aminata").exists()


def test_editing_a_file_removes_bidi_controls_from_the_name(counsellor_client, network):
    person = network.casablanca_file
    response = counsellor_client.post(
        reverse("people:beneficiary_edit", kwargs={"public_id": person.public_id}),
        {"first_name": f"Ami{RLO}nata", "last_name": "Diallo"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.first_name == "Aminata"


def test_a_note_loses_its_overrides_and_isolates_but_keeps_its_direction_marks(counsellor_client, network):
    person = network.casablanca_file
    text = f"Veut {RLO}les soirs{PDF} et {RLI}المساء{PDI}{RLM}."
    response = counsellor_client.post(
        reverse("people:note_create", kwargs={"public_id": person.public_id}), {"text": text}
    )
    assert response.status_code == 302
    assert Note.objects.filter(beneficiary=person).latest("created_at").text == f"Veut les soirs et المساء{RLM}."


def test_a_note_made_only_of_bidi_controls_is_refused_as_empty(counsellor_client, network):
    person = network.casablanca_file
    url = reverse("people:note_create", kwargs={"public_id": person.public_id})
    assert counsellor_client.post(url, {"text": f"{RLO} {PDF}"}).status_code == 400
    assert list(Note.objects.filter(beneficiary=person).values_list("text", flat=True)) == ["Casablanca note"]


def test_a_person_correcting_their_name_cannot_put_bidi_controls_in_it(client, network):
    person = network.casablanca_file
    person.account = get_user_model().objects.create_user(username=f"person-{person.pk}")
    person.save(update_fields=["account"])
    client.force_login(person.account)
    form = {"first_name": f"Zei{RLO}nabou", "last_name": person.last_name, "phone": ""}
    response = client.post(reverse("me:correct"), form)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.first_name == "Zeinabou"


def test_the_file_page_shows_the_name_isolated_and_the_notes_in_their_own_direction(counsellor_client, network):
    page = counsellor_client.get(network.casablanca_file.get_absolute_url()).content.decode()
    assert "<h1><bdi>Aminata Diallo</bdi></h1>" in page
    assert '<p dir="auto">Casablanca note</p>' in page
    assert "<bdi>casa-counsellor</bdi>" in page  # the note's author


def test_a_name_stored_with_controls_before_the_rule_is_shown_isolated_and_without_them(counsellor_client, network):
    person = network.casablanca_file
    Beneficiary.objects.filter(pk=person.pk).update(first_name=f"Ami{RLO}nata", nationality=f"{RLI}Mali")
    Note.objects.filter(beneficiary=person).update(text=f"Casablanca {RLO}note")
    pages = [
        counsellor_client.get(person.get_absolute_url()),
        counsellor_client.get(reverse("people:beneficiary_list")),
        counsellor_client.post(reverse("people:beneficiary_list"), {"q": "Diallo"}),
        counsellor_client.get(reverse("people:beneficiary_edit", kwargs={"public_id": person.public_id})),
    ]
    for response in pages:
        assert response.status_code == 200
        page = response.content.decode()
        assert "Aminata Diallo</bdi>" in page
    detail = pages[0].content.decode()
    assert "<dd><bdi>Mali</bdi></dd>" in detail
    assert '<p dir="auto">Casablanca note</p>' in detail
    assert not _holds_a_control(detail)


def test_the_persons_own_space_shows_their_notes_in_their_own_direction(client, network):
    person = network.casablanca_file
    Note.objects.filter(beneficiary=person).update(text=f"Casablanca {RLO}note")
    person.account = get_user_model().objects.create_user(username=f"person-{person.pk}")
    person.save(update_fields=["account"])
    client.force_login(person.account)
    page = client.get(reverse("me:home")).content.decode()
    assert '<p dir="auto">Casablanca note</p>' in page
    assert not _holds_a_control(page)
