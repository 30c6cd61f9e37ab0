"""The DPO's export: a ZIP of stored PDFs and JSON documents whose manifests fingerprint every file."""

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from notices import actions
from notices.selectors import today
from tests.factories import ControllerFactory, NoticeFactory, PurposeFactory, ServiceFactory

pytestmark = pytest.mark.django_db

URL = reverse("manage:export")


def _notice(slug, **kwargs):
    notice = NoticeFactory(slug=slug, **kwargs)
    notice.purposes.add(PurposeFactory())
    return notice


@pytest.fixture
def two_controllers(publish, alice):
    """Two organisations' notices; the first has version 1 in force and version 2 scheduled for next week."""
    council, trust = ControllerFactory(slug="council"), ControllerFactory(slug="trust")
    hubs = _notice("family-hubs", controller=council)
    hubs.services.add(ServiceFactory(slug="hubs-service", controller=council))
    publish(hubs)
    actions.version_start_draft(actor=alice, notice=hubs)
    publish(hubs, summary="Second version", effective_from=today() + dt.timedelta(days=7))
    publish(_notice("maternity", controller=trust))
    return council


def _zip(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def _export(client, **data) -> zipfile.ZipFile:
    """The form queues the export; its progress page (done at once: tests run tasks as they are queued)
    links the ZIP."""
    progress = client.post(URL, data, follow=True)
    assert progress.redirect_chain and "Your export is ready" in progress.content.decode(), progress.content[:2000]
    job_id = progress.redirect_chain[-1][0].rstrip("/").rsplit("/", 1)[-1]
    download = reverse("manage:export_download", args=[job_id])
    assert f'href="{download}"' in progress.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="privacy-notices-')
    return _zip(b"".join(response.streaming_content))


def test_it_exports_every_version_with_manifests_whose_hashes_match_the_files(sign_in, client, bob, two_controllers):
    sign_in(bob)
    archive = _export(client, scope="all")

    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode())))
    assert {(row["slug"], row["version"], row["kind"]) for row in rows} == {
        ("family-hubs", "1", "pdf"), ("family-hubs", "1", "json"),
        ("family-hubs", "2", "pdf"), ("family-hubs", "2", "json"),
        ("maternity", "1", "pdf"), ("maternity", "1", "json"),
    }  # fmt: skip
    for row in rows:
        content = archive.read(row["path"])
        assert hashlib.sha256(content).hexdigest() == row["sha256"]
        assert int(row["size"]) == len(content)
        assert row["approver"] == "Bob"
    assert json.loads(archive.read("manifest.json"))["files"] == [
        {**row, "version": int(row["version"]), "size": int(row["size"])} for row in rows
    ]
    sums = archive.read("SHA256SUMS").decode().splitlines()
    assert sums == [f"{row['sha256']}  {row['path']}" for row in rows]


def test_it_exports_the_pdf_exactly_as_published_and_the_frozen_document(sign_in, client, bob, two_controllers):
    sign_in(bob)
    archive = _export(client, scope="all")
    from notices.models import Publication

    publication = Publication.objects.get(version__notice__slug="maternity")
    with publication.pdf.open("rb") as stored:
        assert archive.read("maternity/maternity-v1.pdf") == stored.read()
    assert json.loads(archive.read("maternity/maternity-v1.json")) == publication.document


def test_it_exports_one_organisations_notices(sign_in, client, bob, two_controllers):
    sign_in(bob)
    archive = _export(client, scope="controller", controller=two_controllers.pk)
    assert {name.split("/")[0] for name in archive.namelist() if "/" in name} == {"family-hubs"}


def test_it_exports_the_notices_covering_a_service(sign_in, client, bob, two_controllers):
    sign_in(bob)
    from services.models import Service

    archive = _export(client, scope="service", service=Service.objects.get(slug="hubs-service").pk)
    assert sorted(name for name in archive.namelist() if name.endswith(".pdf")) == [
        "family-hubs/family-hubs-v1.pdf",
        "family-hubs/family-hubs-v2.pdf",
    ]


def test_it_exports_the_versions_in_force_on_a_day(sign_in, client, bob, two_controllers):
    sign_in(bob)
    next_month = today() + dt.timedelta(days=30)
    cases = {today(): "family-hubs/family-hubs-v1.pdf", next_month: "family-hubs/family-hubs-v2.pdf"}
    for day, expected in cases.items():
        archive = _export(client, scope="as_of", as_of_0=day.day, as_of_1=day.month, as_of_2=day.year)
        assert sorted(name for name in archive.namelist() if name.endswith(".pdf")) == [
            expected,
            "maternity/maternity-v1.pdf",
        ]
        assert f"in force on {day.isoformat()}" in json.loads(archive.read("manifest.json"))["selection"]


def test_it_shows_a_form_with_an_error_summary_when_the_choice_is_incomplete(sign_in, client, bob, two_controllers):
    sign_in(bob)
    assert "Export published notices" in client.get(URL).content.decode()
    page = client.post(URL, {}).content.decode()
    assert "There is a problem" in page and "Select what you want to export" in page
    page = client.post(URL, {"scope": "controller"}).content.decode()
    assert "Select the organisation" in page
    page = client.post(URL, {"scope": "as_of"}).content.decode()
    assert "Enter the day, month and year" in page


def test_it_says_so_when_nothing_matches(sign_in, client, bob, two_controllers):
    sign_in(bob)
    year_2000 = {"as_of_0": 1, "as_of_1": 1, "as_of_2": 2000}
    page = client.post(URL, {"scope": "as_of", **year_2000}).content.decode()
    assert "nothing to export" in page


@pytest.mark.parametrize("damage", ["altered", "missing"])
def test_it_leaves_out_a_damaged_pdf_and_lists_it_as_missing(sign_in, client, bob, two_controllers, media_root,
                                                             damage):
    from notices.models import Publication

    publication = Publication.objects.get(version__notice__slug="maternity")
    stored = media_root / publication.pdf.name
    if damage == "altered":
        stored.write_bytes(stored.read_bytes() + b"% tampered")
    else:
        stored.unlink()
    sign_in(bob)
    archive = _export(client, scope="all")
    assert "maternity/maternity-v1.pdf" not in archive.namelist()
    assert "maternity/maternity-v1.json" in archive.namelist()  # the rest of the archive is still made
    rows = {row["path"]: row for row in csv.DictReader(io.StringIO(archive.read("manifest.csv").decode()))}
    listed = rows["maternity/maternity-v1.pdf"]
    assert listed["status"] == "missing" and damage in listed["note"]
    assert listed["sha256"] == publication.pdf_sha256  # what the file should be, to find a good copy by
    assert "maternity-v1.pdf" not in archive.read("SHA256SUMS").decode()
    assert rows["family-hubs/family-hubs-v1.pdf"]["status"] == "included"


def test_it_sends_anonymous_visitors_to_sign_in(sign_in, client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["alice", "dave"])
def test_it_refuses_the_export_to_anyone_but_a_dpo(sign_in, request, client, persona):
    sign_in(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"scope": "all"}).status_code == 403


def test_it_exports_from_the_command_line_with_a_progress_bar(two_controllers, tmp_path):
    out, progress = tmp_path / "archive.zip", io.StringIO()
    call_command("export_notices", "--out", str(out), "--controller", "council", stdout=io.StringIO(), stderr=progress)
    with zipfile.ZipFile(out) as archive:
        assert "family-hubs/family-hubs-v2.pdf" in archive.namelist()
        assert "maternity/maternity-v1.pdf" not in archive.namelist()
    assert "[###############...............] 1/2 family-hubs v1" in progress.getvalue()
    assert progress.getvalue().endswith("] 2/2 family-hubs v2" + " " * 26 + "\n")


def test_it_exports_the_versions_in_force_on_a_day_from_the_command_line(two_controllers, tmp_path):
    out = tmp_path / "archive.zip"
    call_command("export_notices", "--out", str(out), "--as-of", today().isoformat(), stderr=io.StringIO())
    with zipfile.ZipFile(out) as archive:
        assert sorted(name for name in archive.namelist() if name.endswith(".pdf")) == [
            "family-hubs/family-hubs-v1.pdf",
            "maternity/maternity-v1.pdf",
        ]


def test_it_stops_the_command_with_a_reason_and_writes_no_file(two_controllers, tmp_path, media_root):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "archive.zip"
    with pytest.raises(CommandError, match="no organisation with the slug 'nobody'"):
        call_command("export_notices", "--out", str(out), "--controller", "nobody")
    with pytest.raises(CommandError, match="nothing to export"):
        call_command("export_notices", "--out", str(out), "--as-of", "2000-01-01")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("export_notices", "--out", str(out), "--as-of", "01/01/2000")
    assert list(folder.iterdir()) == []


def test_it_exports_from_the_command_line_listing_an_altered_pdf_as_missing(two_controllers, tmp_path, media_root):
    out, errors = tmp_path / "archive.zip", io.StringIO()
    stored = next((media_root / "notices" / "pdf").glob("maternity-v1-*.pdf"))
    stored.write_bytes(b"%PDF-1.7 replaced")
    report = io.StringIO()
    call_command("export_notices", "--out", str(out), stdout=report, stderr=errors)
    assert "maternity-v1" in errors.getvalue() and "altered" in errors.getvalue()
    assert "1 missing" in report.getvalue()
    with zipfile.ZipFile(out) as archive:
        assert "maternity/maternity-v1.pdf" not in archive.namelist()
