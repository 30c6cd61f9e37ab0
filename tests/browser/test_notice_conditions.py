"""The public notice's conditions for more sensitive information in a real browser: each said once in plain words
with its purposes and a compact legal line, the purpose's row linking to it; axe-core finds nothing at 1280 px and
375 px, and the page is no wider than the screen."""

import re

import pytest
from playwright.sync_api import expect

from services.models import LawfulBasis
from tests.browser.axe import assert_accessible_at_every_width
from tests.factories import NoticeFactory, PurposeFactory, basis

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_public_reads_each_condition_once_and_follows_a_purpose_to_it(live_server, page, publish):
    safeguarding = dict(art9_condition=basis("art9_2_g"), sch1_condition=basis("sch1_p2_18"),
                        criminal_condition=basis("art10_official_authority"))
    publish(NoticeFactory(title="Early help", slug="early-help", controller__is_public_authority=True, purposes=[
        PurposeFactory(name="Keeping children safe", **safeguarding),
        PurposeFactory(name="Family support", **safeguarding),
        PurposeFactory(name="Health visits", art9_condition=basis("art9_2_h"), sch1_condition=basis("sch1_p1_2")),
    ]))
    page.goto(live_server.url + "/notices/early-help/")
    sentence = LawfulBasis.objects.get(code="sch1_p2_18").public_sentence
    expect(page.get_by_text(sentence)).to_have_count(1)
    # Safeguarding's special category condition and its criminal offence data route: two entries, each once.
    both = re.compile(r"^We rely on this for: "
                      r"(Keeping children safe; Family support|Family support; Keeping children safe)\.$")
    expect(page.get_by_text(both)).to_have_count(2)
    expect(page.get_by_text("Legal basis: UK GDPR Art 9(2)(g); DPA 2018 Sch 1 para 18")).to_be_visible()
    expect(page.get_by_text("Legal basis: UK GDPR Art 10", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Information about crimes")).to_be_visible()
    page.get_by_role("link", name="Health or social care").click()
    expect(page.locator("#special-art9_2_h-sch1_p1_2")).to_be_in_viewport()
    assert_accessible_at_every_width(page)
