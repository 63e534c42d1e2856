"""Eligibility: each criterion met, not met or unknown, with its sentence."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from catalog.tests import factories as f
from orientation.eligibility import MET, NOT_MET, UNKNOWN, eligibility_check
from orientation.profile import Profile

TODAY = datetime.date(2026, 3, 2)


def verdicts(results) -> dict[str, str]:
    return {result.key: result.status for result in results}


def check(profile: Profile, programme, session=None, lang: str = "en"):
    with translation.override(lang):
        return {
            result.key: result
            for result in eligibility_check(profile=profile, programme=programme, session=session, today=TODAY)
        }


@pytest.fixture
def programme(db):
    return f.ProgrammeFactory(min_age=18, max_age=30, min_schooling=3, residence="residence_card")


@pytest.mark.parametrize(
    ("birth_year", "status"),
    [(2000, MET), (2015, NOT_MET), (1980, NOT_MET), (None, UNKNOWN), (2008, UNKNOWN)],
)
def test_age_is_met_not_met_or_unknown(programme, birth_year, status):
    # Born in 2008, a person is 17 or 18 on 2 March 2026: only the date of birth tells.
    assert check(Profile(birth_year=birth_year), programme)["age"].status == status


def test_too_young_says_the_minimum_age(programme):
    assert check(Profile(birth_year=2015), programme)["age"].text == "You must be at least 18 years old."


@pytest.mark.parametrize(("schooling", "status"), [(3, MET), (5, MET), (2, NOT_MET), (None, UNKNOWN)])
def test_schooling_compares_on_the_catalogue_scale(programme, schooling, status):
    assert check(Profile(schooling=schooling), programme)["schooling"].status == status


def test_no_age_or_schooling_rule_means_no_such_criterion(db):
    programme = f.ProgrammeFactory(min_age=None, max_age=None, min_schooling=0, residence="none")
    assert check(Profile(), programme) == {}


@pytest.mark.parametrize(
    ("card", "documents", "status"),
    [("card", [], MET), ("receipt", [], MET), ("none", ["passport"], NOT_MET), (None, None, UNKNOWN)],
)
def test_residence_card_requirement(programme, card, documents, status):
    assert check(Profile(residence_card=card, documents=documents), programme)["residence"].status == status


def test_passport_is_enough_for_legal_stay(db):
    programme = f.ProgrammeFactory(residence="legal_stay")
    result = check(Profile(residence_card="none", documents=["passport"]), programme)["residence"]
    assert result.status == MET


def test_residence_card_expiring_before_the_session_is_not_met(programme):
    session = f.SessionFactory(programme=programme, start_date=TODAY + datetime.timedelta(days=40))
    profile = Profile(residence_card="card", residence_card_expires=TODAY + datetime.timedelta(days=10))
    result = check(profile, programme, session)["residence"]
    assert result.status == NOT_MET
    assert "yours expires before the session starts" in result.text


def test_residence_card_valid_through_the_start_is_met(programme):
    session = f.SessionFactory(programme=programme, start_date=TODAY + datetime.timedelta(days=40))
    profile = Profile(residence_card="card", residence_card_expires=TODAY + datetime.timedelta(days=400))
    assert check(profile, programme, session)["residence"].status == MET


def test_required_language_spoken_well_is_met_a_little_is_checked_not_at_all_fails(db):
    french = f.LanguageFactory(code="fr")
    programme = f.ProgrammeFactory(residence="none")
    programme.required_languages.set([french])
    assert check(Profile(speaks={"fr": 2}), programme)["languages"].status == MET
    assert check(Profile(speaks={"fr": 1}), programme)["languages"].status == UNKNOWN
    assert check(Profile(speaks={"fr": 0}), programme)["languages"].status == NOT_MET
    assert check(Profile(), programme)["languages"].status == UNKNOWN


def test_documents_to_bring_are_listed_and_missing_ones_named(db):
    programme = f.ProgrammeFactory(residence="none")
    photos = f.DocumentTypeFactory(slug="identity-photos", name_en="Two identity photos")
    certificate = f.DocumentTypeFactory(slug="medical-certificate", name_en="Medical certificate")
    programme.required_documents.set([photos, certificate])
    unknown = check(Profile(), programme)["documents"]
    assert unknown.status == UNKNOWN
    assert unknown.text == "Bring: Two identity photos and Medical certificate."
    missing = check(Profile(documents=["identity-photos"]), programme)["documents"]
    assert missing.status == NOT_MET
    assert not missing.blocking
    assert "You still need to get: Medical certificate." in missing.text
    assert check(Profile(documents=["identity-photos", "medical-certificate"]), programme)["documents"].met


def test_open_session_says_deadline_and_places_left(programme):
    session = f.SessionFactory(
        programme=programme,
        start_date=TODAY + datetime.timedelta(days=21),
        application_deadline=TODAY + datetime.timedelta(days=7),
        capacity=12,
        seats_taken=6,
    )
    result = check(Profile(), programme, session)["session"]
    assert result.status == MET
    assert result.text == "You can apply until March 9, 2026; 6 places left."


def test_deadline_passed_says_so_and_names_the_next_session(programme):
    past = f.SessionFactory(
        programme=programme,
        start_date=TODAY + datetime.timedelta(days=5),
        application_deadline=TODAY - datetime.timedelta(days=1),
    )
    f.SessionFactory(programme=programme, start_date=datetime.date(2026, 6, 1), seats_taken=0)
    result = check(Profile(), programme, past)["session"]
    assert result.status == NOT_MET
    assert result.text == (
        "Applications for the session starting on March 7, 2026 closed on March 1, 2026. Next session: June 1, 2026."
    )


def test_full_session_names_the_next_session_or_says_there_is_none(programme):
    full = f.SessionFactory(programme=programme, start_date=TODAY + datetime.timedelta(days=30), seats_taken=20)
    result = check(Profile(), programme, full)["session"]
    assert result.status == NOT_MET
    assert result.text == "The session starting on April 1, 2026 is full. No other session is planned yet."


def test_skipped_answers_are_never_not_met(programme):
    french = f.LanguageFactory(code="fr")
    programme.required_languages.set([french])
    programme.required_documents.set([f.DocumentTypeFactory()])
    session = f.SessionFactory(programme=programme, start_date=TODAY + datetime.timedelta(days=30))
    results = check(Profile(), programme, session)
    assert {key: r.status for key, r in results.items() if key != "session"} == dict.fromkeys(
        ["age", "schooling", "residence", "languages", "documents"], UNKNOWN
    )


def test_sentences_come_in_the_persons_language(programme):
    assert check(Profile(schooling=1), programme, lang="fr")["schooling"].text.startswith("Il vous faut")
    assert check(Profile(schooling=1), programme, lang="ar")["schooling"].text != (
        check(Profile(schooling=1), programme, lang="en")["schooling"].text
    )


def test_lists_are_joined_as_each_language_does(db):
    programme = f.ProgrammeFactory(residence="none")
    photos = f.DocumentTypeFactory(slug="identity-photos", name_fr="Deux photos", name_ar="صورتان")
    certificate = f.DocumentTypeFactory(slug="medical-certificate", name_fr="Certificat médical", name_ar="شهادة طبية")
    programme.required_documents.set([photos, certificate])
    assert check(Profile(), programme, lang="fr")["documents"].text == "À apporter : Deux photos et Certificat médical."
    assert check(Profile(), programme, lang="ar")["documents"].text == "أحضِر: صورتان وشهادة طبية."
