"""Issue 19 point 2: a field that chooses one record of a long table (a party's service and organisation, a
notice's controller and the notice it sits under) lists the one chosen and a page of a search as radios, never
the whole table; the Find button reaches the rest without JavaScript, and nothing outside the organisation's
own records is accepted."""

import re

import pytest
from django.urls import reverse

from services.models import ServiceParty
from services.selectors import PICKER_PAGE
from tests.factories import ControllerFactory, NoticeFactory, OrganisationFactory, ServiceFactory, ServicePartyFactory

pytestmark = pytest.mark.django_db

MANY = PICKER_PAGE * 3


def _radios(page: str, name: str) -> list[str]:
    return re.findall(rf'<input\s+type="radio"\s+name="{name}"[^>]*>', page)


def _checked(page: str, name: str) -> list[str]:
    return [re.search(r'value="([^"]*)"', r).group(1) for r in _radios(page, name) if "checked" in r]


@pytest.fixture
def services(db):
    return [ServiceFactory(name=f"Service {n:03d}") for n in range(MANY)]


def test_a_party_form_lists_the_chosen_service_and_a_page_of_the_rest(officer, services):
    party = ServicePartyFactory(service=services[-1], body=services[-1].controller)
    page = officer.get(reverse("manage:record_edit", args=["parties", party.pk])).content.decode()

    assert len(_radios(page, "service")) == PICKER_PAGE + 1 < MANY
    assert len(_radios(page, "body")) == PICKER_PAGE + 1 < MANY
    assert _checked(page, "service") == [str(services[-1].pk)] and _checked(page, "body") == [str(party.body_id)]
    assert f"Service {MANY - 1:03d}" in page and "Service 040" not in page
    assert 'data-record-picker="service" data-url="/manage/register/services/find/?organisation=' in page


def test_without_javascript_a_party_form_finds_a_service_beyond_the_first_page_and_saves_it(officer, services):
    party = ServicePartyFactory(service=services[0], body=services[0].controller)
    url = reverse("manage:record_edit", args=["parties", party.pk])
    typed = {"service": services[0].pk, "body": party.body_id, "role": "partner", "order": 1,
             "lock_version": party.lock_version}

    found = officer.post(url, {**typed, "_find": "service", "service__find": "Service 05"})

    page = found.content.decode()
    assert found.status_code == 200 and "There is a problem" not in page
    assert "Service 050" in page and "Service 059" in page and "10 more found for “Service 05”" in page
    party.refresh_from_db()
    assert party.service == services[0]

    saved = officer.post(url, {**typed, "service": services[55].pk})

    assert saved.status_code == 302
    party.refresh_from_db()
    assert party.service == services[55]


def test_a_party_form_refuses_another_organisations_service(officer, services):
    theirs = ServiceFactory(name="Their service", organisation=OrganisationFactory(name="Other", slug="other"))
    response = officer.post(reverse("manage:record_create", args=["parties"]),
                            {"service": theirs.pk, "body": services[0].controller_id, "role": "partner", "order": 1})

    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not ServiceParty.objects.filter(service=theirs).exists()


def test_the_about_page_lists_a_page_of_controllers_and_notices_to_sit_under(officer):
    controllers = [ControllerFactory(name=f"Controller {n:03d}") for n in range(MANY)]
    notice = NoticeFactory(title="Young carers", controller=controllers[-1])
    for n in range(MANY):
        NoticeFactory(title=f"Notice {n:03d}", controller=controllers[0])

    page = officer.get(reverse("manage:notice_basics", args=[notice.pk])).content.decode()

    assert len(_radios(page, "controller")) == PICKER_PAGE + 1
    assert _checked(page, "controller") == [str(controllers[-1].pk)]
    # "None" first and checked (it sits under nothing), then a page of the other notices, never itself.
    assert len(_radios(page, "parent")) == PICKER_PAGE + 1 and _checked(page, "parent") == [""]
    assert "None: this notice stands alone" in page and f'value="{notice.pk}"' not in "".join(_radios(page, "parent"))
    # The parent picker has no search address, so its Find box stays when JavaScript hides the others.
    assert 'data-record-picker="parent"' not in page
    assert 'class="govuk-form-group portal-record-finder--searchable"' in page  # the controller's and services'
    assert re.search(r'<div class="govuk-form-group">\s*<label class="govuk-label" for="parent__find">', page)


def test_without_javascript_the_about_page_finds_a_notice_to_sit_under(officer):
    notice = NoticeFactory(title="Young carers")
    wider = [NoticeFactory(title=f"Notice {n:03d}") for n in range(MANY)]
    url = reverse("manage:notice_basics", args=[notice.pk])
    page = officer.get(url).content.decode()
    assert "Notice 055" not in page

    found = officer.post(url, {"_find": "parent", "parent__find": "Notice 055", "title": "Young carers",
                               "controller": notice.controller_id, "lock_version": notice.lock_version})

    radios = _radios(found.content.decode(), "parent")
    assert len(radios) == 2 and f'value="{wider[55].pk}"' in radios[1]
    notice.refresh_from_db()
    assert notice.parent is None and notice.title == "Young carers"


def test_an_error_on_a_list_of_radios_links_to_its_first_radio(officer, services):
    page = officer.post(reverse("manage:record_create", args=["parties"]), {"order": 1}).content.decode()

    links = dict(re.findall(r'<a href="#([^"]+)">([^<]+)</a>', page)[:3])
    assert set(links.values()) >= {"Choose the service", "Choose the organisation"}
    for target in links:
        assert f'id="{target}"' in page, target


def test_the_about_page_refuses_another_organisations_notice_or_controller(officer):
    notice = NoticeFactory(title="Young carers")
    other = OrganisationFactory(name="Other", slug="other")
    theirs = NoticeFactory(title="Their notice", organisation=other, controller=ControllerFactory(organisation=other))
    url = reverse("manage:notice_basics", args=[notice.pk])
    typed = {"title": "Young carers", "lock_version": notice.lock_version}

    as_parent = officer.post(url, {**typed, "controller": notice.controller_id, "parent": theirs.pk})
    as_controller = officer.post(url, {**typed, "controller": theirs.controller_id})

    assert as_parent.status_code == as_controller.status_code == 200
    assert "Select a valid choice" in as_parent.content.decode() + as_controller.content.decode()
    assert "Their notice" not in as_parent.content.decode()
    notice.refresh_from_db()
    assert notice.parent is None and notice.controller != theirs.controller
