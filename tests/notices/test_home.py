"""The public home page: every organisation with its services, inside the portal's GOV.UK layout."""

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.test import RequestFactory

from tests.factories import NoticeFactory, OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_it_lists_each_organisation_with_its_services(client, publish):
    # The public sees a service once a published notice names it (the default organisation's name).
    notice = NoticeFactory()
    notice.services.add(ServiceFactory(name="Family support"))
    publish(notice)
    OrganisationFactory(name="Borchester NHS Trust")

    page = client.get("/").content.decode()

    assert '<h1 class="govuk-heading-xl">Privacy notices</h1>' in page
    assert "Borsetshire County Council" in page
    assert "Family support" in page
    assert "Borchester NHS Trust" in page
    assert "No privacy notice is published for this organisation yet." in page


def test_it_leaves_out_retired_services_and_says_when_there_is_nothing_yet(client):
    assert "No privacy notices are published yet." in client.get("/").content.decode()
    ServiceFactory(name="Closed clinic", retired=True)

    page = client.get("/").content.decode()

    assert "Borsetshire County Council" in page
    assert "Closed clinic" not in page


def test_it_names_the_portal_as_the_deployment_configures_it(client, settings):
    settings.PORTAL_NAME = "Borsetshire privacy notices"

    page = client.get("/").content.decode()

    assert "<title>Privacy notices – Borsetshire privacy notices</title>" in page
    assert 'portal-header__name">Borsetshire privacy notices</a>' in page


def test_it_offers_staff_a_way_in(client):
    page = client.get("/").content.decode()

    assert '<a class="govuk-service-navigation__link" href="/manage/">Manage notices (staff)</a>' in page
    assert "Sign out" not in page


def test_it_is_the_same_page_for_signed_in_staff_so_it_can_be_cached_for_everyone(client, sign_in, alice):
    anonymous = client.get("/").content

    sign_in(alice)

    assert client.get("/").content == anonymous
    assert "Sign out" in client.get("/manage/").content.decode()


def test_it_carries_no_gov_uk_crown_or_typeface(client):
    page = client.get("/").content.decode()

    assert "govuk-logo" not in page
    assert "Crown copyright" not in page
    assert "GDS Transport" not in page


def _render_with_message(level: int, text: str) -> str:
    request = RequestFactory().get("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(level, text)
    return render_to_string("base.html", request=request)


def test_it_shows_a_success_message_as_a_success_banner():
    page = _render_with_message(message_levels.SUCCESS, "Notice published")

    assert 'class="govuk-notification-banner govuk-notification-banner--success" role="alert"' in page
    assert "Success" in page
    assert '<p class="govuk-notification-banner__heading">Notice published</p>' in page


def test_it_shows_other_messages_as_an_important_banner():
    page = _render_with_message(message_levels.INFO, "Your changes are saved as a draft")

    assert 'class="govuk-notification-banner" role="region"' in page
    assert "Important" in page
    assert "Your changes are saved as a draft" in page
