"""Back office of readers' feedback: editors read, filter and archive it; nobody changes or adds any."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from content.models import Feedback


class ArchivedFilter(admin.SimpleListFilter):
    """Live answers by default: archived ones are out of the way, still there."""

    title = _("archived")
    parameter_name = "archived"

    def lookups(self, request, model_admin):
        return (("no", _("Not archived")), ("yes", _("Archived")), ("all", _("All")))

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": (self.value() or "no") == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or "no"
        if value == "no":
            return queryset.filter(archived_at__isnull=True)
        if value == "yes":
            return queryset.filter(archived_at__isnull=False)
        return queryset


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "path", "language", "helped", "comment_start", "archived_at")
    list_display_links = ("created_at", "path")
    list_filter = (
        ArchivedFilter,
        "helped",
        "language",
        ("created_at", admin.DateFieldListFilter),
        ("path", admin.AllValuesFieldListFilter),
    )
    search_fields = ("path", "comment")
    date_hierarchy = "created_at"
    readonly_fields = ("path", "language", "content_version", "created_at", "helped", "comment", "archived_at")
    fields = readonly_fields
    actions = ("archive", "unarchive")
    list_per_page = 50

    @admin.display(description=_("comment"))
    def comment_start(self, obj: Feedback) -> str:
        return obj.comment if len(obj.comment) <= 80 else obj.comment[:79] + "…"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # feedback comes from readers only

    def has_delete_permission(self, request: HttpRequest, obj: Feedback | None = None) -> bool:
        return False  # archived, never deleted: the reports count it

    @admin.action(description=_("Archive the selected feedback"), permissions=["change"])
    def archive(self, request: HttpRequest, queryset: QuerySet[Feedback]) -> None:
        count = queryset.filter(archived_at__isnull=True).update(archived_at=timezone.now())
        message = ngettext("%(count)d answer archived.", "%(count)d answers archived.", count) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Bring the selected feedback back from the archive"), permissions=["change"])
    def unarchive(self, request: HttpRequest, queryset: QuerySet[Feedback]) -> None:
        count = queryset.filter(archived_at__isnull=False).update(archived_at=None)
        message = ngettext("%(count)d answer brought back.", "%(count)d answers brought back.", count) % {
            "count": count
        }
        self.message_user(request, message, messages.SUCCESS)
