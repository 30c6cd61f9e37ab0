"""The parties of a service in a real browser: an IG officer adds a partner from the service's page, a form with
mistakes says what to fix, and the public notice says who provides the service with whom and who controls the
information. axe-core checks each page at 1280 px and 375 px, and no page is wider than the screen."""

import pytest
from playwright.sync_api import expect

from services.models import ServiceParty
from tests.browser.axe import assert_accessible_at_every_width

# The page signed in as alice, the IG officer, by the session the sign-in steps leave.
from tests.browser.test_builder_add_record import officer_page  # noqa: F401
from tests.factories import ControllerFactory, NoticeFactory, ServiceFactory, ServicePartyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

check = assert_accessible_at_every_width


def test_the_officer_adds_a_partner_from_the_services_page(live_server, officer_page):  # noqa: F811
    page = officer_page
    service = ServiceFactory(name="Family hubs")
    ControllerFactory(organisation=service.organisation, name="Barnardo's")
    ServicePartyFactory(service=service, body=service.controller, role=ServiceParty.Role.JOINT, arrangement="")
    page.goto(live_server.url + f"/manage/register/services/{service.pk}/")
    expect(page.get_by_text("Essence of the arrangement not recorded")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Add an organisation to this service").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Choose the organisation")).to_be_visible()
    check(page)
    page.get_by_role("radio", name="Barnardo's").check()
    page.get_by_label("Role").select_option(label="Partner: the service is provided in partnership with it")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved")).to_be_visible()
    check(page)
    assert ServiceParty.objects.filter(service=service, body__name="Barnardo's", role="partner").exists()


def test_the_public_reads_who_provides_the_service_and_who_controls_it(live_server, page, publish):
    notice = NoticeFactory(title="Family hubs", slug="family-hubs", controller__name="HCRG Care Services Ltd")
    service = ServiceFactory(organisation=notice.organisation, controller=notice.controller, name="Family hubs")
    council = ControllerFactory(organisation=notice.organisation, name="Essex County Council")
    charity = ControllerFactory(organisation=notice.organisation, name="Barnardo's")
    ServicePartyFactory(service=service, body=council, role=ServiceParty.Role.CONTROLLER)
    ServicePartyFactory(service=service, body=notice.controller, role=ServiceParty.Role.PROCESSOR)
    ServicePartyFactory(service=service, body=charity, role=ServiceParty.Role.PARTNER)
    notice.services.add(service)
    publish(notice)
    page.goto(live_server.url + "/notices/family-hubs/")
    expect(page.get_by_text("HCRG Care Services Ltd provides it in partnership with Barnardo's.")).to_be_visible()
    expect(page.get_by_text("HCRG Care Services Ltd handles your information on behalf of Essex County Council."))\
        .to_be_visible()
    check(page)
