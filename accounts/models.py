"""The audit trail: one row per thing that happened to staff access or to the register's workflow.

Rows are only ever added. `accounts.actions.audit_record` writes them; on PostgreSQL a trigger refuses
UPDATE and DELETE on the table (accounts/db.py), so not even the application can rewrite the past.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        """Actions recorded by this app. Other apps pass their own action names (e.g. "notice_published")."""

        SIGN_IN = "sign_in", "Signed in with password"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out after repeated failures"
        SIGN_OUT = "sign_out", "Signed out"
        SESSION_EXPIRED = "session_expired", "Session expired"
        TWO_FACTOR_ENROLLED = "two_factor_enrolled", "Two-factor authentication set up"
        TWO_FACTOR_VERIFIED = "two_factor_verified", "Second factor checked"
        TWO_FACTOR_FAILED = "two_factor_failed", "Wrong second-factor code"
        RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # PROTECT: a member of staff with an audit trail is deactivated, never deleted, so the trail keeps
    # saying who did what. Null when nobody was signed in (e.g. a failed sign-in).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    # The username as it was at the time, or as typed for a failed sign-in.
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField("object", max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = "audit event"

    def __str__(self):
        who = self.actor_username or "anonymous"
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {who} {self.action}"

    @property
    def action_label(self) -> str:
        """The readable name for actions this app knows; other apps' action names as written."""
        try:
            return self.Action(self.action).label
        except ValueError:
            return self.action.replace("_", " ").capitalize()
