"""GET /api/v1/desks/{slug}/queue: the now-serving state, public, with numbers and counters only."""

from __future__ import annotations

import datetime

from django.urls import reverse

from appointments import queue
from core.actor import Actor

PHONE = "+212612345678"


def _url(slug: str) -> str:
    return reverse("api:desk_queue", kwargs={"slug": slug})


def test_the_queue_of_a_desk_says_who_is_called_where_how_many_wait_and_how_long(client, desk_day):
    for _ in range(3):
        queue.ticket_issue(desk=desk_day.desk, reason=desk_day.reason, language="fr", phone=PHONE)
    called = queue.ticket_call_next(actor=Actor(user=desk_day.counsellors[0]), desk=desk_day.desk, counter="Bureau 2")
    queue.ticket_attach(actor=Actor(user=desk_day.counsellors[0]), ticket=called, beneficiary=desk_day.person)
    response = client.get(_url(desk_day.desk.slug))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"desk", "serving", "waiting", "estimated_wait_minutes", "updated_at"}
    assert body["desk"] == desk_day.desk.slug
    assert body["serving"] == [{"number": 1, "counter": "Bureau 2", "status": "called"}]
    assert body["waiting"] == 2
    assert body["estimated_wait_minutes"] == 2 * queue.DEFAULT_SERVICE_MINUTES
    assert datetime.datetime.fromisoformat(body["updated_at"]).tzinfo is not None
    text = response.content.decode()
    for secret in (PHONE, desk_day.person.first_name, desk_day.person.file_number, called.public_id):
        assert secret not in text


def test_the_queue_is_never_served_stale_from_a_cache(client, desk_day):
    response = client.get(_url(desk_day.desk.slug))
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_an_empty_queue(client, desk_day):
    body = client.get(_url(desk_day.desk.slug)).json()
    assert body["serving"] == [] and body["waiting"] == 0 and body["estimated_wait_minutes"] == 0


def test_an_unknown_desk_is_a_404_in_the_apis_error_shape(client, db):
    response = client.get(_url("no-such-desk"), {"lang": "fr"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Aucun guichet n'a cet identifiant.", "errors": {}}


def test_an_unknown_parameter_is_a_400(client, desk_day):
    response = client.get(_url(desk_day.desk.slug), {"since": "9999-12-31"})
    assert response.status_code == 400 and "since" in response.json()["errors"]


def test_odd_slugs_are_a_404_not_a_500(client, db):
    for slug in ("x" * 5000, "%00", "'; DROP TABLE x; --"):
        assert client.get(f"/api/v1/desks/{slug}/queue").status_code in {400, 404}


def test_the_openapi_document_describes_the_queue(client, db):
    document = client.get("/api/openapi.json").json()
    operation = document["paths"]["/api/v1/desks/{slug}/queue"]["get"]
    assert set(operation["responses"]) == {"200", "400", "404"}
