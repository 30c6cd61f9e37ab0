"""The static mirror: every public page written out as files at the same addresses, so any static host, CDN
or the compose proxy can serve the notices when the portal is down.

Each address is fetched through the portal's own request handler (so a file holds exactly the bytes the
portal serves), and a file is written only when its bytes changed since the last build.
"""

import fcntl
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import Organisation

from . import selectors

MANIFEST = ".mirror.json"
# How nginx serves the mirror with the portal's content types (inside a `server` block whose `root` is the
# mirror): the current PDF's address has no extension.
NGINX_LOCATIONS = """
    charset utf-8;
    index index.html;
    types { text/html html; application/json json; application/pdf pdf; application/atom+xml atom; }
    location ~ ^/notices/[^/]+/pdf$ { default_type application/pdf; }
"""


def public_addresses() -> Iterator[str]:
    """Every public address the mirror holds. The one list: add a new kind of public page here. The embed page
    is left out: which sites may frame it is a response header (CSP frame-ancestors), which files cannot carry."""
    yield reverse("public:home")
    yield reverse("public:accessibility")
    yield reverse("public:feed")
    yield reverse("public:api_docs")
    yield reverse("public:api_index")
    yield reverse("public:api_schema")
    for slug in Organisation.objects.order_by("slug").values_list("slug", flat=True):
        yield reverse("public:organisation_feed", args=[slug])
    for state in selectors.public_notices():
        yield reverse("public:notice", args=[state.slug])
        yield reverse("public:notice_feed", args=[state.slug])
        yield reverse("public:api_notice", args=[state.slug])
        yield reverse("public:versions", args=[state.slug])
        if state.in_force() is not None:
            yield reverse("public:summary", args=[state.slug])
            yield reverse("public:pdf_current", args=[state.slug])
        visible = state.visible
        for publication in visible:
            number = publication.version.number
            yield reverse("public:version", args=[state.slug, number])
            yield reverse("public:version_summary", args=[state.slug, number])
            yield reverse("public:version_json", args=[state.slug, number])
            yield reverse("public:api_version", args=[state.slug, number])
            if publication.pdf_size:
                yield reverse("public:pdf_version", args=[state.slug, number])
        # The comparisons the versions page links to: each version with the one before it.
        for newer, older in zip(visible, visible[1:], strict=False):
            yield reverse("public:compare", args=[state.slug, older.version.number, newer.version.number])


def file_for(address: str) -> str:
    """Where an address's bytes live in the mirror: a folder address is its index.html."""
    return address.lstrip("/") + "index.html" if address.endswith("/") else address.lstrip("/")


@dataclass
class MirrorBuild:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # address: status, for pages that are not a 200


def build_mirror_alone(out: Path) -> MirrorBuild:
    """build_mirror holding a lock file beside OUT: two workers refreshing at once take turns, and the second
    finds little left to write."""
    out.mkdir(parents=True, exist_ok=True)
    with (out.parent / f".{out.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return build_mirror(out)


def build_mirror(out: Path) -> MirrorBuild:
    """Write or refresh the mirror in `out`; files of addresses no longer public are removed."""
    manifest_path = out / MANIFEST
    before = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    client = Client(headers={"host": urlsplit(settings.PORTAL_URL).hostname or "localhost"})
    build, after = MirrorBuild(), {}
    for address in public_addresses():
        response = client.get(address, secure=settings.PORTAL_URL.startswith("https:"))
        if response.status_code != 200:
            build.skipped[address] = response.status_code
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        name = file_for(address)
        after[name] = hashlib.sha256(body).hexdigest()
        target = out / name
        if before.get(name) == after[name] and target.exists():
            build.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        build.written.append(name)
    for name in sorted(set(before) - set(after)):
        (out / name).unlink(missing_ok=True)
        build.removed.append(name)
    out.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(after, indent=1, sort_keys=True))
    return build
