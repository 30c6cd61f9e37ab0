"""The demo notices reproduce the three seeds on the public site, through the real workflow."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from notices.compare import html_to_text
from notices.models import Notice, Publication, WorkflowEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # load_demo refuses to run on what looks like a live site
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html_to_text(response.content.decode())


def test_it_shows_the_key_facts_of_seed_001(client, demo):
    page = _text(client, reverse("public:notice", args=["essex-child-and-family-wellbeing"]))
    assert "Deborah Tonkin" in page and "Ask.IG@hcrgcaregroup.com" in page
    assert "Southend, Essex and Thurrock" in page
    assert "HCRG Care Services Ltd handles your information on behalf of North-East London NHS Foundation Trust." \
        in page
    assert "CCTV images: kept for 30 days from the date of recording, then destroyed." in page
    assert "Call recordings: kept for 1 year from the date of the call, then destroyed." in page
    assert "UK Covid-19 Inquiry" in page and "Infected Blood" in page
    assert "Pearson Clinical Assessments" in page
    assert "Reflective practice" in page


def test_it_shows_every_retention_period_processor_and_the_us_transfer_of_seed_002(client, demo):
    page = _text(client, reverse("public:notice", args=["essex-childrens-services"]))
    for fact in [
        "General social care records: kept for 35 years from last contact",
        "Records of looked after children (children in care): kept for 75 years from last contact",
        "Adoption records: kept for 100 years",
        "Young Carers records: kept for 15 years",
        "Short-term records (one-off contacts and checks): kept for 1 year from the last action",
    ]:
        assert fact in page
    for processor in ["Mosaic", "Crossdata", "Redfern", "Stopford", "Telljo", "Millbrook"]:
        assert processor in page
    assert "Redfern: information may be accessed in United States." in page
    assert "US Privacy Shield" in page  # recorded as the seed says it, for the compliance checks to flag
    assert "Essex Adoption Agency" in page and "Youth Offending service" in page


def test_it_keeps_both_versions_of_seed_003(client, demo):
    slug = "essex-county-council"
    history = _text(client, reverse("public:versions", args=[slug]))
    assert "Version 1" in history and "16 June 2015" in history
    assert "Version 2" in history and "In force" in history
    old = _text(client, reverse("public:on_date", args=[slug, 2016, 1, 1]))
    assert "This is the version that was in force on 1 January 2016" in old
    assert "keep track of spending on services" in old
    compare = _text(client, reverse("public:compare", args=[slug, 1, 2]))
    assert "Added purpose:" in compare
    assert "Removed section: Why we use personal information" in compare


def test_it_publishes_through_the_workflow_with_four_eyes(demo):
    for event in WorkflowEvent.objects.filter(action="published"):
        submitted = WorkflowEvent.objects.get(version=event.version, action="submitted")
        # Each organisation's own staff: Essex County Council's, or HCRG Care Services'.
        assert (submitted.actor.username, event.actor.username) in {("ig.officer", "dpo"), ("hcrg.ig", "hcrg.dpo")}
    wellbeing = Notice.objects.get(slug="essex-child-and-family-wellbeing")
    assert wellbeing.organisation.slug == "hcrg-care-services"
    assert wellbeing.events.get(action="published").actor.username == "hcrg.dpo"
    assert Notice.objects.get(slug="essex-childrens-services").parent.slug == "essex-county-council"


def test_it_changes_nothing_when_run_again(demo):
    before = (Notice.objects.count(), Publication.objects.count(), WorkflowEvent.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Notice.objects.count(), Publication.objects.count(), WorkflowEvent.objects.count()) == before
    assert before[1] == 4
    assert Publication.objects.filter(effective_from=dt.date(2015, 6, 16)).count() == 1
