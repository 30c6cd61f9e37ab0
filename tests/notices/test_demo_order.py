"""Issue 12 point 6 in the demo: each demo notice lists its purposes (and recipients) in the order its seed gives
them, main purpose first, not alphabetically; the public page says them in that order."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from notices.models import Notice
from services.demo import seed_001_hcrg, seed_002_essex_childrens, seed_003_essex_2015

pytestmark = pytest.mark.django_db

NOTICES = [
    # slug, seed module, the main purpose as the seed puts it first
    ("essex-child-and-family-wellbeing", seed_001_hcrg, "Diagnosis, treatment and care"),
    ("essex-childrens-services", seed_002_essex_childrens, "Safeguarding children"),
    ("essex-county-council", seed_003_essex_2015, "Delivering services and support to you"),
]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # load_demo refuses to run on what looks like a live site
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _published(slug: str) -> dict:
    notice = Notice.objects.get(slug=slug)
    publication = notice.versions.filter(status="published").get().publication
    return {section["key"]: section for section in publication.document["sections"]}


@pytest.mark.parametrize(("slug", "seed", "main"), NOTICES)
def test_each_demo_notice_lists_its_purposes_in_its_seeds_order(client, demo, slug, seed, main):
    sections = _published(slug)
    names = [purpose["name"] for purpose in sections["why_we_use_it"]["purposes"]]
    assert names == [purpose["name"] for purpose in seed.PURPOSES]
    assert names[0] == main and names != sorted(names)
    # Recipients and processors are listed apart, each in the seed's order.
    seed_recipients = [r["name"] for r in seed.RECIPIENTS]
    for field in ("recipients", "processors"):
        listed = [r["name"] for r in sections["who_we_share_with"][field]]
        assert listed == [name for name in seed_recipients if name in listed]
    page = client.get(reverse("public:notice", args=[slug])).content.decode()
    positions = [page.index(f'<h3 class="govuk-heading-m">{escape(name)}</h3>') for name in names]
    assert positions == sorted(positions)
