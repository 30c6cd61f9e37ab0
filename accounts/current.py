"""The organisation a member of staff is working in: the one /manage/ shows and new records go into.

Held in the session, so someone in several organisations switches once and stays there. Always one of
the organisations they reach (accounts.permissions.organisations_for); a stale or hand-made session
value falls back to the first of them.
"""

from django.http import HttpRequest

from .models import Organisation
from .permissions import organisations_for

SESSION_KEY = "portal_current_organisation"


def current_organisation(request: HttpRequest) -> Organisation | None:
    """The organisation `request.user` is working in, or None if they reach none."""
    if not hasattr(request, "_current_organisation"):
        reachable = organisations_for(request.user)
        chosen = getattr(request, "session", {}).get(SESSION_KEY)
        found = reachable.filter(pk=chosen).first() if isinstance(chosen, int) else None
        request._current_organisation = found or reachable.order_by("name").first()
    return request._current_organisation


def current_organisation_set(request: HttpRequest, organisation: Organisation) -> None:
    """Work in `organisation` from now on (the caller has checked the user reaches it)."""
    request.session[SESSION_KEY] = organisation.pk
    request._current_organisation = organisation
