"""Staff sign-in: the password step, the second-factor step, sign-out."""

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

LOGIN = "/accounts/login/"
VERIFY = "/accounts/two-factor/"
AUDIT = "/accounts/audit/"


@pytest.fixture
def bob_device(bob):
    return TOTPDevice.objects.create(user=bob, name="Phone", confirmed=True)


def _password_step(client, user, *, next_url=""):
    data = {"username": user.username, "password": PASSWORD}
    return client.post(f"{LOGIN}?next={next_url}" if next_url else LOGIN, data)


def test_it_asks_for_the_code_after_a_correct_password(client, bob, bob_device):
    response = _password_step(client, bob, next_url=AUDIT)

    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Faccounts%2Faudit%2F"
    # The password alone does not open a staff page.
    assert client.get(AUDIT)["Location"].startswith(VERIFY)


def test_it_sends_someone_without_an_authenticator_to_set_one_up(client, bob):
    response = _password_step(client, bob)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/setup/?next=%2Fmanage%2F"
    assert client.get(VERIFY)["Location"] == "/accounts/two-factor/setup/?next=%2Fmanage%2F"


def test_it_lets_the_dpo_in_with_the_code_from_the_app(client, bob, bob_device, totp_code):
    _password_step(client, bob, next_url=AUDIT)

    response = client.post(VERIFY, {"code": totp_code(bob_device), "next": AUDIT})

    assert response.status_code == 302
    assert response["Location"] == AUDIT
    assert client.get(AUDIT).status_code == 200
    assert AuditEvent.objects.filter(actor=bob, action=AuditEvent.Action.TWO_FACTOR_VERIFIED).exists()


def test_it_changes_the_session_key_at_each_step(client, bob, bob_device, totp_code):
    client.get(LOGIN)
    session = client.session
    session["seen_sign_in_page"] = True
    session.save()
    anonymous_key = session.session_key

    _password_step(client, bob)
    password_key = client.session.session_key
    client.post(VERIFY, {"code": totp_code(bob_device)})

    assert len({anonymous_key, password_key, client.session.session_key}) == 3


def test_it_refuses_a_wrong_code_and_records_it(client, bob, bob_device, totp_code):
    _password_step(client, bob)
    wrong = f"{(int(totp_code(bob_device)) + 1) % 1_000_000:06d}"

    response = client.post(VERIFY, {"code": wrong})

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(AUDIT).status_code == 302
    assert AuditEvent.objects.filter(actor=bob, action=AuditEvent.Action.TWO_FACTOR_FAILED).count() == 1


def test_it_slows_down_guessing_codes(client, bob, bob_device, totp_code):
    _password_step(client, bob)
    client.post(VERIFY, {"code": "000000" if totp_code(bob_device) != "000000" else "111111"})

    # Even the right code is refused while the pause after a wrong one lasts.
    response = client.post(VERIFY, {"code": totp_code(bob_device)})

    assert "Too many wrong codes. Wait 1 seconds" in response.content.decode()
    assert client.get(AUDIT).status_code == 302


def test_it_refuses_a_code_that_was_already_used(client, bob, bob_device, totp_code):
    code = totp_code(bob_device)
    _password_step(client, bob)
    client.post(VERIFY, {"code": code})

    other = Client()
    _password_step(other, bob)
    response = other.post(VERIFY, {"code": code})

    assert "already been used" in response.content.decode()


def test_it_accepts_each_recovery_code_once(client, bob, bob_device):
    device = StaticDevice.objects.create(user=bob, name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=device, token="abcd2345")
    _password_step(client, bob)

    response = client.post(VERIFY, {"code": "ABCD 2345", "next": AUDIT})

    assert response["Location"] == AUDIT
    assert client.get(AUDIT).status_code == 200
    event = AuditEvent.objects.get(actor=bob, action=AuditEvent.Action.RECOVERY_CODE_USED)
    assert event.detail == {"recovery_codes_left": 0}
    other = Client()
    _password_step(other, bob)
    assert "not right" in other.post(VERIFY, {"code": "abcd2345"}).content.decode()


def test_it_ignores_a_next_address_on_another_site(client, bob, bob_device, totp_code):
    _password_step(client, bob, next_url="https://evil.example/")

    response = client.post(VERIFY, {"code": totp_code(bob_device), "next": "https://evil.example/"})

    assert response["Location"] == "/manage/"


@pytest.mark.parametrize("next_url", ["audit", "<script>alert(1)</script>", "javascript:alert(1)", "/audit/\x00"])
def test_it_ignores_a_next_address_that_is_not_a_path_on_this_site(client, bob, bob_device, totp_code, next_url):
    """A bare word would otherwise be taken for the name of a page to look up, and fail as a server error; a
    control character would reach the Location header."""
    _password_step(client, bob)

    response = client.post(VERIFY, {"code": totp_code(bob_device), "next": next_url})

    assert response["Location"] == "/manage/"


def test_it_refuses_an_inactive_account(client, bob):
    bob.is_active = False
    bob.save()

    response = _password_step(client, bob)

    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED, actor_username="bob").exists()


def test_it_records_sign_in_and_sign_out(client, bob):
    _password_step(client, bob)

    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")

    assert response["Location"] == "/"
    actions = list(AuditEvent.objects.filter(actor=bob).order_by("id").values_list("action", flat=True))
    assert actions == [AuditEvent.Action.SIGN_IN, AuditEvent.Action.SIGN_OUT]
    assert AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN).ip_address == "127.0.0.1"


def test_it_already_verified_goes_straight_on(sign_in, bob):
    client = sign_in(bob)

    response = client.get(f"{VERIFY}?next={AUDIT}")

    assert response["Location"] == AUDIT


def test_it_signs_in_through_the_page_as_a_browser_would(alice):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(LOGIN).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    response = browser.post(LOGIN, {"username": "alice", "password": PASSWORD, "csrfmiddlewaretoken": token})

    assert response.status_code == 302


def test_it_puts_one_csrf_token_in_the_form(client):
    assert client.get(LOGIN).content.decode().count('name="csrfmiddlewaretoken"') == 1
