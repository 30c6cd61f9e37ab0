"""The reference data the checks read, kept in the workspace (/manage/references/): the legislation
catalogue and the out-of-date references. IG officers and DPOs may read both lists; only DPOs add and
change entries. Each view names its roles in its docstring."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.decorators import staff_required
from accounts.permissions import can
from services import actions as register_actions
from services import selectors as register_selectors
from services.forms import CatalogueEntryForm
from services.models import Legislation

from .. import actions
from ..forms import StaleReferenceForm
from ..models import StaleReference


def _form_page(request, form, *, heading: str, back: str, conflict: str = ""):
    return render(request, "manage/references/form.html",
                  {"form": form, "heading": heading, "back": back, "conflict": conflict})


def _conflicted(form, current_version: int) -> None:
    # The editor's text stays in the form; saving again is now a deliberate choice.
    form.data = form.data.copy()
    form.data["lock_version"] = current_version


@staff_required("view")
def catalogue_list(request):
    """IG officer, DPO: the legislation catalogue, searchable, and the items staff added outside it."""
    query = request.GET.get("q", "").strip()[:200]
    context = {
        "entries": register_selectors.catalogue_entries(query=query),
        "outside": register_selectors.legislation_outside_catalogue(),
        "query": query,
        "can_edit": can(request.user, "reference.change"),
    }
    return render(request, "manage/references/catalogue.html", context)


@staff_required("reference.change")
def catalogue_create(request):
    """DPO: add an Act or statutory instrument to the catalogue (?from=<id> starts from an item staff added)."""
    start_id = request.GET.get("from", "")
    start = Legislation.objects.filter(pk=start_id, in_catalogue=False).first() if start_id.isdigit() else None
    # Starting from a staff item edits that record, so purposes citing it keep it once it is in the catalogue.
    form = CatalogueEntryForm(request.POST or None, instance=start)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        entry = register_actions.catalogue_entry_create(actor=request.user, fields=fields)
        messages.success(request, f"Added “{entry.title}” to the legislation catalogue.")
        return redirect("manage:catalogue_list")
    return _form_page(request, form, heading="Add to the legislation catalogue", back=reverse("manage:catalogue_list"))


@staff_required("reference.change")
def catalogue_edit(request, pk):
    """DPO: correct a catalogue entry; refused if someone else saved it meanwhile."""
    entry = get_object_or_404(Legislation, pk=pk, in_catalogue=True)
    form = CatalogueEntryForm(request.POST or None, instance=entry)
    conflict = ""
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        try:
            register_actions.catalogue_entry_update(
                actor=request.user, entry=entry, lock_version=form.cleaned_data["lock_version"] or 0, fields=fields
            )
        except register_actions.RecordConflict as error:
            conflict = str(error)
            _conflicted(form, error.current.lock_version)
        else:
            messages.success(request, f"Saved “{entry.title}”.")
            return redirect("manage:catalogue_list")
    return _form_page(request, form, heading=f"Change {entry.title}", back=reverse("manage:catalogue_list"),
                      conflict=conflict)


@staff_required("view")
def stale_list(request):
    """IG officer, DPO: the out-of-date references the checks look for."""
    references = StaleReference.objects.order_by("-active", "name")
    context = {"references": references, "can_edit": can(request.user, "reference.change")}
    return render(request, "manage/references/stale.html", context)


@staff_required("reference.change")
def stale_create(request):
    """DPO: add an out-of-date reference (an abolished body, a replaced code) for the checks to look for."""
    form = StaleReferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        reference = actions.stale_reference_save(actor=request.user, fields=fields)
        messages.success(request, f"Added “{reference}”. The checks now look for it.")
        return redirect("manage:stale_list")
    return _form_page(request, form, heading="Add an out-of-date reference", back=reverse("manage:stale_list"))


@staff_required("reference.change")
def stale_edit(request, pk):
    """DPO: change an out-of-date reference; refused if someone else saved it meanwhile."""
    reference = get_object_or_404(StaleReference, pk=pk)
    form = StaleReferenceForm(request.POST or None, instance=reference)
    conflict = ""
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        try:
            actions.stale_reference_save(actor=request.user, reference=reference, fields=fields,
                                         lock_version=form.cleaned_data["lock_version"] or 0)
        except actions.EditConflict as error:
            conflict = str(error)
            _conflicted(form, StaleReference.objects.get(pk=pk).lock_version)
        else:
            messages.success(request, f"Saved “{reference}”.")
            return redirect("manage:stale_list")
    return _form_page(request, form, heading=f"Change {reference}", back=reverse("manage:stale_list"),
                      conflict=conflict)
