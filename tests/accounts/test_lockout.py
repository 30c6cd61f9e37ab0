"""Lockout after repeated failed sign-ins (django-axes), per username AND address."""

import ipaddress
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from accounts.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

LOGIN = "/accounts/login/"
OFFICE = "10.1.2.3"
ELSEWHERE = "10.9.9.9"
PROXY = "172.30.0.10"


def _sign_in(username, password, *, address=OFFICE):
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": username, "password": password})


def _fail_until_locked(username):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _sign_in(username, "wrong password entirely")
    return response


def test_it_is_configured_as_the_brief_says():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_it_locks_out_after_five_failures_even_with_the_right_password(alice):
    fifth = _fail_until_locked("alice")

    response = _sign_in("alice", PASSWORD)

    assert fifth.status_code == 429
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts to sign in" in html
    assert "paused for 15 minutes" in html
    assert "Other people in your organisation can still sign in" in html
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOCKED_OUT, actor_username="alice").exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED, actor_username="alice").count() >= 5


def test_it_does_not_lock_out_a_colleague_at_the_same_address(alice, bob):
    _fail_until_locked("alice")

    response = _sign_in("bob", PASSWORD)

    assert response.status_code == 302


def test_it_does_not_lock_out_the_same_person_from_another_address(alice):
    _fail_until_locked("alice")

    response = _sign_in("alice", PASSWORD, address=ELSEWHERE)

    assert response.status_code == 302


def test_it_lets_them_in_again_after_the_cool_off(alice):
    _fail_until_locked("alice")
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))

    response = _sign_in("alice", PASSWORD)

    assert response.status_code == 302


def test_it_forgets_earlier_failures_after_a_success(alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in("alice", "wrong password entirely")
    _sign_in("alice", PASSWORD)

    response = _sign_in("alice", "wrong password entirely")

    assert response.status_code == 200


@pytest.fixture
def behind_our_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(PROXY)]


def test_it_locks_out_a_client_that_forges_a_new_forwarded_address_for_every_guess(alice, behind_our_proxy):
    # The attacker reaches the portal directly (not through our proxy) and sends a fresh X-Forwarded-For each time.
    for number in range(12):
        Client(REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR=f"81.2.69.{number}").post(
            LOGIN, {"username": "alice", "password": "wrong password entirely"}
        )

    response = Client(REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR="81.2.69.200").post(
        LOGIN, {"username": "alice", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == OFFICE


def test_it_locks_out_a_client_that_forges_addresses_through_our_proxy(alice, behind_our_proxy):
    # Through the proxy, the forged entries come first and the proxy appends the real address last.
    for number in range(12):
        Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"81.2.69.{number}, {ELSEWHERE}").post(
            LOGIN, {"username": "alice", "password": "wrong password entirely"}
        )

    response = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ELSEWHERE}").post(
        LOGIN, {"username": "alice", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == ELSEWHERE
