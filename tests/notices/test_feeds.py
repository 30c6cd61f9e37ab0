"""Atom feeds per notice, per organisation and for the portal: valid Atom as a reader parses it and as the
format requires it, an entry for each version that comes into force and each withdrawal, ids that never change."""

import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.test import Client
from django.urls import reverse

from notices import actions
from tests.factories import NoticeFactory, default_organisation

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _feeds(slug: str) -> dict[str, str]:
    return {
        "notice": reverse("public:notice_feed", args=[slug]),
        "organisation": reverse("public:organisation_feed", args=[default_organisation().slug]),
        "portal": reverse("public:feed"),
    }


def _structurally_valid(body: bytes) -> list[ET.Element]:
    """What RFC 4287 requires: the feed and every entry have one id, title and updated; an entry has an author
    (its own, or the feed's); ids are unique and are tag: URIs or the feed's own address. Returns the entries."""
    root = ET.fromstring(body)  # noqa: S314 (our own output)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    for element in (root, *entries):
        for name in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{name}")) == 1, (name, ET.tostring(element)[:200])
        updated = element.findtext(f"{ATOM}updated")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)", updated)
    has_feed_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("tag:") for i in ids), ids
    assert root.findtext(f"{ATOM}id").startswith("http")
    assert all(has_feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None for entry in entries)
    return entries


def _read(url: str):
    response = Client().get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    _structurally_valid(response.content)
    return parsed


def _publish_again(alice, publish, notice, summary):
    notice.refresh_from_db()
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={"summary": summary})
    return publish(notice, summary=summary)


def test_it_lists_a_new_version_in_every_feed_after_publishing(alice, publish):
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers")
    publish(notice, summary="First version")
    before = {kind: _read(url) for kind, url in _feeds("young-carers").items()}
    for kind, parsed in before.items():
        assert [entry.title for entry in parsed.entries] == ["Young Carers privacy notice: version 1"], kind

    _publish_again(alice, publish, notice, "Telljo added as a recipient")

    for kind, url in _feeds("young-carers").items():
        parsed = _read(url)
        newest, oldest = parsed.entries
        assert newest.title == "Young Carers privacy notice: version 2", kind
        assert "Telljo added as a recipient" in newest.summary, kind
        links = {link.rel: link.href for link in newest.links}
        assert links["alternate"].endswith("/notices/young-carers/v2/"), kind
        assert links["related"].endswith("/notices/young-carers/compare/1...2/"), kind
        # The first version's entry keeps its id, so a reader does not show it again as new.
        assert oldest.id == before[kind].entries[0].id, kind
        assert Client().get(links["related"].split("localhost:8000")[-1]).status_code == 200


def test_it_lists_a_withdrawal_with_its_reason(bob, publish):
    publish(NoticeFactory(slug="young-carers"))
    notice = NoticeFactory(slug="closed-service", title="Closed service notice")
    publish(notice)
    actions.notice_withdraw(actor=bob, notice=notice, reason="The service has closed")

    parsed = _read(reverse("public:notice_feed", args=["closed-service"]))
    portal = _read(reverse("public:feed"))

    assert parsed.entries[0].title == "Closed service notice: withdrawn"
    assert "The service has closed" in parsed.entries[0].summary
    assert "Closed service notice: withdrawn" in [entry.title for entry in portal.entries]


def test_it_shows_no_draft_or_scheduled_version(alice, publish):
    import datetime as dt

    from notices.selectors import today

    notice = NoticeFactory(slug="young-carers")
    publish(notice)
    notice.refresh_from_db()
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={})
    publish(notice, summary="Next month", effective_from=today() + dt.timedelta(days=30))
    NoticeFactory(slug="draft-only")

    titles = [entry.title for entry in _read(reverse("public:feed")).entries]

    assert len(titles) == 1 and titles[0].endswith("version 1")
    assert Client().get(reverse("public:notice_feed", args=["draft-only"])).status_code == 404


def test_an_empty_feed_is_valid_and_the_same_bytes_each_time():
    body = Client().get(reverse("public:organisation_feed", args=[default_organisation().slug])).content

    assert _structurally_valid(body) == []
    assert not feedparser.parse(body).bozo
    from notices import frozen

    frozen.forget()
    assert Client().get(reverse("public:organisation_feed", args=[default_organisation().slug])).content == body


def test_it_serves_a_feed_as_frozen_bytes_with_an_etag_and_open_to_scripts(publish):
    publish(NoticeFactory(slug="young-carers"))
    url = reverse("public:notice_feed", args=["young-carers"])

    first = Client().get(url)
    again = Client().get(url, headers={"If-None-Match": first["ETag"]})

    assert re.fullmatch(r'"[0-9a-f]{64}"', first["ETag"]) and first["Cache-Control"] == "public, max-age=300"
    assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "*"
    assert "cookie" not in first.get("Vary", "").lower() and not first.cookies


def test_every_page_links_its_feed(publish):
    publish(NoticeFactory(slug="young-carers"))
    pages = {
        reverse("public:notice", args=["young-carers"]): reverse("public:notice_feed", args=["young-carers"]),
        reverse("public:versions", args=["young-carers"]): reverse("public:notice_feed", args=["young-carers"]),
        reverse("public:organisation", args=[default_organisation().slug]):
            reverse("public:organisation_feed", args=[default_organisation().slug]),
        reverse("public:home"): reverse("public:feed"),
    }
    for page, feed in pages.items():
        html = Client().get(page).content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html and f'href="{feed}"' in html, page
        link = rf'<a class="govuk-link" href="{re.escape(feed)}"[^>]*>Follow changes to [^<]+\(Atom feed\)</a>'
        assert re.search(link, html), page
