"""A notice printed from the browser (not the PDF): the portal's header, navigation and footer are left off,
the address of a link is printed after it, and each top-level section starts a new page."""

import pytest

from tests.factories import NoticeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AFTER = "(element) => getComputedStyle(element, '::after').content"


def test_a_printed_notice_has_no_chrome_and_shows_where_links_go(live_server, page, publish):
    publish(NoticeFactory(title="Young Carers privacy notice", slug="young-carers"))
    page.goto(live_server.url + "/notices/young-carers/")
    header, footer = page.locator("header.govuk-header"), page.locator("footer.govuk-footer")
    link = page.locator("main a[href^='/notices/young-carers/versions/']").first
    assert header.is_visible() and footer.is_visible() and link.evaluate(AFTER) == "none"

    page.emulate_media(media="print")
    assert not header.is_visible() and not footer.is_visible()
    assert not page.locator(".govuk-service-navigation").is_visible()
    assert link.evaluate(AFTER) == '" (/notices/young-carers/versions/)"'
    # In-page links (the contents list) go nowhere on paper, so they get no address.
    assert page.locator(".notice-contents a").first.evaluate(AFTER) == "none"
    assert page.locator(".notice-section").first.evaluate("(e) => getComputedStyle(e).breakBefore") == "page"
