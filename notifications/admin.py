from django.contrib import admin

from .models import Message, Reminder


class _ReadOnly(admin.ModelAdmin):
    """Read-only: messages and reminders are written by notifications.actions, and are the record of what was
    sent."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(_ReadOnly):
    list_display = ["created_at", "organisation", "kind", "to_address", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "organisation"]
    search_fields = ["to_address", "subject", "notice__title"]
    list_select_related = ["organisation"]
    date_hierarchy = "created_at"


@admin.register(Reminder)
class ReminderAdmin(_ReadOnly):
    list_display = ["created_at", "kind", "notice", "window"]
    list_filter = ["kind"]
    list_select_related = ["notice"]
