"""Each workflow step e-mails the right people of the notice's own organisation, and only them: submitted → its
DPOs; sent back → whoever submitted, with the reason; published → whoever started and submitted the version.
The messages are sent once the step's transaction commits (pytest-django's on-commit capture runs them)."""

import pytest
from django.conf import settings
from django.db import DatabaseError

from accounts.models import Membership
from notices import actions
from notices.models import Notice
from notifications.models import Kind, Message, Preference
from tests.conftest import _user
from tests.factories import ControllerFactory, PurposeFactory, RetentionRuleFactory, default_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a step leaves for after its commit (queueing the messages; the test backend sends at once)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def notice(olive):
    """A notice olive started (so she wrote its draft), complete enough to publish; alice will submit it."""
    notice = actions.notice_create(actor=olive, organisation=default_organisation(), title="Family hubs privacy notice",
                                   slug="family-hubs", controller=ControllerFactory())
    notice.purposes.add(PurposeFactory())
    notice.retention_rules.add(RetentionRuleFactory())
    return notice


def _submit(notice, actor, committed, summary="Added the family hubs' CCTV"):
    with committed():
        return actions.version_submit(actor=actor, version=notice.versions.get(status="draft"), change_summary=summary)


def test_it_tells_the_dpos_of_the_notices_organisation_when_a_version_is_submitted(
        alice, bob, erin, charlie, olive, elsewhere, notice, committed, outbox):
    _submit(notice, alice, committed)

    assert outbox() == {"bob@example.org": ["Review needed: “Family hubs privacy notice” version 1"],
                        "erin@example.org": ["Review needed: “Family hubs privacy notice” version 1"]}
    body = outbox.messages[0].body
    assert "Alice sent version 1 of “Family hubs privacy notice” to the DPOs of Borsetshire County Council" in body
    assert "Added the family hubs' CCTV" in body
    assert f"{settings.PORTAL_URL}/manage/notices/{notice.pk}/review/" in body
    assert f"{settings.PORTAL_URL}/manage/messages/settings/" in body
    assert outbox.messages[0].from_email == settings.DEFAULT_FROM_EMAIL
    sent = Message.objects.get(recipient=bob)
    assert (sent.kind, sent.status, sent.attempts, sent.notice, sent.version.number) == (
        Kind.SUBMITTED, "sent", 1, notice, 1)
    assert sent.sent_at is not None and sent.subject == outbox.messages[0].subject


def test_it_tells_the_submitter_why_a_version_was_sent_back(alice, bob, olive, elsewhere, notice, committed, outbox):
    version = _submit(notice, alice, committed)
    outbox.messages.clear()

    with committed():
        actions.version_reject(actor=bob, version=version, reason="The CCTV retention period is missing.")

    assert outbox() == {"alice@example.org": ["Sent back to draft: “Family hubs privacy notice” version 1"]}
    body = outbox.messages[0].body
    assert "The reason given:\nThe CCTV retention period is missing." in body
    assert f"{settings.PORTAL_URL}/manage/notices/{notice.pk}/\n" in body


def test_it_tells_whoever_started_and_submitted_a_version_that_it_is_published(
        alice, bob, erin, olive, elsewhere, notice, committed, outbox):
    version = _submit(notice, alice, committed)
    outbox.messages.clear()

    with committed():
        actions.version_publish(actor=bob, version=version)

    assert outbox() == {"alice@example.org": ["Published: “Family hubs privacy notice” version 1"],
                        "olive@example.org": ["Published: “Family hubs privacy notice” version 1"]}
    bodies = {message.to[0]: message.body for message in outbox.messages}
    assert "which you submitted, was published by Bob." in bodies["alice@example.org"]
    assert "which you wrote, was published by Bob." in bodies["olive@example.org"]
    assert "It is in force from" in bodies["alice@example.org"]


def test_it_never_tells_anyone_outside_the_notices_organisation(alice, bob, elsewhere, notice, committed, outbox):
    # A DPO of both organisations is told, as a DPO of this one; the other organisation's own staff are not.
    both = _user("bea", role="dpo", organisation=elsewhere["organisation"])
    Membership.objects.create(user=both, organisation=notice.organisation, role=Membership.Role.DPO)

    _submit(notice, alice, committed)

    assert set(outbox()) == {"bob@example.org", "bea@example.org"}
    assert not Message.objects.filter(recipient__in=[elsewhere["oscar"], elsewhere["olga"]]).exists()
    assert set(Message.objects.values_list("organisation", flat=True)) == {notice.organisation_id}


def test_it_tells_nobody_who_has_left_the_organisation(alice, bob, notice, committed, outbox):
    version = _submit(notice, alice, committed)
    outbox.messages.clear()
    Membership.objects.filter(user=alice).delete()

    with committed():
        actions.version_reject(actor=bob, version=version, reason="Not yet.")

    assert outbox() == {}


def test_it_sends_nothing_of_a_kind_someone_turned_off(alice, bob, erin, notice, committed, outbox):
    Preference.objects.create(user=erin, kinds_off=[Kind.SUBMITTED])

    _submit(notice, alice, committed)

    assert set(outbox()) == {"bob@example.org"}
    assert not Message.objects.filter(recipient=erin).exists()


def test_it_sends_nothing_when_the_step_is_undone(alice, bob, notice, committed, outbox, monkeypatch):
    """Publishing fails after its "published" event is written (the last write, the review date): the messages
    written with the event are undone with it."""
    version = _submit(notice, alice, committed)
    outbox.messages.clear()
    Message.objects.all().delete()
    save = Notice.save

    def failing_save(self, *args, **kwargs):
        if "review_by" in (kwargs.get("update_fields") or ()):
            raise DatabaseError("the disk is full")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Notice, "save", failing_save)

    with committed(), pytest.raises(actions.PublishError):
        actions.version_publish(actor=bob, version=version)

    assert outbox() == {}
    assert not Message.objects.exists()
