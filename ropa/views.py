"""The record of processing in the workspace (/manage/ropa/): IG officers and DPOs of an organisation download
its register; its IG officers import one. An import is looked up only among the user's own
(ropa.selectors.import_for_user), so anyone else's is a 404."""

import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.current import current_organisation
from accounts.decorators import staff_required
from accounts.permissions import can

from . import actions, selectors
from .export import csv_lines, write_workbook
from .forms import ImportForm
from .models import RegisterImport
from .reading import UnreadableFile

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _organisation_for(request, action: str):
    """The organisation the user is working in, checked for `action`; 403 if their role there does not allow it."""
    organisation = current_organisation(request)
    if organisation is None or not can(request.user, action, organisation):
        raise PermissionDenied("Your role in this organisation does not let you do this with its register.")
    return organisation


def _filename(organisation, suffix: str) -> str:
    return f"record-of-processing-{organisation.slug}-{timezone.localdate()}.{suffix}"


@staff_required("view")
@require_http_methods(["GET", "POST"])
def ropa_index(request):
    """IG officer, DPO: download the register; IG officer: upload one to import (POST)."""
    organisation = _organisation_for(request, "view")
    may_import = can(request.user, "register.change", organisation)
    form = ImportForm()
    if request.method == "POST":
        organisation = _organisation_for(request, "register.change")
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                pending = actions.import_preview_create(actor=request.user, organisation=organisation,
                                                        filename=upload.name, content=upload.read())
            except UnreadableFile as error:
                form.add_error("file", str(error))
            else:
                return redirect("manage:ropa_import", pk=pending.pk)
    return render(request, "ropa/index.html", {"organisation": organisation, "form": form, "may_import": may_import})


@staff_required("view")
@require_GET
def ropa_xlsx(request):
    """IG officer, DPO: the register as a workbook (the record of processing, every record type, the columns)."""
    organisation = _organisation_for(request, "view")
    # On disk, not in memory: openpyxl's write-only mode streams rows into the file. FileResponse closes it.
    out = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        write_workbook(out=out, organisation=organisation)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=_filename(organisation, "xlsx"), content_type=XLSX)


@staff_required("view")
@require_GET
def ropa_csv(request):
    """IG officer, DPO: the record of processing as CSV, one row per purpose, streamed."""
    organisation = _organisation_for(request, "view")
    response = StreamingHttpResponse(csv_lines(organisation=organisation), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(organisation, "csv")}"'
    return response


def _get_import_for_user(request, pk) -> RegisterImport:
    try:
        return selectors.import_for_user(user=request.user, pk=pk)
    except RegisterImport.DoesNotExist as error:
        raise Http404("No such import") from error


@staff_required("register.change")
@require_http_methods(["GET", "POST"])
def ropa_import(request, pk):
    """IG officer: the preview of an upload (what each record type gains, changes and keeps, or every invalid
    row), and its confirm (POST)."""
    pending = _get_import_for_user(request, pk)
    refusal = ""
    if request.method == "POST":
        try:
            actions.import_confirm(actor=request.user, pending=pending)
        except actions.ImportRefused as error:
            refusal = str(error)
        else:
            messages.success(request, f"{pending.filename} is imported into {pending.organisation}'s register.")
            return redirect(reverse("manage:register"))
    return render(request, "ropa/preview.html", {"pending": pending, "refusal": refusal,
                                                 "outcomes": pending.preview["outcomes"],
                                                 "errors": pending.preview["errors"]})
