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
    # The organisation whose notice or register the event concerns; blank for sign-in and other account
    # events, which belong to the person (their organisations' DPOs see them through the actor).
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

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


class Organisation(models.Model):
    """A body whose staff keep a register and publish notices: a council, an NHS trust, a provider.

    Everything an organisation writes (its register records and notices) points here, and its staff see
    only their own organisations' things. The details a notice states about the organisation as
    controller (legal name, ICO number, DPO) are a controller record in its own register, so they are
    edited, locked and versioned like every other record.
    """

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Its public page: /organisations/<slug>/. Lower case, hyphens."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The web addresses (origins: scheme, host and port) of the organisation's own sites, which may show its
    # notices in a frame (/notices/<slug>/embed/): the embed page's CSP frame-ancestors. Empty: none may.
    embed_origins = models.JSONField(default=list, blank=True, editable=False)
    # Optimistic locking for what its staff edit here (the web addresses): a save made from an out-of-date
    # form is refused rather than overwriting someone else's.
    lock_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("public:organisation", kwargs={"slug": self.slug})


class Membership(models.Model):
    """A member of staff's role in one organisation. Roles are per organisation: a DPO of one body is
    nobody in another's register."""

    class Role(models.TextChoices):
        IG_OFFICER = "ig_officer", "IG officer"
        DPO = "dpo", "DPO"
        BOTH = "both", "IG officer and DPO"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__username"]
        constraints = [
            # One role per person per organisation ("both" covers someone who is IG officer and DPO).
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_organisation"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} of {self.organisation}"

    def grants(self, role: str) -> bool:
        return self.role in (role, self.Role.BOTH)
