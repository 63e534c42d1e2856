"""The network administrator's back office for the desk's day: reasons for a meeting (fr/ar/en),
counsellors' availability and absences, desk closures and public holidays.

No personal data here: appointments are not listed, only counted per reason;
files are never shown. Counsellors set their own availability and absences
in the workspace (/desk/availability/); the back office sees every desk's.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from accounts.models import Role
from appointments.models import LIVE_STATUSES, Absence, Availability, DeskClosure, MeetingReason
from core.bidi import BidiFreeModelForm


def _counsellors_only(db_field, kwargs) -> None:
    """A counsellor field offers the users who counsel at a desk, not every account."""
    if db_field.name == "counsellor":
        from django.contrib.auth import get_user_model

        kwargs["queryset"] = (
            get_user_model().objects.filter(staff_roles__role=Role.COUNSELLOR).distinct().order_by("username")
        )


@admin.register(MeetingReason)
class MeetingReasonAdmin(TranslationAdmin):
    form = BidiFreeModelForm
    list_display = (
        "name",
        "duration_minutes",
        "channel",
        "min_notice_hours",
        "max_weeks_ahead",
        "active",
        "appointments_to_come",
    )
    list_filter = ("channel", "active", "desks")
    search_fields = ("name_fr", "name_ar", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_fr",)}
    filter_horizontal = ("desks",)
    fieldsets = (
        (None, {"fields": ("slug", "name", "description", "duration_minutes", "channel", "desks", "order", "active")}),
        (
            _("Booking window"),
            {
                "fields": ("min_notice_hours", "max_weeks_ahead"),
                "description": _("Not sooner than this many hours ahead, not later than this many weeks ahead."),
            },
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(live_total=Count("appointments", filter=Q(appointments__status__in=LIVE_STATUSES)))
        )

    @admin.display(description=_("appointments booked"), ordering="live_total")
    def appointments_to_come(self, obj: MeetingReason) -> int:
        return obj.live_total


@admin.register(Availability)
class AvailabilityAdmin(admin.ModelAdmin):
    list_display = ("counsellor", "desk", "weekday", "starts", "ends", "valid_from", "valid_until")
    list_filter = ("desk", "weekday")
    list_select_related = ("counsellor", "desk")
    search_fields = ("counsellor__username", "desk__slug")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        _counsellors_only(db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ("counsellor", "kind", "starts_at", "ends_at")
    list_filter = ("kind",)
    list_select_related = ("counsellor",)
    search_fields = ("counsellor__username",)
    date_hierarchy = "starts_at"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        _counsellors_only(db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class NetworkWideFilter(admin.SimpleListFilter):
    title = _("scope")
    parameter_name = "scope"

    def lookups(self, request, model_admin):
        return [("holiday", _("Public holidays (every desk)")), ("desk", _("One desk's closures"))]

    def queryset(self, request, queryset):
        if self.value() == "holiday":
            return queryset.filter(desk__isnull=True)
        if self.value() == "desk":
            return queryset.filter(desk__isnull=False)
        return queryset


@admin.register(DeskClosure)
class DeskClosureAdmin(TranslationAdmin):
    form = BidiFreeModelForm
    list_display = ("date", "name", "desk")
    list_filter = (NetworkWideFilter, "desk")
    list_select_related = ("desk",)
    search_fields = ("name_fr", "name_ar", "name_en")
    date_hierarchy = "date"
    fieldsets = (
        (
            None,
            {
                "fields": ("date", "name", "desk"),
                "description": _(
                    "Public holidays are loaded for a year with “manage.py load_public_holidays --year 2027”. "
                    "Religious holidays (Eid al-Fitr, Eid al-Adha, 1 Muharram, Mawlid) depend on the sighting "
                    "of the moon: they are entered at their expected dates; correct the date here once it is "
                    "announced. Loading the year again keeps your correction."
                ),
            },
        ),
    )
