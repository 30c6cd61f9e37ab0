"""Two `send_reminders` at the same moment (a cron job started twice, two machines): each reminder is sent once.
PostgreSQL, where the second run's insert of the same window waits for the first to commit, then fails."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from notices.selectors import today
from notifications import actions
from notifications.models import Message, Reminder
from tests.conftest import reference_data_ensure
from tests.factories import NoticeFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent runs are tested on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def due(db, publish, olive):
    reference_data_ensure()
    notice = NoticeFactory()
    publish(notice)
    notice.refresh_from_db()
    notice.review_by = today() + dt.timedelta(days=7)
    notice.save(update_fields=["review_by"])
    return notice


def test_two_runs_at_the_same_moment_send_each_reminder_once(due, outbox):
    outbox.messages.clear()
    barrier = threading.Barrier(2)
    sent: list[int] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            sent.append(len(actions.reminders_send()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(sent) == [0, 1]
    assert Reminder.objects.count() == 1
    # alice and olive, the IG officers, once each.
    reminded = Message.objects.filter(reminder__isnull=False)
    assert sorted(reminded.values_list("to_address", flat=True)) == ["alice@example.org", "olive@example.org"]
    assert sorted(outbox()) == ["alice@example.org", "olive@example.org"]
