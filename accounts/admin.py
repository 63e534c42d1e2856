"""Back office for network administrators: staff roles and their scopes."""

from django.contrib import admin

from accounts.models import StaffRole


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "desk", "provider", "region"]
    list_filter = ["role", "region"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]
