"""Two editors, one free-text section or one section order: the second save is refused with a message
and the other person's change, never silently overwritten; the first edit after a publication opens one
draft however many people make it at once."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from notices import actions
from notices.models import Notice, NoticeSection, NoticeVersion
from tests.conftest import reference_data_ensure
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db


def _section_form(section, **typed):
    return {"heading": section.heading, "body": section.body, "placement": section.placement,
            "lock_version": section.lock_version, **typed}


def test_it_refuses_a_section_save_made_over_someone_elses_and_shows_their_text(officer, sign_in, alice):
    notice = NoticeFactory()
    section = actions.notice_section_add(actor=alice, notice=notice, heading="CCTV", body="Cameras.")
    url = reverse("manage:section_edit", args=[notice.pk, section.pk])
    other = sign_in(alice, client=Client())
    loaded = _section_form(section)  # both editors loaded the section now
    assert other.post(url, {**loaded, "body": "Cameras at the front door."}).status_code == 302
    response = officer.post(url, {**loaded, "body": "Cameras in the car park."})
    page = response.content.decode()
    assert response.status_code == 409
    assert "was changed by someone else" in page and "Your changes have not been saved" in page
    assert "Cameras at the front door." in page  # what the other person saved
    assert "Cameras in the car park.</textarea>" in page  # what this editor typed, kept
    section.refresh_from_db()
    assert section.body == "Cameras at the front door."


def test_it_saves_the_refused_text_when_sent_again_from_the_conflict_page(officer, alice):
    notice = NoticeFactory()
    section = actions.notice_section_add(actor=alice, notice=notice, heading="CCTV", body="Cameras.")
    url = reverse("manage:section_edit", args=[notice.pk, section.pk])
    loaded = _section_form(section)
    actions.notice_section_update(actor=alice, section=section, lock_version=section.lock_version,
                                  heading="CCTV", body="Theirs.", placement=section.placement)
    refused = officer.post(url, {**loaded, "body": "Mine."})
    again = refused.context["form"].data  # the form as shown: what was typed, based on their version now
    assert officer.post(url, again).status_code == 302
    section.refresh_from_db()
    assert section.body == "Mine."


def test_it_refuses_a_move_made_on_an_order_someone_else_has_changed(officer, alice):
    notice = NoticeFactory()
    first = actions.notice_section_add(actor=alice, notice=notice, heading="CCTV", body="Cameras.")
    second = actions.notice_section_add(actor=alice, notice=notice, heading="Calls", body="Recorded.")
    seen = f"{first.pk},{second.pk}"
    actions.notice_section_move(actor=alice, section=second, up=True, order=[first.pk, second.pk])
    response = officer.post(reverse("manage:section_change", args=[notice.pk, second.pk, "up"]),
                            {"order": seen}, follow=True)
    assert "were changed by someone else" in response.content.decode()
    assert [s.heading for s in notice.sections.all()] == ["Calls", "CCTV"]  # the other person's move stands


def test_it_refuses_deleting_a_section_someone_changed_since_it_was_shown(officer, alice):
    notice = NoticeFactory()
    section = actions.notice_section_add(actor=alice, notice=notice, heading="CCTV", body="Cameras.")
    shown = section.lock_version
    actions.notice_section_update(actor=alice, section=section, lock_version=shown, heading="CCTV",
                                  body="Now covers the car park too.", placement=section.placement)
    response = officer.post(reverse("manage:section_change", args=[notice.pk, section.pk, "delete"]),
                            {"lock_version": shown}, follow=True)
    assert "was changed by someone else" in response.content.decode()
    assert NoticeSection.objects.filter(pk=section.pk).exists()


def test_it_refuses_to_restore_over_edits_made_since_the_page_was_loaded(officer, alice, publish):
    notice = NoticeFactory(summary="As published.")
    publish(notice)
    shown = Notice.objects.get(pk=notice.pk).lock_version
    actions.notice_update(actor=alice, notice=notice, lock_version=shown, fields={"summary": "Edited since."})
    response = officer.post(reverse("manage:notice_restore", args=[notice.pk, 1]), {"lock_version": shown},
                            follow=True)
    assert "was changed by someone else after you opened it" in response.content.decode()
    assert Notice.objects.get(pk=notice.pk).summary == "Edited since."


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_it_opens_one_draft_when_many_make_the_first_edit_after_publishing_at_once(alice, publish):
    reference_data_ensure()  # a transactional test starts with the tables emptied by the one before
    notice = NoticeFactory()
    publish(notice)
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def first_edit(n: int) -> None:
        from django.db import connections

        try:
            barrier.wait(timeout=20)
            actions.notice_section_add(actor=alice, notice=notice, heading=f"Section {n}", body="Text.")
        except BaseException as error:  # noqa: BLE001 - any failure is what this test looks for
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first_edit, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert list(notice.versions.filter(status=NoticeVersion.Status.DRAFT).values_list("number", flat=True)) == [2]
    assert notice.sections.count() == 8
