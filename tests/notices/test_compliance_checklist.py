"""UK GDPR Arts 13 and 14: each information item, with a notice that gives it and one that does not."""

import csv
import json

import pytest

from notices import actions
from notices.compliance import check_notice
from notices.compliance.checklist import ITEMS
from notices.compliance.context import CHECKLIST_CSV
from services.models import Purpose, Recipient
from tests.factories import (
    ControllerFactory,
    DataCategoryFactory,
    NoticeFactory,
    NoticeSectionFactory,
    PurposeFactory,
    RecipientFactory,
    SourceFactory,
    basis,
)

from .compliance_helpers import document, findings, one, section

pytestmark = pytest.mark.django_db


def test_it_has_a_rule_for_every_information_item_of_the_checklist():
    with CHECKLIST_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    items = {
        row["item_code"] for row in rows
        if not row["item_code"].startswith("timing") and not row["condition"].startswith("exception")
    }
    assert items == set(ITEMS)


def test_it_finds_nothing_blocking_in_a_default_factory_notice():
    notice = NoticeFactory()
    assert [f.rule for f in check_notice(notice) if f.is_blocker] == []
    json.dumps(document(notice))  # the document stays JSON-serialisable with what the checks added


def test_it_needs_a_way_to_contact_the_controller():
    assert not findings(NoticeFactory(), "controller_contact_missing")
    controller = ControllerFactory(registered_office="", rights_request_instructions="")
    finding = one(NoticeFactory(controller=controller), "controller_contact_missing")
    assert finding.is_blocker
    assert finding.rule.startswith("UK GDPR Art 13(1)(a):")
    assert (finding.record_type, finding.record_id) == ("services.controller", controller.pk)
    assert finding.where == f"Who we are: controller “{controller.name}”"


@pytest.mark.parametrize(
    ("how_to", "blocked"),
    [
        # Seed 003's words: how to ask, but nowhere to ask.
        ("Ask us in writing for all the information we have about you and your services.", True),
        ("Write to County Hall, Chelmsford CM1 1QH.", False),
        ("Email records@essex.example.", False),
        ("Phone 0345 743 0430.", False),
        ("Use the form at https://www.essex.example/records.", False),
    ],
)
def test_it_needs_contact_details_not_just_instructions(how_to, blocked):
    controller = ControllerFactory(registered_office="", rights_request_instructions=how_to, complaints_contact=how_to,
                                   dpo_email="")
    notice = NoticeFactory(controller=controller)
    assert bool(findings(notice, "controller_contact_missing")) is blocked
    # The complaints contact, too, must say where to complain, not only how.
    assert bool(findings(notice, "complaint_contact_missing")) is blocked


def test_it_never_takes_the_rights_request_instructions_as_the_complaints_contact():
    # Complaints go to the controller's own complaints contact or else the DPO, never to the
    # rights-request instructions, so those instructions alone leave it missing however complete.
    controller = ControllerFactory(rights_request_instructions="Email records@essex.example.", complaints_contact="",
                                   dpo_email="", dpo_name="")
    assert findings(NoticeFactory(controller=controller), "complaint_contact_missing")


def test_it_takes_the_controllers_website_as_a_way_to_contact_it():
    controller = ControllerFactory(registered_office="", rights_request_instructions="", website="https://essex.example")
    assert not findings(NoticeFactory(controller=controller), "controller_contact_missing")


def test_it_needs_the_controller_named():
    doc = document(NoticeFactory())
    section(doc, "who_we_are")["controller"]["name"] = ""
    assert one(doc, "controller_missing").is_blocker
    assert not findings(document(NoticeFactory()), "controller_missing")


def test_it_requires_a_public_authority_to_give_its_dpo():
    no_dpo = {"dpo_name": "", "dpo_email": "", "dpo_address": ""}
    finding = one(NoticeFactory(controller=ControllerFactory(**no_dpo)), "dpo_missing")
    assert finding.is_blocker
    assert "is a public authority, so it must have a data protection officer" in finding.rule
    # A company that has not designated one need not name one.
    assert not findings(NoticeFactory(controller=ControllerFactory(is_public_authority=False, **no_dpo)), "dpo_missing")


def test_it_needs_a_way_to_contact_a_named_dpo():
    controller = ControllerFactory(dpo_name="Dana Protector", dpo_email="", dpo_phone="", dpo_address="")
    assert one(NoticeFactory(controller=controller), "dpo_contact_missing").is_blocker
    assert not findings(NoticeFactory(), "dpo_contact_missing")


def test_it_needs_purposes_and_warns_when_one_is_not_described():
    assert one(NoticeFactory(purposes=[]), "purposes_missing").is_blocker
    undescribed = PurposeFactory(description="")
    finding = one(NoticeFactory(purposes=[undescribed]), "purpose_undescribed")
    assert not finding.is_blocker
    assert (finding.record_type, finding.record_id) == ("services.purpose", undescribed.pk)
    assert not findings(NoticeFactory(), "purposes_missing") + findings(NoticeFactory(), "purpose_undescribed")


def test_it_needs_each_purpose_to_state_its_lawful_basis():
    doc = document(NoticeFactory())
    section(doc, "why_we_use_it")["purposes"][0]["art6"] = None
    assert one(doc, "lawful_basis_missing").is_blocker
    assert not findings(document(NoticeFactory()), "lawful_basis_missing")


def test_it_blocks_a_purpose_recorded_with_no_lawful_basis_and_says_where_to_choose_one():
    unknown = PurposeFactory(name="Training workers", art6_basis=None, legislation=[])
    notice = NoticeFactory(purposes=[unknown, PurposeFactory()])
    finding = one(notice, "lawful_basis_missing")
    assert finding.is_blocker
    assert finding.rule.startswith("UK GDPR Art 13(1)(c): the purpose “Training workers” gives no lawful basis")
    assert "the purpose's page in the register" in finding.rule
    assert (finding.record_type, finding.record_id) == ("services.purpose", unknown.pk)
    assert finding.register_key == "purposes"
    # No basis-specific rule runs on a basis that is not there.
    assert not findings(notice, "legislation_missing")
    unknown.art6_basis = basis("art6_1_e")
    unknown.save()
    assert not findings(notice, "lawful_basis_missing")


def test_it_cites_art14_for_a_purpose_with_no_basis_whose_data_comes_from_elsewhere():
    elsewhere = PurposeFactory(art6_basis=None, collected_from=Purpose.CollectedFrom.ELSEWHERE)
    finding = one(NoticeFactory(purposes=[elsewhere]), "lawful_basis_missing")
    assert finding.rule.startswith("UK GDPR Art 14(1)(c):")


def test_it_needs_the_legitimate_interests_when_relied_on():
    company = ControllerFactory(is_public_authority=False)
    silent = PurposeFactory(art6_basis=basis("art6_1_f"), legitimate_interests="")
    finding = one(NoticeFactory(controller=company, purposes=[silent]), "legitimate_interests_missing")
    assert finding.rule.startswith("UK GDPR Art 13(1)(d):")
    stated = PurposeFactory(art6_basis=basis("art6_1_f"), legitimate_interests="Keeping our buildings secure.")
    assert not findings(NoticeFactory(controller=company, purposes=[stated]), "legitimate_interests_missing")


def test_it_needs_the_kinds_of_information_when_it_comes_from_elsewhere():
    from_police = PurposeFactory(collected_from=Purpose.CollectedFrom.ELSEWHERE)
    notice = NoticeFactory(purposes=[from_police])
    notice.sources.add(SourceFactory())
    finding = one(notice, "categories_missing")
    assert finding.rule.startswith("UK GDPR Art 14(1)(d):")
    from_police.data_categories.add(DataCategoryFactory(name="Contact details"))
    assert not findings(notice, "categories_missing") + findings(notice, "purpose_categories_missing")
    # Collected from the person: Art 13 does not ask for the categories.
    assert not findings(NoticeFactory(), "categories_missing")


def test_it_warns_when_an_art14_purpose_is_not_linked_to_its_kinds_of_information():
    linked = PurposeFactory(collected_from=Purpose.CollectedFrom.ELSEWHERE)
    linked.data_categories.add(DataCategoryFactory(name="Contact details"))
    unlinked = PurposeFactory(collected_from=Purpose.CollectedFrom.BOTH)
    notice = NoticeFactory(purposes=[linked, unlinked])
    notice.sources.add(SourceFactory())
    finding = one(notice, "purpose_categories_missing")
    assert (finding.severity, finding.record_id) == ("warning", unlinked.pk)


def test_it_warns_when_the_notice_shares_with_no_one():
    notice = NoticeFactory()
    assert one(notice, "recipients_none").severity == "warning"
    notice.recipients.add(RecipientFactory(name="Essex Police"))
    assert not findings(notice, "recipients_none")


def test_it_blocks_a_transfer_with_no_safeguard_and_no_copy():
    notice = NoticeFactory()
    redfern = RecipientFactory(name="Redfern", transfer_country="the United States", safeguard="")
    notice.recipients.add(redfern)
    finding = one(notice, "transfer_safeguard_missing")
    assert finding.rule == (
        "UK GDPR Art 13(1)(f): information goes to the United States but the notice gives no safeguard and no way "
        "to get a copy of it."
    )
    assert finding.where == "Who we share your information with: recipient “Redfern”"
    assert (finding.record_type, finding.record_id) == ("services.recipient", redfern.pk)


def test_it_blocks_a_transfer_whose_only_safeguard_is_the_privacy_shield():
    notice = NoticeFactory()
    redfern = RecipientFactory(
        name="Redfern", transfer_country="United States", safeguard=Recipient.Safeguard.OTHER,
        safeguard_detail="The parent company is registered with the US Privacy Shield.",
    )
    notice.recipients.add(redfern)
    finding = one(notice, "transfer_safeguard_invalid")
    assert finding.is_blocker and finding.record_id == redfern.pk
    assert "only safeguard the notice gives is the “Privacy Shield”" in finding.rule
    assert "no usable safeguard" in finding.rule
    assert not findings(notice, "transfer_copy_missing")
    redfern.safeguard = Recipient.Safeguard.IDTA
    redfern.safeguard_detail = "An International Data Transfer Agreement with Redfern's US parent."
    redfern.safeguard_copy = "Ask our data protection officer for a copy."
    redfern.save()
    assert not [f for f in check_notice(notice) if f.code.startswith("transfer_")]


@pytest.mark.parametrize(
    ("safeguard", "detail", "copy", "expected"),
    [
        (Recipient.Safeguard.IDTA, "", "", "transfer_copy_missing"),
        (Recipient.Safeguard.IDTA, "", "Ask our DPO for a copy.", None),
        (Recipient.Safeguard.OTHER, "", "Ask our DPO.", "transfer_safeguard_undescribed"),
        (Recipient.Safeguard.APPROVED, "", "", None),
        (Recipient.Safeguard.ART49, "", "", "transfer_exception_unnamed"),
        (Recipient.Safeguard.ART49, "You asked us to send it (Art 49(1)(a)).", "", None),
    ],
)
def test_it_checks_the_safeguard_and_how_to_get_a_copy(safeguard, detail, copy, expected):
    notice = NoticeFactory()
    notice.recipients.add(
        RecipientFactory(transfer_country="India", safeguard=safeguard, safeguard_detail=detail, safeguard_copy=copy)
    )
    codes = {f.code for f in check_notice(notice) if f.code.startswith("transfer_")}
    assert codes == ({expected} if expected else set())


def test_it_cites_art14_or_both_articles_from_where_the_purposes_get_their_data():
    elsewhere = PurposeFactory(collected_from=Purpose.CollectedFrom.ELSEWHERE)
    notice = NoticeFactory(purposes=[elsewhere])
    notice.recipients.add(RecipientFactory(transfer_country="India"))
    assert one(notice, "transfer_safeguard_missing").rule.startswith("UK GDPR Art 14(1)(f):")
    notice.purposes.add(PurposeFactory())
    assert one(notice, "transfer_safeguard_missing").rule.startswith("UK GDPR Arts 13(1)(f) and 14(1)(f):")


def test_it_needs_retention_and_warns_when_only_free_text_gives_it():
    notice = NoticeFactory(retention_rules=[])
    assert one(notice, "retention_missing").rule.startswith("UK GDPR Art 13(2)(a):")
    NoticeSectionFactory(
        notice=notice, heading="Retention", body="Case files are kept for six years after the case closes.",
        placement="how_long_we_keep_it",
    )
    assert not findings(notice, "retention_missing")
    assert one(notice, "retention_free_text_only").severity == "warning"
    assert not findings(NoticeFactory(), "retention_free_text_only")


def test_it_needs_retention_when_the_free_text_only_points_elsewhere():
    # Seed 003's words: no period, and no criteria for deciding one.
    notice = NoticeFactory(retention_rules=[])
    NoticeSectionFactory(
        notice=notice, heading="Retention", body="Please see our retention schedule.", placement="how_long_we_keep_it"
    )
    assert one(notice, "retention_missing").is_blocker
    assert not findings(notice, "retention_free_text_only")


def test_it_needs_every_right_that_applies():
    doc = document(NoticeFactory())
    rights = section(doc, "your_rights")
    rights["rights"] = [right for right in rights["rights"] if right["key"] != "object"]
    finding = one(doc, "right_missing")
    assert "the right to object" in finding.rule
    assert not findings(document(NoticeFactory()), "right_missing")


def test_it_needs_a_way_to_use_the_rights():
    company = ControllerFactory(
        is_public_authority=False, rights_request_instructions="", dpo_name="", dpo_email="", dpo_address=""
    )
    assert one(NoticeFactory(controller=company), "rights_how_to_missing").is_blocker
    assert not findings(NoticeFactory(), "rights_how_to_missing")


@pytest.mark.parametrize(("art6", "art9"), [("art6_1_a", None), ("art6_1_e", "art9_2_a")])
def test_it_needs_the_right_to_withdraw_consent(art6, art9):
    purpose = PurposeFactory(art6_basis=basis(art6), art9_condition=basis(art9) if art9 else None)
    doc = document(NoticeFactory(purposes=[purpose]))
    assert not findings(doc, "withdraw_consent_missing")  # the document offers it where consent is relied on
    rights = section(doc, "your_rights")
    rights["rights"] = [right for right in rights["rights"] if right["key"] != "withdraw_consent"]
    finding = one(doc, "withdraw_consent_missing")
    assert finding.rule.startswith("UK GDPR Art 13(2)(c):")
    assert finding.record_id == purpose.pk


def test_it_needs_the_right_to_complain_to_the_ico():
    doc = document(NoticeFactory())
    del section(doc, "how_to_complain")["ico"]
    assert one(doc, "complaint_missing").rule.startswith("UK GDPR Art 13(2)(d):")
    assert not findings(document(NoticeFactory()), "complaint_missing")


def test_it_warns_when_there_is_no_contact_to_complain_to_first():
    company = ControllerFactory(is_public_authority=False, rights_request_instructions="", dpo_email="")
    assert one(NoticeFactory(controller=company), "complaint_contact_missing").severity == "warning"


def test_it_needs_to_say_whether_people_must_give_the_information():
    silent = PurposeFactory(provision_requirement="")
    assert one(NoticeFactory(purposes=[silent]), "provision_requirement_missing").rule.startswith(
        "UK GDPR Art 13(2)(e):"
    )
    # Art 14 (data from elsewhere) does not ask it.
    elsewhere = PurposeFactory(provision_requirement="", collected_from=Purpose.CollectedFrom.ELSEWHERE)
    notice = NoticeFactory(purposes=[elsewhere])
    assert not findings(notice, "provision_requirement_missing")


def test_it_accepts_the_requirement_stated_once_for_the_notice():
    silent = [PurposeFactory(provision_requirement=""), PurposeFactory(provision_requirement="")]
    notice = NoticeFactory(purposes=silent)
    assert findings(notice, "provision_requirement_missing")
    notice.provision_statement = "You don't have to give us information, but if you don't we may not be able to help."
    notice.save()
    assert not findings(notice, "provision_requirement_missing")


def test_it_does_not_ask_it_of_a_purpose_that_only_reuses_information_already_held():
    archive = PurposeFactory(name="Archiving", provision_requirement="", reuses_held_information=True)
    assert not findings(NoticeFactory(purposes=[archive]), "provision_requirement_missing")


def test_it_groups_the_same_gap_in_several_purposes_into_one_finding():
    names = ["Care", "CCTV", "Calls"]
    notice = NoticeFactory(purposes=[PurposeFactory(name=name, provision_requirement="") for name in names])
    finding = one(notice, "provision_requirement_missing")
    assert sorted(finding.purposes) == sorted(names)
    listed = "“{}”, “{}” and “{}”".format(*finding.purposes)
    assert f"{listed} use information people give us themselves" in finding.rule
    assert finding.where == f"Why we use your information and our lawful bases: purposes {listed}"
    # One purpose alone keeps its link to the purpose's record.
    single = one(NoticeFactory(purposes=[PurposeFactory(name="Solo", provision_requirement="")]),
                 "provision_requirement_missing")
    assert single.record_name == "Solo" and not single.purposes


def test_it_needs_the_sources_when_data_comes_from_elsewhere():
    elsewhere = PurposeFactory(name="Child protection enquiries", collected_from=Purpose.CollectedFrom.ELSEWHERE)
    notice = NoticeFactory(purposes=[elsewhere])
    finding = one(notice, "sources_missing")
    assert finding.rule.startswith("UK GDPR Art 14(2)(f): “Child protection enquiries”")
    notice.sources.add(SourceFactory(name="Police"))
    assert not findings(notice, "sources_missing")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("None", "automated_decisions_none_written"),
        ("Yes, scoring.", "automated_decisions_thin"),
        (
            "A computer scores your answers to decide whether you get a free bus pass; a person checks every "
            "refusal if you ask, and you can challenge the result.",
            None,
        ),
        ("", None),
    ],
)
def test_it_needs_meaningful_information_about_automated_decisions(text, expected):
    notice = NoticeFactory(purposes=[PurposeFactory(automated_decisions=text)])
    codes = {f.code for f in check_notice(notice) if f.code.startswith("automated_decisions")}
    assert codes == ({expected} if expected else set())


def test_it_warns_about_a_new_purpose_since_the_published_version(alice, publish):
    notice = NoticeFactory()
    publish(notice)
    assert not findings(notice, "new_purpose")
    added = PurposeFactory(name="Research and planning")
    purposes = [*notice.purposes.all(), added]
    actions.notice_update(
        actor=alice, notice=notice, lock_version=notice.lock_version, relations={"purposes": purposes}
    )
    finding = one(notice, "new_purpose")
    assert finding.rule.startswith("UK GDPR Art 13(3): “Research and planning” is new")
    assert finding.record_id == added.pk

