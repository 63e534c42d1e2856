"""Recommendations: ranked, explained, deterministic, blind to nationality and sex."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.utils import translation

from orientation.interests import ACTIVITIES
from orientation.profile import DISLIKE, LIKE, Profile
from orientation.recommend import WEIGHTS, recommend

ARTISAN_TRADES = [
    "jewellery",
    "art-metalwork",
    "joinery",
    "tailoring",
    "zellige",
    "plaster",
    "cut-stone",
    "wood-carving",
]


@pytest.fixture
def demo(demo_network):
    """The demo network, its sessions dated from ``today`` (loaded once for the tests that share it)."""


def perfect_fit(trade: str) -> Profile:
    """Someone who likes exactly this trade's activities and has long practised it."""
    return Profile(
        interests={a.slug: LIKE if trade in a.trades else DISLIKE for a in ACTIVITIES},
        experience={trade: "gt3"},
        speaks={"fr": 2, "ar": 2},
        schooling=5,
        birth_year=2000,
        times=["weekdays", "evenings", "weekends"],
        workload="full",
        start="now",
        city="casablanca",
        travel="country",
        residence_card="card",
        documents=["passport", "identity-photos", "school-certificate", "medical-certificate", "cv"],
    )


def someone() -> Profile:
    return Profile(
        interests={"sew": LIKE, "draw": LIKE, "forge": DISLIKE, "customers": "unsure"},
        experience={"tailoring": "1to3"},
        speaks={"fr": 1, "en": 2},
        schooling=2,
        birth_year=1990,
        times=["evenings"],
        city="rabat",
        travel="region",
        residence_card="receipt",
        documents=["identity-photos"],
    )


def ranking(recommendations) -> tuple:
    return (
        [(r.trade.slug, r.score, r.reasons) for r in recommendations.trades],
        [(r.programme.slug, r.score, r.reasons, [c.status for c in r.criteria]) for r in recommendations.programmes],
    )


def test_perfect_fit_profile_for_each_artisan_trade_gets_that_trade_and_its_programme_first(demo, today):
    firsts = {}
    for trade in ARTISAN_TRADES:
        recommendations = recommend(profile=perfect_fit(trade), today=today)
        firsts[trade] = (recommendations.trades[0].trade.slug, recommendations.programmes[0].programme.trade.slug)
    assert firsts == {trade: (trade, trade) for trade in ARTISAN_TRADES}


def test_nationality_and_sex_cannot_change_the_ranking(demo, today):
    profile = someone()
    expected = ranking(recommend(profile=profile, today=today))
    for nationality, sex in [("CI", "female"), ("SY", "male"), ("NG", "other"), ("MA", None)]:
        changed = dataclasses.replace(profile, nationality=nationality, sex=sex)
        assert ranking(recommend(profile=changed, today=today)) == expected


def test_same_profile_same_catalogue_same_ranking(demo, today):
    first = ranking(recommend(profile=someone(), today=today))
    assert ranking(recommend(profile=Profile.from_dict(someone().to_dict()), today=today)) == first


@pytest.mark.parametrize("profile", [Profile(), someone(), perfect_fit("zellige")], ids=["empty", "someone", "zellige"])
def test_reasons_always_match_the_scores(demo, today, profile):
    recommendations = recommend(profile=profile, today=today)
    for result in [*recommendations.trades, *recommendations.programmes]:
        assert result.score == round(sum(c.points for c in result.contributions), 2)
        earned = sorted((c for c in result.contributions if c.points > 0 and c.text), key=lambda c: (-c.points, c.key))
        assert result.reasons == [c.text for c in earned[:3]]
        assert all(c.text for c in result.contributions if c.points > 0)
    for result in recommendations.programmes:
        penalties = [c for c in result.contributions if c.points < 0]
        assert [c.text for c in penalties] == [c.text for c in result.not_met]


def test_results_are_ordered_by_score_then_slug(demo, today):
    recommendations = recommend(profile=someone(), today=today)
    keys = [(-r.score, r.trade.slug) for r in recommendations.trades]
    assert keys == sorted(keys)
    keys = [(-r.score, r.programme.slug) for r in recommendations.programmes]
    assert keys == sorted(keys)


def test_empty_profile_flags_criteria_to_check_and_fails_none(demo, today):
    recommendations = recommend(profile=Profile(), today=today)
    for result in recommendations.programmes:
        assert all(c.key == "session" for c in result.not_met)
        assert result.to_check


def test_not_met_criterion_pushes_a_programme_down_and_is_shown(demo, today):
    young = perfect_fit("jewellery")
    old = dataclasses.replace(young, birth_year=today.year - 50)
    young_scores = {r.programme.slug: r.score for r in recommend(profile=young, today=today).programmes}
    for result in recommend(profile=old, today=today).programmes:
        if any(c.key == "age" for c in result.not_met):
            assert result.score <= young_scores.get(result.programme.slug, 100) + WEIGHTS["not_met_blocking"]


def test_reasons_speak_plainly_in_the_persons_language(demo, today):
    with translation.override("en"):
        top = recommend(profile=perfect_fit("joinery"), today=today)
    assert "You like working with wood." in top.trades[0].reasons
    assert "You have done this work for more than 3 years." in top.trades[0].reasons
    programme = top.programmes[0]
    assert any(
        reason.startswith("Taught in ") for reason in programme.reasons + [c.text for c in programme.contributions]
    )
    assert not any("perfect" in reason.lower() for r in top.programmes for reason in r.reasons)


def test_told_constraints_are_flagged_on_trades_not_hidden(demo, today):
    profile = dataclasses.replace(perfect_fit("cut-stone"), constraints=["dust"])
    with translation.override("en"):
        top = recommend(profile=profile, today=today).trades[0]
    assert top.trade.slug == "cut-stone"
    assert top.cautions == ["This work can be dusty: talk about it at the desk."]


@pytest.mark.parametrize(
    "profile", [Profile(), someone(), perfect_fit("tailoring")], ids=["empty", "someone", "tailor"]
)
def test_only_scoring_the_programmes_that_can_win_gives_the_same_top_list(demo, today, profile):
    from catalog.models import City
    from orientation import recommend as module

    top = recommend(profile=profile, today=today).programmes
    scoring = profile.for_scoring()
    home = City.objects.filter(slug=scoring.city).first() if scoring.city else None
    trades = {r.trade.slug: r for r in recommend(profile=profile, today=today).trades}
    everything = module._best_programmes(scoring, trades, home, today, limit=None)
    assert len(everything) > len(top)
    assert [(r.programme.slug, r.score) for r in top] == [
        (r.programme.slug, r.score) for r in everything[: module.PROGRAMMES_SHOWN]
    ]
    catalogue, bounds = module._upper_bounds(scoring, trades, home, today)
    bound_of = dict(zip(catalogue.slugs, bounds.tolist(), strict=True))
    assert all(r.score <= bound_of[r.programme.slug] for r in everything)


def card_expiring(days: int, today) -> Profile:
    return dataclasses.replace(
        someone(), residence_card="card", residence_card_expires=today + datetime.timedelta(days=days)
    )


@pytest.mark.parametrize(
    "profile_of",
    [
        lambda t: Profile(),
        lambda t: someone(),
        lambda t: perfect_fit("jewellery"),
        lambda t: card_expiring(30, t),
        lambda t: card_expiring(400, t),
    ],
    ids=["empty", "someone", "jeweller", "card-expires-soon", "card-expires-later"],
)
def test_bounds_are_the_exact_scores_so_only_the_programmes_shown_are_explained(demo, today, profile_of):
    from catalog.models import City
    from orientation import recommend as module

    scoring = profile_of(today).for_scoring()
    home = City.objects.filter(slug=scoring.city).first() if scoring.city else None
    trades = {r.trade.slug: r for r in recommend(profile=scoring, today=today).trades}
    everything = module._best_programmes(scoring, trades, home, today, limit=None)
    catalogue, bounds = module._upper_bounds(scoring, trades, home, today)
    assert dict(zip(catalogue.slugs, bounds.tolist(), strict=True)) == {r.programme.slug: r.score for r in everything}


def test_a_changed_programme_is_seen_by_the_next_recommendation(demo, today):
    from catalog.models import Programme

    before = recommend(profile=perfect_fit("jewellery"), today=today).programmes[0].programme
    Programme.objects.filter(trade__slug="jewellery").exclude(pk=before.pk).update(is_published=False)
    before.is_published = False
    before.save()
    after = recommend(profile=perfect_fit("jewellery"), today=today).programmes
    assert before.slug not in [r.programme.slug for r in after]
    assert after[0].programme.trade.slug != "jewellery"
