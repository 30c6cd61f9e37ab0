"""Anyone can check whether a PDF is one of our notices, exactly as published, and which version it is."""

import datetime as dt
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.core.handlers.wsgi import LimitedStream
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.html import strip_tags

from notices import actions
from notices.selectors import today
from notices.views.verify import verify as verify_view
from tests.factories import NoticeFactory, PurposeFactory

from .pdfs import open_pdf

pytestmark = pytest.mark.django_db

URL = reverse("public:verify")


@pytest.fixture
def notice(db):
    notice = NoticeFactory(title="Family hubs privacy notice", slug="family-hubs")
    notice.purposes.add(PurposeFactory())
    return notice


@pytest.fixture
def published_pdf(notice, publish) -> bytes:
    with publish(notice).pdf.open("rb") as stored:
        return stored.read()


def _upload(client, content: bytes, name="notice.pdf", content_type="application/pdf"):
    return client.post(URL, {"pdf": SimpleUploadedFile(name, content, content_type=content_type)}).content.decode()


def _text(page: str) -> str:
    """What a reader sees: the words without the markup."""
    return " ".join(strip_tags(page).split())


def test_it_shows_the_form_to_anyone(client):
    page = client.get(URL).content.decode()
    assert "Check a privacy notice PDF" in page
    assert 'type="file"' in page and 'name="sha256"' in page


def test_it_recognises_an_uploaded_pdf_we_published(client, published_pdf):
    page = _upload(client, published_pdf)
    text = _text(page)
    assert "We published this notice" in text
    assert "Family hubs privacy notice, version 1" in text
    assert f"In force from {today().day} {today():%B %Y}" in text
    assert "Approved by Bob" in text
    assert "This is the version in force today." in text
    assert hashlib.sha256(published_pdf).hexdigest() in text
    assert f'href="{reverse("public:pdf_version", kwargs={"slug": "family-hubs", "number": 1})}"' in page


def test_it_rejects_a_pdf_altered_after_publishing(client, published_pdf):
    # Someone edits the PDF (here its title) and passes it off as ours.
    with open_pdf(published_pdf) as document:
        document.docinfo["/Title"] = "Family hubs privacy notice (amended)"
        altered = io.BytesIO()
        document.save(altered)
    page = _text(_upload(client, altered.getvalue()))
    assert "We have never published a PDF with this fingerprint" in page
    assert "We published this notice" not in page
    page = _text(_upload(client, published_pdf + b"\n"))
    assert "We have never published a PDF with this fingerprint" in page


def test_it_recognises_a_pasted_fingerprint_however_it_is_written(client, published_pdf):
    fingerprint = hashlib.sha256(published_pdf).hexdigest()
    spaced = " ".join(fingerprint[i : i + 8] for i in range(0, 64, 8)).upper()
    for pasted in (fingerprint, spaced, f"sha256:{fingerprint}"):
        page = _text(client.post(URL, {"sha256": pasted}).content.decode())
        assert "Family hubs privacy notice, version 1" in page


def test_it_says_when_a_version_has_been_replaced(client, notice, published_pdf, publish, alice):
    actions.version_start_draft(actor=alice, notice=notice)
    publish(notice, summary="Second version")
    page = _text(_upload(client, published_pdf))
    assert "Family hubs privacy notice, version 1" in page
    assert "This version has been replaced. The version in force today is version 2." in page


def test_it_does_not_reveal_a_version_scheduled_for_the_future(client, notice, publish):
    publication = publish(notice, effective_from=today() + dt.timedelta(days=3))
    page = _text(client.post(URL, {"sha256": publication.pdf_sha256}).content.decode())
    assert "We have never published a PDF with this fingerprint" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select a PDF or paste its SHA-256 fingerprint"),
        ({"sha256": "not-a-hash"}, "Enter the fingerprint as 64 characters"),
        ({"sha256": "a" * 63}, "Enter the fingerprint as 64 characters"),
    ],
)
def test_it_explains_what_is_wrong_with_a_fingerprint(client, data, message):
    page = _text(client.post(URL, data).content.decode())
    assert "There is a problem" in page
    assert message in page
    assert "Error: Check a privacy notice PDF" in page  # the title says so too


def test_it_refuses_an_empty_file(client):
    page = _text(_upload(client, b""))
    assert "There is a problem" in page and "The selected file is empty" in page


def test_it_refuses_a_file_that_is_not_a_pdf(client):
    page = _text(_upload(client, b"root:x:0:0:root:/root:/bin/bash\n", name="passwd.pdf"))
    assert "The selected file must be a PDF" in page


def test_it_refuses_a_file_over_the_size_limit(client, settings):
    settings.VERIFY_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    page = _text(_upload(client, b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024)))
    assert "The selected file must be smaller than 2 MB" in page


class _CountingInput:
    """The request body as the WSGI server hands it over, counting what the portal reads of it."""

    def __init__(self, stream):
        self.stream, self.read_bytes = stream, 0

    def read(self, size=-1):
        data = self.stream.read(size)
        self.read_bytes += len(data)
        return data

    def readline(self, size=-1):
        data = self.stream.readline(size)
        self.read_bytes += len(data)
        return data


def test_it_stops_reading_an_over_size_upload_as_soon_as_the_limit_is_passed(settings):
    settings.VERIFY_MAX_UPLOAD_BYTES = 1024 * 1024
    body = b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024)
    request = RequestFactory().post(URL, {"pdf": SimpleUploadedFile("big.pdf", body, content_type="application/pdf")})
    request._dont_enforce_csrf_checks = True  # as the test client does; CSRF is not what this is about
    counting = _CountingInput(request.environ["wsgi.input"])
    request._stream = LimitedStream(counting, int(request.META["CONTENT_LENGTH"]))

    page = _text(verify_view(request).content.decode())

    assert "The selected file must be smaller than 1 MB" in page
    assert counting.read_bytes <= settings.VERIFY_MAX_UPLOAD_BYTES + FileUploadHandler.chunk_size + 1024


def test_it_still_takes_an_upload_of_exactly_the_limit(client, settings, published_pdf):
    settings.VERIFY_MAX_UPLOAD_BYTES = len(published_pdf)
    assert "We published this notice" in _text(_upload(client, published_pdf))


def test_it_refuses_a_file_and_a_fingerprint_together(client, published_pdf):
    upload = SimpleUploadedFile("notice.pdf", published_pdf, content_type="application/pdf")
    page = _text(client.post(URL, {"pdf": upload, "sha256": "a" * 64}).content.decode())
    assert "Upload a PDF or paste a fingerprint, not both" in page


def test_it_keeps_its_protection_against_cross_site_requests():
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, {"sha256": "a" * 64}).status_code == 403
