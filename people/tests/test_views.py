"""The counsellor's workspace, as a counsellor uses it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from people.models import Beneficiary, ConsentPurpose, Note
from people.tests import factories as f
from people.tests.staff import staff_sign_in

pytestmark = pytest.mark.usefixtures("strict_templates")


@pytest.fixture
def counsellor_client(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    return client


def _file_url(person, name="people:beneficiary_detail"):
    return reverse(name, kwargs={"public_id": person.public_id})


def test_the_workspace_sends_anonymous_visitors_to_sign_in(client, network):
    response = client.get(reverse("people:today"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_today_page_lists_the_people_seen_today_in_each_language(client, network, language):
    staff_sign_in(client, network.casablanca_counsellor)
    response = client.get(f"/{language}/desk/")
    assert response.status_code == 200
    assert "Aminata Diallo" in response.content.decode()
    assert "Joseph" not in response.content.decode()


def test_signed_in_pages_are_never_cached(counsellor_client, network):
    response = counsellor_client.get(_file_url(network.casablanca_file))
    assert "no-store" in response["Cache-Control"]


def test_public_pages_stay_cacheable_and_untouched_by_sessions(client, network):
    response = client.get(reverse("catalog:home"))
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_file_page_shows_profile_documents_notes_consents_and_an_orientation_section(counsellor_client, network):
    person = network.casablanca_file
    page = counsellor_client.get(f"/en/desk/files/{person.public_id}/").content.decode()
    for text in (person.residence_document_number, "Casablanca note", "Passport", "Orientation results", "2026-11"):
        assert text.lower() in page.lower(), text
    assert "Rabat note" not in page


def test_opening_a_file_is_audited_once(counsellor_client, network):
    counsellor_client.get(_file_url(network.casablanca_file))
    assert AuditEvent.objects.filter(action=AuditAction.FILE_READ).count() == 1


def test_a_counsellor_creates_a_file_with_consent(counsellor_client, network):
    response = counsellor_client.post(
        reverse("people:beneficiary_create"),
        {
            "desk": network.casablanca_desk.pk,
            "first_name": "Mariam",
            "last_name": "Koné",
            "phone": "06 11 22 33 44",
            "documents": [network.passport.pk],
            "residence_status": "receipt",
            "consent_processing": "on",
        },
    )
    person = Beneficiary.objects.get(first_name="Mariam")
    assert response.status_code == 302 and response.url == person.get_absolute_url()
    assert person.phone.as_e164 == "+212611223344"
    assert [c.purpose for c in person.consents.all()] == [ConsentPurpose.PROCESSING]


def test_a_file_is_not_created_without_consent_and_the_counsellor_is_told_why(counsellor_client, network):
    response = counsellor_client.post(
        reverse("people:beneficiary_create"), {"desk": network.casablanca_desk.pk, "first_name": "Mariam"}
    )
    assert response.status_code == 400
    assert "consent" in response.content.decode()
    assert not Beneficiary.objects.filter(first_name="Mariam").exists()


def test_a_bad_phone_number_is_a_clear_400_in_french(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    response = client.post(
        "/fr/desk/files/new/",
        {"desk": network.casablanca_desk.pk, "first_name": "Mariam", "phone": "12", "consent_processing": "on"},
    )
    assert response.status_code == 400
    assert "numéro de téléphone" in response.content.decode()


def test_a_counsellor_cannot_create_a_file_at_a_desk_that_is_not_theirs(counsellor_client, network):
    response = counsellor_client.post(
        reverse("people:beneficiary_create"),
        {"desk": network.rabat_desk.pk, "first_name": "Mariam", "consent_processing": "on"},
    )
    assert response.status_code == 400
    assert not Beneficiary.objects.filter(first_name="Mariam").exists()


def test_editing_a_file_saves_it(counsellor_client, network):
    person = network.casablanca_file
    response = counsellor_client.post(
        _file_url(person, "people:beneficiary_edit"),
        {"first_name": "Aminata", "last_name": "Diallo", "nationality": "Mali", "schooling": "3"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.nationality, person.schooling, person.documents.count()) == ("Mali", 3, 0)


def test_a_counsellor_writes_a_dated_note(counsellor_client, network):
    response = counsellor_client.post(
        _file_url(network.casablanca_file, "people:note_create"), {"text": "Wants evenings"}
    )
    assert response.status_code == 302
    note = Note.objects.get(text="Wants evenings")
    assert note.author == network.casablanca_counsellor and note.created_at is not None


def test_an_empty_note_is_a_400_with_the_reason(counsellor_client, network):
    response = counsellor_client.post(_file_url(network.casablanca_file, "people:note_create"), {"text": "  "})
    assert response.status_code == 400


def test_a_counsellor_marks_a_document_seen(counsellor_client, network):
    url = reverse(
        "people:document_seen",
        kwargs={"public_id": network.casablanca_file.public_id, "document_id": network.casablanca_document.public_id},
    )
    assert counsellor_client.post(url).status_code == 302
    network.casablanca_document.refresh_from_db()
    assert network.casablanca_document.seen_by == network.casablanca_counsellor
    page = counsellor_client.get(_file_url(network.casablanca_file)).content.decode()
    assert "casa-counsellor" in page


@pytest.mark.parametrize("query", ["diallo", "0600000000", "file-number"])
def test_search_is_posted_so_names_and_phones_never_enter_a_url(counsellor_client, network, query):
    person = network.casablanca_file
    query = {"0600000000": "0" + str(person.phone.national_number), "file-number": person.file_number}.get(query, query)
    response = counsellor_client.post(reverse("people:beneficiary_list"), {"q": query})
    assert response.status_code == 200
    assert person.get_absolute_url() in response.content.decode()


def test_an_empty_search_is_a_400(counsellor_client, network):
    assert counsellor_client.post(reverse("people:beneficiary_list"), {"q": ""}).status_code == 400


def test_the_file_list_shows_the_desk_files_only(counsellor_client, network):
    page = counsellor_client.get(reverse("people:beneficiary_list")).content.decode()
    assert network.casablanca_file.get_absolute_url() in page
    assert network.rabat_file.get_absolute_url() not in page


def test_the_file_page_answers_in_a_bounded_number_of_queries(
    counsellor_client, network, django_assert_max_num_queries
):
    for _ in range(5):
        f.NoteFactory(beneficiary=network.casablanca_file, author=network.casablanca_counsellor)
    # 21: the applications panel reads the file's applications, and for its form the trainings the orientation
    # suggested and the open sessions (applications/wiring.py).
    with django_assert_max_num_queries(21):
        counsellor_client.get(_file_url(network.casablanca_file))


# Staff sign-in


def test_sign_in_changes_the_session_id_and_is_audited(client, network):
    client.get(reverse("accounts:sign_in"))
    client.session.save()
    before = client.cookies["sessionid"].value if "sessionid" in client.cookies else None
    response = client.post(
        reverse("accounts:sign_in"), {"username": "casa-counsellor", "password": "a long pass phrase for tests"}
    )
    assert response.status_code == 302
    assert client.cookies["sessionid"].value != before
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=network.casablanca_counsellor).exists()


def test_a_failed_sign_in_is_audited_without_the_typed_name(client, network):
    response = client.post(reverse("accounts:sign_in"), {"username": "casa-counsellor", "password": "wrong"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert "casa-counsellor" not in f"{event.detail}{event.object_id}"


def test_a_session_replayed_after_sign_out_is_refused(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    cookie = client.cookies["sessionid"].value
    assert client.get(reverse("people:today")).status_code == 200
    client.post(reverse("accounts:sign_out"))
    client.cookies["sessionid"] = cookie
    assert client.get(reverse("people:today")).status_code == 302


def test_a_staff_session_ends_after_30_minutes_idle(client, network, settings):
    from accounts.middleware import SEEN_AT

    staff_sign_in(client, network.casablanca_counsellor)
    assert client.get(reverse("people:today")).status_code == 200
    session = client.session
    session[SEEN_AT] = session[SEEN_AT] - settings.GUICHET_SESSION_IDLE_SECONDS - 1
    session.save()
    assert client.get(reverse("people:today")).status_code == 302


def test_a_staff_session_ends_12_hours_after_sign_in_even_when_busy(client, network, settings):
    from accounts.middleware import SIGNED_IN_AT

    staff_sign_in(client, network.casablanca_counsellor)
    assert client.get(reverse("people:today")).status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = session[SIGNED_IN_AT] - settings.GUICHET_SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    assert client.get(reverse("people:today")).status_code == 302


def test_staff_passwords_are_hashed_with_argon2(db, production_password_hashers):
    user = f.UserFactory(username="argon2-user")
    assert user.password.startswith("argon2$argon2id$")


def test_common_passwords_are_refused_for_staff(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("password1234")


def test_the_header_links_to_the_staff_area(client, db):
    assert reverse("people:today") in client.get(reverse("catalog:home")).content.decode()


def test_repeated_failed_sign_ins_lock_out_with_429_even_with_the_right_password(client, network, settings):
    url = reverse("accounts:sign_in")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(url, {"username": "casa-counsellor", "password": "wrong"}).status_code == 200
    assert client.post(url, {"username": "casa-counsellor", "password": "wrong"}).status_code == 429
    response = client.post(url, {"username": "casa-counsellor", "password": "a long pass phrase for tests"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).count() >= settings.AXES_FAILURE_LIMIT


def test_a_lockout_from_one_address_spares_another_username_elsewhere(client, network, settings):
    url = reverse("accounts:sign_in")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "casa-counsellor", "password": "wrong"}, REMOTE_ADDR="10.0.0.66")
    response = client.post(
        url, {"username": "rabat-counsellor", "password": "a long pass phrase for tests"}, REMOTE_ADDR="10.0.0.77"
    )
    assert response.status_code == 302


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_note_form_tells_the_counsellor_that_the_person_reads_the_notes(counsellor_client, network, language):
    """Notes are part of the person's right of access: the form must not promise they stay among counsellors."""
    from django.utils import translation

    page = counsellor_client.get(f"/{language}" + _file_url(network.casablanca_file)[3:]).content.decode()
    with translation.override(language):
        promise = translation.gettext(
            "This desk's counsellors read these notes, and so does the person: in their own space and in the "
            "copy of their data they can ask for. Write facts useful for the advice; never health, religion "
            "or what the person did not choose to tell."
        )
        old_promise = translation.gettext(
            "Visible to this desk's counsellors only. Write facts useful for the advice; never health, "
            "religion or what the person did not choose to tell."
        )
    assert promise in page
    assert old_promise not in page
    if language != "en":
        assert "so does the person" not in promise  # translated, not the English fallback


def test_signing_in_and_out_tell_the_browser_to_forget_the_public_pages_it_kept(client, network):
    """A public page kept by the browser (``max-age=60``) was made for nobody: after signing in or out, the next
    visit asks the server again, and shows the banner of whoever is now signed in."""
    anonymous = client.get(reverse("catalog:programme_list"))
    assert "Clear-Site-Data" not in anonymous and "public" in anonymous["Cache-Control"]
    signed_in = client.post(
        reverse("accounts:sign_in"), {"username": "casa-counsellor", "password": "a long pass phrase for tests"}
    )
    assert signed_in.status_code == 302 and signed_in["Clear-Site-Data"] == '"cache"'
    staff_sign_in(client, network.casablanca_counsellor)
    assert "Clear-Site-Data" not in client.get(reverse("people:today"))
    signed_out = client.post(reverse("accounts:sign_out"))
    assert signed_out["Clear-Site-Data"] == '"cache"'
