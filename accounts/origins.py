"""Web origins an organisation names for its own sites (where its notices may be embedded), checked one by one.

An origin is what a browser compares for frame-ancestors: scheme, host and port, nothing else. Only https is
accepted, except on localhost (a developer's machine); no wildcards, paths, queries, user names or fragments, so
each entry names exactly one site and a typo cannot open the notices to every site.
"""

import ipaddress
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}
MOST_ORIGINS = 20


def normalise_origin(text: str) -> str:
    """`text` as an origin ("https://www.example.gov.uk", lower case, no default port), or ValidationError
    saying what is wrong with it."""
    text = text.strip()
    if "*" in text:
        raise ValidationError(f"“{text}”: name each site in full; wildcards (*) are not allowed.", code="wildcard")
    parts = urlsplit(text)
    if not parts.scheme or not parts.netloc:
        raise ValidationError(f"“{text}”: enter a full web address, like https://www.example.gov.uk",
                              code="not_origin")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise ValidationError(f"“{text}”: enter the site's address only (scheme and host, like "
                              f"https://www.example.gov.uk), without a path.", code="path")
    host = (parts.hostname or "").lower()
    local = host in LOCAL_HOSTS or f"[{host}]" in LOCAL_HOSTS
    if parts.scheme.lower() != "https" and not (parts.scheme.lower() == "http" and local):
        raise ValidationError(f"“{text}”: the address must start with https:// (http:// only for localhost).",
                              code="not_https")
    try:
        port = parts.port
    except ValueError:
        raise ValidationError(f"“{text}”: the port is not a number from 1 to 65535.", code="port") from None
    origin = f"{parts.scheme.lower()}://{parts.netloc.lower().rsplit('@', 1)[-1]}"
    if port in (443 if parts.scheme.lower() == "https" else 80,):
        origin = origin.rsplit(":", 1)[0]
    if not local and not _is_public_name(host):
        raise ValidationError(f"“{text}”: enter the site's name, like https://www.example.gov.uk", code="host")
    try:
        URLValidator(schemes=["http", "https"])(origin)
    except ValidationError:
        raise ValidationError(f"“{text}” is not a valid web address.", code="invalid") from None
    return origin


def _is_public_name(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return "." in host
    return False  # an IP address is no organisation's site


def normalise_origins(lines: list[str]) -> list[str]:
    """Each non-blank line as an origin, duplicates dropped, in the order given; ValidationError listing every
    line that is wrong."""
    origins, errors = [], []
    for line in (line for line in lines if line.strip()):
        try:
            origins.append(normalise_origin(line))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    origins = list(dict.fromkeys(origins))
    if len(origins) > MOST_ORIGINS:
        raise ValidationError(f"Enter at most {MOST_ORIGINS} web addresses.", code="too_many")
    return origins
