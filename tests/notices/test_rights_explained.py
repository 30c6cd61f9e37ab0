"""Issue 12 point 7: the builder says which rights the recorded lawful bases give and why a right is absent;
an officer may add a right the law does not require, with a note the public page shows; the checks warn when
a right is promised that no recorded basis gives."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from notices import actions
from notices.compliance import check_notice
from notices.models import Notice
from tests.factories import NoticeFactory, OrganisationFactory, PurposeFactory, basis

from .pdfs import pages_text

pytestmark = pytest.mark.django_db

NOTE = "We will delete your information on request once your case is closed."


@pytest.fixture
def notice():
    return NoticeFactory(slug="family-hubs", purposes=[
        PurposeFactory(name="Supporting families"),  # public task
        PurposeFactory(name="Newsletter", art6_basis=basis("art6_1_a")),
    ])


def _codes(notice) -> set[str]:
    return {finding.code for finding in check_notice(notice)}


def _save_rights(client, notice, **fields):
    lock = Notice.objects.get(pk=notice.pk).lock_version
    return client.post(reverse("manage:notice_rights", args=[notice.pk]), {"lock_version": lock, **fields},
                       follow=True)


def test_the_builder_says_which_rights_the_bases_give_and_why_others_are_absent(officer, notice):
    page = officer.get(reverse("manage:notice_rights", args=[notice.pk])).content.decode()
    erasure = page.split('id="explained-erasure"')[1].split("</div>")[0]
    assert "Given for: Newsletter." in erasure
    assert "Not given for Supporting families.</strong> The right to erasure does not apply to processing for a " \
           "public task (UK GDPR Art 17(3)(b))." in erasure
    portability = page.split('id="explained-portability"')[1].split("</div>")[0]
    assert "only to processing based on consent or a contract" in portability and "Art 20(1)(a)" in portability
    objection = page.split('id="explained-object"')[1].split("</div>")[0]
    assert "Given for: Supporting families." in objection and "UK GDPR Art 21(1)" in objection
    assert "Always given" in page.split('id="explained-access"')[1].split("</div>")[0]


def test_every_reason_names_a_provision_and_where_its_text_was_read():
    import csv

    from notices.rights import ABSENT_REASONS

    with ABSENT_REASONS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["reference"].startswith("UK GDPR Art ") and "https://" in row["source"] for row in rows)


def test_an_added_right_with_its_note_reaches_the_page_json_and_pdf(officer, notice, publish):
    saved = _save_rights(officer, notice, offer_erasure="on", note_erasure=NOTE)
    assert "Saved the rights this notice offers." in saved.content.decode()
    assert "offered beyond the law: The right to have information deleted" in officer.get(
        reverse("manage:notice", args=[notice.pk])).content.decode()
    publish(notice)
    public = Client()
    page = public.get(reverse("public:notice", args=["family-hubs"])).content.decode()
    erasure = page.split('id="right-erasure"')[1]
    assert "although the law does not always require it. " + NOTE in erasure
    assert "This right applies to: Newsletter" not in erasure.split("<h3")[0]
    document = json.loads(public.get(reverse("public:version_json", args=["family-hubs", 1])).content)
    rights = {r["key"]: r for r in next(s for s in document["sections"] if s["key"] == "your_rights")["rights"]}
    assert rights["erasure"]["added"] is True and rights["erasure"]["note"] == NOTE
    download = public.get(reverse("public:pdf_version", args=["family-hubs", 1]))
    pdf = " ".join(" ".join(pages_text(b"".join(download.streaming_content))).split())
    assert "We will delete your information on request once your case is closed." in pdf


def test_it_warns_about_an_added_right_without_a_note_until_one_is_given(officer, notice):
    notice.purposes.set([notice.purposes.get(name="Supporting families")])  # public task only: no portability
    _save_rights(officer, notice, offer_portability="on")
    assert "added_right_without_note" in _codes(notice)
    _save_rights(officer, notice, offer_portability="on", note_portability="You can have your records as a file.")
    assert "added_right_without_note" not in _codes(notice)


def test_it_warns_when_text_promises_portability_under_a_public_task_and_clears_once_offered(alice, notice):
    notice.purposes.set([notice.purposes.get(name="Supporting families")])
    actions.notice_section_add(actor=alice, notice=notice, heading="Your other rights",
                               body="You also have the right to data portability.", placement="your_rights")
    [finding] = [f for f in check_notice(notice) if f.code == "right_promised_not_applicable"]
    assert finding.severity == "warning"
    assert "promises the right to take your information with you (“data portability”)" in finding.rule
    notice = actions.notice_rights_update(actor=alice, notice=notice, lock_version=notice.lock_version,
                                          added_rights=[{"key": "portability", "note": "We offer it anyway."}])
    assert "right_promised_not_applicable" not in _codes(notice)


def test_text_promising_a_right_a_basis_gives_raises_nothing(alice, notice):
    actions.notice_section_add(actor=alice, notice=notice, heading="More", body="You have the right to object.",
                               placement="your_rights")
    assert "right_promised_not_applicable" not in _codes(notice)


def test_a_save_over_someone_elses_is_refused(officer, notice, alice):
    seen = notice.lock_version
    actions.notice_rights_update(actor=alice, notice=notice, lock_version=seen,
                                 added_rights=[{"key": "erasure", "note": NOTE}])
    response = officer.post(reverse("manage:notice_rights", args=[notice.pk]),
                            {"lock_version": seen, "offer_portability": "on"}, follow=True)
    assert "was changed by someone else while you were editing it" in response.content.decode()
    assert Notice.objects.get(pk=notice.pk).added_rights == [{"key": "erasure", "note": NOTE}]


def test_another_organisations_notice_is_not_found(officer):
    theirs = NoticeFactory(organisation=OrganisationFactory(name="Ambridge Council", slug="ambridge"))
    assert officer.get(reverse("manage:notice_rights", args=[theirs.pk])).status_code == 404
    assert officer.post(reverse("manage:notice_rights", args=[theirs.pk]), {"lock_version": 1}).status_code == 404


def test_adding_a_right_every_purpose_already_has_changes_nothing(alice, notice):
    from notices.document import build_document

    notice.purposes.set([notice.purposes.get(name="Supporting families")])  # public task: objection applies
    notice = actions.notice_rights_update(actor=alice, notice=notice, lock_version=notice.lock_version,
                                          added_rights=[{"key": "object", "note": ""}])
    rights = next(s for s in build_document(notice)["sections"] if s["key"] == "your_rights")["rights"]
    assert next(r for r in rights if r["key"] == "object")["added"] is False
    assert "added_right_without_note" not in _codes(notice)
