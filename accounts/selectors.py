"""Reads for staff accounts and the audit trail."""

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


def audit_events_list(*, user, action: str = "") -> QuerySet[AuditEvent]:
    """Audit events `user` may read, newest first, with their actor; only those of `action` if given."""
    events = audit_events_for(user=user).select_related("actor", "organisation")
    return events.filter(action=action) if action else events


def audit_action_choices(*, user) -> list[tuple[str, str]]:
    """(action, label) for every action that appears in the part of the trail `user` reads, by label."""
    present = audit_events_for(user=user).order_by().values_list("action", flat=True).distinct()
    return sorted(((action, AuditEvent(action=action).action_label) for action in present), key=lambda c: c[1])


def memberships_list(*, organisation: Organisation | None = None) -> QuerySet[Membership]:
    """Memberships with their people and organisations, of one organisation if given."""
    memberships = Membership.objects.select_related("user", "organisation")
    return memberships.filter(organisation=organisation) if organisation else memberships
