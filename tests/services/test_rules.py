"""Each register validation rule, refused and accepted, with the message the user sees in the workspace."""

import pytest
from django.urls import reverse

from services.models import DataCategory, Purpose, Recipient
from tests.factories import DataCategoryFactory, LegislationFactory

pytestmark = pytest.mark.django_db


def _purpose_post(officer, bases, **overrides):
    data = {
        "name": "Health visiting",
        "description": "Checks on a child's health and development.",
        "art6_basis": bases["art6_1_e"].pk,
        "collected_from": "person",
        "data_categories": [],
        "legislation": [LegislationFactory().pk],
        "subject_groups": [],
    }
    data.update(overrides)
    data = {key: value for key, value in data.items() if value is not None}
    return officer.post(reverse("manage:record_create", args=["purposes"]), data, follow=True)


def _errors(response) -> str:
    form = response.context["form"]
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


def test_it_refuses_special_category_data_without_an_art9_condition(officer, bases):
    health = DataCategoryFactory(name="Physical or mental health", kind=DataCategory.Kind.SPECIAL)
    response = _purpose_post(officer, bases, data_categories=[health.pk])
    assert "uses special category data, so choose the UK GDPR Art 9 condition" in _errors(response)
    assert not Purpose.objects.exists()


def test_it_accepts_special_category_data_with_art9_and_matching_sch1(officer, bases):
    health = DataCategoryFactory(name="Physical or mental health", kind=DataCategory.Kind.SPECIAL)
    _purpose_post(
        officer, bases, data_categories=[health.pk],
        art9_condition=bases["art9_2_h"].pk, sch1_condition=bases["sch1_p1_2"].pk,
    )
    assert Purpose.objects.get().art9_condition.code == "art9_2_h"


@pytest.mark.parametrize("art9", ["art9_2_b", "art9_2_g", "art9_2_h", "art9_2_i", "art9_2_j"])
def test_it_refuses_art9_conditions_that_need_sch1_without_one(officer, bases, art9):
    response = _purpose_post(officer, bases, art9_condition=bases[art9].pk)
    assert "needs a DPA 2018 Schedule 1 condition" in _errors(response)
    assert not Purpose.objects.exists()


def test_it_refuses_a_sch1_condition_that_does_not_match_the_art9_condition(officer, bases):
    response = _purpose_post(
        officer, bases, art9_condition=bases["art9_2_h"].pk, sch1_condition=bases["sch1_p1_1"].pk
    )
    assert "does not satisfy UK GDPR Art 9(2)(h)" in _errors(response)


def test_it_accepts_any_part2_condition_for_substantial_public_interest(officer, bases):
    part2 = next(b for b in bases.values() if b.kind == "sch1_part2" and b.meets_id == bases["art9_2_g"].pk)
    _purpose_post(officer, bases, art9_condition=bases["art9_2_g"].pk, sch1_condition=part2.pk)
    assert Purpose.objects.count() == 1


def test_it_refuses_criminal_offence_data_without_a_condition(officer, bases):
    offences = DataCategoryFactory(name="Offences", kind=DataCategory.Kind.CRIMINAL)
    response = _purpose_post(officer, bases, data_categories=[offences.pk])
    assert "uses criminal offence data, so choose its condition" in _errors(response)
    _purpose_post(
        officer, bases, data_categories=[offences.pk], criminal_condition=bases["art10_official_authority"].pk
    )
    assert Purpose.objects.count() == 1


@pytest.mark.parametrize("code", ["art6_1_c", "art6_1_e"])
def test_it_warns_but_saves_legal_obligation_or_public_task_without_legislation(officer, bases, code):
    response = _purpose_post(officer, bases, art6_basis=bases[code].pk, legislation=[])
    assert Purpose.objects.count() == 1
    shown = [str(message) for message in response.context["messages"]]
    assert any("needs a basis in law: add the supporting legislation" in message for message in shown)


def test_it_saves_a_purpose_whose_basis_is_not_known_yet_and_warns_it_blocks_publishing(
    officer, bases
):
    response = _purpose_post(officer, bases, art6_basis="")
    assert Purpose.objects.get().art6_basis is None
    shown = [str(message) for message in response.context["messages"]]
    assert any("No Art 6 lawful basis is chosen" in message and "DPO override" in message for message in shown)
    assert not any("needs a basis in law" in message for message in shown)


def test_it_does_not_warn_when_legislation_is_given(officer, bases):
    response = _purpose_post(officer, bases)
    shown = [str(message) for message in response.context["messages"]]
    assert not any("needs a basis in law" in message for message in shown)


def test_it_refuses_a_transfer_abroad_without_a_safeguard(officer):
    data = {"name": "Redfern", "kind": "organisation", "role": "processor", "location": "abroad",
            "transfer_country": "United States",
            "safeguard": ""}
    response = officer.post(reverse("manage:record_create", args=["recipients"]), data)
    assert "Data goes to United States, outside the UK: choose the safeguard" in _errors(response)
    data["safeguard"] = "idta"
    officer.post(reverse("manage:record_create", args=["recipients"]), data)
    assert Recipient.objects.get().safeguard == "idta"


def test_it_refuses_a_retention_period_without_a_trigger(officer):
    from retention.models import RetentionRule

    data = {"record_type": "Young Carers records", "period_kind": "fixed", "period_number": "15",
            "period_unit": "years", "trigger": "", "action": "destroy"}
    response = officer.post(reverse("manage:record_create", args=["retention-rules"]), data)
    assert "Say what the period is counted from" in _errors(response)
    data["trigger"] = "the end of support"
    officer.post(reverse("manage:record_create", args=["retention-rules"]), data)
    assert RetentionRule.objects.get().sentence == (
        "Young Carers records: kept for 15 years from the end of support, then destroyed."
    )
