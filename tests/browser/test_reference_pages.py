"""The checks' reference data in a real browser: the purpose form's long legislation list filters as an
IG officer types (and keeps what is ticked), and the catalogue and out-of-date reference pages pass axe
at desktop and phone widths without running wider than the screen."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _page(browser, live_server, sign_in, user):
    session = sign_in(user, client=Client()).cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    return context


def test_it_filters_the_legislation_a_purpose_relies_on(browser, live_server, sign_in, alice):
    context = _page(browser, live_server, sign_in, alice)
    page = context.new_page()
    page.goto(f"{live_server.url}/manage/register/purposes/new/")
    page.get_by_label("Care Act 2014 (c. 23)").check()
    page.get_by_label("Filter the list").first.fill("children act")
    expect(page.get_by_label("Children Act 1989 (c. 41)")).to_be_visible()
    expect(page.get_by_label("Localism Act 2011 (c. 20)")).to_be_hidden()
    # What is ticked stays in view, so nobody unticks what they cannot see.
    expect(page.get_by_label("Care Act 2014 (c. 23)")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^\d+ of \d+ shown$"))).to_be_visible()
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
