"""Each citation, date and contradiction check, with a text it must flag and one it must leave alone.
The legislation catalogue and out-of-date references are the ones the migrations load."""

import pytest

from notices.compliance import check_document
from services.models import Legislation

from .citation_docs import ON, found, text_doc

pytestmark = pytest.mark.django_db


def test_it_blocks_an_act_cited_with_another_year_than_the_only_act_of_that_name():
    (finding,) = found("We assess needs under the Care Act 2016.", "citation_year_mismatch")
    assert finding.is_blocker
    assert "The Care Act is 2014: cite it as “Care Act 2014 (c. 23)”" in finding.rule
    assert finding.quote == "Care Act 2016"
    assert finding.record_type == "notices.noticesection"
    assert not found("We assess needs under the Care Act 2016.", "citation_year_unknown")


def test_it_asks_to_check_a_year_the_catalogue_lacks_when_it_knows_several_acts_of_that_name():
    # The catalogue has the Children Acts of 1989 and 2004: 1998 is probably a slip, but could be another Act.
    text = "We keep records because the Children Act 1998 requires it."
    (finding,) = found(text, "citation_year_unknown")
    assert not finding.is_blocker
    assert finding.quote == "Children Act 1998"
    assert "knows the Children Acts of 1989 and 2004, not “Children Act 1998”: check the citation" in finding.rule
    assert "Children Act 1989 (c. 41) or Children Act 2004 (c. 31)" in finding.rule
    assert not found(text, "citation_year_mismatch")


def test_it_accepts_each_year_of_an_act_whose_name_the_catalogue_knows_several_times():
    assert not found("Schools share information under the Education Act 1996, the Education Act 2002 and the "
                     "Education Act 2011.", {"citation_year_mismatch", "citation_year_unknown"})


def test_it_accepts_the_right_year_and_acts_whose_names_end_in_another_acts():
    assert not found("Under the Children Act 1989 (c. 41) we must protect children; the Adoption and Children Act "
                     "2002 governs adoption; the Further and Higher Education Act 1992 covers colleges.",
                     {"citation_year_mismatch", "citation_year_missing"})


def test_it_warns_of_an_act_cited_without_a_year_and_gives_the_full_citation():
    (finding,) = found("We share information where the Crime and Disorder Act allows it.", "citation_year_missing")
    assert not finding.is_blocker
    assert "Crime and Disorder Act 1998 (c. 37)" in finding.rule


def test_it_accepts_a_short_mention_after_the_full_citation():
    assert not found("The Localism Act 2011 gives councils powers. The Localism Act also changed housing.",
                     "citation_year_missing")


def test_it_warns_of_a_repealed_act_and_names_what_replaced_it():
    (finding,) = found("Health visitors work under the National Health Service Act 1977.", "legislation_repealed")
    assert "National Health Service Act 2006" in finding.rule and "1 March 2007" in finding.rule


def test_it_leaves_a_repealed_act_the_out_of_date_references_already_explain_to_them():
    text = "We process your information in line with the Data Protection Act 1998."
    assert not found(text, "legislation_repealed")
    assert found(text, "stale_reference")


def test_it_does_not_call_an_act_in_force_repealed():
    assert not found("Health services are provided under the National Health Service Act 2006.",
                     "legislation_repealed")


def test_it_warns_of_guidance_listed_among_the_laws_relied_on():
    text = "The laws we rely on:\n- Children Act 1989\n- Keeping Children Safe in Education"
    (finding,) = found(text, "guidance_as_law")
    assert finding.quote == "Keeping Children Safe in Education"
    assert "is guidance, not law" in finding.rule


def test_it_warns_of_guidance_given_as_a_legal_duty():
    assert found("We have a legal duty under Working Together to Safeguard Children 2023 to share concerns.",
                 "guidance_as_law")


def test_it_accepts_guidance_named_as_guidance():
    assert not found("We train staff in line with Keeping Children Safe in Education, which is guidance we follow.",
                     "guidance_as_law")
    assert not found("The Data Protection Act 2018 requires an appropriate policy document.", "guidance_as_law")


def test_it_warns_of_a_code_of_practice_recorded_as_legislation():
    (finding,) = found("", "guidance_as_law", legislation=[{"title": "Records Management Code of Practice 2021"}])
    assert finding.record_type == "services.legislation"


def test_it_checks_a_legislation_record_by_its_year_field():
    assert found("", "citation_year_mismatch", legislation=[{"title": "Care Act", "year": 2016}])
    assert found("", "citation_year_unknown", legislation=[{"title": "Children Act", "year": 1998}])
    assert not found("", {"citation_year_mismatch", "citation_year_unknown", "citation_year_missing"},
                     legislation=[{"title": "Children Act", "year": 1989}])


@pytest.mark.parametrize(("text", "name"), [
    ("If we are worried we tell the Local Safeguarding Children Board.", "Local Safeguarding Children Boards"),
    ("Staff must pass a CRB check.", "Criminal Records Bureau"),
    ("Complaints go to the Essex Police Authority.", "Police authorities"),
    ("Misconduct is reported to the General Teaching Council for England.", "General Teaching Council"),
    ("We complete the Information Governance Toolkit each year.", "Information Governance Toolkit"),
    ("We follow Working Together to Safeguard Children 2018.", "Working Together"),
    ("We take part in the Audit Commission's National Fraud Initiative.", "Audit Commission"),
    ("Complaints about councillors may go to the Standards Board for England.", "Standards Board"),
    ("Reports are shared with NOMS.", "National Offender Management Service"),
    ("We work with the Essex Community Rehabilitation Company.", "Community rehabilitation companies"),
])
def test_it_warns_of_bodies_schemes_and_codes_that_no_longer_exist(text, name):
    (finding,) = found(text, "stale_reference")
    assert not finding.is_blocker


@pytest.mark.parametrize("text", [
    "We share information with the Essex Safeguarding Children Partnership.",
    "Staff must pass a DBS check.",
    "Complaints go to the Police, Fire and Crime Commissioner for Essex.",
    "We follow Working Together to Safeguard Children 2023.",
    "We take part in the National Fraud Initiative run by the Cabinet Office.",
    "Complaints about councillors go to the council's monitoring officer.",
    "Reports are shared with HM Prison and Probation Service.",
    "We work with the Probation Service in the East of England.",
])
def test_it_accepts_their_successors(text):
    assert not found(text, "stale_reference")


def test_it_warns_of_a_deadline_that_has_passed_and_quotes_the_sentence():
    (finding,) = found("Records will move to the new system by 31 March 2024. Ask us if you have questions.",
                       "date_passed")
    assert finding.quote == "Records will move to the new system by 31 March 2024."
    assert "31 March 2024" in finding.rule and "1 December 2026" in finding.rule


@pytest.mark.parametrize("text", [
    "From 1 April 2023, the service is provided by a new organisation.",
    "Until June 2024 you can still use the paper form.",
    "The consultation will close on 30/09/2025.",
])
def test_it_warns_of_other_changes_still_written_as_to_come(text):
    assert found(text, "date_passed")


@pytest.mark.parametrize("text", [
    "The new service will start on 1 March 2027.",
    "This notice was last updated in January 2026.",
    "Since 25 May 2018 the UK GDPR has protected your information, and it will go on doing so.",
    "Records will be kept for 25 years from the date of birth.",
])
def test_it_accepts_dates_to_come_and_dates_stated_as_past(text):
    assert not found(text, "date_passed")


def test_it_judges_dates_against_the_publish_date():
    text = "Records will move to the new system by 31 March 2024."
    assert not [f for f in check_document(text_doc(text), on=ON.replace(year=2024, month=3, day=1))
                if f.code == "date_passed"]


def test_it_blocks_text_saying_information_comes_from_others_when_no_source_is_recorded():
    (finding,) = found("We also receive information about you from your GP and the police.", "sources_contradicted")
    assert finding.is_blocker
    assert "no source other than the person is recorded" in finding.rule


def test_it_accepts_that_text_when_the_sources_are_recorded():
    assert not found("We also receive information about you from your GP and the police.", "sources_contradicted",
                     sources=[{"name": "Your GP", "kind": "organisation"}, {"name": "Police", "kind": "category"}])


def test_it_leaves_a_purpose_with_no_sources_to_the_sources_checklist_rule():
    text = "We also receive information about you from your GP."
    assert not found(text, "sources_contradicted", collected_from="elsewhere")
    assert found(text, "sources_missing", collected_from="elsewhere")


def test_it_warns_when_the_text_gives_a_recipient_another_role_than_its_record():
    (finding,) = found("CaseCloud is an independent controller and uses your information for its own purposes.",
                       "recipient_role_contradicted", recipients=[{"name": "CaseCloud", "role": "processor"}])
    assert "CaseCloud a controller" in finding.rule and "says a processor" in finding.rule


def test_it_accepts_text_that_agrees_with_the_recipient_record():
    assert not found("CaseCloud hosts our case records and processes them on our behalf.",
                     "recipient_role_contradicted", recipients=[{"name": "CaseCloud", "role": "processor"}])


def test_it_uses_the_catalogue_as_the_dpo_keeps_it():
    # Only the Police Act 1997 is catalogued, so 1996 is blocked as a wrong year until a DPO adds that Act.
    text = "Officers' records are kept under the Police Act 1996."
    assert found(text, "citation_year_mismatch")
    Legislation.objects.create(title="Police Act 1996", year=1996, chapter="c. 16", in_catalogue=True,
                               url="https://www.legislation.gov.uk/ukpga/1996/16")
    assert not found(text, {"citation_year_mismatch", "citation_year_unknown"})
    # With several Education Acts catalogued, an uncatalogued one is a warning until it is added.
    text = "Pupils' records are kept under the Education Act 1997."
    assert found(text, "citation_year_unknown") and not found(text, "citation_year_mismatch")
    Legislation.objects.create(title="Education Act 1997", year=1997, chapter="c. 44", in_catalogue=True,
                               url="https://www.legislation.gov.uk/ukpga/1997/44")
    assert not found(text, "citation_year_unknown")
