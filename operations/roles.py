"""The PostgreSQL role the portal serves as: it can read and write, and can rewrite nothing append-only.

Migrations run as the role that owns the tables. The serving role owns nothing, so it cannot drop or
disable the append-only triggers (accounts/db.py), and it is given neither TRUNCATE nor, on the tables
those triggers guard, UPDATE or DELETE: a stolen web credential cannot quietly rewrite the audit trail,
the change history or a published notice, even with raw SQL.
"""

from dataclasses import dataclass

from psycopg2 import sql

from accounts.db import TRIGGER_NAME


class RoleError(Exception):
    """The role cannot be made a least-privileged serving role; the message says why."""


@dataclass(frozen=True)
class Grants:
    role: str
    read_write: list[str]
    append_only: list[str]


_TABLES = """
SELECT c.relname,
       EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = %s) AS append_only
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
ORDER BY c.relname
"""
# Tables Django's migrate writes; the serving role only reads them.
_MIGRATE_ONLY = {"django_migrations"}


def _role_attributes(cursor, role: str) -> tuple | None:
    cursor.execute("SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = %s", [role])
    return cursor.fetchone()


def _refuse_powerful(cursor, role: str) -> None:
    attributes = _role_attributes(cursor, role)
    if attributes and any(attributes):
        raise RoleError(f"The role {role!r} is a superuser or can create roles, databases or bypass row security.")
    cursor.execute(
        "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = current_schema() "
        "AND pg_has_role(%s, tableowner, 'USAGE')",
        [role],
    )
    owners = [row[0] for row in cursor.fetchall()]
    if owners:
        raise RoleError(f"The role {role!r} owns the tables, or is a member of {', '.join(owners)} who does.")


def serving_role_grant(connection, *, role: str, password: str | None = None) -> Grants:
    """Create (if need be) and grant the serving role on `connection`'s database, as the tables' owner.

    Idempotent: run it after every migrate, so tables added since are covered. Privileges granted
    earlier are revoked first, so the result is the same whatever the role had before.
    """
    if connection.vendor != "postgresql":
        raise RoleError("Database roles exist on PostgreSQL only.")
    role_name = sql.Identifier(role)
    with connection.cursor() as cursor:
        if cursor.connection.info.user == role:
            raise RoleError(f"The role {role!r} is the one running this command, which owns the tables.")
        if _role_attributes(cursor, role) is None:
            cursor.execute(sql.SQL("CREATE ROLE {} LOGIN NOINHERIT").format(role_name).as_string(cursor.connection))
        _refuse_powerful(cursor, role)
        if password:
            cursor.execute(sql.SQL("ALTER ROLE {} PASSWORD %s").format(role_name).as_string(cursor.connection),
                           [password])
        cursor.execute(_TABLES, [TRIGGER_NAME])
        tables = cursor.fetchall()
        for statement in _grant_statements(cursor.connection.info.dbname, role, tables):
            cursor.execute(statement.as_string(cursor.connection))
    return Grants(
        role=role,
        read_write=[name for name, append_only in tables if not append_only and name not in _MIGRATE_ONLY],
        append_only=[name for name, append_only in tables if append_only],
    )


def _grant_statements(database: str, role: str, tables: list[tuple[str, bool]]) -> list[sql.Composed]:
    role_name = sql.Identifier(role)
    statements = [
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), role_name),
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.SQL("public"), role_name),
        sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(role_name),
        sql.SQL("GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO {}").format(role_name),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(role_name),
    ]
    writable = [name for name, append_only in tables if not append_only and name not in _MIGRATE_ONLY]
    if writable:
        statements.append(
            sql.SQL("GRANT UPDATE, DELETE ON {} TO {}").format(
                sql.SQL(", ").join(sql.Identifier(name) for name in writable), role_name
            )
        )
    statements.append(sql.SQL("REVOKE INSERT ON {} FROM {}").format(sql.Identifier("django_migrations"), role_name))
    return statements
