"""E-mail notifications: each message the portal sends (or tried to), the reminders already sent, and what
each person has turned off.

A `Message` is written in the same transaction as the workflow step or reminder that causes it, with its
subject and body already rendered, and handed to the task queue once that transaction commits; the task
sends it and records the outcome (notifications.actions.message_attempt). So a step that is undone sends
nothing, a retry sends exactly what was first written, and the list in /manage/messages/ says what was sent.
"""

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    """What a message is about. The label is what the preferences page offers to turn off."""

    SUBMITTED = "submitted", "A version is sent to the DPOs for review"
    SENT_BACK = "sent_back", "A version you submitted is sent back to draft"
    PUBLISHED = "published", "A version you wrote or submitted is published"
    REVIEW_DUE = "review_due", "A notice is due for review within 30 days"
    REVIEW_OVERDUE = "review_overdue", "A notice is overdue for review"
    IN_FORCE = "in_force", "A scheduled version you worked on comes into force"


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        RETRYING = "retrying", "Failed, will try again"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, gave up"

    # The organisation whose notice it is about: only its staff see it in /manage/messages/.
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    # PROTECT, as for the audit trail: a member of staff is deactivated, never deleted.
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The address as it was when the message was written; a later change of address does not rewrite it.
    to_address = models.EmailField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    notice = models.ForeignKey("notices.Notice", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey("notices.NoticeVersion", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    reminder = models.ForeignKey("Reminder", null=True, blank=True, on_delete=models.PROTECT, related_name="messages")
    subject = models.CharField(max_length=250)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The last failure, as the mail server or GOV.UK Notify gave it.
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="message_organisation_newest")]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.to_address} ({self.get_status_display().lower()})"


class Reminder(models.Model):
    """One reminder sent for one notice in one window: a review date (due, then overdue) or the day a
    scheduled version came into force. The unique constraint is what makes `send_reminders` idempotent, even
    when two runs overlap: the second insert of the same window fails, and that run sends nothing for it."""

    notice = models.ForeignKey("notices.Notice", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The review date the reminder is about, or the day the version came into force.
    window = models.DateField()
    version = models.ForeignKey("notices.NoticeVersion", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "kind", "window"], name="reminder_once_per_notice_window"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.notice} ({self.window})"


class Preference(models.Model):
    """The kinds of message one person has turned off; everything else is sent to them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference")
    kinds_off = models.JSONField(default=list, blank=True)
    # Optimistic locking: two open copies of the page cannot silently undo each other's choice.
    lock_version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"E-mail choices of {self.user}"
