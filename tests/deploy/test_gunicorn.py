"""The portal under gunicorn with gunicorn.conf.py and the production settings, as the image runs it."""

import contextlib
import re
import secrets
import subprocess
import sys

import pytest

from . import servers


@contextlib.contextmanager
def _serving(tmp_path, **settings):
    """gunicorn on a free port; yields the port and the process (its stderr is gunicorn's log)."""
    port = servers.free_port()
    env = {
        "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
        "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
        "PORTAL_URL": "https://notices.example.gov.uk", "TRUSTED_PROXIES": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}", "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{port}", **settings,
    }
    process = subprocess.Popen(  # noqa: S603 (our own config)
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "config.wsgi:application"],
        cwd=servers.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        servers.wait_for_port(port, process=process)
        servers.request(port, "GET", "/healthz", timeout=60)  # the workers load Django on their first request
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=60)


@pytest.fixture
def gunicorn(tmp_path):
    with _serving(tmp_path) as (port, _process):
        yield port


def test_it_answers_the_health_check_over_plain_http_without_naming_itself(gunicorn):
    answer = servers.request(gunicorn, "GET", "/healthz")

    assert (answer.status, answer.body) == (200, b"ok\n")
    assert "gunicorn" not in answer.headers.get("Server", "").lower()


def test_it_sends_everyone_else_to_https_unless_our_proxy_says_it_is(gunicorn):
    forged = servers.request(gunicorn, "GET", "/manage/", headers={"X-Forwarded-Proto": "https"})
    proxied = servers.request(gunicorn, "GET", "/manage/", headers={"X-Forwarded-Proto": "https"},
                              source="127.0.0.1")

    assert forged.status == 301 and forged.headers["Location"] == f"https://127.0.0.1:{gunicorn}/manage/"
    assert proxied.status == 302 and proxied.headers["Location"].startswith("/accounts/login/")


def _healthcheck(port: int) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "ALLOWED_HOSTS": "127.0.0.1", "GUNICORN_BIND": f"0.0.0.0:{port}"}
    return subprocess.run(  # noqa: S603 (our own module)
        [sys.executable, "-m", "config.healthcheck"], cwd=servers.ROOT, env=env, capture_output=True, text=True,
        timeout=30,
    )


def test_the_container_healthcheck_passes_while_the_portal_answers(gunicorn):
    assert _healthcheck(gunicorn).returncode == 0


def test_the_container_healthcheck_fails_when_nothing_answers():
    result = _healthcheck(servers.free_port())

    assert result.returncode == 1
    assert "unhealthy" in result.stderr


def test_a_worker_past_its_memory_limit_is_replaced_and_the_portal_keeps_answering(tmp_path):
    # Every worker is past 1 MB after its first request, so it is replaced; one may still take a request that
    # reached it while it was being told to stop, but not six.
    settings = {"WEB_CONCURRENCY": "1", "GUNICORN_MAX_WORKER_MB": "1", "GUNICORN_LOG_LEVEL": "info"}
    with _serving(tmp_path, **settings) as (port, process):
        answers = [servers.request(port, "GET", "/healthz", timeout=60).status for _ in range(6)]
    log = process.stderr.read()

    assert answers == [200] * 6
    assert "(limit 1 MB): replacing it" in log
    assert len(set(re.findall(r"Booting worker with pid: (\d+)", log))) >= 2
