"""A session's seats in the API: public figures without names; its capacity changed by its provider's staff."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from applications.models import State
from applications.tests.api_calls import conforms, signed_in
from applications.tests.conftest import apply, as_provider
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


def figures_url(session_id) -> str:
    return reverse("api:session_figures", kwargs={"session_id": session_id})


def patch(client: Client, session_id, data: dict):
    return client.patch(figures_url(session_id), json.dumps(data), content_type="application/json")


def test_anyone_reads_a_sessions_seats_and_how_many_wait_without_names(seats, openapi):
    for beneficiary in seats.people[:2]:
        as_provider(seats, apply(seats, beneficiary), State.ACCEPTED)
    as_provider(seats, apply(seats, seats.people[2]), State.WAIT_LISTED)
    response = Client().get(figures_url(seats.session.pk))
    assert response.status_code == 200
    assert response.json() == {"id": seats.session.pk, "capacity": 2, "seats_taken": 2, "seats_left": 0, "wait_list": 1}
    conforms(openapi, "/api/v1/sessions/{session_id}", response)
    assert "Person" not in response.content.decode()


@pytest.mark.parametrize("session_id", ["999999", "0", "9223372036854775808", "-3", "abc", "1e9"])
def test_an_unknown_or_odd_session_is_a_404_or_a_400(seats, session_id):
    response = Client().get(f"/api/v1/sessions/{session_id}")
    assert response.status_code in {400, 404} and response.json()["detail"]


def test_a_session_of_an_unpublished_programme_is_not_shown(seats):
    hidden = cf.SessionFactory(programme=cf.ProgrammeFactory(provider=seats.provider, is_published=False))
    assert Client().get(figures_url(hidden.pk)).status_code == 404


def test_the_provider_raises_the_capacity_and_the_first_waiting_person_is_offered_the_seat(seats, openapi):
    for beneficiary in seats.people[:2]:
        as_provider(seats, apply(seats, beneficiary), State.ACCEPTED)
    waiting = apply(seats, seats.people[2])
    as_provider(seats, waiting, State.WAIT_LISTED)
    response = patch(signed_in(seats.provider_staff), seats.session.pk, {"capacity": 3})
    assert response.status_code == 200, response.content
    assert response.json() == {"id": seats.session.pk, "capacity": 3, "seats_taken": 3, "seats_left": 0, "wait_list": 0}
    conforms(openapi, "/api/v1/sessions/{session_id}", response, "patch")
    waiting.refresh_from_db()
    assert waiting.state == State.OFFERED
    assert AuditEvent.objects.filter(action=AuditAction.SESSION_CAPACITY, object_id=str(seats.session.pk)).exists()


def test_lowering_below_the_seats_taken_is_a_409_that_says_how_many_are_taken(seats):
    for beneficiary in seats.people[:2]:
        as_provider(seats, apply(seats, beneficiary), State.ACCEPTED)
    response = patch(signed_in(seats.provider_staff), seats.session.pk, {"capacity": 1})
    assert response.status_code == 409
    assert response.json()["detail"] == "2 seats are already taken: the capacity cannot be lower."
    assert Session.objects.get(pk=seats.session.pk).capacity == 2


@pytest.mark.parametrize("capacity", [0, -1, 10_001, 2**63, 10**40])
def test_a_capacity_out_of_range_is_a_400(seats, capacity):
    response = patch(signed_in(seats.provider_staff), seats.session.pk, {"capacity": capacity})
    assert response.status_code == 400
    assert response.json()["detail"] == "The capacity is a whole number from 1 to 10000."
    assert Session.objects.get(pk=seats.session.pk).capacity == 2


@pytest.mark.parametrize("data", [{}, {"capacity": "5"}, {"capacity": 2.5}, {"capacity": True}, {"capacity": None}])
def test_a_capacity_that_is_not_a_whole_number_is_a_422(seats, data):
    response = patch(signed_in(seats.provider_staff), seats.session.pk, data)
    assert response.status_code == 422 and response.json()["detail"]
    assert Session.objects.get(pk=seats.session.pk).capacity == 2


def test_only_the_sessions_provider_changes_its_capacity(seats):
    data = {"capacity": 5}
    assert patch(Client(), seats.session.pk, data).status_code == 401
    for user in (seats.other_staff, seats.counsellor, f.UserFactory()):
        response = patch(signed_in(user), seats.session.pk, data)
        assert response.status_code == 404 and response.json()["detail"]
    assert patch(signed_in(seats.provider_staff), 9_999_999, data).status_code == 404
    assert Session.objects.get(pk=seats.session.pk).capacity == 2


def test_the_sessions_of_a_programme_carry_their_id(seats, client):
    body = client.get("/api/v1/programmes/tailoring").json()
    assert [s["id"] for s in body["sessions"]] == [seats.session.pk]
    assert set(body["sessions"][0]) == {
        "id",
        "start_date",
        "end_date",
        "application_deadline",
        "capacity",
        "seats_left",
        "is_open",
    }
    assert "id" not in body["next_session"]


def test_the_openapi_document_lists_the_applications_and_sessions_routes(openapi):
    paths = openapi["paths"]
    assert set(paths["/api/v1/applications"]) == {"get", "post"}
    assert set(paths["/api/v1/applications/{application_id}"]) == {"get"}
    assert set(paths["/api/v1/applications/{application_id}/transitions"]) == {"post"}
    assert set(paths["/api/v1/sessions/{session_id}"]) == {"get", "patch"}
    transition = paths["/api/v1/applications/{application_id}/transitions"]["post"]["responses"]
    assert {"200", "400", "401", "404", "409"} <= set(transition)
    history = openapi["components"]["schemas"]["HistoryEventOut"]["properties"]
    assert {"from", "to", "at", "role", "reason"} <= set(history)


@pytest.mark.parametrize(
    ("lang", "detail"), [("fr", "Aucune session n'a cet identifiant."), ("ar", "لا توجد أي دورة بهذا المعرّف.")]
)
def test_a_refusal_is_in_the_language_asked(seats, lang, detail):
    response = Client().get(figures_url(9_999_999), {"lang": lang})
    assert response.status_code == 404 and response.json()["detail"] == detail
