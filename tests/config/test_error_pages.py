"""Django's error pages in the portal's GOV.UK layout."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import permission_denied

pytestmark = pytest.mark.django_db


def test_it_explains_a_missing_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "govuk-frontend.min.css" in page


def test_it_explains_a_request_it_cannot_understand(client):
    # A Host header the portal does not serve is refused with 400 before any view runs.
    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert "Sorry, there is a problem with your request" in response.content.decode()


def test_it_asks_the_public_to_sign_in_when_a_page_is_refused():
    request = RequestFactory().get("/manage/")
    request.user = AnonymousUser()

    response = permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot see this page" in page
    assert 'href="/accounts/login/">sign in</a>' in page


def test_it_tells_signed_in_staff_their_account_lacks_permission(dave):
    request = RequestFactory().get("/manage/")
    request.user = dave

    page = permission_denied(request, PermissionDenied()).content.decode()

    assert "Your account does not have permission to see this page." in page


def test_it_renders_the_server_error_page_without_a_request():
    # Django renders 500.html with an empty context; it must not depend on anything that might be broken.
    page = render_to_string("500.html")

    assert "Sorry, there is a problem with the service" in page
    assert "/static/govuk/govuk-frontend.min.css" in page
    assert 'href="/accessibility/"' in page
