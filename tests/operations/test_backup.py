"""Backup, then restore into an empty database and empty storage: every published PDF is still ours.

Runs on PostgreSQL (pg_dump and pg_restore); CI runs it there. The restored portal is a separate
process, on the restored database and the restored files, as it would be after a real restore.
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from notices import actions
from notices.models import Publication
from tests.conftest import reference_data_ensure
from tests.factories import NoticeFactory, PurposeFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL; CI runs "
                       "this file on PostgreSQL."),
    pytest.mark.django_db(transaction=True),
]

# Run inside the restored portal: each publication's stored PDF against its recorded SHA-256, and
# /verify/ given those very bytes.
CHECK_RESTORED = """
import hashlib, json
from django.test import Client
from notices.models import Publication
report = {}
for publication in Publication.objects.order_by("pk"):
    with publication.pdf.open("rb") as stored:
        pdf = stored.read()
    page = Client().post("/verify/", {"pdf": __import__("io").BytesIO(pdf)}).content.decode()
    report[publication.pdf_sha256] = {
        "stored_hash_matches": hashlib.sha256(pdf).hexdigest() == publication.pdf_sha256,
        "verify_recognises": "We published this notice" in page,
    }
print("REPORT " + json.dumps(report))
"""


@pytest.fixture(autouse=True)
def reference_data():
    reference_data_ensure()


@pytest.fixture
def restore_database():
    """A new, empty database beside the test database; dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def one_published(publish):
    notice = NoticeFactory(title="Family hubs privacy notice", slug="family-hubs")
    notice.purposes.add(PurposeFactory())
    return publish(notice)


@pytest.fixture
def published(alice, publish):
    """Two notices, one with two versions: three published PDFs."""
    first = NoticeFactory(title="Family hubs privacy notice", slug="family-hubs")
    first.purposes.add(PurposeFactory())
    publish(first)
    actions.version_start_draft(actor=alice, notice=first)
    publish(first, summary="Second version")
    second = NoticeFactory(title="Young carers privacy notice", slug="young-carers")
    second.purposes.add(PurposeFactory())
    publish(second)
    return list(Publication.objects.values_list("pdf_sha256", flat=True))


def _portal(database: str, media: Path, *args: str) -> subprocess.CompletedProcess:
    settings = connection.settings_dict
    address = f"{settings['HOST']}:{settings['PORT'] or 5432}/{database}"
    env = {**os.environ, "DATABASE_URL": f"postgres://{settings['USER']}@{address}", "MEDIA_ROOT": str(media),
           "ALLOWED_HOSTS": "testserver"}
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def test_a_restored_backup_recognises_every_published_pdf(published, restore_database, tmp_path):
    call_command("backup", out=tmp_path / "backup")

    restored_media = tmp_path / "restored-media"
    restore = _portal(restore_database, restored_media, "restore", "--from", str(tmp_path / "backup"))
    check = _portal(restore_database, restored_media, "shell", "-c", CHECK_RESTORED)
    storage = _portal(restore_database, restored_media, "verify_storage")
    rewrite = _portal(restore_database, restored_media, "dbshell", "--",
                      "-c", "UPDATE notices_publication SET html = 'rewritten'")

    assert restore.returncode == 0, restore.stderr
    assert "Restored the database and 3 stored files" in restore.stdout
    report = json.loads(check.stdout.split("REPORT ", 1)[1]) if "REPORT " in check.stdout else check.stderr
    assert report == {sha: {"stored_hash_matches": True, "verify_recognises": True} for sha in published}
    # The portal's own storage check agrees: every publication's file is there, byte for byte.
    assert storage.returncode == 0, storage.stdout + storage.stderr
    # The append-only triggers came back with the tables.
    assert rewrite.returncode != 0 and "append-only" in rewrite.stderr


def test_the_manifest_lists_both_parts_with_their_hashes(one_published, tmp_path):
    call_command("backup", out=tmp_path / "backup")

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())

    for part in ("database", "media"):
        content = (tmp_path / "backup" / manifest[part]["file"]).read_bytes()
        assert hashlib.sha256(content).hexdigest() == manifest[part]["sha256"]
    assert manifest["media"]["files"] == 1


def test_it_refuses_a_damaged_backup_or_a_database_that_is_not_empty(one_published, restore_database, tmp_path):
    call_command("backup", out=tmp_path / "backup")

    with pytest.raises(CommandError, match="already has tables: restore into a new, empty one"):
        call_command("restore", source=tmp_path / "backup")
    with (tmp_path / "backup" / "media.tar").open("ab") as media:
        media.write(b"tampered")
    damaged = _portal(restore_database, tmp_path / "restored-media", "restore", "--from", str(tmp_path / "backup"))
    assert damaged.returncode != 0
    assert "does not match its SHA-256 in the manifest" in damaged.stderr
    with pytest.raises(CommandError, match="is not empty: give a new directory"):
        call_command("backup", out=tmp_path / "backup")
