"""Issue 12 points 6 and 7 in a real browser: the builder's overview, where the officer moves the main purpose
to the top with a plain form button, and the rights page, which says why a right is absent and takes a right
offered beyond the law with its note; the public page then shows both. axe-core checks each page at 1280 px and
375 px, and no page is wider than the screen."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible_at_every_width
from tests.conftest import PASSWORD
from tests.factories import NoticeFactory, PurposeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

check = assert_accessible_at_every_width


def _sign_in(page, live_server, user, totp_code):
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Code").fill(totp_code(device))
    page.get_by_role("button", name="Continue").click()


def test_the_officer_orders_purposes_and_adds_a_right_with_a_note(live_server, page, alice, totp_code, publish):
    notice = NoticeFactory(title="Young carers", slug="young-carers", purposes=[
        PurposeFactory(name="Archiving records"), PurposeFactory(name="Supporting young carers with a long name"),
    ])
    _sign_in(page, live_server, alice, totp_code)
    page.goto(live_server.url + f"/manage/notices/{notice.pk}/")
    order = page.locator("#order-purposes li")
    expect(order.first).to_contain_text("Archiving records")
    check(page)
    page.get_by_role("button", name="Move up Supporting young carers with a long name").click()
    expect(page.get_by_text("Moved “Supporting young carers with a long name” up.")).to_be_visible()
    expect(order.first).to_contain_text("Supporting young carers")
    check(page)
    page.get_by_role("link", name="Change your rights").click()
    expect(page.locator("#explained-erasure")).to_contain_text(
        "The right to erasure does not apply to processing for a public task (UK GDPR Art 17(3)(b))")
    check(page)
    page.get_by_label("Offer the right to have information deleted for everything this notice describes").check()
    page.get_by_label("Why you offer it (the right to have information deleted)").fill(
        "We delete your records when you ask, once your support has ended.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved the rights this notice offers.")).to_be_visible()
    check(page)
    publish(notice)
    page.goto(live_server.url + "/notices/young-carers/")
    expect(page.get_by_text("once your support has ended.")).to_be_visible()
    check(page)
