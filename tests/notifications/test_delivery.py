"""Sending: off the request, through the real database queue and its worker; a refused message is tried again
with a growing wait and then given up, each attempt recorded on the message."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notices import actions as notice_actions
from notifications import actions
from notifications.models import Message
from tests.conftest import reference_data_ensure
from tests.factories import NoticeFactory

READY = "READY"


def _submit(alice, notice):
    return notice_actions.version_submit(actor=alice, version=notice.versions.get(), change_summary="New CCTV")


@pytest.mark.django_db
def test_it_tries_again_after_the_mail_server_refuses(alice, bob, flaky_mail, outbox,
                                                       django_capture_on_commit_callbacks):
    flaky_mail(1)

    with django_capture_on_commit_callbacks(execute=True):
        _submit(alice, NoticeFactory())

    message = Message.objects.get()
    assert (message.status, message.attempts) == ("sent", 2)
    assert message.error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert list(outbox()) == ["bob@example.org"]


@pytest.mark.django_db
def test_it_gives_up_after_the_last_attempt_and_says_why(alice, bob, flaky_mail, outbox,
                                                          django_capture_on_commit_callbacks):
    flaky_mail(actions.MAX_ATTEMPTS)

    with django_capture_on_commit_callbacks(execute=True):
        _submit(alice, NoticeFactory())

    message = Message.objects.get()
    assert (message.status, message.attempts, message.sent_at, message.next_attempt_at) == (
        "failed", actions.MAX_ATTEMPTS, None, None)
    assert "SMTPServerDisconnected" in message.error
    assert outbox() == {}
    # A task that runs again for a message given up (or sent) sends nothing.
    assert actions.message_attempt(message_id=message.pk) == "failed"
    assert Message.objects.get().attempts == actions.MAX_ATTEMPTS


@pytest.fixture
def queued(db):
    """Transactional tests empty every table at the end; put back what migrations load before this one."""
    reference_data_ensure()


@pytest.mark.task_queue
@pytest.mark.django_db(transaction=True)
def test_it_sends_from_the_worker_not_the_request(queued, alice, bob, officer, outbox, run_worker):
    notice = NoticeFactory(title="Museums privacy notice")

    response = officer.post(reverse("manage:notice_submit", kwargs={"pk": notice.pk}),
                            {"change_summary": "Opening hours"})

    assert response.status_code == 302
    assert outbox() == {}, "the request waited for the mail server"
    assert Message.objects.get().status == "queued"
    assert DBTaskResult.objects.filter(status=READY, task_path="notifications.tasks.message_deliver").count() == 1

    run_worker()

    assert outbox() == {"bob@example.org": ["Review needed: “Museums privacy notice” version 1"]}
    message = Message.objects.get()
    assert (message.status, message.attempts) == ("sent", 1)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.task_queue
@pytest.mark.django_db(transaction=True)
def test_it_retries_a_refused_message_from_the_queue_when_its_wait_is_over(
        queued, alice, bob, flaky_mail, outbox, run_worker):
    flaky_mail(1)
    _submit(alice, NoticeFactory())

    run_worker()

    message = Message.objects.get()
    assert (message.status, message.attempts, outbox()) == ("retrying", 1, {})
    wait = message.next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=50) < wait <= actions.RETRY_AFTER
    retry = DBTaskResult.objects.get(status=READY)
    assert retry.run_after == message.next_attempt_at

    run_worker()  # not yet due: the worker leaves it
    assert (Message.objects.get().attempts, outbox()) == (1, {})

    # The minute passes.
    retry.run_after = timezone.now() - dt.timedelta(seconds=1)
    retry.save(update_fields=["run_after"])
    run_worker()

    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 2)
    assert list(outbox()) == ["bob@example.org"]
