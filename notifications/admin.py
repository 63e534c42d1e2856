"""The outbox in the back office, read-only: status, tries and errors, never the text nor the recipient."""

from django.contrib import admin
from django.http import HttpRequest

from notifications.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "template", "language", "status", "tries", "last_error", "sent_at"]
    list_filter = ["status", "channel", "language", "template"]
    date_hierarchy = "created_at"
    fields = [
        "channel",
        "template",
        "language",
        "sender",
        "status",
        "tries",
        "max_tries",
        "last_error",
        "next_try_at",
        "claimed_at",
        "created_at",
        "sent_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Message | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Message | None = None) -> bool:
        return False
