from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LegalHold, RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(SimpleHistoryAdmin):
    list_display = ["record_type", "period_kind", "period_number", "period_unit", "trigger", "action", "retired"]
    list_filter = ["period_kind", "action", "retired"]
    search_fields = ["record_type", "trigger", "authority"]
    filter_horizontal = ["services"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(LegalHold)
class LegalHoldAdmin(SimpleHistoryAdmin):
    list_display = ["name", "imposed_by", "start_date", "end_date", "retired"]
    list_filter = ["retired"]
    search_fields = ["name", "description", "imposed_by"]
    filter_horizontal = ["retention_rules", "services"]
    readonly_fields = ["created_at", "updated_at"]
