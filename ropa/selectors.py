"""Reads for the record of processing: each sheet's records with what its columns need prefetched, the
register's state (to tell a stale import preview), and one's stored imports."""

import hashlib
from collections.abc import Iterator

from django.db import models
from django.db.models import Prefetch, QuerySet

from services.models import Legislation
from services.register import RECORD_TYPES
from services.selectors import records_for

from .models import RegisterImport
from .sheets import Sheet
from .values import cell

# Rows fetched from the database at a time: a register of thousands is written without holding it whole.
CHUNK = 500


def sheet_records(*, sheet: Sheet, organisation) -> QuerySet:
    """The live records a sheet lists for `organisation` (a ROPA documents current processing; retired
    records stay in the register's history). Legislation lists only the Acts its purposes cite."""
    record_type = sheet.record_type
    model = record_type.model
    if model is Legislation:
        records = Legislation.objects.filter(
            purposes__organisation=organisation, purposes__retired=False, retired=False).distinct()
    else:
        records = records_for(record_type=record_type, organisations=[organisation]).filter(retired=False)
    links = [f.name for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)
             and f.name != "organisation"]
    many = [f.name for f in model._meta.many_to_many]
    records = records.select_related(*links).prefetch_related(*many)
    if sheet.record_type.key == "purposes":
        records = records.prefetch_related(*_ropa_prefetch())
    return records.order_by(*model._meta.ordering, "pk")


def _ropa_prefetch() -> list:
    """What the record of processing's derived columns read: each purpose's notices with their controller,
    services (and parties), recipients and retention rules, and its categories' sources."""
    from notices.models import Notice

    notices = Notice.objects.select_related("controller").prefetch_related(
        "services__parties__body", "recipients", "retention_rules")
    return [Prefetch("notices", queryset=notices.order_by("title", "pk")), "data_categories__sources",
            "art6_basis", "art9_condition"]


def sheet_rows(*, sheet: Sheet, organisation) -> Iterator[list]:
    """Each record of the sheet as its row of cells, in the sheet's column order."""
    for record in sheet_records(sheet=sheet, organisation=organisation).iterator(chunk_size=CHUNK):
        yield [column.derive(record) if column.derive else cell(record, column.field) for column in sheet.columns]


def register_state(*, organisation) -> str:
    """A fingerprint of `organisation`'s register (and the shared legislation): every record's id and lock
    version. Any save changes it, so an import previewed against one state is refused against another."""
    digest = hashlib.sha256()
    for key, record_type in sorted(RECORD_TYPES.items()):
        rows = records_for(record_type=record_type, organisations=[organisation]).order_by("pk")
        digest.update(key.encode())
        for pk, version in rows.values_list("pk", "lock_version"):
            digest.update(f"{pk}:{version};".encode())
    return digest.hexdigest()


def import_for_user(*, user, pk) -> RegisterImport:
    """One of `user`'s own stored imports, for an organisation they are still IG officer of; else
    RegisterImport.DoesNotExist (a 404: another person's import is not theirs to see or apply)."""
    from accounts.permissions import organisations_for

    return RegisterImport.objects.select_related("organisation").get(
        pk=pk, user=user, organisation__in=organisations_for(user, "register.change"))
