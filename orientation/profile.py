"""What a person told the questionnaire: a plain object, every answer optional.

``None`` (or an absent key) always means "not answered": eligibility then says
"unknown", never "not met", and the recommendation gives no points for it.
The profile lives in the Django session as a JSON-ready dict (``to_dict`` /
``from_dict``); with accounts (issue 5) the same dict is saved to a
beneficiary's file.

Nationality and sex are not asked by the questionnaire. The two fields exist
so that a counsellor's statistics can travel with a profile; scoring reads
``for_scoring()``, a copy without them, and a test proves the ranking cannot
change with them.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

# Answers to one interest activity.
LIKE, UNSURE, DISLIKE = "like", "unsure", "dislike"
INTEREST_ANSWERS = (LIKE, UNSURE, DISLIKE)

# How long an activity was practised, and how much of a skill that is.
EXPERIENCE_SKILL_FACTOR = {"none": 0.0, "lt1": 0.4, "1to3": 0.7, "gt3": 1.0}
EXPERIENCE_DURATIONS = tuple(EXPERIENCE_SKILL_FACTOR)

# Language levels, spoken or read: 0 not at all, 1 a little, 2 well.
LANGUAGE_LEVELS = (0, 1, 2)

# When a person is free, how much, how soon, how far they can go.
TIMES = ("weekdays", "evenings", "weekends")
WORKLOADS = ("full", "part")
STARTS = ("now", "soon", "later")  # now, within three months, later
TRAVELS = ("city", "region", "country")

# Residence card answers: a valid card, the receipt of an application, none.
RESIDENCE_CARD_ANSWERS = ("card", "receipt", "none")

# Ages a year of birth may give: younger or older is a typing mistake.
YOUNGEST_AGE, OLDEST_AGE = 10, 100

# A residence card's end of validity: years before or after today beyond these are a typing mistake.
# An expired card is a true answer (eligibility then says to renew it), so the past is allowed too.
CARD_YEARS_BACK, CARD_YEARS_AHEAD = 20, 20

# Things a person may choose to tell so that trades that clash are flagged.
CONSTRAINTS = ("standing", "dust", "heavy", "chemicals")


def birth_year_bounds(today: datetime.date) -> tuple[int, int]:
    """The earliest and latest year of birth a profile accepts on ``today``."""
    return today.year - OLDEST_AGE, today.year - YOUNGEST_AGE


def residence_card_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The earliest and latest end of validity of a residence card a profile accepts on ``today``."""
    return datetime.date(today.year - CARD_YEARS_BACK, 1, 1), datetime.date(today.year + CARD_YEARS_AHEAD, 12, 31)


@dataclass
class Profile:
    interests: dict[str, str] = field(default_factory=dict)  # activity slug -> like / unsure / dislike
    experience: dict[str, str] = field(default_factory=dict)  # experience slug -> duration
    speaks: dict[str, int] = field(default_factory=dict)  # language code -> level
    reads: dict[str, int] = field(default_factory=dict)
    schooling: int | None = None  # catalog.models.SchoolingLevel
    birth_year: int | None = None
    times: list[str] | None = None
    workload: str | None = None
    start: str | None = None
    city: str | None = None  # catalog City slug
    travel: str | None = None
    residence_card: str | None = None
    residence_card_expires: datetime.date | None = None
    documents: list[str] | None = None  # DocumentType slugs held, besides the residence card
    constraints: list[str] | None = None
    constraints_note: str = ""
    # Statistics only (never asked here, never scored): see the module docstring.
    nationality: str | None = None
    sex: str | None = None

    def for_scoring(self) -> Profile:
        return dataclasses.replace(self, nationality=None, sex=None)

    def age_range_on(self, day: datetime.date) -> tuple[int, int] | None:
        """The ages a person born in ``birth_year`` may have on ``day``: the year alone leaves one year open."""
        if self.birth_year is None:
            return None
        oldest = day.year - self.birth_year
        return (oldest - 1, oldest)

    @property
    def is_empty(self) -> bool:
        return self.to_dict() == Profile().to_dict()

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        if self.residence_card_expires is not None:
            data["residence_card_expires"] = self.residence_card_expires.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Profile:
        """Rebuild a profile from the session, dropping what is unknown or malformed."""
        if not isinstance(data, dict):
            return cls()
        names = {f.name for f in dataclasses.fields(cls)}
        values = {key: value for key, value in data.items() if key in names}
        expires = values.get("residence_card_expires")
        if isinstance(expires, str):
            try:
                values["residence_card_expires"] = datetime.date.fromisoformat(expires)
            except ValueError:
                values["residence_card_expires"] = None
        expires = values.get("residence_card_expires")
        earliest, latest = residence_card_bounds(timezone.localdate())
        if isinstance(expires, datetime.date) and not earliest <= expires <= latest:
            # Kept before dates had bounds: a date no card carries is dropped, as if unanswered.
            values["residence_card_expires"] = None
        try:
            return cls(**values)
        except TypeError:
            return cls()
