"""Every page kind, public and staff, at 1280 px and 375 px: axe-core finds no WCAG 2.2 A/AA violation and the
page is no wider than the screen. One browser context per role; one published notice with a second version
(so versions, compare, on-date and verify have something to show) and a change in review."""

import pytest
from django.conf import settings
from django.test import Client

from notices import actions
from tests.browser.axe import assert_accessible_at_every_width
from tests.conftest import PASSWORD
from tests.factories import (
    NoticeFactory,
    PurposeFactory,
    RecipientFactory,
    RetentionRuleFactory,
    default_organisation,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def notices(alice, bob, publish):
    """A notice in force at version 2 with a third version in review, and a withdrawn one (the 410 page)."""
    notice = NoticeFactory(title="Young Carers privacy notice", slug="young-carers", purposes=[],
                           retention_rules=[])
    notice.purposes.add(PurposeFactory(name="Supporting young carers"))
    notice.retention_rules.add(RetentionRuleFactory(record_type="Young Carers records", period_number=10))
    first = publish(notice)
    notice.recipients.add(RecipientFactory(name="Telljo"))
    notice.refresh_from_db()
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={})
    publish(notice, summary="Telljo added")
    notice.recipients.add(RecipientFactory(name="Carefile Cloud Ltd"))
    notice.refresh_from_db()
    actions.notice_update(actor=alice, notice=notice, lock_version=notice.lock_version, fields={})
    actions.version_submit(actor=alice, version=notice.versions.get(status="draft"), change_summary="Carefile")
    gone = NoticeFactory(title="Closed service notice", slug="closed-service")
    publish(gone)
    actions.notice_withdraw(actor=bob, notice=gone, reason="The service has closed")
    return {"notice": notice, "first": first}


def _signed_in(browser, live_server, sign_in, user):
    session = sign_in(user, client=Client()).cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    return context


def _check(page, url, status=200):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    assert_accessible_at_every_width(page)


def test_every_public_page_fits_a_phone(browser, live_server, notices):
    notice, base = notices["notice"], live_server.url
    slug = notice.slug
    page = browser.new_context().new_page()
    on = f"{notices['first'].effective_from:%Y-%m-%d}"
    for path in ["/", f"/organisations/{default_organisation().slug}/", f"/notices/{slug}/",
                 f"/notices/{slug}/versions/", f"/notices/{slug}/v1/", f"/notices/{slug}/compare/1...2/",
                 f"/notices/{slug}/on/{on}/", f"/notices/{slug}/summary/", f"/notices/{slug}/v2/summary/",
                 "/verify/", "/accessibility/"]:
        _check(page, base + path)
    page.goto(base + "/verify/")
    page.get_by_label("Or paste its SHA-256 fingerprint").fill(notices["first"].pdf_sha256 or "a" * 64)
    with page.expect_navigation():
        page.get_by_role("button", name="Check").click()
    assert_accessible_at_every_width(page)
    # WCAG 2.2 target size (2.5.8): each link in a notice's contents list is at least 24 px high, on a phone too.
    page.goto(base + f"/notices/{slug}/")
    heights = page.locator(".notice-contents a").evaluate_all("(links) => links.map((a) => a.offsetHeight)")
    assert heights and min(heights) >= 24, heights
    _check(page, base + "/notices/closed-service/", status=410)
    _check(page, base + "/no-such-page/", status=404)
    page.context.close()


# By role, as tests/security/access_expectations.py allows them (the organisation pages, superuser only, are
# swept by test_organisations_journey.py).
OFFICER_PAGES = [
    "/manage/", "/manage/register/", "/manage/register/purposes/", "/manage/register/purposes/new/",
    "/manage/register/services/new/", "/manage/register/parties/new/",
    "/manage/register/recipients/", "/manage/register/retention-rules/", "/manage/notices/new/",
    "/manage/notices/{pk}/", "/manage/notices/{pk}/about/", "/manage/notices/{pk}/choose/recipients/",
    "/manage/notices/{pk}/sections/new/", "/manage/notices/{pk}/preview/", "/manage/references/legislation/",
    "/manage/references/out-of-date/", "/manage/messages/", "/manage/messages/settings/", "/manage/embedding/",
    "/manage/ropa/",
]
DPO_PAGES = ["/manage/notices/{pk}/review/", "/manage/export/", "/accounts/audit/", "/manage/ropa/"]


def test_every_staff_page_fits_a_phone(browser, live_server, sign_in, alice, bob, notices):
    """Alice, the IG officer, and Bob, the DPO, open every workspace page their roles allow; the 404 of a staff
    address and the 409 of a lost edit too."""
    pk, base = notices["notice"].pk, live_server.url
    for user, paths in [(alice, OFFICER_PAGES), (bob, DPO_PAGES)]:
        context = _signed_in(browser, live_server, sign_in, user)
        page = context.new_page()
        for path in paths:
            _check(page, base + path.format(pk=pk))
        if user == alice:
            _check(page, base + "/manage/notices/999999/", status=404)
            # Someone else saved the notice while this form was open: it comes back with a 409 and their words.
            page.goto(base + f"/manage/notices/{pk}/about/")
            page.evaluate("document.querySelector('input[name=lock_version]').value = '0'")
            with page.expect_response(lambda r: r.request.method == "POST") as posted:
                page.get_by_role("button", name="Save").first.click()
            assert posted.value.status == 409
            assert_accessible_at_every_width(page)
        context.close()


def test_the_two_factor_set_up_page_fits_a_phone(browser, live_server, erin):
    """Someone signing in for the first time, before they have an authenticator, sets one up."""
    page = browser.new_context().new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill(erin.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/two-factor/setup/**")
    assert_accessible_at_every_width(page)
    page.context.close()
