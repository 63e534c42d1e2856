"""Which catalogue fields are written in every language (one column each), and which language a text is shown in."""

from django.utils.translation import get_language
from modeltranslation.translator import TranslationOptions, register
from modeltranslation.utils import build_localized_fieldname, resolution_order

from catalog.models import City, Desk, DocumentType, Language, Programme, Provider, Region, Skill, Trade


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name", "capital")


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name",)


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)


@register(DocumentType)
class DocumentTypeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Skill)
class SkillTranslation(TranslationOptions):
    fields = ("name",)


@register(Trade)
class TradeTranslation(TranslationOptions):
    fields = ("name", "summary", "description")


@register(Provider)
class ProviderTranslation(TranslationOptions):
    fields = ("name", "description", "address")


@register(Desk)
class DeskTranslation(TranslationOptions):
    fields = ("name", "address", "services", "hours_note")


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "certificate", "schedule_note", "admission_notes")


def shown_language(obj, field: str) -> str:
    """The language ``obj.<field>`` is shown in now: the active one, or the one its fallback found.

    modeltranslation shows the first non-empty column in its resolution order
    (ar, then fr; fr, then en); the first column holding the shown text is the
    one it came from. Empty text is said to be in the active language.
    """
    active = get_language()
    shown = getattr(obj, field)
    if shown:
        for code in resolution_order(active):
            if getattr(obj, build_localized_fieldname(field, code), None) == shown:
                return code
    return active
