"""PDF downloads. Published PDFs are the bytes stored at publishing, never rendered on request; only a
staff member's draft PDF is rendered, because a draft changes with every edit."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from accounts.decorators import staff_required
from accounts.permissions import organisations_for

from ..document import draft_document
from ..models import Notice, Publication
from ..pdf import render_pdf
from ..selectors import notices_for, open_version, public_publication, publication_in_force

# A numbered version's PDF never changes. The current PDF changes when a new version comes into force.
CACHE_NUMBERED = "public, max-age=31536000, immutable"
CACHE_CURRENT = "public, max-age=300"


@require_safe
def pdf_version(request, slug: str, number: int):
    """Public: anyone may download a version that has come into force; drafts and scheduled ones are 404."""
    notice = get_object_or_404(Notice, slug=slug)
    return _stored_pdf(request, public_publication(notice=notice, number=number), cache_control=CACHE_NUMBERED)


@require_safe
def pdf_current(request, slug: str):
    """Public: anyone may download the version in force today; 404 if none is (or the notice was withdrawn)."""
    notice = get_object_or_404(Notice, slug=slug)
    return _stored_pdf(request, publication_in_force(notice=notice), cache_control=CACHE_CURRENT)


def _stored_pdf(request, publication: Publication | None, *, cache_control: str):
    if publication is None or not publication.pdf:
        raise Http404("No published PDF of this notice is available.")
    etag = quote_etag(publication.pdf_sha256)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        version = publication.version
        response = FileResponse(
            publication.pdf.open("rb"),
            content_type="application/pdf",
            filename=f"{version.notice.slug}-v{version.number}.pdf",
        )
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


@staff_required("view")
@require_safe
def pdf_draft(request, pk: int):
    """Staff: IG officers and DPOs of the notice's organisation may download the version being worked on,
    marked DRAFT on every page. Another organisation's notice is a 404."""
    notice = get_object_or_404(notices_for(organisations=organisations_for(request.user)), pk=pk)
    document = draft_document(notice, open_version(notice=notice))
    response = HttpResponse(render_pdf(document, draft=True), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{notice.slug}-draft.pdf")
    response["Cache-Control"] = "private, no-store"
    return response
