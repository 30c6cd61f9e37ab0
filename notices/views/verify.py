"""Anyone can check a PDF (or its SHA-256) against the versions we have published."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from ..forms import VerifyForm
from ..selectors import public_publication_by_pdf_sha256, publication_in_force
from ..uploads import FingerprintUploadHandler


@csrf_exempt  # only so the upload handler can be set before the body is read; _verify checks CSRF
@require_http_methods(["GET", "POST"])
def verify(request):
    """Public: anyone may use it. Uploads are hashed as they arrive and not kept."""
    handler = FingerprintUploadHandler(request, limit=settings.VERIFY_MAX_UPLOAD_BYTES)
    request.upload_handlers = [handler]
    return _verify(request, handler)


@csrf_protect
def _verify(request, handler: FingerprintUploadHandler):
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
