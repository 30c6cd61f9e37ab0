"""Issue 12's pages in a real browser: the public notice with information people give us listed apart from what
others give us, the recipients' places, the provision statement said once; and the builder pages where an IG
officer records the statement and is told a free-text heading repeats a generated section. axe-core checks each
at 1280 px and 375 px, and no page is wider than the screen."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from services.models import DataCategory, Recipient
from tests.browser.axe import assert_accessible_at_every_width
from tests.conftest import PASSWORD
from tests.factories import DataCategoryFactory, NoticeFactory, RecipientFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

check = assert_accessible_at_every_width


def _notice():
    notice = NoticeFactory(title="Young carers", slug="young-carers",
                           provision_statement="You don't have to give us information, but if you don't we may "
                                               "not be able to help you.")
    school = SourceFactory(organisation=notice.organisation, name="Your school")
    health = DataCategoryFactory(name="School attendance", obtained_from=DataCategory.ObtainedFrom.BOTH)
    health.sources.add(school)
    notice.data_categories.add(health, DataCategoryFactory(name="Contact details",
                                                           obtained_from=DataCategory.ObtainedFrom.PERSON))
    notice.sources.add(school)
    notice.recipients.add(
        RecipientFactory(name="Borsetshire Police", location=Recipient.Location.IN_UK),
        RecipientFactory(name="Redfern", role=Recipient.Role.PROCESSOR, location=Recipient.Location.ABROAD,
                         transfer_country="United States", safeguard="idta", safeguard_copy="Ask our DPO."),
    )
    return notice


def test_the_public_reads_the_two_lists_and_the_transfer(live_server, page, publish):
    publish(_notice())
    page.goto(live_server.url + "/notices/young-carers/")
    expect(page.get_by_role("heading", name="Information you give us")).to_be_visible()
    expect(page.get_by_text("We get this from Your school:")).to_be_visible()
    expect(page.locator(".notice-categories--from-others li").filter(has_text="School attendance")).to_be_visible()
    expect(page.get_by_text("Redfern: information may be accessed in United States.")).to_be_visible()
    expect(page.get_by_role("heading", name="Do you have to give us your information?")).to_have_count(1)
    check(page)


def test_the_officer_records_the_statement_and_is_told_a_heading_repeats_a_section(live_server, page, alice,
                                                                                    totp_code):
    notice = _notice()
    device = TOTPDevice.objects.create(user=alice, name="Phone", confirmed=True)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Code").fill(totp_code(device))
    page.get_by_role("button", name="Continue").click()
    page.goto(live_server.url + f"/manage/notices/{notice.pk}/about/")
    expect(page.get_by_label("Do people have to give us their information?")).to_be_visible()
    check(page)
    page.goto(live_server.url + f"/manage/notices/{notice.pk}/sections/new/")
    page.get_by_label("Heading").fill("Who we are")
    page.get_by_label("Body").fill("We are the council.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Every notice already has a section called “Who we are”")
    check(page)
