"""May this person enter this programme (and this session)? Criterion by criterion.

A pure function of a profile, a programme, an optional session and the day:
it writes nothing and asks nothing of the person. Each criterion is *met*,
*not met* or *unknown* (the person skipped the question, or the answer leaves
it open: the desk checks it), with one sentence in the active language.
The criteria are the programme's structured fields (catalog/models.py), said
in the same words as the catalogue's pages (catalog/criteria.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.criteria import names_list
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


def _age(profile: Profile, programme: Programme, on: datetime.date) -> CriterionResult | None:
    low, high = programme.min_age, programme.max_age
    if low is None and high is None:
        return None
    label = _("Age")
    ages = profile.age_range_on(on)
    if ages is None:
        return CriterionResult("age", label, UNKNOWN, _("Your age is checked at the desk."))

    def fits(age: int) -> bool:
        return (low is None or age >= low) and (high is None or age <= high)

    verdicts = {fits(age) for age in ages}
    if verdicts == {True}:
        return CriterionResult("age", label, MET, _("Your age fits this training."))
    if verdicts == {False}:
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


def _schooling(profile: Profile, programme: Programme) -> CriterionResult | None:
    if programme.min_schooling <= SchoolingLevel.NONE:
        return None
    label = _("School level")
    needed = SchoolingLevel(programme.min_schooling).label
    if profile.schooling is None:
        return CriterionResult(
            "schooling", label, UNKNOWN, _("You need at least: %(level)s. The desk checks it.") % {"level": needed}
        )
    if profile.schooling >= programme.min_schooling:
        return CriterionResult("schooling", label, MET, _("Your school level is enough."))
    return CriterionResult("schooling", label, NOT_MET, _("You need at least: %(level)s.") % {"level": needed})


def _residence(profile: Profile, programme: Programme, start: datetime.date | None) -> CriterionResult | None:
    requirement = programme.residence
    if requirement == ResidenceRequirement.NONE:
        return None
    label = _("Residence")
    card, documents = profile.residence_card, profile.documents
    if card is None and documents is None:
        text = (
            _("You need a valid residence card.")
            if requirement == ResidenceRequirement.RESIDENCE_CARD
            else _("You need a valid passport or another proof of legal stay.")
        )
        return CriterionResult("residence", label, UNKNOWN, text)
    if card == "card":
        expires = profile.residence_card_expires
        if expires is not None and start is not None and expires < start:
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
    if requirement == ResidenceRequirement.ANY_LEGAL_STAY and "passport" in (documents or []):
        return CriterionResult("residence", label, MET, _("Your passport is accepted."))
    if card is None:
        return CriterionResult("residence", label, UNKNOWN, _("The desk checks your residence documents."))
    if requirement == ResidenceRequirement.RESIDENCE_CARD:
        return CriterionResult("residence", label, NOT_MET, _("You need a valid residence card."))
    return CriterionResult("residence", label, NOT_MET, _("You need a valid passport or another proof of legal stay."))


def _languages(profile: Profile, programme: Programme) -> CriterionResult | None:
    required = list(programme.required_languages.all())
    if not required:
        return None
    label = _("Languages")
    names = names_list([language.name for language in required])
    levels = [profile.speaks.get(language.code) for language in required]
    if any(level == 0 for level in levels):
        return CriterionResult(
            "languages", label, NOT_MET, _("You need to speak: %(languages)s.") % {"languages": names}
        )
    if all(level == 2 for level in levels):
        return CriterionResult(
            "languages", label, MET, _("You speak %(languages)s, as this training needs.") % {"languages": names}
        )
    return CriterionResult(
        "languages",
        label,
        UNKNOWN,
        _("You need to speak: %(languages)s. The desk checks your level.") % {"languages": names},
    )


def _documents(profile: Profile, programme: Programme) -> CriterionResult | None:
    required = [document for document in programme.required_documents.all() if document.slug not in RESIDENCE_DOCUMENTS]
    if not required:
        return None
    label = _("Documents to bring")
    names = names_list([document.name for document in required])
    text = _("Bring: %(documents)s.") % {"documents": names}
    if profile.documents is None:
        return CriterionResult("documents", label, UNKNOWN, text, blocking=False)
    missing = [document.name for document in required if document.slug not in profile.documents]
    if not missing:
        return CriterionResult("documents", label, MET, text, blocking=False)
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
    label = _("Session")
    deadline = session.application_deadline or session.start_date
    if today > deadline or session.seats_left <= 0:
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
