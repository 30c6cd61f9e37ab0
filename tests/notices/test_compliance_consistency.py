"""A notice must not contradict itself or the register: each consistency rule passed and failed."""

import datetime as dt

import pytest

from notices.compliance import check_notice
from notices.rendering import render_document_html
from notices.selectors import today
from services.models import Recipient, Service
from tests.factories import (
    LegalHoldFactory,
    NoticeFactory,
    NoticeSectionFactory,
    RecipientFactory,
    RetentionRuleFactory,
    ServiceFactory,
)

from .compliance_helpers import document, findings, one, section

pytestmark = pytest.mark.django_db


def _abroad(notice, name="Redfern"):
    recipient = RecipientFactory(
        name=name, transfer_country="the United States", safeguard=Recipient.Safeguard.IDTA,
        safeguard_copy="Ask our DPO for a copy.",
    )
    notice.recipients.add(recipient)
    return recipient


@pytest.mark.parametrize(
    "claim",
    [
        "Your information is never sent outside the UK.",
        "We will not transfer your data outside of the United Kingdom.",
        "Your information never leaves the UK.",
        "All records are held only in the UK.",
    ],
)
def test_it_blocks_a_claim_that_information_stays_in_the_uk_beside_a_transfer(claim):
    notice = NoticeFactory()
    text = NoticeSectionFactory(notice=notice, heading="Keeping your information safe", body=claim)
    assert not findings(notice, "uk_only_claim_contradicted")  # nothing goes abroad yet: the claim is true
    _abroad(notice)
    finding = one(notice, "uk_only_claim_contradicted")
    assert finding.is_blocker
    assert "Redfern (the United States)" in finding.rule
    assert (finding.record_type, finding.record_id, finding.section) == (
        "notices.noticesection", text.pk, f"text-{text.pk}"
    )


def test_it_finds_the_claim_in_a_record_text_too():
    notice = NoticeFactory()
    _abroad(notice)
    hosting = RecipientFactory(
        name="Cloud hosting", role=Recipient.Role.PROCESSOR, why_shared="Data is stored only in the UK."
    )
    notice.recipients.add(hosting)
    assert one(notice, "uk_only_claim_contradicted").record_id == hosting.pk


def test_it_accepts_no_other_information_leaving_the_uk_said_beside_the_transfer():
    notice = NoticeFactory()
    _abroad(notice)
    NoticeSectionFactory(
        notice=notice, heading="Outside the UK", placement="who_we_share_with",
        body="No other personal information is routinely sent or held outside the UK.",
    )
    assert not findings(notice, "uk_only_claim_contradicted")


def test_it_warns_about_our_processors_on_a_notice_for_services_we_only_process_for():
    notice = NoticeFactory()
    on_behalf = ServiceFactory(role=Service.Role.PROCESSOR)
    notice.services.add(on_behalf)
    case_system = RecipientFactory(name="Case management supplier", role=Recipient.Role.PROCESSOR)
    notice.recipients.add(case_system)
    finding = one(notice, "processor_on_processor_notice")
    assert (finding.severity, finding.record_id) == ("warning", case_system.pk)
    notice.services.add(ServiceFactory(role=Service.Role.CONTROLLER))
    assert not findings(notice, "processor_on_processor_notice")


def test_it_warns_about_a_retention_period_with_no_authority():
    rule = RetentionRuleFactory(record_type="Volunteer records", authority="")
    finding = one(NoticeFactory(retention_rules=[rule]), "retention_authority_missing")
    assert (finding.severity, finding.record_type, finding.record_id) == (
        "warning", "retention.retentionrule", rule.pk
    )
    assert not findings(NoticeFactory(), "retention_authority_missing")


def test_it_keeps_ended_holds_in_the_document_but_shows_only_active_ones():
    notice = NoticeFactory()
    inquiry = LegalHoldFactory(name="UK Covid-19 Inquiry")
    yesterday = today() - dt.timedelta(days=1)
    ended = LegalHoldFactory(name="Independent Inquiry into Child Sexual Abuse", end_date=yesterday)
    notice.legal_holds.add(inquiry, ended)
    doc = document(notice)
    holds = {hold["name"]: hold for hold in section(doc, "how_long_we_keep_it")["legal_holds"]}
    assert holds["UK Covid-19 Inquiry"]["active"] is True
    assert (holds[ended.name]["active"], holds[ended.name]["end_date"]) == (False, ended.end_date.isoformat())
    html = render_document_html(doc)
    assert "UK Covid-19 Inquiry" in html
    assert ended.name not in html
    assert not findings(doc, "legal_hold_ended")  # an ended hold that is not shown is fine


def test_it_warns_when_a_frozen_document_still_shows_a_hold_that_has_since_ended():
    notice = NoticeFactory()
    hold = LegalHoldFactory(end_date=today() + dt.timedelta(days=5))
    notice.legal_holds.add(hold)
    frozen = document(notice)
    assert not findings(frozen, "legal_hold_ended", on=today())
    finding = one(frozen, "legal_hold_ended", on=today() + dt.timedelta(days=10))
    assert (finding.severity, finding.record_id) == ("warning", hold.pk)


def test_it_warns_when_the_notice_was_not_reviewed_by_its_review_date():
    notice = NoticeFactory(review_by=today() - dt.timedelta(days=1))
    finding = one(notice, "review_overdue")
    assert (finding.section, finding.record_type, finding.record_id) == ("changes", "notices.notice", notice.pk)
    notice.review_by = today()
    notice.save()
    assert not [f for f in check_notice(notice) if f.code == "review_overdue"]
