"""May this person enter this programme (and this session)? Criterion by criterion.

The rules themselves (``*_status``) read plain values, so the recommendation
can apply them to a whole catalogue held in memory without writing sentences.
A pure function of a profile, a programme, an optional session and the day:
it writes nothing and asks nothing of the person. Each criterion is *met*,
*not met* or *unknown* (the person skipped the question, or the answer leaves
it open: the desk checks it), with one sentence in the active language.
The criteria are the programme's structured fields (catalog/models.py), said
in the same words as the catalogue's pages (catalog/criteria.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.criteria import criterion_label, names_list
from catalog.models import Programme, ResidenceRequirement, SchoolingLevel, Session
from orientation.profile import Profile

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"

# Residence documents are checked by the residence criterion, not listed again.
RESIDENCE_DOCUMENTS = frozenset({"residence-card", "residence-card-receipt", "passport"})


@dataclass(frozen=True)
class CriterionResult:
    key: str
    label: str
    status: str
    text: str
    # A criterion that bars entry (age, schooling…) rather than a paper one can still get (photos…).
    blocking: bool = True

    @property
    def met(self) -> bool:
        return self.status == MET

    @property
    def not_met(self) -> bool:
        return self.status == NOT_MET

    @property
    def unknown(self) -> bool:
        return self.status == UNKNOWN


def _day(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


def age_status(*, ages: tuple[int, int] | None, low: int | None, high: int | None) -> str | None:
    """The age criterion from plain values; None when the programme sets no age limit."""
    if low is None and high is None:
        return None
    if ages is None:
        return UNKNOWN

    def fits(age: int) -> bool:
        return (low is None or age >= low) and (high is None or age <= high)

    verdicts = {fits(age) for age in ages}
    if verdicts == {True}:
        return MET
    return NOT_MET if verdicts == {False} else UNKNOWN


def _age(profile: Profile, programme: Programme, on: datetime.date) -> CriterionResult | None:
    low, high = programme.min_age, programme.max_age
    ages = profile.age_range_on(on)
    status = age_status(ages=ages, low=low, high=high)
    if status is None:
        return None
    label = criterion_label("age")
    if ages is None:
        return CriterionResult("age", label, UNKNOWN, _("Your age is checked at the desk."))
    if status == MET:
        return CriterionResult("age", label, MET, _("Your age fits this training."))
    if status == NOT_MET:
        if low is not None and ages[1] < low:
            text = ngettext(
                "You must be at least %(min)d year old.", "You must be at least %(min)d years old.", low
            ) % {"min": low}
        else:
            text = ngettext("You must be at most %(max)d year old.", "You must be at most %(max)d years old.", high) % {
                "max": high
            }
        return CriterionResult("age", label, NOT_MET, text)
    return CriterionResult(
        "age", label, UNKNOWN, _("Your age is at the limit: the desk checks it with your date of birth.")
    )


def schooling_status(*, schooling: int | None, needed: int) -> str | None:
    if needed <= SchoolingLevel.NONE:
        return None
    if schooling is None:
        return UNKNOWN
    return MET if schooling >= needed else NOT_MET


def _schooling(profile: Profile, programme: Programme) -> CriterionResult | None:
    status = schooling_status(schooling=profile.schooling, needed=programme.min_schooling)
    if status is None:
        return None
    label = criterion_label("schooling")
    needed = SchoolingLevel(programme.min_schooling).label
    if status == UNKNOWN:
        return CriterionResult(
            "schooling", label, UNKNOWN, _("You need at least: %(level)s. The desk checks it.") % {"level": needed}
        )
    if status == MET:
        return CriterionResult("schooling", label, MET, _("Your school level is enough."))
    return CriterionResult("schooling", label, NOT_MET, _("You need at least: %(level)s.") % {"level": needed})


def residence_status(*, profile: Profile, requirement: str, start: datetime.date | None) -> str | None:
    """The residence criterion from plain values; None when the programme asks for no residence paper."""
    if requirement == ResidenceRequirement.NONE:
        return None
    card, documents = profile.residence_card, profile.documents
    if card is None and documents is None:
        return UNKNOWN
    if card == "card":
        expires = profile.residence_card_expires
        return NOT_MET if expires is not None and start is not None and expires < start else MET
    if card == "receipt":
        return MET
    if requirement == ResidenceRequirement.ANY_LEGAL_STAY and "passport" in (documents or []):
        return MET
    return UNKNOWN if card is None else NOT_MET


def _residence(profile: Profile, programme: Programme, start: datetime.date | None) -> CriterionResult | None:
    requirement = programme.residence
    status = residence_status(profile=profile, requirement=requirement, start=start)
    if status is None:
        return None
    label = criterion_label("residence")
    card, documents = profile.residence_card, profile.documents
    if card is None and documents is None:
        text = (
            _("You need a valid residence card.")
            if requirement == ResidenceRequirement.RESIDENCE_CARD
            else _("You need a valid passport or another proof of legal stay.")
        )
        return CriterionResult("residence", label, UNKNOWN, text)
    if card == "card":
        if status == NOT_MET:
            return CriterionResult(
                "residence",
                label,
                NOT_MET,
                _("You need a valid residence card: yours expires before the session starts. Renew it first."),
            )
        return CriterionResult("residence", label, MET, _("Your residence card is accepted."))
    if card == "receipt":
        return CriterionResult(
            "residence", label, MET, _("The receipt of your residence card application is accepted.")
        )
    if status == MET:
        return CriterionResult("residence", label, MET, _("Your passport is accepted."))
    if status == UNKNOWN:
        return CriterionResult("residence", label, UNKNOWN, _("The desk checks your residence documents."))
    if requirement == ResidenceRequirement.RESIDENCE_CARD:
        return CriterionResult("residence", label, NOT_MET, _("You need a valid residence card."))
    return CriterionResult("residence", label, NOT_MET, _("You need a valid passport or another proof of legal stay."))


def languages_status(*, speaks: dict[str, int], required: Iterable[str]) -> str | None:
    """The language criterion from the codes a programme requires; None when it requires none."""
    levels = [speaks.get(code) for code in required]
    if not levels:
        return None
    if any(level == 0 for level in levels):
        return NOT_MET
    return MET if all(level == 2 for level in levels) else UNKNOWN


def _languages(profile: Profile, programme: Programme) -> CriterionResult | None:
    required = list(programme.required_languages.all())
    status = languages_status(speaks=profile.speaks, required=[language.code for language in required])
    if status is None:
        return None
    label = criterion_label("languages")
    names = names_list([language.name for language in required])
    if status == NOT_MET:
        return CriterionResult(
            "languages", label, NOT_MET, _("You need to speak: %(languages)s.") % {"languages": names}
        )
    if status == MET:
        return CriterionResult(
            "languages", label, MET, _("You speak %(languages)s, as this training needs.") % {"languages": names}
        )
    return CriterionResult(
        "languages",
        label,
        UNKNOWN,
        _("You need to speak: %(languages)s. The desk checks your level.") % {"languages": names},
    )


def documents_status(*, documents: list[str] | None, required: Iterable[str]) -> str | None:
    """The papers criterion from the slugs a programme asks for; None when it asks for none besides residence."""
    needed = [slug for slug in required if slug not in RESIDENCE_DOCUMENTS]
    if not needed:
        return None
    if documents is None:
        return UNKNOWN
    return MET if all(slug in documents for slug in needed) else NOT_MET


def _documents(profile: Profile, programme: Programme) -> CriterionResult | None:
    required = [document for document in programme.required_documents.all() if document.slug not in RESIDENCE_DOCUMENTS]
    status = documents_status(documents=profile.documents, required=[document.slug for document in required])
    if status is None:
        return None
    label = criterion_label("documents")
    names = names_list([document.name for document in required])
    text = _("Bring: %(documents)s.") % {"documents": names}
    if status != NOT_MET:
        return CriterionResult("documents", label, status, text, blocking=False)
    missing = [document.name for document in required if document.slug not in profile.documents]
    text = _("Bring: %(documents)s. You still need to get: %(missing)s.") % {
        "documents": names,
        "missing": names_list(missing),
    }
    return CriterionResult("documents", label, NOT_MET, text, blocking=False)


def next_open_session(*, programme: Programme, today: datetime.date, after: Session | None = None) -> Session | None:
    """The soonest session one can still apply to (deadline not passed, seats left)."""
    sessions = sorted(programme.sessions.all(), key=lambda s: (s.start_date, s.pk))
    for session in sessions:
        if after is not None and session.start_date <= after.start_date:
            continue
        if session.start_date >= today and session.is_open_on(today):
            return session
    return None


def _session(session: Session, programme: Programme, today: datetime.date) -> CriterionResult:
    label = criterion_label("session")
    deadline = session.application_deadline or session.start_date
    if not session.is_open_on(today):
        if today > deadline:
            text = _("Applications for the session starting on %(start)s closed on %(deadline)s.") % {
                "start": _day(session.start_date),
                "deadline": _day(deadline),
            }
        else:
            text = _("The session starting on %(start)s is full.") % {"start": _day(session.start_date)}
        following = next_open_session(programme=programme, today=today, after=session)
        if following is not None:
            text += " " + _("Next session: %(start)s.") % {"start": _day(following.start_date)}
        else:
            text += " " + _("No other session is planned yet.")
        return CriterionResult("session", label, NOT_MET, text)
    text = ngettext(
        "You can apply until %(deadline)s; %(seats)d place left.",
        "You can apply until %(deadline)s; %(seats)d places left.",
        session.seats_left,
    ) % {"deadline": _day(deadline), "seats": session.seats_left}
    return CriterionResult("session", label, MET, text)


def eligibility_check(
    *, profile: Profile, programme: Programme, session: Session | None = None, today: datetime.date
) -> list[CriterionResult]:
    """Every admission criterion of ``programme`` (and ``session``), as met / not met / unknown.

    Ages are taken on the session's start (today without a session). Expects
    ``required_languages``, ``required_documents`` and ``sessions`` prefetched
    (it works without, at the cost of queries).
    """
    on = session.start_date if session is not None else today
    results = [
        _age(profile, programme, on),
        _schooling(profile, programme),
        _residence(profile, programme, session.start_date if session is not None else None),
        _languages(profile, programme),
        _documents(profile, programme),
    ]
    if session is not None:
        results.append(_session(session, programme, today))
    return [result for result in results if result is not None]
