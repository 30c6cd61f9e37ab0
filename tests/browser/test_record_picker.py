"""The builder's record picker in a real browser, over a register larger than a page: with JavaScript,
typing into the autocomplete, picking a record and saving attaches it; without JavaScript, the "Find a
record" form and its pages do the same. axe checks the page at both widths, with suggestions open."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible_at_every_width
from tests.factories import NoticeFactory, RecipientFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REGISTER = 60  # three pages of the picker


def _officer_page(browser, live_server, sign_in, alice, *, javascript: bool):
    session = sign_in(alice, client=Client()).cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(java_script_enabled=javascript)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    return context


def _assert_accessible_without_scripts(browser, url: str, cookies) -> None:
    """axe runs as JavaScript, which a context with JavaScript disabled never runs: check the page as a
    browser without JavaScript gets it by refusing the site's own scripts instead."""
    context = browser.new_context()
    context.add_cookies(cookies)
    context.route("**/*.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(url)
    assert page.locator(".autocomplete__wrapper").count() == 0
    assert_accessible_at_every_width(page)
    context.close()


@pytest.fixture
def register(transactional_db):
    notice = NoticeFactory(title="Young carers")
    for n in range(REGISTER):
        RecipientFactory(name=f"Recipient {n:03d}")
    RecipientFactory(name="Zetland Police")
    return notice


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_officer_finds_a_record_beyond_the_first_page_and_attaches_it(
    browser, live_server, sign_in, alice, register, javascript
):
    context = _officer_page(browser, live_server, sign_in, alice, javascript=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/manage/notices/{register.pk}/choose/recipients/")
    # Neither way does the page list the whole register.
    assert page.locator('input[name="chosen"]').count() < REGISTER
    expect(page.get_by_label("Zetland Police")).to_have_count(0)
    if javascript:
        search = page.get_by_label("Search the register and choose a record")
        search.fill("zetl")
        option = page.get_by_role("option", name="Zetland Police")
        expect(option).to_be_visible()
        assert_accessible_at_every_width(page)
        option.click()
        expect(page.get_by_text("Chose Zetland Police. Press Save to keep it.")).to_be_visible()
    else:
        page.get_by_role("searchbox", name="Find a record").fill("zetl")
        page.get_by_role("button", name="Find", exact=True).click()
        assert page.locator('input[name="chosen"]').count() == 1
        _assert_accessible_without_scripts(browser, page.url, context.cookies())
        page.get_by_label("Zetland Police").check()
    expect(page.get_by_label("Zetland Police")).to_be_checked()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Young carers")
    assert [r.name for r in register.recipients.all()] == ["Zetland Police"]
    context.close()


def test_the_pages_of_the_picker_work_without_javascript(browser, live_server, sign_in, alice, register):
    context = _officer_page(browser, live_server, sign_in, alice, javascript=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/manage/notices/{register.pk}/choose/recipients/")
    page.get_by_role("link", name="Next page of records").click()
    expect(page.get_by_label("Recipient 020")).to_be_visible()
    expect(page.get_by_label("Recipient 000")).to_have_count(0)
    _assert_accessible_without_scripts(browser, page.url, context.cookies())
    context.close()


def test_without_javascript_a_register_form_finds_a_record_beyond_the_first_page(
    browser, live_server, sign_in, alice
):
    from tests.factories import DataCategoryFactory, PurposeFactory

    for n in range(REGISTER):
        DataCategoryFactory(name=f"Category {n:03d}")
    DataCategoryFactory(name="Zetland school records")
    purpose = PurposeFactory(name="Safeguarding")
    purpose.data_categories.clear()
    context = _officer_page(browser, live_server, sign_in, alice, javascript=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/manage/register/purposes/{purpose.pk}/edit/")
    expect(page.get_by_label("Zetland school records")).to_have_count(0)

    page.get_by_label("Find data categories").fill("zetland")
    page.get_by_role("button", name="Find data categories").click()
    page.get_by_label("Zetland school records").check()
    _assert_accessible_without_scripts(browser, page.url, context.cookies())
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_role("alert").filter(has_text="Saved")).to_be_visible()
    assert [c.name for c in purpose.data_categories.all()] == ["Zetland school records"]
    context.close()


def test_an_officer_chooses_a_partys_service_beyond_the_first_page_from_the_autocomplete(
    browser, live_server, sign_in, alice
):
    from services.models import ServiceParty
    from tests.factories import ServiceFactory, ServicePartyFactory

    services = [ServiceFactory(name=f"Service {n:03d}") for n in range(REGISTER)]
    zetland = ServiceFactory(name="Zetland family hub")
    party = ServicePartyFactory(service=services[0], body=services[0].controller)
    context = _officer_page(browser, live_server, sign_in, alice, javascript=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/manage/register/parties/{party.pk}/edit/")
    assert page.locator('input[type="radio"][name="service"]').count() < REGISTER
    expect(page.get_by_label("Zetland family hub")).to_have_count(0)
    expect(page.get_by_role("button", name="Find services")).to_be_hidden()  # the autocomplete replaces it

    page.get_by_label("Search the register for services").fill("zetl")
    option = page.get_by_role("option", name="Zetland family hub")
    expect(option).to_be_visible()
    assert_accessible_at_every_width(page)
    option.click()

    expect(page.get_by_text("Chose Zetland family hub. Press Save to keep it.")).to_be_visible()
    expect(page.get_by_role("radio", name="Zetland family hub")).to_be_checked()
    expect(page.get_by_role("radio", name="Service 000")).not_to_be_checked()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Saved")).to_be_visible()
    assert ServiceParty.objects.get(pk=party.pk).service == zetland
    context.close()
