"""Public pages as frozen bytes: made once, stored, served as the same bytes with a strong ETag until
something public changes; nothing about the visitor in them, so any cache or CDN may keep them."""

import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from notices import actions, frozen
from notices.models import PublicPage
from notices.selectors import today
from tests.factories import NoticeFactory, PurposeFactory, RecipientFactory, RetentionRuleFactory

pytestmark = pytest.mark.django_db

IMMUTABLE = "public, max-age=31536000, immutable"


def _big_notice():
    notice = NoticeFactory(title="Big privacy notice", slug="big")
    for n in range(25):
        notice.purposes.add(PurposeFactory(name=f"Purpose {n}", description="Why we do this. " * 20))
        notice.recipients.add(RecipientFactory(name=f"Partner {n}"))
        notice.retention_rules.add(RetentionRuleFactory(record_type=f"Records {n}"))
    return notice


class _Loaded:
    """Counts the queries a request makes and the bytes the database returns to it, row by row as Django
    fetches them."""

    def __init__(self):
        self.queries = self.bytes = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        cursor = context["cursor"]
        cursor.fetchone = self._counting(cursor.cursor.fetchone, rows=lambda row: [row] if row else [])
        cursor.fetchmany = self._counting(cursor.cursor.fetchmany, rows=list)
        cursor.fetchall = self._counting(cursor.cursor.fetchall, rows=list)
        return execute(sql, params, many, context)

    def _counting(self, fetch, *, rows):
        def counted(*args, **kwargs):
            result = fetch(*args, **kwargs)
            for row in rows(result):
                self.bytes += sum(len(bytes(v)) if isinstance(v, bytes | memoryview) else len(str(v)) for v in row)
            return result

        return counted


def _loaded(client, url):
    """(queries, bytes the database returned, response) for one request."""
    counter = _Loaded()
    with connection.execute_wrapper(counter):
        response = client.get(url)
    return counter.queries, counter.bytes, response


# Every kind of address that shows one notice, as `_public_addresses` names them; each is stored but the PDFs,
# whose bytes are files read from storage, not rows.
NOTICE_KINDS = ("in force", "summary", "versions", "version", "version summary", "json", "pdf", "current pdf")
PAGES_OF_ITS_HTML = ("in force", "version")


@pytest.mark.parametrize("kind", NOTICE_KINDS)
def test_it_loads_the_same_queries_and_only_the_page_whatever_the_notice_size(client, publish, kind):
    small, big = NoticeFactory(slug="small"), _big_notice()
    publications = {"small": publish(small), "big": publish(big)}
    client.get(reverse("public:accessibility"))  # the first look makes the marker of public changes
    figures = {}
    for slug in publications:
        url = _public_addresses(slug)[kind]
        frozen.forget()  # each notice's page made by a process that knows nothing yet
        first = _loaded(client, url)
        again = _loaded(client, url)
        frozen.forget()  # as another process, which has not served the page yet, would
        elsewhere = _loaded(client, url)
        figures[slug] = (first, again, elsewhere)

    # The same queries, small or big, whether the page is made, served again, or served by another process.
    assert [f[0] for f in figures["small"]] == [f[0] for f in figures["big"]], kind
    (first, again, elsewhere), publication = figures["big"], publications["big"]
    assert first[2].status_code == 200 and len(json.dumps(publication.document)) > 30_000
    if kind in PAGES_OF_ITS_HTML:
        # Making the page reads the frozen HTML once, never the document.
        assert first[1] - len(publication.html) < 6_000
    if kind.endswith("pdf"):
        # The stored PDF is a file: what the database returns is a few small columns, big notice or small.
        assert max(f[1] for f in (first, again, elsewhere)) < 4_000, kind
        return
    # Served again by this process: no query at all, in force or numbered.
    assert again[:2] == (0, 0), kind
    # Another process reads the small row and the page's bytes once, never the document.
    assert elsewhere[1] - len(_body(elsewhere[2])) < 1_000, kind


def test_it_reads_no_document_to_serve_the_accessibility_statement_again(client, publish):
    publish(_big_notice())
    url = reverse("public:accessibility")
    made = _loaded(client, url)
    frozen.forget()
    elsewhere = _loaded(client, url)

    assert "Big privacy notice" not in made[2].content.decode()  # names controllers, not notices
    assert _loaded(client, url)[:2] == (0, 0)
    assert elsewhere[1] - len(elsewhere[2].content) < 1_000 < made[1] - len(made[2].content)


def _public_addresses(slug):
    on = today()
    return {
        "in force": reverse("public:notice", args=[slug]),
        "versions": reverse("public:versions", args=[slug]),
        "version": reverse("public:version", args=[slug, 1]),
        "summary": reverse("public:summary", args=[slug]),
        "version summary": reverse("public:version_summary", args=[slug, 1]),
        "json": reverse("public:version_json", args=[slug, 1]),
        "on a date": reverse("public:on_date", args=[slug, on.year, on.month, on.day]),
        "compare": reverse("public:compare", args=[slug, 1, 2]),
        "pdf": reverse("public:pdf_version", args=[slug, 1]),
        "current pdf": reverse("public:pdf_current", args=[slug]),
        "embed": reverse("public:embed", args=[slug]),
        "feed": reverse("public:notice_feed", args=[slug]),
        "api notice": reverse("public:api_notice", args=[slug]),
        "api version": reverse("public:api_version", args=[slug, 1]),
        "accessibility": reverse("public:accessibility"),
    }


@pytest.fixture
def two_versions(alice, publish):
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers")
    publish(notice)
    notice.refresh_from_db()
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={"summary": "New."})
    publish(notice, summary="Shorter summary")
    return notice


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


# Pages that also list organisations, which change without a public change: no Last-Modified to be wrong.
UNDATED = {"home": "/", "search": "/?q=young", "organisation": "/organisations/borsetshire/"}


def test_it_serves_the_same_bytes_and_a_strong_etag_and_304_when_unchanged(two_versions):
    for kind, url in {**_public_addresses("young-carers"), **UNDATED}.items():
        first, second = Client().get(url), Client().get(url)
        assert first.status_code == 200, kind
        assert _body(first) == _body(second) and first["ETag"] == second["ETag"], kind
        assert re.fullmatch(r'"[0-9a-f]{64}"', first["ETag"]), kind  # strong: no W/
        again = Client().get(url, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304 and again.content == b"", kind
        if kind in UNDATED:
            assert "Last-Modified" not in first, kind
            continue
        assert first["Last-Modified"] == second["Last-Modified"], kind
        since = Client().get(url, headers={"If-Modified-Since": first["Last-Modified"]})
        assert since.status_code == 304, kind


def test_it_marks_numbered_addresses_immutable_and_in_force_ones_fresh_for_five_minutes(two_versions):
    addresses = {**_public_addresses("young-carers"), **UNDATED}
    for kind in ("version", "version summary", "json", "compare", "pdf", "api version"):
        assert Client().get(addresses[kind])["Cache-Control"] == IMMUTABLE, kind
    for kind in ("in force", "summary", "versions", "on a date", "accessibility", "embed", "feed", "api notice",
                 *UNDATED):
        assert Client().get(addresses[kind])["Cache-Control"] == "public, max-age=300", kind


def test_it_keeps_an_in_force_page_fresh_only_until_a_scheduled_version_starts(client, alice, publish, monkeypatch):
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers")
    publish(notice)
    notice.refresh_from_db()
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={})
    tomorrow = today() + dt.timedelta(days=1)
    publish(notice, summary="Scheduled", effective_from=tomorrow)
    midnight = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))

    before = client.get("/notices/young-carers/")
    max_age = int(before["Cache-Control"].rsplit("=", 1)[1])

    assert max_age <= min(300, (midnight - timezone.now()).total_seconds() + 1)
    assert "Version</dt><dd class=\"govuk-summary-list__value\">1 " in before.content.decode()
    # The next day the stored page is not used: the scheduled version is in force, with no write at all.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    after = client.get("/notices/young-carers/")
    assert "Version</dt><dd class=\"govuk-summary-list__value\">2 " in after.content.decode()
    assert after["ETag"] != before["ETag"]


def test_it_makes_the_pages_again_when_a_version_is_published_or_the_notice_withdrawn(
    client, alice, bob, publish
):
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers")
    publish(notice)
    first = client.get("/notices/young-carers/")
    versions = client.get("/notices/young-carers/versions/")
    notice.refresh_from_db()
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={})
    publish(notice, summary="Second version")

    assert client.get("/notices/young-carers/", headers={"If-None-Match": first["ETag"]}).status_code == 200
    assert "Second version" in client.get("/notices/young-carers/versions/").content.decode()
    assert "Second version" not in versions.content.decode()

    actions.notice_withdraw(actor=bob, notice=notice, reason="Service closed")

    gone = client.get("/notices/young-carers/")
    assert gone.status_code == 410 and "has been withdrawn" in gone.content.decode()
    # A numbered version stays citable, its stored bytes unchanged.
    assert client.get("/notices/young-carers/v1/").status_code == 200


def test_it_never_serves_a_page_made_by_an_older_release(client, publish, monkeypatch):
    publish(NoticeFactory(slug="young-carers"))
    client.get("/notices/young-carers/v1/")
    PublicPage.objects.update(body=b"made by an older release")

    monkeypatch.setattr("notices.frozen.revision", lambda: "another-release")

    assert b"older release" not in client.get("/notices/young-carers/v1/").content


def _every_public_response(slug):
    """(address, response) of every kind of public response, anonymous, for a notice with two versions."""
    addresses = {**_public_addresses(slug)}
    on = today()
    yesterday = today() - dt.timedelta(days=30)
    addresses.update(
        **UNDATED,
        portal_feed=reverse("public:feed"),
        api_docs=reverse("public:api_docs"),
        api_index=reverse("public:api_index"),
        api_schema=reverse("public:api_schema"),
        verify=reverse("public:verify"),
        not_in_force=reverse("public:on_date", args=[slug, yesterday.year, yesterday.month, yesterday.day]),
        date_form_error=reverse("public:versions", args=[slug]) + "?day=31&month=2&year=2025",
        date_form=reverse("public:versions", args=[slug]) + f"?day={on.day}&month={on.month}&year={on.year}",
        missing="/notices/no-such-notice/",
    )
    return addresses


def test_it_never_reads_the_session_or_sets_a_cookie_on_a_public_response(two_versions, sign_in, bob):
    staff = sign_in(bob, client=Client())
    for kind, url in _every_public_response("young-carers").items():
        for client in (Client(), staff):
            response = client.get(url)
            assert "cookie" not in response.get("Vary", "").lower(), kind
            assert not response.cookies, kind
            assert "nonce-" not in response["Content-Security-Policy"], kind
        # Nothing personal: signed-in staff get the very bytes the public gets.
        assert _body(staff.get(url)) == _body(Client().get(url)), kind
    posted = Client().post(
        reverse("public:verify"), {"sha256": "a" * 64}, headers={"Origin": "http://testserver"}
    )
    assert posted.status_code == 200 and not posted.cookies and "cookie" not in posted.get("Vary", "").lower()


def test_it_refuses_a_check_sent_from_another_site_and_accepts_one_from_its_own_page(two_versions):
    browser = Client(enforce_csrf_checks=True)
    url = reverse("public:verify")

    assert browser.post(url, {"sha256": "a" * 64}, headers={"Origin": "https://evil.example"}).status_code == 403
    assert browser.post(url, {"sha256": "a" * 64}).status_code == 403  # no Origin: not from a page of ours
    ours = browser.post(url, {"sha256": "a" * 64}, headers={"Origin": "http://testserver"})
    assert ours.status_code == 200 and "Not one of our notices" in ours.content.decode()


def test_it_shows_a_withdrawal_at_once_in_another_process_that_remembered_the_page(
    client, bob, publish, monkeypatch, django_capture_on_commit_callbacks
):
    """Two gunicorn workers: each remembers in-force pages; the one that did not withdraw learns of it from
    the marker written when the withdrawal commits, before it serves the page again."""
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers")
    publish(notice)
    this_worker = (frozen._GENERATION, frozen._CURRENT)
    other_worker = (frozen._Generation(), frozen._Current(size=16))

    def serving_in(worker):
        monkeypatch.setattr(frozen, "_GENERATION", worker[0])
        monkeypatch.setattr(frozen, "_CURRENT", worker[1])

    serving_in(other_worker)
    for _ in range(2):  # the first look makes the marker, the next reads the generation and the page's row
        client.get("/notices/young-carers/")
    queries, _, remembered = _loaded(client, "/notices/young-carers/")
    assert remembered.status_code == 200 and queries == 0  # served from its memory, asking no one

    serving_in(this_worker)
    with django_capture_on_commit_callbacks(execute=True):
        actions.notice_withdraw(actor=bob, notice=notice, reason="Service closed")

    serving_in(other_worker)
    gone = client.get("/notices/young-carers/")
    assert gone.status_code == 410 and "has been withdrawn" in gone.content.decode()
    assert _loaded(client, "/notices/young-carers/")[0] == 0  # and remembers that in turn


def test_it_asks_the_database_on_every_request_without_a_marker(client, bob, publish, settings):
    settings.PUBLIC_CHANGE_MARKER = ""  # e.g. files in object storage, which processes cannot stat
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers")
    publish(notice)
    client.get("/notices/young-carers/")

    queries, _, again = _loaded(client, "/notices/young-carers/")

    assert again.status_code == 200 and queries == 1
    assert not (settings.MEDIA_ROOT / ".public-change").exists()
