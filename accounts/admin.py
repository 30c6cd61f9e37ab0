from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is appended to by accounts.actions.audit_record and never edited."""

    list_display = ["occurred_at", "actor_username", "action", "object_repr", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_username", "object_repr"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
