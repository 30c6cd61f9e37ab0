"""Rights shown in a notice follow from the lawful bases of its purposes."""

import json

import pytest

from notices.document import build_document
from tests.factories import NoticeFactory, PurposeFactory, basis

pytestmark = pytest.mark.django_db

ALWAYS = {"informed", "access", "rectification", "restriction", "complain"}


def _rights(*codes, art9=None):
    notice = NoticeFactory(purposes=[])
    for n, code in enumerate(codes):
        notice.purposes.add(
            PurposeFactory(
                name=f"Purpose {n} {code}", art6_basis=basis(code), art9_condition=basis(art9) if art9 else None
            )
        )
    document = build_document(notice)
    section = next(s for s in document["sections"] if s["key"] == "your_rights")
    return {right["key"]: right for right in section["rights"]}


@pytest.mark.parametrize(
    ("code", "offered", "not_offered"),
    [
        ("art6_1_a", {"erasure", "portability", "withdraw_consent"}, {"object"}),
        ("art6_1_b", {"erasure", "portability"}, {"object", "withdraw_consent"}),
        ("art6_1_c", set(), {"erasure", "portability", "object", "withdraw_consent"}),
        ("art6_1_d", {"erasure"}, {"portability", "object", "withdraw_consent"}),
        ("art6_1_e", {"object"}, {"erasure", "portability", "withdraw_consent"}),
        ("art6_1_f", {"erasure", "object"}, {"portability", "withdraw_consent"}),
    ],
)
def test_it_offers_the_rights_of_each_art6_basis(code, offered, not_offered):
    rights = _rights(code)
    assert ALWAYS | offered <= rights.keys()
    assert not (not_offered & rights.keys())


def test_it_does_not_offer_erasure_or_portability_under_public_task_only():
    rights = _rights("art6_1_e", "art6_1_e")
    assert "erasure" not in rights and "portability" not in rights
    assert "object" in rights
    assert rights["access"]["explanation"].startswith("You can ask for a copy")


def test_it_names_the_purposes_a_right_applies_to_when_bases_are_mixed():
    rights = _rights("art6_1_e", "art6_1_a")
    assert rights["erasure"]["applies_to"] == ["Purpose 1 art6_1_a"]
    assert rights["withdraw_consent"]["applies_to"] == ["Purpose 1 art6_1_a"]
    assert rights["object"]["applies_to"] == ["Purpose 0 art6_1_e"]
    assert rights["access"]["applies_to"] == []  # always applies, to everything


def test_it_explains_portability_is_conditional_under_consent():
    assert "by computer" in _rights("art6_1_a")["portability"]["condition"]


def test_it_offers_withdrawal_of_explicit_consent_under_art9_2_a():
    assert "withdraw_consent" in _rights("art6_1_e", art9="art9_2_a")


def test_it_shows_automated_decision_rights_only_where_the_register_records_such_decisions():
    assert "automated_decisions" not in _rights("art6_1_e")
    notice = NoticeFactory(purposes=[])
    notice.purposes.add(PurposeFactory(automated_decisions="A scoring tool decides eligibility."))
    section = next(s for s in build_document(notice)["sections"] if s["key"] == "your_rights")
    assert "automated_decisions" in {r["key"] for r in section["rights"]}


def test_it_offers_only_the_rights_that_always_apply_for_a_purpose_with_no_basis():
    notice = NoticeFactory(purposes=[PurposeFactory(name="Training workers", art6_basis=None, legislation=[])])
    document = build_document(notice)
    json.dumps(document)
    [purpose] = next(s for s in document["sections"] if s["key"] == "why_we_use_it")["purposes"]
    assert purpose["art6"] is None
    rights = next(s for s in document["sections"] if s["key"] == "your_rights")["rights"]
    assert {right["key"] for right in rights} == ALWAYS
