"""The notice builder, review and dashboard, driven through the workspace pages."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from notices import actions
from notices.models import Notice, NoticeVersion
from services import actions as register_actions
from tests.factories import ControllerFactory, NoticeFactory, PurposeFactory, RecipientFactory, default_organisation

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_it_builds_previews_submits_and_publishes_a_notice(officer, dpo):
    controller = ControllerFactory(name="Borsetshire Council")
    purpose = PurposeFactory(name="Supporting young carers")
    police = RecipientFactory(name="Borsetshire Police")
    response = officer.post(reverse("manage:notice_new"), {
        "title": "Young carers", "slug": "young-carers", "controller": controller.pk, "audience": "children",
        "summary": "We help young carers.",
    }, follow=True)
    notice = Notice.objects.get(slug="young-carers")
    assert "Created “Young carers”" in _text(response)
    for part, record in [("purposes", purpose), ("recipients", police)]:
        officer.post(reverse("manage:notice_relation", args=[notice.pk, part]), {
            "lock_version": Notice.objects.get(pk=notice.pk).lock_version, "chosen": [record.pk],
            "shown": [record.pk],
        })
    officer.post(reverse("manage:section_add", args=[notice.pk]), {
        "heading": "CCTV", "body": "We record **video** at our centres.", "placement": "why_we_use_it",
    })
    preview = _text(officer.get(reverse("manage:notice_preview", args=[notice.pk])))
    assert "Supporting young carers" in preview and "Borsetshire Police" in preview
    assert "<strong>video</strong>" in preview
    officer.post(reverse("manage:notice_submit", args=[notice.pk]), {"change_summary": "First version"})
    assert "Young carers version 1" in _text(dpo.get(reverse("manage:dashboard"))).split('id="in-review"')[1]
    review = _text(dpo.get(reverse("manage:notice_review", args=[notice.pk])))
    assert "This is the first version" in review and "Borsetshire Police" in review
    # No retention rule: a blocker, shown on the review page, refuses publishing until the DPO gives a reason.
    assert "Compliance checks" in review and "Art 13(2)(a)" in review
    refused = dpo.post(reverse("manage:notice_decide", args=[notice.pk, "publish"]), {}, follow=True)
    assert "blocking compliance finding" in _text(refused)
    assert not notice.versions.filter(status="published").exists()
    done = dpo.post(
        reverse("manage:notice_decide", args=[notice.pk, "publish"]),
        {"override_reason": "Retention is set by the council schedule, being added next week"},
        follow=True,
    )
    assert "Version 1 published" in _text(done)
    event = notice.versions.get().events.get(action="published")
    assert "Retention is set by the council schedule" in event.reason
    assert "Borsetshire Police" in _text(Client().get(reverse("public:notice", args=["young-carers"])))


def test_it_keeps_choices_hidden_by_the_filter(officer):
    notice = NoticeFactory()
    kept, shown = RecipientFactory(name="Schools"), RecipientFactory(name="Police")
    RecipientFactory(name="Courts")
    notice.recipients.add(kept)
    page = _text(officer.get(reverse("manage:notice_relation", args=[notice.pk, "recipients"]), {"q": "pol"}))
    # What is chosen stays in view (so nobody unticks what they cannot see); what does not match is not listed.
    assert "Police" in page and "Schools" in page and "Courts" not in page
    officer.post(reverse("manage:notice_relation", args=[notice.pk, "recipients"]), {
        "lock_version": notice.lock_version, "chosen": [shown.pk], "shown": [shown.pk],
    })
    assert set(notice.recipients.all()) == {kept, shown}


def test_it_refuses_an_edit_made_to_an_out_of_date_copy(officer):
    notice = NoticeFactory(summary="Old summary")
    stale = notice.lock_version
    data = {"title": notice.title, "controller": notice.controller.pk, "audience": "everyone"}
    officer.post(reverse("manage:notice_basics", args=[notice.pk]), {**data, "summary": "First", "lock_version": stale})
    response = officer.post(reverse("manage:notice_basics", args=[notice.pk]),
                            {**data, "summary": "Second", "lock_version": stale})
    assert response.status_code == 409
    assert "changed by someone else while you were editing it" in _text(response)
    assert "Second</textarea>" in _text(response)  # what the editor typed is still there
    notice.refresh_from_db()
    assert notice.summary == "First"


def test_it_edits_moves_and_deletes_free_text_sections(officer, alice):
    notice = NoticeFactory()
    first = actions.notice_section_add(actor=alice, notice=notice, heading="CCTV", body="Cameras.")
    second = actions.notice_section_add(actor=alice, notice=notice, heading="Calls", body="Recorded.")
    officer.post(reverse("manage:section_change", args=[notice.pk, second.pk, "up"]),
                 {"order": f"{first.pk},{second.pk}"})
    assert [s.heading for s in notice.sections.all()] == ["Calls", "CCTV"]
    first.refresh_from_db()
    officer.post(reverse("manage:section_edit", args=[notice.pk, first.pk]),
                 {"heading": "Cameras", "body": "CCTV at the door.", "placement": "who_we_share_with",
                  "lock_version": first.lock_version})
    second.refresh_from_db()
    officer.post(reverse("manage:section_change", args=[notice.pk, second.pk, "delete"]),
                 {"lock_version": second.lock_version})
    assert [(s.heading, s.placement) for s in notice.sections.all()] == [("Cameras", "who_we_share_with")]


def test_it_shows_the_dpos_reason_prominently_on_the_sent_back_draft(officer, dpo):
    notice = NoticeFactory()
    officer.post(reverse("manage:notice_submit", args=[notice.pk]), {"change_summary": "First"})
    dpo.post(reverse("manage:notice_decide", args=[notice.pk, "reject"]), {"reason": "Name the police force."})
    page = _text(officer.get(reverse("manage:notice", args=[notice.pk])))
    assert "The DPO sent this version back" in page and "Name the police force." in page
    assert "Name the police force." in _text(officer.get(reverse("manage:dashboard")))


def test_it_shows_the_four_eyes_refusal_as_a_message(sign_in, charlie):
    notice = NoticeFactory()
    client = sign_in(charlie)
    client.post(reverse("manage:notice_submit", args=[notice.pk]), {"change_summary": "First"})
    response = client.post(reverse("manage:notice_decide", args=[notice.pk, "publish"]), {}, follow=True)
    assert response.status_code == 200
    assert "someone else must publish it" in _text(response)
    assert notice.versions.get().status == "in_review"


def test_it_compares_the_version_in_review_with_the_one_in_force(officer, dpo, alice, publish):
    notice = NoticeFactory()
    publish(notice)
    notice.recipients.add(RecipientFactory(name="Telljo"))
    actions.version_start_draft(actor=alice, notice=notice)
    officer.post(reverse("manage:notice_submit", args=[notice.pk]), {"change_summary": "Telljo added"})
    page = _text(dpo.get(reverse("manage:notice_review", args=[notice.pk])))
    assert "Added recipient: Telljo" in page
    assert '<ins class="diff-ins"><span class="govuk-visually-hidden">[added] </span>' in page
    # Only the changed section is shown, with a few lines around the change; the rest is a count.
    assert "Who we share your information with" in page and "sections unchanged" in page
    assert "kept for" not in page and "Information Commissioner" not in page


def test_it_publishes_from_a_later_date_typed_into_the_review_pages_date_boxes(dpo, alice):
    notice = NoticeFactory()
    actions.version_submit(actor=alice, version=notice.versions.get(), change_summary="First")
    review = _text(dpo.get(reverse("manage:notice_review", args=[notice.pk])))
    assert all(f'name="effective_from_{n}"' in review for n in range(3)) and "For example, 27 3 2027" in review
    done = dpo.post(reverse("manage:notice_decide", args=[notice.pk, "publish"]),
                    {"effective_from_0": "1", "effective_from_1": "2", "effective_from_2": "2099"}, follow=True)
    assert "In force from 1 February 2099" in _text(done)
    assert notice.versions.get().publication.effective_from == dt.date(2099, 2, 1)


@pytest.mark.parametrize(("parts", "message"), [
    (("31", "2", "2099"), "The date it comes into force must be a real date"),
    (("1", "", "2099"), "The date it comes into force must include a month"),
    (("1", "1", "2000"), "The date it comes into force must be today or in the future"),
])
def test_it_shows_a_mistyped_publish_date_on_the_review_page_and_publishes_nothing(dpo, alice, parts, message):
    notice = NoticeFactory()
    actions.version_submit(actor=alice, version=notice.versions.get(), change_summary="First")
    response = dpo.post(reverse("manage:notice_decide", args=[notice.pk, "publish"]),
                        dict(zip(("effective_from_0", "effective_from_1", "effective_from_2"), parts, strict=True)))
    page = _text(response)
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert "<title>Error: Review:" in page
    assert f'value="{parts[2]}"' in page  # what the DPO typed is still there
    assert notice.versions.get().status == "in_review"


def test_it_asks_why_when_sending_back_without_a_reason(dpo, alice):
    notice = NoticeFactory()
    actions.version_submit(actor=alice, version=notice.versions.get(), change_summary="First")
    page = _text(dpo.post(reverse("manage:notice_decide", args=[notice.pk, "reject"]), {"reason": ""}))
    assert '<a href="#id_reason">Say why you are sending it back' in page
    assert notice.versions.get().status == "in_review"


def test_it_shows_an_empty_change_summary_as_an_error_on_the_notice_page(officer):
    notice = NoticeFactory()
    page = _text(officer.post(reverse("manage:notice_submit", args=[notice.pk]), {"change_summary": "  "}))
    assert "<title>Error: " in page
    assert '<a href="#id_change_summary">Say what changed in this version, for the DPO and the public.</a>' in page
    assert notice.versions.get().status == "draft"


def test_it_shows_an_empty_withdrawal_reason_as_an_error_on_the_notice_page(dpo, publish):
    notice = NoticeFactory()
    publish(notice)
    page = _text(dpo.post(reverse("manage:notice_withdraw", args=[notice.pk]), {"reason": ""}))
    assert "<title>Error: " in page
    assert '<a href="#id_reason">Say why the notice is being withdrawn.</a>' in page
    assert not notice.withdrawals.exists()


def test_it_sets_the_review_date_with_the_date_boxes(officer):
    notice = NoticeFactory()
    data = {"title": notice.title, "controller": notice.controller.pk, "audience": "everyone",
            "lock_version": notice.lock_version}
    wrong = officer.post(reverse("manage:notice_basics", args=[notice.pk]),
                         {**data, "review_by_0": "30", "review_by_1": "2", "review_by_2": "2027"})
    assert '<a href="#id_review_by">The review date must be a real date</a>' in _text(wrong)
    officer.post(reverse("manage:notice_basics", args=[notice.pk]),
                 {**data, "review_by_0": "31", "review_by_1": "3", "review_by_2": "2027"})
    notice.refresh_from_db()
    assert notice.review_by == dt.date(2027, 3, 31)


def test_it_withdraws_a_published_notice_with_a_reason(dpo, publish):
    notice = NoticeFactory()
    publish(notice)
    dpo.post(reverse("manage:notice_withdraw", args=[notice.pk]), {"reason": "Service closed."})
    assert notice.withdrawals.get().reason == "Service closed."


def test_it_restores_an_earlier_version_into_a_new_draft(officer, alice, publish):
    notice = NoticeFactory()
    police = RecipientFactory(name="Police")
    notice.recipients.add(police)
    actions.notice_section_add(actor=alice, notice=notice, heading="CCTV", body="Cameras.")
    publish(notice)
    notice.recipients.clear()
    notice.sections.all().delete()
    notice.refresh_from_db()
    officer.post(reverse("manage:notice_restore", args=[notice.pk, 1]), {"lock_version": notice.lock_version})
    assert list(notice.recipients.all()) == [police]
    assert [s.heading for s in notice.sections.all()] == ["CCTV"]
    assert notice.versions.get(status="draft").number == 2


def test_it_lists_drafts_reviews_due_dates_and_out_of_date_notices(officer, alice, publish):
    mine = actions.notice_create(actor=alice, organisation=default_organisation(), title="My draft", slug="my-draft",
                                  controller=ControllerFactory())
    due = NoticeFactory(title="Due notice", review_by=dt.date.today() - dt.timedelta(days=1))
    police = RecipientFactory(name="Police")
    stale = NoticeFactory(title="Stale notice")
    stale.recipients.add(police)
    publish(stale)
    # Through the register's own write, as the workspace, the admin and the demo loader change records.
    register_actions.record_update(actor=alice, record=police, lock_version=police.lock_version,
                                   fields={"why_shared": "Changed"})
    page = _text(officer.get(reverse("manage:dashboard")))
    assert "My draft version 1" in page
    assert "Due notice" in page and "(overdue)" in page
    assert "Stale notice" in page.split('id="out-of-date"')[1]
    assert mine.versions.get().status == NoticeVersion.Status.DRAFT
    assert due.pk


def test_it_links_the_draft_pdf_and_offers_the_export_to_dpos_only(officer, dpo):
    notice = NoticeFactory()
    detail = _text(officer.get(reverse("manage:notice", args=[notice.pk])))
    assert f'href="/manage/notices/{notice.pk}/draft.pdf"' in detail
    assert 'href="/manage/export/"' in _text(dpo.get(reverse("manage:dashboard")))
    assert 'href="/manage/export/"' not in _text(officer.get(reverse("manage:dashboard")))
