"""Where a request came from, for the lockout and the audit trail."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, or None if there is no valid one.

    Behind the TLS proxy REMOTE_ADDR is the proxy itself, so the address is the last X-Forwarded-For
    entry: the one our proxy appended. Earlier entries are whatever the client chose to send, and
    trusting them would let an attacker pick a fresh address for every guess at a password.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            candidate = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
