"""The register in the workspace belongs to the organisation the user is working in: lists, pickers and
new records are that organisation's; another organisation's record is a 404; a name is unique within an
organisation, and the form says so."""

import pytest
from django.test import Client
from django.urls import reverse

from services.models import Source
from tests.factories import (
    ControllerFactory,
    DataCategoryFactory,
    OrganisationFactory,
    SourceFactory,
    default_organisation,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def trust(db):
    return OrganisationFactory(name="Felpersham Trust", slug="felpersham")


@pytest.fixture
def shared(django_user_model, sign_in, trust):
    """Sam, IG officer of both the default organisation and the trust, signed in."""
    sam = django_user_model.objects.create_user("sam", is_staff=True)
    member(sam)
    member(sam, trust)
    return sign_in(sam, client=Client())


def _switch(client, organisation):
    return client.post(reverse("manage:organisation_switch"), {"organisation": organisation.pk})


def test_it_lists_only_the_current_organisations_records(shared, trust):
    SourceFactory(name="Schools")
    SourceFactory(name="Hospital wards", organisation=trust)
    url = reverse("manage:record_list", args=["sources"])

    first = shared.get(url).content.decode()
    assert "Schools" in first and "Hospital wards" not in first
    assert _switch(shared, trust).status_code == 302
    second = shared.get(url).content.decode()
    assert "Hospital wards" in second and "Schools" not in second
    assert "Felpersham Trust" in second


def test_it_puts_a_new_record_in_the_current_organisation(shared, trust):
    _switch(shared, trust)

    response = shared.post(reverse("manage:record_create", args=["sources"]), {"name": "GPs", "kind": "category"})

    assert response.status_code == 302
    assert Source.objects.get(name="GPs").organisation == trust


def test_it_answers_404_for_another_organisations_record(officer, trust):
    theirs = SourceFactory(name="Hospital wards", organisation=trust)

    for name in ("record_detail", "record_edit"):
        assert officer.get(reverse(f"manage:{name}", args=["sources", theirs.pk])).status_code == 404
    assert officer.post(reverse("manage:record_retire", args=["sources", theirs.pk]),
                        {"lock_version": 1}).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.retired


def test_it_refuses_a_switch_to_an_organisation_the_user_is_not_in(officer, trust):
    assert _switch(officer, trust).status_code == 404
    assert "Felpersham" not in officer.get(reverse("manage:record_list", args=["sources"])).content.decode()


def test_it_says_a_name_is_already_taken_in_this_organisation(officer, trust):
    SourceFactory(name="Courts")
    SourceFactory(name="Police", organisation=trust)
    url = reverse("manage:record_create", args=["sources"])

    taken = officer.post(url, {"name": "Courts", "kind": "category"})
    free_here = officer.post(url, {"name": "Police", "kind": "category"})

    assert taken.status_code == 200
    assert ("Source with the name “Courts” already exists in Borsetshire County Council&#x27;s register"
            in taken.content.decode())
    assert free_here.status_code == 302
    assert Source.objects.filter(name="Police").count() == 2


def test_it_offers_only_the_organisations_own_records_in_a_records_pickers(officer, trust):
    DataCategoryFactory(name="Our health data")
    DataCategoryFactory(name="Their health data", organisation=trust)
    ControllerFactory(name="Their trust", organisation=trust)

    purpose_form = officer.get(reverse("manage:record_create", args=["purposes"])).content.decode()
    service_form = officer.get(reverse("manage:record_create", args=["services"])).content.decode()

    assert "Our health data" in purpose_form and "Their health data" not in purpose_form
    assert "Their trust" not in service_form


def test_it_copies_a_record_into_the_users_other_organisation(shared, trust):
    schools = SourceFactory(name="Schools", description="Our words")
    detail = shared.get(reverse("manage:record_detail", args=["sources", schools.pk])).content.decode()
    assert "Copy into another organisation" in detail

    response = shared.post(reverse("manage:record_copy", args=["sources", schools.pk]), {"organisation": trust.pk})

    copy = Source.objects.get(organisation=trust, name="Schools")
    assert response["Location"] == reverse("manage:record_detail", args=["sources", copy.pk])
    assert copy.description == "Our words" and copy.pk != schools.pk
    # The copy is where the officer now works.
    assert "Felpersham Trust" in shared.get(reverse("manage:register")).content.decode()


def test_it_offers_no_copy_to_someone_in_one_organisation(officer):
    schools = SourceFactory(name="Schools")

    assert "Copy into another organisation" not in officer.get(
        reverse("manage:record_detail", args=["sources", schools.pk])).content.decode()
    assert default_organisation().name == "Borsetshire County Council"
