"""The public site: only published versions in force are visible; old versions stay citable."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notices import actions
from notices.compare import html_to_text
from notices.document import public_json
from notices.selectors import today
from tests.factories import NoticeFactory, PurposeFactory, RecipientFactory, RetentionRuleFactory
from tests.notices.pdfs import pages_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(db):
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers", purposes=[], retention_rules=[])
    notice.purposes.add(PurposeFactory(name="Supporting young carers"))
    notice.retention_rules.add(RetentionRuleFactory(record_type="Young Carers records", period_number=10))
    return notice


def _public_urls(slug):
    return [
        reverse("public:notice", args=[slug]),
        reverse("public:versions", args=[slug]),
        reverse("public:version", args=[slug, 1]),
        reverse("public:version_json", args=[slug, 1]),
        reverse("public:on_date", args=[slug, today().year, today().month, today().day]),
        reverse("public:compare", args=[slug, 1, 1]),
    ]


def test_it_shows_nothing_of_a_draft_or_a_version_in_review_to_anyone_at_any_url(client, alice, notice):
    for url in _public_urls(notice.slug):
        assert client.get(url).status_code == 404, url
    actions.version_submit(actor=alice, version=notice.versions.get(), change_summary="x")
    for url in _public_urls(notice.slug):
        assert client.get(url).status_code == 404, url
    assert "Young Carers privacy notice" not in client.get("/").content.decode()


def test_it_hides_a_scheduled_version_until_its_date(client, notice, publish):
    publish(notice, effective_from=today() + dt.timedelta(days=3))
    for url in _public_urls(notice.slug):
        assert client.get(url).status_code == 404, url
    future = today() + dt.timedelta(days=3)
    assert (
        client.get(reverse("public:on_date", args=[notice.slug, future.year, future.month, future.day])).status_code
        == 404
    )


def test_it_serves_the_version_in_force_with_its_date_version_and_contents(client, notice, publish):
    publish(notice)
    page = client.get(reverse("public:notice", args=[notice.slug])).content.decode()
    assert '<h1 class="govuk-heading-xl">Young Carers privacy notice</h1>' in page
    assert "Last updated" in page and f"{today().day} {today():%B %Y}" in page
    assert "Contents" in page and 'href="#your_rights"' in page
    assert "Young Carers records: kept for 10 years from last contact, then destroyed." in page
    assert reverse("public:versions", args=[notice.slug]) in page


def test_it_serves_the_frozen_html_not_live_records(client, notice, publish):
    publication = publish(notice)
    rule = notice.retention_rules.get()
    rule.period_number = 99
    rule.save()
    page = client.get(reverse("public:notice", args=[notice.slug])).content.decode()
    assert publication.html in page
    assert "kept for 10 years" in page and "99 years" not in page


def _publish_second(alice, notice, publish, **kwargs):
    rule = notice.retention_rules.get()
    rule.period_number = 15
    rule.save()
    notice.recipients.add(RecipientFactory(name="Telljo"))
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={})
    return publish(notice, summary="Young Carers records kept longer; Telljo added", **kwargs)


def test_it_keeps_every_version_and_marks_old_ones(client, alice, notice, publish):
    publish(notice)
    _publish_second(alice, notice, publish)
    history = client.get(reverse("public:versions", args=[notice.slug])).content.decode()
    assert "Version 1" in history and "Version 2" in history and "Telljo added" in history
    # A numbered address is the same bytes forever, so it never says whether a later version replaced it:
    # it links to the address that always shows the version in force, and the versions list says which.
    old = client.get(reverse("public:version", args=[notice.slug, 1])).content.decode()
    assert "This is version 1, which came into force on" in old and "Read the version in force today" in old
    assert "kept for 10 years" in old
    assert "Version 2</a> <strong class=\"govuk-tag govuk-tag--green\">In force</strong>" in history
    current = client.get(reverse("public:notice", args=[notice.slug])).content.decode()
    assert "kept for 15 years" in current and "Read the version in force today" not in current


def test_it_finds_the_version_in_force_on_a_date(client, alice, notice, publish):
    first = publish(notice)
    second = _publish_second(alice, notice, publish, effective_from=today())
    url = reverse("public:on_date", args=[notice.slug, today().year, today().month, today().day])
    assert f"version {second.version.number}" in client.get(url).content.decode().lower()
    yesterday = today() - dt.timedelta(days=1)
    response = client.get(reverse("public:on_date", args=[notice.slug, yesterday.year, yesterday.month, yesterday.day]))
    assert response.status_code == 404 and "No version of this notice was in force" in response.content.decode()
    assert first.effective_from == today()


def test_it_redirects_the_date_form_and_explains_bad_dates(client, notice, publish):
    publish(notice)
    url = reverse("public:versions", args=[notice.slug])
    response = client.get(url, {"day": today().day, "month": today().month, "year": today().year})
    assert response.status_code == 302 and "/on/" in response["Location"]
    bad = client.get(url, {"day": "31", "month": "2", "year": "2025"})
    assert bad.status_code == 400 and "Enter a real date" in bad.content.decode()
    assert "Enter a day, month and year" in client.get(url, {"day": "3"}).content.decode()


def test_it_compares_two_versions_in_plain_english_and_word_by_word(client, alice, notice, publish):
    publish(notice)
    _publish_second(alice, notice, publish)
    page = client.get(reverse("public:compare", args=[notice.slug, 1, 2])).content.decode()
    assert "Added recipient: Telljo" in page
    assert "Young Carers records: kept for 15 years from last contact, was for 10 years from last contact" in page
    assert '<del class="diff-del"><span class="govuk-visually-hidden">[removed] </span>10' in page
    assert '<ins class="diff-ins"><span class="govuk-visually-hidden">[added] </span>15' in page


def test_it_compares_only_the_sections_that_changed(client, alice, notice, publish):
    publish(notice)
    notice.recipients.add(RecipientFactory(name="Telljo"))
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={})
    publish(notice, summary="Telljo added")
    page = client.get(reverse("public:compare", args=[notice.slug, 1, 2])).content.decode()
    assert "Added recipient: Telljo" in page and "[added] </span>" in page and "Telljo" in page
    # The sections the change did not touch are counted, not repeated.
    assert "sections unchanged" in page
    assert "kept for 10 years" not in page and "Information Commissioner" not in page


def test_it_serves_the_frozen_document_as_json(client, notice, publish):
    publication = publish(notice)
    response = client.get(reverse("public:version_json", args=[notice.slug, 1]))
    assert response["Content-Type"] == "application/json"
    # The stored document, without the database ids it keeps for restoring and comparing versions.
    assert response.json() == public_json(publication.document)
    assert '"id"' not in response.content.decode() and '"id"' in json.dumps(publication.document)


def test_it_says_when_a_notice_was_withdrawn(client, bob, notice, publish):
    publish(notice)
    actions.notice_withdraw(actor=bob, notice=notice, reason="The service has closed")
    response = client.get(reverse("public:notice", args=[notice.slug]))
    assert response.status_code == 410
    page = response.content.decode()
    assert "has been withdrawn" in page and "The service has closed" in page and f"{today():%B %Y}" in page
    assert client.get(reverse("public:version", args=[notice.slug, 1])).status_code == 200


def test_it_searches_notices_by_title_service_and_summary(client, notice, publish):
    publish(notice)
    assert "Young Carers privacy notice" in client.get("/", {"q": "carers"}).content.decode()
    assert "No notices match" in client.get("/", {"q": "zebra crossing"}).content.decode()


def test_it_links_parent_and_child_notices_both_ways(client, notice, publish):
    parent = NoticeFactory(title="Council privacy notice", slug="council", controller=notice.controller)
    parent.purposes.add(PurposeFactory())
    notice.parent = parent
    notice.save()
    publish(parent)
    publish(notice)
    child_page = client.get(reverse("public:notice", args=[notice.slug])).content.decode()
    parent_page = client.get(reverse("public:notice", args=[parent.slug])).content.decode()
    assert 'href="/notices/council/"' in child_page
    assert 'href="/notices/young-carers/"' in parent_page


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_it_serves_a_version_in_the_same_few_queries_whatever_its_size(client, notice, publish):
    publish(notice)
    small = _count_queries(client, reverse("public:notice", args=[notice.slug]))
    big = NoticeFactory(slug="big")
    for n in range(25):
        big.purposes.add(PurposeFactory())
        big.recipients.add(RecipientFactory(name=f"Partner {n}"))
        big.retention_rules.add(RetentionRuleFactory(record_type=f"Records {n}"))
    publish(big)
    assert _count_queries(client, reverse("public:notice", args=["big"])) == small
    assert small <= 11  # the first request makes and stores the page; later ones read it (test_public_frozen.py)


def test_it_publishes_a_purpose_with_no_lawful_basis_only_with_an_override_and_says_so(client, alice, bob, notice):

    notice.purposes.add(PurposeFactory(name="Training workers", art6_basis=None, legislation=[]))
    version = notice.versions.get(status="draft")
    actions.version_submit(actor=alice, version=version, change_summary="Brought in from 2015")
    with pytest.raises(actions.ComplianceBlocked):
        actions.version_publish(actor=bob, version=version)
    publication = actions.version_publish(actor=bob, version=version, override_reason="The 2015 statement names none.")
    for url in _public_urls(notice.slug):
        assert client.get(url).status_code == 200, url
    page = html_to_text(client.get(reverse("public:notice", args=[notice.slug])).content.decode())
    assert "Training workers" in page and "Lawful basis\nNot stated." in page
    # The purpose with no basis earns no basis-specific right: only the public-task purpose has the right to object.
    rights = next(s for s in publication.document["sections"] if s["key"] == "your_rights")["rights"]
    assert {r["key"]: r["applies_to"] for r in rights}["object"] == ["Supporting young carers"]
    with publication.pdf.open("rb") as stored:
        assert "Not stated." in " ".join(pages_text(stored.read()))
