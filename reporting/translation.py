"""Which texts of reporting are written in every language (one column each)."""

from modeltranslation.translator import TranslationOptions, register

from reporting.models import NationalityGroup


@register(NationalityGroup)
class NationalityGroupTranslation(TranslationOptions):
    fields = ("name",)
