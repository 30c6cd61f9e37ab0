"""The register in the staff workspace (/manage/register/). IG officers and DPOs may read every page;
only IG officers may create, edit and retire records. Each view names its roles in its docstring."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from notices.actions import notices_start_drafts
from notices.roles import DPO, IG_OFFICER, has_role
from notices.selectors import notices_out_of_date

from . import actions, selectors
from .register import RECORD_TYPES, RecordType

PAGE_SIZE = 25


def _record_type(kind: str) -> RecordType:
    try:
        return RECORD_TYPES[kind]
    except KeyError as error:
        raise Http404("No such record type") from error


def _record(record_type: RecordType, pk: int):
    return get_object_or_404(record_type.model, pk=pk)


def _detail_url(record_type: RecordType, record) -> str:
    return reverse("manage:record_detail", kwargs={"kind": record_type.key, "pk": record.pk})


@staff_required(IG_OFFICER, DPO)
def register_index(request):
    """IG officer, DPO: the record types, with how many live records each has."""
    types = [(rt, rt.model.objects.filter(retired=False).count()) for rt in RECORD_TYPES.values()]
    return render(request, "manage/register/index.html", {"types": types})


def _filter_choices(record_type: RecordType, request) -> list[dict]:
    filters = []
    for name in record_type.filters:
        field = record_type.model._meta.get_field(name)
        if field.is_relation:
            choices = [(str(r.pk), str(r)) for r in field.related_model.objects.all()]
        elif field.choices:
            choices = [(str(k), str(v)) for k, v in field.flatchoices if k != ""]
        else:
            choices = [("True", "Yes"), ("False", "No")]
        value = request.GET.get(name, "")
        # Only a value the select offers reaches the query: anything else (an edited address) would fail
        # there as a server error, e.g. a name where a record's id belongs. It filters nothing instead.
        if value not in {key for key, _ in choices}:
            value = ""
        filters.append({"name": name, "label": str(field.verbose_name).capitalize(),
                        "choices": choices, "value": value})
    return filters


@staff_required(IG_OFFICER, DPO)
def record_list(request, kind):
    """IG officer, DPO: one record type, searchable, filterable and paginated."""
    record_type = _record_type(kind)
    query = request.GET.get("q", "").strip()[:200]
    filters = _filter_choices(record_type, request)
    show_retired = request.GET.get("retired") == "1"
    records = selectors.record_list(
        record_type=record_type, query=query, show_retired=show_retired,
        filters={f["name"]: f["value"] for f in filters},
    )
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"record_type": record_type, "page": page, "query": query, "filters": filters,
               "show_retired": show_retired, "params": params.urlencode(),
               "can_edit": has_role(request.user, IG_OFFICER)}
    return render(request, "manage/register/list.html", context)


@staff_required(IG_OFFICER)
def record_create(request, kind):
    """IG officer: add a record."""
    record_type = _record_type(kind)
    form = record_type.form_class()(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields, relations = form.split()
        record = actions.record_create(actor=request.user, model=record_type.model, fields=fields,
                                       relations=relations)
        _saved(request, form, record)
        return redirect(_detail_url(record_type, record))
    return render(request, "manage/register/form.html", {"record_type": record_type, "form": form})


def _saved(request, form, record) -> None:
    messages.success(request, f"Saved “{record}”.")
    for warning in getattr(form, "rule_warnings", []):
        messages.warning(request, warning)


@staff_required(IG_OFFICER, DPO)
def record_detail(request, kind, pk):
    """IG officer, DPO: a record, where it is used, and its change history."""
    record_type = _record_type(kind)
    record = _record(record_type, pk)
    usage = selectors.record_usage(record_type=record_type, record=record)
    stale = [n for n in notices_out_of_date() if n in usage["published"]]
    context = {
        "record_type": record_type, "record": record, "usage": usage, "stale": stale,
        "history": selectors.record_history(record=record),
        "fields": _field_rows(record),
        "can_edit": has_role(request.user, IG_OFFICER),
    }
    return render(request, "manage/register/detail.html", context)


def _field_rows(record) -> list[tuple[str, str]]:
    rows = []
    for field in record._meta.fields:
        if field.name in ("id", "lock_version") or field.name in selectors.HIDDEN_IN_HISTORY:
            continue
        rows.append((str(field.verbose_name).capitalize(),
                     selectors.display_value(type(record), field.name, getattr(record, field.attname))))
    for field in record._meta.many_to_many:
        names = ", ".join(str(r) for r in getattr(record, field.name).all()) or "none"
        rows.append((str(field.verbose_name).capitalize(), names))
    return rows


@staff_required(IG_OFFICER)
def record_edit(request, kind, pk):
    """IG officer: change a record. Shows which published notices the change will affect; a save based on
    an out-of-date copy is refused and shows what the other person changed."""
    record_type = _record_type(kind)
    record = _record(record_type, pk)
    form = record_type.form_class()(request.POST or None, instance=record)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields, relations = form.split()
        try:
            record = actions.record_update(
                actor=request.user, record=record, lock_version=form.cleaned_data["lock_version"] or 0,
                fields=fields, relations=relations,
            )
        except actions.RecordConflict as error:
            conflict = {
                "message": str(error),
                "changes": selectors.record_changes_since(record=error.current,
                                                          lock_version=error.loaded_version),
            }
            # The editor's text stays in the form; saving again is now a deliberate choice.
            form.data = form.data.copy()
            form.data["lock_version"] = error.current.lock_version
        else:
            _saved(request, form, record)
            return redirect(_detail_url(record_type, record))
    usage = selectors.record_usage(record_type=record_type, record=record)
    context = {"record_type": record_type, "record": record, "form": form, "usage": usage,
               "conflict": conflict}
    return render(request, "manage/register/form.html", context, status=409 if conflict else 200)


@require_POST
@staff_required(IG_OFFICER)
def record_retire(request, kind, pk):
    """IG officer: retire a record (POST). It stays in notices already using it."""
    record_type = _record_type(kind)
    record = _record(record_type, pk)
    try:
        lock_version = int(request.POST.get("lock_version", ""))
        actions.record_retire(actor=request.user, record=record, lock_version=lock_version)
    except ValueError:
        messages.error(request, "The retire request was incomplete. Try again.")
    except actions.RecordConflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Retired “{record}”. It can no longer be chosen for notices.")
    return redirect(_detail_url(record_type, record))


@require_POST
@staff_required(IG_OFFICER)
def record_redraft(request, kind, pk):
    """IG officer: start new drafts of every published notice that uses this record (POST)."""
    record_type = _record_type(kind)
    record = _record(record_type, pk)
    usage = selectors.record_usage(record_type=record_type, record=record)
    stale = [n for n in notices_out_of_date() if n in usage["published"]]
    try:
        started = notices_start_drafts(actor=request.user, notices=stale)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Started {len(started)} new draft(s): "
                                  f"{', '.join(str(v.notice) for v in started) or 'none needed'}.")
    return redirect(_detail_url(record_type, record))
