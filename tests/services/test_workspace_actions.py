"""record_create / record_update / record_retire: one implementation for every register type."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from services import actions
from services.models import Purpose, Source
from tests.factories import LegislationFactory, RecipientFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_it_creates_a_record_with_its_relations_in_one_history_row(alice, bases):
    law = LegislationFactory()
    purpose = actions.record_create(
        actor=alice, model=Purpose, fields={"name": "Child protection", "art6_basis": bases["art6_1_e"]},
        relations={"legislation": [law]},
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
    with pytest.raises(PermissionDenied, match="Only IG officer users can change the register"):
        actions.record_create(actor=actor, model=Source, fields={"name": "Police"})
    with pytest.raises(PermissionDenied):
        actions.record_retire(actor=actor, record=SourceFactory(), lock_version=1)
