"""Who may do what, in one place: the staff roles, `has_role`, `can` and the organisations a user reaches.

Roles are held per organisation (accounts.models.Membership). The decorator on every staff view, the
actions that write, and the templates (the `can` tag in accounts/templatetags/access.py) all ask `can`,
so a button is shown exactly when the action behind it would be allowed. Superusers pass everything;
inactive and anonymous users nothing.
"""

from django.db.models import Q, QuerySet

from .models import Membership, Organisation

IG_OFFICER = Membership.Role.IG_OFFICER
DPO = Membership.Role.DPO
ROLE_LABELS = {IG_OFFICER: "IG officer", DPO: "DPO"}

# Every action a member of staff can take, and the role it needs in the object's organisation.
ACTIONS = {
    "view": (IG_OFFICER, DPO),
    "register.change": (IG_OFFICER,),
    "notice.edit": (IG_OFFICER,),
    "notice.submit": (IG_OFFICER,),
    "notice.publish": (DPO,),
    "notice.reject": (DPO,),
    "notice.withdraw": (DPO,),
    "notice.export": (DPO,),
    "audit.view": (DPO,),
    # The shared reference data the checks trust (the legislation catalogue, out-of-date references):
    # any organisation's DPO keeps it, for everyone.
    "reference.change": (DPO,),
    # The web addresses of the organisation's own sites, which may show its notices in a frame.
    "organisation.embedding": (IG_OFFICER, DPO),
}


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _role_filter(roles) -> Q:
    return Q(role__in=[*roles, Membership.Role.BOTH])


def has_role(user, organisation, role: str) -> bool:
    """Whether `user` holds `role` in `organisation` (an Organisation or its id)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    org_id = getattr(organisation, "pk", organisation)
    return user.memberships.filter(_role_filter([role]), organisation_id=org_id).exists()


def organisation_of(obj):
    """The organisation an object belongs to: itself, or its `organisation`; None for shared reference
    data (legislation), which any organisation's staff may act on."""
    if obj is None or isinstance(obj, Organisation):
        return obj
    return getattr(obj, "organisation", None)


def can(user, action: str, obj=None) -> bool:
    """Whether `user` may take `action` on `obj` (an Organisation or anything with an `organisation`).

    Without `obj`: whether they may take it in at least one of their organisations (what a page's
    decorator asks before the object is looked up through the user's organisations)."""
    roles = ACTIONS[action]
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    memberships = user.memberships.filter(_role_filter(roles))
    organisation = organisation_of(obj)
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    return memberships.exists()


def organisations_for(user, action: str = "view") -> QuerySet[Organisation]:
    """The organisations in which `user` may take `action`: every one for a superuser."""
    if not _active(user):
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    ids = user.memberships.filter(_role_filter(ACTIONS[action])).values("organisation_id")
    return Organisation.objects.filter(pk__in=ids)


def role_labels(user, organisation) -> list[str]:
    """The role names `user` holds in `organisation`, for display."""
    return [label for role, label in ROLE_LABELS.items() if has_role(user, organisation, role)]
