"""document → PDF. The only module that imports WeasyPrint.

A notice's PDF is made from the same document dict and the same section partials as its web page
(templates/notices/pdf/notice.html includes notices/includes/_document.html), styled for paper by
static/notices/print.css. It is a tagged PDF/UA-1 file in British English so screen readers can use it.

Nothing is fetched while rendering. Free text is written by staff and published to everyone, so a link
or image in it must never make the server call another machine (SSRF) or copy a local file into a
public PDF: `StaticOnlyFetcher` reads our own static files from disk and refuses every other address.
"""

import hashlib
import json
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from .document import controller_name
from .frozen import revision

TEMPLATE = "notices/pdf/notice.html"
# A draft PDF is kept this long for the same document; an edit changes the document and so the key.
DRAFT_CACHE_SECONDS = 24 * 60 * 60


class PdfRenderError(Exception):
    """The PDF could not be made (e.g. our own stylesheet is missing)."""


class RefusedURL(ValueError):
    """An address the PDF renderer will not fetch. WeasyPrint skips the resource and carries on."""


class StaticOnlyFetcher(URLFetcher):
    """Serves `<portal>/static/…` from the static files on disk and `data:` URLs; refuses everything else.

    Refused: http(s) anywhere (including our own pages: the renderer never makes a request), file:,
    ftp:, any other scheme, and static paths that try to climb out of the static folders.
    """

    def __init__(self, *, base_url: str):
        # Only data: may reach the parent's urllib opener, and with redirects off.
        super().__init__(allowed_protocols=["data"], allow_redirects=False, timeout=1)
        self.static_prefix = urljoin(base_url, settings.STATIC_URL)

    def fetch(self, url, headers=None):
        if urlsplit(url).scheme.lower() == "data":
            return super().fetch(url, headers)
        path = self.static_path(url)
        found = finders.find(path)
        if not found:
            # Our own file is missing: a PDF without its stylesheet must not be published.
            raise FatalURLFetchingError(f"The static file {path!r} the PDF needs was not found.")
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=Path(found).read_bytes(), headers={"Content-Type": content_type})

    def static_path(self, url: str) -> str:
        """The path inside the static folders that `url` names, or RefusedURL."""
        if not url.startswith(self.static_prefix):
            raise RefusedURL(f"Refused to fetch {url!r}: PDFs only use the portal's own static files.")
        path = unquote(urlsplit(url[len(self.static_prefix) :]).path)
        if not path or "\\" in path or "\x00" in path or path.startswith("/") or posixpath.normpath(path) != path:
            raise RefusedURL(f"Refused to fetch {url!r}: not a plain path inside the static files.")
        if path.split("/")[0] == "..":
            raise RefusedURL(f"Refused to fetch {url!r}: it leaves the static files.")
        return path


def render_pdf(document: dict, *, draft: bool = False) -> bytes:
    """A notice document → PDF bytes (A4, tagged PDF/UA-1). `draft` marks every page DRAFT."""
    base_url = f"{settings.PORTAL_URL}/notices/{document['notice']['slug']}/"
    html = render_to_string(TEMPLATE, pdf_context(document, draft=draft))
    fetcher = StaticOnlyFetcher(base_url=base_url)
    try:
        return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:  # a BaseException: turn it into an error callers can catch
        raise PdfRenderError(str(error)) from error


def render_draft_pdf(document: dict) -> bytes:
    """A draft's PDF (DRAFT on every page), made once per distinct document: officers download the PDF of an
    unchanged draft again and again while it is reviewed. Kept in Django's cache under the SHA-256 of the
    document and the release's fingerprint (notices.frozen.revision: templates, stylesheets, settings), so
    any edit or any new release makes a fresh one."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    key = f"notices:draft-pdf:{revision()}:{hashlib.sha256(canonical).hexdigest()}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(document, draft=True)
        cache.set(key, pdf, DRAFT_CACHE_SECONDS)
    return pdf


def pdf_context(document: dict, *, draft: bool) -> dict:
    """What the PDF's cover, running header and footer say, taken from the document alone."""
    controller = controller_name(document)
    version = document.get("version") or {}
    if draft or not version.get("effective_from"):
        status_line = "Draft — not published"
    else:
        status_line = f"Version {version['number']} · in force from {version['effective_from_label']}"
    return {
        "doc": document,
        "draft": draft,
        "controller": controller,
        "version": version,
        "status_line": status_line,
        "web_address": f"{settings.PORTAL_URL}/notices/{document['notice']['slug']}/",
        "subject": f"Privacy notice from {controller}. {status_line}.",
    }
