"""The register in the workspace: list, create, edit, retire, history in words, and refused stale saves."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from retention.models import RetentionRule
from services.models import Legislation, Purpose, Recipient
from tests.factories import (
    DataCategoryFactory,
    LegislationFactory,
    NoticeFactory,
    PurposeFactory,
    RecipientFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_it_lists_searches_and_filters_records(sign_in, alice):
    RecipientFactory(name="Essex Police", kind="organisation")
    RecipientFactory(name="Schools", kind="category")
    RecipientFactory(name="Old contractor", retired=True)
    client = sign_in(alice)
    url = reverse("manage:record_list", args=["recipients"])
    page = _text(client.get(url))
    assert "Essex Police" in page and "Schools" in page and "Old contractor" not in page
    assert "Schools" not in _text(client.get(url, {"q": "essex"}))
    assert "Essex Police" not in _text(client.get(url, {"kind": "category"}))
    assert "Old contractor" in _text(client.get(url, {"retired": "1"}))


@pytest.mark.parametrize(("kind", "params"), [
    ("services", {"controller": "Borsetshire"}),  # a name where an organisation's id belongs
    ("controllers", {"is_public_authority": "maybe"}),
    ("recipients", {"kind": "<script>"}),
])
def test_it_ignores_a_filter_value_the_list_does_not_offer(sign_in, alice, kind, params):
    ServiceFactory(name="Family hubs")
    RecipientFactory(name="Essex Police")

    response = sign_in(alice).get(reverse("manage:record_list", args=[kind]), params)

    assert response.status_code == 200
    assert {"services": "Family hubs", "controllers": "Borsetshire Council", "recipients": "Essex Police"}[kind] in (
        _text(response)
    )


def test_it_paginates_long_lists(sign_in, alice):
    for n in range(30):
        RecipientFactory(name=f"Recipient {n:02d}")
    page = _text(sign_in(alice).get(reverse("manage:record_list", args=["recipients"]), {"page": 2}))
    assert "Page 2 of 2" in page and "Recipient 29" in page and "Recipient 00" not in page


def test_it_creates_a_record_and_records_who_did_it(sign_in, alice):
    client = sign_in(alice)
    response = client.post(
        reverse("manage:record_create", args=["sources"]), {"name": "Your GP", "kind": "organisation"}, follow=True
    )
    assert "Saved “Your GP”" in _text(response)
    assert "Created by Alice" in _text(response)


def test_it_refuses_a_transfer_abroad_without_a_safeguard(sign_in, alice):
    response = sign_in(alice).post(
        reverse("manage:record_create", args=["recipients"]),
        {"name": "Cloud host", "kind": "organisation", "role": "processor", "location": "abroad",
         "transfer_country": "United States"},
    )
    assert "outside the UK: choose the safeguard" in _text(response)
    assert "There is a problem" in _text(response)
    assert "<title>Error: Add recipient" in _text(response)
    assert not Recipient.objects.exists()


def test_it_refuses_a_fixed_retention_period_without_a_trigger(sign_in, alice):
    response = sign_in(alice).post(
        reverse("manage:record_create", args=["retention-rules"]),
        {"record_type": "Case files", "period_kind": "fixed", "period_number": 6, "period_unit": "years",
         "action": "destroy"},
    )
    assert "Say what the period is counted from" in _text(response)
    assert not RetentionRule.objects.exists()


def test_it_saves_a_purpose_and_shows_the_rule_warning_afterwards(sign_in, alice, bases):
    response = sign_in(alice).post(
        reverse("manage:record_create", args=["purposes"]),
        {"name": "Collecting council tax", "art6_basis": bases["art6_1_c"].pk, "collected_from": "person"},
        follow=True,
    )
    assert Purpose.objects.filter(name="Collecting council tax").exists()
    assert "needs a basis in law" in _text(response)


def test_it_records_a_purpose_with_no_lawful_basis_yet_and_finds_it_again(sign_in, alice, bases):
    client = sign_in(alice)
    form = _text(client.get(reverse("manage:record_create", args=["purposes"])))
    assert "Not known yet" in form
    assert "cannot be published without a DPO override until one is chosen" in form
    response = client.post(
        reverse("manage:record_create", args=["purposes"]),
        {"name": "Training workers", "art6_basis": "", "collected_from": "person"},
        follow=True,
    )
    page = _text(response)
    assert "Saved “Training workers”" in page and "No Art 6 lawful basis is chosen" in page
    assert "Art 6 lawful basis</dt><dd class=\"govuk-summary-list__value\">None chosen" in page
    PurposeFactory(name="Child protection", art6_basis=bases["art6_1_e"])
    url = reverse("manage:record_list", args=["purposes"])
    unknown = _text(client.get(url, {"art6_basis": "none"}))
    assert "Training workers" in unknown and "Child protection" not in unknown
    # Only Art 6 bases are offered in the filter, and a value that is not one of them filters nothing.
    listing = _text(client.get(url, {"art6_basis": "not-a-basis"}))
    assert "Training workers" in listing and "Child protection" in listing
    assert "Art 9(2)(h)" not in listing


def test_it_refuses_special_category_data_without_an_art9_condition(sign_in, alice, bases):
    health = DataCategoryFactory(name="Health", kind="special")
    response = sign_in(alice).post(
        reverse("manage:record_create", args=["purposes"]),
        {"name": "Health visiting", "art6_basis": bases["art6_1_e"].pk, "collected_from": "person",
         "data_categories": [health.pk]},
    )
    assert "choose the UK GDPR Art 9 condition" in _text(response)


def _edit(client, record, url_key, **data):
    return client.post(reverse("manage:record_edit", args=[url_key, record.pk]), data, follow=True)


def test_it_shows_many_to_many_changes_by_name_in_the_history(sign_in, alice, bases):
    purpose = PurposeFactory(name="Child protection", art6_basis=bases["art6_1_e"])
    purpose.legislation.clear()  # start from no law, whatever the factory's default
    law = LegislationFactory(title="Children Act 1989", section="s.47")
    client = sign_in(alice)
    page = _text(_edit(client, purpose, "purposes", name="Child protection", art6_basis=bases["art6_1_e"].pk,
                       collected_from="both", legislation=[law.pk], lock_version=purpose.lock_version))
    assert "Supporting legislation: none → Children Act 1989 s.47" in page
    assert "Where the data comes from: From the person themselves → Both" in page
    assert "Changed by Alice" in page


def test_it_refuses_a_stale_save_and_shows_what_the_other_person_changed(sign_in, alice, bases):
    recipient = RecipientFactory(name="Police", why_shared="To prevent crime.")
    loaded = recipient.lock_version
    first = sign_in(alice, client=Client())
    second = sign_in(alice, client=Client())
    _edit(first, recipient, "recipients", name="Police", kind="organisation", role="controller", location="in_uk",
          why_shared="To prevent and detect crime.", lock_version=loaded)
    response = second.post(
        reverse("manage:record_edit", args=["recipients", recipient.pk]),
        {"name": "Essex Police", "kind": "organisation", "role": "controller", "location": "in_uk",
         "why_shared": "Safeguarding.", "lock_version": loaded},
    )
    page = _text(response)
    assert response.status_code == 409
    assert "changed by someone else while you were editing it" in page
    assert "To prevent and detect crime." in page  # what the other person changed
    assert 'value="Essex Police"' in page  # nothing the second editor typed is lost
    recipient.refresh_from_db()
    assert (recipient.name, recipient.why_shared) == ("Police", "To prevent and detect crime.")
    assert recipient.history.count() == 2


def test_it_retires_a_record_which_then_cannot_be_chosen(sign_in, alice):
    recipient = RecipientFactory(name="Old contractor")
    notice = NoticeFactory()
    client = sign_in(alice)
    client.post(reverse("manage:record_retire", args=["recipients", recipient.pk]),
                {"lock_version": recipient.lock_version})
    recipient.refresh_from_db()
    assert recipient.retired
    RecipientFactory(name="Current contractor")
    url = reverse("manage:notice_relation", args=[notice.pk, "recipients"])
    client.get(url)  # shows (and so clears) the "Retired" message
    page = _text(client.get(url))
    assert "Current contractor" in page and "Old contractor" not in page


def test_it_warns_before_saving_which_published_notices_a_change_affects_and_redrafts_them(
    sign_in, alice, publish
):
    recipient = RecipientFactory(name="Police")
    notice = NoticeFactory(title="Youth justice notice")
    notice.recipients.add(recipient)
    publish(notice)
    client = sign_in(alice)
    edit_page = _text(client.get(reverse("manage:record_edit", args=["recipients", recipient.pk])))
    assert "Saving will leave 1 published notice out of date" in edit_page and "Youth justice notice" in edit_page
    detail = _text(_edit(client, recipient, "recipients", name="Police", kind="organisation", role="controller",
                         location="in_uk", why_shared="Crime prevention.", lock_version=recipient.lock_version))
    assert "out of date since it changed" in detail
    assert "Youth justice notice" in _text(client.get(reverse("manage:dashboard")))
    client.post(reverse("manage:record_redraft", args=["recipients", recipient.pk]))
    assert notice.versions.filter(status="draft", number=2).exists()


@pytest.mark.parametrize("key", ["controllers", "services", "parties", "subject-groups", "data-categories",
                                 "legislation", "purposes", "sources", "recipients", "retention-rules", "legal-holds"])
def test_it_offers_every_record_type_with_its_list_form_and_history(sign_in, alice, key):
    from services.register import RECORD_TYPES
    from tests import factories

    factory = {
        "controllers": factories.ControllerFactory, "services": factories.ServiceFactory,
        "parties": factories.ServicePartyFactory,
        "subject-groups": factories.DataSubjectGroupFactory, "data-categories": factories.DataCategoryFactory,
        "legislation": factories.LegislationFactory, "purposes": factories.PurposeFactory,
        "sources": factories.SourceFactory, "recipients": factories.RecipientFactory,
        "retention-rules": factories.RetentionRuleFactory, "legal-holds": factories.LegalHoldFactory,
    }[key]
    record = factory()
    client = sign_in(alice)
    assert str(record) in _text(client.get(reverse("manage:record_list", args=[key])))
    create = client.get(reverse("manage:record_create", args=[key]))
    assert create.status_code == 200
    assert "---------" not in _text(create)  # drop-downs open on words, not dashes
    assert 'name="lock_version"' in _text(client.get(reverse("manage:record_edit", args=[key, record.pk])))
    assert "Change history" in _text(client.get(reverse("manage:record_detail", args=[key, record.pk])))
    assert RECORD_TYPES[key].model is type(record)


@pytest.mark.parametrize("key", ["controllers", "subject-groups", "legislation", "recipients", "retention-rules"])
def test_it_starts_each_form_with_the_record_and_leaves_the_internal_note_for_last(sign_in, alice, key):
    page = _text(sign_in(alice).get(reverse("manage:record_create", args=[key])))
    fields = [name for name in re.findall(r'<(?:input|select|textarea)[^>]* name="(\w+)"', page)
              if name not in ("csrfmiddlewaretoken", "lock_version", "q") and not name.endswith("__find")]
    assert fields[0] != "note"
    assert fields[-1] == "note"


def test_it_styles_web_address_and_number_inputs_like_the_other_inputs(sign_in, alice):
    client = sign_in(alice)
    controller_form = _text(client.get(reverse("manage:record_create", args=["controllers"])))
    rule_form = _text(client.get(reverse("manage:record_create", args=["retention-rules"])))
    assert re.search(r'<input type="url" name="website"[^>]* class="govuk-input"', controller_form)
    assert re.search(r'<input type="number" name="period_number"[^>]* class="govuk-input govuk-input--width-5"',
                     rule_form)


def test_it_opens_drop_downs_on_words(sign_in, alice):
    from tests.factories import ControllerFactory

    ControllerFactory(organisation=alice.memberships.first().organisation)
    client = sign_in(alice)
    service_form = _text(client.get(reverse("manage:record_create", args=["services"])))
    recipient_form = _text(client.get(reverse("manage:record_create", args=["recipients"])))
    # A service's controller is one of a register that can be long: radios, none chosen until the officer does.
    assert re.search(r'<input\s+type="radio"\s+name="controller"', service_form)
    assert not re.search(r'name="controller"[^>]*checked', service_form)
    assert re.search(r'<select name="safeguard"[^>]*>\s*<option value="" selected>None</option>', recipient_form)


def test_it_accepts_only_web_addresses_that_a_browser_opens(sign_in, alice):
    client = sign_in(alice)
    data = {"title": "Children Act 1989", "url": "ftp://example.org/act"}
    page = _text(client.post(reverse("manage:record_create", args=["legislation"]), data))
    assert '<a href="#id_url">Enter a web address starting with https://</a>' in page
    client.post(reverse("manage:record_create", args=["legislation"]),
                {**data, "url": "https://www.legislation.gov.uk/ukpga/1989/41"})
    assert Legislation.objects.get(title="Children Act 1989").url.startswith("https://")


def test_it_names_what_is_missing_in_each_required_field(sign_in, alice):
    page = _text(sign_in(alice).post(reverse("manage:record_create", args=["services"]), {"name": ""}))
    assert '<a href="#id_name">Enter the name</a>' in page
    assert '<a href="#id_controller">Choose the controller</a>' in page
    assert "This field is required." not in page
