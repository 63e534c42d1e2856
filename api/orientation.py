"""The orientation API: the questionnaire as data, recommendations and eligibility for a profile.

A mobile front end renders the questionnaire from ``GET …/questionnaire``
(the steps and forms of ``orientation/questionnaire.py``, not a copy) and
posts the answers as a profile. The profile's allowed values come from
``orientation/profile.py`` and ``orientation/interests.py``; references to
the catalogue (cities, trades, languages, papers) are checked against it.
Nothing posted is stored.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router

from api.common import ApiError, Lang, check_params, ref, session_dict, use_language
from api.schemas import (
    EligibilityIn,
    EligibilityOut,
    ErrorOut,
    ProfileIn,
    QuestionnaireOut,
    RecommendationsIn,
    RecommendationsOut,
)
from orientation import questionnaire
from orientation.eligibility import CriterionResult, eligibility_check
from orientation.profile import Profile
from orientation.recommend import recommend
from orientation.selectors import profile_unknown_references, programme_for_eligibility

router = Router(tags=["orientation"])


def _language(request: HttpRequest, *choices: str | None) -> None:
    """The first language given wins: ``lang`` in the body, then ``?lang=``, then Accept-Language."""
    check_params(request, {"lang"})
    use_language(next((lang for lang in choices if lang), None))


def _profile(data: ProfileIn) -> Profile:
    """The posted profile, or a 422 naming the answers that the catalogue does not know."""
    profile = Profile(**data.model_dump())
    unknown = profile_unknown_references(profile=profile)
    if unknown:
        raise ApiError(
            422,
            _("Some answers are not valid."),
            {
                f"profile.{name}": [_("Unknown value: %(values)s.") % {"values": ", ".join(values)}]
                for name, values in unknown.items()
            },
        )
    return profile


def _criterion(criterion: CriterionResult) -> dict:
    return {
        "key": criterion.key,
        "label": criterion.label,
        "status": criterion.status,
        "text": criterion.text,
        "blocking": criterion.blocking,
    }


def _contributions(contributions) -> list[dict]:
    return [{"key": c.key, "points": c.points} for c in contributions if c.points]


@router.post(
    "/orientation/recommendations",
    response={200: RecommendationsOut, 400: ErrorOut, 422: ErrorOut},
    summary="Recommendations for a profile",
)
def recommendations(request: HttpRequest, payload: RecommendationsIn, lang: Lang | None = None):
    """Every trade and the best programmes for the profile, best first.

    Each result has its score, the contributions that make it (``key``,
    ``points``), its top reasons in plain words and, for programmes, each
    admission criterion as met / not met / unknown. Same profile, same
    catalogue, same day: same ranking.
    """
    _language(request, payload.lang, lang)
    profile = _profile(payload.profile)
    today = timezone.localdate()
    result = recommend(profile=profile, today=today)
    return {
        "trades": [
            {
                "trade": {**ref(r.trade), "pictogram": r.trade.pictogram, "url": r.trade.get_absolute_url()},
                "score": r.score,
                "reasons": r.reasons,
                "cautions": r.cautions,
                "contributions": _contributions(r.contributions),
            }
            for r in result.trades
        ],
        "programmes": [
            {
                "programme": {
                    "slug": r.programme.slug,
                    "title": r.programme.title,
                    "trade": ref(r.programme.trade),
                    "provider": ref(r.programme.provider),
                    "city": ref(r.programme.city),
                    "url": r.programme.get_absolute_url(),
                },
                "session": session_dict(r.session, today) if r.session else None,
                "score": r.score,
                "reasons": r.reasons,
                "contributions": _contributions(r.contributions),
                "eligibility": [_criterion(c) for c in r.criteria],
            }
            for r in result.programmes
        ],
    }


@router.post(
    "/orientation/eligibility",
    response={200: EligibilityOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Eligibility of a profile for one programme or session",
)
def eligibility(request: HttpRequest, payload: EligibilityIn, lang: Lang | None = None):
    """Each admission criterion of the programme (and of the session starting on ``session_start``,
    if given) as met / not met / unknown, with a sentence. Unanswered questions give "unknown"."""
    _language(request, payload.lang, lang)
    profile = _profile(payload.profile)
    today = timezone.localdate()
    try:
        programme, session = programme_for_eligibility(
            slug=payload.programme, session_start=payload.session_start, today=today
        )
    except Http404 as exc:
        raise ApiError(404, _("No programme or session matches.")) from exc
    criteria = eligibility_check(profile=profile, programme=programme, session=session, today=today)
    return {
        "programme": {"slug": programme.slug, "name": programme.title},
        "session": session_dict(session, today) if session else None,
        "eligibility": [_criterion(c) for c in criteria],
    }


def _question(form: questionnaire.StepForm, name: str) -> dict:
    field = form.fields[name]
    widget = type(field.widget).__name__
    kind = {"RadioSelect": "one", "CheckboxSelectMultiple": "many", "Select": "one"}.get(widget)
    if kind is None:
        kind = {"NumberInput": "number", "DateInput": "date", "Textarea": "text"}.get(widget, "text")
    options = [
        {"value": form.profile_value(name, str(value)), "label": str(label)}
        for value, label in getattr(field, "choices", [])
        if value != ""
    ]
    return {
        "name": name,
        "profile_key": form.profile_key(name),
        "label": str(field.label),
        "help": str(field.help_text),
        "kind": kind,
        "pictogram": form.pictograms.get(name, ""),
        "options": options,
    }


@router.get(
    "/orientation/questionnaire",
    response={200: QuestionnaireOut, 400: ErrorOut},
    summary="The questionnaire: steps, questions, answers, pictograms",
)
def questionnaire_get(request: HttpRequest, lang: Lang | None = None):
    """The questionnaire as the site shows it, in ``lang``. Every question may be skipped.

    Each question says where its answer goes in a profile (``profile_key``,
    a dotted path such as ``interests.sew``) and its options' values as the
    profile holds them. Pictograms are symbols of the sprite at ``sprite``
    (``<sprite>#<pictogram>``).
    """
    _language(request, lang)
    steps = []
    for step in questionnaire.STEPS:
        form = step.form_class()
        steps.append(
            {
                "slug": step.slug,
                "title": str(step.title),
                "intro": str(step.intro),
                "pictogram": step.pictogram,
                "questions": [_question(form, name) for name in form.fields],
            }
        )
    return {"sprite": static("img/trades.svg"), "steps": steps}
