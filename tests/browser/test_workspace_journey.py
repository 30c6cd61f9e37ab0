"""The workspace in a real browser, without shortcuts: an IG officer signs in with a password and an
authenticator code, adds register records, builds a notice, previews and submits it; the DPO sends it
back; the officer fixes and resubmits; the DPO publishes; the public page shows it."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _sign_in(page, base, user, totp_code):
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    page.goto(base + "/manage/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Code").fill(totp_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Workspace")


def test_it_takes_a_notice_from_the_register_to_the_public(live_server, browser, alice, bob, totp_code):
    base = live_server.url
    officer, dpo = browser.new_context().new_page(), browser.new_context().new_page()
    _sign_in(officer, base, alice, totp_code)
    assert_no_axe_violations(officer)

    officer.goto(base + "/manage/register/controllers/new/")
    officer.get_by_label("Legal name").fill("Borsetshire Council")
    officer.get_by_label("Slug").fill("borsetshire")
    assert_no_axe_violations(officer)
    officer.get_by_role("button", name="Save").click()
    expect(officer.get_by_text("Saved “Borsetshire Council”.")).to_be_visible()
    officer.goto(base + "/manage/register/recipients/new/")
    officer.get_by_label("Name").fill("Borsetshire Police")
    officer.get_by_role("button", name="Save").click()

    officer.goto(base + "/manage/notices/new/")
    officer.get_by_label("Title").fill("Young carers")
    officer.get_by_label("Slug").fill("young-carers")
    officer.get_by_label("Controller").select_option(label="Borsetshire Council")
    officer.get_by_role("button", name="Save").click()
    officer.get_by_role("link", name="Change who we share with").click()
    officer.get_by_label("Borsetshire Police").check()
    officer.get_by_role("button", name="Save").click()
    assert_no_axe_violations(officer)
    officer.get_by_role("link", name="Preview").click()
    expect(officer.get_by_text("Borsetshire Police").first).to_be_visible()
    officer.go_back()
    officer.get_by_label("What changed in this version?").fill("First version")
    officer.get_by_role("button", name="Submit for review").click()

    _sign_in(dpo, base, bob, totp_code)
    dpo.get_by_role("link", name="Young carers version 1").click()
    assert_no_axe_violations(dpo)
    dpo.get_by_label("Why are you sending it back?").fill("Say what the police do with it.")
    dpo.get_by_role("button", name="Send back to draft").click()

    officer.goto(base + "/manage/")
    officer.get_by_role("link", name="Young carers version 1").first.click()
    expect(officer.get_by_text("Say what the police do with it.")).to_be_visible()
    officer.get_by_role("link", name="Add a section").click()
    officer.get_by_label("Heading").fill("Sharing with the police")
    officer.get_by_label("Body").fill("The police use it to keep young carers safe.")
    officer.get_by_role("button", name="Save").click()
    officer.get_by_label("What changed in this version?").fill("Explained police sharing")
    officer.get_by_role("button", name="Submit for review").click()

    dpo.goto(base + "/manage/")
    dpo.get_by_role("link", name="Young carers version 1").click()
    # The journey's notice is thin (no purposes, no controller address): the DPO sees the blockers and
    # publishes with a written reason, which the audit trail keeps.
    expect(dpo.get_by_text("Must fix").first).to_be_visible()
    dpo.get_by_label("Reason for publishing despite blocking findings (only if there are any)").fill(
        "Pilot notice for the young carers service; purposes are being added in the next version."
    )
    dpo.get_by_role("button", name="Publish").click()
    expect(dpo.get_by_text("Published version 1")).to_be_visible()

    public = browser.new_context().new_page()
    public.goto(base + "/notices/young-carers/")
    expect(public.get_by_role("heading", level=1)).to_have_text("Young carers")
    expect(public.get_by_text("The police use it to keep young carers safe.")).to_be_visible()
