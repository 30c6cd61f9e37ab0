"""The record of processing in a real browser: the IG officer uploads a CSV, reads the preview (at 1280 px and
375 px, axe-core clean, no wider than the screen), confirms it, and a file with a bad row comes back with an
error summary whose link lands on the row's problem."""

import pytest
from playwright.sync_api import expect

from services.models import Purpose
from tests.browser.axe import assert_accessible_at_every_width

# The page signed in as alice, the IG officer, by the session the sign-in steps leave.
from tests.browser.test_builder_add_record import officer_page  # noqa: F401
from tests.factories import DataCategoryFactory, PurposeFactory, basis

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADER = "Purpose of processing,Description of the purpose,Categories of personal data"


def _upload(page, base: str, tmp_path, text: str) -> None:
    path = tmp_path / "register.csv"
    path.write_text(text, encoding="utf-8")
    page.goto(base + "/manage/ropa/")
    page.get_by_label("Upload the register").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()


def test_the_officer_previews_and_confirms_an_import(live_server, officer_page, tmp_path):  # noqa: F811
    page, base = officer_page, live_server.url
    DataCategoryFactory(name="Contact details")
    PurposeFactory(name="Approving foster carers", art6_basis=basis("art6_1_e"))

    _upload(page, base, tmp_path, f"{HEADER}\nApproving foster carers,Assessing people who apply to foster,"
                                  f"Contact details\nReviewing foster carers,Yearly reviews,Contact details\n")

    expect(page.get_by_role("heading", name="Check the import")).to_be_visible()
    page.get_by_text("Purposes: what is new or changed").click()
    expect(page.get_by_text("Reviewing foster carers")).to_be_visible()
    assert_accessible_at_every_width(page)
    page.reload()
    expect(page.get_by_role("button", name="Import into the register")).to_be_visible()
    page.get_by_role("button", name="Import into the register").click()
    expect(page.get_by_text("is imported into")).to_be_visible()
    assert Purpose.objects.get(name="Reviewing foster carers").description == "Yearly reviews"


def test_a_bad_row_is_listed_and_the_summary_links_to_it(live_server, officer_page, tmp_path):  # noqa: F811
    page, base = officer_page, live_server.url
    DataCategoryFactory(name="Contact details")

    _upload(page, base, tmp_path, f"{HEADER}\nA,Fine,Contact details\nB,Not fine,Shoe size\n")

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Row 3, column 'Categories of personal data'")
    assert_accessible_at_every_width(page)
    summary.get_by_role("link").first.click()
    assert page.url.endswith("#import-error-1")
    expect(page.locator("#import-error-1")).to_contain_text("No data category called “Shoe size”")
    expect(page.get_by_role("button", name="Import into the register")).to_have_count(0)
    assert not Purpose.objects.filter(name__in=["A", "B"]).exists()
