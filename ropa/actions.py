"""Import a register workbook: every row validated with the form the workspace uses for its record type,
matched to the organisation's record of the same name, and written through services.actions (so each change
has its history row, its lock version and its organisation). Nothing is written unless every row is valid.

A preview is the same import run inside a transaction that is rolled back: what it reports is exactly what
the confirm will do, found by the same code.
"""

import copy
import hashlib
from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import ModelChoiceField
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.text import capfirst

from accounts.actions import audit_record
from accounts.permissions import can
from services.actions import RecordConflict, record_create, record_update
from services.forms import GovUKDateField
from services.models import OrganisationRecord

from .models import RegisterImport
from .reading import Rows, read_upload
from .selectors import register_state
from .sheets import IMPORT_ORDER, ROPA_SHEET, Sheet, form_fields, sheet_for, sheets
from .values import CellError, date_parts, form_value, name_of


class ImportRefused(Exception):
    """A confirm that cannot go ahead (already applied, or the register changed since the preview)."""


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"Row {self.row}, column '{self.column}'" if self.column else f"Row {self.row}"
        return f"{where}: {self.message}"


@dataclass
class Outcome:
    """What an import does to one record type: names created, (name, changed columns) changed, names left."""

    label: str
    created: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


@dataclass
class ImportResult:
    outcomes: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

    def as_dict(self) -> dict:
        # A list, not a dict: PostgreSQL's jsonb keeps no key order, and the preview lists types in import order.
        return {"outcomes": [asdict(o) | {"key": key} for key, o in self.outcomes.items()],
                "errors": [asdict(e) | {"text": str(e)} for e in self.errors]}


def _require_editor(actor, organisation) -> None:
    if not can(actor, "register.change", organisation):
        raise PermissionDenied(f"Only IG officers of {organisation} can import into its register.")


def register_import(*, actor, organisation, rows: Rows, commit: bool, reason: str = "") -> ImportResult:
    """Import `rows` (ropa.reading.read_upload) into `organisation`'s register, or with commit=False only find
    what it would do. Either way nothing stays written if any row is invalid (the result lists each error
    by sheet, row and column)."""
    _require_editor(actor, organisation)
    with transaction.atomic():
        result = _apply(rows, actor=actor, organisation=organisation, reason=reason)
        if result.errors or not commit:
            transaction.set_rollback(True)
    return result


def _apply(rows: Rows, *, actor, organisation, reason: str) -> ImportResult:
    result = ImportResult()
    known = {sheet.title for sheet in sheets()}
    if not known & set(rows):
        result.errors.append(RowError("", 1, "", f"The file has none of the register's sheets ({ROPA_SHEET}, "
                                              f"Controllers, …). Export the register to see the shape it reads."))
        return result
    for key in IMPORT_ORDER:
        sheet = sheet_for(key)
        outcome = result.outcomes.setdefault(key, Outcome(label=capfirst(str(sheet.record_type.label_plural))))
        table = rows.get(sheet.title) or []
        if table and _headers_missing(sheet, table, result):
            continue
        seen: dict[tuple, int] = {}
        for number, values in table:
            if _duplicate(sheet, number, values, seen, result):
                continue
            _import_row(sheet, number, values, outcome, result, actor=actor, organisation=organisation,
                        reason=reason)
    return result


def _headers_missing(sheet: Sheet, table, result: ImportResult) -> bool:
    present = set().union(*(values.keys() for _, values in table))
    missing = [sheet.header_for(name) for name in sheet.key if sheet.header_for(name) not in present]
    for header in missing:
        result.errors.append(RowError(sheet.title, 1, header, "This column is missing: each row needs it to name "
                                                              "its record."))
    return bool(missing)


def _duplicate(sheet: Sheet, number: int, values: dict, seen: dict, result: ImportResult) -> bool:
    key = tuple(values.get(sheet.header_for(name), "").strip() for name in sheet.key)
    if key in seen:
        result.errors.append(RowError(sheet.title, number, sheet.header_for(sheet.key[0]),
                                      f"“{' '.join(k for k in key if k)}” is also on row {seen[key]}: list each "
                                      f"record once."))
        return True
    seen[key] = number
    return False


def _import_row(sheet: Sheet, number: int, values: dict, outcome: Outcome, result: ImportResult, *, actor,
                organisation, reason: str) -> None:
    errors_before = len(result.errors)

    def fail(column: str, message: str) -> None:
        result.errors.append(RowError(sheet.title, number, column, message))

    record_type = sheet.record_type
    existing = _existing(sheet, values, organisation, fail)
    if len(result.errors) > errors_before:
        return
    if getattr(existing, "in_catalogue", False):
        # The shared legislation catalogue is DPOs' to keep: a row naming a catalogue Act just uses it.
        outcome.unchanged.append(name_of(existing))
        return
    form = record_type.form_class()(data=MultiValueDict(), organisation=organisation, instance=existing)
    _fill(form, sheet, values, existing, fail)
    if len(result.errors) > errors_before:
        return
    if not form.is_valid():
        for name, messages in form.errors.items():
            for message in messages:
                fail(sheet.header_for(name) if name != "__all__" else "", message)
        return
    _write(form, sheet, number, outcome, fail, existing=existing, actor=actor, organisation=organisation,
           reason=reason)


def _existing(sheet: Sheet, values: dict, organisation, fail):
    """The record the row describes, matched by its key columns within the organisation (shared legislation
    by title and section), or None for a new one."""
    model = sheet.record_type.model
    fields = form_fields(sheet.record_type)
    lookup = {}
    for name in sheet.key:
        header = sheet.header_for(name)
        form_field = fields[name]
        if isinstance(form_field, ModelChoiceField):
            # Only the organisation's own records (the form class's field offers every organisation's).
            form_field = copy.deepcopy(form_field)  # the form class's own field stays as it is
            form_field.queryset = form_field.queryset.filter(organisation=organisation)
        try:
            lookup[name] = form_value(form_field, model._meta.get_field(name), values.get(header, ""))
        except CellError as error:
            fail(header, str(error))
            return None
    records = model.objects.all()
    if issubclass(model, OrganisationRecord):
        records = records.filter(organisation=organisation)
    fk = {f"{name}_id" if model._meta.get_field(name).is_relation else name: value for name, value in lookup.items()}
    return records.filter(**fk).first()


def _fill(form, sheet: Sheet, values: dict, existing, fail) -> None:
    """Put the row into the form's data: each column present as the form field's value, each absent one as the
    record has it (or as a new record starts)."""
    model = sheet.record_type.model
    start = existing or model()
    data = form.data
    for column in sheet.columns:
        if not column.imported:
            continue
        name, form_field, db_field = column.field, form.fields[column.field], model._meta.get_field(column.field)
        text = values.get(column.header)
        try:
            if isinstance(form_field, GovUKDateField):
                parts = date_parts(text) if text is not None else date_parts(_current(start, name))
                for index, part in enumerate(parts):
                    data[f"{name}_{index}"] = part
                continue
            value = form_value(form_field, db_field, text) if text is not None else _current_value(start, name)
        except CellError as error:
            fail(column.header, str(error))
            continue
        if isinstance(value, list):
            data.setlist(name, [str(v) for v in value])
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    if existing is not None:
        data["lock_version"] = str(existing.lock_version)


def _current(record, name: str) -> str:
    value = getattr(record, name)
    return value.isoformat() if value else ""


def _current_value(record, name: str):
    """A field as the record has it, in the form's terms (primary keys for links)."""
    db_field = record._meta.get_field(name)
    if db_field.many_to_many:
        return list(getattr(record, name).values_list("pk", flat=True)) if record.pk else []
    if db_field.is_relation:
        return getattr(record, f"{name}_id")
    return getattr(record, name)


def _write(form, sheet: Sheet, number: int, outcome: Outcome, fail, *, existing, actor, organisation,
           reason: str) -> None:
    fields, relations = form.split()
    model = sheet.record_type.model
    try:
        with transaction.atomic():
            if existing is None:
                record = record_create(actor=actor, model=model, fields=fields, relations=relations, reason=reason,
                                       organisation=organisation if issubclass(model, OrganisationRecord) else None)
                outcome.created.append(_label(sheet, record))
                return
            # The bound form has already set the row's values on `existing`: compare with the record as saved.
            existing = type(existing).objects.get(pk=existing.pk)
            changed = _changed(existing, fields, relations)
            if not changed:
                outcome.unchanged.append(_label(sheet, existing))
                return
            record_update(actor=actor, record=existing, lock_version=existing.lock_version, fields=fields,
                          relations=relations, reason=reason)
            outcome.changed.append([_label(sheet, existing), [sheet.header_for(name) for name in changed]])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                fail(sheet.header_for(name) if name != "__all__" else "", message)
    except (RecordConflict, PermissionDenied) as error:
        fail("", str(error))


def _label(sheet: Sheet, record) -> str:
    return str(record) if sheet.record_type.key == "parties" else name_of(record)


def _changed(record, fields: dict, relations: dict) -> list[str]:
    changed = [name for name, value in fields.items() if getattr(record, name) != value]
    for name, targets in relations.items():
        if set(getattr(record, name).values_list("pk", flat=True)) != {target.pk for target in targets}:
            changed.append(name)
    return changed


@transaction.atomic
def import_preview_create(*, actor, organisation, filename: str, content: bytes) -> RegisterImport:
    """Read an upload, find what importing it would do, and keep both for the preview page and the confirm.
    Raises ropa.reading.UnreadableFile for a file that cannot be read safely."""
    _require_editor(actor, organisation)
    rows = read_upload(name=filename, content=content)
    result = register_import(actor=actor, organisation=organisation, rows=rows, commit=False)
    return RegisterImport.objects.create(
        organisation=organisation, user=actor, filename=filename.replace("\x00", "")[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        rows=rows, preview=result.as_dict(), register_state=register_state(organisation=organisation),
    )


@transaction.atomic
def import_confirm(*, actor, pending: RegisterImport) -> ImportResult:
    """Apply a previewed import, all of it in one transaction. Refused if it was applied already, or if the
    register changed since the preview (what was previewed might no longer be what would happen)."""
    _require_editor(actor, pending.organisation)
    pending = RegisterImport.objects.select_for_update().get(pk=pending.pk)
    if pending.user_id != actor.pk:
        raise PermissionDenied("Only the person who uploaded an import can confirm it.")
    if pending.applied_at is not None:
        raise ImportRefused(f"This import was applied on {timezone.localtime(pending.applied_at):%d %B %Y at %H:%M}. "
                            f"Upload the file again to import it again.")
    if pending.register_state != register_state(organisation=pending.organisation):
        raise ImportRefused("The register has changed since this preview was made, so it may no longer show what "
                            "the import would do. Nothing has been imported. Upload the file again for a new "
                            "preview.")
    result = register_import(actor=actor, organisation=pending.organisation, rows=pending.rows, commit=True,
                             reason=f"Imported from {pending.filename}")
    if result.errors:
        raise ImportRefused("Some rows are not valid, so nothing has been imported: " + str(result.errors[0]))
    pending.applied_at = timezone.now()
    pending.save(update_fields=["applied_at"])
    counts = {key: {"created": len(o.created), "changed": len(o.changed)} for key, o in result.outcomes.items()}
    audit_record(actor=actor, action="register_imported", target=f"Register import: {pending.filename}",
                 detail={"sha256": pending.sha256, "counts": counts}, organisation=pending.organisation)
    return result
