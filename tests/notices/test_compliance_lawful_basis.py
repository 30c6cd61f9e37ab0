"""Lawful bases and conditions, judged on the notice's document: each rule passed and failed."""

import pytest

from notices.compliance import check_notice
from services.models import DataCategory
from tests.factories import ControllerFactory, DataCategoryFactory, NoticeFactory, PurposeFactory, basis

from .compliance_helpers import findings, one

pytestmark = pytest.mark.django_db


def _purpose(*categories, **fields):
    purpose = PurposeFactory(**fields)
    purpose.data_categories.add(*categories)
    return purpose


@pytest.fixture
def health(db):
    return DataCategoryFactory(name="Physical or mental health", kind=DataCategory.Kind.SPECIAL)


@pytest.fixture
def offences(db):
    return DataCategoryFactory(name="Offences and alleged offences", kind=DataCategory.Kind.CRIMINAL)


def test_it_blocks_special_category_data_without_an_art9_condition(health):
    purpose = _purpose(health, name="Health visiting")
    finding = one(NoticeFactory(purposes=[purpose]), "art9_missing")
    assert finding.is_blocker
    assert finding.rule.startswith("UK GDPR Art 9(1): “Health visiting”: it uses special category data")
    assert (finding.record_type, finding.record_id) == ("services.purpose", purpose.pk)


def test_it_accepts_special_category_data_with_art9_and_the_matching_sch1_condition(health):
    purpose = _purpose(health, art9_condition=basis("art9_2_h"), sch1_condition=basis("sch1_p1_2"))
    assert [f.code for f in check_notice(NoticeFactory(purposes=[purpose])) if f.is_blocker] == []


@pytest.mark.parametrize("art9", ["art9_2_b", "art9_2_g", "art9_2_h", "art9_2_i", "art9_2_j"])
def test_it_blocks_art9_conditions_that_need_sch1_without_one(health, art9):
    purpose = _purpose(health, art9_condition=basis(art9))
    assert one(NoticeFactory(purposes=[purpose]), "sch1_missing").rule.startswith("DPA 2018 s.10:")


def test_it_blocks_a_sch1_condition_that_does_not_match_the_art9_condition(health):
    purpose = _purpose(health, art9_condition=basis("art9_2_h"), sch1_condition=basis("sch1_p1_1"))
    assert "does not satisfy UK GDPR Art 9(2)(h)" in one(NoticeFactory(purposes=[purpose]), "sch1_mismatch").rule


def test_it_blocks_criminal_offence_data_without_a_condition(offences):
    assert one(NoticeFactory(purposes=[_purpose(offences)]), "criminal_missing").is_blocker
    covered = _purpose(offences, criminal_condition=basis("art10_official_authority"))
    assert not findings(NoticeFactory(purposes=[covered]), "criminal_missing")


def test_it_warns_when_public_task_or_legal_obligation_names_no_law():
    for code in ("art6_1_e", "art6_1_c"):
        finding = one(NoticeFactory(purposes=[PurposeFactory(art6_basis=basis(code), legislation=[])]),
                      "legislation_missing")
        assert finding.severity == "warning"
        assert finding.rule.startswith("UK GDPR Art 6(3):")
    assert not findings(NoticeFactory(), "legislation_missing")


def test_it_blocks_special_or_criminal_data_listed_for_the_notice_with_no_condition(health, offences):
    notice = NoticeFactory()
    notice.data_categories.add(health, offences)
    assert one(notice, "special_condition_missing").is_blocker
    assert one(notice, "criminal_condition_missing").is_blocker
    notice.purposes.add(_purpose(health, art9_condition=basis("art9_2_h"), sch1_condition=basis("sch1_p1_2")))
    assert not findings(notice, "special_condition_missing")


def test_it_warns_of_a_sch1_condition_that_needs_a_policy_document_while_the_purpose_has_none(health):
    safeguarding = _purpose(
        health, name="Safeguarding", art9_condition=basis("art9_2_g"), sch1_condition=basis("sch1_p2_18")
    )
    finding = one(NoticeFactory(purposes=[safeguarding]), "apd_missing")
    # A notice need not publish the document (DPA 2018 Sch 1 paras 39-40 only ask the controller to keep it).
    assert finding.severity == "warning"
    assert "relies on DPA 2018 Sch 1 para 18" in finding.rule
    safeguarding.appropriate_policy_document = "https://borsetshire.example/appropriate-policy-document"
    safeguarding.save()
    assert not findings(NoticeFactory(purposes=[safeguarding]), "apd_missing")


def test_it_flags_a_policy_document_once_per_purpose(health):
    employment = _purpose(health, art9_condition=basis("art9_2_b"), sch1_condition=basis("sch1_p1_1"))
    assert len(findings(NoticeFactory(purposes=[employment]), "apd_missing")) == 1


def test_it_warns_when_the_condition_needs_a_policy_document_unless_an_exception_applies(health):
    unlawful_acts = _purpose(health, art9_condition=basis("art9_2_g"), sch1_condition=basis("sch1_p2_10"))
    finding = one(NoticeFactory(purposes=[unlawful_acts]), "apd_maybe_missing")
    assert finding.severity == "warning"
    assert not findings(NoticeFactory(purposes=[unlawful_acts]), "apd_missing")


@pytest.mark.parametrize("code", ["art6_1_f", "art6_1_ea", "annex1_para6"])
def test_it_flags_a_public_authority_relying_on_legitimate_interests(code):
    purpose = PurposeFactory(art6_basis=basis(code), legitimate_interests="Keeping people safe.")
    finding = one(NoticeFactory(purposes=[purpose]), "public_authority_legitimate_interests")
    assert "public authorities cannot use for their tasks" in finding.rule
    company = ControllerFactory(is_public_authority=False)
    assert not findings(NoticeFactory(controller=company, purposes=[purpose]), "public_authority_legitimate_interests")


def test_it_blocks_automated_decisions_on_a_recognised_legitimate_interest():
    decisions = "A computer decides from your answers whether we refer you, and a person reviews it if you ask."
    on_ea = PurposeFactory(art6_basis=basis("art6_1_ea"), automated_decisions=decisions)
    company = ControllerFactory(is_public_authority=False)
    assert one(NoticeFactory(controller=company, purposes=[on_ea]), "automated_decisions_on_recognised_interest")
    on_task = PurposeFactory(automated_decisions=decisions)
    assert not findings(NoticeFactory(purposes=[on_task]), "automated_decisions_on_recognised_interest")
