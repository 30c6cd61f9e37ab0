"""Who may use a staff page.

    @staff_required()                       any active member of staff
    @staff_required("notice.publish")       staff who may take this action (accounts.permissions.ACTIONS)
                                            in at least one of their organisations; superusers always pass

Anonymous visitors go to the sign-in page (with ?next=); signed in with a password but no second factor
yet in this session, to the two-factor step (or to set one up, if they have none); inactive users and
staff without the role get 403. A password alone never reaches a staff page. Which organisation's object
a page shows is then settled by the view's scoped lookup (another organisation's object is a 404).
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp import user_has_device

from .permissions import can


def second_factor_redirect(request: HttpRequest, next_url: str) -> HttpResponseRedirect:
    """To the two-factor step for a signed-in user, or to set one up if they have none, then on to next_url."""
    step = "accounts:two_factor_verify" if user_has_device(request.user) else "accounts:two_factor_setup"
    return HttpResponseRedirect(f"{reverse(step)}?{urlencode({'next': next_url})}")


def staff_refusal(request: HttpRequest, *, allowed: Callable) -> HttpResponse | None:
    """None if the request's user may go on; otherwise the response that turns them away.

    `allowed(user)` decides for an active user who has passed both factors. Raises PermissionDenied
    (403) for inactive users and those `allowed` refuses.
    """
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user.is_active:
        raise PermissionDenied("This account is not active.")
    if not user.is_verified():
        return second_factor_redirect(request, request.get_full_path())
    if not allowed(user):
        raise PermissionDenied("Your role does not give you access to this page.")
    return None


def _action_check(action: str | None) -> Callable:
    def allowed(user) -> bool:
        if user.is_superuser:
            return True
        return user.is_staff and (action is None or can(user, action))

    return allowed


def staff_required(action=None):
    """Decorate a view so that only staff with a verified second factor (and, if `action` is given, who
    may take it in one of their organisations) reach it. Also usable bare, as `@staff_required`."""
    if callable(action):
        return staff_required()(action)
    allowed = _action_check(action)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            refusal = staff_refusal(request, allowed=allowed)
            return refusal if refusal is not None else view(request, *args, **kwargs)

        wrapper.staff_action = action
        return wrapper

    return decorator
