"""Publishing is refused while blockers remain, unless a DPO overrides with a written reason; the
check_notices command and the findings partial; what the checker says about notices like the seeds."""

import pytest
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.urls import reverse

from notices import actions
from notices.compliance import check_notice
from notices.models import Publication
from services.models import Purpose, Recipient
from tests.factories import (
    ControllerFactory,
    NoticeFactory,
    NoticeSectionFactory,
    PurposeFactory,
    RecipientFactory,
    RetentionRuleFactory,
    SourceFactory,
    basis,
)

pytestmark = pytest.mark.django_db


def _submitted(alice, notice):
    return actions.version_submit(actor=alice, version=notice.versions.get(status="draft"), change_summary="First")


def test_it_refuses_to_publish_while_a_blocker_remains(alice, bob):
    version = _submitted(alice, NoticeFactory(retention_rules=[]))
    with pytest.raises(actions.ComplianceBlocked, match="This version has 1 blocking compliance finding, so") as caught:
        actions.version_publish(actor=bob, version=version)
    assert [f.code for f in caught.value.blockers] == ["retention_missing"]
    version.refresh_from_db()
    assert version.status == "in_review"
    assert not Publication.objects.exists()
    with pytest.raises(actions.ComplianceBlocked):
        actions.version_publish(actor=bob, version=version, override_reason="   ")


def test_it_publishes_on_a_dpo_override_and_keeps_the_reason_in_the_audit_trail(alice, bob):
    version = _submitted(alice, NoticeFactory(retention_rules=[]))
    reason = "The retention schedule is being rewritten; the old notice gave no periods either."
    publication = actions.version_publish(actor=bob, version=version, override_reason=reason)
    version.refresh_from_db()
    assert (version.status, version.override_reason) == ("published", reason)
    event = version.events.get(action="published")
    assert event.actor == bob
    assert "Published despite 1 blocking compliance finding (retention_missing)" in event.reason
    assert event.reason.endswith(f"DPO's reason: {reason}")
    assert publication.document["version"]["number"] == 1


def test_it_does_not_keep_a_reason_when_nothing_blocks(alice, bob):
    version = _submitted(alice, NoticeFactory())
    actions.version_publish(actor=bob, version=version, override_reason="Just in case")
    version.refresh_from_db()
    assert version.override_reason == ""
    assert "Just in case" not in version.events.get(action="published").reason


def test_it_checks_the_frozen_submitted_document_not_the_live_records(alice, bob):
    notice = NoticeFactory(retention_rules=[])
    version = _submitted(alice, notice)
    notice.retention_rules.add(RetentionRuleFactory())  # too late: the DPO reviews what was submitted
    with pytest.raises(actions.ComplianceBlocked):
        actions.version_publish(actor=bob, version=version)


def test_it_prints_findings_per_notice_and_exits_1_while_any_blocker_remains(capsys):
    NoticeFactory(title="Complete", slug="complete")
    NoticeFactory(title="No retention", slug="no-retention", retention_rules=[])
    with pytest.raises(CommandError, match="1 notice has blocking findings") as caught:
        call_command("check_notices")
    assert caught.value.returncode == 1
    out = capsys.readouterr().out
    assert "No retention (no-retention): 1 blocking" in out
    assert "BLOCKER [retention_missing] UK GDPR Art 13(2)(a)" in out
    assert "Where to fix: How long we keep your information" in out
    assert "Complete (complete): 0 blocking" in out


def test_it_checks_one_notice_by_slug():
    NoticeFactory(slug="complete")
    NoticeFactory(slug="no-retention", retention_rules=[])
    call_command("check_notices", "--slug", "complete")  # no blocker: no error
    with pytest.raises(CommandError, match="no notice with the slug “missing”"):
        call_command("check_notices", "--slug", "missing")


def test_it_renders_findings_blockers_first_with_where_to_fix():
    notice = NoticeFactory(retention_rules=[])
    html = render_to_string("notices/includes/_findings.html", {"findings": check_notice(notice)})
    assert html.index("Must fix") < html.index("Check</strong>")
    assert "UK GDPR Art 13(2)(a): the notice does not say how long information is kept" in html
    assert "Where to fix:</span> How long we keep your information" in html
    assert "No problems found." in render_to_string("notices/includes/_findings.html", {"findings": []})


def test_it_links_a_finding_to_the_register_record_to_fix():
    unknown = PurposeFactory(name="Training workers", art6_basis=None, legislation=[])
    html = render_to_string(
        "notices/includes/_findings.html", {"findings": check_notice(NoticeFactory(purposes=[unknown]))}
    )
    link = reverse("manage:record_detail", args=["purposes", unknown.pk])
    assert f'<a class="govuk-link" href="{link}">Why we use your information and our lawful bases: purpose ' in html


def _childrens_services_mirror():
    """Like seed 002 (Essex children's services): a travel booker's US parent 'registered with the US Privacy
    Shield', free text saying nothing else leaves the UK, and special category data on "substantial public
    interest" without the Sch 1 condition."""
    council = ControllerFactory(name="Essex County Council", slug="essex")
    social_care = PurposeFactory(name="Children's social care", art9_condition=basis("art9_2_g"))
    social_care.data_categories.create(name="Health", kind="special", organisation=social_care.organisation)
    notice = NoticeFactory(
        controller=council, title="Children's services", slug="childrens-services", purposes=[social_care]
    )
    notice.recipients.add(
        RecipientFactory(
            name="Redfern", role=Recipient.Role.PROCESSOR, transfer_country="the United States",
            safeguard=Recipient.Safeguard.OTHER,
            safeguard_detail="The parent company is registered with the US Privacy Shield, meaning the EU has "
            "agreed that they have an adequate level of data protection in place.",
        )
    )
    NoticeSectionFactory(notice=notice, heading="Will my personal information be accessible outside the UK?",
                         placement="who_we_share_with",
                         body="No other personal information is routinely sent or held outside the UK.")
    return notice


def _privacy_statement_2015_mirror():
    """Like seed 003 (Essex privacy statement 2015): no DPO, retention only as 'see our retention schedule',
    purposes as a bulleted list with no lawful basis."""
    council = ControllerFactory(
        name="Essex County Council 2015", slug="essex-2015", dpo_name="", dpo_email="", dpo_address="",
        registered_office="", rights_request_instructions="",
    )
    notice = NoticeFactory(controller=council, title="Privacy statement", slug="privacy-statement", purposes=[],
                           retention_rules=[])
    NoticeSectionFactory(notice=notice, heading="Why we use personal information", placement="why_we_use_it",
                         body="Essex County Council may need to use some information about you to:\n\n"
                         "- deliver services and support to you;\n- manage services;\n- train workers.")
    NoticeSectionFactory(notice=notice, heading="How long do we keep your personal information?",
                         placement="how_long_we_keep_it",
                         body="Please see our retention schedule which explains the retention period for all "
                         "information held by the Local Authority.")
    return notice


def test_it_blocks_a_notice_like_seed_002_for_its_privacy_shield_transfer_and_missing_sch1_condition():
    blockers = {(f.code, f.record_name) for f in check_notice(_childrens_services_mirror()) if f.is_blocker}
    assert blockers == {
        ("stale_reference", "Redfern"),
        # The Privacy Shield is no safeguard at all, so asking for a copy of it would be beside the point.
        ("transfer_safeguard_invalid", "Redfern"),
        ("sch1_missing", "Children's social care"),
    }


def test_it_blocks_a_notice_like_seed_003_for_no_dpo_no_purposes_no_contact_and_no_retention_period():
    found = check_notice(_privacy_statement_2015_mirror())
    assert {f.code for f in found if f.is_blocker} == {
        "controller_contact_missing", "dpo_missing", "purposes_missing", "rights_how_to_missing", "retention_missing"
    }


def test_it_lets_a_complete_notice_with_art14_data_through(alice, bob):
    elsewhere = PurposeFactory(art6_basis=basis("art6_1_c"), collected_from=Purpose.CollectedFrom.ELSEWHERE)
    notice = NoticeFactory(purposes=[elsewhere])
    notice.sources.add(SourceFactory())
    elsewhere.data_categories.create(name="Contact details", organisation=elsewhere.organisation)
    actions.version_publish(actor=bob, version=_submitted(alice, notice))
    assert Publication.objects.count() == 1
