"""Back office for network administrators: staff roles, and the audit log read-only.

People's files are deliberately absent: they are read in the counsellor's
workspace, through the scoped selectors, never in the admin.
"""

from django.contrib import admin
from django.http import HttpRequest

from people.models import AuditEvent, StaffRole


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "desk", "provider", "region"]
    list_filter = ["role", "region"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id", "ip_address"]
    list_filter = ["action", "object_type", "at"]
    search_fields = ["object_id", "actor__username"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
