"""The DPO's archive of published notices as a ZIP (see notices/export.py)."""

import tempfile

from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts.decorators import staff_required
from accounts.permissions import organisations_for

from ..export import describe_selection, write_export
from ..forms import ExportForm
from ..selectors import publications_for_export, today


@staff_required("notice.export")
@require_http_methods(["GET", "POST"])
def export(request):
    """Staff: DPOs only, of the notices of the organisations they are DPO of. The archive includes versions
    scheduled for the future, which the public cannot see."""
    organisations = organisations_for(request.user, "notice.export")
    form = ExportForm(request.POST if request.method == "POST" else None, organisations=organisations)
    if form.is_valid():
        publications = publications_for_export(**form.selection())
        if not publications:
            form.add_error(None, "No published notice matches what you selected, so there is nothing to export")
        else:
            # A stored PDF that is missing or altered is left out and listed as missing in the manifest.
            return _zip_response(publications, selection=describe_selection(**form.selection()))
    return render(request, "notices/export.html", {"form": form})


def _zip_response(publications, *, selection: str) -> FileResponse:
    # On disk, not in memory: an archive of many PDFs can be large. FileResponse closes it when sent.
    archive = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        write_export(out=archive, publications=publications, selection=selection)
    except BaseException:
        archive.close()
        raise
    archive.seek(0)
    return FileResponse(archive, as_attachment=True, filename=f"privacy-notices-{today()}.zip")
