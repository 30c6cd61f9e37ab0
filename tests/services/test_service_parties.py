"""The organisations in a service and their parts, kept in the workspace register: added from the service's page,
refused with a message that says what to fix, never another organisation's, and never silently overwritten."""

import html
import re

import pytest
from django.urls import reverse

from services import actions
from services.models import Service, ServiceParty
from tests.factories import ControllerFactory, OrganisationFactory, ServiceFactory, ServicePartyFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _add(client, **data):
    return client.post(reverse("manage:record_create", args=["parties"]), {"order": 1, **data})


def test_it_adds_a_party_from_the_services_page_and_names_it_there(officer):
    service = ServiceFactory(name="Family hubs")
    barnardos = ControllerFactory(name="Barnardo's")
    page = _text(officer.get(reverse("manage:record_detail", args=["services", service.pk])))
    assert "Organisations in this service" in page and "No organisation is recorded for this service yet" in page
    form = officer.get(reverse("manage:record_create", args=["parties"]) + f"?service={service.pk}").content.decode()
    flat = " ".join(form.split())
    assert re.search(rf'type="radio" name="service" class="govuk-radios__input" id="[^"]+" value="{service.pk}" '
                     r'checked="checked" > <label [^>]+> Family hubs', flat)
    response = _add(officer, service=service.pk, body=barnardos.pk, role="partner")
    assert response.status_code == 302
    party = ServiceParty.objects.get(service=service)
    assert (party.body, party.role, party.organisation) == (barnardos, "partner", service.organisation)
    assert party.history.count() == 1
    page = _text(officer.get(reverse("manage:record_detail", args=["services", service.pk])))
    assert "Barnardo's Partner: the service is provided in partnership with it" in page


def test_it_says_what_is_missing_or_wrong(officer):
    service, hcrg = ServiceFactory(), ControllerFactory(name="HCRG Care Services Ltd")
    page = _text(_add(officer))
    assert "Choose the service" in page and "Choose the organisation" in page and "Choose the role" in page
    page = _text(_add(officer, service=service.pk, body=hcrg.pk, role="partner", arrangement="We share records."))
    assert "Only a joint controller has an arrangement to describe" in page
    ServicePartyFactory(service=service, body=hcrg, role="controller")
    page = _text(_add(officer, service=service.pk, body=hcrg.pk, role="controller"))
    assert "This organisation already has that role in this service" in page
    assert ServiceParty.objects.count() == 1


def test_a_service_must_have_its_role_chosen(officer):
    hcrg = ControllerFactory()
    page = _text(officer.post(reverse("manage:record_create", args=["services"]),
                              {"name": "SET CAMHS", "slug": "set-camhs", "controller": hcrg.pk}))
    assert "Choose our role" in page
    assert not Service.objects.filter(slug="set-camhs").exists()


def test_another_organisations_party_service_or_body_is_out_of_reach(officer, alice):
    felpersham = OrganisationFactory(name="Felpersham Trust", slug="felpersham")
    theirs = ServicePartyFactory(organisation=felpersham)
    for name in ("record_detail", "record_edit"):
        assert officer.get(reverse(f"manage:{name}", args=["parties", theirs.pk])).status_code == 404
    assert officer.post(reverse("manage:record_retire", args=["parties", theirs.pk]),
                        {"lock_version": theirs.lock_version}).status_code == 404
    # Their service and organisation are not choices on our form, whatever the address or the post says.
    form = officer.get(reverse("manage:record_create", args=["parties"]) + f"?service={theirs.service.pk}")
    assert theirs.service.name not in form.content.decode() and theirs.body.name not in form.content.decode()
    page = _text(_add(officer, service=theirs.service.pk, body=theirs.body.pk, role="partner"))
    assert "Select a valid choice" in page
    # And the action itself refuses a party whose records belong to another organisation.
    with pytest.raises(actions.ValidationError):
        actions.record_create(actor=alice, model=ServiceParty, organisation=ServiceFactory().organisation,
                              fields={"service": ServiceFactory(), "body": theirs.body, "role": "partner"})


def test_a_change_saved_meanwhile_is_not_overwritten(officer, alice):
    party = ServicePartyFactory(role="joint", arrangement="")
    loaded = party.lock_version
    actions.record_update(actor=alice, record=party, lock_version=loaded,
                          fields={"arrangement": "We answer your requests; they keep the records."})
    response = officer.post(reverse("manage:record_edit", args=["parties", party.pk]), {
        "service": party.service.pk, "body": party.body.pk, "role": "joint", "order": 1,
        "arrangement": "They answer requests.", "lock_version": loaded})
    assert response.status_code == 409
    assert "was changed by someone else while you were editing it" in _text(response)
    party.refresh_from_db()
    assert party.arrangement == "We answer your requests; they keep the records."


def test_the_service_page_flags_a_joint_controller_without_its_arrangement(officer):
    party = ServicePartyFactory(role="joint", arrangement="")
    page = _text(officer.get(reverse("manage:record_detail", args=["services", party.service.pk])))
    assert "Essence of the arrangement not recorded" in page


def test_the_list_of_changes_names_a_party_added_to_a_service():
    from notices.compare import structured_changes
    from notices.document import build_document
    from tests.factories import NoticeFactory

    notice = NoticeFactory()
    service = ServiceFactory(organisation=notice.organisation, name="Family hubs")
    notice.services.add(service)
    before = build_document(notice)
    ServicePartyFactory(service=service, body=ControllerFactory(name="Barnardo's"), role="partner")
    assert "Family hubs: added Barnardo's as partner" in structured_changes(before, build_document(notice))
