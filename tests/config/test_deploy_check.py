"""Django's deployment checklist passes under the README's production environment, and the portal
refuses to start in production on the development secret key. Each runs manage.py in a subprocess, so
the settings module is read afresh under that environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# As README "Production environment" lists it.
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "notices.example.gov.uk",
    "CSRF_TRUSTED_ORIGINS": "https://notices.example.gov.uk",
    "DATABASE_URL": "postgres://portal:not-a-real-password@db:5432/portal",
}
# Anything in the environment running the tests that would change the outcome is removed.
SCRUBBED = {"SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
            "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "BEHIND_TLS_PROXY", "DJANGO_SETTINGS_MODULE",
            # Set by the browser tests for Playwright's sync API; a real deployment never has it.
            "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _manage(*args, env, unset=()):
    base = {key: value for key, value in os.environ.items() if key not in SCRUBBED | set(unset)}
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True,
        timeout=120,
    )


def test_it_passes_the_deployment_checklist_in_production():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("secret_key", [None, "", "dev-only-insecure-key-never-use-in-production"])
def test_it_refuses_to_start_with_debug_off_and_the_development_key(secret_key):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key

    result = _manage("check", env=env, unset=["SECRET_KEY"])

    assert result.returncode != 0
    assert "SECRET_KEY must be set to a long random value when DEBUG is off." in result.stderr
