"""The orientation API: the questionnaire as data, recommendations and eligibility, as the OpenAPI document says."""

from __future__ import annotations

import copy

import pytest
from jsonschema import Draft202012Validator

from catalog.models import Trade
from orientation import questionnaire
from orientation.interests import ACTIVITIES
from orientation.profile import INTEREST_ANSWERS

RECOMMENDATIONS = "/api/v1/orientation/recommendations"
ELIGIBILITY = "/api/v1/orientation/eligibility"
QUESTIONNAIRE = "/api/v1/orientation/questionnaire"


@pytest.fixture
def demo(demo_network) -> None:
    """The demo network: the cities, trades and papers the OpenAPI examples name (loaded once, shared)."""


@pytest.fixture(scope="module")
def openapi(django_db_blocker) -> dict:
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get("/api/openapi.json").json()


def _schema(openapi: dict, schema: dict) -> Draft202012Validator:
    return Draft202012Validator({**schema, "components": openapi["components"]})


def _response_schema(openapi: dict, path: str, method: str, status: str = "200") -> Draft202012Validator:
    operation = openapi["paths"][path][method]
    return _schema(openapi, operation["responses"][status]["content"]["application/json"]["schema"])


def _request_schema(openapi: dict, path: str) -> dict:
    schema = openapi["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = openapi["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _example(openapi: dict, path: str) -> dict:
    return copy.deepcopy(_request_schema(openapi, path)["examples"][0])


def _post(client, path: str, body, **query):
    url = path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    return client.post(url, body, content_type="application/json")


@pytest.mark.parametrize("path", [RECOMMENDATIONS, ELIGIBILITY])
def test_openapi_example_of_each_orientation_endpoint_is_a_complete_profile_that_validates_and_answers_200(
    client, demo, openapi, path
):
    example = _example(openapi, path)
    _schema(openapi, _request_schema(openapi, path)).validate(example)
    profile_fields = set(openapi["components"]["schemas"]["ProfileIn"]["properties"])
    assert set(example["profile"]) == profile_fields
    response = _post(client, path, example)
    assert response.status_code == 200, response.json()
    _response_schema(openapi, path, "post").validate(response.json())


def test_recommendations_rank_trades_and_programmes_with_reasons_in_the_language_asked(client, demo, openapi):
    example = _example(openapi, RECOMMENDATIONS)
    example["lang"] = "en"
    body = _post(client, RECOMMENDATIONS, example).json()
    assert body["trades"][0]["trade"]["slug"] == "tailoring"
    assert "You like sewing." in body["trades"][0]["reasons"]
    scores = [p["score"] for p in body["programmes"]]
    assert scores == sorted(scores, reverse=True)
    first = body["programmes"][0]
    assert first["score"] == pytest.approx(sum(c["points"] for c in first["contributions"]), abs=0.05)
    assert {c["status"] for p in body["programmes"] for c in p["eligibility"]} <= {"met", "not_met", "unknown"}

    example["lang"] = "ar"
    arabic = _post(client, RECOMMENDATIONS, example).json()
    assert arabic["trades"][0]["trade"]["name"] == "الخياطة"
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic["trades"][0]["reasons"][0])


def test_language_can_also_be_asked_in_the_query(client, demo, openapi):
    example = _example(openapi, RECOMMENDATIONS)
    del example["lang"]
    body = _post(client, RECOMMENDATIONS, example, lang="ar").json()
    assert body["trades"][0]["trade"]["name"] == "الخياطة"


def test_same_profile_gives_the_same_ranking(client, demo, openapi):
    example = _example(openapi, RECOMMENDATIONS)
    first = _post(client, RECOMMENDATIONS, example).json()
    second = _post(client, RECOMMENDATIONS, example).json()
    assert first == second
    assert [t["trade"]["slug"] for t in first["trades"]]


def test_an_empty_profile_is_valid_and_gets_every_trade(client, demo):
    response = _post(client, RECOMMENDATIONS, {"profile": {}})
    assert response.status_code == 200
    assert len(response.json()["trades"]) == Trade.objects.count() > 0


@pytest.mark.parametrize(
    ("profile_change", "field"),
    [
        ({"interests": {"sew": "love"}}, "profile.interests.sew"),
        ({"interests": {"juggle": "like"}}, "profile.interests.juggle.[key]"),
        ({"schooling": 99}, "profile.schooling"),
        ({"birth_year": 1700}, "profile.birth_year"),
        ({"times": ["mornings"]}, "profile.times.0"),
        ({"residence_card_expires": "next year"}, "profile.residence_card_expires"),
        ({"speaks": {"fr": 5}}, "profile.speaks.fr"),
        ({"nationality": "MA"}, "profile.nationality"),
        ({"constraints_note": "x" * 201}, "profile.constraints_note"),
    ],
)
def test_invalid_profile_gets_422_naming_the_field(client, catalogue, openapi, profile_change, field):
    example = _example(openapi, RECOMMENDATIONS)
    example["profile"].update(profile_change)
    response = _post(client, RECOMMENDATIONS, example)
    assert response.status_code == 422
    body = response.json()
    _response_schema(openapi, RECOMMENDATIONS, "post", "422").validate(body)
    assert body["detail"] == "Certaines réponses ne sont pas valides."
    assert field in body["errors"], body["errors"]


def test_a_wrong_answer_says_which_answers_are_allowed(client, catalogue):
    response = _post(client, RECOMMENDATIONS, {"profile": {"interests": {"sew": "love"}}, "lang": "en"})
    message = response.json()["errors"]["profile.interests.sew"][0]
    assert all(answer in message for answer in INTEREST_ANSWERS)


@pytest.mark.parametrize(
    ("profile_change", "field"),
    [
        ({"city": "atlantis"}, "profile.city"),
        ({"experience": {"astronaut": "gt3"}}, "profile.experience"),
        ({"documents": ["golden-ticket"]}, "profile.documents"),
        ({"speaks": {"xx": 2}}, "profile.speaks"),
    ],
)
def test_answers_naming_what_the_catalogue_does_not_hold_get_422(client, catalogue, profile_change, field):
    response = _post(client, RECOMMENDATIONS, {"profile": profile_change, "lang": "fr"})
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_missing_profile_gets_422(client, catalogue):
    response = _post(client, RECOMMENDATIONS, {"lang": "fr"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"profile": ["Ce champ est obligatoire."]}


@pytest.mark.parametrize(
    "body",
    [
        "not json at all",
        "[]",
        "null",
        '{"profile": []}',
        '{"profile": {"interests": []}}',
        '{"profile": {"birth_year": "nineteen"}}',
        '{"profile": {"documents": "passport"}}',
        '{"profile": {}, "lang": "de"}',
        '{"profile": {"experience": {"tailoring": null}}}',
        "{" * 5000,
    ],
)
@pytest.mark.parametrize("path", [RECOMMENDATIONS, ELIGIBILITY])
def test_bad_input_is_a_client_error_never_a_server_error(client, catalogue, path, body):
    response = client.post(path, body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_unknown_query_parameter_or_language_is_400(client, catalogue):
    assert _post(client, RECOMMENDATIONS, {"profile": {}}, page="2").status_code == 400
    assert _post(client, RECOMMENDATIONS, {"profile": {}}, lang="de").status_code == 400


def test_eligibility_for_a_programme_says_each_criterion(client, demo, today):
    profile = {"birth_year": today.year - 11, "schooling": 5}
    response = _post(client, ELIGIBILITY, {"profile": profile, "programme": "isat-jewellery-qualification"})
    assert response.status_code == 200
    criteria = {c["key"]: c for c in response.json()["eligibility"]}
    assert criteria["age"]["status"] == "not_met"
    assert criteria["age"]["text"] == "Vous devez avoir au moins 15 ans."
    assert criteria["schooling"]["status"] == "met"
    assert criteria["residence"]["status"] == "unknown"
    assert response.json()["session"] is None


def test_eligibility_for_a_session_adds_its_deadline_and_seats(client, demo):
    detail = client.get("/api/v1/programmes/isat-jewellery-qualification?lang=en").json()
    start = detail["sessions"][0]["start_date"]
    response = _post(
        client,
        ELIGIBILITY,
        {"profile": {}, "programme": "isat-jewellery-qualification", "session_start": start, "lang": "en"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["session"]["start_date"] == start
    session = next(c for c in body["eligibility"] if c["key"] == "session")
    assert f"{detail['sessions'][0]['seats_left']} places left" in session["text"]
    assert {c["status"] for c in body["eligibility"] if c["key"] != "session"} == {"unknown"}


@pytest.mark.parametrize(
    "target",
    [{"programme": "no-such-programme"}, {"programme": "isat-jewellery-qualification", "session_start": "2001-01-01"}],
)
def test_eligibility_for_an_unknown_programme_or_session_is_404(client, catalogue, target):
    response = _post(client, ELIGIBILITY, {"profile": {}, **target})
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_questionnaire_lists_every_step_and_question_in_the_language_asked(client, demo, openapi, lang):
    response = client.get(f"{QUESTIONNAIRE}?lang={lang}")
    assert response.status_code == 200
    body = response.json()
    _response_schema(openapi, QUESTIONNAIRE, "get").validate(body)
    assert [s["slug"] for s in body["steps"]] == [s.slug for s in questionnaire.STEPS]
    interests = body["steps"][0]["questions"]
    assert [q["profile_key"] for q in interests] == [f"interests.{a.slug}" for a in ACTIVITIES]
    assert [o["value"] for o in interests[0]["options"]] == list(INTEREST_ANSWERS)
    assert interests[0]["pictogram"] == ACTIVITIES[0].pictogram
    assert body["sprite"].endswith(".svg")
    expected_title = {"fr": "Qu'aimez-vous faire ?", "ar": "ماذا تحب أن تفعل؟", "en": "What do you like to do?"}
    assert body["steps"][0]["title"] == expected_title[lang]


def test_questionnaire_answers_fill_a_profile_the_recommendations_accept(client, demo):
    """A front end can build the profile from the questionnaire alone: first option of every question."""
    steps = client.get(f"{QUESTIONNAIRE}?lang=en").json()["steps"]
    profile: dict = {}
    for question in (q for step in steps for q in step["questions"]):
        head, _dot, tail = question["profile_key"].partition(".")
        if question["kind"] == "one" and question["options"]:
            value = question["options"][0]["value"]
        elif question["kind"] == "many":
            value = [question["options"][0]["value"]]
        else:
            continue
        if tail:
            profile.setdefault(head, {})[tail] = value
        else:
            profile[head] = value
    response = _post(client, RECOMMENDATIONS, {"profile": profile})
    assert response.status_code == 200, response.json()


def test_questionnaire_with_a_bad_language_is_400(client, catalogue):
    assert client.get(f"{QUESTIONNAIRE}?lang=de").status_code == 400


@pytest.mark.parametrize("expires", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("path", [RECOMMENDATIONS, ELIGIBILITY])
def test_a_card_date_out_of_plausible_bounds_gets_422_naming_the_field(client, catalogue, path, expires):
    profile = {"residence_card": "card", "residence_card_expires": expires}
    body = {"profile": profile, "lang": "en"} | ({"programme": "any"} if path == ELIGIBILITY else {})
    response = _post(client, path, body)
    assert response.status_code == 422
    assert "profile.residence_card_expires" in response.json()["errors"]


def test_answers_copied_with_bidi_controls_are_understood_without_them(client, catalogue):
    """A slug copied from a right-to-left screen often carries invisible controls: they are removed, not refused."""
    profile = {"city": "\u202bcasablanca\u202c", "constraints_note": "\u202eevening only"}
    body = {"profile": profile, "programme": "\u2066jewellery-qualification\u2069\u200f", "lang": "en"}
    response = _post(client, ELIGIBILITY, body)
    assert response.status_code == 200, response.json()
    assert response.json()["programme"]["slug"] == "jewellery-qualification"
    assert _post(client, RECOMMENDATIONS, {"profile": profile, "lang": "en"}).status_code == 200
