"""Rendering a PDF fetches nothing: free text cannot make the server call out or leak a local file."""

import http.server
import threading
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from notices import pdf
from notices.document import build_document, with_version
from notices.models import NoticeSection
from tests.factories import full_notice

from .pdfs import open_pdf, pages_text

pytestmark = pytest.mark.django_db

PASSWD = Path("/etc/passwd").read_text()


@pytest.fixture
def server():
    """A tiny HTTP server on 127.0.0.1 that counts the requests it gets."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.requests = requests
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _hostile_html(url: str) -> str:
    # What free text could contain if the Markdown sanitiser ever let HTML through.
    return (
        f'<p><img src="{url}/pixel.png" alt="tracker"></p>'
        f'<link rel="stylesheet" href="{url}/evil.css">'
        f"<style>@import url({url}/import.css); p {{ background: url({url}/bg.png) }}</style>"
        f'<div style="background-image: url({url}/inline.png)">styled</div>'
        f'<object data="file:///etc/passwd" type="text/plain">object</object>'
        f'<embed src="file:///etc/passwd">'
        f'<img src="file:///etc/passwd" alt="passwd">'
        f'<a rel="attachment" href="file:///etc/passwd">attach</a>'
        f'<a rel="attachment" href="{url}/attachment.txt">attach remote</a>'
        f'<iframe src="{url}/frame"></iframe>'
    )


def test_it_renders_hostile_free_text_with_no_request_and_no_local_file(server):
    notice = full_notice()
    NoticeSection.objects.create(
        notice=notice,
        heading="Links and images",
        body=f"![tracker]({server.url}/markdown.png)\n\n[our page]({server.url}/page)\n\n"
        f"[passwords](file:///etc/passwd)\n\n<img src='{server.url}/raw.png'>",
        placement="changes",
    )
    document = with_version(build_document(notice), number=1, status="draft")
    # Defence in depth: also hand the renderer HTML that the sanitiser would never produce.
    document["sections"][-1]["html"] += _hostile_html(server.url)

    made = pdf.render_pdf(document, draft=True)

    assert server.requests == []
    text = "".join(pages_text(made))
    assert "Links and images" in text  # the section itself is there
    assert "root:x:0:0" not in text and b"root:x:0:0" not in made
    with open_pdf(made) as document:
        assert len(document.attachments) == 0
    # The counter works: the server does answer when something really asks.
    urllib.request.urlopen(f"{server.url}/control", timeout=5).read()  # noqa: S310
    assert server.requests == ["/control"]


@pytest.fixture
def fetcher():
    return pdf.StaticOnlyFetcher(base_url=f"{settings.PORTAL_URL}/notices/a-notice/")


@pytest.mark.parametrize(
    "path",
    [
        "{server}/style.css",
        "{server}/static/notices/print.css",
        "https://example.org/static/notices/print.css",
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "ftp://127.0.0.1/file",
        "gopher://127.0.0.1:70/",
        "{portal}/notices/a-notice/",  # our own pages are not fetched either
        "{portal}/media/notices/pdf/a.pdf",
        "{portal}/static/../../../../etc/passwd",
        "{portal}/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "{portal}/static//etc/passwd",
        "{portal}/static/notices/%2fetc%2fpasswd",
        "{portal}@127.0.0.1/static/notices/print.css",
        "{portal}.evil.example/static/notices/print.css",
    ],
)
def test_it_refuses_every_address_but_our_static_files(fetcher, server, path):
    url = path.format(server=server.url, portal=settings.PORTAL_URL)
    with pytest.raises(pdf.RefusedURL):
        fetcher.fetch(url)
    assert server.requests == []


def test_it_serves_our_own_static_files_from_disk(fetcher):
    response = fetcher.fetch(f"{settings.PORTAL_URL}/static/notices/print.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


def test_it_decodes_data_urls_without_any_request(fetcher):
    assert fetcher.fetch("data:text/plain;base64,aGVsbG8=").read() == b"hello"


def test_it_fails_the_render_when_our_own_stylesheet_is_missing(fetcher):
    # An unstyled PDF must not be published, so a missing static file stops the rendering.
    with pytest.raises(pdf.FatalURLFetchingError, match="was not found"):
        fetcher.fetch(f"{settings.PORTAL_URL}/static/notices/missing.css")
