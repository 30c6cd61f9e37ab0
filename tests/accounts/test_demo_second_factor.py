"""demo_second_factor_ensure: what load_demo prints so a demo user can sign in with both factors."""

from base64 import b32decode

import pytest
from django.test import Client

from accounts.actions import demo_second_factor_ensure
from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("fast_password_hashing")


def _password_step(user):
    client = Client()
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    return client


def test_it_gives_a_secret_an_app_can_use_and_recovery_codes(bob):
    demo = demo_second_factor_ensure(user=bob)

    assert demo["otpauth_uri"].startswith("otpauth://totp/Privacy%20notices%3Abob?secret=")
    assert f"secret={demo['secret_base32']}" in demo["otpauth_uri"]
    assert len(demo["recovery_codes"]) == 10


def test_it_is_idempotent(bob):
    assert demo_second_factor_ensure(user=bob) == demo_second_factor_ensure(user=bob)


def test_it_lets_the_demo_user_sign_in_with_the_secret(bob, totp_code):
    demo = demo_second_factor_ensure(user=bob)
    client = _password_step(bob)

    client.post("/accounts/two-factor/", {"code": totp_code(b32decode(demo["secret_base32"]).hex())})

    assert client.get("/accounts/audit/").status_code == 200


def test_it_lets_the_demo_user_sign_in_with_a_recovery_code_and_stops_listing_it(bob):
    code = demo_second_factor_ensure(user=bob)["recovery_codes"][0]
    client = _password_step(bob)

    client.post("/accounts/two-factor/", {"code": code})

    assert client.get("/accounts/audit/").status_code == 200
    assert code not in demo_second_factor_ensure(user=bob)["recovery_codes"]
