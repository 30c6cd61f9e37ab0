"""Issue 11's journey in a real browser: a shared-service IG officer who works for two organisations switches
to the second, sees only that organisation's records in every picker (though the first has a purpose of the
same name), builds and submits a notice; the first organisation's DPO cannot see it, even by its address;
the second organisation's DPO publishes it. axe-core checks every page at 1280 px and at 375 px, and no page
is wider than the screen.
"""

import pytest
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from notices.models import Notice
from tests.browser.axe import assert_accessible_at_every_width
from tests.conftest import PASSWORD
from tests.factories import (
    ControllerFactory,
    OrganisationFactory,
    PurposeFactory,
    RetentionRuleFactory,
    ServiceFactory,
    member,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COUNCIL, TRUST = "Borsetshire County Council", "Felpersham Community Health"
NOTICE = "Community nursing"


def check(page, heading: str) -> None:
    """The page shows `heading`; at each width axe finds nothing and nothing is wider than the screen."""
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible_at_every_width(page)


def _world():
    council, trust = OrganisationFactory(name=COUNCIL, slug="borsetshire"), OrganisationFactory(name=TRUST,
                                                                                                 slug="felpersham")
    ControllerFactory(organisation=council, name=COUNCIL)
    trust_controller = ControllerFactory(organisation=trust, name=TRUST)
    ServiceFactory(organisation=trust, controller=trust_controller, name="District nursing")
    PurposeFactory(organisation=council, name="Courts", description="The council's words about courts.")
    PurposeFactory(organisation=council, name="Council tax collection")
    PurposeFactory(organisation=trust, name="Courts", description="The trust's words about courts.")
    PurposeFactory(organisation=trust, name="Nursing care at home")
    RetentionRuleFactory(organisation=council, record_type="Council case files")
    RetentionRuleFactory(organisation=trust, record_type="Adult health records", period_number=8)
    people = {}
    for username, memberships in (
        ("sam", ((council, "ig_officer"), (trust, "ig_officer"))),
        ("dora", ((council, "dpo"),)),
        ("ben", ((trust, "dpo"),)),
    ):
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True, first_name=username.title())
        for organisation, role in memberships:
            member(user, organisation, role)
        people[username] = user
    return people


def _sign_in(page, base, user, totp_code) -> None:
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    page.goto(base + "/accounts/login/")
    check(page, "Sign in")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    check(page, "Enter the code from your authenticator app")
    page.get_by_label("Code").fill(totp_code(device))
    page.get_by_role("button", name="Continue").click()
    check(page, "Workspace")


def _switch_to_the_trust(page) -> None:
    expect(page.get_by_label("Working in")).to_have_value(str(Notice._meta.get_field("organisation")
                                                               .related_model.objects.get(name=COUNCIL).pk))
    page.get_by_label("Working in").select_option(label=TRUST)
    page.get_by_role("button", name="Switch").click()
    expect(page.get_by_role("alert").filter(has_text=f"You are now working in {TRUST}.")).to_be_visible()
    check(page, "Workspace")


def _choices(page, name: str) -> list[str]:
    """The labels of the checkboxes of one field (not those of the page's closed "Add a new …" forms)."""
    return page.evaluate(
        """(name) => [...document.querySelectorAll(`input[type=checkbox][name="${name}"]`)]
             .map((box) => document.querySelector(`label[for="${box.id}"]`).textContent.trim())""",
        name,
    )


def _only_the_trusts_records_everywhere(page) -> None:
    page.get_by_role("link", name="The register").click()
    check(page, "The register")
    page.get_by_role("link", name="Purposes", exact=True).click()
    check(page, "Purposes")
    expect(page.get_by_role("link", name="Courts", exact=True)).to_have_count(1)
    expect(page.get_by_text("Council tax collection")).to_have_count(0)
    page.get_by_role("link", name="Courts", exact=True).click()
    check(page, "Courts")
    expect(page.get_by_text("The trust's words about courts.")).to_be_visible()


def _options(page, name: str) -> list[str]:
    """What a drop-down or a list of radios named `name` offers, leaving out an empty choice ("None")."""
    return page.evaluate(
        """(name) => [
             ...[...document.querySelectorAll(`select[name="${name}"] option`)]
               .filter((option) => option.value).map((option) => option.textContent.trim()),
             ...[...document.querySelectorAll(`input[type="radio"][name="${name}"]`)]
               .filter((radio) => radio.value).map((radio) => radio.labels[0].textContent.trim()),
           ]""",
        name,
    )


def _build_and_submit(page) -> None:
    page.get_by_role("link", name="Manage notices").click()
    check(page, "Workspace")
    page.get_by_role("link", name="New notice").click()
    check(page, "New notice")
    assert _options(page, "controller") == [TRUST]
    page.get_by_label("Title").fill(NOTICE)
    page.get_by_label("Slug").fill("community-nursing")
    page.get_by_label("Controller").select_option(label=TRUST)
    page.get_by_role("button", name="Save").click()
    check(page, NOTICE)
    for link, heading, field, wanted, tick in (
        ("Change about the notice", "About the notice", "services", ["District nursing"], "District nursing"),
        ("Change purposes", "Purposes", "chosen", ["Courts", "Nursing care at home"], "Courts"),
        ("Change how long we keep it", "How long we keep it", "chosen", ["Adult health records"],
         "Adult health records"),
    ):
        page.get_by_role("link", name=link, exact=True).click()
        check(page, heading)
        assert sorted(_choices(page, field)) == wanted
        if field == "services":
            # The notice's controller, and the controller of a service added on the page: the trust's only.
            for select in ("controller", "new-services-controller"):
                assert _options(page, select) == [TRUST], select
        page.get_by_role("checkbox", name=tick, exact=True).check()
        page.get_by_role("button", name="Save").click()
        check(page, NOTICE)
    page.get_by_label("What changed in this version?").fill("First version.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("alert").filter(has_text="Version 1 sent to the DPO for review.")).to_be_visible()
    check(page, NOTICE)


def _the_councils_dpo_cannot_see_it(page, base) -> None:
    expect(page.get_by_role("link", name=f"{NOTICE} version 1")).to_have_count(0)
    notice = Notice.objects.get(slug="community-nursing")
    for address in (f"/manage/notices/{notice.pk}/", f"/manage/notices/{notice.pk}/review/"):
        response = page.goto(base + address)
        assert response.status == 404
        check(page, "Page not found")


def _the_trusts_dpo_publishes_it(page, base) -> None:
    page.get_by_role("link", name=f"{NOTICE} version 1").click()
    check(page, "Review version 1")
    expect(page.get_by_text("The trust's words about courts.").first).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    # The publishing page (tests run tasks as they are queued, so it is already done).
    check(page, "Version 1 published")
    page.locator("main").get_by_role("link", name="Back to the notice").click()
    check(page, NOTICE)
    page.goto(base + "/notices/community-nursing/")
    check(page, NOTICE)
    expect(page.get_by_text("The trust's words about courts.").first).to_be_visible()
    expect(page.get_by_text("The council's words about courts.")).to_have_count(0)


def test_it_keeps_a_shared_officers_notice_inside_the_organisation_it_belongs_to(live_server, browser, totp_code):
    base, people = live_server.url, _world()
    officer, council_dpo, trust_dpo = (browser.new_context().new_page() for _ in range(3))

    _sign_in(officer, base, people["sam"], totp_code)
    _switch_to_the_trust(officer)
    _only_the_trusts_records_everywhere(officer)
    _build_and_submit(officer)

    _sign_in(council_dpo, base, people["dora"], totp_code)
    _the_councils_dpo_cannot_see_it(council_dpo, base)

    _sign_in(trust_dpo, base, people["ben"], totp_code)
    _the_trusts_dpo_publishes_it(trust_dpo, base)
