"""The admin site, behind the same two factors as every staff page, for superusers only.

Installed as the default admin site (settings: "accounts.admin_apps.PortalAdminConfig" in place of
"django.contrib.admin"), so every `admin.register` in the project lands here.
"""

from functools import update_wrapper

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.admin import OTPAdminSite

from .decorators import staff_refusal


def _superuser(user) -> bool:
    return user.is_superuser


class PortalAdminSite(OTPAdminSite):
    """Superusers who have given their second factor in this session. The admin has no sign-in form of
    its own: everyone signs in through /accounts/login/, so lockout and two-factor rules apply once."""

    def __init__(self, name="admin"):
        super().__init__(name)

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_superuser and user.is_verified()

    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            # Anonymous → sign in; no second factor yet → two-factor step; not a superuser → 403.
            refusal = staff_refusal(request, allowed=_superuser)
            return refusal if refusal is not None else guarded(request, *args, **kwargs)

        return update_wrapper(inner, guarded)

    def login(self, request, extra_context=None):
        index = reverse("admin:index", current_app=self.name)
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = index
        if self.has_permission(request):
            return HttpResponseRedirect(next_url)
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        # Signed in: on to the two-factor step (then back here), or 403 for staff who are not superusers.
        return staff_refusal(request, allowed=_superuser) or HttpResponseRedirect(next_url)
