"""Issue 12 point 6: officers put a notice's purposes and recipients in order on the builder (the main purpose
first); the page, the JSON and the PDF follow it, and each published version keeps the order it had."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from notices import actions
from notices.document import build_document
from notices.models import Notice
from tests.factories import NoticeFactory, OrganisationFactory, PurposeFactory, RecipientFactory

from .pdfs import pages_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice():
    # Alphabetically "Archiving…" comes first; the officer's main purpose is "Supporting families".
    notice = NoticeFactory(slug="family-hubs", purposes=[
        PurposeFactory(name="Archiving records"), PurposeFactory(name="Supporting families"),
    ])
    notice.recipients.set([RecipientFactory(name="Acme Hosting"), RecipientFactory(name="Borsetshire Police")])
    return notice


def _move(client, notice, part, name, how, *, lock_version=None):
    record = getattr(notice, part).get(name=name)
    lock = Notice.objects.get(pk=notice.pk).lock_version if lock_version is None else lock_version
    return client.post(reverse("manage:record_move", args=[notice.pk, part, record.pk, how]),
                       {"lock_version": lock}, follow=True)


def _before(text: str, first: str, second: str) -> bool:
    assert first in text and second in text, (first, second)
    return text.index(first) < text.index(second)


def test_it_lists_purposes_alphabetically_until_the_officer_orders_them(notice):
    why = next(s for s in build_document(notice)["sections"] if s["key"] == "why_we_use_it")
    assert [p["name"] for p in why["purposes"]] == ["Archiving records", "Supporting families"]


def test_it_puts_the_main_purpose_first_on_the_page_json_and_pdf(officer, notice, publish):
    builder = _move(officer, notice, "purposes", "Supporting families", "up")
    assert "Moved “Supporting families” up." in builder.content.decode()
    assert _before(builder.content.decode().split('id="order-purposes"')[1], "Supporting families",
                   "Archiving records")
    _move(officer, notice, "recipients", "Acme Hosting", "down")
    publish(notice)
    public = Client()
    page = public.get(reverse("public:notice", args=["family-hubs"])).content.decode()
    assert _before(page, "Supporting families", "Archiving records")
    assert _before(page, "Borsetshire Police", "Acme Hosting")
    document = json.loads(public.get(reverse("public:version_json", args=["family-hubs", 1])).content)
    sections = {s["key"]: s for s in document["sections"]}
    assert [p["name"] for p in sections["why_we_use_it"]["purposes"]] == ["Supporting families", "Archiving records"]
    shared = sections["who_we_share_with"]
    assert [r["name"] for r in shared["recipients"] + shared["processors"]] == ["Borsetshire Police", "Acme Hosting"]
    download = public.get(reverse("public:pdf_version", args=["family-hubs", 1]))
    pdf = "\n".join(pages_text(b"".join(download.streaming_content)))
    assert _before(pdf, "Supporting families", "Archiving records")


def test_a_published_version_keeps_the_order_it_was_published_with(officer, notice, publish):
    _move(officer, notice, "purposes", "Supporting families", "up")
    publish(notice)
    _move(officer, notice, "purposes", "Supporting families", "down")  # opens draft 2, in the old order again
    frozen = Client().get(reverse("public:version", args=["family-hubs", 1])).content.decode()
    assert _before(frozen, "Supporting families", "Archiving records")
    draft = officer.get(reverse("manage:notice_preview", args=[notice.pk])).content.decode()
    assert _before(draft, "Archiving records", "Supporting families")


def test_it_refuses_a_move_made_on_a_page_someone_else_has_changed_since(officer, notice):
    seen = Notice.objects.get(pk=notice.pk).lock_version
    _move(officer, notice, "purposes", "Supporting families", "up")  # someone else, first
    stale = _move(officer, notice, "purposes", "Archiving records", "down", lock_version=seen)
    text = stale.content.decode()
    assert "was changed by someone else while you were looking at it" in text
    assert "move the item again if it is still needed" in text
    assert Notice.objects.get(pk=notice.pk).record_order["purposes"] == [
        notice.purposes.get(name="Supporting families").pk, notice.purposes.get(name="Archiving records").pk]


def test_another_organisations_notice_or_a_record_not_in_the_notice_is_not_found(officer, notice):
    theirs = NoticeFactory(organisation=OrganisationFactory(name="Ambridge Council", slug="ambridge"))
    purpose = theirs.purposes.get()
    url = reverse("manage:record_move", args=[theirs.pk, "purposes", purpose.pk, "up"])
    assert officer.post(url, {"lock_version": theirs.lock_version}).status_code == 404
    elsewhere = reverse("manage:record_move", args=[notice.pk, "purposes", purpose.pk, "up"])
    assert officer.post(elsewhere, {"lock_version": notice.lock_version}).status_code == 404
    assert officer.post(reverse("manage:record_move", args=[notice.pk, "sources", purpose.pk, "up"]),
                        {"lock_version": notice.lock_version}).status_code == 404


def test_it_writes_the_order_to_the_notices_history(alice, notice):
    purpose = notice.purposes.get(name="Supporting families")
    actions.notice_record_move(actor=alice, notice=notice, relation="purposes", record_id=purpose.pk, up=True,
                               lock_version=notice.lock_version)
    latest = Notice.history.filter(id=notice.pk).first()
    assert latest.history_user == alice and latest.record_order["purposes"][0] == purpose.pk


def test_restoring_a_version_brings_back_its_order(alice, notice, publish):
    actions.notice_record_move(actor=alice, notice=notice, relation="purposes", up=True,
                               record_id=notice.purposes.get(name="Supporting families").pk,
                               lock_version=notice.lock_version)
    publication = publish(notice)
    notice.refresh_from_db()
    notice = actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version,
                                   fields={"record_order": {}})
    actions.version_restore(actor=alice, publication=publication, lock_version=notice.lock_version)
    why = next(s for s in build_document(notice)["sections"] if s["key"] == "why_we_use_it")
    assert [p["name"] for p in why["purposes"]] == ["Supporting families", "Archiving records"]
