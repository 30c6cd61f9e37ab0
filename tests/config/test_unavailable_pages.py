"""What readers get when a promise cannot be kept: a date that is not one, or a database that is down."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(publish):
    notice = NoticeFactory(slug="family-hubs")
    publish(notice)
    return notice


@pytest.mark.parametrize("date", ["2147483648-01-01", "99999999999999999999-1-1", "2024-99999999999-1",
                                  "2024-02-30", "0-1-1", "10000-1-1"])
def test_it_answers_a_date_that_is_not_one_with_404_and_the_date_form(client, published, date):
    response = client.get(f"/notices/family-hubs/on/{date}/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "That is not a date we can look up" in page
    assert 'name="day"' in page and 'action="/notices/family-hubs/versions/"' in page


def _unreachable(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def test_it_gives_a_503_page_when_the_database_cannot_be_reached(sign_in, alice, monkeypatch):
    client = sign_in(alice, client=Client(raise_request_exception=False))
    # The first query of a signed-in request is the session's, made in middleware before any view.
    monkeypatch.setattr(SessionStore, "load", _unreachable)
    response = client.get("/manage/")
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Sorry, the service is unavailable" in page and "Try again in a minute" in page


def test_it_still_gives_a_500_page_for_any_other_fault(sign_in, alice, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    client = sign_in(alice, client=Client(raise_request_exception=False))
    monkeypatch.setattr(SessionStore, "load", broken)
    response = client.get("/manage/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
