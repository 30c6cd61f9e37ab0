"""Public pages as frozen bytes: rendered once, stored in the database, served as those bytes until
something they depend on changes.

A stored page (PublicPage) is found by its address and by what it depends on, never by asking whether it is
still fresh, so every process and machine agrees without an in-process cache:
- `revision`: the code, templates and static files that made it (`revision()`, the same on every machine
  running the same release);
- `generation`: the latest PublicChange (a publication or withdrawal) when it was made, for pages that show
  what is in force; 0 for pages that can never change (a numbered version, its JSON, a comparison);
- `valid_until`: the day the next scheduled version comes into force, which may change what is in force
  without any write.

The page is made from the database *after* the generation is read, so a page stored under a generation
shows that generation's state or a later one, never an earlier one.

Each process also keeps two memories that never need to agree with anyone, so they are safe across
processes and machines: page bodies by their ETag (the SHA-256 of the bytes: a hash names one content
forever), and the stored rows of pages that can never change, so a numbered version costs no query once
a process has served it.
That memory assumes a published version is never unpublished: after restoring the database from a backup
taken before a publication, restart the portal's processes.

Pages showing what is in force are also remembered per process, which must then learn at once of a change
made by any other process. Every public change (`public_changed`) replaces a small marker file once its
transaction commits; a process stats it on each request (microseconds, no database) and reads the latest
generation from the database only when the marker has changed, so such a page costs no query either. The
marker must be on storage every process that publishes or serves shares: by default MEDIA_ROOT, where
published PDFs already are. Without a marker (PUBLIC_CHANGE_MARKER="" or storage elsewhere) a page showing
what is in force costs one small query (its row, without the body).
"""

import datetime as dt
import functools
import hashlib
import json
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Max, Min
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from .models import Publication, PublicChange, PublicPage
from .selectors import today

logger = logging.getLogger(__name__)

# A numbered version's address shows the same bytes forever.
IMMUTABLE = "public, max-age=31536000, immutable"
# Pages showing what is in force change at a withdrawal, which cannot be foreseen: a shared cache keeps
# them at most this long (and revalidates cheaply with the ETag), or less when a version is scheduled.
CURRENT_MAX_AGE = 300
# A safety net, not the mechanism: a process that has seen no marker change rereads the generation this
# often anyway, so a change whose marker could not be written (a crash just after the commit) shows within it.
GENERATION_RECHECK_SECONDS = 10
# What makes a page's bytes besides the data: the files here, and the settings named below.
_SOURCES = (("templates", "*.html"), ("static", "*"), ("notices", "*.py"), ("config", "*.py"))


@dataclass
class Made:
    """A page as a view renders it, before it is stored."""

    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)


def render_page(template: str, context: dict, *, status: int = 200) -> Made:
    """A public template rendered without the request: nothing about the visitor can reach the bytes."""
    body = render_to_string(template, {"PORTAL_NAME": settings.PORTAL_NAME, **context})
    return Made(body=body.encode("utf-8"), status=status)


def render_json(data, *, headers: dict | None = None) -> Made:
    """Public data as JSON, indented for people reading it, with the characters as they are."""
    body = json.dumps(data, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder).encode("utf-8")
    return Made(body=body, content_type="application/json", headers=headers or {})


def serve(request, *, changes: bool, make: Callable[[], Made]) -> HttpResponse:
    """The stored page for this address, made and stored first if need be. `changes` is False for pages
    that can never change. `make` may raise Http404; nothing is stored then."""
    known = _GENERATION.current() if changes else 0
    try:
        page = _find_unchanging(request.path, revision()) if not changes else (
            _find(request.path, revision()) if known is None else _find_current(request.path, known)
        )
    except LookupError:
        generation = (_generation() if known is None else known) if changes else 0  # read before `make` reads
        made = make()
        page = _store(request.path, made, generation=generation, valid_until=_next_start() if changes else None)
        _BODIES[page.etag] = made.body
        if not changes:
            page = _find_unchanging(request.path, revision())  # remembered from now on
        elif known is not None:
            page.body = b""  # the body is remembered by its ETag; this memory holds only the row
            _CURRENT.put(page)
    return _respond(request, page, changes=changes)


def public_changed(*, notice_id: int, action: str) -> None:
    """Record that what the public can see changed (a version published, a notice withdrawn): every
    process makes its pages showing what is in force again. Call it inside the change's transaction."""
    PublicChange.objects.create(notice_id=notice_id, action=action)
    _GENERATION.forget()  # this process, at once; the others once the change is committed:
    transaction.on_commit(_mark_changed, robust=True)


def _mark_changed() -> None:
    marker = _marker()
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        # A new file each time (written, then renamed over the old): its inode and time both change.
        fresh = marker.with_name(f"{marker.name}.{os.getpid()}.{threading.get_ident()}")
        fresh.write_text(str(time.time_ns()))
        fresh.replace(marker)
    except OSError:
        logger.exception("Could not mark a public change in %s: other processes see it within %s s",
                         marker, GENERATION_RECHECK_SECONDS)


def _marker() -> Path | None:
    """The shared marker file, or None when there is none to share (see the module's docstring)."""
    storage = settings.STORAGES["default"]["BACKEND"]
    return _marker_for(getattr(settings, "PUBLIC_CHANGE_MARKER", None), str(settings.MEDIA_ROOT), storage)


@functools.lru_cache(maxsize=16)
def _marker_for(configured: str | None, media_root: str, storage: str) -> Path | None:
    # Remembered: it is asked on every request, and making a Path costs more than the stat.
    if configured is not None:
        return Path(configured) if configured else None
    if storage != "django.core.files.storage.FileSystemStorage":
        return None  # MEDIA_ROOT is then this machine's alone
    return Path(media_root) / ".public-change"


class _Generation:
    """This process's knowledge of the latest public generation, and the marker's state when it was read."""

    def __init__(self):
        self.lock = threading.Lock()
        self.stamp = self.generation = None
        self.read_at = 0.0

    def current(self) -> int | None:
        """The latest generation, read from the database only when the marker changed; None without a marker."""
        marker = _marker()
        if marker is None:
            return None
        try:
            found = os.stat(marker)
        except FileNotFoundError:
            _mark_changed()  # the first process to look creates it; the others then see it change
            return None
        except OSError:
            return None
        stamp, now = (found.st_ino, found.st_mtime_ns, str(marker)), time.monotonic()
        with self.lock:
            if stamp == self.stamp and now - self.read_at < GENERATION_RECHECK_SECONDS:
                return self.generation
        generation = _generation()  # read after the stat, so never older than the change the marker shows
        with self.lock:
            self.stamp, self.generation, self.read_at = stamp, generation, now
        return generation

    def forget(self) -> None:
        with self.lock:
            self.stamp = self.generation = None


class _Current:
    """This process's stored rows (not bodies) of pages showing what is in force, by address."""

    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, path: str, generation: int) -> PublicPage | None:
        with self.lock:
            page = self.items.get(path)
        if page is None or page.revision != revision() or page.generation != generation:
            return None
        return page if page.valid_until is None or page.valid_until > today() else None

    def put(self, page: PublicPage) -> None:
        with self.lock:
            self.items[page.path] = page
            self.items.move_to_end(page.path)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


_GENERATION, _CURRENT = _Generation(), _Current(size=4096)


def _find_current(path: str, generation: int) -> PublicPage:
    """A page showing what is in force at a known generation: from this process's memory, or its row."""
    page = _CURRENT.get(path, generation)
    if page is None:
        page = _find(path, revision(), generation=generation)
        page.path, page.revision, page.generation = path, revision(), generation
        _CURRENT.put(page)
    return page


def serve_unstored(request, *, make: Callable[[], Made], dated: bool = True) -> HttpResponse:
    """A public page made on every request, with the headers of a stored one: for addresses too many to
    store (the version in force on each past date would be a page per day per notice). `dated` False for
    a page that also shows what changes without a public change (organisations): it has no Last-Modified
    to be wrong, and is revalidated by its ETag alone."""
    made = make()
    page = PublicPage(
        status=made.status,
        content_type=made.content_type,
        etag=_etag(made.body),
        last_modified=_last_public_change() if dated else None,
        headers=made.headers,
        valid_until=_next_start(),
    )
    return _respond(request, page, changes=True, body=made.body)


def _last_public_change() -> dt.datetime:
    """When what is in force last changed: a publication or withdrawal, or a scheduled version starting."""
    written = PublicChange.objects.order_by("-id").values_list("at", flat=True).first()
    started = Publication.objects.filter(effective_from__lte=today()).aggregate(day=Max("effective_from"))["day"]
    moments = [written, started and timezone.make_aware(dt.datetime.combine(started, dt.time.min))]
    return max((moment for moment in moments if moment), default=timezone.now()).replace(microsecond=0)


def _etag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()}"'


def forget() -> None:
    """Empty this process's memories (tests do, between databases and settings)."""
    revision.cache_clear()
    _find_unchanging.cache_clear()
    _BODIES.clear()
    _CURRENT.clear()
    _GENERATION.forget()


@functools.cache
def revision() -> str:
    """A fingerprint of the release: every template, static file and module that shapes a public page."""
    digest = hashlib.sha256()
    for folder, pattern in _SOURCES:
        for path in sorted((settings.BASE_DIR / folder).rglob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode() + b"\0" + path.read_bytes())
    digest.update("\0".join([settings.PORTAL_NAME, settings.STATIC_URL, settings.PORTAL_URL]).encode())
    digest.update(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    return digest.hexdigest()[:16]


def _generation() -> int:
    return PublicChange.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _next_start() -> dt.date | None:
    """The day the next scheduled version (of any notice: a child's shows on its parent's page) starts."""
    return Publication.objects.filter(effective_from__gt=today()).aggregate(day=Min("effective_from"))["day"]


def _find(path: str, revision: str, *, generation: int | None = None) -> PublicPage:
    """The stored row (not its body) or LookupError. Without `generation`, the latest is read in the same
    statement, so it is the one the data was made at."""
    sql = _find_sql(latest=generation is None)
    params = [path, revision, today()] if generation is None else [path, revision, generation, today()]
    page = next(iter(PublicPage.objects.raw(sql, params)), None)
    if page is None:
        raise LookupError(path)
    return page


@functools.cache
def _find_sql(*, latest: bool) -> str:
    # Written out once rather than built by the ORM on every request: compiling the query cost four times
    # what running it does, and this is the one query a page showing what is in force makes.
    page, change = (connection.ops.quote_name(model._meta.db_table) for model in (PublicPage, PublicChange))
    columns = "id, valid_until, status, content_type, etag, last_modified, headers"
    where = "path = %s AND revision = %s AND "
    if latest:
        # Only our own quoted table names are formatted in; every value is a parameter.
        where += f"generation = COALESCE((SELECT MAX(id) FROM {change}), 0) AND "  # noqa: S608  # nosec B608
    else:
        where += "generation = %s AND "
    where += "(valid_until IS NULL OR valid_until > %s)"
    return f"SELECT {columns} FROM {page} WHERE {where}"  # noqa: S608  # nosec B608


@functools.lru_cache(maxsize=2048)
def _find_unchanging(path: str, revision: str) -> PublicPage:
    # A miss raises, and lru_cache keeps no exception, so only pages that exist are remembered.
    return _find(path, revision, generation=0)


class _Bodies:
    """Page bodies by ETag, the least recently used dropped beyond a budget of bytes."""

    def __init__(self, budget: int):
        self.budget, self.size, self.items = budget, 0, OrderedDict()
        self.lock = threading.Lock()

    def get(self, etag: str, load: Callable[[], bytes]) -> bytes:
        with self.lock:
            if etag in self.items:
                self.items.move_to_end(etag)
                return self.items[etag]
        body = load()
        self[etag] = body
        return body

    def __setitem__(self, etag: str, body: bytes) -> None:
        with self.lock:
            if etag not in self.items:
                self.items[etag] = body
                self.size += len(body)
            while self.size > self.budget and len(self.items) > 1:
                self.size -= len(self.items.popitem(last=False)[1])

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0


_BODIES = _Bodies(budget=32 * 1024 * 1024)


def _body(page: PublicPage) -> bytes:
    return _BODIES.get(page.etag, lambda: bytes(PublicPage.objects.values_list("body", flat=True).get(pk=page.pk)))


def _store(path: str, made: Made, *, generation: int, valid_until: dt.date | None) -> PublicPage:
    etag = _etag(made.body)
    # Last-Modified is when these bytes first appeared: a page made again, identical, keeps its date.
    previous = PublicPage.objects.filter(path=path, etag=etag).values_list("last_modified", flat=True).first()
    page = PublicPage(
        path=path,
        revision=revision(),
        generation=generation,
        valid_until=valid_until,
        status=made.status,
        content_type=made.content_type,
        body=made.body,
        etag=etag,
        last_modified=previous or timezone.now().replace(microsecond=0),
        headers=made.headers,
    )
    PublicPage.objects.filter(path=path).exclude(revision=page.revision, generation=generation).delete()
    # Two processes making the same page at once make the same bytes; the second insert is dropped.
    PublicPage.objects.bulk_create([page], ignore_conflicts=True)
    return page


def _dated(page: PublicPage) -> tuple[int | None, str]:
    """Last-Modified as a timestamp and as the header, worked out once for a page this process remembers."""
    if not hasattr(page, "_dated"):
        last_modified = page.last_modified and int(page.last_modified.timestamp())
        page._dated = (last_modified, http_date(last_modified) if last_modified else "")
    return page._dated


def _max_age(page: PublicPage) -> int:
    if page.valid_until is None:
        return CURRENT_MAX_AGE
    start = timezone.make_aware(dt.datetime.combine(page.valid_until, dt.time.min))
    return max(0, min(CURRENT_MAX_AGE, int((start - timezone.now()).total_seconds())))


def _respond(request, page: PublicPage, *, changes: bool, body: bytes | None = None) -> HttpResponse:
    last_modified, last_modified_header = _dated(page)
    response = None
    conditional = "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META
    if page.status == 200 and conditional:
        response = get_conditional_response(request, etag=page.etag, last_modified=last_modified)
    if response is None:
        body = _body(page) if body is None else body
        response = HttpResponse(body, status=page.status, content_type=page.content_type)
        for name, value in page.headers.items():
            response[name] = value
    response["ETag"] = page.etag
    if last_modified:
        response["Last-Modified"] = last_modified_header
    response["Cache-Control"] = f"public, max-age={_max_age(page)}" if changes else IMMUTABLE
    return response
