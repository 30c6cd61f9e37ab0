"""A member of the public reads the demo notices in a real browser: the home page, a notice, its history,
an old version and a compare page, each with zero axe-core WCAG 2.2 A/AA violations."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations
from tests.conftest import reference_data_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo(settings, transactional_db):
    reference_data_ensure()
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_it_reads_a_notice_its_history_an_old_version_and_what_changed(live_server, page, demo):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notices")
    assert_no_axe_violations(page)

    page.get_by_label("Search notices by organisation, service or topic").fill("children")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Privacy notice for children's services").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice for children's services")
    expect(page.get_by_text("Young Carers records: kept for 15 years")).to_be_visible()
    page.get_by_role("link", name="How long we keep your information").click()
    expect(page).to_have_url(live_server.url + "/notices/essex-childrens-services/#how_long_we_keep_it")
    assert_no_axe_violations(page)

    page.goto(live_server.url + "/notices/essex-county-council/")
    page.get_by_role("link", name="all versions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versions of Essex County Council privacy statement")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Version 1", exact=True).click()
    expect(page.get_by_text("This address always shows this version")).to_be_visible()
    expect(page.get_by_text("which came into force on 16 June 2015")).to_be_visible()
    assert_no_axe_violations(page)

    page.go_back()
    page.get_by_role("link", name="Changes from version 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What changed in Essex County Council privacy statement")
    expect(page.get_by_text("Removed section: Why we use personal information")).to_be_visible()
    assert_no_axe_violations(page)


def test_it_finds_the_version_in_force_on_a_date_with_the_date_form(live_server, page, demo):
    page.goto(live_server.url + "/notices/essex-county-council/versions/")
    page.get_by_role("button", name="Show that version").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a day, month and year")
    assert_no_axe_violations(page)
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2016")
    page.get_by_role("button", name="Show that version").click()
    expect(page.get_by_text("This is the version that was in force on 1 January 2016")).to_be_visible()
    assert_no_axe_violations(page)
