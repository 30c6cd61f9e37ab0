"""The Django admin for the register. It writes only through services.actions, as the workspace does: the
lock counter moves on every save (so a workspace edit loaded before it is refused), one history row names
the administrator, and a record only ever uses its own organisation's records. A record added here names
the organisation whose register it goes in; it never moves to another afterwards."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import Organisation

from . import actions
from .forms import PurposeForm
from .models import (
    Controller,
    DataCategory,
    DataSubjectGroup,
    LawfulBasis,
    Legislation,
    OrganisationRecord,
    Purpose,
    Recipient,
    Service,
    ServiceParty,
    Source,
)


class RecordAdminForm(forms.ModelForm):
    """Carries the lock_version the administrator loaded, and offers only the record's organisation's records.
    Adding a record, the administrator chooses its organisation (`register_of`), and the links are checked
    against it."""

    # Not "lock_version" or "organisation": the admin may not name model fields the model marks not editable.
    loaded_lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    register_of = forms.ModelChoiceField(
        Organisation.objects.all(), label="Organisation",
        error_messages={"required": "Choose the organisation whose register it goes in"},
        help_text="Whose register the record goes in. It cannot be moved afterwards: copy it instead.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owned = isinstance(self.instance, OrganisationRecord)
        if self.instance.pk or not owned:
            del self.fields["register_of"]
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_lock_version"] = self.instance.lock_version
        if owned and self.instance.pk:
            for form_field in self.fields.values():
                queryset = getattr(form_field, "queryset", None)
                if queryset is not None and issubclass(queryset.model, OrganisationRecord):
                    form_field.queryset = queryset.filter(organisation=self.instance.organisation_id)

    def _get_validation_exclusions(self):
        # Names are unique within an organisation: check it here rather than let the database refuse the save.
        exclusions = super()._get_validation_exclusions()
        if isinstance(self.instance, OrganisationRecord) and self.instance.organisation_id:
            exclusions.discard("organisation")
        return exclusions

    def clean(self):
        cleaned = super().clean()
        if "register_of" in self.fields:
            self._check_organisation(cleaned)
        current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("lock_version", flat=True)
        if self.instance.pk and cleaned.get("loaded_lock_version") != current.first():
            raise ValidationError(
                "Someone changed this record after you opened it. Reload the page to see their changes, then "
                "make yours again.", code="stale",
            )
        return cleaned

    def _check_organisation(self, cleaned) -> None:
        organisation = cleaned.get("register_of")
        if organisation is None:
            return
        self.instance.organisation = organisation
        for name, value in list(cleaned.items()):
            targets = value if isinstance(value, list | tuple) or hasattr(value, "model") else [value]
            for target in targets:
                if isinstance(target, OrganisationRecord) and target.organisation_id != organisation.pk:
                    self.add_error(name, f"“{target}” is in another organisation's register, not {organisation}'s")


class PurposeAdminForm(RecordAdminForm, PurposeForm):
    class Meta(PurposeForm.Meta):
        pass


class RegisterAdmin(SimpleHistoryAdmin):
    """Saves through services.actions (record_update, or record_create for shared reference data)."""

    form = RecordAdminForm
    list_filter = ["retired"]

    def get_readonly_fields(self, request, obj=None):
        owned = issubclass(self.model, OrganisationRecord)
        return ["organisation", "created_at", "updated_at"] if owned else ["created_at", "updated_at"]

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name != "register_of"]
        # Only when adding a record of an organisation's register: which register it goes in comes first.
        return ["register_of", *fields] if obj is None and issubclass(self.model, OrganisationRecord) else fields

    def save_model(self, request, obj, form, change):
        relations = {f.name: form.cleaned_data[f.name] for f in obj._meta.many_to_many if f.name in form.cleaned_data}
        fields = {name: value for name, value in form.cleaned_data.items()
                  if name not in relations and name not in ("loaded_lock_version", "register_of")}
        lock_version = form.cleaned_data["loaded_lock_version"] or 0
        if change:
            record = type(obj).objects.get(pk=obj.pk)
            if getattr(record, "in_catalogue", False):
                # The legislation catalogue is DPOs' shared reference data, written by its own action.
                saved = actions.catalogue_entry_update(actor=request.user, entry=record, fields=fields,
                                                       lock_version=lock_version)
            else:
                saved = actions.record_update(actor=request.user, record=record, fields=fields, relations=relations,
                                              lock_version=lock_version)
        else:
            saved = actions.record_create(actor=request.user, model=type(obj), fields=fields, relations=relations,
                                          organisation=form.cleaned_data.get("register_of"))
        # The admin goes on to show `obj` (its id, its name in the message).
        obj.pk, obj.lock_version = saved.pk, saved.lock_version

    def save_related(self, request, form, formsets, change):
        # The many-to-many relations were set by the action, with the rest of the change and its history row.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Controller)
class ControllerAdmin(RegisterAdmin):
    list_display = ["name", "organisation", "ico_registration_number", "is_public_authority", "dpo_name", "retired"]
    list_filter = ["organisation", "is_public_authority", "retired"]
    search_fields = ["name", "other_names", "company_number", "ico_registration_number", "dpo_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Service)
class ServiceAdmin(RegisterAdmin):
    list_display = ["name", "organisation", "controller", "role", "retired"]
    list_filter = ["organisation", "role", "controller", "retired"]
    search_fields = ["name", "description", "controller__name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["other_controllers"]
    list_select_related = ["controller"]


@admin.register(ServiceParty)
class ServicePartyAdmin(RegisterAdmin):
    list_display = ["body", "role", "service", "organisation", "retired"]
    list_filter = ["organisation", "role", "retired"]
    search_fields = ["body__name", "service__name", "arrangement"]
    list_select_related = ["body", "service"]


@admin.register(DataSubjectGroup)
class DataSubjectGroupAdmin(RegisterAdmin):
    list_display = ["name", "organisation", "retired"]
    search_fields = ["name", "description"]


@admin.register(DataCategory)
class DataCategoryAdmin(RegisterAdmin):
    list_display = ["name", "organisation", "kind", "retired"]
    list_filter = ["organisation", "kind", "retired"]
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
    form = PurposeAdminForm
    list_display = ["name", "organisation", "art6_basis", "art9_condition", "collected_from", "retired"]
    list_filter = ["organisation", "art6_basis", "art9_condition", "collected_from", "retired"]
    search_fields = ["name", "description"]
    filter_horizontal = ["legislation", "data_categories", "subject_groups"]
    list_select_related = ["art6_basis", "art9_condition"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for warning in getattr(form, "rule_warnings", []):
            messages.warning(request, warning)


@admin.register(Source)
class SourceAdmin(RegisterAdmin):
    list_display = ["name", "organisation", "kind", "retired"]
    list_filter = ["organisation", "kind", "retired"]
    search_fields = ["name", "description"]


@admin.register(Recipient)
class RecipientAdmin(RegisterAdmin):
    list_display = ["name", "organisation", "kind", "role", "transfer_country", "safeguard", "retired"]
    list_filter = ["organisation", "kind", "role", "safeguard", "retired"]
    search_fields = ["name", "what_is_shared", "why_shared", "transfer_country"]
