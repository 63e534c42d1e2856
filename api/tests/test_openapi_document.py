"""The OpenAPI document tells the truth: what it declares is what is sent, and what is refused is declared.

Answers are validated with formats checked (``jsonschema_rs``, as
schemathesis does), so a value such as a time without an offset cannot pass
as ``format: time``.
"""

from __future__ import annotations

import jsonschema_rs
import pytest
from ninja import Schema

from api.common import MAX_LIMIT, MAX_OFFSET
from catalog.forms import MAX_WEEKS
from catalog.models import ScheduleKind
from people.tests.staff import staff_sign_in
from search.selectors import MAX_QUERY_LENGTH

LISTS = ["/api/v1/trades", "/api/v1/programmes", "/api/v1/desks", "/api/v1/providers", "/api/v1/search"]
FILTERED = ["/api/v1/programmes", "/api/v1/search"]
RECOMMENDATIONS = "/api/v1/orientation/recommendations"


@pytest.fixture(scope="module")
def openapi(django_db_blocker) -> dict:
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get("/api/openapi.json").json()


def _component(openapi: dict, name: str) -> dict:
    return openapi["components"]["schemas"][name]


def _validate(openapi: dict, path: str, body: dict, status: str = "200", method: str = "get") -> None:
    schema = openapi["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
    jsonschema_rs.validator_for({**schema, "components": openapi["components"]}, validate_formats=True).validate(body)


def _parameter(openapi: dict, path: str, name: str) -> dict:
    return next(p for p in openapi["paths"][path]["get"]["parameters"] if p["name"] == name)


def _subclasses(cls: type) -> list[type]:
    return [cls, *(sub for direct in cls.__subclasses__() for sub in _subclasses(direct))]


def test_no_two_schemas_of_the_api_share_a_name():
    """The document keys schemas by class name: a second class of one name silently replaces the first."""
    import api.api  # noqa: F401  (every router and its schemas)

    names = [cls.__name__ for cls in _subclasses(Schema) if cls.__module__.startswith("api.")]
    assert sorted(name for name in set(names) if names.count(name) > 1) == []


def test_the_referral_answer_documents_only_the_criterion_fields_it_sends(client, network, openapi):
    staff_sign_in(client, network.provider_staff)
    body = client.get(f"/api/v1/referrals/{network.casablanca_application.public_id}").json()
    _validate(openapi, "/api/v1/referrals/{referral_id}", body)
    criterion = _component(openapi, "ReferralOut")["properties"]["eligibility"]["items"]["$ref"].rsplit("/", 1)[1]
    assert set(_component(openapi, criterion)["properties"]) == {"key", "label", "status"}


def test_the_orientation_answer_still_documents_the_criterion_text_and_whether_it_blocks(openapi):
    criterion = _component(openapi, "EligibilityOut")["properties"]["eligibility"]["items"]["$ref"].rsplit("/", 1)[1]
    assert {"text", "blocking"} <= set(_component(openapi, criterion)["required"])


def test_opening_hours_are_documented_as_the_local_time_they_are_sent_in(client, catalogue, openapi):
    body = client.get("/api/v1/desks").json()
    assert body["items"][0]["opening_hours"], "the control: a desk with opening hours"
    _validate(openapi, "/api/v1/desks", body)


@pytest.mark.parametrize("path", LISTS)
def test_every_list_documents_its_paging_bounds(openapi, path):
    limit, offset = _parameter(openapi, path, "limit")["schema"], _parameter(openapi, path, "offset")["schema"]
    assert (limit["minimum"], limit["maximum"]) == (1, MAX_LIMIT)
    assert (offset["minimum"], offset["maximum"]) == (0, MAX_OFFSET)


@pytest.mark.parametrize("path", FILTERED)
def test_the_programme_filters_document_their_values(openapi, path):
    starts_within = _parameter(openapi, path, "starts_within")["schema"]
    assert (starts_within["minimum"], starts_within["maximum"]) == (1, MAX_WEEKS)
    assert _parameter(openapi, path, "schedule")["schema"]["enum"] == list(ScheduleKind.values)
    for name in ("trade", "region", "city", "language"):
        assert "pattern" in _parameter(openapi, path, name)["schema"], name


def test_the_search_words_are_documented_as_required_and_not_empty(openapi):
    q = _parameter(openapi, "/api/v1/search", "q")
    assert q["required"] is True
    assert (q["schema"]["minLength"], q["schema"]["maxLength"]) == (1, MAX_QUERY_LENGTH)


def test_a_search_without_words_is_refused_naming_the_parameter(client, catalogue):
    body = client.get("/api/v1/search", {"lang": "en"}).json()
    assert body["errors"] == {"q": ["This parameter is required."]}


def test_the_profile_documents_city_and_paper_values_as_catalogue_slugs(openapi):
    profile = _component(openapi, "ProfileIn")["properties"]
    city = next(s for s in profile["city"]["anyOf"] if s.get("type") == "string")
    documents = next(s for s in profile["documents"]["anyOf"] if s.get("type") == "array")
    assert city["pattern"] == documents["items"]["pattern"]


@pytest.mark.parametrize("expires", [0, 1893456000, "1893456000", "2030-06-30T00:00:00"])
def test_a_card_date_that_is_not_an_iso_date_is_refused_not_read_as_a_timestamp(client, catalogue, expires):
    profile = {"residence_card": "card", "residence_card_expires": expires}
    response = client.post(RECOMMENDATIONS, {"profile": profile, "lang": "en"}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"]["profile.residence_card_expires"] == [
        "Write the date as year-month-day, for example 2030-06-30."
    ]


def test_a_card_date_out_of_bounds_says_which_dates_are_accepted(client, catalogue):
    profile = {"residence_card": "card", "residence_card_expires": "9999-12-31"}
    response = client.post(RECOMMENDATIONS, {"profile": profile, "lang": "en"}, content_type="application/json")
    [message] = response.json()["errors"]["profile.residence_card_expires"]
    assert message.startswith("Give a date between ")


def test_an_anonymous_caller_of_the_referrals_is_asked_to_sign_in_as_the_document_says(client, network, openapi):
    for path, url in [
        ("/api/v1/referrals", "/api/v1/referrals"),
        ("/api/v1/referrals/{referral_id}", f"/api/v1/referrals/{network.casablanca_application.public_id}"),
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 401
        assert response.json()["detail"] == "Sign in with a staff account to use this operation."
        _validate(openapi, path, response.json(), "401")


def test_a_signed_in_caller_without_the_role_gets_the_documented_404(client, network, openapi):
    staff_sign_in(client, network.casablanca_counsellor)
    response = client.get("/api/v1/referrals")
    assert response.status_code == 404
    _validate(openapi, "/api/v1/referrals", response.json(), "404")


@pytest.mark.parametrize("referral_id", ["9223372036854775808", "1" + "0" * 30, "0"])
def test_a_referral_id_beyond_any_record_is_a_client_error_never_a_500(client, network, referral_id):
    staff_sign_in(client, network.provider_staff)
    response = client.get(f"/api/v1/referrals/{referral_id}")
    assert response.status_code in {400, 404}
    assert response.json()["detail"]
