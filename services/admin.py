from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from .forms import PurposeForm
from .models import (
    Controller,
    DataCategory,
    DataSubjectGroup,
    LawfulBasis,
    Legislation,
    Purpose,
    Recipient,
    Service,
    Source,
)


class RegisterAdmin(SimpleHistoryAdmin):
    list_filter = ["retired"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Controller)
class ControllerAdmin(RegisterAdmin):
    list_display = ["name", "ico_registration_number", "is_public_authority", "dpo_name", "retired"]
    list_filter = ["is_public_authority", "retired"]
    search_fields = ["name", "other_names", "company_number", "ico_registration_number", "dpo_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Service)
class ServiceAdmin(RegisterAdmin):
    list_display = ["name", "controller", "role", "retired"]
    list_filter = ["role", "controller", "retired"]
    search_fields = ["name", "description", "controller__name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["other_controllers"]
    list_select_related = ["controller"]


@admin.register(DataSubjectGroup)
class DataSubjectGroupAdmin(RegisterAdmin):
    list_display = ["name", "retired"]
    search_fields = ["name", "description"]


@admin.register(DataCategory)
class DataCategoryAdmin(RegisterAdmin):
    list_display = ["name", "kind", "retired"]
    list_filter = ["kind", "retired"]
    search_fields = ["name", "description"]


@admin.register(LawfulBasis)
class LawfulBasisAdmin(SimpleHistoryAdmin):
    list_display = ["article", "short_title", "kind", "needs_basis_in_law", "needs_sch1_condition",
                    "needs_appropriate_policy_document"]
    list_filter = ["kind", "needs_basis_in_law", "needs_sch1_condition", "needs_appropriate_policy_document"]
    search_fields = ["code", "article", "short_title", "plain_english"]


@admin.register(Legislation)
class LegislationAdmin(RegisterAdmin):
    list_display = ["title", "section", "year", "chapter", "retired"]
    list_filter = ["year", "retired"]
    search_fields = ["title", "section", "chapter"]


@admin.register(Purpose)
class PurposeAdmin(RegisterAdmin):
    form = PurposeForm
    list_display = ["name", "art6_basis", "art9_condition", "collected_from", "retired"]
    list_filter = ["art6_basis", "art9_condition", "collected_from", "retired"]
    search_fields = ["name", "description"]
    filter_horizontal = ["legislation", "data_categories", "subject_groups"]
    list_select_related = ["art6_basis", "art9_condition"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for warning in getattr(form, "rule_warnings", []):
            messages.warning(request, warning)


@admin.register(Source)
class SourceAdmin(RegisterAdmin):
    list_display = ["name", "kind", "retired"]
    list_filter = ["kind", "retired"]
    search_fields = ["name", "description"]


@admin.register(Recipient)
class RecipientAdmin(RegisterAdmin):
    list_display = ["name", "kind", "role", "transfer_country", "safeguard", "retired"]
    list_filter = ["kind", "role", "safeguard", "retired"]
    search_fields = ["name", "what_is_shared", "why_shared", "transfer_country"]
