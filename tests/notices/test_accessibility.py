"""The accessibility statement: public, reachable from every page, and names whom to contact."""

import pytest

from notices import actions
from tests.factories import ControllerFactory, NoticeFactory

pytestmark = pytest.mark.django_db


def test_it_states_the_standard_the_portal_meets(client):
    response = client.get("/accessibility/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Accessibility statement</h1>' in page
    assert "WCAG) version 2.2" in page
    assert "Equality Advisory and Support Service" in page


def test_it_tells_people_whom_to_contact_about_a_problem(client, publish):
    council = ControllerFactory(name="Borsetshire County Council", dpo_email="dpo@borsetshire.example")
    publish(NoticeFactory(controller=council))
    # A body the council's register names (a partner) is not one of the organisations publishing here.
    ControllerFactory(name="Borsetshire Police", dpo_email="dpo@police.example")

    page = client.get("/accessibility/").content.decode()

    assert "Borsetshire County Council" in page
    assert 'href="mailto:dpo@borsetshire.example"' in page
    assert "Borsetshire Police" not in page


def test_it_names_only_what_published_notices_state(client, publish, bob):
    council = ControllerFactory(name="Borsetshire County Council", dpo_email="dpo@borsetshire.example")
    publish(NoticeFactory(controller=council))
    # A draft never reviewed, and a notice since withdrawn, say nothing to the public.
    NoticeFactory(controller=ControllerFactory(name="Draft Trust", dpo_email="dpo@draft.example"))
    withdrawn = NoticeFactory(controller=ControllerFactory(name="Old Trust", dpo_email="dpo@old.example"))
    publish(withdrawn)
    actions.notice_withdraw(actor=bob, notice=withdrawn, reason="Service closed")
    # An address changed in the register but not yet reviewed and published is not the public's yet.
    council.dpo_email = "unreviewed@borsetshire.example"
    council.save()

    page = client.get("/accessibility/").content.decode()

    assert 'href="mailto:dpo@borsetshire.example"' in page
    assert "unreviewed@" not in page
    for unpublished in ("Draft Trust", "dpo@draft.example", "Old Trust", "dpo@old.example"):
        assert unpublished not in page


def test_it_is_open_to_staff_as_well_as_the_public(client, dave):
    client.force_login(dave)

    assert client.get("/accessibility/").status_code == 200


def test_it_is_linked_from_the_footer_of_every_page(client):
    page = client.get("/").content.decode()

    assert '<a class="govuk-footer__link" href="/accessibility/">Accessibility statement</a>' in page
