"""PDF downloads. Published PDFs are the bytes stored at publishing, never rendered on request; only a
staff member's draft PDF is rendered, because a draft changes with every edit (and only once for each
state of the draft: notices.pdf.render_draft_pdf)."""

import io
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.http import content_disposition_header, http_date
from django.views.decorators.http import require_safe

from accounts.decorators import staff_required
from accounts.permissions import organisations_for

from ..document import draft_document
from ..models import Publication
from ..pdf import render_draft_pdf
from ..selectors import notices_for, open_version, public_notice, public_publication
from ..storage import StoredFileError, stored_pdf

# A numbered version's PDF never changes. The current PDF changes when a new version comes into force.
CACHE_NUMBERED = "public, max-age=31536000, immutable"
CACHE_CURRENT = "public, max-age=300"
PDF_FIELDS = ("pdf", "pdf_sha256", "published_at")


@require_safe
def pdf_version(request, slug: str, number: int):
    """Public: anyone may download a version that has come into force; drafts and scheduled ones are 404."""
    state = public_notice(slug=slug)
    publication = public_publication(notice_id=state.notice_id, number=number, fields=PDF_FIELDS) if state else None
    return _stored_pdf(request, publication, cache_control=CACHE_NUMBERED)


@require_safe
def pdf_current(request, slug: str):
    """Public: anyone may download the version in force today; 404 if none is (or the notice was withdrawn)."""
    state = public_notice(slug=slug)
    current = state.in_force() if state else None
    number = current.version.number if current else None
    publication = public_publication(notice_id=state.notice_id, number=number, fields=PDF_FIELDS) if current else None
    return _stored_pdf(request, publication, cache_control=CACHE_CURRENT)


def _stored_pdf(request, publication: Publication | None, *, cache_control: str):
    if publication is None or not publication.pdf:
        raise Http404("No published PDF of this notice is available.")
    etag = quote_etag(publication.pdf_sha256)
    last_modified = int(publication.published_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        try:
            content = stored_pdf(publication)
        except StoredFileError:
            # Never serve bytes that may not be what was published; the integrity error is logged.
            # The title as published, never the working copy's.
            context = {"title": publication.document["notice"]["title"], "slug": publication.version.notice.slug,
                       "number": publication.version.number}
            return render(request, "notices/pdf_unavailable.html", context, status=503)
        response = _pdf_file_response(publication, content)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = cache_control
    return response


def _pdf_file_response(publication: Publication, content: bytes) -> HttpResponse:
    """The verified bytes, or (behind nginx) the same file sent by nginx once its hash has been checked here."""
    version = publication.version
    filename = f"{version.notice.slug}-v{version.number}.pdf"
    if settings.STORED_FILES_ACCEL_REDIRECT:
        # Access is decided here; nginx then sends the stored file itself from an internal-only location
        # (deploy/nginx/nginx.conf), so no gunicorn thread is spent streaming it.
        response = HttpResponse(content_type="application/pdf")
        response["X-Accel-Redirect"] = settings.STORED_FILES_ACCEL_REDIRECT + quote(publication.pdf.name)
        response["Content-Disposition"] = content_disposition_header(False, filename)
        return response
    return FileResponse(io.BytesIO(content), content_type="application/pdf", filename=filename)


@staff_required("view")
@require_safe
def pdf_draft(request, pk: int):
    """Staff: IG officers and DPOs of the notice's organisation may download the version being worked on,
    marked DRAFT on every page. Another organisation's notice is a 404."""
    notice = get_object_or_404(notices_for(organisations=organisations_for(request.user)), pk=pk)
    document = draft_document(notice, open_version(notice=notice))
    response = HttpResponse(render_draft_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{notice.slug}-draft.pdf")
    response["Cache-Control"] = "private, no-store"
    return response
