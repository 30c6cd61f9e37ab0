"""Reads for staff accounts and the audit trail."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from .models import AuditEvent

ROLE_IG_OFFICER = "IG officer"
ROLE_DPO = "DPO"


def audit_events_list(*, action: str = "") -> QuerySet[AuditEvent]:
    """Audit events, newest first, with their actor; only those of `action` if given."""
    events = AuditEvent.objects.select_related("actor")
    return events.filter(action=action) if action else events


def audit_action_choices() -> list[tuple[str, str]]:
    """(action, label) for every action that appears in the trail, by label."""
    present = AuditEvent.objects.order_by().values_list("action", flat=True).distinct()
    return sorted(((action, AuditEvent(action=action).action_label) for action in present), key=lambda c: c[1])


def user_role_names(user: AbstractBaseUser) -> set[str]:
    """The names of the staff roles (auth groups) a user holds."""
    if not user.is_authenticated:
        return set()
    return set(user.groups.values_list("name", flat=True))
