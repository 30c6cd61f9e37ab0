"""Security headers on a public page and on staff pages; cookie flags and HSTS in production."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

pytestmark = [pytest.mark.usefixtures("fast_password_hashing"), pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_CSP = {
    "default-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
EVERY_RESPONSE = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _csp(response) -> dict[str, str]:
    directives = (part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return {name: value for name, value in directives}


def _assert_common_headers(response):
    assert {name: response.get(name) for name in EVERY_RESPONSE} == EVERY_RESPONSE
    csp = _csp(response)
    assert EXPECTED_CSP.items() <= csp.items()
    # Our own origin, plus a per-request nonce on pages whose inline scripts use one.
    assert re.fullmatch(r"'self'( 'nonce-[A-Za-z0-9+/=_-]+')?", csp["script-src"])


def test_it_sends_the_headers_on_a_public_page_which_may_be_cached(client):
    response = client.get("/")

    assert response.status_code == 200
    _assert_common_headers(response)
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/audit/", "/admin/", "/manage/"])
def test_it_sends_the_headers_and_no_store_on_staff_pages(client, sign_in, charlie, path):
    sign_in(charlie)

    response = client.get(path)

    _assert_common_headers(response)
    assert "no-store" in response["Cache-Control"]


def test_it_adds_the_nonce_to_script_src_when_a_page_uses_it():
    request = RequestFactory().get("/")

    def page(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">document.body.className += " js-enabled"</script>')

    middleware = CSPMiddleware(page)
    middleware.process_request(request)
    response = middleware.process_response(request, page(request))

    assert _csp(response)["script-src"] == f"'self' 'nonce-{request.csp_nonce}'"


def test_it_marks_cookies_secure_httponly_and_samesite_in_production(client, settings, alice):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True

    page = client.get("/accounts/login/", secure=True)
    credentials = {"username": "alice", "password": "correct-horse-battery-staple"}
    signed_in = client.post("/accounts/login/", credentials, secure=True)

    for cookie in (page.cookies["csrftoken"], signed_in.cookies["sessionid"]):
        assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax")
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_it_turns_on_https_settings_when_debug_is_off():
    """The settings module itself, loaded under the README's production environment."""
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "notices.example.gov.uk",
           "PORTAL_URL": "https://notices.example.gov.uk"}
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps(["
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY,"
        "s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT]))"
    )
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"

    result = subprocess.run(  # noqa: S603 (fixed script)
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=120
    )

    assert json.loads(result.stdout.strip().splitlines()[-1]) == [True, True, True, True, "Lax", 31536000, True]
