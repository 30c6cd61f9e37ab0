"""Publishing renders the PDF once, from the frozen document, and stores it with its hash and size."""

import hashlib
import re

import pytest

from notices import actions
from notices.models import Publication, WorkflowEvent
from tests.factories import full_notice

from .pdfs import pages_text

pytestmark = pytest.mark.django_db


def _stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()]


def test_it_stores_the_pdf_with_its_hash_and_size_when_publishing(publish, media_root):
    notice = full_notice(slug="youth-offending")
    publication = publish(notice)

    assert re.fullmatch(r"notices/pdf/youth-offending-v1-[0-9a-f]{8}\.pdf", publication.pdf.name)
    stored = (media_root / publication.pdf.name).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == publication.pdf_sha256
    assert publication.pdf.name.endswith(f"-v1-{publication.pdf_sha256[:8]}.pdf")
    assert publication.pdf_size == len(stored)
    assert stored.startswith(b"%PDF-")
    assert "Version 1" in pages_text(stored)[0]


def test_it_renders_the_pdf_from_the_document_as_submitted(alice, bob, media_root):
    notice = full_notice()
    version = notice.versions.get()
    actions.version_submit(actor=alice, version=version, change_summary="First version")
    # A register record changes after the DPO was sent the version: the published PDF says what was reviewed.
    notice.controller.dpo_name = "Someone Else"
    notice.controller.save()

    publication = actions.version_publish(actor=bob, version=version)

    text = " ".join(" ".join(pages_text((media_root / publication.pdf.name).read_bytes())).split())
    assert "Priya Okafor" in text and "Someone Else" not in text
    assert publication.document["version"]["number"] == 1


def test_it_publishes_nothing_when_the_pdf_cannot_be_made(alice, bob, monkeypatch, media_root):
    notice = full_notice()
    version = notice.versions.get()
    actions.version_submit(actor=alice, version=version, change_summary="First version")

    def broken_renderer(document, **kwargs):
        raise RuntimeError("no fonts available")

    monkeypatch.setattr(actions, "render_pdf", broken_renderer)
    with pytest.raises(actions.PublishError) as refused:
        actions.version_publish(actor=bob, version=version)

    assert "was not published because its PDF could not be made (no fonts available)" in str(refused.value)
    assert "still in review" in str(refused.value)
    version.refresh_from_db()
    assert version.status == "in_review"
    assert not Publication.objects.exists()
    assert not WorkflowEvent.objects.filter(action="published").exists()
    assert _stored_files(media_root) == []


def test_it_deletes_the_stored_pdf_when_publishing_fails_after_storing_it(alice, bob, monkeypatch, media_root):
    notice = full_notice()
    version = notice.versions.get()
    actions.version_submit(actor=alice, version=version, change_summary="First version")

    def broken_html_renderer(document):
        raise RuntimeError("template error")

    monkeypatch.setattr(actions, "render_document_html", broken_html_renderer)
    with pytest.raises(actions.PublishError, match="could not be saved \\(template error\\)"):
        actions.version_publish(actor=bob, version=version)

    version.refresh_from_db()
    assert version.status == "in_review"
    assert not Publication.objects.exists()
    assert _stored_files(media_root) == []
