"""The register in the staff workspace (/manage/register/). IG officers and DPOs of an organisation may
read its register; only its IG officers may create, edit, retire and copy records. Each view names its
roles in its docstring. Records are always looked up through the user's organisations
(_get_record_for_user), so another organisation's record is a 404."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.current import current_organisation, current_organisation_set
from accounts.decorators import staff_required
from accounts.permissions import can, organisations_for

from . import actions, selectors
from .forms import CopyForm
from .hooks import notice_hooks
from .models import Service
from .register import RECORD_TYPES, RecordType

PAGE_SIZE = 25
# A picker's answer is data, never markup: even a record named "<script>" reaches the browser as
# \u003cscript\u003e, so nothing that sniffs or pastes the response can run it.
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def _record_type(kind: str) -> RecordType:
    try:
        return RECORD_TYPES[kind]
    except KeyError as error:
        raise Http404("No such record type") from error


def _get_record_for_user(request, record_type: RecordType, pk: int, action: str = "view"):
    """The record, if it is in one of the user's organisations (else 404); PermissionDenied (403) if the
    user may see it but not take `action` on it."""
    records = selectors.records_for(record_type=record_type, organisations=organisations_for(request.user))
    record = get_object_or_404(records, pk=pk)
    if not can(request.user, action, None if record_type.shared else record):
        raise PermissionDenied(f"Your role in {record.organisation} does not let you change its register.")
    return record


def _working_organisation(request, action: str = "view"):
    """The organisation the user is working in, checked for `action`; 403 if they may not take it there."""
    organisation = current_organisation(request)
    if organisation is None or not can(request.user, action, organisation):
        raise PermissionDenied("Your role in this organisation does not let you change its register.")
    return organisation


def _detail_url(record_type: RecordType, record) -> str:
    return reverse("manage:record_detail", kwargs={"kind": record_type.key, "pk": record.pk})


@staff_required("view")
def register_index(request):
    """IG officer, DPO: the record types of the current organisation's register, with how many live
    records each has."""
    organisation = _working_organisation(request)
    types = [
        (rt, selectors.records_for(record_type=rt, organisations=[organisation]).filter(retired=False).count())
        for rt in RECORD_TYPES.values()
    ]
    return render(request, "manage/register/index.html", {"types": types, "organisation": organisation})


def _filter_choices(record_type: RecordType, request, organisation) -> list[dict]:
    filters = []
    for name in record_type.filters:
        field = record_type.model._meta.get_field(name)
        choices = _choices(field, organisation)
        # A value that is not one of the choices (a hand-edited address) filters nothing rather than failing.
        value = request.GET.get(name, "")
        filters.append({"name": name, "label": str(field.verbose_name).capitalize(),
                        "choices": choices, "value": value if value in dict(choices) else ""})
    return filters


def _choices(field, organisation) -> list[tuple[str, str]]:
    if field.is_relation:
        related = field.related_model.objects.complex_filter(field.get_limit_choices_to())
        if any(f.name == "organisation" for f in field.related_model._meta.fields):
            related = related.filter(organisation=organisation)
        choices = [(str(r.pk), str(r)) for r in related]
        if field.null:
            # e.g. purposes whose lawful basis is not chosen yet, which block publishing.
            choices.append((selectors.NONE_CHOSEN, "None chosen"))
        return choices
    if field.choices:
        return [(str(k), str(v)) for k, v in field.flatchoices if k != ""]
    return [("True", "Yes"), ("False", "No")]


@staff_required("view")
def record_list(request, kind):
    """IG officer, DPO: one record type of the current organisation's register, searchable, filterable
    and paginated."""
    record_type = _record_type(kind)
    organisation = _working_organisation(request)
    query = request.GET.get("q", "").strip()[:200]
    filters = _filter_choices(record_type, request, organisation)
    show_retired = request.GET.get("retired") == "1"
    records = selectors.record_list(
        record_type=record_type, organisation=organisation, query=query, show_retired=show_retired,
        filters={f["name"]: f["value"] for f in filters},
    )
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"record_type": record_type, "page": page, "query": query, "filters": filters,
               "show_retired": show_retired, "params": params.urlencode(), "organisation": organisation}
    return render(request, "manage/register/list.html", context)


def _picker_organisation(request):
    """The organisation a picker searches: `organisation` (an id) if it is one of the user's, else the one
    they are working in. Another organisation's id is a 404, as it is everywhere in the workspace."""
    wanted = request.GET.get("organisation", "")
    if not wanted:
        return _working_organisation(request)
    if not wanted.isdigit():
        raise Http404("No such organisation")
    return get_object_or_404(organisations_for(request.user), pk=int(wanted))


@staff_required("view")
def record_find(request, kind):
    """IG officer, DPO: the record pickers' search, as JSON: live records of one type in one of the user's
    organisations matching `q`, a page (`page`) of selectors.PICKER_PAGE at a time. The pages work without
    it (each picker is a plain form); static/portal/record-picker.js asks it as the editor types."""
    record_type = _record_type(kind)
    organisation = _picker_organisation(request)
    page = request.GET.get("page", "1")
    found = selectors.picker_page(record_type=record_type, organisation=organisation,
                                  query=request.GET.get("q", "").strip()[:200],
                                  page=int(page) if page.isdigit() else 1)
    body = {"results": [{"id": r.pk, "label": str(r)} for r in found.records], "page": found.number,
            "more": found.has_more}
    response = HttpResponse(json.dumps(body).translate(JSON_ESCAPES), content_type="application/json")
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required("register.change")
def record_create(request, kind):
    """IG officer of the current organisation: add a record to its register."""
    record_type = _record_type(kind)
    organisation = _working_organisation(request, "register.change")
    form_class = record_type.form_class()
    form = form_class(request.POST or None, organisation=organisation, initial=_initial(request, form_class))
    if request.method == "POST" and form.is_valid():
        record = create_from_form(request, record_type, form)
        say_saved(request, form, f"Saved “{record}”.")
        return redirect(_detail_url(record_type, record))
    context = {"record_type": record_type, "form": form, "organisation": organisation}
    return render(request, "manage/register/form.html", context)


def _initial(request, form_class) -> dict:
    """Choices a link may start the form with (a service's "Add an organisation" names the service). The form
    offers only the organisation's own records, so another's id in the address selects nothing."""
    return {name: value for name, value in request.GET.items() if name in form_class.base_fields}


def create_from_form(request, record_type: RecordType, form):
    """Create the record a valid register form describes, in the form's organisation, as the signed-in
    user (who is named in its history). The notice builder's "Add a new …" uses it too, so a record is
    validated and written one way."""
    fields, relations = form.split()
    return actions.record_create(actor=request.user, model=record_type.model, fields=fields, relations=relations,
                                 organisation=form.organisation)


def say_saved(request, form, text: str) -> None:
    """The success message, then any lawful-basis warnings the form found (they do not stop a save)."""
    messages.success(request, text)
    for warning in getattr(form, "rule_warnings", []):
        messages.warning(request, warning)


def _usage(request, record_type, record) -> dict:
    return selectors.record_usage(record_type=record_type, record=record,
                                  organisations=organisations_for(request.user))


@staff_required("view")
def record_detail(request, kind, pk):
    """IG officer, DPO of the record's organisation: a record, where it is used, and its change history;
    for someone who is IG officer of another organisation too, a form to copy it there."""
    record_type = _record_type(kind)
    record = _get_record_for_user(request, record_type, pk)
    usage = _usage(request, record_type, record)
    context = {
        "record_type": record_type, "record": record, "usage": usage, "stale": usage["out_of_date"],
        # A record every notice uses is listed a page at a time, not all of a county's notices at once.
        "notices": Paginator(usage["notices"], PAGE_SIZE).get_page(request.GET.get("page")),
        "history": selectors.record_history(record=record),
        "fields": _field_rows(record),
        "copy_form": None if record_type.shared else _copy_form(request, record),
        "parties": selectors.service_parties(service=record) if record_type.model is Service else None,
    }
    return render(request, "manage/register/detail.html", context)


def _copy_form(request, record, data=None) -> CopyForm | None:
    targets = organisations_for(request.user, "register.change").exclude(pk=record.organisation_id)
    return CopyForm(data, organisations=targets) if targets.exists() else None


def _field_rows(record) -> list[tuple[str, str]]:
    rows = []
    for field in record._meta.fields:
        if field.name in ("id", "lock_version") or field.name in selectors.HIDDEN_IN_HISTORY:
            continue
        value = getattr(record, field.attname)
        shown = "None chosen" if field.is_relation and value is None else selectors.display_value(
            type(record), field.name, value)
        rows.append((str(field.verbose_name).capitalize(), shown))
    for field in record._meta.many_to_many:
        names = ", ".join(str(r) for r in getattr(record, field.name).all()) or "none"
        rows.append((str(field.verbose_name).capitalize(), names))
    return rows


@staff_required("register.change")
def record_edit(request, kind, pk):
    """IG officer of the record's organisation: change a record. Shows which published notices the change
    will affect; a save based on an out-of-date copy is refused and shows what the other person changed."""
    record_type = _record_type(kind)
    record = _get_record_for_user(request, record_type, pk, "register.change")
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
            say_saved(request, form, f"Saved “{record}”.")
            return redirect(_detail_url(record_type, record))
    usage = _usage(request, record_type, record)
    context = {"record_type": record_type, "record": record, "form": form, "usage": usage,
               "conflict": conflict, "organisation": form.organisation}
    return render(request, "manage/register/form.html", context, status=409 if conflict else 200)


@require_POST
@staff_required("register.change")
def record_retire(request, kind, pk):
    """IG officer of the record's organisation: retire a record (POST). It stays in notices already using it."""
    record_type = _record_type(kind)
    record = _get_record_for_user(request, record_type, pk, "register.change")
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
@staff_required("notice.edit")
def record_redraft(request, kind, pk):
    """IG officer of the record's organisation: start new drafts of every published notice that uses this
    record and is out of date (POST)."""
    record_type = _record_type(kind)
    record = _get_record_for_user(request, record_type, pk, "notice.edit")
    stale = _usage(request, record_type, record)["out_of_date"]
    try:
        started = notice_hooks().start_drafts(actor=request.user, notices=stale)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Started {len(started)} new draft(s): "
                                  f"{', '.join(str(v.notice) for v in started) or 'none needed'}.")
    return redirect(_detail_url(record_type, record))


@require_POST
@staff_required("register.change")
def record_copy(request, kind, pk):
    """IG officer of the record's organisation who is also IG officer of another: copy the record into that
    organisation's register (POST). The copy is independent from then on."""
    record_type = _record_type(kind)
    if record_type.shared:
        raise Http404("Shared reference data is not copied")
    record = _get_record_for_user(request, record_type, pk)
    form = _copy_form(request, record, request.POST)
    if form is None or not form.is_valid():
        messages.error(request, "Choose the organisation to copy it into.")
        return redirect(_detail_url(record_type, record))
    try:
        copy = actions.record_copy(actor=request.user, record=record, organisation=form.cleaned_data["organisation"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail_url(record_type, record))
    # The copy is where the officer is going to work next.
    current_organisation_set(request, copy.organisation)
    messages.success(request, f"Copied “{record}” into {copy.organisation}'s register. The copy is "
                              f"independent: changing one does not change the other.")
    return redirect(_detail_url(record_type, copy))
