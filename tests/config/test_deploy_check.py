"""Django's deployment checklist passes under the README's production environment, and the portal
refuses to start in production misconfigured, saying which variable to set. Each runs manage.py in a
subprocess, so the settings module is read afresh under that environment."""

import json
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
    "PORTAL_URL": "https://notices.example.gov.uk",
    "TRUSTED_PROXIES": "172.30.0.10",
    "DATABASE_URL": "postgres://portal_web:not-a-real-password@db:5432/portal",
}
# Anything in the environment running the tests that would change the outcome is removed.
SCRUBBED = {"SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
            "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "BEHIND_TLS_PROXY", "DJANGO_SETTINGS_MODULE",
            "SENTRY_DSN", "LOG_FORMAT",
            # Set by the browser tests for Playwright's sync API; a real deployment never has it.
            "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _manage(*args, env, unset=()):
    return _python("manage.py", *args, env=env, unset=unset)


def _python(*args, env, unset=()):
    base = {key: value for key, value in os.environ.items() if key not in SCRUBBED | set(unset)}
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120,
    )


UNSET = object()


def test_it_passes_the_deployment_checklist_in_production():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORTAL_URL": UNSET}, "PORTAL_URL is not set: set PORTAL_URL to the portal's public https address"),
        ({"PORTAL_URL": ""}, "PORTAL_URL is not set"),
        ({"PORTAL_URL": "http://localhost:8000"}, "PORTAL_URL='http://localhost:8000' is not an https address"),
        ({"PORTAL_URL": "https://localhost"}, "PORTAL_URL='https://localhost' points at this machine"),
        ({"PORTAL_URL": "https://127.0.0.1:8443"}, "PORTAL_URL='https://127.0.0.1:8443' points at this machine"),
        ({"PORTAL_URL": "https://0.0.0.0"}, "PORTAL_URL='https://0.0.0.0' points at this machine"),
        ({"PORTAL_URL": "notices.example.gov.uk"}, "PORTAL_URL='notices.example.gov.uk' is not an https address"),
        ({"SECRET_KEY": UNSET}, "SECRET_KEY is not set: set SECRET_KEY to at least 50 random characters"),
        ({"SECRET_KEY": ""}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "x" * 49}, "SECRET_KEY is 49 characters long: set SECRET_KEY to at least 50"),
        ({"SECRET_KEY": "dev-only-insecure-key-never-use-in-production"}, "SECRET_KEY is 45 characters long"),
        ({"ALLOWED_HOSTS": UNSET}, "ALLOWED_HOSTS is empty: set ALLOWED_HOSTS to the portal's host names"),
        ({"ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS is empty"),
        ({"TRUSTED_PROXIES": "proxy"}, "TRUSTED_PROXIES has 'proxy', which is not an IP address or network"),
        ({"BEHIND_TLS_PROXY": "true"}, "BEHIND_TLS_PROXY is no longer read"),
        ({"EMAIL_HOST": "smtp.example.gov.uk"},
         "EMAIL_HOST is set but DEFAULT_FROM_EMAIL is not: set DEFAULT_FROM_EMAIL"),
        ({"EMAIL_HOST": "smtp.example.gov.uk", "DEFAULT_FROM_EMAIL": "notices@example.gov.uk",
          "EMAIL_HOST_USER": "portal"}, "EMAIL_HOST_USER is set but EMAIL_HOST_PASSWORD is not"),
        ({"GOVUK_NOTIFY_API_KEY": "portal-11111111-2222-3333-4444-555555555555-66666666-7777-8888-9999-000000000000"},
         "GOVUK_NOTIFY_API_KEY is set but GOVUK_NOTIFY_TEMPLATE_ID is not"),
        ({"GOVUK_NOTIFY_API_KEY": "secret", "GOVUK_NOTIFY_TEMPLATE_ID": "welcome"},
         "GOVUK_NOTIFY_API_KEY is not a GOV.UK Notify API key"),
    ],
    ids=lambda value: None if isinstance(value, dict) else value.split(":")[0],
)
def test_it_refuses_to_start_in_production_and_names_the_variable(env, message):
    unset = [name for name, value in env.items() if value is UNSET]
    changed = {name: value for name, value in env.items() if value is not UNSET}
    production = {name: value for name, value in PRODUCTION_ENV.items() if name not in unset}

    result = _manage("check", env={**production, **changed}, unset=unset)

    assert result.returncode != 0
    assert "The portal will not start with these settings:" in result.stderr
    assert message in result.stderr
    # The refusal, not a traceback into some other failure, is the last thing printed.
    assert result.stderr.strip().splitlines()[-1].startswith("- ")


def test_it_lists_every_problem_at_once():
    result = _manage("check", env={"DEBUG": "false"}, unset=PRODUCTION_ENV.keys())

    assert result.returncode != 0
    for variable in ("SECRET_KEY is not set", "ALLOWED_HOSTS is empty", "PORTAL_URL is not set"):
        assert variable in result.stderr


def test_it_starts_the_production_settings_with_json_logs_and_no_sentry():
    code = (
        "import django, logging, sys; django.setup(); logging.getLogger('portal').warning('hello');"
        "print('sentry loaded' if 'sentry_sdk' in sys.modules else 'sentry not loaded', file=sys.stderr)"
    )
    result = _python("-c", code, env={**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "config.settings"})

    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert (line["level"], line["logger"], line["message"], line["request_id"]) == ("WARNING", "portal", "hello", "-")
    assert "sentry not loaded" in result.stderr


def test_it_reports_errors_to_sentry_without_personal_data_when_a_dsn_is_set():
    code = (
        "import django; django.setup(); import sentry_sdk; client = sentry_sdk.get_client();"
        "print(client.is_active(), client.options['send_default_pii'], client.options['max_request_body_size'])"
    )
    env = {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "config.settings", "SENTRY_DSN": "https://key@127.0.0.1:9/1"}
    result = _python("-c", code, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "never"]
