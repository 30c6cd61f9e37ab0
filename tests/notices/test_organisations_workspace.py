"""Notices in the workspace belong to one organisation: its builder offers only its records, its dashboard,
review, export and audit trail show only its notices, and portal administrators manage organisations and
their staff in /manage/."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.actions import audit_record
from accounts.models import Membership, Organisation
from tests.factories import NoticeFactory, OrganisationFactory, PurposeFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def trust(db):
    return OrganisationFactory(name="Felpersham Trust", slug="felpersham")


def test_it_offers_only_the_notices_organisations_records(officer, trust):
    notice = NoticeFactory(purposes=[])
    PurposeFactory(name="Our courts purpose")
    PurposeFactory(name="Their courts purpose", organisation=trust)

    page = officer.get(reverse("manage:notice_relation", args=[notice.pk, "purposes"])).content.decode()

    assert "Our courts purpose" in page and "Their courts purpose" not in page


def test_it_ignores_another_organisations_record_posted_into_a_notice(officer, trust):
    notice = NoticeFactory(purposes=[])
    theirs = PurposeFactory(name="Their purpose", organisation=trust)

    officer.post(reverse("manage:notice_relation", args=[notice.pk, "purposes"]),
                 {"lock_version": notice.lock_version, "chosen": [theirs.pk], "shown": [theirs.pk]})

    assert not notice.purposes.exists()


def test_it_shows_each_dpo_only_their_organisations_reviews(alice, bob, dpo, trust, django_user_model, sign_in):
    from notices import actions

    ours, theirs = NoticeFactory(title="Our notice"), NoticeFactory(title="Their notice", organisation=trust)
    their_officer = django_user_model.objects.create_user("tom", is_staff=True)
    member(their_officer, trust)
    actions.version_submit(actor=alice, version=ours.versions.get(), change_summary="x")
    actions.version_submit(actor=their_officer, version=theirs.versions.get(), change_summary="x")

    dashboard = dpo.get(reverse("manage:dashboard")).content.decode()

    assert "Our notice version 1" in dashboard and "Their notice" not in dashboard
    assert dpo.get(reverse("manage:notice_review", args=[theirs.pk])).status_code == 404


def test_it_exports_only_the_dpos_organisations_notices(dpo, trust):
    from tests.factories import ControllerFactory

    theirs = ControllerFactory(name="Their trust", organisation=trust)

    page = dpo.get(reverse("manage:export")).content.decode()
    refused = dpo.post(reverse("manage:export"), {"scope": "controller", "controller": theirs.pk})

    assert "Their trust" not in page
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()


def test_it_shows_a_dpo_only_their_organisations_audit_trail(dpo, trust, alice, django_user_model):
    outsider = django_user_model.objects.create_user("outsider")
    member(outsider, trust)
    audit_record(actor=alice, action="notice_published", target="Our notice", organisation=Organisation.objects.get(
        slug="borsetshire"))
    audit_record(actor=outsider, action="notice_published", target="Their notice", organisation=trust)
    audit_record(actor=outsider, action="sign_in", target="outsider")

    page = dpo.get(reverse("accounts:audit_list")).content.decode()

    assert "Our notice" in page
    assert "Their notice" not in page and "outsider" not in page


def test_it_lets_a_portal_administrator_add_an_organisation_and_its_staff(charlie, sign_in, django_user_model):
    admin = sign_in(charlie, client=Client())
    newcomer = django_user_model.objects.create_user("nina")

    created = admin.post(reverse("manage:organisations"), {"name": "Felpersham Trust", "slug": "felpersham"})
    joined = admin.post(reverse("manage:organisation", args=["felpersham"]), {"user": newcomer.pk, "role": "dpo"})

    assert created["Location"] == reverse("manage:organisation", args=["felpersham"])
    assert joined.status_code == 302
    membership = Membership.objects.get(user=newcomer)
    assert (membership.organisation.name, membership.role) == ("Felpersham Trust", "dpo")
    newcomer.refresh_from_db()
    assert newcomer.is_staff
    page = admin.get(reverse("manage:organisation", args=["felpersham"])).content.decode()
    assert "nina" in page and "DPO" in page
    admin.post(reverse("manage:membership_remove", args=["felpersham", membership.pk]))
    assert not Membership.objects.filter(user=newcomer).exists()


def test_it_keeps_organisation_pages_from_everyone_but_administrators(officer, dpo):
    assert officer.get(reverse("manage:organisations")).status_code == 403
    assert dpo.post(reverse("manage:organisations"), {"name": "X", "slug": "x"}).status_code == 403
    assert not Organisation.objects.filter(slug="x").exists()


def test_it_lists_organisations_with_their_notices_on_the_home_page_and_their_own_page(client, publish, trust):
    ours = NoticeFactory(title="Family support")
    publish(ours)
    NoticeFactory(title="Their draft", organisation=trust)

    home = client.get("/").content.decode()
    ours_page = client.get(reverse("public:organisation", args=["borsetshire"])).content.decode()
    theirs_page = client.get(reverse("public:organisation", args=["felpersham"])).content.decode()

    assert "Borsetshire County Council" in home and "Felpersham Trust" in home
    assert 'href="/organisations/borsetshire/"' in home
    assert "Family support" in ours_page and f'href="/notices/{ours.slug}/"' in ours_page
    assert "Their draft" not in theirs_page
    assert "No privacy notice is published for this organisation yet." in theirs_page
    assert client.get(reverse("public:organisation", args=["nobody"])).status_code == 404
    # The published address is as it was.
    assert client.get(f"/notices/{ours.slug}/").status_code == 200
    assert client.get(f"/notices/{ours.slug}/v1/").status_code == 200


def test_it_shows_each_button_exactly_to_those_the_action_allows(officer, dpo, publish):
    """The page asks the same `can` the views and actions do: a DPO is offered no edits, an IG officer no
    withdrawal."""
    notice = NoticeFactory()
    url = reverse("manage:notice", args=[notice.pk])
    assert "Submit for review" in officer.get(url).content.decode()
    assert "Submit for review" not in dpo.get(url).content.decode()
    publish(notice)

    as_officer, as_dpo = officer.get(url).content.decode(), dpo.get(url).content.decode()

    assert "Change<span" in as_officer and "Copy into a new draft" in as_officer
    assert "Withdraw the notice" not in as_officer
    assert "Change<span" not in as_dpo and "Copy into a new draft" not in as_dpo
    assert "Withdraw the notice" in as_dpo
