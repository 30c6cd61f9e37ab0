"""The admin: behind both factors, superusers only, signing in through /accounts/login/."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = [pytest.mark.usefixtures("fast_password_hashing"), pytest.mark.django_db]


def test_it_sends_anonymous_visitors_to_the_staff_sign_in(client):
    assert client.get("/admin/services/purpose/")["Location"] == "/accounts/login/?next=/admin/services/purpose/"
    assert client.get("/admin/login/?next=/admin/services/")["Location"] == "/accounts/login/?next=/admin/services/"


def test_it_asks_a_superuser_for_the_second_factor(sign_in, charlie):
    client = sign_in(charlie, verified=False)

    assert client.get("/admin/")["Location"] == "/accounts/two-factor/?next=%2Fadmin%2F"


def test_it_opens_for_a_verified_superuser_and_refuses_the_dpo(sign_in, charlie, bob):
    assert sign_in(charlie).get("/admin/").status_code == 200
    assert sign_in(bob, client=Client()).get("/admin/").status_code == 403


def test_it_never_shows_an_authenticators_key(sign_in, charlie, bob):
    client = sign_in(charlie)
    device = TOTPDevice.objects.create(user=bob, name="Phone", confirmed=True)

    change = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()

    assert device.key not in change
    assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/config/").status_code == 403
    assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/").status_code == 403
