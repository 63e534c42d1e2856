"""Which texts of the desk's day are written in every language (one column each)."""

from modeltranslation.translator import TranslationOptions, register

from appointments.models import DeskClosure, MeetingReason


@register(MeetingReason)
class MeetingReasonTranslation(TranslationOptions):
    fields = ("name", "description")


@register(DeskClosure)
class DeskClosureTranslation(TranslationOptions):
    fields = ("name",)
