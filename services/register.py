"""The record types the workspace edits, and how each is listed, searched and traced to its notices.

One table so the register's list, edit and history pages are written once for all eleven record types.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.urls import reverse

from accounts.forms import GovUKInputErrors, NormalisedLineEndings
from retention.models import LegalHold, RetentionRule

from .forms import CATALOGUE_ONLY_FIELDS, PurposeForm, govuk_formfield, page_helper
from .models import (
    Controller,
    DataCategory,
    DataSubjectGroup,
    Legislation,
    OrganisationRecord,
    Purpose,
    Recipient,
    RegisterRecord,
    Service,
    ServiceParty,
    Source,
)

# The no-JavaScript search of a register form's record lists: the button's name, and the suffix of each
# list's search box.
FIND = "_find"
FIND_SUFFIX = "__find"


class RecordPickers:
    """Fields that choose register records, as pickers: the records chosen and the first page of a search
    of `self.organisation`'s register (services.selectors.picker_page, which the builder's pages read too),
    never the whole register. Checkboxes for many-to-many fields, radios for a single record (a party's
    service). Without JavaScript, a Find button (FIND) brings the page back with a search's matches listed
    (nothing saved, nothing typed lost); with it, record-picker.js asks manage:record_find as the editor
    types. The form sets `organisation`, then calls start_pickers()."""

    organisation = None

    def start_pickers(self) -> None:
        self.pickers = []
        self.finding = self.is_bound and bool(self.data.get(FIND))

    def _picker(self, name: str, chosen: list[int]) -> None:
        """The many-to-many field `name` as checkboxes for the records chosen (saved, posted or preset) and the
        first page of the rest: the field accepts any record of its queryset, but never lists a whole register.
        Each list carries the address of the register's search in `pickers` (templates/manage/includes/
        _record_pickers.html writes them out), for record-picker.js's autocomplete to find the others."""
        field = self.fields[name]
        field.widget = forms.CheckboxSelectMultiple()
        # Setting choices sets the widget's too: the template lists these, the field validates by queryset.
        field.choices = self._picker_choices(name, field.queryset, chosen)

    def _single_picker(self, name: str, chosen: list[int], *, empty_label: str = "", found=None) -> None:
        """The foreign key `name` as radios: the record chosen, then the first page of a search (as _picker),
        after a "None" choice when it may be left empty (`empty_label`, or the field's own). `found(query)`
        lists the matches for a model that is not a register record type (a notice's parent); its picker has
        no autocomplete."""
        field = self.fields[name]
        none = [] if field.required else [("", empty_label or field.empty_label)]
        if none and not self.is_bound and self.initial.get(name) is None:
            self.initial[name] = ""  # so "None" is the radio shown chosen (GOV.UK's template compares text)
        field.widget = forms.RadioSelect()
        field.choices = none + self._picker_choices(name, field.queryset, chosen, found=found)

    def _picker_choices(self, name: str, queryset, chosen: list[int], *, found=None) -> list[tuple[int, str]]:
        from .selectors import picker_page  # selectors reads this module's record types

        wanted = {*chosen, *self._posted_ids(name), *self._initial_ids(name)}
        records = list(queryset.filter(pk__in=wanted))
        query = self.data.get(f"{self.add_prefix(name)}{FIND_SUFFIX}", "").strip()[:200] if self.is_bound else ""
        plural = queryset.model._meta.verbose_name_plural
        if found is None:
            record_type = record_type_for(queryset.model)
            # The first page of the search every picker shares (the builder's too), less what is listed already.
            matches = picker_page(record_type=record_type, organisation=self.organisation, query=query).records
            url = reverse("manage:record_find", args=[record_type.key])
            if self.organisation is not None:
                url += f"?organisation={self.organisation.pk}"
        else:
            matches, url = found(query), ""
        matches = [r for r in matches if r.pk not in wanted]
        self.pickers.append({"name": self.add_prefix(name), "url": url, "plural": plural,
                             "label": f"Search the register for {plural}", "query": query,
                             "matches": len(matches), "find_name": f"{self.add_prefix(name)}{FIND_SUFFIX}"})
        return [(r.pk, str(r)) for r in [*records, *matches]]

    @property
    def pickers_all_searchable(self) -> bool:
        """Whether record-picker.js gives every picker an autocomplete (so the Find boxes can be hidden)."""
        return all(picker["url"] for picker in self.pickers)

    def full_clean(self):
        if self.finding:  # a search, not a save: no errors to show yet
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return not self.finding and super().is_valid()

    def _posted_ids(self, name: str) -> list[int]:
        if not self.is_bound:
            return []
        posted = forms.CheckboxSelectMultiple().value_from_datadict(self.data, self.files, self.add_prefix(name))
        return [int(v) for v in posted or [] if str(v).isdigit()]

    def _initial_ids(self, name: str) -> list[int]:
        values = self.initial.get(name) or []
        if isinstance(values, str | int) or hasattr(values, "pk"):
            values = [values]  # one record (a foreign key's initial value), by itself or by its pk
        return [int(getattr(v, "pk", v)) for v in values if str(getattr(v, "pk", v)).isdigit()]


class RegisterForm(RecordPickers, GovUKInputErrors, NormalisedLineEndings, forms.ModelForm):
    """Validation for a register record of `organisation` (the record's own when editing). Carries the
    lock_version the editor loaded (optimistic locking), offers only that organisation's records (and
    retired ones only where they are already chosen), says when a name is already taken in that
    organisation, and uses checkboxes for many-to-many fields so the form works without JavaScript."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    helper = page_helper()

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        owned = issubclass(self._meta.model, OrganisationRecord)
        if owned and not self.instance.pk:
            self.instance.organisation = organisation
        self.organisation = (self.instance.organisation if self.instance.pk else organisation) if owned else None
        if self.instance.pk and not self.is_bound:
            self.initial["lock_version"] = self.instance.lock_version
        self.start_pickers()
        # The model's fields come base class first, which would open every form with the internal note.
        if "note" in self.fields:
            self.fields["note"] = self.fields.pop("note")
        for name, form_field in self.fields.items():
            queryset = getattr(form_field, "queryset", None)
            if queryset is None or not issubclass(queryset.model, RegisterRecord):
                continue
            chosen = self._chosen_ids(name)
            if issubclass(queryset.model, OrganisationRecord):
                queryset = queryset.filter(organisation=self.organisation)
            form_field.queryset = queryset.filter(Q(retired=False) | Q(pk__in=chosen))
            if isinstance(form_field, forms.ModelMultipleChoiceField):
                self._picker(name, chosen)
            elif issubclass(queryset.model, OrganisationRecord):  # one record of a register that can be long
                self._single_picker(name, chosen)

    def _get_validation_exclusions(self):
        # The organisation is not a form field, but names are unique within it: check that here, so the
        # form says "already exists in …'s register" rather than the database refusing the save.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("organisation")
        return exclusions

    def _chosen_ids(self, name: str) -> list[int]:
        if not self.instance.pk:
            return []
        value = getattr(self.instance, name)
        if hasattr(value, "all"):
            return [record.pk for record in value.all()]
        return [value.pk] if value is not None else []

    def split(self) -> tuple[dict, dict]:
        """cleaned_data as (plain fields, many-to-many relations), the shape the record actions take."""
        relations = {f.name for f in self._meta.model._meta.many_to_many}
        data = {k: v for k, v in self.cleaned_data.items() if k != "lock_version"}
        return (
            {k: v for k, v in data.items() if k not in relations},
            {k: v for k, v in data.items() if k in relations},
        )


class PurposeRecordForm(RegisterForm, PurposeForm):
    class Meta(PurposeForm.Meta):
        pass


@dataclass(frozen=True)
class RecordType:
    key: str
    model: type
    search: tuple[str, ...]
    filters: tuple[str, ...] = ()
    # The Notice lookup that finds notices using a record, e.g. "recipients".
    notice_lookup: str = ""
    # The Service lookups that find services using a record.
    service_lookups: tuple[str, ...] = ()
    form: type | None = None
    exclude: tuple[str, ...] = field(default=("retired",))

    @property
    def shared(self) -> bool:
        """Reference data every organisation shares (legislation), rather than one organisation's record."""
        return not issubclass(self.model, OrganisationRecord)

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def label_plural(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def form_class(self) -> type:
        if self.form is not None:
            return self.form
        return forms.modelform_factory(
            self.model, form=RegisterForm, exclude=list(self.exclude), formfield_callback=govuk_formfield
        )


RECORD_TYPES = {
    rt.key: rt
    for rt in [
        RecordType("controllers", Controller, ("name", "other_names", "ico_registration_number"),
                   ("is_public_authority",), "controller", ("controller", "other_controllers", "parties__body")),
        RecordType("services", Service, ("name", "description"), ("role", "controller"), "services"),
        # The organisations in a service and their parts; "Who we are" says it from these.
        RecordType("parties", ServiceParty, ("body__name", "service__name", "arrangement"), ("role", "service"),
                   "services__parties"),
        RecordType("subject-groups", DataSubjectGroup, ("name", "description"), (), "subject_groups"),
        RecordType("data-categories", DataCategory, ("name", "description"), ("kind",), "data_categories"),
        # The catalogue's own fields are kept by DPOs in the workspace's reference pages, not in the register.
        RecordType("legislation", Legislation, ("title", "section"), (), "purposes__legislation",
                   exclude=("retired", *CATALOGUE_ONLY_FIELDS)),
        RecordType("purposes", Purpose, ("name", "description"), ("art6_basis", "collected_from"), "purposes",
                   form=PurposeRecordForm),
        RecordType("sources", Source, ("name", "description"), ("kind",), "sources"),
        RecordType("recipients", Recipient, ("name", "what_is_shared", "transfer_country"),
                   ("kind", "role", "location"), "recipients"),
        RecordType("retention-rules", RetentionRule, ("record_type", "authority", "trigger"),
                   ("period_kind", "action"), "retention_rules", ("retention_rules",)),
        RecordType("legal-holds", LegalHold, ("name", "description", "imposed_by"), (), "legal_holds",
                   ("legal_holds",)),
    ]
}


def record_type_for(model: type) -> RecordType:
    return next(rt for rt in RECORD_TYPES.values() if rt.model is model)
