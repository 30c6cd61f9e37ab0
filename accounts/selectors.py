"""Reads for staff accounts and the audit trail."""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from .models import AuditEvent

ROLE_IG_OFFICER = "IG officer"
ROLE_DPO = "DPO"


def audit_events_list(
    *, action: str = "", person: str = "", since: dt.date | None = None, until: dt.date | None = None
) -> QuerySet[AuditEvent]:
    """Audit events, newest first, with their actor; only those of `action`, by `person` (the username
    as recorded) and between the days `since` and `until` (both included, in the portal's time zone)."""
    events = AuditEvent.objects.select_related("actor")
    if action:
        events = events.filter(action=action)
    if person:
        events = events.filter(actor_username=person)
    if since:
        events = events.filter(occurred_at__date__gte=since)
    if until:
        events = events.filter(occurred_at__date__lte=until)
    return events


def audit_action_choices() -> list[tuple[str, str]]:
    """(action, label) for every action that appears in the trail, by label."""
    present = AuditEvent.objects.order_by().values_list("action", flat=True).distinct()
    return sorted(((action, AuditEvent(action=action).action_label) for action in present), key=lambda c: c[1])


def audit_person_choices() -> list[str]:
    """Every username that appears in the trail, in order."""
    present = AuditEvent.objects.exclude(actor_username="").order_by("actor_username")
    return list(present.values_list("actor_username", flat=True).distinct())


def user_role_names(user: AbstractBaseUser) -> set[str]:
    """The names of the staff roles (auth groups) a user holds."""
    if not user.is_authenticated:
        return set()
    return set(user.groups.values_list("name", flat=True))
