"""What the settings refuse to start with in production, and the proxies whose headers they trust.

Plain functions of the environment's values, so settings.py stays a list of settings and the refusals can
be read (and tested) in one place.
"""

import ipaddress
import re
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


NOTIFY_TEMPLATE_EXAMPLE = "GOVUK_NOTIFY_TEMPLATE_ID=f33517ff-2a88-4f6e-b855-c550268ce08a"
# A Notify API key is "<name>-<service id>-<secret>", the last two UUIDs (36 characters each).
_NOTIFY_KEY = re.compile(r".+-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")
_UUID = re.compile(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")


def email_backend(*, debug: bool, email_host: str, notify_api_key: str) -> str:
    """The e-mail backend the settings choose: GOV.UK Notify if its key is set, else the mail server EMAIL_HOST,
    else the console while developing, else (production with neither) one that fails saying what to set."""
    if notify_api_key:
        return "notifications.mail.NotifyEmailBackend"
    if email_host:
        return "django.core.mail.backends.smtp.EmailBackend"
    if debug:
        return "django.core.mail.backends.console.EmailBackend"
    return "notifications.mail.NotConfiguredEmailBackend"


def mail_problems(*, email_host: str, host_user: str, host_password: str, use_tls: bool, use_ssl: bool,
                  from_email: str, notify_api_key: str, notify_template_id: str) -> list[str]:
    """Every reason the mail settings are incomplete or contradict each other, each naming the variable."""
    if notify_api_key:
        return _notify_problems(notify_api_key, notify_template_id, email_host)
    if not email_host:
        if notify_template_id:
            return ["GOVUK_NOTIFY_TEMPLATE_ID is set but GOVUK_NOTIFY_API_KEY is not: set GOVUK_NOTIFY_API_KEY to "
                    "the Notify service's API key (a live or team key), or remove GOVUK_NOTIFY_TEMPLATE_ID."]
        return []
    problems = []
    if not from_email:
        problems.append("EMAIL_HOST is set but DEFAULT_FROM_EMAIL is not: set DEFAULT_FROM_EMAIL to the address "
                        "the portal's e-mails come from, e.g. DEFAULT_FROM_EMAIL=privacy-notices@example.gov.uk.")
    if bool(host_user) != bool(host_password):
        given, missing = ("EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD") if host_user else (
            "EMAIL_HOST_PASSWORD", "EMAIL_HOST_USER")
        problems.append(f"{given} is set but {missing} is not: the mail server needs both to sign in; set "
                        f"{missing}, or remove {given} if the server needs no sign-in.")
    if use_tls and use_ssl:
        problems.append("EMAIL_USE_TLS and EMAIL_USE_SSL are both on: set only one, EMAIL_USE_SSL=true for a "
                        "server that talks TLS from the start (usually port 465), else EMAIL_USE_TLS=true (587).")
    return problems


def _notify_problems(api_key: str, template_id: str, email_host: str) -> list[str]:
    problems = []
    if not _NOTIFY_KEY.fullmatch(api_key):
        problems.append("GOVUK_NOTIFY_API_KEY is not a GOV.UK Notify API key (a name followed by two ids, "
                        "'name-<service id>-<secret>'): copy the whole key from the Notify service's API keys page.")
    if not template_id:
        problems.append("GOVUK_NOTIFY_API_KEY is set but GOVUK_NOTIFY_TEMPLATE_ID is not: set it to the id of a "
                        "Notify e-mail template whose subject is ((subject)) and body is ((body)), e.g. "
                        f"{NOTIFY_TEMPLATE_EXAMPLE}.")
    elif not _UUID.fullmatch(template_id):
        problems.append(f"GOVUK_NOTIFY_TEMPLATE_ID={template_id!r} is not a template id: copy the id from the "
                        f"template's page in Notify, e.g. {NOTIFY_TEMPLATE_EXAMPLE}.")
    if email_host:
        problems.append("Both GOVUK_NOTIFY_API_KEY and EMAIL_HOST are set: choose one way of sending e-mail and "
                        "remove the other.")
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
