"""What the settings refuse to start with in production, and the proxies whose headers they trust.

Plain functions of the environment's values, so settings.py stays a list of settings and the refusals can
be read (and tested) in one place.
"""

import ipaddress
from urllib.parse import urlsplit

# Django's own deployment check asks for this many characters (security.W009).
SECRET_KEY_MIN_LENGTH = 50
_LOCAL_NAMES = {"localhost", "localhost.localdomain"}

ProxyNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def _is_local(host: str) -> bool:
    if host in _LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def portal_url_problem(portal_url: str | None) -> str | None:
    """Why PORTAL_URL cannot be printed into a PDF that never changes, or None if it can."""
    advice = "set PORTAL_URL to the portal's public https address, e.g. PORTAL_URL=https://notices.example.gov.uk"
    if not portal_url:
        return f"PORTAL_URL is not set: {advice}."
    parts = urlsplit(portal_url)
    if parts.scheme != "https" or not parts.hostname:
        return f"PORTAL_URL={portal_url!r} is not an https address: {advice}."
    if _is_local(parts.hostname):
        return f"PORTAL_URL={portal_url!r} points at this machine, so every published PDF would link there: {advice}."
    return None


def production_problems(*, secret_key: str, allowed_hosts: list[str], portal_url: str | None) -> list[str]:
    """Every reason the portal must not serve with DEBUG off under these settings; empty when it may.

    Each names the variable and what to set, since the person reading it is deploying, not debugging.
    """
    problems = []
    if len(secret_key) < SECRET_KEY_MIN_LENGTH:
        length = f"{len(secret_key)} characters long" if secret_key else "not set"
        problems.append(
            f"SECRET_KEY is {length}: set SECRET_KEY to at least {SECRET_KEY_MIN_LENGTH} "
            "random characters, e.g. the output of "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    if not allowed_hosts:
        problems.append(
            "ALLOWED_HOSTS is empty: set ALLOWED_HOSTS to the portal's host names, comma-separated, "
            "e.g. ALLOWED_HOSTS=notices.example.gov.uk."
        )
    if problem := portal_url_problem(portal_url):
        problems.append(problem)
    return problems


def trusted_proxies(values: list[str]) -> tuple[list[ProxyNetwork], list[str]]:
    """TRUSTED_PROXIES parsed into networks (a bare address is a network of one), and any problems."""
    networks, problems = [], []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            problems.append(
                f"TRUSTED_PROXIES has {value!r}, which is not an IP address or network: set TRUSTED_PROXIES to the "
                "addresses of the proxies in front of the portal, e.g. TRUSTED_PROXIES=172.30.0.10."
            )
    return networks, problems


def refusal(problems: list[str]) -> str:
    """The message the portal stops with."""
    return "The portal will not start with these settings:\n" + "\n".join(f"- {problem}" for problem in problems)
