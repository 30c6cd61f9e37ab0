"""Browser tests: a real Chromium, driven by Playwright, against pytest-django's live server.

Chromium comes from the system (Debian's `chromium` package), never from `playwright install`, so the
tests run offline. Without a Chromium they are skipped, and the summary says how to get one; under CI
(CI=true) they fail instead, so a pipeline cannot go green without having run them.
"""

import os
import shutil
from collections.abc import Callable, Mapping

import pytest
from django.core.management import call_command
from django.db import connections

# Playwright's sync API keeps an event loop running in the main thread for the rest of the session, and
# Django refuses ORM calls made while a loop runs (SynchronousOnlyOperation). Our tests are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

NO_CHROMIUM = (
    "No Chromium found on PATH (looked for `chromium` and `chromium-browser`). "
    "Install one: on Debian/Ubuntu `apt-get install chromium`; elsewhere, with internet access, "
    "`playwright install chromium`."
)


def find_chromium(
    *, which: Callable[[str], str | None] = shutil.which, environ: Mapping[str, str] = os.environ
) -> str:
    """The Chromium to drive. Without one, skip the test, or fail it when CI is "true"."""
    path = which("chromium") or which("chromium-browser")
    if path:
        return path
    if environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{NO_CHROMIUM} CI=true, so browser tests fail rather than skip.", pytrace=False)
    pytest.skip(NO_CHROMIUM)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options, pointed at the system Chromium and kept off the network."""
    return {**browser_type_launch_args, "executable_path": find_chromium(), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session", autouse=True)
def _migrated_data(django_db_setup, django_db_blocker) -> dict[str, str]:
    """The migrated rows (lawful bases, roles, stale references) that serialized_rollback restores at the start
    of each browser test, read before Playwright starts; the tables are then emptied once.

    Why both: once Playwright's event loop runs in this thread, Django hands out new connection objects (asgiref's
    Local goes by context when a loop is running), without the serialized rows, so `browser` below gives them back.
    And restoring rows into tables that still hold them is an UPDATE, which PostgreSQL refuses on the history and
    audit tables (accounts/db.py); TRUNCATE fires no row triggers, so after it the restore inserts.
    """
    contents = {alias: connections[alias]._test_serialized_contents for alias in connections
                if hasattr(connections[alias], "_test_serialized_contents")}
    with django_db_blocker.unblock():
        for alias in connections:
            # As TransactionTestCase flushes: sequences run on, so restored ids never collide with new rows.
            call_command("flush", database=alias, interactive=False, verbosity=0, reset_sequences=False,
                         inhibit_post_migrate=True)
    return contents


@pytest.fixture(scope="session")
def browser(_migrated_data, browser):
    """pytest-playwright's browser, with the serialized rows put back on the connections tests now get."""
    for alias, contents in _migrated_data.items():
        connections[alias]._test_serialized_contents = contents
    return browser
