"""Where a request came from, for the lockout and the audit trail."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

# Headers only a trusted proxy may set; from anyone else they are whatever the client chose to send.
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_REQUEST_ID")


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    """Whether `address` is one of TRUSTED_PROXIES (addresses or networks)."""
    parsed = _address(address)
    return parsed is not None and any(parsed in network for network in settings.TRUSTED_PROXIES)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, or None if there is no valid one.

    Start from the connecting address (REMOTE_ADDR) and, while that is one of our TRUSTED_PROXIES, step
    back one X-Forwarded-For entry: the one that proxy appended for whoever connected to it. The first
    address that is not a trusted proxy is the client. Entries further left are whatever the client
    chose to send, and believing them would let an attacker pick a fresh address for every guess at a
    password; a client that connects directly has its X-Forwarded-For ignored altogether.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    forwarded = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    while forwarded and is_trusted_proxy(candidate):
        candidate = forwarded.pop()
    parsed = _address(candidate)
    return str(parsed) if parsed is not None else None
