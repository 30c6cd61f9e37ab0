"""Work off the request, as Django tasks (django-tasks, queued in the portal's database; `manage.py db_worker`
runs them): publishing a version (its PDF is rendered here, not in the DPO's request), writing a DPO's export,
and refreshing the static mirror after each change and every midnight.

Each task takes ids, not objects (arguments are stored as JSON), and records its outcome on its own row
(PublishJob, ExportJob), which the progress pages read: the queue's own result rows are its business."""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from . import actions
from .hooks import nightly_listeners
from .models import ExportJob
from .storage import storage_problems

logger = logging.getLogger(__name__)

# A publish that failed for a reason that may pass (storage, the database) is tried this many times in all,
# waiting longer each time; a PDF that cannot be rendered, or a refusal, fails at once.
PUBLISH_ATTEMPTS = 3
RETRY_AFTER = dt.timedelta(seconds=30)
# The nightly run starts a minute after midnight (the portal's TIME_ZONE), so that "today" is the new day on
# every clock involved; finished exports are kept this long for the DPO to download, then deleted.
NIGHTLY_AT = dt.time(0, 1)
EXPORTS_KEPT = dt.timedelta(days=7)
# The queue's own rows of finished tasks (our outcomes are on PublishJob and ExportJob): kept this long for
# looking into a failure, then deleted, so the table does not grow with every publication and e-mail.
TASK_RESULTS_KEPT_DAYS = 30
# What the task passes on to the DPO as the reason; anything else is a fault of ours, logged in full.
REFUSALS = (actions.WorkflowError, actions.ComplianceBlocked, PermissionDenied, ValidationError)


@task()
def publish_version(job_id: int) -> str:
    """Carry out a PublishJob: render, store and publish in version_publish's one transaction, or record why
    not. Returns the job's status."""
    job = actions.publish_job_start(job_id=job_id)
    if job is None:
        return "not waiting"
    try:
        actions.version_publish(actor=job.requested_by, version=job.version, effective_from=job.effective_from,
                                override_reason=job.override_reason, historical=job.historical, job=job)
    except actions.PublishError as error:
        if error.transient and job.attempts < PUBLISH_ATTEMPTS:
            actions.publish_job_retry(job=job, reason=str(error))
            _enqueue_later(publish_version, job.attempts * RETRY_AFTER, job.pk)
        else:
            actions.publish_job_fail(job=job, reason=str(error))
    except REFUSALS as error:
        # Something changed since the DPO asked (a role, the dates, the findings): nothing was published.
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        actions.publish_job_fail(job=job, reason=f"Nothing was published: {text}")
    job.refresh_from_db(fields=["status"])
    return job.status


def _enqueue_later(chosen_task, delay: dt.timedelta, *args) -> None:
    """Queue `chosen_task` to run after `delay`; at once on a backend that cannot wait (tests' immediate one)."""
    if chosen_task.get_backend().supports_defer:
        chosen_task = chosen_task.using(run_after=timezone.now() + delay)
    chosen_task.enqueue(*args)


@task()
def mirror_refresh() -> dict:
    """Bring the static mirror in MIRROR_ROOT up to date (only files whose bytes changed are written). One
    refresh at a time: a second worker waits for the first's lock, then finds little left to write."""
    from .mirror import build_mirror_alone

    out = settings.MIRROR_ROOT
    if not out:
        return {}
    build = build_mirror_alone(out)
    logger.info("Mirror refreshed: %d written, %d unchanged, %d removed", len(build.written), build.unchanged,
                len(build.removed))
    return {"written": len(build.written), "unchanged": build.unchanged, "removed": len(build.removed)}


@task()
def export_notices(job_id: int) -> str:
    """Carry out an ExportJob: the ZIP written to storage (notices.export.export_to_storage), or the reason it
    could not be. Returns the job's status."""
    from .export import export_to_storage

    job = actions.export_job_start(job_id=job_id)
    if job is None:
        return "not waiting"
    try:
        outcome = export_to_storage(job)
    except Exception as error:
        logger.exception("Export %s failed", job.pk)
        actions.export_job_finish(job=job, status=ExportJob.Status.FAILED,
                                  reason=f"The archive could not be written ({error}). Try again, and if it fails "
                                         f"again, ask the portal's administrators to look at the error log.")
    else:
        actions.export_job_finish(job=job, status=ExportJob.Status.DONE, **outcome)
    return job.status


@task()
def nightly() -> dict:
    """Every night: queue the next night's run first (so a failure below cannot end the chain), then refresh
    the mirror (a version scheduled for today has come into force), delete exports older than EXPORTS_KEPT and
    the queue's finished rows older than TASK_RESULTS_KEPT_DAYS, check every stored PDF against its SHA-256,
    then run the other apps' nightly work (the day's reminders: notices.hooks.nightly_listeners)."""
    schedule_nightly()
    outcome = {"mirror": mirror_refresh.call(), "exports_deleted": _delete_old_exports(),
               "task_results_deleted": _delete_old_task_results(),
               # Each problem is logged as an integrity error (logger notices.integrity) for the operators.
               "stored_pdf_problems": sum(1 for _ in storage_problems())}
    for done in nightly_listeners.call():
        outcome.update(done)
    return outcome


def next_night(now: dt.datetime | None = None) -> dt.datetime:
    """When the next nightly run is due: NIGHTLY_AT on the coming day, in the portal's time zone."""
    local = timezone.localtime(now or timezone.now())
    day = local.date() if local.time() < NIGHTLY_AT else local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, NIGHTLY_AT))


def schedule_nightly(now: dt.datetime | None = None) -> bool:
    """Make sure one nightly run waits in the queue (`manage.py schedule_nightly`, run at every deploy, and the
    nightly run itself call this). Returns whether one was queued. Idempotent: a run already waiting is kept."""
    if not nightly.get_backend().supports_defer:
        return False  # a backend that runs tasks at once cannot wait for the night
    waiting = DBTaskResult.objects.filter(task_path=nightly.module_path, status=TaskResultStatus.READY)
    if waiting.exists():
        return False
    nightly.using(run_after=next_night(now)).enqueue()
    return True


def _delete_old_exports() -> int:
    from .models import ExportJob

    old = ExportJob.objects.filter(finished_at__lt=timezone.now() - EXPORTS_KEPT).exclude(file="")
    deleted = 0
    for job in old:
        default_storage.delete(job.file.name)
        job.file = ""
        job.save(update_fields=["file"])
        deleted += 1
    return deleted


def _delete_old_task_results() -> int:
    # What django-tasks-db's prune_db_task_results does, with the count kept for the nightly run's result.
    # Finished rows only (a waiting or running task, the next night's run among them, is never touched).
    cutoff = timezone.now() - dt.timedelta(days=TASK_RESULTS_KEPT_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted
