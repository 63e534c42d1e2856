"""The profile: a plain object that survives the session and tolerates old or broken data."""

from __future__ import annotations

import datetime

from django.utils import timezone

from orientation.profile import Profile, residence_card_bounds


def test_profile_round_trips_through_a_json_ready_dict():
    profile = Profile(
        interests={"sew": "like"},
        birth_year=1990,
        residence_card="card",
        residence_card_expires=datetime.date(2030, 1, 31),
        times=["evenings"],
    )
    data = profile.to_dict()
    assert data["residence_card_expires"] == "2030-01-31"
    assert Profile.from_dict(data) == profile


def test_unknown_or_broken_session_data_gives_an_empty_or_partial_profile():
    assert Profile.from_dict(None) == Profile()
    assert Profile.from_dict("garbage") == Profile()
    assert Profile.from_dict({"schooling": 3, "removed_field": 1}) == Profile(schooling=3)
    assert Profile.from_dict({"residence_card_expires": "not a date"}).residence_card_expires is None


def test_a_new_profile_is_empty_and_knows_nothing():
    profile = Profile()
    assert profile.is_empty
    assert profile.age_range_on(datetime.date(2026, 1, 1)) is None
    assert Profile(birth_year=2000).age_range_on(datetime.date(2026, 6, 1)) == (25, 26)


def test_scoring_copy_drops_nationality_and_sex():
    profile = Profile(schooling=2, nationality="CI", sex="female")
    assert profile.for_scoring() == Profile(schooling=2)


def test_a_card_date_out_of_plausible_bounds_is_dropped_when_read_back():
    earliest, latest = residence_card_bounds(timezone.localdate())
    assert earliest < timezone.localdate() < latest
    assert Profile.from_dict({"residence_card_expires": "9999-12-31"}).residence_card_expires is None
    assert Profile.from_dict({"residence_card_expires": latest.isoformat()}).residence_card_expires == latest
