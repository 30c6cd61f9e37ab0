"""Every public page reads published, in-force versions only: a title or summary typed into a draft is
nowhere public until a DPO publishes it, and a notice never published is a plain 404 at every address,
byte for byte the same as an address that does not exist."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from notices import actions
from notices.selectors import today
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db

UNREVIEWED_TITLE = "Unreviewed title typed into a draft"
UNREVIEWED_SUMMARY = "Unreviewed summary nobody has checked"


def _type_into_draft(alice, notice, **fields):
    notice.refresh_from_db()
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields=fields)


def _every_page_of(slug, *, on=None, numbers=(1, 1)):
    on = on or today()
    return [
        reverse("public:notice", args=[slug]),
        reverse("public:versions", args=[slug]),
        reverse("public:version", args=[slug, numbers[1]]),
        reverse("public:summary", args=[slug]),
        reverse("public:version_summary", args=[slug, numbers[1]]),
        reverse("public:version_json", args=[slug, numbers[1]]),
        reverse("public:on_date", args=[slug, on.year, on.month, on.day]),
        reverse("public:compare", args=[slug, *numbers]),
        reverse("public:pdf_version", args=[slug, numbers[1]]),
        reverse("public:pdf_current", args=[slug]),
    ]


def _assert_nowhere(client, urls, *texts):
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        for text in texts:
            assert text.encode() not in body, (url, text)


def test_it_shows_the_published_title_and_summary_while_a_draft_changes_them(client, alice, publish):
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers", summary="Published summary.")
    publish(notice)

    _type_into_draft(alice, notice, title=UNREVIEWED_TITLE, summary=UNREVIEWED_SUMMARY)

    _assert_nowhere(client, ["/", "/?q=young", "/?q=unreviewed", *_every_page_of("young-carers")],
                    UNREVIEWED_TITLE, UNREVIEWED_SUMMARY)
    home = client.get("/").content.decode()
    assert "Young Carers privacy notice" in home and "Published summary." in home
    assert "Young Carers privacy notice" in client.get("/notices/young-carers/versions/").content.decode()


def test_it_searches_the_published_text_not_the_draft(client, alice, publish):
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers")
    publish(notice)
    _type_into_draft(alice, notice, title="Kinship carers privacy notice")

    assert "/notices/young-carers/" not in client.get("/", {"q": "kinship"}).content.decode()
    assert "/notices/young-carers/" in client.get("/", {"q": "young carers"}).content.decode()


def test_it_keeps_a_never_published_notice_off_the_home_page_and_out_of_search(client, alice):
    NoticeFactory(title=UNREVIEWED_TITLE, slug="draft-only", summary=UNREVIEWED_SUMMARY)

    _assert_nowhere(client, ["/", "/?q=unreviewed", "/?q=draft"], UNREVIEWED_TITLE, UNREVIEWED_SUMMARY, "draft-only")


def test_it_answers_a_never_published_slug_exactly_as_a_slug_that_does_not_exist(client, alice):
    notice = NoticeFactory(title=UNREVIEWED_TITLE, slug="draft-only")
    actions.version_submit(actor=alice, version=notice.versions.get(), change_summary="x")
    yesterday = today() - dt.timedelta(days=1)

    for on in (today(), yesterday):
        draft_pages = _every_page_of("draft-only", on=on)
        missing_pages = _every_page_of("no-such-notice", on=on)
        for draft_url, missing_url in zip(draft_pages, missing_pages, strict=True):
            draft, missing = client.get(draft_url), client.get(missing_url)
            assert (draft.status_code, draft.content) == (missing.status_code, missing.content), draft_url
            assert draft.status_code == 404


def test_it_names_a_withdrawn_notice_by_its_published_title(client, alice, bob, publish):
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers")
    publish(notice)
    actions.notice_withdraw(actor=bob, notice=notice, reason="Service closed")
    _type_into_draft(alice, notice, title=UNREVIEWED_TITLE)

    response = client.get("/notices/young-carers/")

    assert response.status_code == 410
    assert "Young Carers privacy notice has been withdrawn" in response.content.decode()
    assert UNREVIEWED_TITLE not in response.content.decode()


def test_it_names_a_notice_not_yet_in_force_on_a_date_by_its_published_title(client, alice, publish):
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers")
    publish(notice)
    _type_into_draft(alice, notice, title=UNREVIEWED_TITLE)
    before = today() - dt.timedelta(days=30)

    response = client.get(reverse("public:on_date", args=["young-carers", before.year, before.month, before.day]))

    assert response.status_code == 404
    assert "Young Carers privacy notice had not been published" in response.content.decode()
    assert UNREVIEWED_TITLE not in response.content.decode()


def test_it_shows_a_parent_and_children_only_as_published_versions_state_them(client, alice, publish):
    parent = NoticeFactory(title="Borsetshire County Council privacy notice", slug="council")
    child = NoticeFactory(title="Young Carers privacy notice", slug="young-carers")
    publish(parent)
    publish(child)

    # Sitting under the council's notice is a draft change until it is published.
    _type_into_draft(alice, child, parent=parent)

    assert "/notices/young-carers/" not in client.get("/notices/council/").content.decode()
    assert "This notice sits under" not in client.get("/notices/young-carers/").content.decode()

    publish(child, summary="Now under the council's notice")

    assert "/notices/young-carers/" in client.get("/notices/council/").content.decode()
    assert "This notice sits under" in client.get("/notices/young-carers/").content.decode()


def test_it_names_a_checked_pdf_by_its_published_title(alice, publish):
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers")
    publication = publish(notice)
    _type_into_draft(alice, notice, title=UNREVIEWED_TITLE)

    page = Client().post(reverse("public:verify"), {"sha256": publication.pdf_sha256}).content.decode()

    assert "We published this notice" in page and "Young Carers privacy notice" in page
    assert UNREVIEWED_TITLE not in page
