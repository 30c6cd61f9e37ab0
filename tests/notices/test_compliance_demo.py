"""The compliance checks run over the three demo notices report the gaps their seeds really have, and nothing
the seeds do say (/work/shared/seeds: 001 HCRG 2026, 002 Essex children's services, 003 Essex 2015).

Each finding is named by its rule code and the record it is about, as the workspace shows it."""

import pytest

from notices.compliance import check_notice
from notices.demo import demo_notices_load
from notices.models import Notice
from services.demo.loader import demo_register_load, demo_users_ensure
from tests.conftest import reference_data_ensure

pytestmark = pytest.mark.django_db

HCRG = "essex-child-and-family-wellbeing"
CHILDRENS = "essex-childrens-services"
STATEMENT_2015 = "essex-county-council"
ESSEX = "Essex County Council"

# Seed 003's purposes: the statement gives a basis for none of them, except that giving information to courts
# is "a legal duty".
STATEMENT_PURPOSES_WITH_NO_BASIS = {
    "Delivering services and support to you",
    "Managing services",
    "Training workers",
    "Investigating worries or complaints about your services",
    "Keeping track of spending on services",
    "Checking the quality of services",
    "Research and planning of new services",
    "Sharing information to protect people from serious harm",
}


@pytest.fixture
def demo_findings():
    """The demo as `load_demo` writes it; returns each notice's findings."""
    reference_data_ensure()
    loads = demo_register_load()
    demo_users_ensure()
    demo_notices_load(loads=loads)
    return {notice.slug: check_notice(notice) for notice in Notice.objects.select_related("controller")}


@pytest.fixture
def demo(demo_findings):
    """Each notice's findings as {(code, record name): severity}; a finding grouped over several purposes
    counts for each of them."""
    return {
        slug: {(f.code, name): f.severity for f in findings for name in (f.purposes or (f.record_name,))}
        for slug, findings in demo_findings.items()
    }


def test_it_says_the_art_13_2_e_gap_once_per_notice_naming_every_purpose(demo_findings):
    hcrg = [f for f in demo_findings[HCRG] if f.code == "provision_requirement_missing"]
    assert len(hcrg) <= 1
    if hcrg:
        assert "“Diagnosis, treatment and care”" in hcrg[0].rule and "once for the whole notice" in hcrg[0].rule
        assert hcrg[0].where.startswith("Why we use your information and our lawful bases: purposes “")
    for findings in demo_findings.values():
        assert len([f for f in findings if f.code == "provision_requirement_missing"]) <= 1


def _blockers(found: dict) -> set:
    return {key for key, severity in found.items() if severity == "blocker"}


def _named(found: dict, code: str) -> set[str]:
    return {name for (found_code, name) in found if found_code == code}


def test_it_reports_what_seed_001_misses_and_nothing_it_says(demo):
    found = demo[HCRG]
    # Appendix A: Pearson processes outside the UK and EEA; the seed names no safeguard and no way to get a copy.
    assert found[("transfer_copy_missing", "Pearson Clinical Assessments")] == "blocker"
    # Art 13(2)(e): it never says whether people must give their information, except where it asks for consent.
    assert {"Diagnosis, treatment and care", "CCTV for safety and crime prevention", "Friends and Family Test",
            "Call recording for training and monitoring"} <= _named(found, "provision_requirement_missing")
    assert {"Medical and organisational research", "Media and promotion"}.isdisjoint(
        _named(found, "provision_requirement_missing")
    )
    # The seed says where only Pearson holds the information: every other recipient's place is not known yet,
    # and the notice does not claim that information stays in the UK.
    unplaced = _named(found, "transfer_location_unknown")
    assert "Pearson Clinical Assessments" not in unplaced
    assert {"Barnardo's", "Provide CIC", "NHS England and NHS Digital"} <= unplaced
    assert _blockers(found) == {("transfer_copy_missing", "Pearson Clinical Assessments")} | {
        ("transfer_location_unknown", name) for name in unplaced} | {
        ("provision_requirement_missing", name) for name in _named(found, "provision_requirement_missing")
    }
    # Warnings: NHS Digital (merged into NHS England in 2023), the law behind the Friends and Family Test, the
    # Sch 1 para 1 policy document, and where the CCTV period comes from.
    assert found[("stale_reference", "NHS England and NHS Digital")] == "warning"
    assert found[("legislation_missing", "Friends and Family Test")] == "warning"
    assert found[("apd_missing", "Safeguarding under social protection law")] == "warning"
    assert found[("retention_authority_missing", "CCTV images")] == "warning"
    # What the seed does give: a named DPO with an email, the registered office, retention periods, the ICO, its
    # bases, the legitimate interests for CCTV and calls, where information comes from and what kinds.
    for code in ["dpo_missing", "dpo_contact_missing", "controller_contact_missing", "retention_missing",
                 "retention_free_text_only", "complaint_missing", "complaint_contact_missing", "lawful_basis_missing",
                 "legitimate_interests_missing", "sources_missing", "categories_missing", "withdraw_consent_missing",
                 "transfer_safeguard_invalid", "right_missing", "rights_how_to_missing"]:
        assert not _named(found, code), code


def test_it_reports_what_seed_002_misses_and_nothing_it_says(demo):
    found = demo[CHILDRENS]
    assert _blockers(found) == {
        # The Redfern transfer to the US rests on the Privacy Shield, invalid since 16 July 2020.
        ("stale_reference", "Redfern"),
        ("transfer_safeguard_invalid", "Redfern"),
        # A public authority that names no DPO, and gives no address, email or phone for itself.
        ("dpo_missing", ESSEX),
        ("controller_contact_missing", ESSEX),
        *{("provision_requirement_missing", name) for name in [
            "Safeguarding children", "Delivering your service", "Planning and improving your service",
            "Preventing or detecting fraud or crime", "Contacting someone for you in an emergency",
            "Evidencing outcomes to central government",
        ]},
    }
    # "Here is a list of the legislation we rely on" — and then no list.
    assert found[("legislation_missing", "Safeguarding children")] == "warning"
    assert found[("retention_authority_missing", "General social care records")] == "warning"
    assert found[("complaint_contact_missing", ESSEX)] == "warning"
    # The Health and safety service description cites "the Health and Safety at Work Act", with no year.
    assert found[("citation_year_missing", "Health and safety")] == "warning"
    # What the seed does say: consent for identifiable research data, a DBS check for volunteers, the Health and
    # Safety at Work Act, its retention periods, its sources and kinds of information, its bases, the ICO.
    assert {"Research using anonymised information", "Managing and supporting volunteers"}.isdisjoint(
        _named(found, "provision_requirement_missing")
    )
    assert "Delivering your service" not in _named(found, "legislation_missing")
    for code in ["retention_missing", "retention_free_text_only", "sources_missing", "categories_missing",
                 "lawful_basis_missing", "complaint_missing", "art9_missing", "sch1_missing", "criminal_missing",
                 "transfer_copy_missing", "uk_only_claim_contradicted", "transfer_location_unknown"]:
        assert not _named(found, code), code


def test_it_reports_what_the_2015_statement_misses_and_nothing_it_says(demo):
    found = demo[STATEMENT_2015]
    assert _named(found, "lawful_basis_missing") == STATEMENT_PURPOSES_WITH_NO_BASIS
    assert _blockers(found) == {
        ("dpo_missing", ESSEX),
        ("controller_contact_missing", ESSEX),
        # "Please see our retention schedule": no period and no criteria.
        ("retention_missing", ""),
        *{("lawful_basis_missing", name) for name in STATEMENT_PURPOSES_WITH_NO_BASIS},
        *{("provision_requirement_missing", name) for name in [
            *STATEMENT_PURPOSES_WITH_NO_BASIS, "Giving information to courts"
        ]},
        # The statement does not say where the courts hold the information, so the notice does not either.
        ("transfer_location_unknown", "Courts"),
    }
    # "We have a legal duty" is a basis in plain words, but no law is named for it.
    assert found[("legislation_missing", "Giving information to courts")] == "warning"
    assert found[("complaint_contact_missing", ESSEX)] == "warning"
    # What it does say: why it uses information, that it gives information to courts, how to ask for records.
    # Art 14 items are not asked of it: it only speaks of information recorded while assessing or serving you.
    for code in ["purposes_missing", "recipients_none", "rights_how_to_missing", "sources_missing",
                 "categories_missing", "complaint_missing"]:
        assert not _named(found, code), code
