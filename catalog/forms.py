"""The programme filters, validated once for the pages and the API alike."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog import selectors, translation_status
from catalog.models import ScheduleKind
from core.bidi import BidiFreeForm

MAX_WEEKS = 104  # two years ahead: the longest planning horizon of a provider

STARTS_WITHIN_CHOICES = [
    ("", _("Any time")),
    ("4", _("Within 4 weeks")),
    ("8", _("Within 8 weeks")),
    ("13", _("Within 3 months")),
    ("26", _("Within 6 months")),
]


class ProgrammeFilterForm(BidiFreeForm):
    """Query-string filters of the programme list; unknown values are errors."""

    trade = forms.ChoiceField(label=_("Trade"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    city = forms.ChoiceField(label=_("City"), required=False)
    schedule = forms.ChoiceField(
        label=_("Schedule"), required=False, choices=[("", _("Any schedule")), *ScheduleKind.choices]
    )
    language = forms.ChoiceField(label=_("Teaching language"), required=False)
    starts_within = forms.IntegerField(
        label=_("Starts within (weeks)"),
        required=False,
        min_value=1,
        max_value=MAX_WEEKS,
        widget=forms.Select(choices=STARTS_WITHIN_CHOICES),
    )
    free = forms.BooleanField(label=_("Free of charge only"), required=False)
    seats = forms.BooleanField(label=_("Seats left only"), required=False)

    FIELD_NAMES = ("trade", "region", "city", "schedule", "language", "starts_within", "free", "seats")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = selectors.filter_choices()
        self.fields["trade"].choices = [("", _("All trades")), *choices["trade"]]
        self.fields["region"].choices = [("", _("All regions")), *choices["region"]]
        self.fields["city"].choices = [("", _("All cities")), *choices["city"]]
        self.fields["language"].choices = [("", _("Any language")), *choices["language"]]

    def clean_free(self) -> bool:
        return self._strict_boolean("free")

    def clean_seats(self) -> bool:
        return self._strict_boolean("seats")

    def _strict_boolean(self, name: str) -> bool:
        raw = self.data.get(name, "")
        if raw in ("", "0", "false", "off"):
            return False
        if raw in ("1", "true", "on"):
            return True
        raise forms.ValidationError(_("Use 1 to turn this filter on, or leave it out."), code="invalid")

    def active_count(self) -> int:
        """How many filters narrow the list (0 when the form is not valid)."""
        if not self.is_valid():
            return 0
        return sum(1 for name in self.FIELD_NAMES if self.cleaned_data.get(name))

    def to_filters(self) -> selectors.ProgrammeFilters:
        data = self.cleaned_data
        return selectors.ProgrammeFilters(
            trade=data.get("trade", ""),
            region=data.get("region", ""),
            city=data.get("city", ""),
            schedule=data.get("schedule", ""),
            language=data.get("language", ""),
            free=data.get("free", False),
            starts_within_weeks=data.get("starts_within"),
            seats_left=data.get("seats", False),
        )


def _language_choices() -> list[tuple[str, str]]:
    from django.conf import settings

    names = dict(settings.LANGUAGES)
    return [(code, names[code]) for code in translation_status.target_languages()]


def _content_type_choices() -> list[tuple[str, str]]:
    return [
        (translation_status.content_type_key(model), str(model._meta.verbose_name_plural).capitalize())
        for model in translation_status.translated_models()
    ]


class TranslationQueueFilterForm(BidiFreeForm):
    """The editors' queue of translations: which language, which kind of record."""

    language = forms.ChoiceField(label=_("Language"), required=False)
    content_type = forms.ChoiceField(label=_("Records"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Missing or outdated")),
            (translation_status.Status.MISSING, translation_status.Status.MISSING.label),
            (translation_status.Status.OUTDATED, translation_status.Status.OUTDATED.label),
        ],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()
        self.fields["content_type"].choices = [("", _("All records")), *_content_type_choices()]

    def clean_language(self) -> str:
        return self.cleaned_data["language"] or translation_status.target_languages()[0]

    @property
    def model(self):
        return translation_status.model_for_key(self.cleaned_data.get("content_type") or "")


class TranslationCheckForm(BidiFreeForm):
    """Names one translation an editor marks "still right"."""

    content_type = forms.ChoiceField()
    object_id = forms.IntegerField(min_value=1)
    field = forms.CharField(max_length=64)
    language = forms.ChoiceField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices()
        self.fields["content_type"].choices = _content_type_choices()

    @property
    def model(self):
        return translation_status.model_for_key(self.cleaned_data["content_type"])
