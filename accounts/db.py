"""Append-only tables, enforced by PostgreSQL itself.

`append_only_sql(table)` is the SQL that makes one table refuse UPDATE and DELETE; use
`append_only_operation("some_table")` in a migration to apply it (a no-op on SQLite, which the
development server and part of CI run on).

What this protects against: the application, a bug, or an injected statement rewriting or deleting
past rows. It does not stop TRUNCATE (row triggers do not fire on it, which is what lets Django's test
runner empty tables between tests) nor a database owner who drops the trigger. In production the portal
serves as a role that owns nothing and has no TRUNCATE (operations/roles.py, `manage.py grant_serving_role`).
"""

import re

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, connections, migrations

FUNCTION_NAME = "portal_refuse_rewrite"
TRIGGER_NAME = "portal_append_only"
AUDIT_TABLE = "accounts_auditevent"

_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION_NAME}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % refused: rows in this table are append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'raise_exception';
END;
$$;
"""

# PostgreSQL identifiers as Django generates them; anything else is refused rather than quoted, since
# the name is spliced into SQL.
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


def _quoted(table: str) -> str:
    if not _IDENTIFIER.fullmatch(table):
        raise ValueError(f"Not a plain table name: {table!r}")
    return f'"{table}"'


def append_only_sql(table: str) -> str:
    """PostgreSQL that makes `table` refuse UPDATE and DELETE of any row.

    Self-contained and idempotent: creates (or replaces) the shared trigger function, then (re)creates
    the trigger on the table.
    """
    quoted = _quoted(table)
    return (
        _FUNCTION_SQL
        + f"DROP TRIGGER IF EXISTS {TRIGGER_NAME} ON {quoted};\n"
        + f"CREATE TRIGGER {TRIGGER_NAME} BEFORE UPDATE OR DELETE ON {quoted} "
        + f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION_NAME}();\n"
    )


def append_only_reverse_sql(table: str) -> str:
    """PostgreSQL that lets `table` be changed again (for reversing a migration)."""
    return f"DROP TRIGGER IF EXISTS {TRIGGER_NAME} ON {_quoted(table)};\n"


def append_only_apply(connection, tables, *, reverse: bool = False) -> list[str]:
    """Protect (or with reverse=True, unprotect) `tables` on a PostgreSQL connection; elsewhere do nothing.

    Returns the tables it changed.
    """
    if connection.vendor != "postgresql":
        return []
    make_sql = append_only_reverse_sql if reverse else append_only_sql
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(make_sql(table))
    return list(tables)


def append_only_operation(*tables: str) -> migrations.RunPython:
    """A migration operation making `tables` append-only on PostgreSQL, reversibly:

        operations = [append_only_operation("notices_publication")]
    """

    def forward(apps, schema_editor):
        append_only_apply(schema_editor.connection, tables)

    def backward(apps, schema_editor):
        append_only_apply(schema_editor.connection, tables, reverse=True)

    return migrations.RunPython(forward, backward, elidable=False)


def history_tables(models) -> list[str]:
    """The tables of django-simple-history's Historical* models (including its many-to-many ones)."""
    return sorted(
        model._meta.db_table
        for model in models
        if model.__name__.startswith("Historical") and model._meta.managed and not model._meta.proxy
    )


def append_only_protect_all(connection, apps, *, reverse: bool = False) -> list[str]:
    """Make the audit table and every history table in `apps` that exists append-only (or, with
    reverse=True, changeable again) on a PostgreSQL connection. Returns the tables changed."""
    if connection.vendor != "postgresql":
        return []
    existing = set(connection.introspection.table_names())
    tables = [table for table in [AUDIT_TABLE, *history_tables(apps.get_models())] if table in existing]
    return append_only_apply(connection, tables, reverse=reverse)


def append_only_protect_history(sender=None, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> list[str]:
    """post_migrate receiver: the audit table and every history table refuse UPDATE and DELETE.

    Runs after every migrate rather than only in a migration, so history tables that other apps add in
    later migrations are covered without anyone remembering to.
    """
    return append_only_protect_all(connections[using], apps)
