"""`send_reminders`, run daily: review due within 30 days and overdue go to the IG officers of the notice's own
organisation, a scheduled version now in force to whoever started, submitted and published it; each once per
notice and window, however often the command runs."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.core.management import call_command

from notices.selectors import today
from notifications import actions
from notifications.models import Kind, Message, Reminder
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def published(publish, committed, outbox):
    """A published notice; the publication's own e-mails are sent and cleared."""
    notice = NoticeFactory(title="Libraries privacy notice")
    with committed():
        publish(notice)
    outbox.messages.clear()
    notice.refresh_from_db()
    return notice


def _review_by(notice, day):
    notice.review_by = day
    notice.save(update_fields=["review_by"])


def _send_reminders(committed) -> str:
    out = io.StringIO()
    with committed():
        call_command("send_reminders", stdout=out)
    return out.getvalue()


def test_it_reminds_the_ig_officers_once_that_a_review_is_due(
        alice, bob, olive, elsewhere, published, committed, outbox):
    _review_by(published, today() + dt.timedelta(days=30))

    first = _send_reminders(committed)
    second = _send_reminders(committed)

    subject = f"Review due by {published.review_by:%-d %B %Y}: “Libraries privacy notice”"
    assert outbox() == {"alice@example.org": [subject], "olive@example.org": [subject]}
    assert "must be reviewed by" in outbox.messages[0].body and "in 30 days" in outbox.messages[0].body
    assert f"{settings.PORTAL_URL}/manage/notices/{published.pk}/" in outbox.messages[0].body
    assert (first, second) == ("1 reminder sent now, in 2 messages.\n", "0 reminders sent now, in 0 messages.\n")
    assert Reminder.objects.get().kind == Kind.REVIEW_DUE


def test_it_sends_nothing_for_a_review_more_than_30_days_away(alice, published, committed, outbox):
    _review_by(published, today() + dt.timedelta(days=31))

    _send_reminders(committed)

    assert outbox() == {}


def test_it_says_once_that_a_review_is_overdue_and_again_for_a_new_review_date(alice, published, committed, outbox):
    _review_by(published, today() - dt.timedelta(days=1))
    _send_reminders(committed)
    _send_reminders(committed)
    assert [m.subject for m in outbox.messages] == [
        f"Review overdue since {published.review_by:%-d %B %Y}: “Libraries privacy notice”"]

    _review_by(published, today() + dt.timedelta(days=3))
    _send_reminders(committed)
    _send_reminders(committed)

    assert len(outbox.messages) == 2
    assert outbox.messages[1].subject.startswith("Review due by")


def test_it_sends_nothing_a_run_beside_it_already_sent(alice, published, committed, outbox):
    """The window recorded by another run (which the unique constraint makes this one wait for and find)."""
    _review_by(published, today() + dt.timedelta(days=5))
    Reminder.objects.create(notice=published, kind=Kind.REVIEW_DUE, window=published.review_by)

    assert actions.reminders_send() == []
    assert outbox() == {}


def test_it_announces_a_scheduled_version_once_the_day_it_comes_into_force(
        alice, bob, elsewhere, publish, committed, outbox):
    notice = NoticeFactory(title="Parking privacy notice")
    day = today() + dt.timedelta(days=3)
    with committed():
        publish(notice, effective_from=day)
    published = next(message for message in outbox.messages if message.subject.startswith("Published"))
    assert f"It comes into force on {day:%-d %B %Y}, and the public cannot read it before then." in published.body
    outbox.messages.clear()

    with committed():
        before = actions.reminders_send(on=day - dt.timedelta(days=1))
        on_the_day = actions.reminders_send(on=day)
        again = actions.reminders_send(on=day + dt.timedelta(days=1))

    assert (before, len(on_the_day), again) == ([], 1, [])
    # alice started nothing (the factory's draft has no author) but submitted it; bob published it.
    subject = "Now in force: “Parking privacy notice” version 1"
    assert outbox() == {"alice@example.org": [subject], "bob@example.org": [subject]}
    assert f"{settings.PORTAL_URL}/notices/{notice.slug}/" in outbox.messages[0].body
    assert Message.objects.filter(kind=Kind.IN_FORCE, reminder=on_the_day[0]).count() == 2


def test_it_does_not_announce_a_version_that_was_in_force_from_the_day_it_was_published(
        alice, published, committed, outbox):
    assert actions.reminders_send() == []


def test_the_nightly_run_sends_the_days_reminders_so_no_cron_is_needed(
        alice, olive, elsewhere, published, committed, outbox):
    from notices import tasks

    _review_by(published, today() + dt.timedelta(days=30))

    with committed():
        outcome = tasks.nightly.call()

    subject = f"Review due by {published.review_by:%-d %B %Y}: “Libraries privacy notice”"
    assert outcome["reminders_sent"] == 1
    assert outbox() == {"alice@example.org": [subject], "olive@example.org": [subject]}
