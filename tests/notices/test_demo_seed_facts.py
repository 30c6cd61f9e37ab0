"""The facts of each seed that the register now holds as records, not free text (who takes part in each service
and in what role, where information comes from and from whom, where each recipient holds it), reach the demo
notice's public page, its JSON and its PDF."""

import re

import pytest
from django.core.management import call_command

from notices.compare import html_to_text
from notices.models import Notice
from notices.selectors import publication_in_force
from tests.notices.pdfs import pages_text

pytestmark = pytest.mark.django_db

# Per demo notice: sentences its page and PDF must show, and (section, list, item name, field, value) its JSON holds.
FACTS = {
    # Seed 001: "We will collect ... your name ... contact details. We may also ask you for ... your ethnicity";
    # the health record holds "relevant information from other health professionals, relatives or those who
    # care for you"; Pearson processes "outside of the UK and EEA".
    "essex-child-and-family-wellbeing": {
        "text": [
            "Information you give us",
            "Information we get from others",
            "from Other health professionals, Relatives and those who care for you:",
            "Pearson Clinical Assessments: information may be accessed in Outside the UK and EEA",
            # "Who are we?": provided by HCRG, in partnership with Barnardo's; HCRG a processor for two services.
            "HCRG Care Services Ltd provides it in partnership with Barnardo's.",
            "HCRG Care Services Ltd is the controller: it decides how your information is used.",
            "North-East London NHS Foundation Trust is the controller: it decides how your information is used.",
            "HCRG Care Services Ltd handles your information on behalf of North-East London NHS Foundation Trust.",
            "Provide CIC is the controller: it decides how your information is used.",
            "HCRG Care Services Ltd handles your information on behalf of Provide CIC.",
        ],
        "json": [
            ("what_we_collect", "categories", "Ethnicity", "obtained_from", "person"),
            ("what_we_collect", "categories", "Information about your health", "obtained_from", "both"),
            ("who_we_share_with", "processors", "Pearson Clinical Assessments", "location", "abroad"),
            # The seed does not say where Barnardo's holds information.
            ("who_we_share_with", "recipients", "Barnardo's", "location", "unknown"),
        ],
        "never": ["keeps it in the UK", "joint controllers", " on behalf of the controller"],
        # (service, organisation, role): every party the seed names, and no other.
        "parties": {
            ("Essex Child and Family Wellbeing Service", "HCRG Care Services Ltd", "controller"),
            ("Essex Child and Family Wellbeing Service", "Barnardo's", "partner"),
            ("Southend, Essex and Thurrock Child, Adolescent and Mental Health Service (SET CAMHS)",
             "North-East London NHS Foundation Trust", "controller"),
            ("Southend, Essex and Thurrock Child, Adolescent and Mental Health Service (SET CAMHS)",
             "HCRG Care Services Ltd", "processor"),
            ("Essex Wellbeing Service (EWS)", "Provide CIC", "controller"),
            ("Essex Wellbeing Service (EWS)", "HCRG Care Services Ltd", "processor"),
        },
    },
    # Seed 002: "We get most of this information from you, but we may also get some of this information from:"
    # (the sources), and "No other personal information is routinely sent or held outside the UK" beside Redfern.
    "essex-childrens-services": {
        "text": [
            "Information you give us",
            "Information we get from others",
            "from Adoption agencies and advisors, ",
            "Redfern: information may be accessed in United States",
            # "Essex County Council is the Data Controller for this processing": said once for every service.
            "Essex County Council is the controller: it decides how your information is used.",
        ],
        "json": [
            ("what_we_collect", "categories", "Race or ethnic origin", "obtained_from", "both"),
            ("who_we_share_with", "processors", "Redfern", "location", "abroad"),
            ("who_we_share_with", "processors", "Mosaic", "location", "in_uk"),
            ("who_we_share_with", "recipients", "Police, fire and rescue services", "location", "in_uk"),
        ],
        "never": ["keeps it in the UK", "in partnership with Barnardo", "joint controllers", "provides it"],
        "parties": "every service: Essex County Council, controller",
    },
}


@pytest.fixture
def published(settings):
    """Each demo notice's version in force: (its frozen document, its page's text, its PDF's text)."""
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    found = {}
    for slug in FACTS:
        publication = publication_in_force(notice=Notice.objects.get(slug=slug))
        with publication.pdf.open("rb") as stored:
            pdf = " ".join(pages_text(stored.read()))
        found[slug] = (publication.document, _flat(html_to_text(publication.html)), _flat(pdf))
    return found


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _item(document: dict, section: str, field: str, name: str) -> dict:
    items = next(s for s in document["sections"] if s["key"] == section)[field]
    return next(item for item in items if item["name"] == name)


def test_the_seeds_facts_are_on_the_page_in_the_json_and_in_the_pdf(published):
    for slug, facts in FACTS.items():
        document, page, pdf = published[slug]
        for sentence in facts["text"]:
            assert sentence in page, (slug, sentence)
            assert sentence in pdf, (slug, sentence)
        for sentence in facts["never"]:
            assert sentence not in page and sentence not in pdf, (slug, sentence)
        for section, field, name, key, value in facts["json"]:
            assert _item(document, section, field, name)[key] == value, (slug, name, key)


def _parties(document: dict) -> set[tuple[str, str, str]]:
    services = next(s for s in document["sections"] if s["key"] == "who_we_are")["services"]
    return {(service["name"], party["name"], party["role"]) for service in services for party in service["parties"]}


def test_each_service_records_exactly_the_parties_its_seed_names(published):
    document = published["essex-child-and-family-wellbeing"][0]
    assert _parties(document) == FACTS["essex-child-and-family-wellbeing"]["parties"]
    document, page, pdf = published["essex-childrens-services"]
    services = next(s for s in document["sections"] if s["key"] == "who_we_are")["services"]
    assert len(services) > 20
    assert _parties(document) == {(service["name"], "Essex County Council", "controller") for service in services}
    # Said once for all the council's services, not once per service.
    sentence = "Essex County Council is the controller: it decides how your information is used."
    assert page.count(sentence) == 1 and pdf.count(sentence) == 1
