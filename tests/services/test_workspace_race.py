"""Two people save the same record at the same moment: one save wins, the other is refused, and the
history has one row per real save. Needs PostgreSQL (row locks); SQLite serialises whole-database writes."""

import threading

import pytest
from django.db import connection

from services import actions
from tests.factories import RecipientFactory


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_it_lets_one_of_two_racing_saves_through_and_refuses_the_other(alice):
    recipient = RecipientFactory(name="Police")
    loaded = recipient.lock_version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(why: str) -> None:
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            actions.record_update(actor=alice, record=recipient, lock_version=loaded, fields={"why_shared": why})
            outcomes.append("saved")
        except actions.RecordConflict:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(why,)) for why in ("Crime", "Safeguarding")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "saved"]
    recipient.refresh_from_db()
    assert recipient.lock_version == loaded + 1
    assert recipient.history.count() == 2  # created, then the one real save
