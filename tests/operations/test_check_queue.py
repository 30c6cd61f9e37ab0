"""`manage.py check_queue`, the worker's healthcheck: healthy while tasks are taken in time, unhealthy once one
has waited too long for a worker."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notices.tasks import mirror_refresh

pytestmark = [pytest.mark.django_db, pytest.mark.task_queue]


def _check() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check_queue", stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, err.getvalue()
    return 0, out.getvalue()


def test_it_is_healthy_with_an_empty_queue_and_with_work_just_queued():
    assert _check() == (0, "ok\n")
    mirror_refresh.enqueue()
    assert _check()[0] == 0


def test_it_is_unhealthy_when_a_task_has_waited_too_long_for_a_worker():
    mirror_refresh.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=11))

    status, message = _check()

    assert status == 1 and "1 task(s) have waited more than 10 minutes for a worker" in message


def test_a_task_deferred_to_later_is_not_late():
    mirror_refresh.using(run_after=timezone.now() + dt.timedelta(hours=8)).enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(hours=1))

    assert _check()[0] == 0
