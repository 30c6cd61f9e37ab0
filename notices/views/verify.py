"""Anyone can check a PDF (or its SHA-256) against the versions we have published."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..forms import VerifyForm
from ..selectors import public_publication_by_pdf_sha256, publication_in_force
from ..uploads import FingerprintUploadHandler


# Why not Django's CSRF token here: the page would then set a cookie and differ for every visitor, when
# every public page is meant to be the same bytes for all (CDN-safe, and servable by the static mirror).
# What a token protects, a browser's own Origin header protects as well for this form: the check changes
# nothing, is anonymous, and its answer cannot be read by another site. So a POST is refused unless the
# browser says it comes from our own pages (`_from_our_pages`). csrf_exempt also lets the upload handler
# be set before the body is read.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify(request):
    """Public: anyone may use it. Uploads are hashed as they arrive and not kept."""
    if request.method == "POST" and not _from_our_pages(request):
        raise PermissionDenied("This form can only be sent from this site's own page.")
    handler = FingerprintUploadHandler(request, limit=settings.VERIFY_MAX_UPLOAD_BYTES)
    request.upload_handlers = [handler]
    form = VerifyForm(request.POST, handler.files(request.FILES)) if request.method == "POST" else VerifyForm()
    context = {"form": form, "limit_mb": settings.VERIFY_MAX_UPLOAD_BYTES // (1024 * 1024)}
    if form.is_valid():
        publication = public_publication_by_pdf_sha256(sha256=form.fingerprint())
        context.update(
            checked=True,
            fingerprint=form.fingerprint(),
            publication=publication,
            current=publication_in_force(notice=publication.version.notice) if publication else None,
        )
    return render(request, "notices/verify.html", context)


def _from_our_pages(request) -> bool:
    """The browser sent this POST from a page of ours: its Origin header (which every current browser sends
    on a POST, and a page cannot forge) is our own address or a trusted one."""
    if getattr(request, "_dont_enforce_csrf_checks", False):  # Django's test client, as for CSRF itself
        return True
    origin = request.headers.get("Origin", "")
    ours = f"{request.scheme}://{request.get_host()}"
    return origin == ours or origin in settings.CSRF_TRUSTED_ORIGINS
