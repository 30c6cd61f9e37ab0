"""The first layer in a real browser: at the top of the notice, each part taking the reader to its full section,
and on its own page linking back; axe finds nothing at 1280 px and 375 px and nothing is wider than the screen."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible_at_every_width
from tests.factories import full_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_reader_reads_the_first_layer_then_the_section_it_links_to(live_server, page, publish):
    notice = full_notice(slug="young-carers", title="Young Carers privacy notice")
    publish(notice)

    page.goto(live_server.url + "/notices/young-carers/")
    layer = page.locator(".notice-first-layer")
    expect(layer.get_by_role("heading", name="This notice in brief")).to_be_visible()
    expect(layer).to_contain_text("Special category data: Health information.")
    top = page.evaluate("""() => [".notice-first-layer", ".notice-contents"].map(
        (selector) => document.querySelector(selector).getBoundingClientRect().top)""")
    assert top[0] < top[1], top  # before the contents list
    assert_accessible_at_every_width(page)

    layer.get_by_role("link", name="Who we share it with").click()
    expect(page).to_have_url(live_server.url + "/notices/young-carers/#who_we_share_with")
    expect(page.locator("#who_we_share_with")).to_be_in_viewport()

    page.goto(live_server.url + "/notices/young-carers/summary/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Young Carers privacy notice: in brief")
    assert_accessible_at_every_width(page)
    page.get_by_role("link", name="How to complain").click()
    expect(page).to_have_url(live_server.url + "/notices/young-carers/#how_to_complain")
    expect(page.locator("#how_to_complain")).to_be_in_viewport()


def test_the_contents_list_takes_two_columns_on_a_wide_screen_and_one_on_a_phone(live_server, page, publish):
    publish(full_notice(slug="young-carers", title="Young Carers privacy notice"))
    columns = "() => getComputedStyle(document.querySelector('.notice-contents ol')).columnCount"
    lefts = """() => [...document.querySelectorAll('.notice-contents li')].map(
        (item) => Math.round(item.getBoundingClientRect().left))"""

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/notices/young-carers/")
    assert page.evaluate(columns) == "2"
    assert len(set(page.evaluate(lefts))) == 2  # the items really sit side by side

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert page.evaluate(columns) == "auto"
    assert len(set(page.evaluate(lefts))) == 1


def test_a_categorys_kind_reads_on_one_line_at_every_width(live_server, page, publish):
    publish(full_notice(slug="young-carers", title="Young Carers privacy notice"))
    lines = """() => [...document.querySelectorAll('#what_we_collect .govuk-tag')].map((tag) => {
        const range = document.createRange(); range.selectNodeContents(tag);
        return [tag.textContent.trim(), new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size];
    })"""
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/notices/young-carers/")
        tags = page.evaluate(lines)
        assert tags and all(count == 1 for _, count in tags), (width, tags)
