"""The public pages in a real browser: content, GOV.UK Frontend styles and scripts, keyboard use, and axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations
from tests.factories import NoticeFactory, ServiceFactory

# serialized_rollback: a transactional test ends by emptying every table, which would take the lawful
# bases and roles loaded by data migrations away from the tests after it; this puts them back.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_it_lists_each_organisation_with_its_services(live_server, page, publish):
    # The public sees a service once a published notice names it (in the default organisation).
    notice = NoticeFactory()
    notice.services.add(ServiceFactory(name="Family support"))
    publish(notice)

    page.goto(live_server.url + "/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notices")
    expect(page.get_by_role("heading", level=2, name="Borsetshire County Council")).to_be_visible()
    # Services sit in a disclosure under their organisation, so the list of notices stays short.
    page.get_by_text("Services provided by Borsetshire County Council (1)").click()
    expect(page.get_by_text("Family support", exact=True)).to_be_visible()
    assert_no_axe_violations(page)


def test_it_styles_the_page_with_govuk_frontend_in_arial(live_server, page):
    page.goto(live_server.url + "/")

    # Only true if the compiled stylesheet came through the live server's static files: GOV.UK Frontend
    # leaves <body> alone and sets the font on each govuk-* element.
    heading = page.get_by_role("heading", level=1)
    font = heading.evaluate("element => getComputedStyle(element).fontFamily")
    assert font.lower().startswith("arial")
    assert "GDS Transport" not in font


def test_it_runs_govuk_frontend_javascript(live_server, page):
    page.goto(live_server.url + "/")

    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    # initAll() marks each component it starts; the skip link is on every page.
    expect(page.locator(".govuk-skip-link")).to_have_attribute("data-govuk-skip-link-init", "")


def test_it_lets_keyboard_users_skip_to_the_main_content(live_server, page):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def test_it_links_every_page_to_the_accessibility_statement(live_server, page):
    page.goto(live_server.url + "/")

    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()

    expect(page).to_have_url(live_server.url + "/accessibility/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    expect(page).to_have_title(re.compile(r"^Accessibility statement – "))
    assert_no_axe_violations(page)


def test_it_explains_a_missing_page(live_server, page):
    response = page.goto(live_server.url + "/no-such-page/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_no_axe_violations(page)
