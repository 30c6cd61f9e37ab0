"""/healthz answers whether the portal can reach its database and its storage, and tells the public no more."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

URL = "/healthz"
ROOT = Path(__file__).resolve().parents[2]


def test_it_says_ok_when_database_and_storage_answer(client, media_root):
    response = client.get(URL)

    assert (response.status_code, response.content, response["Content-Type"]) == (200, b"ok\n", "text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert list(media_root.joinpath("healthz").iterdir()) == []  # the probe file is removed again


def test_it_says_unavailable_without_details_when_storage_fails(client, settings, tmp_path, caplog):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the media directory should be")
    settings.MEDIA_ROOT = blocked

    with caplog.at_level(logging.ERROR, logger="config.health"):
        response = client.get(URL)

    assert (response.status_code, response.content) == (503, b"unavailable\n")
    assert "Health check failed: storage unreachable" in caplog.text


def test_it_says_unavailable_when_the_database_is_down(tmp_path):
    # A real portal process whose database refuses connections (nothing listens on port 1).
    code = (
        "from django.test import Client; response = Client().get('/healthz');"
        "print(response.status_code, response.content.decode().strip())"
    )
    env = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:1/portal", "MEDIA_ROOT": str(tmp_path),
           "ALLOWED_HOSTS": "testserver", "LOG_FORMAT": "json"}
    result = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )

    assert result.stdout.split("\n")[-2] == "503 unavailable", result.stderr
    logged = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert any(line["message"] == "Health check failed: database unreachable" for line in logged)


def test_it_answers_over_plain_http_in_production(client, settings, media_root):
    # The container healthcheck asks gunicorn directly, without TLS; every other address redirects to https.
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(URL).status_code == 200
    assert client.get("/").status_code == 301
