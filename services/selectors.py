"""Reads for the register workspace: lists, where a record is used, and its change history in words."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q, QuerySet

from .hooks import notice_hooks
from .models import Legislation, RegisterRecord, Service
from .register import RecordType

HIDDEN_IN_HISTORY = {"updated_at", "created_at", "lock_version", "organisation"}
# The filter value that asks for records with no link in an optional field (e.g. no lawful basis yet).
NONE_CHOSEN = "none"


def records_for(*, record_type: RecordType, organisations) -> QuerySet:
    """The records of one type in `organisations` (all of them for shared reference types)."""
    records = record_type.model.objects.all()
    return records if record_type.shared else records.filter(organisation__in=organisations)


def record_list(*, record_type: RecordType, organisation, query: str = "", filters: dict | None = None,
                show_retired: bool = False) -> QuerySet:
    """Records of one type in `organisation`'s register matching a search and filters; retired ones only
    when asked for."""
    records = records_for(record_type=record_type, organisations=[organisation])
    if not show_retired:
        records = records.filter(retired=False)
    if query:
        condition = Q()
        for name in record_type.search:
            condition |= Q(**{f"{name}__icontains": query})
        records = records.filter(condition)
    for name, value in (filters or {}).items():
        if value == NONE_CHOSEN and record_type.model._meta.get_field(name).null:
            records = records.filter(**{f"{name}__isnull": True})
        elif value not in ("", None):
            records = records.filter(**{name: value})
    related = [f.name for f in record_type.model._meta.fields if isinstance(f, models.ForeignKey)]
    return records.select_related(*related)


SERVICES_SHOWN = 25


def record_usage(*, record_type: RecordType, record: RegisterRecord, organisations) -> dict:
    """The notices and services of `organisations` that use a record, which of those notices are
    published, and which published ones are out of date (through services.hooks: notices offers them)."""
    usage = notice_hooks().usage(lookup=record_type.notice_lookup, record=record, organisations=organisations)
    services = Service.objects.none()
    if record_type.service_lookups:
        condition = Q()
        for lookup in record_type.service_lookups:
            condition |= Q(**{lookup: record})
        services = Service.objects.filter(condition, organisation__in=organisations).distinct().order_by("name")
    # The first services by name and how many there are: a county's controller runs a thousand.
    shown = list(services.only("pk", "name")[:SERVICES_SHOWN])
    more = services.count() - len(shown) if len(shown) == SERVICES_SHOWN else 0
    return {"notices": usage.notices, "services": shown, "services_more": more, "published_ids": usage.published_ids,
            "published": usage.published, "out_of_date": usage.out_of_date}


def service_parties(*, service: Service) -> list:
    """The organisations in a service and their parts, as the notice will name them (in the officer's order)."""
    return list(service.parties.select_related("body").order_by("order", "pk"))


def display_value(model: type, name: str, value) -> str:
    """A history value as a person reads it: names for links, labels for choices."""
    field = model._meta.get_field(name)
    if field.many_to_many:
        target = field.related_model
        key = field.m2m_reverse_field_name()
        ids = [row[key] for row in value or []]
        names = {r.pk: str(r) for r in target.objects.filter(pk__in=ids)}
        return ", ".join(sorted(names.get(i, f"(deleted #{i})") for i in ids)) or "none"
    if value in (None, ""):
        return "blank"
    if isinstance(field, models.ForeignKey):
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related else f"(deleted #{value})"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _changes(model: type, new, old) -> list[dict]:
    delta = new.diff_against(old, excluded_fields=list(HIDDEN_IN_HISTORY))
    return [
        {
            "field": str(model._meta.get_field(change.field).verbose_name),
            "old": display_value(model, change.field, change.old),
            "new": display_value(model, change.field, change.new),
        }
        for change in delta.changes
    ]


def record_history(*, record: RegisterRecord) -> list[dict]:
    """Every save of a record, newest first: who, when, and each field that changed, old and new."""
    model = type(record)
    rows = list(record.history.select_related("history_user").order_by("history_date", "history_id"))
    entries = []
    for index, row in enumerate(rows):
        entries.append(
            {
                "who": row.history_user.get_full_name() or row.history_user.get_username()
                if row.history_user else "unknown",
                "when": row.history_date,
                "created": index == 0,
                "changes": _changes(model, row, rows[index - 1]) if index else [],
            }
        )
    return entries[::-1]


def record_changes_since(*, record: RegisterRecord, lock_version: int) -> list[dict]:
    """What changed in a record since the save that left it at `lock_version`: what another editor did."""
    model = type(record)
    loaded = record.history.filter(lock_version=lock_version).order_by("-history_date", "-history_id").first()
    latest = record.history.order_by("-history_date", "-history_id").first()
    if loaded is None or latest is None:
        return []
    return _changes(model, latest, loaded)


def catalogue_titles() -> set[str]:
    """The titles in the legislation catalogue, lower case: an item staff add under one of them is known."""
    return {title.lower() for title in Legislation.objects.filter(in_catalogue=True).values_list("title", flat=True)}


def catalogue_entries(*, query: str = "") -> QuerySet:
    """The legislation catalogue, optionally only entries whose title or number contains `query`."""
    entries = Legislation.objects.filter(in_catalogue=True).order_by("title")
    if query:
        entries = entries.filter(Q(title__icontains=query) | Q(chapter__icontains=query))
    return entries


def legislation_outside_catalogue() -> list[Legislation]:
    """Items staff added whose title the catalogue does not have: the DPO checks the title and year."""
    known = catalogue_titles()
    staff_added = Legislation.objects.filter(in_catalogue=False, retired=False)
    return [law for law in staff_added if law.title.lower() not in known]


# How many records a picker offers at once: a register of thousands never reaches one page whole.
PICKER_PAGE = 20


@dataclass(frozen=True)
class PickerPage:
    """One page of a record picker's search: the records (live ones only), its number, and whether a
    further page exists (found by asking for one record more than the page holds, so no COUNT is run)."""

    records: list
    number: int
    has_more: bool
    per_page: int = PICKER_PAGE


def picker_page(*, record_type: RecordType, organisation, query: str = "", page: int = 1,
                per_page: int = PICKER_PAGE) -> PickerPage:
    """Live records of `organisation`'s register (the shared catalogue for legislation) matching `query`,
    `per_page` at a time. Every picker in the workspace reads through this, so none lists a whole register."""
    page = max(page, 1)
    records = record_list(record_type=record_type, organisation=organisation, query=query)
    start = (page - 1) * per_page
    found = list(records[start:start + per_page + 1])
    return PickerPage(records=found[:per_page], number=page, has_more=len(found) > per_page, per_page=per_page)
