"""Downloading PDFs: the public gets the stored bytes of versions in force; staff get drafts marked DRAFT."""

import datetime as dt

import pytest
from django.urls import reverse

from notices import actions
from notices import pdf as pdf_module
from notices.selectors import today
from tests.factories import NoticeFactory, PurposeFactory

from .pdfs import pages_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(db):
    notice = NoticeFactory(slug="family-hubs")
    notice.purposes.add(PurposeFactory())
    return notice


def _url(name, **kwargs):
    return reverse(f"public:{name}", kwargs=kwargs)


def _stored(publication) -> bytes:
    with publication.pdf.open("rb") as stored:
        return stored.read()


def _next_version(notice, alice):
    actions.version_start_draft(actor=alice, notice=notice)


def test_it_serves_the_stored_pdf_of_a_published_version(client, notice, publish):
    publication = publish(notice)
    response = client.get(_url("pdf_version", slug="family-hubs", number=1))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == _stored(publication)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="family-hubs-v1.pdf"'
    assert response["ETag"] == f'"{publication.pdf_sha256}"'
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert int(response["Content-Length"]) == publication.pdf_size


def test_it_answers_not_modified_when_the_reader_has_the_same_pdf(client, notice, publish):
    publication = publish(notice)
    etag = f'"{publication.pdf_sha256}"'
    for url in (_url("pdf_version", slug="family-hubs", number=1), _url("pdf_current", slug="family-hubs")):
        response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
    assert client.get(_url("pdf_current", slug="family-hubs"), headers={"If-None-Match": '"other"'}).status_code == 200


def test_it_serves_the_version_in_force_at_the_current_address_with_a_short_cache(
    client, notice, publish, alice
):
    first = publish(notice)
    _next_version(notice, alice)
    publish(notice, summary="Second version", effective_from=today() + dt.timedelta(days=7))

    response = client.get(_url("pdf_current", slug="family-hubs"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == _stored(first)
    assert response["Content-Disposition"] == 'inline; filename="family-hubs-v1.pdf"'
    assert response["Cache-Control"] == "public, max-age=300"


def test_it_hides_scheduled_versions_from_the_public(client, notice, publish, alice):
    publish(notice)
    _next_version(notice, alice)
    publish(notice, summary="Second version", effective_from=today() + dt.timedelta(days=1))
    assert client.get(_url("pdf_version", slug="family-hubs", number=2)).status_code == 404


def test_it_hides_drafts_and_versions_in_review_from_the_public(client, notice, alice):
    assert client.get(_url("pdf_version", slug="family-hubs", number=1)).status_code == 404
    assert client.get(_url("pdf_current", slug="family-hubs")).status_code == 404
    actions.version_submit(actor=alice, version=notice.versions.get(), change_summary="First")
    assert client.get(_url("pdf_version", slug="family-hubs", number=1)).status_code == 404
    assert client.get(_url("pdf_current", slug="family-hubs")).status_code == 404
    assert client.get(_url("pdf_current", slug="no-such-notice")).status_code == 404


def test_it_has_no_current_pdf_once_the_notice_is_withdrawn(client, notice, publish, bob):
    publish(notice)
    actions.notice_withdraw(actor=bob, notice=notice, reason="Service closed")
    assert client.get(_url("pdf_current", slug="family-hubs")).status_code == 404


def test_it_never_renders_a_pdf_to_serve_a_download(client, notice, publish, monkeypatch):
    publication = publish(notice)

    class NoRendering:
        def __init__(self, *args, **kwargs):
            raise AssertionError("a download must serve the stored PDF, not render one")

    monkeypatch.setattr(pdf_module, "HTML", NoRendering)  # any render_pdf call would now fail
    for url in (_url("pdf_version", slug="family-hubs", number=1), _url("pdf_current", slug="family-hubs")):
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == _stored(publication)


def test_it_refuses_to_change_anything_through_the_download_addresses(client, notice, publish):
    publish(notice)
    assert client.post(_url("pdf_version", slug="family-hubs", number=1)).status_code == 405


def test_it_gives_ig_officers_and_dpos_a_draft_marked_draft_on_every_page(sign_in, client, notice, alice, bob):
    for user in (alice, bob):
        sign_in(user)
        response = client.get(reverse("manage:pdf_draft", args=[notice.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'inline; filename="family-hubs-draft.pdf"'
        assert "no-store" in response["Cache-Control"]
        pages = pages_text(response.content)
        assert all("DRAFT — NOT PUBLISHED" in page for page in pages)
        assert "Version 1 (draft)" in " ".join(pages[0].split())


def test_it_shows_a_version_in_review_as_it_was_submitted(sign_in, client, notice, alice):
    actions.version_submit(actor=alice, version=notice.versions.get(), change_summary="First")
    notice.controller.dpo_name = "Changed Afterwards"
    notice.controller.save()
    sign_in(alice)
    text = " ".join(pages_text(client.get(reverse("manage:pdf_draft", args=[notice.pk])).content))
    assert "Dana Protector" in text and "Changed Afterwards" not in text


def test_it_sends_anonymous_visitors_to_sign_in_for_a_draft(client, notice):
    response = client.get(reverse("manage:pdf_draft", args=[notice.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_refuses_a_draft_to_staff_without_a_role(sign_in, client, notice, dave):
    sign_in(dave)
    assert client.get(reverse("manage:pdf_draft", args=[notice.pk])).status_code == 403


def test_it_makes_the_draft_pdf_of_an_unchanged_draft_once(sign_in, client, notice, alice, monkeypatch):
    from django.core.cache import cache

    cache.clear()
    rendered = []
    real_render = pdf_module.render_pdf

    def counting(document, **kwargs):
        rendered.append(document["notice"]["summary"])
        return real_render(document, **kwargs)

    monkeypatch.setattr(pdf_module, "render_pdf", counting)
    sign_in(alice)
    url = reverse("manage:pdf_draft", args=[notice.pk])
    first, again = client.get(url).content, client.get(url).content

    assert first == again and len(rendered) == 1
    notice.refresh_from_db()
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version,
                          fields={"summary": "We changed the summary."})
    changed = client.get(url).content
    assert rendered == [rendered[0], "We changed the summary."]
    assert "We changed the summary." in " ".join(" ".join(pages_text(changed)).split())
