from django.contrib import admin

from services.admin import RegisterAdmin

from .models import LegalHold, RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(RegisterAdmin):
    list_display = ["record_type", "organisation", "period_kind", "period_number", "period_unit", "trigger", "action",
                    "retired"]
    list_filter = ["organisation", "period_kind", "action", "retired"]
    search_fields = ["record_type", "trigger", "authority"]
    filter_horizontal = ["services"]


@admin.register(LegalHold)
class LegalHoldAdmin(RegisterAdmin):
    list_display = ["name", "organisation", "imposed_by", "start_date", "end_date", "retired"]
    list_filter = ["organisation", "retired"]
    search_fields = ["name", "description", "imposed_by"]
    filter_horizontal = ["retention_rules", "services"]
