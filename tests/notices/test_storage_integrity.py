"""Stored PDFs are checked against the SHA-256 recorded at publishing before anyone gets them; the store
can be verified (verify_storage, exit 1 on any problem) and swept of files nothing refers to."""

import io
import logging
import os
import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from notices.models import Publication
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(publish):
    return publish(NoticeFactory(slug="family-hubs", title="Family hubs"))


def _damage(media_root, publication, how: str) -> None:
    stored = media_root / publication.pdf.name
    if how == "altered":
        stored.write_bytes(b"%PDF-1.7 a different document")
    else:
        stored.unlink()


@pytest.mark.parametrize("how", ["altered", "missing"])
@pytest.mark.parametrize("address", ["pdf_version", "pdf_current"])
def test_it_refuses_a_damaged_pdf_with_a_clear_503_page_and_logs_an_integrity_error(
    client, published, media_root, caplog, how, address
):
    _damage(media_root, published, how)
    kwargs = {"slug": "family-hubs", "number": 1} if address == "pdf_version" else {"slug": "family-hubs"}
    with caplog.at_level(logging.ERROR, logger="notices.integrity"):
        response = client.get(reverse(f"public:{address}", kwargs=kwargs))
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert "The PDF is not available" in page and "Family hubs" in page
    assert [record.getMessage() for record in caplog.records if how in record.getMessage()], caplog.text


def test_it_verifies_a_clean_store(published):
    out = io.StringIO()
    call_command("verify_storage", stdout=out)
    assert "All 1 stored PDFs match" in out.getvalue()


@pytest.mark.parametrize("how", ["altered", "missing"])
def test_it_fails_verify_storage_naming_each_damaged_file(published, media_root, how):
    _damage(media_root, published, how)
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 stored PDFs are missing or altered") as raised:
        call_command("verify_storage", stdout=out)
    assert published.pdf.name in out.getvalue() and how in out.getvalue()
    assert raised.value.returncode == 1


def _orphan(media_root, name: str, *, age_seconds: int):
    path = media_root / "notices" / "pdf" / name
    path.write_bytes(b"%PDF-1.7 orphan")
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


def test_it_sweeps_files_no_publication_refers_to_once_an_hour_old(published, media_root):
    old = _orphan(media_root, "family-hubs-v9-deadbeef.pdf", age_seconds=2 * 3600)
    young = _orphan(media_root, "family-hubs-v10-cafebabe.pdf", age_seconds=60)  # maybe a publish in progress
    out = io.StringIO()
    call_command("sweep_storage", stdout=out)
    assert not old.exists() and young.exists()
    assert (media_root / published.pdf.name).exists()
    assert "Removed notices/pdf/family-hubs-v9-deadbeef.pdf" in out.getvalue()
    assert "1 unreferenced file removed." in out.getvalue()
    assert Publication.objects.count() == 1


def test_it_lists_without_removing_on_a_dry_run(published, media_root):
    old = _orphan(media_root, "family-hubs-v9-deadbeef.pdf", age_seconds=2 * 3600)
    out = io.StringIO()
    call_command("sweep_storage", "--dry-run", stdout=out)
    assert old.exists() and "Would remove notices/pdf/family-hubs-v9-deadbeef.pdf" in out.getvalue()
