"""The questionnaire: one short screen per topic, every question optional.

Each step is a plain Django form (it works with JavaScript off) and knows how
to fill itself from a ``Profile`` and how to write its answers back. A field
left empty stays "not answered" (``None``): eligibility then says "unknown",
never "not met". The answers live in the session (``load`` / ``store``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from catalog.models import City, DocumentType, Language, SchoolingLevel, Trade
from core.bidi import BidiFreeForm
from orientation.eligibility import RESIDENCE_DOCUMENTS
from orientation.interests import ACTIVITIES
from orientation.profile import Profile, birth_year_bounds, residence_card_bounds

SESSION_KEY = "orientation_profile"

INTEREST_CHOICES = [("like", _("I like it")), ("unsure", _("Not sure")), ("dislike", _("I don't like it"))]
EXPERIENCE_CHOICES = [
    ("none", _("Never")),
    ("lt1", _("Under a year")),
    ("1to3", _("1 to 3 years")),
    ("gt3", _("More than 3 years")),
]
LEVEL_CHOICES = [("0", _("Not at all")), ("1", _("A little")), ("2", _("Well"))]
TIME_CHOICES = [("weekdays", _("On weekdays")), ("evenings", _("In the evenings")), ("weekends", _("At weekends"))]
WORKLOAD_CHOICES = [("full", _("Full time")), ("part", _("Part time"))]
START_CHOICES = [("now", _("Now")), ("soon", _("Within 3 months")), ("later", _("Later"))]
TRAVEL_CHOICES = [
    ("city", _("Only in my city")),
    ("region", _("In my region")),
    ("country", _("Anywhere in Morocco")),
]
RESIDENCE_CARD_CHOICES = [
    ("card", _("I have a residence card")),
    ("receipt", _("I have the receipt of my application")),
    ("none", _("I have neither")),
]
CONSTRAINT_CHOICES = [
    ("standing", _("I cannot stand for a long time")),
    ("dust", _("Dust is bad for me (allergy, breathing)")),
    ("heavy", _("I cannot carry heavy things")),
    ("chemicals", _("Some products irritate my skin")),
]


def load(session: SessionBase) -> Profile:
    return Profile.from_dict(session.get(SESSION_KEY))


def store(session: SessionBase, profile: Profile) -> None:
    session[SESSION_KEY] = profile.to_dict()


def clear(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


class StepForm(BidiFreeForm):
    """A step's form; ``pictograms`` gives the picture shown beside a field."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pictograms: dict[str, str] = {}

    def rows(self) -> list[tuple[forms.BoundField, str]]:
        return [(self[name], self.pictograms.get(name, "")) for name in self.fields]

    def profile_key(self, name: str) -> str:
        """Where the answer to field ``name`` goes in a profile: ``city``, ``interests.sew``, ``speaks.fr``."""
        return name

    def profile_value(self, name: str, value: str) -> object:
        """An answer option of field ``name`` as the profile holds it (the form posts strings)."""
        field = self.fields[name]
        return field.coerce(value) if isinstance(field, forms.TypedChoiceField) else value


def _radio(label: Promise | str, choices: list, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=False, widget=forms.RadioSelect, **kwargs)


def _checkboxes(label: Promise | str, choices: list) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple)


class InterestsForm(StepForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for activity in ACTIVITIES:
            self.fields[activity.slug] = _radio(activity.label, INTEREST_CHOICES)
            self.pictograms[activity.slug] = activity.pictogram

    def profile_key(self, name: str) -> str:
        return f"interests.{name}"

    @staticmethod
    def initial_from(profile: Profile) -> dict:
        return dict(profile.interests)

    def save_to(self, profile: Profile) -> None:
        profile.interests = {slug: value for slug, value in self.cleaned_data.items() if value}


class ExperienceForm(StepForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for trade in Trade.objects.order_by("position", "slug"):
            self.fields[trade.slug] = _radio(trade.name, EXPERIENCE_CHOICES)
            self.pictograms[trade.slug] = trade.pictogram

    def profile_key(self, name: str) -> str:
        return f"experience.{name}"

    @staticmethod
    def initial_from(profile: Profile) -> dict:
        return dict(profile.experience)

    def save_to(self, profile: Profile) -> None:
        profile.experience = {slug: value for slug, value in self.cleaned_data.items() if value and value != "none"}


class AboutForm(StepForm):
    schooling = forms.TypedChoiceField(
        label=_("How far did you go at school? (here or in another country)"),
        choices=[("", _("I prefer not to say")), *SchoolingLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        earliest, latest = birth_year_bounds(timezone.localdate())
        self.fields["birth_year"].widget.attrs.update({"min": earliest, "max": latest, "inputmode": "numeric"})
        self.pictograms["schooling"] = "document"
        self.pictograms["birth_year"] = "calendar"
        for language in Language.objects.order_by("position", "code"):
            self.fields[f"speaks_{language.code}"] = _radio(
                _("I speak %(language)s") % {"language": language.name}, LEVEL_CHOICES
            )
            self.fields[f"reads_{language.code}"] = _radio(
                _("I read %(language)s") % {"language": language.name}, LEVEL_CHOICES
            )
            self.pictograms[f"speaks_{language.code}"] = "globe"

    def profile_key(self, name: str) -> str:
        kind, _sep, code = name.partition("_")
        return f"{kind}.{code}" if kind in {"speaks", "reads"} else name

    def profile_value(self, name: str, value: str) -> object:
        # Language levels are posted as "0", "1", "2" and kept as numbers (save_to).
        return int(value) if name.startswith(("speaks_", "reads_")) else super().profile_value(name, value)

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data["birth_year"]
        earliest, latest = birth_year_bounds(timezone.localdate())
        if year is not None and not earliest <= year <= latest:
            raise forms.ValidationError(_("Write the year you were born, for example 1995."))
        return year

    @staticmethod
    def initial_from(profile: Profile) -> dict:
        initial = {"schooling": profile.schooling, "birth_year": profile.birth_year}
        initial |= {f"speaks_{code}": str(level) for code, level in profile.speaks.items()}
        initial |= {f"reads_{code}": str(level) for code, level in profile.reads.items()}
        return initial

    def save_to(self, profile: Profile) -> None:
        data = self.cleaned_data
        profile.schooling = data["schooling"]
        profile.birth_year = data["birth_year"]
        profile.speaks = {
            name.removeprefix("speaks_"): int(value)
            for name, value in data.items()
            if name.startswith("speaks_") and value
        }
        profile.reads = {
            name.removeprefix("reads_"): int(value)
            for name, value in data.items()
            if name.startswith("reads_") and value
        }


class AvailabilityForm(StepForm):
    times = _checkboxes(_("When are you free?"), TIME_CHOICES)
    workload = _radio(_("How much time?"), WORKLOAD_CHOICES)
    start = _radio(_("When can you start?"), START_CHOICES)
    city = forms.ChoiceField(label=_("Where do you live?"), required=False)
    travel = _radio(_("How far can you go for a training?"), TRAVEL_CHOICES)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cities = City.objects.order_by("slug")
        self.fields["city"].choices = [("", _("I prefer not to say")), *((c.slug, c.name) for c in cities)]
        self.pictograms |= {"times": "calendar", "workload": "clock", "start": "calendar", "city": "map-pin"}
        self.pictograms["travel"] = "map-pin"

    @staticmethod
    def initial_from(profile: Profile) -> dict:
        return {
            "times": profile.times or [],
            "workload": profile.workload,
            "start": profile.start,
            "city": profile.city,
            "travel": profile.travel,
        }

    def save_to(self, profile: Profile) -> None:
        data = self.cleaned_data
        profile.times = data["times"] or None
        profile.workload = data["workload"] or None
        profile.start = data["start"] or None
        profile.city = data["city"] or None
        profile.travel = data["travel"] or None


class DocumentsForm(StepForm):
    residence_card = _radio(_("Residence card"), RESIDENCE_CARD_CHOICES)
    residence_card_expires = forms.DateField(
        label=_("If you have a card: until when is it valid?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Written on the card. Example: 2027-06-30."),
    )
    documents = _checkboxes(_("Which of these papers do you have?"), [])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        papers = DocumentType.objects.exclude(slug__in=RESIDENCE_DOCUMENTS - {"passport"}).order_by("position", "slug")
        self.fields["documents"].choices = [(d.slug, d.name) for d in papers]
        self.pictograms |= {"residence_card": "document", "residence_card_expires": "calendar"}
        self.pictograms["documents"] = "document"
        earliest, latest = residence_card_bounds(timezone.localdate())
        attrs = {"min": earliest.isoformat(), "max": latest.isoformat()}
        self.fields["residence_card_expires"].widget.attrs.update(attrs)

    def clean_residence_card_expires(self) -> datetime.date | None:
        expires = self.cleaned_data["residence_card_expires"]
        earliest, latest = residence_card_bounds(timezone.localdate())
        if expires is not None and not earliest <= expires <= latest:
            raise forms.ValidationError(
                _("Write the date on your card: a day between %(earliest)s and %(latest)s.")
                % {"earliest": earliest.isoformat(), "latest": latest.isoformat()}
            )
        return expires

    @staticmethod
    def initial_from(profile: Profile) -> dict:
        return {
            "residence_card": profile.residence_card,
            "residence_card_expires": profile.residence_card_expires,
            "documents": profile.documents or [],
        }

    def save_to(self, profile: Profile) -> None:
        data = self.cleaned_data
        profile.residence_card = data["residence_card"] or None
        expires: datetime.date | None = data["residence_card_expires"]
        profile.residence_card_expires = expires if profile.residence_card == "card" else None
        profile.documents = data["documents"] or None


class ConstraintsForm(StepForm):
    constraints = _checkboxes(_("Is there something that is hard for you at work?"), CONSTRAINT_CHOICES)
    constraints_note = forms.CharField(
        label=_("Anything else you want the counsellor to know (optional)"),
        required=False,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pictograms["constraints"] = "info"

    @staticmethod
    def initial_from(profile: Profile) -> dict:
        return {"constraints": profile.constraints or [], "constraints_note": profile.constraints_note}

    def save_to(self, profile: Profile) -> None:
        profile.constraints = self.cleaned_data["constraints"] or None
        profile.constraints_note = self.cleaned_data["constraints_note"].strip()


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    intro: Promise
    pictogram: str
    form_class: Callable[..., StepForm]


STEPS: tuple[Step, ...] = (
    Step(
        "interests",
        _("What do you like to do?"),
        _("For each picture, say if you like it. There is no wrong answer."),
        "compass",
        InterestsForm,
    ),
    Step(
        "experience",
        _("What have you already done?"),
        _("Work, help in a family workshop, a training: everything counts, even without a contract."),
        "trade",
        ExperienceForm,
    ),
    Step(
        "about",
        _("Languages, school, age"),
        _("Some trainings ask for an age or a school level. We use this only to check them."),
        "people",
        AboutForm,
    ),
    Step(
        "availability",
        _("Time and place"),
        _("When you are free and where you can go."),
        "calendar",
        AvailabilityForm,
    ),
    Step(
        "documents",
        _("Your papers"),
        _("Trainings ask for papers. We use this only to tell you what to bring. Nothing is sent to anyone."),
        "document",
        DocumentsForm,
    ),
    Step(
        "constraints",
        _("Anything hard for you?"),
        _(
            "You do not have to answer. If you tell us, we can warn you about trades that may be hard for you, "
            "and the counsellor can find solutions with you."
        ),
        "info",
        ConstraintsForm,
    ),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}
