"""Nothing in the portal assumes it is the only process: what must agree between processes lives in
PostgreSQL or the file storage, never in one process's memory or disk. (README "Running on more than one
machine".)"""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "services", "retention", "notices", "operations", "config", "notifications", "imports", "ropa"]
PER_PROCESS_CACHES = {"django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache"}


def _sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path, path.read_text()


def test_sessions_lockouts_and_messages_are_shared_by_every_process():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert getattr(settings, "AXES_HANDLER", "axes.handlers.database.AxesDatabaseHandler") == (
        "axes.handlers.database.AxesDatabaseHandler"
    )
    assert getattr(settings, "MESSAGE_STORAGE", "django.contrib.messages.storage.fallback.FallbackStorage") in {
        "django.contrib.messages.storage.fallback.FallbackStorage",
        "django.contrib.messages.storage.session.SessionStorage",
        "django.contrib.messages.storage.cookie.CookieStorage",
    }


def test_no_code_uses_a_cache_that_each_process_would_keep_to_itself():
    uses_cache = [
        str(path.relative_to(ROOT)) for path, source in _sources()
        if re.search(r"django\.core\.cache|cache_page|\bcaches\[", source)
    ]

    if settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES:
        assert uses_cache == [], (
            "These use Django's cache, which is per process (LocMemCache): configure a shared one in CACHES "
            f"(e.g. DatabaseCache) first: {uses_cache}"
        )


def test_files_are_written_only_through_the_storage_api():
    # The management commands, backups and the static mirror write where the operator points them; frozen.py's
    # public-change marker is only a hint beside the media files (each process also asks the database every
    # few seconds, and always where there is no local media folder); everything else uses default_storage.
    writers = [
        str(path.relative_to(ROOT)) for path, source in _sources()
        if "management" not in path.parts and path.name not in ("backup.py", "mirror.py", "frozen.py")
        and re.search(r"""open\([^)]*["'][wa]b?["']|\.write_(text|bytes)\(""", source)
    ]

    assert writers == []
