"""Which catalogue fields are written in every language (one column each)."""

from modeltranslation.translator import TranslationOptions, register

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
