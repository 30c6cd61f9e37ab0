from django.contrib import admin

from .models import AuditEvent, Membership, Organisation


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records the application appends and nobody edits: superusers read them, nothing more."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the trail is appended to by accounts.actions.audit_record and never edited."""

    list_display = ["occurred_at", "actor_username", "action", "object_repr", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_username", "object_repr"]
    date_hierarchy = "occurred_at"


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Portal administrators may also keep organisations here; the workspace (/manage/organisations/) is
    the usual place."""

    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["organisation", "role"]
    search_fields = ["user__username", "organisation__name"]
    list_select_related = ["user", "organisation"]
