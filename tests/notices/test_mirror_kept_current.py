"""The static mirror is kept current by the worker: refreshed after each publication and withdrawal (only the
changed notice's files rewritten) and every night by a run that queues the next one itself."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notices import actions, tasks
from notices.models import ExportJob
from tests.factories import NoticeFactory, failed_export_job

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def mirror(settings, tmp_path):
    settings.MIRROR_ROOT = tmp_path / "mirror"
    return settings.MIRROR_ROOT


def _stamps(folder) -> dict[str, int]:
    return {str(path.relative_to(folder)): path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}


def test_each_publication_refreshes_only_that_notices_files(alice, publish, mirror):
    council, carers = NoticeFactory(slug="council"), NoticeFactory(slug="young-carers")
    publish(council)
    publish(carers)
    assert (mirror / "notices/council/v1/index.html").is_file()
    assert (mirror / "notices/young-carers/v1.pdf").is_file()
    before = _stamps(mirror)

    carers.refresh_from_db()
    actions.notice_update(actor=alice, notice=carers, lock_version=carers.lock_version, fields={})
    publish(carers, summary="Second version")

    after = _stamps(mirror)
    rewritten = {name for name, stamp in after.items() if before.get(name) != stamp} - {".mirror.json"}
    assert "notices/young-carers/v2/index.html" in rewritten
    # That notice's files, and the lists of every notice: the feeds it is in and the API's index.
    shared = {"feed.atom", f"organisations/{carers.organisation.slug}/feed.atom", "api/v1/index.json"}
    own = ("notices/young-carers/", "api/v1/notices/young-carers")
    assert rewritten and all(name.startswith(own) or name in shared for name in rewritten), rewritten
    assert after["notices/council/v1/index.html"] == before["notices/council/v1/index.html"]


def test_a_withdrawal_refreshes_the_mirror(bob, publish, mirror):
    council = NoticeFactory(slug="council")
    publish(council)
    assert (mirror / "notices/council/pdf").is_file()

    actions.notice_withdraw(actor=bob, notice=council, reason="The service has closed.")

    # The portal answers 410 Gone there now; the mirror holds only pages that answer 200, so they leave it.
    assert not (mirror / "notices/council/index.html").exists()
    assert not (mirror / "notices/council/pdf").exists()
    assert (mirror / "notices/council/v1/index.html").is_file()  # a numbered version stays citable


def test_without_a_mirror_folder_nothing_is_written(publish, settings, tmp_path):
    settings.MIRROR_ROOT = None
    publish(NoticeFactory(slug="council"))
    assert tasks.mirror_refresh.call() == {}


@pytest.mark.parametrize(("local", "due"), [
    (dt.datetime(2026, 12, 1, 16, 30), dt.datetime(2026, 12, 2, 0, 1)),
    (dt.datetime(2026, 12, 1, 0, 0, 30), dt.datetime(2026, 12, 1, 0, 1)),
    (dt.datetime(2026, 3, 28, 23, 59), dt.datetime(2026, 3, 29, 0, 1)),  # the night the clocks go forward
])
def test_the_nightly_run_is_due_a_minute_past_the_next_midnight_in_london(local, due):
    assert tasks.next_night(local.replace(tzinfo=LONDON)) == due.replace(tzinfo=LONDON)


@pytest.mark.task_queue
def test_one_nightly_run_waits_however_often_it_is_scheduled():
    first, second = io.StringIO(), io.StringIO()
    call_command("schedule_nightly", stdout=first)
    call_command("schedule_nightly", stdout=second)

    waiting = DBTaskResult.objects.filter(task_path="notices.tasks.nightly", status="READY")
    assert waiting.count() == 1 and waiting.get().run_after == tasks.next_night()
    assert "queued for" in first.getvalue() and "already waiting" in second.getvalue()


@pytest.mark.task_queue
def test_the_nightly_run_refreshes_the_mirror_deletes_old_exports_and_queues_the_next_night(publish, mirror):
    publish(NoticeFactory(slug="council"))
    old, recent = failed_export_job(), failed_export_job()
    for job, age in ((old, dt.timedelta(days=8)), (recent, dt.timedelta(days=1))):
        job.file = default_storage.save(f"exports/export-{job.pk}.zip", ContentFile(b"PK"))
        job.status, job.finished_at = ExportJob.Status.DONE, timezone.now() - age
        job.save()
    DBTaskResult.objects.all().delete()  # the mirror refresh publishing queued: the nightly run does it here

    outcome = tasks.nightly.call()

    assert (mirror / "notices/council/index.html").is_file() and outcome["mirror"]["written"] > 0
    assert outcome["exports_deleted"] == 1 and outcome["stored_pdf_problems"] == 0
    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old.file and default_storage.exists(recent.file.name)
    assert DBTaskResult.objects.filter(task_path="notices.tasks.nightly", status="READY").count() == 1


@pytest.mark.task_queue
def test_the_nightly_run_deletes_the_queues_finished_rows_after_30_days_and_never_a_waiting_one(mirror):
    DBTaskResult.objects.all().delete()
    ages = {"old success": 31, "old failure": 40, "recent": 29}
    rows = {}
    for name, days in ages.items():
        row = DBTaskResult.objects.get(id=tasks.mirror_refresh.enqueue().id)
        row.status = "FAILED" if "failure" in name else "SUCCESSFUL"
        row.finished_at = timezone.now() - dt.timedelta(days=days)
        row.save()
        rows[name] = row.pk
    waiting = tasks.mirror_refresh.enqueue().id  # enqueued long ago, never run: not finished, so kept
    DBTaskResult.objects.filter(pk=waiting).update(enqueued_at=timezone.now() - dt.timedelta(days=60))

    outcome = tasks.nightly.call()

    assert outcome["task_results_deleted"] == 2
    kept = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert rows["recent"] in kept and str(waiting) in {str(pk) for pk in kept}
    assert rows["old success"] not in kept and rows["old failure"] not in kept
    assert DBTaskResult.objects.filter(task_path="notices.tasks.nightly", status="READY").count() == 1


@pytest.mark.task_queue
def test_the_nightly_run_checks_every_stored_pdf_and_logs_a_missing_one(publish, caplog):
    from notices.models import Publication

    publish(NoticeFactory(slug="council"))
    publish(NoticeFactory(slug="libraries"))
    default_storage.delete(Publication.objects.get(version__notice__slug="council").pdf.name)

    with caplog.at_level("ERROR", logger="notices.integrity"):
        outcome = tasks.nightly.call()

    assert outcome["stored_pdf_problems"] == 1
    assert "Integrity error" in caplog.text and "council" in caplog.text and "missing" in caplog.text
