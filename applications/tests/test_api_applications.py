"""Applications in the API: a counsellor applies, provider staff decide, each reads in their own scope."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from applications.models import Application, ApplicationEvent, State
from applications.tests.api_calls import conforms, detail_url, move, post, signed_in, submit
from applications.tests.conftest import apply, as_provider, person
from audit.models import AuditAction, AuditEvent
from catalog.models import Session
from catalog.tests import factories as cf
from people.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def openapi(django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        return Client().get("/api/openapi.json").json()


# Applying


def test_a_counsellor_applies_for_a_person_and_a_retry_answers_the_same_application(seats, openapi):
    counsellor = signed_in(seats.counsellor)
    data = {"session": seats.session.pk, "beneficiary": seats.people[0].public_id}
    first = submit(counsellor, data)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["state"] == "submitted" and body["state_label"] == "Submitted"
    assert body["programme"] == "tailoring" and body["session"] == seats.session.pk
    assert body["beneficiary"] == seats.people[0].public_id and body["created_at"]
    conforms(openapi, "/api/v1/applications", first, "post")
    again = submit(counsellor, data)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Application.objects.get().public_id == body["id"]


def test_applying_to_a_programme_takes_its_next_open_session(seats):
    response = submit(signed_in(seats.counsellor), {"programme": "tailoring", "beneficiary": seats.people[0].public_id})
    assert response.status_code == 201, response.content
    assert response.json()["session"] == seats.session.pk


def test_applying_to_a_programme_without_a_session_yet_makes_an_application_without_one(seats):
    cf.ProgrammeFactory(slug="pastry", provider=seats.provider)
    response = submit(signed_in(seats.counsellor), {"programme": "pastry", "beneficiary": seats.people[0].public_id})
    assert response.status_code == 201 and response.json()["session"] is None


def test_a_file_of_another_desk_or_none_is_a_404_and_nothing_is_written(seats):
    stranger = person(cf.DeskFactory())
    counsellor = signed_in(seats.counsellor)
    for beneficiary in (stranger.public_id, "nobody", "x" * 22):
        response = submit(counsellor, {"session": seats.session.pk, "beneficiary": beneficiary})
        assert response.status_code == 404 and response.json()["detail"] == "No file of yours has this identifier."
    assert not Application.objects.exists()


def test_an_unknown_session_or_programme_is_a_404(seats):
    counsellor = signed_in(seats.counsellor)
    unknown_session = submit(counsellor, {"session": 999_999, "beneficiary": seats.people[0].public_id})
    assert unknown_session.status_code == 404
    assert unknown_session.json()["detail"] == "No session has this identifier."
    unknown_programme = submit(counsellor, {"programme": "no-such", "beneficiary": seats.people[0].public_id})
    assert unknown_programme.status_code == 404
    assert not Application.objects.exists()


def test_a_closed_session_or_one_of_another_programme_is_a_400_that_says_why(seats):
    closed = cf.SessionFactory(
        programme=seats.programme,
        start_date=seats.today + datetime.timedelta(days=3),
        end_date=seats.today + datetime.timedelta(days=90),
        application_deadline=seats.today - datetime.timedelta(days=1),
    )
    counsellor = signed_in(seats.counsellor)
    beneficiary = seats.people[0].public_id
    response = submit(counsellor, {"session": closed.pk, "beneficiary": beneficiary})
    assert response.status_code == 400 and response.json()["detail"] == "Applications for this session are closed."
    mixed = submit(counsellor, {"session": seats.overlapping.pk, "programme": "tailoring", "beneficiary": beneficiary})
    assert mixed.status_code == 400 and mixed.json()["detail"] == "This session is not one of this training's."
    neither = submit(counsellor, {"beneficiary": beneficiary})
    assert neither.status_code == 400 and neither.json()["errors"]["session"]
    assert not Application.objects.exists()


def test_without_consent_to_processing_the_application_is_a_409_saying_so(seats):
    no_consent = f.BeneficiaryFactory(desk=seats.desk)
    response = submit(signed_in(seats.counsellor), {"session": seats.session.pk, "beneficiary": no_consent.public_id})
    assert response.status_code == 409
    assert "not consented to the processing of their data" in response.json()["detail"]
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"session": 2**63},
        {"session": 10**40},
        {"session": -1},
        {"session": 0},
        {"session": "12"},
        {"session": True},
        {"session": 1.5},
        {"beneficiary": "abc\x00def"},
        {"beneficiary": "x" * 5000},
        {"beneficiary": 12},
        {"programme": "tail\x00oring"},
        {"programme": "<b>tailoring</b>"},
        {"programme": "x" * 5000},
        {"unknown": "field"},
        {"lang": "de"},
    ],
)
def test_odd_applications_are_a_client_error_and_write_nothing(seats, changes):
    data = {"session": seats.session.pk, "beneficiary": seats.people[0].public_id, **changes}
    response = submit(signed_in(seats.counsellor), data)
    assert response.status_code in {400, 404, 422}, response.content
    assert response.json()["detail"]
    assert not Application.objects.exists()


def test_only_counsellors_apply(seats):
    data = {"session": seats.session.pk, "beneficiary": seats.people[0].public_id}
    assert submit(Client(), data).status_code == 401
    assert submit(signed_in(seats.provider_staff), data).status_code == 404
    assert not Application.objects.exists()


# Lists


def test_provider_staff_list_the_applications_to_their_programmes_with_what_admission_needs(seats, openapi):
    mine = apply(seats, seats.people[0])
    apply(seats, seats.people[1], session=seats.overlapping)
    response = signed_in(seats.provider_staff).get(reverse("api:application_list"))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and [item["id"] for item in body["items"]] == [mine.public_id]
    item = body["items"][0]
    assert item["view"] == "provider" and item["first_name"] == "Person0" and "beneficiary" not in item
    assert item["eligibility"] and item["state"] == "submitted"
    conforms(openapi, "/api/v1/applications", response)
    assert AuditEvent.objects.filter(action=AuditAction.APPLICATION_READ, object_id=mine.public_id).count() == 1


def test_another_provider_never_sees_the_first_ones_applications(seats):
    application = apply(seats, seats.people[0])
    other = signed_in(seats.other_staff)
    assert other.get(reverse("api:application_list")).json() == {"count": 0, "items": []}
    assert other.get(detail_url(application)).status_code == 404
    assert move(other, application, to="accepted").status_code == 404
    assert Application.objects.get().state == State.SUBMITTED


def test_counsellors_list_their_desks_applications_with_the_files_public_id(seats, openapi):
    application = apply(seats, seats.people[0])
    response = signed_in(seats.counsellor).get(reverse("api:application_list"))
    [item] = response.json()["items"]
    assert item["view"] == "desk" and item["beneficiary"] == seats.people[0].public_id
    assert item["id"] == application.public_id and "first_name" not in item
    conforms(openapi, "/api/v1/applications", response)
    elsewhere = signed_in(f.StaffRoleFactory(desk=cf.DeskFactory()).user)
    assert elsewhere.get(reverse("api:application_list")).json()["count"] == 0
    assert elsewhere.get(detail_url(application)).status_code == 404


def test_the_list_filters_by_state_session_and_programme(seats):
    accepted = apply(seats, seats.people[0])
    as_provider(seats, accepted, State.ACCEPTED)
    submitted = apply(seats, seats.people[1])
    elsewhere = apply(seats, seats.people[2], session=seats.overlapping)
    counsellor = signed_in(seats.counsellor)
    url = reverse("api:application_list")

    def ids(**params):
        return {item["id"] for item in counsellor.get(url, params).json()["items"]}

    assert ids(state="accepted") == {accepted.public_id}
    assert ids(state="submitted") == {submitted.public_id, elsewhere.public_id}
    assert ids(session=seats.overlapping.pk) == {elsewhere.public_id}
    assert ids(programme="tailoring") == {accepted.public_id, submitted.public_id}
    assert ids(programme="tailoring", state="submitted") == {submitted.public_id}


@pytest.mark.parametrize(
    "params",
    [
        {"state": "approved"},
        {"state": "accepted\x00"},
        {"session": "9223372036854775808"},
        {"session": "abc"},
        {"programme": "<script>"},
        {"role": "admin"},
        {"limit": "0"},
        {"offset": "1000001"},
        {"colour": "red"},
    ],
)
def test_bad_list_questions_are_a_400(seats, params):
    response = signed_in(seats.counsellor).get(reverse("api:application_list"), params)
    assert response.status_code == 400 and response.json()["detail"]


def test_an_unknown_state_names_the_states(seats):
    response = signed_in(seats.counsellor).get(reverse("api:application_list"), {"state": "approved"})
    assert response.json()["detail"].startswith("Unknown state. Choose one of: submitted, under_review")


def test_the_provider_list_reads_a_page_in_a_few_queries(seats, django_assert_max_num_queries):
    for beneficiary in seats.people:
        apply(seats, beneficiary)
    client = signed_in(seats.provider_staff)
    client.get(reverse("api:application_list"))  # the session's first read
    # Session, user, device, roles, count, page, languages, documents; one audit line per application read.
    with django_assert_max_num_queries(16 + len(seats.people)):
        response = client.get(reverse("api:application_list"))
    assert response.json()["count"] == len(seats.people)


# One application


def test_the_detail_carries_the_log_oldest_first_and_the_read_is_audited(seats, openapi):
    application = apply(seats, seats.people[0])
    as_provider(seats, application, State.UNDER_REVIEW)
    response = signed_in(seats.provider_staff).get(detail_url(application))
    assert response.status_code == 200
    history = response.json()["history"]
    assert [(e["from"], e["to"], e["role"]) for e in history] == [
        (None, "submitted", "counsellor"),
        ("submitted", "under_review", "provider"),
    ]
    assert set(history[0]) == {"from", "to", "at", "role", "reason", "reason_label", "note"}
    conforms(openapi, "/api/v1/applications/{application_id}", response)
    assert AuditEvent.objects.filter(action=AuditAction.APPLICATION_READ, object_id=application.public_id).exists()


def test_a_refused_read_is_audited_and_answered_as_missing(seats):
    application = apply(seats, seats.people[0])
    response = signed_in(seats.other_staff).get(detail_url(application))
    assert response.status_code == 404 and response.json()["detail"]
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED, object_id=application.public_id).exists()


@pytest.mark.parametrize("public_id", ["nothing", "a" * 23, "abc\x00", "<b>", "9223372036854775808"])
def test_odd_application_ids_are_a_404_or_a_400(seats, public_id):
    client = signed_in(seats.provider_staff)
    assert client.get(detail_url(public_id)).status_code in {400, 404}
    url = reverse("api:application_transition", kwargs={"application_id": public_id})
    assert post(client, url, {"to": "accepted"}).status_code in {400, 404}


def test_anonymous_callers_are_asked_to_sign_in(seats):
    application = apply(seats, seats.people[0])
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert anonymous.get(reverse("api:application_list")).status_code == 401
    assert anonymous.get(detail_url(application)).status_code == 401
    response = move(anonymous, application, to="accepted")
    assert response.status_code == 401
    assert response.json()["detail"] == "Sign in with a staff account to use this operation."


def test_a_person_without_a_staff_role_gets_404(seats):
    application = apply(seats, seats.people[0])
    nobody = signed_in(f.UserFactory())
    assert nobody.get(reverse("api:application_list")).status_code == 404
    assert nobody.get(detail_url(application)).status_code == 404
    assert move(nobody, application, to="withdrawn").status_code == 404


# What provider staff never receive


def test_provider_answers_never_carry_nationality_residence_documents_contacts_or_notes(seats):
    beneficiary = person(
        seats.desk,
        first_name="Mariam",
        nationality="Sénégal",
        email="mariam@example.org",
        phone="+212600000123",
        residence_document_number="RC7654321Z",
    )
    f.NoteFactory(beneficiary=beneficiary, text="Speaks of a difficult landlord")
    application = apply(seats, beneficiary)
    withdrawn = apply(seats, seats.people[0])
    counsellor = signed_in(seats.counsellor)
    assert move(counsellor, withdrawn, to="withdrawn", note="Private desk note about health").status_code == 200
    provider = signed_in(seats.provider_staff)
    answers = [
        provider.get(reverse("api:application_list")),
        provider.get(detail_url(application)),
        provider.get(detail_url(withdrawn)),
        move(provider, application, to="under_review"),
        move(provider, application, to="accepted"),
    ]
    assert all(answer.status_code == 200 for answer in answers), [a.content for a in answers]
    text = " ".join(answer.content.decode() for answer in answers)
    assert "Mariam" in text, "the control: the person is there"
    for secret in (
        "Sénégal",
        "S\\u00e9n\\u00e9gal",
        "mariam@example.org",
        "600000123",
        "RC7654321Z",
        "difficult landlord",
        "Private desk note",
        beneficiary.public_id,
        beneficiary.file_number,
    ):
        assert secret not in text, secret
    for key in ("nationality", "residence_status", "residence_document_number", "phone", "email", "address"):
        assert f'"{key}"' not in text, key


def test_the_desk_reads_its_own_notes_in_the_log(seats):
    application = apply(seats, seats.people[0])
    counsellor = signed_in(seats.counsellor)
    move(counsellor, application, to="withdrawn", note="She found a job nearer home")
    history = counsellor.get(detail_url(application)).json()["history"]
    assert history[-1]["note"] == "She found a job nearer home"
    assert (history[-1]["to"], history[-1]["reason"]) == ("withdrawn", "by_counsellor")


# Moves


def test_provider_staff_accept_and_a_second_accept_is_a_409_that_says_it_was_decided(seats, openapi):
    application = apply(seats, seats.people[0])
    provider = signed_in(seats.provider_staff)
    response = move(provider, application, to="accepted")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "accepted" and response.json()["history"][-1]["to"] == "accepted"
    conforms(openapi, "/api/v1/applications/{application_id}/transitions", response, "post")
    again = move(provider, application, to="accepted")
    assert again.status_code == 409
    assert again.json()["detail"].startswith("Already decided: accepted on ")
    conforms(openapi, "/api/v1/applications/{application_id}/transitions", again, "post")
    assert ApplicationEvent.objects.filter(to_state=State.ACCEPTED).count() == 1
    assert Session.objects.get(pk=seats.session.pk).seats_taken == 1


def test_an_accept_with_no_seat_left_is_a_409_and_the_provider_can_wait_list_instead(seats):
    for beneficiary in seats.people[:2]:
        as_provider(seats, apply(seats, beneficiary), State.ACCEPTED)
    third = apply(seats, seats.people[2])
    provider = signed_in(seats.provider_staff)
    response = move(provider, third, to="accepted")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("No seat left in this session.")
    assert Application.objects.get(pk=third.pk).state == State.SUBMITTED
    wait_listed = move(provider, third, to="wait_listed")
    assert wait_listed.status_code == 200
    assert (wait_listed.json()["state"], wait_listed.json()["wait_list_position"]) == ("wait_listed", 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"to": "refused"}, "Choose a reason from the list."),
        ({"to": "refused", "reason": "found_work"}, "This reason does not fit this step; choose one from the list."),
        ({"to": "refused", "reason": "nonsense"}, "This reason does not fit this step; choose one from the list."),
        ({"to": "approved"}, "Unknown state."),
        # A NUL anywhere is refused at the edge (core/nul.py), before the move is looked at.
        ({"to": "accepted\x00"}, "The request is malformed."),
        ({"to": "refused", "reason": "other", "note": "a\x00b"}, "The request is malformed."),
    ],
)
def test_a_bad_reason_or_state_is_a_400_and_changes_nothing(seats, data, message):
    application = apply(seats, seats.people[0])
    response = move(signed_in(seats.provider_staff), application, **data)
    assert response.status_code == 400 and response.json()["detail"] == message
    assert Application.objects.get().state == State.SUBMITTED and ApplicationEvent.objects.count() == 1


@pytest.mark.parametrize(
    "data", [{}, {"to": 5}, {"to": "accepted", "note": "x" * 1001}, {"to": "accepted", "by": "me"}, {"to": None}]
)
def test_a_malformed_move_is_a_422(seats, data):
    application = apply(seats, seats.people[0])
    response = move(signed_in(seats.provider_staff), application, **data)
    assert response.status_code == 422 and response.json()["detail"]
    assert Application.objects.get().state == State.SUBMITTED


def test_a_refusal_takes_its_reason_and_the_provider_reads_back_its_own_note(seats):
    application = apply(seats, seats.people[0])
    provider = signed_in(seats.provider_staff)
    response = move(provider, application, to="refused", reason="documents_missing", note="Passport copy missing")
    assert response.status_code == 200
    body = response.json()
    assert (body["reason"], body["reason_label"]) == ("documents_missing", "Documents missing")
    assert body["history"][-1]["note"] == "Passport copy missing"


def test_the_counsellor_withdraws_and_answers_an_offer_but_does_not_decide(seats):
    counsellor = signed_in(seats.counsellor)
    application = apply(seats, seats.people[0])
    refused = move(counsellor, application, to="accepted")
    assert refused.status_code == 409 and "not possible now" in refused.json()["detail"]
    # Full session: the third is wait-listed, then offered the seat the first one frees.
    first, second = apply(seats, seats.people[1]), apply(seats, seats.people[2])
    as_provider(seats, first, State.ACCEPTED)
    as_provider(seats, second, State.ACCEPTED)
    as_provider(seats, application, State.WAIT_LISTED)
    assert move(counsellor, first, to="withdrawn").status_code == 200
    assert Application.objects.get(pk=application.pk).state == State.OFFERED
    answered = move(counsellor, application, to="accepted")
    assert answered.status_code == 200 and answered.json()["state"] == "accepted"
    assert answered.json()["history"][-1]["role"] == "counsellor"


def test_a_user_with_both_roles_acts_as_provider_on_their_provider_and_as_counsellor_elsewhere(seats):
    both = seats.provider_staff
    f.StaffRoleFactory(user=both, desk=seats.desk)
    own_provider = apply(seats, seats.people[0])
    other_provider = apply(seats, seats.people[1], session=seats.overlapping)
    client = signed_in(both)
    assert client.get(detail_url(own_provider)).json()["view"] == "provider"
    assert client.get(detail_url(other_provider)).json()["view"] == "desk"
    accepted = move(client, own_provider, to="accepted")
    assert accepted.status_code == 200 and accepted.json()["history"][-1]["role"] == "provider"
    elsewhere = move(client, other_provider, to="accepted")
    assert elsewhere.status_code == 409, "a counsellor does not decide for another provider"
    withdrawn = move(client, other_provider, to="withdrawn")
    assert withdrawn.status_code == 200 and withdrawn.json()["history"][-1]["role"] == "counsellor"
    url = reverse("api:application_list")
    assert client.get(url).json()["items"][0]["view"] == "provider"
    assert {i["view"] for i in client.get(url, {"role": "counsellor"}).json()["items"]} == {"desk"}
