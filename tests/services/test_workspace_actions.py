"""record_create / record_update / record_retire: one implementation for every register type."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from services import actions
from services.models import DataCategory, Purpose, Service, Source
from tests.factories import (
    ControllerFactory,
    DataCategoryFactory,
    LegislationFactory,
    OrganisationFactory,
    PurposeFactory,
    RecipientFactory,
    ServiceFactory,
    SourceFactory,
    default_organisation,
    member,
)

pytestmark = pytest.mark.django_db


def test_it_creates_a_record_with_its_relations_in_one_history_row(alice, bases):
    law = LegislationFactory()
    purpose = actions.record_create(
        actor=alice, model=Purpose, fields={"name": "Child protection", "art6_basis": bases["art6_1_e"]},
        relations={"legislation": [law]}, organisation=default_organisation(),
    )
    row = purpose.history.get()
    assert row.history_user == alice
    assert [m.legislation_id for m in row.legislation.all()] == [law.pk]


def test_it_updates_a_record_and_moves_its_lock_version_on(alice):
    source = SourceFactory(name="GP")
    updated = actions.record_update(actor=alice, record=source, lock_version=1, fields={"name": "Your GP"})
    assert (updated.name, updated.lock_version, updated.history.count()) == ("Your GP", 2, 2)


def test_it_refuses_an_update_based_on_an_old_lock_version(alice):
    source = SourceFactory(name="GP")
    actions.record_update(actor=alice, record=source, lock_version=1, fields={"name": "Your GP"})
    with pytest.raises(actions.RecordConflict, match="changed by someone else") as refused:
        actions.record_update(actor=alice, record=source, lock_version=1, fields={"name": "Doctor"})
    assert refused.value.current.name == "Your GP"
    assert Source.objects.get().name == "Your GP"


def test_it_applies_the_models_own_rules(alice):
    recipient = RecipientFactory()
    with pytest.raises(ValidationError, match="outside the UK"):
        actions.record_update(actor=alice, record=recipient, lock_version=1, fields={"transfer_country": "USA"})


def test_it_retires_a_record_and_keeps_it(alice):
    source = actions.record_retire(actor=alice, record=SourceFactory(), lock_version=1)
    assert source.retired and Source.objects.filter(pk=source.pk).exists()


@pytest.mark.parametrize("who", ["bob", "dave"])
def test_it_refuses_register_changes_to_anyone_but_an_ig_officer(request, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied, match="Only IG officers of Borsetshire County Council can change its"):
        actions.record_create(actor=actor, model=Source, fields={"name": "Police"}, organisation=default_organisation())
    with pytest.raises(PermissionDenied):
        actions.record_retire(actor=actor, record=SourceFactory(), lock_version=1)


def test_it_refuses_an_ig_officer_of_another_organisation(django_user_model):
    stranger = django_user_model.objects.create_user("stranger", is_staff=True)
    member(stranger, OrganisationFactory(name="Felpersham Trust"))
    source = SourceFactory(name="GP")

    with pytest.raises(PermissionDenied, match="Only IG officers of Borsetshire County Council"):
        actions.record_update(actor=stranger, record=source, lock_version=1, fields={"name": "Their GP"})
    assert Source.objects.get().name == "GP"


def test_it_refuses_a_link_to_another_organisations_record(alice):
    theirs = DataCategoryFactory(organisation=OrganisationFactory(), name="Ethnicity")

    with pytest.raises(ValidationError, match="belongs to another organisation's register"):
        actions.record_create(actor=alice, model=Purpose, fields={"name": "Equality monitoring"},
                              relations={"data_categories": [theirs]}, organisation=default_organisation())
    with pytest.raises(ValidationError, match="belongs to another organisation's register"):
        their_controller = ControllerFactory(organisation=theirs.organisation)
        actions.record_create(actor=alice, model=Service, organisation=default_organisation(),
                              fields={"name": "Hubs", "slug": "hubs", "controller": their_controller,
                                      "role": "controller"})


def test_it_says_a_name_is_taken_in_this_organisation_but_not_in_another(alice):
    SourceFactory(name="Courts")
    SourceFactory(name="Courts", organisation=OrganisationFactory(name="Felpersham Trust"))

    with pytest.raises(ValidationError, match="already exists in Borsetshire County Council's register"):
        actions.record_create(actor=alice, model=Source, fields={"name": "Courts"}, organisation=default_organisation())
    assert Source.objects.filter(name="Courts").count() == 2


def test_it_copies_a_record_into_another_organisation_independently(alice):
    other = OrganisationFactory(name="Felpersham Trust")
    member(alice, other)
    health = DataCategoryFactory(name="Health", kind=DataCategory.Kind.SPECIAL)
    DataCategoryFactory(name="Health", organisation=other, description="Theirs already")
    purpose = PurposeFactory(name="Care", description="Our words")
    purpose.data_categories.add(health, DataCategoryFactory(name="Only ours"))

    copy = actions.record_copy(actor=alice, record=purpose, organisation=other)

    assert (copy.organisation, copy.name, copy.description) == (other, "Care", "Our words")
    # Links go to the other organisation's own record of the same name; one it lacks is left out.
    assert list(copy.data_categories.values_list("organisation__name", "description")) == [
        ("Felpersham Trust", "Theirs already")]
    assert list(copy.legislation.all()) == list(purpose.legislation.all())
    actions.record_update(actor=alice, record=copy, lock_version=copy.lock_version, fields={"description": "New"})
    purpose.refresh_from_db()
    assert purpose.description == "Our words"
    assert "Copied from Borsetshire County Council" in copy.history.earliest("history_date").history_change_reason


def test_it_refuses_to_copy_for_someone_who_is_not_ig_officer_there(alice):
    other = OrganisationFactory()
    member(alice, other, "dpo")

    with pytest.raises(PermissionDenied):
        actions.record_copy(actor=alice, record=SourceFactory(), organisation=other)


def test_it_copies_a_service_only_once_its_controller_is_there(alice):
    other = OrganisationFactory(name="Felpersham Trust")
    member(alice, other)
    service = ServiceFactory(name="Hubs")

    with pytest.raises(ValidationError, match="Felpersham Trust has no controller called"):
        actions.record_copy(actor=alice, record=service, organisation=other)
    actions.record_copy(actor=alice, record=service.controller, organisation=other)
    assert actions.record_copy(actor=alice, record=service, organisation=other).controller.organisation == other
