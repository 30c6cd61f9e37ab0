"""The SQL that makes a table append-only (exercised against PostgreSQL in test_audit.py)."""

import pytest
from django.db import connection

from accounts.db import append_only_apply, append_only_sql, history_tables


def test_it_writes_a_self_contained_trigger_for_one_table():
    sql = append_only_sql("notices_publication")

    assert "CREATE OR REPLACE FUNCTION portal_refuse_rewrite()" in sql
    assert 'DROP TRIGGER IF EXISTS portal_append_only ON "notices_publication";' in sql
    assert 'BEFORE UPDATE OR DELETE ON "notices_publication" FOR EACH ROW' in sql


@pytest.mark.parametrize("name", ['x"; DROP TABLE y; --', "", "a b", "1abc"])
def test_it_refuses_anything_but_a_plain_table_name(name):
    with pytest.raises(ValueError):
        append_only_sql(name)


def test_it_finds_the_history_tables():
    from django.apps import apps

    tables = history_tables(apps.get_models())

    assert "services_historicalpurpose" in tables
    assert "services_historicalpurpose_legislation" in tables
    assert "services_purpose" not in tables


def test_it_protects_tables_on_postgresql_only(db):
    expected = ["accounts_auditevent"] if connection.vendor == "postgresql" else []

    assert append_only_apply(connection, ["accounts_auditevent"]) == expected
