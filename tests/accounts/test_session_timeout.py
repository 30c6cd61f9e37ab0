"""Staff sessions end after 30 minutes idle or 12 hours after signing in (timestamps moved, no sleeping)."""

import pytest
from django.conf import settings

from accounts.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY
from accounts.models import AuditEvent

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

AUDIT = "/accounts/audit/"


def _shift(client, key, seconds):
    """Pretend `key` happened `seconds` earlier than it did."""
    session = client.session
    session[key] -= seconds
    session.save()


def test_it_defaults_to_thirty_minutes_idle_and_twelve_hours_in_all():
    assert settings.SESSION_IDLE_TIMEOUT_SECONDS == 30 * 60
    assert settings.SESSION_MAX_AGE_SECONDS == 12 * 60 * 60
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_AGE_SECONDS


def test_it_keeps_a_session_used_within_thirty_minutes(sign_in, bob):
    client = sign_in(bob)
    _shift(client, SESSION_STARTED_KEY, 29 * 60)
    _shift(client, SESSION_SEEN_KEY, 29 * 60)

    assert client.get(AUDIT).status_code == 200
    # ...and counts that request as activity.
    assert client.get(AUDIT).status_code == 200
    assert client.session[SESSION_SEEN_KEY] > client.session[SESSION_STARTED_KEY] + 28 * 60


def test_it_signs_out_after_thirty_minutes_idle(sign_in, bob):
    client = sign_in(bob)
    _shift(client, SESSION_STARTED_KEY, 31 * 60)
    _shift(client, SESSION_SEEN_KEY, 31 * 60)

    response = client.get(AUDIT, follow=True)

    assert response.redirect_chain[0][0] == "/accounts/login/?next=/accounts/audit/"
    assert "had not used the portal for 30 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action=AuditEvent.Action.SESSION_EXPIRED)
    assert (event.actor, event.detail) == (bob, {"reason": "idle"})


def test_it_signs_out_twelve_hours_after_sign_in_however_active(sign_in, bob):
    client = sign_in(bob)
    _shift(client, SESSION_STARTED_KEY, 12 * 60 * 60 + 1)

    response = client.get(AUDIT)

    assert response["Location"] == "/accounts/login/?next=/accounts/audit/"
    assert AuditEvent.objects.get(action=AuditEvent.Action.SESSION_EXPIRED).detail == {"reason": "lifetime"}


def test_it_follows_the_settings(sign_in, bob, settings):
    settings.SESSION_IDLE_TIMEOUT_SECONDS = 60
    client = sign_in(bob)
    _shift(client, SESSION_SEEN_KEY, 61)

    assert client.get(AUDIT).status_code == 302


def test_it_ends_a_session_that_was_never_stamped(sign_in, bob):
    client = sign_in(bob)
    session = client.session
    del session[SESSION_STARTED_KEY]
    session.save()

    assert client.get(AUDIT).status_code == 302
