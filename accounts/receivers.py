"""Hooks into Django's and django-axes's sign-in signals. Each one only stamps the session or hands
over to `audit_record`; the signals are the only place these events are visible to us."""

import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from .actions import audit_record
from .middleware import session_stamp
from .models import AuditEvent
from .network import client_ip


def _ip(request) -> str | None:
    return client_ip(request) if request is not None else None


def on_logged_in(sender, request, user, **kwargs):
    session_stamp(request.session, time.time())
    audit_record(actor=user, action=AuditEvent.Action.SIGN_IN, ip_address=_ip(request))


def on_logged_out(sender, request, user, **kwargs):
    audit_record(actor=user, action=AuditEvent.Action.SIGN_OUT, ip_address=_ip(request))


def on_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the username is kept.
    username = str(credentials.get("username") or "")
    audit_record(actor=None, actor_username=username, action=AuditEvent.Action.SIGN_IN_FAILED, ip_address=_ip(request))


def on_locked_out(sender, request, username, ip_address, **kwargs):
    audit_record(
        actor=None, actor_username=str(username or ""), action=AuditEvent.Action.LOCKED_OUT, ip_address=ip_address,
    )


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="accounts.audit.logged_in")
    user_logged_out.connect(on_logged_out, dispatch_uid="accounts.audit.logged_out")
    user_login_failed.connect(on_login_failed, dispatch_uid="accounts.audit.login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="accounts.audit.locked_out")
