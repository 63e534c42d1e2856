"""Ranked, explained suggestions of trades and of programmes for one profile.

Every score is a sum of *contributions*, one per factor, each with the plain
sentence that explains it; the reasons a person reads are exactly the
contributions that earned points, largest first, so reasons and scores
cannot disagree. Not-met admission criteria subtract points and are shown;
unknown ones are flagged "to check at the desk". Same profile, same
catalogue, same day: same ranking (ties broken by slug). Nationality and sex
never reach this module (``Profile.for_scoring``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.criteria import duration_text
from catalog.models import City, Programme, ScheduleKind, Session, Trade
from orientation.eligibility import (
    MET,
    NOT_MET,
    UNKNOWN,
    CriterionResult,
    age_status,
    documents_status,
    eligibility_check,
    languages_status,
    next_open_session,
    residence_status,
    schooling_status,
)
from orientation.interests import ACTIVITIES, INTERESTS
from orientation.profile import EXPERIENCE_SKILL_FACTOR, LIKE, UNSURE, Profile
from orientation.selectors import CandidateCatalogue, candidate_catalogue

# The weights of every factor, in points; a factor's share (0 to 1) times its
# weight is its contribution. Interest and experience decide the trade (a
# person's wishes and what they can already do come first); the practical
# factors then order the programmes of comparable trades. A not-met criterion
# that bars entry costs twice the largest practical factor, so a programme one
# cannot enter sinks below the same trade's programmes one can; a missing
# paper costs little, since one can still get it. Unknown answers earn nothing
# and cost nothing, so skipping a question never pushes a programme down.
WEIGHTS = {
    "interest": 30.0,
    "experience": 25.0,
    "schedule": 10.0,
    "distance": 15.0,
    "language": 10.0,
    "start": 10.0,
    "eligibility": 10.0,
    "not_met_blocking": -30.0,
    "not_met_paper": -5.0,
}
# Within interest: the RIASEC match of the trade's code, and the liked activities of that very trade.
INTEREST_RIASEC_SHARE = 0.6
# Letters of a RIASEC code count less the further they stand from the first.
RIASEC_LETTER_WEIGHTS = (3, 2, 1)
INTEREST_VALUE = {LIKE: 1.0, UNSURE: 0.5}
# A session this close (in days) counts as starting soon.
SOON_DAYS = 91
HOW_LONG = {
    "lt1": gettext_lazy("under a year"),
    "1to3": gettext_lazy("1 to 3 years"),
    "gt3": gettext_lazy("more than 3 years"),
}
# Trades (by slug) where a constraint a person told us deserves a word at the desk;
# a trade not listed raises no flag.
CONSTRAINT_TRADES = {
    "standing": {"hairdressing", "cut-stone", "pastry", "joinery", "art-metalwork", "plaster"},
    "dust": {"joinery", "wood-carving", "cut-stone", "plaster", "zellige", "agriculture"},
    "heavy": {"cut-stone", "art-metalwork", "agriculture", "joinery", "plaster"},
    "chemicals": {"hairdressing", "plaster", "jewellery", "agriculture"},
}
PROGRAMMES_SHOWN = 10


@dataclass(frozen=True)
class Contribution:
    key: str
    points: float
    text: str = ""


@dataclass
class TradeResult:
    trade: Trade
    contributions: list[Contribution]
    cautions: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return round(sum(c.points for c in self.contributions), 2)

    @property
    def reasons(self) -> list[str]:
        return reasons_of(self.contributions)


@dataclass
class ProgrammeResult:
    programme: Programme
    session: Session | None
    contributions: list[Contribution]
    criteria: list[CriterionResult]

    @property
    def score(self) -> float:
        return round(sum(c.points for c in self.contributions), 2)

    @property
    def reasons(self) -> list[str]:
        return reasons_of(self.contributions)

    @property
    def not_met(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.not_met]

    @property
    def to_check(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.unknown]


@dataclass
class Recommendations:
    trades: list[TradeResult]
    programmes: list[ProgrammeResult]


def reasons_of(contributions: list[Contribution], limit: int = 3) -> list[str]:
    """The sentences of the contributions that earned the most points."""
    earned = sorted((c for c in contributions if c.points > 0 and c.text), key=lambda c: (-c.points, c.key))
    return [c.text for c in earned[:limit]]


def riasec_scores(profile: Profile) -> dict[str, float]:
    """Per RIASEC letter, how much the person liked its activities (0 to 1); absent if none answered."""
    earned: dict[str, float] = {}
    possible: dict[str, float] = {}
    for activity in ACTIVITIES:
        answer = profile.interests.get(activity.slug)
        if answer is None:
            continue
        for letter, weight in activity.weights.items():
            possible[letter] = possible.get(letter, 0.0) + weight
            earned[letter] = earned.get(letter, 0.0) + weight * INTEREST_VALUE.get(answer, 0.0)
    return {letter: earned[letter] / possible[letter] for letter in possible}


def _interest(profile: Profile, trade: Trade, riasec: dict[str, float]) -> Contribution:
    weights = RIASEC_LETTER_WEIGHTS[: len(trade.riasec_code)]
    match = sum(w * riasec.get(letter, 0.0) for w, letter in zip(weights, trade.riasec_code, strict=True))
    match /= sum(weights)
    related = [a for a in ACTIVITIES if trade.slug in a.trades and a.slug in profile.interests]
    own = sum(INTEREST_VALUE.get(profile.interests[a.slug], 0.0) for a in related) / len(related) if related else 0.0
    share = INTEREST_RIASEC_SHARE * match + (1 - INTEREST_RIASEC_SHARE) * own
    # The most specific liked activity says it best ("You like sewing" before "You like drawing patterns").
    liked = sorted((a for a in related if profile.interests[a.slug] == LIKE), key=lambda a: len(a.trades))
    if liked:
        text = str(liked[0].reason)
    else:
        # The letter of the trade's code the person liked most, said plainly (and as weakly as it is).
        letter = max(trade.riasec_code, key=lambda code: (riasec.get(code, 0.0), -trade.riasec_code.index(code)))
        interest = next(i for i in INTERESTS if i.code == letter)
        if riasec.get(letter, 0.0) >= 0.5:
            text = _("It uses what you like: %(interest)s.") % {"interest": interest.name}
        else:
            text = _("It partly matches your answers: %(interest)s.") % {"interest": interest.name}
    return Contribution("interest", round(WEIGHTS["interest"] * share, 2), text if share > 0 else "")


def _experience(profile: Profile, trade: Trade, skills_of: dict[str, set[str]], names: dict[str, str]) -> Contribution:
    trade_skills = skills_of.get(trade.slug, set())
    if not trade_skills or not profile.experience:
        return Contribution("experience", 0.0)
    best: dict[str, float] = {}
    sources: dict[str, float] = {}
    for slug, duration in profile.experience.items():
        factor = EXPERIENCE_SKILL_FACTOR.get(duration, 0.0)
        shared = trade_skills & skills_of.get(slug, set())
        if factor and shared:
            sources[slug] = factor
        for skill in shared:
            best[skill] = max(best.get(skill, 0.0), factor)
    share = sum(best.values()) / len(trade_skills)
    if not share:
        return Contribution("experience", 0.0)
    if trade.slug in sources:
        text = _("You have done this work for %(how_long)s.") % {"how_long": HOW_LONG[profile.experience[trade.slug]]}
    else:
        source = sorted(sources, key=lambda slug: (-sources[slug], slug))[0]
        text = _("Your experience in %(trade)s counts here too.") % {"trade": names[source]}
    return Contribution("experience", round(WEIGHTS["experience"] * share, 2), text)


def _schedule_share(profile: Profile, kind: str) -> float:
    if profile.times is None:
        return 0.0
    if kind == ScheduleKind.FULL_TIME:
        # Full time does not fit someone who asked for part time.
        return 1.0 if "weekdays" in profile.times and profile.workload != "part" else 0.0
    wanted = {ScheduleKind.PART_TIME: "weekdays", ScheduleKind.EVENINGS: "evenings", ScheduleKind.WEEKENDS: "weekends"}
    return 1.0 if wanted.get(kind) in profile.times else 0.0


def _schedule(profile: Profile, programme: Programme) -> Contribution:
    share = _schedule_share(profile, programme.schedule)
    if not share:
        return Contribution("schedule", 0.0)
    text = {
        ScheduleKind.FULL_TIME: _("Full time on weekdays, when you are free."),
        ScheduleKind.PART_TIME: _("Part time on weekdays, when you are free."),
        ScheduleKind.EVENINGS: _("In the evenings, when you are free."),
        ScheduleKind.WEEKENDS: _("At weekends, when you are free."),
    }[ScheduleKind(programme.schedule)]
    return Contribution("schedule", round(WEIGHTS["schedule"] * share, 2), text)


def _distance_share(profile: Profile, home: City | None, city_id: int, region_id: int) -> float:
    if home is None:
        return 0.0
    if city_id == home.pk:
        return 1.0
    if region_id == home.region_id:
        return 0.3 if profile.travel == "city" else 0.7
    return 0.3 if profile.travel == "country" else 0.0


def _distance(profile: Profile, programme: Programme, home: City | None) -> Contribution:
    place = programme.city
    share = _distance_share(profile, home, place.pk, place.region_id)
    if not share:
        return Contribution("distance", 0.0)
    if place.pk == home.pk:
        text = _("In %(city)s, your city.") % {"city": place.name}
    elif place.region_id == home.region_id:
        text = _("In %(city)s, in your region.") % {"city": place.name}
    else:
        text = _("In %(city)s: you said you can travel.") % {"city": place.name}
    return Contribution("distance", round(WEIGHTS["distance"] * share, 2), text)


def _language_share(profile: Profile, codes) -> float:
    """Taught in a language the person speaks well: all of it; a little: half."""
    best = max((profile.speaks.get(code, 0) for code in codes), default=0)
    return 1.0 if best >= 2 else 0.5 if best >= 1 else 0.0


def _language(profile: Profile, programme: Programme) -> Contribution:
    taught = list(programme.teaching_languages.all())
    share = _language_share(profile, [lang.code for lang in taught])
    if not share:
        return Contribution("language", 0.0)
    language = min(taught, key=lambda lang: (-profile.speaks.get(lang.code, 0), lang.code))
    if share == 1.0:
        text = _("Taught in %(language)s, which you speak.") % {"language": language.name}
    else:
        text = _("Taught in %(language)s, which you speak a little.") % {"language": language.name}
    return Contribution("language", round(WEIGHTS["language"] * share, 2), text)


def _start_share(profile: Profile, start_date: datetime.date, today: datetime.date) -> float:
    # Soon is better, unless the person said they can only start later.
    return 1.0 if (start_date - today).days <= SOON_DAYS or profile.start == "later" else 0.5


def _start(profile: Profile, session: Session | None, today: datetime.date) -> Contribution:
    if session is None or not session.is_open_on(today):
        return Contribution("start", 0.0)
    share = _start_share(profile, session.start_date, today)
    weeks = max(1, round((session.start_date - today).days / 7))
    text = _("Starts in %(when)s; %(seats)d places left.") % {"when": duration_text(weeks), "seats": session.seats_left}
    return Contribution("start", round(WEIGHTS["start"] * share, 2), text)


def _criterion_counts(key: str, status: str | None, blocking: bool) -> tuple[int, int, float]:
    """What one criterion adds to eligibility: met (0 or 1), checked (0 or 1), and its penalty.

    The session's own state (deadline, seats) counts in "start", not in the
    share checked; a closed session is still a penalty. Unknown: nothing.
    """
    if status is None:
        return 0, 0, 0.0
    checked = status != UNKNOWN and key != "session"
    penalty = (WEIGHTS["not_met_blocking"] if blocking else WEIGHTS["not_met_paper"]) if status == NOT_MET else 0.0
    return int(checked and status == MET), int(checked), penalty


def _share_points(met: int, checked: int) -> float | None:
    """Points for meeting ``met`` of the ``checked`` conditions; None if none could be checked."""
    return round(WEIGHTS["eligibility"] * met / checked, 2) if checked else None


def _eligibility(criteria: list[CriterionResult]) -> list[Contribution]:
    counts = [_criterion_counts(c.key, c.status, c.blocking) for c in criteria]
    share = _share_points(sum(c[0] for c in counts), sum(c[1] for c in counts))
    checked = [c for c in criteria if not c.unknown and c.key != "session"]
    met = [c for c in checked if c.met]
    contributions = []
    if share is not None:
        text = (
            _("You meet the conditions we could check.")
            if len(met) == len(checked)
            else _("You meet %(met)d of the %(total)d conditions we could check.")
            % {"met": len(met), "total": len(checked)}
        )
        contributions.append(Contribution("eligibility", share, text if met else ""))
    for criterion in criteria:
        if criterion.not_met:
            weight = WEIGHTS["not_met_blocking"] if criterion.blocking else WEIGHTS["not_met_paper"]
            contributions.append(Contribution(f"not_met:{criterion.key}", weight, criterion.text))
    return contributions


def _session_for(programme: Programme, today: datetime.date) -> Session | None:
    """The session to aim for: the next one open, else the next one at all (to say why it is closed)."""
    session = next_open_session(programme=programme, today=today)
    if session is not None:
        return session
    upcoming = sorted(programme.sessions.all(), key=lambda s: (s.start_date, s.pk))
    return upcoming[0] if upcoming else None


def _cautions(profile: Profile, trade: Trade) -> list[str]:
    texts = {
        "standing": _("This work often means standing for a long time: talk about it at the desk."),
        "dust": _("This work can be dusty: talk about it at the desk."),
        "heavy": _("This work can mean carrying heavy things: talk about it at the desk."),
        "chemicals": _("This work uses products that can irritate: talk about it at the desk."),
    }
    return [texts[key] for key in sorted(profile.constraints or []) if trade.slug in CONSTRAINT_TRADES.get(key, ())]


def recommend(*, profile: Profile, today: datetime.date) -> Recommendations:
    """Every trade and the best programmes for ``profile``, best first, each with its reasons."""
    profile = profile.for_scoring()
    catalogue = candidate_catalogue(today=today)
    trades = catalogue.trade_objects
    skills_of = {trade.slug: {skill.slug for skill in trade.skills.all()} for trade in trades}
    names = {trade.slug: trade.name for trade in trades}
    riasec = riasec_scores(profile)
    trade_results = {}
    for trade in trades:
        contributions = [_interest(profile, trade, riasec), _experience(profile, trade, skills_of, names)]
        trade_results[trade.slug] = TradeResult(trade, contributions, _cautions(profile, trade))
    ranked_trades = sorted(trade_results.values(), key=lambda r: (-r.score, r.trade.slug))

    home = catalogue.cities.get(profile.city) if profile.city else None
    programme_results = _best_programmes(profile, trade_results, home, today, limit=PROGRAMMES_SHOWN)
    return Recommendations(trades=ranked_trades, programmes=programme_results)


def _per_row(index: np.ndarray, values: list, counts_of) -> np.ndarray:
    """Criterion counts (met, checked, penalty) of every programme, worked out once per distinct value."""
    table = np.array([counts_of(value) for value in values], dtype=float).reshape(-1, 3)
    return table[index] if len(table) else np.zeros((len(index), 3))


def _eligibility_bounds(profile: Profile, catalogue: CandidateCatalogue, today: datetime.date) -> np.ndarray:
    """The eligibility points of every programme, by the rules of ``eligibility.py`` applied to plain values."""
    has_session = catalogue.session_start > 0
    expires = profile.residence_card_expires
    expired = has_session & (catalogue.session_start > expires.toordinal()) if expires else np.zeros_like(has_session)

    def residence(value: tuple[str, bool, bool]) -> tuple:
        requirement, is_expired, with_session = value
        # A start the card does (or does not) outlast stands for every start of its group.
        start = (
            (expires + datetime.timedelta(days=1) if is_expired and expires else expires or today)
            if with_session
            else None
        )
        return _criterion_counts(
            "residence", residence_status(profile=profile, requirement=requirement, start=start), True
        )

    residences = [(r, e, w) for r in catalogue.residences for e in (False, True) for w in (False, True)]
    counts = (
        _per_row(
            catalogue.age,
            catalogue.ages,
            # A year of birth gives the ages in a year: the year of the session's start is all that matters.
            lambda age: _criterion_counts(
                "age",
                age_status(ages=profile.age_range_on(datetime.date(age[2], 1, 1)), low=age[0], high=age[1]),
                True,
            ),
        )
        + _per_row(
            catalogue.schooling,
            catalogue.schoolings,
            lambda needed: _criterion_counts(
                "schooling", schooling_status(schooling=profile.schooling, needed=needed), True
            ),
        )
        + _per_row(catalogue.residence * 4 + expired * 2 + has_session, residences, residence)
        + _per_row(
            catalogue.languages,
            catalogue.language_sets,
            lambda codes: _criterion_counts("languages", languages_status(speaks=profile.speaks, required=codes), True),
        )
        + _per_row(
            catalogue.documents,
            catalogue.document_sets,
            lambda slugs: _criterion_counts(
                "documents", documents_status(documents=profile.documents, required=slugs), False
            ),
        )
        + _per_row(
            has_session * 2 + catalogue.session_open,
            [None, None, NOT_MET, MET],
            lambda status: _criterion_counts("session", status, True),
        )
    )
    met, checked, penalty = counts[:, 0].astype(int), counts[:, 1].astype(int), counts[:, 2]
    most = 6  # at most five conditions are checked: age, school, residence, languages, papers
    shares = np.array([[_share_points(m, c) or 0.0 for c in range(most)] for m in range(most)])
    return shares[met, checked] + penalty


def _upper_bounds(
    profile: Profile, trade_results: dict[str, TradeResult], home: City | None, today: datetime.date
) -> tuple[CandidateCatalogue, np.ndarray]:
    """For every published programme (the rows of the candidate catalogue), a score it cannot exceed.

    Worked out on the whole catalogue at once from plain values, with the same
    shares and rules as the exact score, each part once per distinct value.
    It is the exact score (unless a rule reads more than the values kept here),
    so only the programmes shown need their sentences.
    """
    catalogue = candidate_catalogue(today=today)
    total = np.array([trade_results[slug].score for slug in catalogue.trades])[catalogue.trade]
    total += np.array([round(WEIGHTS["schedule"] * _schedule_share(profile, k), 2) for k in catalogue.schedules])[
        catalogue.schedule
    ]
    if home is not None:
        same_city, same_region, elsewhere = (
            round(WEIGHTS["distance"] * _distance_share(profile, home, city, region), 2)
            for city, region in ((home.pk, home.region_id), (None, home.region_id), (None, None))
        )
        total += np.where(
            catalogue.city == home.pk,
            same_city,
            np.where(catalogue.region == home.region_id, same_region, elsewhere),
        )
    total += np.array(
        [round(WEIGHTS["language"] * _language_share(profile, codes), 2) for codes in catalogue.teaching_sets]
    )[catalogue.teaching]
    soon, later = (
        round(WEIGHTS["start"] * _start_share(profile, today + datetime.timedelta(days=days), today), 2)
        for days in (0, SOON_DAYS + 1)
    )
    days = catalogue.session_start - today.toordinal()
    total += np.where(catalogue.session_open, np.where(days <= SOON_DAYS, soon, later), 0.0)
    total += _eligibility_bounds(profile, catalogue, today)
    return catalogue, np.round(total, 2)


def _explained(
    programmes: list[Programme], profile: Profile, trade_results: dict[str, TradeResult], home: City | None, today
) -> list[ProgrammeResult]:
    results = []
    for programme in programmes:
        session = _session_for(programme, today)
        criteria = eligibility_check(profile=profile, programme=programme, session=session, today=today)
        contributions = [
            *trade_results[programme.trade.slug].contributions,
            _schedule(profile, programme),
            _distance(profile, programme, home),
            _language(profile, programme),
            _start(profile, session, today),
            *_eligibility(criteria),
        ]
        results.append(ProgrammeResult(programme, session, contributions, criteria))
    return results


# Programmes are scored exactly (with their sentences) in batches of this size, best bound first;
# as the bounds are the exact scores, the first batch is the list shown.
_BATCH = PROGRAMMES_SHOWN


def _best_programmes(
    profile: Profile,
    trade_results: dict[str, TradeResult],
    home: City | None,
    today: datetime.date,
    *,
    limit: int | None,
) -> list[ProgrammeResult]:
    """The ``limit`` best programmes (all if None), exactly scored and explained.

    Scoring every programme with its sentences costs seconds on a national
    catalogue; an upper bound per programme, worked out for all at once, lets
    us score exactly only those that could still enter the top ``limit``.
    """
    upcoming = Session.objects.filter(start_date__gte=today).order_by("start_date", "id")
    queryset = Programme.objects.select_related("trade", "provider", "city__region").prefetch_related(
        "teaching_languages", "required_languages", "required_documents", Prefetch("sessions", queryset=upcoming)
    )
    catalogue, bounds = _upper_bounds(profile, trade_results, home, today)
    order = np.lexsort((catalogue.slug_rank, -bounds)).tolist()
    best: list[ProgrammeResult] = []
    for start in range(0, len(order), _BATCH):
        batch = order[start : start + _BATCH]
        if limit is not None and len(best) >= limit:
            last = best[limit - 1]
            # Candidates come best bound first: once one cannot pass the last kept result, none can.
            if (-bounds[batch[0]], catalogue.slugs[batch[0]]) > (-last.score, last.programme.slug):
                break
        programmes = queryset.filter(pk__in=catalogue.pks[batch].tolist())
        best.extend(_explained(list(programmes), profile, trade_results, home, today))
        best.sort(key=lambda r: (-r.score, r.programme.slug))
        if limit is not None:
            del best[limit:]
    return best
