"""Writes to the register. One implementation for every record type: create, update (with optimistic
locking), retire and copy into another organisation. Each save writes exactly one history row, with the
actor as its author. The workspace, the Django admin, the demo loader and the tests all write through
these, so the lock counter, the history and the organisation checks cannot be skipped."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from accounts.actions import audit_record
from accounts.models import Organisation
from accounts.permissions import can

from .hooks import notice_hooks
from .models import Legislation, OrganisationRecord, RegisterRecord


class RecordConflict(Exception):
    """Someone saved the record after the editor loaded it. `current` is the record as it now stands."""

    def __init__(self, message: str, *, current: RegisterRecord, loaded_version: int):
        super().__init__(message)
        self.current = current
        self.loaded_version = loaded_version


def _require_editor(actor, organisation) -> None:
    if not can(actor, "register.change", organisation):
        raise PermissionDenied(f"Only IG officers of {organisation or 'an organisation'} can change its register.")


def _links(record: RegisterRecord, relations: dict | None):
    """Every record `record` links to (its foreign keys and the many-to-many `relations`)."""
    for field in record._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.name != "organisation":
            target = getattr(record, field.name)
            if target is not None:
                yield field, target
    for name, targets in (relations or {}).items():
        for target in targets:
            yield record._meta.get_field(name), target


def _require_same_organisation(record: RegisterRecord, relations: dict | None) -> None:
    """A record may only use its own organisation's records: never another's wording by reference."""
    if not isinstance(record, OrganisationRecord):
        return
    for field, target in _links(record, relations):
        if isinstance(target, OrganisationRecord) and target.organisation_id != record.organisation_id:
            raise ValidationError(
                {field.name: ValidationError(
                    f"“{target}” belongs to another organisation's register. Choose one of "
                    f"{record.organisation}'s own records, or copy it into {record.organisation} first.",
                    code="other_organisation",
                )}
            )


def _organisation(record: RegisterRecord) -> Organisation | None:
    return record.organisation if isinstance(record, OrganisationRecord) else None


def _refuse_catalogue(record: RegisterRecord) -> None:
    # Catalogue entries are shared reference data the checks trust: DPOs keep them (catalogue_entry_update).
    if getattr(record, "in_catalogue", False):
        raise PermissionDenied("This Act is in the legislation catalogue, which DPOs keep.")


def _save(record: RegisterRecord, *, actor, relations: dict | None, reason: str = "") -> None:
    # simple-history writes a row per save and another per many-to-many change; save quietly first, set
    # the relations quietly, then save once more so one row records the whole change, relations included.
    record._history_user = actor
    if reason:
        record._change_reason = reason
    if relations:
        record.skip_history_when_saving = True
        try:
            record.save()
            for name, records in relations.items():
                getattr(record, name).set(records)
        finally:
            del record.skip_history_when_saving
    record.save()
    # Every register write passes here, so what notices store about their records (which are out of date)
    # cannot miss a change.
    notice_hooks().record_changed(record=record)


def _audited(*, actor, record: RegisterRecord, action: str, fields) -> None:
    # The register's changes go into the one audit trail, beside sign-ins and notice workflow steps:
    # who, which record (type and id, and its name as it reads now) and which fields.
    audit_record(
        actor=actor,
        action=f"record_{action}",
        target=f"{record._meta.verbose_name.capitalize()}: {record}",
        detail={"record_type": record._meta.model_name, "record_id": record.pk, "fields": sorted(fields)},
        organisation=_organisation(record),
    )


def _changed(record: RegisterRecord, fields: dict, relations: dict | None) -> list[str]:
    """The names of the fields and relations whose values `fields` and `relations` would change."""
    changed = [name for name, value in fields.items() if getattr(record, name) != value]
    for name, records in (relations or {}).items():
        if set(getattr(record, name).values_list("pk", flat=True)) != {item.pk for item in records}:
            changed.append(name)
    return changed


def _locked(record: RegisterRecord, lock_version: int) -> RegisterRecord:
    locked = type(record).objects.select_for_update().get(pk=record.pk)
    if locked.lock_version != lock_version:
        raise RecordConflict(
            f"“{locked}” was changed by someone else while you were editing it. Your changes have not been "
            f"saved: check what they changed, then save again if yours should still apply.",
            current=locked,
            loaded_version=lock_version,
        )
    return locked


@transaction.atomic
def record_create(
    *, actor, model: type, fields: dict, relations: dict | None = None, reason: str = "",
    organisation: Organisation | None = None,
) -> RegisterRecord:
    """Add a record of any register type to `organisation`'s register (shared reference types, such as
    legislation, take none). `relations` maps many-to-many names to their records; `reason` is kept on
    the history row (e.g. which demo seed wrote it)."""
    owned = issubclass(model, OrganisationRecord)
    if owned and organisation is None:
        raise ValueError(f"A {model._meta.verbose_name} belongs to an organisation: pass organisation=.")
    _require_editor(actor, organisation)
    record = model(**fields, **({"organisation": organisation} if owned else {}))
    record.full_clean()
    _require_same_organisation(record, relations)
    _save(record, actor=actor, relations=relations, reason=reason)
    _audited(actor=actor, record=record, action="created", fields=[*fields, *(relations or {})])
    return record


@transaction.atomic
def record_update(
    *, actor, record: RegisterRecord, lock_version: int, fields: dict, relations: dict | None = None,
    reason: str = "",
) -> RegisterRecord:
    """Change a record. Refused with RecordConflict if it was saved since the editor loaded `lock_version`,
    so nobody's edit is silently overwritten."""
    _require_editor(actor, _organisation(record))
    _refuse_catalogue(record)
    locked = _locked(record, lock_version)
    changed = _changed(locked, fields, relations)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.lock_version += 1
    locked.full_clean()
    _require_same_organisation(locked, relations)
    _save(locked, actor=actor, relations=relations, reason=reason)
    _audited(actor=actor, record=locked, action="updated", fields=changed)
    return locked


@transaction.atomic
def record_retire(*, actor, record: RegisterRecord, lock_version: int) -> RegisterRecord:
    """Retire a record: it stays in notices that use it and in its history, but cannot be chosen again."""
    _require_editor(actor, _organisation(record))
    _refuse_catalogue(record)
    locked = _locked(record, lock_version)
    locked.retired = True
    locked.lock_version += 1
    _save(locked, actor=actor, relations=None)
    _audited(actor=actor, record=locked, action="retired", fields=["retired"])
    return locked


def _require_dpo(actor) -> None:
    if not can(actor, "reference.change"):
        raise PermissionDenied("Only DPOs can change the legislation catalogue.")


@transaction.atomic
def catalogue_entry_create(*, actor, fields: dict) -> Legislation:
    """Add an Act or statutory instrument to the shared legislation catalogue (DPO). An item staff added
    under the same title, with no section, becomes the catalogue entry, so purposes citing it keep it."""
    _require_dpo(actor)
    entry = (
        Legislation.objects.select_for_update().filter(title=fields.get("title"), section="", in_catalogue=False)
        .first()
    )
    if entry is None:
        entry = Legislation()
    else:
        entry.lock_version += 1
    for name, value in {**fields, "in_catalogue": True}.items():
        setattr(entry, name, value)
    entry.full_clean()
    _save(entry, actor=actor, relations=None, reason="Added to the legislation catalogue")
    _audited(actor=actor, record=entry, action="created", fields=fields)
    return entry


@transaction.atomic
def catalogue_entry_update(*, actor, entry: Legislation, lock_version: int, fields: dict) -> Legislation:
    """Correct a catalogue entry (DPO): refused with RecordConflict if someone saved it since it was loaded."""
    _require_dpo(actor)
    if not entry.in_catalogue:
        raise PermissionDenied("Only entries in the legislation catalogue are changed here.")
    locked = _locked(entry, lock_version)
    changed = _changed(locked, fields, None)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.lock_version += 1
    locked.full_clean()
    _save(locked, actor=actor, relations=None)
    _audited(actor=actor, record=locked, action="updated", fields=changed)
    return locked


@transaction.atomic
def record_copy(*, actor, record: OrganisationRecord, organisation: Organisation) -> OrganisationRecord:
    """Copy `record` into `organisation`'s register, for someone who is IG officer of both. The copy is
    independent from then on. Links to other records are kept only where `organisation` has a record of
    the same name (its own wording); shared reference data (bases, legislation) is kept as it is."""
    if not can(actor, "view", record):
        raise PermissionDenied("You can only copy records of your own organisations.")
    if organisation.pk == record.organisation_id:
        raise ValidationError("The record is already in this organisation's register.", code="same_organisation")
    model = type(record)
    fields, relations = {}, {}
    for field in model._meta.concrete_fields:
        if field.name in ("id", "organisation", "lock_version", "created_at", "updated_at", "retired"):
            continue
        value = getattr(record, field.name)
        if isinstance(value, OrganisationRecord):
            counterpart = _counterpart(value, organisation)
            if counterpart is None and not field.null:
                raise ValidationError(
                    f"{organisation} has no {field.verbose_name} called “{value}”, which this "
                    f"{model._meta.verbose_name} needs. Copy or add that first.", code="counterpart_missing",
                )
            value = counterpart
        fields[field.name] = value
    for field in model._meta.many_to_many:
        targets = getattr(record, field.name).all()
        if issubclass(field.related_model, OrganisationRecord):
            targets = [t for t in (_counterpart(t, organisation) for t in targets) if t is not None]
        relations[field.name] = list(targets)
    return record_create(actor=actor, model=model, fields=fields, relations=relations, organisation=organisation,
                         reason=f"Copied from {record.organisation} (#{record.pk})")


def _counterpart(record: OrganisationRecord, organisation: Organisation) -> OrganisationRecord | None:
    """`organisation`'s record of the same type and name as `record`, if it has one."""
    name = record.NAME_FIELD
    return type(record).objects.filter(organisation=organisation, **{name: getattr(record, name)}).first()
