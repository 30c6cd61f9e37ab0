"""Setting up the authenticator app: QR code and key, confirmation by a first code, recovery codes once."""

import re
from base64 import b32decode

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from accounts.views import PENDING_KEY_SESSION

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

SETUP = "/accounts/two-factor/setup/"


@pytest.fixture
def bob_signed_in(client, bob):
    """Bob after the password step, with no authenticator yet."""
    client.force_login(bob)
    return client


def _shown_key(response) -> str:
    match = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', response.content.decode())
    return match.group(1).replace(" ", "")


def test_it_shows_the_qr_code_inline_and_the_key_as_text(bob_signed_in):
    response = bob_signed_in.get(SETUP)

    html = response.content.decode()
    assert response.status_code == 200
    # Drawn in the page itself: nothing is fetched from elsewhere to show it.
    qr = r'<img class="portal-qr-code" src="data:image/svg\+xml;charset=utf-8,[^"]+" alt="QR code for your'
    assert re.search(qr, html)
    assert "https://" not in html and "http://" not in html
    assert b32decode(_shown_key(response)).hex() == bob_signed_in.session[PENDING_KEY_SESSION]
    assert response["Cache-Control"].count("no-store") == 1


def test_it_keeps_the_same_key_while_the_page_is_reloaded(bob_signed_in):
    assert _shown_key(bob_signed_in.get(SETUP)) == _shown_key(bob_signed_in.get(SETUP))


def test_it_confirms_with_a_first_code_and_shows_ten_recovery_codes_once(bob_signed_in, bob, totp_code):
    bob_signed_in.get(SETUP)
    key = bob_signed_in.session[PENDING_KEY_SESSION]

    response = bob_signed_in.post(SETUP, {"code": totp_code(key), "next": "/accounts/audit/"})

    html = response.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert response.status_code == 200 and "This is the only time these codes are shown" in html
    assert len(codes) == 10 == StaticToken.objects.filter(device__user=bob, token__in=codes).count()
    assert TOTPDevice.objects.get(user=bob).confirmed
    # Confirming proves the phone, so the session is verified: the DPO's page opens.
    assert bob_signed_in.get("/accounts/audit/").status_code == 200
    assert AuditEvent.objects.filter(actor=bob, action=AuditEvent.Action.TWO_FACTOR_ENROLLED).count() == 1
    # Coming back shows a new key to replace the app with, never the codes.
    again = bob_signed_in.get(SETUP).content.decode()
    assert not any(code in again for code in codes)


def test_it_refuses_a_wrong_first_code(bob_signed_in, bob, totp_code):
    bob_signed_in.get(SETUP)
    key = bob_signed_in.session[PENDING_KEY_SESSION]

    response = bob_signed_in.post(SETUP, {"code": totp_code(key, steps=10)})

    assert "That code does not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=bob).exists()


def test_it_asks_for_six_digits(bob_signed_in):
    response = bob_signed_in.post(SETUP, {"code": "12ab56"})

    assert "Enter the 6 digits your app shows" in response.content.decode()


def test_it_will_not_replace_an_authenticator_on_a_password_alone(client, bob, sign_in):
    sign_in(bob, verified=False)

    response = client.get(SETUP)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/?next=")


def test_it_replaces_the_authenticator_from_a_verified_session(sign_in, bob, totp_code):
    client = sign_in(bob)
    old = TOTPDevice.objects.get(user=bob)
    client.get(SETUP)

    client.post(SETUP, {"code": totp_code(client.session[PENDING_KEY_SESSION])})

    assert list(TOTPDevice.objects.filter(user=bob)) != [old]
    assert TOTPDevice.objects.filter(user=bob).count() == 1


def test_it_signs_in_next_time_with_the_new_app(bob_signed_in, bob, totp_code):
    bob_signed_in.get(SETUP)
    key = bob_signed_in.session[PENDING_KEY_SESSION]
    bob_signed_in.post(SETUP, {"code": totp_code(key, steps=-1)})

    other = Client()
    other.force_login(bob)
    response = other.post("/accounts/two-factor/", {"code": totp_code(key)})

    assert response.status_code == 302
    assert other.get("/accounts/audit/").status_code == 200
