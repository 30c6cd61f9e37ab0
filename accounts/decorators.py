"""Who may use a staff page.

    @staff_required()                       any active member of staff
    @staff_required("IG officer", "DPO")    staff holding one of these roles (superusers always pass)

Anonymous visitors go to the sign-in page (with ?next=); signed in with a password but no second factor
yet in this session, to the two-factor step (or to set one up, if they have none); inactive users and
staff without the role get 403. A password alone never reaches a staff page.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp import user_has_device

from .selectors import user_role_names


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


def _role_check(roles: tuple[str, ...]) -> Callable:
    def allowed(user) -> bool:
        if user.is_superuser:
            return True
        return user.is_staff and (not roles or bool(user_role_names(user) & set(roles)))

    return allowed


def staff_required(*roles):
    """Decorate a view so that only staff with a verified second factor (and one of `roles`, if given)
    reach it. Also usable bare, as `@staff_required`."""
    if len(roles) == 1 and callable(roles[0]):
        return staff_required()(roles[0])
    allowed = _role_check(roles)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            refusal = staff_refusal(request, allowed=allowed)
            return refusal if refusal is not None else view(request, *args, **kwargs)

        wrapper.staff_roles = roles
        return wrapper

    return decorator
