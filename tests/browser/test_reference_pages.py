"""The checks' reference data in a real browser: the purpose form's long legislation list filters as an
IG officer types (and keeps what is ticked), and the catalogue and out-of-date reference pages pass axe
at desktop and phone widths without running wider than the screen."""


import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from services.models import Legislation
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _page(browser, live_server, sign_in, user):
    session = sign_in(user, client=Client()).cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    return context


def test_it_finds_the_legislation_a_purpose_relies_on_in_the_catalogue(browser, live_server, sign_in, alice):
    context = _page(browser, live_server, sign_in, alice)
    page = context.new_page()
    page.goto(f"{live_server.url}/manage/register/purposes/new/")
    # The catalogue is longer than a page of the picker: the form lists a page, the search finds the rest.
    boxes = page.locator('input[name="legislation"]')
    expect(boxes.first).to_be_attached()
    assert boxes.count() < Legislation.objects.filter(in_catalogue=True).count()
    page.get_by_label("Search the register for legislation").fill("care act")
    page.get_by_role("option", name="Care Act 2014", exact=True).click()
    expect(page.get_by_label("Care Act 2014", exact=True)).to_be_checked()
    assert_no_axe_violations(page)
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_reference_pages_pass_axe_and_fit_the_screen(browser, live_server, sign_in, bob, width):
    context = _page(browser, live_server, sign_in, bob)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    for path in ["/manage/references/legislation/", "/manage/references/legislation/new/",
                 "/manage/references/out-of-date/", "/manage/references/out-of-date/new/"]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_axe_violations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    context.close()
