"""The accessibility statement: public, reachable from every page, and names whom to contact."""

import pytest

from tests.factories import ControllerFactory, NoticeFactory

pytestmark = pytest.mark.django_db


def test_it_states_the_standard_the_portal_meets(client):
    response = client.get("/accessibility/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Accessibility statement</h1>' in page
    assert "WCAG) version 2.2" in page
    assert "Equality Advisory and Support Service" in page


def test_it_tells_people_whom_to_contact_about_a_problem(client):
    NoticeFactory(controller=ControllerFactory(name="Borsetshire County Council", dpo_email="dpo@borsetshire.example"))
    NoticeFactory(controller=ControllerFactory(name="Old Borsetshire Trust", dpo_email="dpo@old.example", retired=True))
    # A body the council's register names (a partner) is not one of the organisations publishing here.
    ControllerFactory(name="Borsetshire Police", dpo_email="dpo@police.example")

    page = client.get("/accessibility/").content.decode()

    assert "Borsetshire County Council" in page
    assert 'href="mailto:dpo@borsetshire.example"' in page
    assert "dpo@old.example" not in page
    assert "Borsetshire Police" not in page


def test_it_is_open_to_staff_as_well_as_the_public(client, dave):
    client.force_login(dave)

    assert client.get("/accessibility/").status_code == 200


def test_it_is_linked_from_the_footer_of_every_page(client):
    page = client.get("/").content.decode()

    assert '<a class="govuk-footer__link" href="/accessibility/">Accessibility statement</a>' in page
