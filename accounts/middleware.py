"""Request-wide protections for staff sessions."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseBadRequest
from django.utils.cache import patch_cache_control

from .actions import audit_record
from .models import AuditEvent
from .network import FORWARDED_HEADERS, client_ip, is_trusted_proxy

STAFF_PATH_PREFIXES = ("/manage/", "/admin/", "/accounts/")
SESSION_STARTED_KEY = "portal_signed_in_at"
SESSION_SEEN_KEY = "portal_last_seen_at"
# Refreshing the last-seen time at most this often saves a session write on every request.
SEEN_GRANULARITY_SECONDS = 60


class ForwardedHeadersMiddleware:
    """Drop X-Forwarded-For, X-Forwarded-Proto and X-Request-ID unless the request comes from one of
    TRUSTED_PROXIES, so a client that reaches the portal directly can neither pose as HTTPS nor choose
    the address the lockout counts. First in MIDDLEWARE: nothing may read them before this."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


class StaffNoStoreMiddleware:
    """Staff pages (workspace, admin, accounts) carry `Cache-Control: no-store`, so neither a shared
    proxy nor the browser's history keeps a copy of register data or recovery codes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(STAFF_PATH_PREFIXES):
            patch_cache_control(response, no_store=True, no_cache=True, must_revalidate=True, private=True, max_age=0)
        return response


class RefuseNulInAddressMiddleware:
    """An address whose path or query string contains a NUL character gets 400 Bad Request.

    No address of ours takes NUL, and PostgreSQL refuses it in text, so a search, filter or `<str:…>`
    URL argument holding one would otherwise fail as a server error. (Form bodies are checked by
    Django's form fields.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET.lists()
        if "\x00" in request.path or any("\x00" in key or "\x00" in "".join(values) for key, values in query):
            return HttpResponseBadRequest("Addresses may not contain NUL characters.", content_type="text/plain")
        return self.get_response(request)


def session_expiry_reason(session, now: float) -> str | None:
    """Why a signed-in session has expired ("idle", "lifetime", or "unstamped" for a session signed in
    some other way than django.contrib.auth.login), or None while it is still good."""
    started = session.get(SESSION_STARTED_KEY)
    if started is None:
        return "unstamped"
    seen = session.get(SESSION_SEEN_KEY, started)
    if now - started > settings.SESSION_MAX_AGE_SECONDS:
        return "lifetime"
    if now - seen > settings.SESSION_IDLE_TIMEOUT_SECONDS:
        return "idle"
    return None


def session_stamp(session, now: float) -> None:
    """Mark a session as signed in now (called at sign-in)."""
    session[SESSION_STARTED_KEY] = now
    session[SESSION_SEEN_KEY] = now


_EXPIRY_MESSAGES = {
    "idle": "You were signed out because you had not used the portal for {minutes} minutes. Sign in again.",
    "lifetime": "You were signed out because you signed in more than {hours} hours ago. Sign in again.",
    "unstamped": "Your session has ended. Sign in again.",
}


class SessionTimeoutMiddleware:
    """End a signed-in session after SESSION_IDLE_TIMEOUT_SECONDS without a request, or
    SESSION_MAX_AGE_SECONDS after signing in, whichever comes first. The request then carries on as
    anonymous, so a staff page sends the user to sign in again. Only staff pages look: public pages show
    nothing about the visitor, so they read no session (and do not vary on Cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(STAFF_PATH_PREFIXES) and request.user.is_authenticated:
            now = time.time()
            reason = session_expiry_reason(request.session, now)
            if reason is None:
                if now - request.session.get(SESSION_SEEN_KEY, 0) >= SEEN_GRANULARITY_SECONDS:
                    request.session[SESSION_SEEN_KEY] = now
            else:
                self._end(request, reason)
        return self.get_response(request)

    def _end(self, request, reason: str) -> None:
        audit_record(
            actor=request.user, action=AuditEvent.Action.SESSION_EXPIRED, detail={"reason": reason},
            ip_address=client_ip(request),
        )
        request.session.flush()
        request.user = AnonymousUser()
        messages.info(
            request,
            _EXPIRY_MESSAGES[reason].format(
                minutes=settings.SESSION_IDLE_TIMEOUT_SECONDS // 60, hours=settings.SESSION_MAX_AGE_SECONDS // 3600
            ),
        )
