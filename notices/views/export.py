"""The DPO's archive of published notices as a ZIP (see notices/export.py), written by the worker: the form
queues it, a progress page follows it and offers the download when it is ready. The request never waits
for the archive to be written."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import staff_required
from accounts.permissions import organisations_for

from .. import actions
from ..forms import ExportForm
from ..models import ExportJob


@staff_required("notice.export")
@require_http_methods(["GET", "POST"])
def export(request):
    """Staff: DPOs only, of the notices of the organisations they are DPO of. The archive includes versions
    scheduled for the future, which the public cannot see."""
    organisations = organisations_for(request.user, "notice.export")
    form = ExportForm(request.POST if request.method == "POST" else None, organisations=organisations)
    if form.is_valid():
        try:
            job = actions.export_request(actor=request.user, **form.selection())
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, " ".join(error.messages) if isinstance(error, ValidationError) else str(error))
        else:
            return redirect("manage:export_progress", job_id=job.pk)
    return render(request, "notices/export.html", {"form": form})


def _get_export_for_user(request, job_id: int) -> ExportJob:
    """The export, if the user is a DPO of every organisation it holds the notices of; else 404."""
    allowed = {organisation.pk for organisation in organisations_for(request.user, "notice.export")}
    job = ExportJob.objects.filter(pk=job_id).prefetch_related("organisations").first()
    if job is None or not {organisation.pk for organisation in job.organisations.all()} <= allowed:
        raise Http404("No such export.")
    return job


@staff_required("notice.export")
@require_safe
def export_progress(request, job_id):
    """DPOs of the export's organisations: how far the archive is written, and its download link once it is.
    While it is being written the page updates itself (static/portal/progress.js), or offers a link to check
    again without JavaScript."""
    return render(request, "notices/export_progress.html", {"job": _get_export_for_user(request, job_id)})


@staff_required("notice.export")
@require_safe
def export_download(request, job_id):
    """DPOs of the export's organisations: the finished ZIP, streamed from storage."""
    job = _get_export_for_user(request, job_id)
    if job.status != ExportJob.Status.DONE:
        return redirect("manage:export_progress", job_id=job.pk)
    response = FileResponse(job.file.open("rb"), as_attachment=True, content_type="application/zip",
                            filename=f"privacy-notices-{job.requested_at:%Y-%m-%d}.zip")
    response["Cache-Control"] = "private, no-store"
    return response
