"""Read-only: messages and reminders are written by notifications.actions and are the record of what was sent."""

from django.contrib import admin

from accounts.admin import ReadOnlyAdmin

from .models import Message, Reminder


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "organisation", "kind", "to_address", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "organisation"]
    search_fields = ["to_address", "subject", "notice__title"]
    list_select_related = ["organisation"]
    date_hierarchy = "created_at"


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "notice", "window"]
    list_filter = ["kind"]
    list_select_related = ["notice"]
