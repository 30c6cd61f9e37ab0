"""Twenty people at once, over real HTTP: the live server on PostgreSQL, twenty threads, each with its own
signed-in session (password and second factor) and its own CSRF token, loading a page and then saving it
at the same moment, as browsers would.

- One free-text section, twenty saves from the same loaded copy: exactly one is saved; the other nineteen
  are refused with a message and are shown what the winner saved; nothing is silently overwritten.
- One register record: the same.
- The first edit after a publication ("open a new draft"), twenty at once: every edit lands in one new
  draft; nobody gets a server error.
"""

import http.client
import threading
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse

from notices import actions
from notices.models import NoticeSection, NoticeVersion
from services.models import Recipient
from tests.conftest import PASSWORD, reference_data_ensure
from tests.factories import NoticeFactory, RecipientFactory, default_organisation, member

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent saves are tested on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fast_password_hashing"),
]

PEOPLE = 20


class _FormReader(HTMLParser):
    """The fields a browser would send from each <form method="post"> of a page, as (name, value) pairs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._fields: list | None = None
        self._textarea: str | None = None
        self._select: list | None = None  # [name, chosen, first]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._fields = []
        if self._fields is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self._fields.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
        elif tag == "select" and name:
            self._select = [name, None, None]
        elif tag == "option" and self._select is not None:
            value = attrs.get("value") or ""
            if self._select[2] is None:
                self._select[2] = value
            if "selected" in attrs:
                self._select[1] = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if self._fields is None:
            return
        if tag == "textarea" and self._textarea is not None:
            self._fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, chosen, first = self._select
            self._fields.append((name, chosen if chosen is not None else first or ""))
            self._select = None
        elif tag == "form":
            self.forms.append(self._fields)
            self._fields = None


def _form_with(html: str, field: str) -> list[tuple[str, str]]:
    reader = _FormReader()
    reader.feed(html)
    return next(fields for fields in reader.forms if any(name == field for name, _ in fields))


class Browser:
    """One person's browser: their own session and CSRF cookies, plain HTTP to the live server."""

    def __init__(self, base_url: str, session_key: str):
        self.netloc = urlsplit(base_url).netloc
        self.cookies = {settings.SESSION_COOKIE_NAME: session_key}

    def request(self, method: str, path: str, fields=None) -> tuple[int, str]:
        body = urlencode(fields or [])
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.netloc, timeout=120)
        try:
            connection.request(method, path, body=body if method == "POST" else None, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.read().decode()
        finally:
            connection.close()


def _officers(sign_in, live_server) -> list[Browser]:
    """PEOPLE IG officers of the default organisation (the one the records and notices are made in)."""
    browsers = []
    for n in range(PEOPLE):
        user = User.objects.create_user(username=f"officer{n}", password=PASSWORD, is_staff=True,
                                        first_name=f"Officer {n}")
        member(user, default_organisation(), "ig_officer")
        client = sign_in(user, client=Client())  # password and second factor, as the sign-in leaves them
        browsers.append(Browser(live_server.url, client.cookies[settings.SESSION_COOKIE_NAME].value))
    return browsers


def _all_at_once(browsers, work) -> list:
    """Run work(n, browser) in one thread per browser, released together; return the results in order."""
    barrier = threading.Barrier(len(browsers))
    results: list = [None] * len(browsers)

    def run(n, browser):
        from django.db import connections

        try:
            results[n] = work(n, browser, barrier)
        except BaseException as error:  # noqa: BLE001 - reported by the assertions below
            results[n] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, b)) for n, b in enumerate(browsers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def _save_from_one_loaded_copy(browsers, url: str, field: str, typed: str) -> list:
    """Each browser loads the page, then all save at once, each with its own text in `field`."""

    def work(n, browser, barrier):
        status, page = browser.request("GET", url)
        assert status == 200, status
        fields = [(name, f"{typed} {n}" if name == field else value) for name, value in _form_with(page, field)]
        barrier.wait(timeout=120)
        return browser.request("POST", url, fields)

    return _all_at_once(browsers, work)


def _assert_one_saved_and_the_rest_shown_the_winner(results, *, saved_text, refusal: str):
    assert [r for r in results if isinstance(r, BaseException)] == []
    statuses = [status for status, _ in results]
    assert [s for s in statuses if s >= 500] == [], statuses
    assert statuses.count(302) == 1 and statuses.count(409) == PEOPLE - 1, statuses
    winner = statuses.index(302)
    for status, page in results:
        if status == 409:
            assert refusal in page
            assert saved_text(winner) in page  # the other person's change, shown to the refused editor
    return winner


def test_it_keeps_every_free_text_save_or_refuses_it_with_the_winners_text(sign_in, live_server):
    reference_data_ensure()
    browsers = _officers(sign_in, live_server)
    notice = NoticeFactory()
    author = User.objects.get(username="officer0")
    section = actions.notice_section_add(actor=author, notice=notice, heading="CCTV", body="Cameras.")
    url = reverse("manage:section_edit", args=[notice.pk, section.pk])

    results = _save_from_one_loaded_copy(browsers, url, "body", "Cameras, as officer")
    winner = _assert_one_saved_and_the_rest_shown_the_winner(
        results, saved_text=lambda n: f"Cameras, as officer {n}", refusal="was changed by someone else")
    section = NoticeSection.objects.get(pk=section.pk)
    assert section.body == f"Cameras, as officer {winner}"  # 0 lost: the one save reported is the one kept
    assert section.history.count() == 2  # added, then the one save


def test_it_keeps_every_register_save_or_refuses_it_with_the_winners_change(sign_in, live_server):
    reference_data_ensure()
    browsers = _officers(sign_in, live_server)
    police = RecipientFactory(name="Borsetshire Police", why_shared="Crime")
    url = reverse("manage:record_edit", args=["recipients", police.pk])

    results = _save_from_one_loaded_copy(browsers, url, "why_shared", "Safeguarding, as officer")
    winner = _assert_one_saved_and_the_rest_shown_the_winner(
        results, saved_text=lambda n: f"Safeguarding, as officer {n}", refusal="was changed by someone else")
    police = Recipient.objects.get(pk=police.pk)
    assert police.why_shared == f"Safeguarding, as officer {winner}"
    assert police.history.count() == 2


def test_it_opens_one_new_draft_for_twenty_first_edits_at_once(sign_in, live_server, alice, bob):
    reference_data_ensure()
    browsers = _officers(sign_in, live_server)
    notice = NoticeFactory()
    version = notice.versions.get()
    actions.version_submit(actor=alice, version=version, change_summary="First version")
    actions.version_publish(actor=bob, version=version)
    url = reverse("manage:section_add", args=[notice.pk])

    def work(n, browser, barrier):
        status, page = browser.request("GET", url)
        assert status == 200, status
        fields = dict(_form_with(page, "heading"))
        fields.update(heading=f"Section by officer {n}", body="Text.")
        barrier.wait(timeout=120)
        return browser.request("POST", url, list(fields.items()))

    results = _all_at_once(browsers, work)
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert [status for status, _ in results] == [302] * PEOPLE  # every first edit kept, no server error
    assert list(notice.versions.filter(status=NoticeVersion.Status.DRAFT).values_list("number", flat=True)) == [2]
    assert sorted(notice.sections.values_list("heading", flat=True)) == sorted(
        f"Section by officer {n}" for n in range(PEOPLE)
    )
