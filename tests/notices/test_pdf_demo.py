"""The PDFs stored when the demo notices were published state every section and the key facts of each seed."""

import re

import pytest
from django.core.management import call_command

from notices.models import SECTION_KEYS, Publication
from tests.notices.pdfs import pages_text

pytestmark = pytest.mark.django_db

FACTS = {
    "essex-child-and-family-wellbeing": [
        "Deborah Tonkin",
        "North-East London NHS Foundation Trust",
        "CCTV images: kept for 30 days",
        "Call recordings: kept for 1 year",
        "UK Covid-19 Inquiry",
        "Pearson Clinical Assessments",
    ],
    "essex-childrens-services": [
        "kept for 35 years from last contact",
        "kept for 75 years from last contact",
        "kept for 100 years",
        "Young Carers records: kept for 15 years",
        "kept for 1 year from the last action",
        "Mosaic",
        "Redfern",
        "United States",
    ],
    "essex-county-council": ["Essex County Council"],
}


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _flat(text: str) -> str:
    # pdftotext breaks lines where the page does; facts are matched across those breaks.
    return re.sub(r"\s+", " ", text)


def test_it_states_every_section_and_the_key_facts_of_each_demo_notice(demo):
    for publication in Publication.objects.select_related("version__notice"):
        with publication.pdf.open("rb") as stored:
            pages = pages_text(stored.read())
        text = _flat(" ".join(pages))
        assert 2 <= len(pages) <= 60
        for _, title in SECTION_KEYS:
            assert title in text, (publication, title)
        for fact in FACTS[publication.version.notice.slug]:
            assert fact in text, (publication, fact)
        assert f"Version {publication.version.number}" in text
