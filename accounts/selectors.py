"""Reads for staff accounts and the audit trail."""

import datetime as dt

from django.db.models import Q, QuerySet

from .models import AuditEvent, Membership, Organisation
from .permissions import organisations_for


def audit_events_for(*, user) -> QuerySet[AuditEvent]:
    """The part of the trail `user` may read: everything for a superuser; for a DPO, the events of the
    organisations they are DPO of, and the account events (sign-ins…) of those organisations' staff."""
    if user.is_superuser:
        return AuditEvent.objects.all()
    organisations = organisations_for(user, "audit.view")
    staff = Membership.objects.filter(organisation__in=organisations).values("user_id")
    return AuditEvent.objects.filter(
        Q(organisation__in=organisations) | Q(organisation__isnull=True, actor_id__in=staff)
    )


def audit_events_list(
    *, user, action: str = "", person: str = "", organisation: Organisation | None = None,
    since: dt.date | None = None, until: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events `user` may read, newest first, with their actor; only those of `action`, by `person`
    (the username as recorded), about `organisation`, and between the days `since` and `until` (both
    included, in the portal's time zone)."""
    events = audit_events_for(user=user).select_related("actor", "organisation")
    if action:
        events = events.filter(action=action)
    if person:
        events = events.filter(actor_username=person)
    if organisation:
        events = events.filter(organisation=organisation)
    if since:
        events = events.filter(occurred_at__date__gte=since)
    if until:
        events = events.filter(occurred_at__date__lte=until)
    return events


def audit_action_choices(*, user) -> list[tuple[str, str]]:
    """(action, label) for every action that appears in the part of the trail `user` reads, by label."""
    present = audit_events_for(user=user).order_by().values_list("action", flat=True).distinct()
    return sorted(((action, AuditEvent(action=action).action_label) for action in present), key=lambda c: c[1])


def audit_person_choices(*, user) -> list[str]:
    """Every username that appears in the part of the trail `user` reads, in order."""
    present = audit_events_for(user=user).exclude(actor_username="").order_by("actor_username")
    return list(present.values_list("actor_username", flat=True).distinct())


def memberships_list(*, organisation: Organisation | None = None) -> QuerySet[Membership]:
    """Memberships with their people and organisations, of one organisation if given."""
    memberships = Membership.objects.select_related("user", "organisation")
    return memberships.filter(organisation=organisation) if organisation else memberships
