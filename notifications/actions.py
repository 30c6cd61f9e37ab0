"""Every write of notifications: the messages a workflow step or a reminder causes, each attempt to send one,
the daily reminders and a person's choices.

Messages are written inside the transaction of what caused them and handed to the task queue only once it
commits (transaction.on_commit), so the request never waits for a mail server and a step that is undone
sends nothing. The task (notifications.tasks.message_deliver) calls message_attempt, which retries a failure
with a growing wait until MAX_ATTEMPTS have failed; django-tasks has no retries of its own.
"""

import datetime as dt
import logging
import smtplib
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.actions import audit_record
from accounts.permissions import DPO, IG_OFFICER
from notices.models import Notice, NoticeVersion, Publication
from notices.selectors import publication_in_force, today

from .models import Kind, Message, Preference, Reminder
from .rendering import absolute, message_render
from .selectors import kinds_off_for, members_among, members_with_role

logger = logging.getLogger(__name__)

# Five tries in all, the next after 1, 2, 4 and 8 minutes: a mail server restarting or GOV.UK Notify's rate
# limit passes within that; a wrong password does not, and the message is then marked failed with the error.
MAX_ATTEMPTS = 5
RETRY_AFTER = dt.timedelta(minutes=1)
# "Review due" is sent this many days before the review date.
REVIEW_DUE_DAYS = 30
# A scheduled version that came into force up to this many days ago is still announced (a missed daily run
# catches up), but not older ones, so the first run after an upgrade does not announce the past.
IN_FORCE_CATCH_UP_DAYS = 7

Status = Message.Status


class PreferenceConflict(Exception):
    """The person's choices were saved from another page since this one was opened."""


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


# --- Messages ------------------------------------------------------------------------------------------------

def messages_create(
    *, kind: str, people: list, notice: Notice, version: NoticeVersion | None = None,
    reminder: Reminder | None = None, context: Callable[[object], dict] | dict | None = None,
) -> list[Message]:
    """Write a message of `kind` about `notice` to each of `people` who has not turned the kind off, and queue
    each to be sent once the current transaction commits. `context` (a dict, or a function of the person)
    is what the kind's template needs beyond the notice and version."""
    off = kinds_off_for(users=people)
    messages = []
    for person in people:
        if kind in off.get(person.pk, ()):
            continue
        extra = context(person) if callable(context) else (context or {})
        subject, body = message_render(kind, recipient=person, notice=notice, version=version, **extra)
        messages.append(Message.objects.create(
            organisation=notice.organisation, recipient=person, to_address=person.email, kind=kind, notice=notice,
            version=version, reminder=reminder, subject=subject, body=body,
        ))
    for message in messages:
        # robust: the step has committed by then, so a queue that cannot be reached is logged, never turned
        # into an error page for a step that succeeded.
        transaction.on_commit(partial(_enqueue, message.pk), robust=True)
    return messages


def _enqueue(message_id: int, *, at: dt.datetime | None = None) -> None:
    # Imported here: the task module calls back into this one.
    from .tasks import message_deliver

    task = message_deliver
    # The database queue waits until `at`; the immediate backend (tests) cannot wait and tries again now.
    if at is not None and task.get_backend().supports_defer:
        task = task.using(run_after=at)
    task.enqueue(message_id)


def message_attempt(*, message_id: int) -> str:
    """Try once to send a message, record the outcome and return its status. After a failure, the next try is
    queued (1, 2, 4, then 8 minutes on) until MAX_ATTEMPTS have failed; it is then marked failed. A message
    already sent or given up is left alone, so a task that runs twice sends it once."""
    with transaction.atomic():
        # The row lock keeps two workers given the same message from both sending it.
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status in (Status.SENT, Status.FAILED):
            return message.status if message else "missing"
        message.attempts += 1
        try:
            _send(message)
        except Exception as error:  # any failure of the mail server or Notify is recorded, not raised
            _record_failure(message, error)
        else:
            # Any earlier failure's error is kept: "sent at the 2nd try, after: …" is worth knowing.
            message.status, message.sent_at, message.next_attempt_at = Status.SENT, timezone.now(), None
        message.save(update_fields=["status", "attempts", "sent_at", "next_attempt_at", "error"])
    if message.status == Status.RETRYING:
        _enqueue(message.pk, at=message.next_attempt_at)
    return message.status


def _send(message: Message) -> None:
    EmailMessage(
        subject=message.subject, body=message.body, from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_address],
        # GOV.UK Notify keeps it as the notification's reference (notifications.mail.NotifyEmailBackend).
        headers={"X-Portal-Message": str(message.pk)},
    ).send(fail_silently=False)


def _will_fail_again(error: Exception) -> bool:
    """Whether trying again cannot help: the mail server refused the address, or Notify refused the request
    itself (400: e.g. a team key and an outside address; 403: a wrong key). Its rate limit (429) and its own
    failures (5xx) pass."""
    status = getattr(error, "status_code", None)
    return isinstance(error, smtplib.SMTPRecipientsRefused) or status in (400, 403)


def _record_failure(message: Message, error: Exception) -> None:
    message.error = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts >= MAX_ATTEMPTS or _will_fail_again(error):
        message.status, message.next_attempt_at = Status.FAILED, None
        logger.error("Gave up sending message %s after %s attempts: %s", message.pk, message.attempts, message.error)
        return
    message.status = Status.RETRYING
    message.next_attempt_at = timezone.now() + RETRY_AFTER * 2 ** (message.attempts - 1)
    logger.warning("Message %s not sent (attempt %s), trying again at %s: %s", message.pk, message.attempts,
                   message.next_attempt_at.isoformat(), message.error)


# --- Workflow steps (called by notices through notices.hooks) -----------------------------------------------

def _submitted(event) -> tuple[str, list, dict]:
    people = members_with_role(organisation=event.notice.organisation, role=DPO)
    return Kind.SUBMITTED, people, {"submitter": _name(event.actor)}


def _sent_back(event) -> tuple[str, list, dict]:
    people = members_among(organisation=event.notice.organisation, users=[event.version.submitted_by])
    return Kind.SENT_BACK, people, {"reason": event.reason}


def _published(event) -> tuple[str, list, Callable]:
    version = event.version
    publication = Publication.objects.get(version=version)
    people = members_among(organisation=event.notice.organisation, users=[version.created_by, version.submitted_by])

    def context(person) -> dict:
        parts = [part for part, pk in (("wrote", version.created_by_id), ("submitted", version.submitted_by_id))
                 if pk == person.pk]
        return {"your_part": " and ".join(parts), "publisher": _name(event.actor),
                "effective_from": publication.effective_from, "today": today()}

    return Kind.PUBLISHED, people, context


WORKFLOW_MESSAGES = {"submitted": _submitted, "rejected": _sent_back, "published": _published}


def messages_for_workflow_event(event) -> list[Message]:
    """The messages a workflow step causes: submitted → the DPOs of the notice's organisation; sent back → the
    person who submitted it; published → whoever started and submitted the version. Nobody is e-mailed about
    their own step, and only current members of the notice's organisation are."""
    build = WORKFLOW_MESSAGES.get(event.action)
    if build is None:
        return []
    kind, people, context = build(event)
    people = [person for person in people if person.pk != event.actor_id]
    return messages_create(kind=kind, people=people, notice=event.notice, version=event.version, context=context)


# --- Daily reminders ----------------------------------------------------------------------------------------

def reminders_send(*, on: dt.date | None = None) -> list[Reminder]:
    """Send the day's reminders (the `send_reminders` command, run daily) and return those sent now.

    Review due (within REVIEW_DUE_DAYS) and overdue go to the IG officers of the notice's organisation, once
    per review date each; a scheduled version that has come into force, to whoever started, submitted and
    published it, once. Running it again the same day, or beside another run, sends nothing more."""
    on = on or today()
    sent = [_review_reminder(notice, on) for notice in _reviews_due(on)]
    sent += [_in_force_reminder(publication, on) for publication in _scheduled_now_in_force(on)]
    return [reminder for reminder in sent if reminder is not None]


def reminders_for_the_night() -> dict:
    """The nightly run's part (notices.tasks.nightly, through notices.hooks): the day's reminders."""
    return {"reminders_sent": len(reminders_send())}


def _reviews_due(on: dt.date) -> list[Notice]:
    # Only notices the public can read now need reviewing; a withdrawn notice keeps its old date.
    published = Notice.objects.filter(versions__status=NoticeVersion.Status.PUBLISHED)
    due = published.filter(review_by__lte=on + dt.timedelta(days=REVIEW_DUE_DAYS))
    return list(due.select_related("organisation").distinct().order_by("review_by", "pk"))


def _review_reminder(notice: Notice, on: dt.date) -> Reminder | None:
    kind = Kind.REVIEW_OVERDUE if notice.review_by < on else Kind.REVIEW_DUE
    people = members_with_role(organisation=notice.organisation, role=IG_OFFICER)
    context = {"review_by": notice.review_by, "days_left": (notice.review_by - on).days}
    return _remind(notice=notice, kind=kind, window=notice.review_by, people=people, context=context)


def _scheduled_now_in_force(on: dt.date) -> list[Publication]:
    recent = Publication.objects.filter(
        effective_from__lte=on, effective_from__gte=on - dt.timedelta(days=IN_FORCE_CATCH_UP_DAYS),
    ).select_related("version__notice__organisation", "version__created_by", "version__submitted_by", "approved_by")
    # Scheduled: published before the day it came into force. And still the one in force (not withdrawn, nor
    # overtaken by a later one), or announcing it would be untrue.
    return [
        publication for publication in recent
        if timezone.localdate(publication.published_at) < publication.effective_from
        and getattr(publication_in_force(notice=publication.version.notice, on=on), "pk", None) == publication.pk
    ]


def _in_force_reminder(publication: Publication, on: dt.date) -> Reminder | None:
    version = publication.version
    notice = version.notice
    people = members_among(organisation=notice.organisation,
                           users=[version.created_by, version.submitted_by, publication.approved_by])
    context = {"effective_from": publication.effective_from, "public_link": absolute(notice.get_absolute_url())}
    return _remind(notice=notice, kind=Kind.IN_FORCE, window=publication.effective_from, version=version,
                   people=people, context=context)


@transaction.atomic
def _remind(*, notice: Notice, kind: str, window: dt.date, people: list, context: dict,
            version: NoticeVersion | None = None) -> Reminder | None:
    """Record the reminder and write its messages, unless it was already sent for this window."""
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(notice=notice, kind=kind, window=window, version=version)
    except IntegrityError:
        # Sent before, by an earlier run or by one running at the same moment (which waited on the constraint).
        return None
    messages_create(kind=kind, people=people, notice=notice, version=version, reminder=reminder, context=context)
    return reminder


# --- Choices ------------------------------------------------------------------------------------------------

@transaction.atomic
def preference_update(*, actor, kinds_off: list[str], lock_version: int) -> Preference:
    """Turn off the kinds of message `actor` no longer wants (and every other kind on). Refused with
    PreferenceConflict if the choices were saved since `lock_version` was loaded."""
    unknown = sorted(set(kinds_off) - set(Kind.values))
    if unknown:
        raise ValidationError(f"There is no kind of e-mail called {', '.join(unknown)}.")
    preference, _ = Preference.objects.select_for_update().get_or_create(user=actor)
    if preference.lock_version != lock_version:
        raise PreferenceConflict("Your e-mail settings were changed on another page while this one was open. "
                                 "They are shown below as they are now: make your choice again.")
    preference.kinds_off = sorted(set(kinds_off))
    preference.lock_version += 1
    preference.save(update_fields=["kinds_off", "lock_version", "updated_at"])
    audit_record(actor=actor, action="notification_preferences_changed", target=f"E-mail settings of {actor}",
                 detail={"kinds_off": preference.kinds_off})
    return preference
