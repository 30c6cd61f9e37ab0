"""The workspace's first "done when", in a real browser and without shortcuts.

Alice, an IG officer, signs in with a password and an authenticator code and, starting from an empty register,
records Borsetshire County Council, its young carers service, the service's two purposes (assessing needs, a
public task that uses health information; news of events, sent with consent), the cloud company that hosts
the case files in the United States, and two retention rules. She builds the notice from them, previews it
and submits it. Bob, the DPO, sends it back because it does not say where the information comes from; Alice
records the source, adds it and resubmits; Bob publishes it with nothing to override. The public page shows
the notice and its PDF downloads. axe-core checks every page either of them loads.
"""

import re
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations
from tests.conftest import PASSWORD
from tests.notices.pdfs import pages_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COUNCIL = "Borsetshire County Council"
SERVICE = "Young carers support"
NOTICE = "Young carers"
ASSESSING = "Assessing young carers’ needs"
NEWS = "Sending news of events for young carers"
SUPPLIER = "Carefile Cloud Ltd"
CASE_FILES = "Young carer case files"
MAILING_LIST = "Events mailing list"
SENT_BACK = "Say where we get information from when it is not from the young carer: most come to us from schools."

# Runs in every document a watched page loads, before the page's own scripts: a page that loads while the
# one before it was never checked is noted, in the tab's sessionStorage, which outlives the navigation.
NOTE_UNCHECKED_PAGES = """
(() => {
  if (!location.protocol.startsWith("http")) return;
  const pending = sessionStorage.getItem("axe-pending");
  if (pending) {
    const missed = JSON.parse(sessionStorage.getItem("axe-missed") || "[]");
    sessionStorage.setItem("axe-missed", JSON.stringify([...missed, pending]));
  }
  sessionStorage.setItem("axe-pending", location.href);
})();
"""


class EveryPageChecked:
    """axe-core on every page of the journey. `seen()` waits for the page a step leads to and checks it; a
    page that loaded and was left unchecked is reported by `assert_none_missed()`."""

    def __init__(self):
        self.pages = []
        self.checked: list[str] = []

    def watch(self, page):
        page.add_init_script(NOTE_UNCHECKED_PAGES)
        self.pages.append(page)
        return page

    def seen(self, page, heading: str) -> None:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_no_axe_violations(page)
        self.checked.append(page.url)
        page.evaluate("sessionStorage.removeItem('axe-pending')")

    def assert_none_missed(self) -> None:
        for page in self.pages:
            missed = page.evaluate(
                "[...JSON.parse(sessionStorage.getItem('axe-missed') || '[]'),"
                " sessionStorage.getItem('axe-pending')].filter(Boolean)"
            )
            assert not missed, f"Pages loaded but never checked with axe: {missed}"


def _field(page, label: str):
    return page.get_by_label(label, exact=True)


def _fill(page, values: dict[str, str]) -> None:
    for label, value in values.items():
        _field(page, label).fill(value)


def _choose(page, values: dict[str, str]) -> None:
    for label, option in values.items():
        _field(page, label).select_option(label=option)


def _tick(page, *names: str) -> None:
    for name in names:
        page.get_by_role("checkbox", name=name, exact=True).check()


def _saved(page, axe, message: str, heading: str) -> None:
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert").filter(has_text=message)).to_be_visible()
    axe.seen(page, heading)


# Signing in and finding one's way


def _sign_in(page, axe, base, user, totp_code) -> None:
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    page.goto(base + "/")
    axe.seen(page, "Privacy notices")
    page.get_by_role("link", name="Manage notices (staff)").click()
    axe.seen(page, "Sign in")
    _fill(page, {"Username": user.username, "Password": PASSWORD})
    page.get_by_role("button", name="Continue").click()
    axe.seen(page, "Enter the code from your authenticator app")
    _fill(page, {"Code": totp_code(device)})
    page.get_by_role("button", name="Continue").click()
    axe.seen(page, "Workspace")


def _workspace(page, axe) -> None:
    page.get_by_role("link", name="Manage notices").click()
    axe.seen(page, "Workspace")


def _add_form(page, axe, plural: str, singular: str) -> None:
    """From anywhere in the workspace: Manage notices → The register → the record type → Add."""
    _workspace(page, axe)
    page.get_by_role("link", name="The register").click()
    axe.seen(page, "The register")
    page.get_by_role("link", name=plural, exact=True).click()
    axe.seen(page, plural)
    page.get_by_role("link", name=f"Add {singular}").click()
    axe.seen(page, f"Add {singular}")


def _save_record(page, axe, name: str) -> None:
    _saved(page, axe, f"Saved “{name}”.", name)


def _open_notice(page, axe) -> None:
    _workspace(page, axe)
    page.get_by_role("link", name=NOTICE, exact=True).click()
    axe.seen(page, NOTICE)


# The register, from nothing


def _record_the_council(page, axe) -> None:
    _add_form(page, axe, "Controllers", "controller")
    _fill(page, {
        "Legal name": COUNCIL,
        "Slug": "borsetshire",
        "Registered office": "County Hall\nFelpersham\nBO1 1AA",
        "ICO registration number": "Z1234567",
        "Website": "https://www.borsetshire.example",
        "DPO name": "Priya Shah",
        "DPO email": "dpo@borsetshire.example",
        "DPO phone": "01632 960 001",
        "DPO postal address": "Data Protection Officer, County Hall, Felpersham, BO1 1AA",
        "How to make a rights request": "Email dpo@borsetshire.example or write to the Data Protection Officer.",
    })
    _field(page, "Public authority").check()
    _save_record(page, axe, COUNCIL)


def _record_the_service(page, axe) -> None:
    _add_form(page, axe, "Services", "service")
    _fill(page, {"Name": SERVICE, "Slug": "young-carers-support",
                 "Description": "Support and short breaks for children who look after someone at home."})
    page.get_by_role("radio", name=COUNCIL, exact=True).check()  # one page of the register's controllers
    _choose(page, {"Our role": "We are the controller"})
    _save_record(page, axe, SERVICE)


def _record_who_and_what(page, axe) -> None:
    _add_form(page, axe, "Data subject groups", "data subject group")
    _fill(page, {"Name": "Young carers"})
    _save_record(page, axe, "Young carers")
    for name, kind in (("Contact details", "Personal data"), ("Health and care needs", "Special category data")):
        _add_form(page, axe, "Data categories", "data category")
        _fill(page, {"Name": name})
        _choose(page, {"Kind": kind})
        _save_record(page, axe, name)
    _add_form(page, axe, "Legislation", "legislation")
    _fill(page, {"Title": "Children Act 1989", "Year": "1989", "Section": "s.17ZA",
                 "Legislation.gov.uk address": "https://www.legislation.gov.uk/ukpga/1989/41/section/17ZA"})
    _save_record(page, axe, "Children Act 1989 s.17ZA")


def _record_the_purposes(page, axe) -> None:
    _add_form(page, axe, "Purposes", "purpose")
    _fill(page, {
        "Name": ASSESSING,
        "Plain-English description": "We assess what help a young carer needs and plan support with the family.",
        "Must people give us this information?": "You do not have to, but without it we cannot assess your needs.",
    })
    _choose(page, {
        "Art 6 lawful basis": "UK GDPR Art 6(1)(e): Public task",
        "Art 9 condition": "UK GDPR Art 9(2)(h): Health or social care",
        "DPA 2018 Sch 1 condition": "DPA 2018 Sch 1 para 2: Health or social care purposes",
        "Where the data comes from": "Both",
    })
    _tick(page, "Children Act 1989 s.17ZA", "Contact details", "Health and care needs", "Young carers")
    _save_record(page, axe, ASSESSING)

    _add_form(page, axe, "Purposes", "purpose")
    _fill(page, {
        "Name": NEWS,
        "Plain-English description": "If you ask us to, we email you about trips, clubs and short breaks.",
        "Must people give us this information?": "No. If you do not give us an email address, we cannot send you news.",
    })
    _choose(page, {"Art 6 lawful basis": "UK GDPR Art 6(1)(a): Consent",
                   "Where the data comes from": "From the person themselves"})
    _tick(page, "Contact details", "Young carers")
    _save_record(page, axe, NEWS)


def _record_the_processor(page, axe) -> None:
    """A processor in the United States; saved first without its safeguard, which the form refuses."""
    _add_form(page, axe, "Recipients", "recipient")
    _fill(page, {
        "Name": SUPPLIER,
        "What is shared": "Case files",
        "Why it is shared": "It hosts our case management system.",
        "Country outside the UK": "United States",
        "How to get a copy of the safeguard": "Ask our Data Protection Officer for a copy of the agreement.",
    })
    _choose(page, {"Kind": "A named organisation", "Role": "Processor (acts on our instructions)",
                   "Where the recipient holds the information": "Outside the UK (name the country and the safeguard)"})
    page.get_by_role("button", name="Save").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    message = "Data goes to United States, outside the UK: choose the safeguard that protects it."
    expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(_field(page, "Transfer safeguard")).to_have_accessible_description(re.compile(re.escape(message)))
    expect(page).to_have_title(re.compile(r"^Error: Add recipient"))
    axe.seen(page, "Add recipient")
    summary.get_by_role("link", name=message).click()
    expect(_field(page, "Transfer safeguard")).to_be_focused()
    _choose(page, {"Transfer safeguard": "International Data Transfer Agreement (IDTA)"})
    _save_record(page, axe, SUPPLIER)


def _record_the_retention_rules(page, axe) -> None:
    _add_form(page, axe, "Retention rules", "retention rule")
    _fill(page, {"Record type": CASE_FILES, "Period": "6", "Counted from": "the case closing",
                 "Authority": "Borsetshire County Council retention schedule"})
    _choose(page, {"How long": "A fixed period", "Unit": "years", "At the end, records are": "destroyed"})
    _tick(page, SERVICE)
    _save_record(page, axe, CASE_FILES)

    _add_form(page, axe, "Retention rules", "retention rule")
    _fill(page, {"Record type": MAILING_LIST, "The event": "you ask us to stop sending news",
                 "Authority": "Your consent"})
    _choose(page, {"How long": "Until an event", "At the end, records are": "destroyed"})
    _tick(page, SERVICE)
    _save_record(page, axe, MAILING_LIST)


def _record_the_source(page, axe) -> None:
    _add_form(page, axe, "Sources", "source")
    _fill(page, {"Name": "Schools",
                 "Description": "Schools tell us about pupils who may be young carers, with the family’s agreement."})
    _choose(page, {"Kind": "A category of organisation"})
    _save_record(page, axe, "Schools")


# The notice


def _build_the_notice(page, axe) -> None:
    _workspace(page, axe)
    page.get_by_role("link", name="New notice").click()
    axe.seen(page, "New notice")
    _fill(page, {"Title": NOTICE, "Slug": "young-carers",
                 "Summary": "How we use information about young carers and their families."})
    _choose(page, {"Controller": COUNCIL, "Audience": "Children and young people"})
    _saved(page, axe, f"Created “{NOTICE}”. Now choose what goes in it.", NOTICE)

    _change(page, axe, "about the notice", "About the notice", SERVICE)
    _change(page, axe, "purposes", "Purposes", ASSESSING, NEWS)
    _change(page, axe, "who we share with", "Who we share with", SUPPLIER)
    _change(page, axe, "how long we keep it", "How long we keep it", CASE_FILES, MAILING_LIST)

    page.get_by_role("link", name="Add a section").click()
    axe.seen(page, "Add a section")
    _fill(page, {"Heading": "Talking to us", "Body": "Your school’s young carers lead can help you contact us."})
    _choose(page, {"Show after": "Who we are"})
    _saved(page, axe, "Saved the section “Talking to us”.", NOTICE)


def _change(page, axe, what: str, heading: str, *ticks: str) -> None:
    """A "Change …" link on the notice page, ticking records, then Save back to the notice."""
    page.get_by_role("link", name=f"Change {what}", exact=True).click()
    axe.seen(page, heading)
    _tick(page, *ticks)
    _saved(page, axe, "Saved.", NOTICE)


def _preview(page, axe) -> None:
    page.get_by_role("link", name="Preview").click()
    expect(page.get_by_text("Preview of draft version 1: not published.")).to_be_visible()
    axe.seen(page, NOTICE)
    for text in (
        ASSESSING, NEWS, "Legal basis: UK GDPR Art 9(2)(h); DPA 2018 Sch 1 para 2",
        f"{SUPPLIER}: It hosts our case management system.",
        f"{SUPPLIER}: information may be accessed in United States",
        f"{CASE_FILES}: kept for 6 years from the case closing, then destroyed.",
        f"{MAILING_LIST}: kept until you ask us to stop sending news, then destroyed.",
        "Your school’s young carers lead can help you contact us.",
    ):
        expect(page.get_by_text(text).first).to_be_visible()
    page.get_by_role("link", name="Back to the notice").click()
    axe.seen(page, NOTICE)


def _submit(page, axe, summary: str) -> None:
    _fill(page, {"What changed in this version?": summary})
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("alert").filter(has_text="Version 1 sent to the DPO for review.")).to_be_visible()
    axe.seen(page, NOTICE)


def _must_fix(page):
    return page.get_by_role("listitem").filter(has_text="Must fix")


# The DPO


def _open_review(page, axe) -> None:
    _workspace(page, axe)
    page.get_by_role("link", name=f"{NOTICE} version 1").click()
    axe.seen(page, "Review version 1")


def _send_back(page, axe) -> None:
    _open_review(page, axe)
    expect(_must_fix(page)).to_have_count(1)
    expect(_must_fix(page)).to_contain_text("does not say where it comes from")
    _fill(page, {"Why are you sending it back?": SENT_BACK})
    page.get_by_role("button", name="Send back to draft").click()
    expect(page.get_by_role("alert").filter(has_text="Sent version 1 back to the IG officer.")).to_be_visible()
    axe.seen(page, NOTICE)


def _publish(page, axe) -> None:
    _open_review(page, axe)
    expect(_must_fix(page)).to_have_count(0)
    expect(page.get_by_text("Added where we get information: schools.", exact=True)).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    # The publishing page (tests run tasks as they are queued, so it is already done).
    axe.seen(page, "Version 1 published")
    page.locator("main").get_by_role("link", name="Back to the notice").click()
    axe.seen(page, NOTICE)


# The officer's fix


def _read_why_it_came_back(page, axe) -> None:
    _workspace(page, axe)
    sent_back = page.get_by_role("listitem").filter(has_text=SENT_BACK)
    sent_back.get_by_role("link", name=f"{NOTICE} version 1").click()
    axe.seen(page, NOTICE)
    expect(page.get_by_role("alert").filter(has_text="The DPO sent this version back")).to_contain_text(SENT_BACK)


def _fix_and_resubmit(page, axe) -> None:
    _record_the_source(page, axe)
    _open_notice(page, axe)
    _change(page, axe, "where we get information", "Where we get information", "Schools")
    expect(_must_fix(page)).to_have_count(0)
    _submit(page, axe, "Added where we get information: schools.")


# The public


def _read_it_in_public(page, axe, base) -> None:
    page.goto(base + "/")
    axe.seen(page, "Privacy notices")
    page.get_by_role("link", name=NOTICE, exact=True).click()
    axe.seen(page, NOTICE)
    for text in (ASSESSING, "Health or social care", SUPPLIER, "kept for 6 years from the case closing",
                 "Schools tell us about pupils who may be young carers"):
        expect(page.get_by_text(text).first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(rf"^{NOTICE}, version 1 \(PDF")).click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = " ".join(" ".join(pages_text(pdf)).split())
    assert NOTICE in text
    assert SUPPLIER in text


def test_it_takes_a_new_service_notice_from_an_empty_register_to_the_public(
    live_server, browser, alice, bob, totp_code
):
    base, axe = live_server.url, EveryPageChecked()
    officer, dpo, public = (axe.watch(browser.new_context().new_page()) for _ in range(3))

    _sign_in(officer, axe, base, alice, totp_code)
    _record_the_council(officer, axe)
    _record_the_service(officer, axe)
    _record_who_and_what(officer, axe)
    _record_the_purposes(officer, axe)
    _record_the_processor(officer, axe)
    _record_the_retention_rules(officer, axe)
    _build_the_notice(officer, axe)
    _preview(officer, axe)
    _submit(officer, axe, "First version.")

    _sign_in(dpo, axe, base, bob, totp_code)
    _send_back(dpo, axe)

    _read_why_it_came_back(officer, axe)
    _fix_and_resubmit(officer, axe)

    _publish(dpo, axe)

    _read_it_in_public(public, axe, base)
    axe.assert_none_missed()
    print(f"axe checked {len(axe.checked)} pages ({len(set(axe.checked))} distinct addresses)")


def test_it_reports_a_page_that_loaded_without_an_axe_check(live_server, page):
    axe = EveryPageChecked()
    axe.watch(page)
    page.goto(live_server.url + "/")
    axe.seen(page, "Privacy notices")
    page.get_by_role("link", name="Manage notices (staff)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_role("banner").get_by_role("link", name="Privacy notices").click()
    axe.seen(page, "Privacy notices")
    with pytest.raises(AssertionError, match="/accounts/login/"):
        axe.assert_none_missed()
