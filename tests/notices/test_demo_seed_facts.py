"""The facts of each seed that the register now holds as records, not free text (where information comes from and
from whom, where each recipient holds it), reach the demo notice's public page, its JSON and its PDF."""

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
            "(we get it from: Other health professionals, Relatives and those who care for you)",
            "Pearson Clinical Assessments: information may be accessed in Outside the UK and EEA",
        ],
        "json": [
            ("what_we_collect", "categories", "Ethnicity", "obtained_from", "person"),
            ("what_we_collect", "categories", "Information about your health", "obtained_from", "both"),
            ("who_we_share_with", "processors", "Pearson Clinical Assessments", "location", "abroad"),
            # The seed does not say where Barnardo's holds information.
            ("who_we_share_with", "recipients", "Barnardo's", "location", "unknown"),
        ],
        "never": ["keeps it in the UK"],
    },
    # Seed 002: "We get most of this information from you, but we may also get some of this information from:"
    # (the sources), and "No other personal information is routinely sent or held outside the UK" beside Redfern.
    "essex-childrens-services": {
        "text": [
            "Information you give us",
            "Information we get from others",
            "(we get it from: Adoption agencies and advisors, ",
            "Redfern: information may be accessed in United States",
        ],
        "json": [
            ("what_we_collect", "categories", "Race or ethnic origin", "obtained_from", "both"),
            ("who_we_share_with", "processors", "Redfern", "location", "abroad"),
            ("who_we_share_with", "processors", "Mosaic", "location", "in_uk"),
            ("who_we_share_with", "recipients", "Police, fire and rescue services", "location", "in_uk"),
        ],
        "never": ["keeps it in the UK"],
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
