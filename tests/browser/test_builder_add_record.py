"""Adding a recipient the register lacks from the notice's "Who we share with" page, in a real browser:
the ticks made so far survive the add, the new recipient comes back ticked, and Save puts both on the
notice. axe checks the page with the disclosure open and with its error summary showing."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations
from tests.factories import NoticeFactory, RecipientFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def officer_page(browser, live_server, sign_in, alice):
    """A page signed in as alice (password and second factor), by the session the sign-in steps leave.
    The sign-in itself is driven through the browser by test_workspace_journey."""
    session = sign_in(alice, client=Client()).cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    yield context.new_page()
    context.close()


def _open_add_recipient(page, live_server):
    """The notice's "Who we share with" page with Schools ticked and the add disclosure open."""
    notice = NoticeFactory(title="Young carers")
    RecipientFactory(name="Schools")
    page.goto(f"{live_server.url}/manage/notices/{notice.pk}/choose/recipients/")
    page.get_by_label("Schools").check()
    page.get_by_text("Add a new recipient that is not in the list").click()
    return notice


def test_it_adds_a_missing_recipient_without_losing_the_ticks(live_server, officer_page):
    page = officer_page
    _open_add_recipient(page, live_server)
    assert_no_axe_violations(page)
    page.get_by_label("Name", exact=True).fill("Borsetshire Police")
    page.get_by_label("Country outside the UK").fill("United States")
    page.get_by_role("button", name="Add the recipient").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("outside the UK: choose the safeguard")
    expect(page.get_by_label("Schools")).to_be_checked()
    assert_no_axe_violations(page)

    page.get_by_label("Country outside the UK").fill("")
    page.get_by_role("button", name="Add the recipient").click()
    expect(page.get_by_text("Added “Borsetshire Police” to the register")).to_be_visible()
    expect(page.get_by_label("Schools")).to_be_checked()
    expect(page.get_by_label("Borsetshire Police")).to_be_checked()

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Young carers")
    # Recipients are listed in the notice's order (none placed yet: the register's), each with Move buttons.
    expect(page.locator("#order-recipients > li")).to_have_text(
        [re.compile(r"^\s*Borsetshire Police"), re.compile(r"^\s*Schools")])


def test_it_adds_the_record_when_enter_is_pressed_in_the_add_form_keeping_the_ticks(live_server, officer_page):
    page = officer_page
    notice = _open_add_recipient(page, live_server)
    page.get_by_label("Name", exact=True).fill("Borsetshire Police")
    page.get_by_label("Name", exact=True).press("Enter")  # not Save: the add form's own button

    expect(page.get_by_text("Added “Borsetshire Police” to the register")).to_be_visible()
    expect(page.get_by_label("Schools")).to_be_checked()
    expect(page.get_by_label("Borsetshire Police")).to_be_checked()
    assert not notice.recipients.exists()  # nothing saved to the notice until Save

    page.reload()  # after post/redirect/get, a refresh repeats the GET: no second recipient
    assert RecipientFactory._meta.model.objects.filter(name="Borsetshire Police").count() == 1
