"""Hostile files are refused or neutralised with a clear message, and nothing in them is fetched: every address
they carry points at a local server that counts its requests, and it must count none."""

import io
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from imports.actions import import_create
from imports.parsers import ImportRefused
from tests.imports.files import R, docx, pdf

NOTICE = [("Heading1", "Who we are"), (None, "Northshire Borough Council is the data controller for this service.")]


class _Counting(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the http.server interface)
        self.requests.append(self.path)
        self.send_response(200)
        self.end_headers()

    do_POST = do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A local HTTP server that counts every request made to it."""
    _Counting.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _import(alice, filename: str, data: bytes):
    return import_create(actor=alice, organisation=alice.memberships.get().organisation, filename=filename,
                         fileobj=io.BytesIO(data))


LINKED_IMAGE = (
    '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="logo" descr="Our logo"/>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
    '<pic:blipFill><a:blip r:link="rIdImage"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline>'
    "</w:drawing></w:r></w:p>"
)


def test_it_never_fetches_a_word_documents_external_references(alice, server):
    data = docx(NOTICE, body_extra=LINKED_IMAGE, relationships=[
        ("rIdImage", f"{R}/image", f"{server}/logo.png"),
        ("rIdTemplate", f"{R}/attachedTemplate", f"{server}/template.dotm"),
        ("rIdFrame", f"{R}/frame", f"{server}/frame.html"),
        ("rIdLink", f"{R}/hyperlink", f"{server}/page"),
    ])

    kept = _import(alice, "notice.docx", data)

    assert "3 external references (linked images, templates or files) ignored, never fetched." in kept.notes
    assert "Northshire Borough Council is the data controller" in kept.text
    assert _Counting.requests == []


def test_it_ignores_a_pdfs_javascript_and_links_and_says_so(alice, server):
    data = pdf([("Who we are", True), ("Northshire Borough Council is the data controller.", False)],
               javascript=f"app.launchURL('{server}/js', true); this.submitForm('{server}/submit');",
               link=f"{server}/link")

    kept = _import(alice, "notice.pdf", data)

    assert kept.notes == ["The PDF contains JavaScript or actions: they were ignored, never run. Only its text "
                          "was read."]
    assert "launchURL" not in kept.text and "Northshire Borough Council" in kept.text
    assert _Counting.requests == []


def test_it_refuses_a_zip_bomb_before_decompressing_it(alice):
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(docx(NOTICE)))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, source.read(name))
        archive.writestr("word/media/padding.bin", b"\0" * (20 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 100 * 1024  # small on the wire, 20 MB once expanded

    with pytest.raises(ImportRefused, match="looks like a “zip bomb”"):
        _import(alice, "notice.docx", data)


class _Counted(io.RawIOBase):
    """A 50 MB upload that counts how much of it was read."""

    def __init__(self, size: int):
        self.left, self.read_bytes = size, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        count = min(len(buffer), self.left)
        buffer[:count] = b"a" * count
        self.left -= count
        self.read_bytes += count
        return count


def test_it_refuses_a_50_mb_file_after_reading_one_chunk_past_the_limit(alice, settings):
    upload = _Counted(50 * 1024 * 1024)

    with pytest.raises(ImportRefused, match="larger than 10.0 MB, the most an import can take"):
        import_create(actor=alice, organisation=alice.memberships.get().organisation, filename="notice.txt",
                      fileobj=io.BufferedReader(upload))

    assert upload.read_bytes <= 10 * 1024 * 1024 + 64 * 1024


def test_it_drops_a_web_pages_scripts_and_never_fetches_its_images(alice, server):
    page = (f'<html><head><title>Privacy</title><link rel="stylesheet" href="{server}/style.css">'
            f'<script src="{server}/app.js"></script><style>body{{background:url({server}/bg.png)}}</style></head>'
            f'<body><h1>Who we are</h1><img src="{server}/logo.png" alt="Northshire logo">'
            f"<p>Northshire Borough Council is the data controller.</p>"
            f"<script>fetch('{server}/beacon'); document.write('injected words');</script>"
            f'<iframe src="{server}/frame"></iframe><p onclick="alert(1)">Contact us.</p></body></html>').encode()

    kept = _import(alice, "notice.html", page)

    assert "injected words" not in kept.text and "fetch(" not in kept.text and "background" not in kept.text
    assert "Northshire Borough Council is the data controller." in kept.text
    assert kept.notes == ["3 scripts or embedded objects removed, never run.",
                          "2 images or linked files ignored, never fetched (alt text kept)."]
    assert _Counting.requests == []
