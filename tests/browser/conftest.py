"""Browser tests: a real Chromium, driven by Playwright, against pytest-django's live server.

Chromium comes from the system (Debian's `chromium` package), never from `playwright install`, so the
tests run offline. Without a Chromium they are skipped, and the summary says how to get one; under CI
(CI=true) they fail instead, so a pipeline cannot go green without having run them.
"""

import os
import shutil
from collections.abc import Callable, Mapping

import pytest

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
