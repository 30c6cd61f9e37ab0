"""On PostgreSQL, the database itself refuses to change or delete published versions and the workflow
audit, so not even a bug or a hand-written SQL statement can rewrite what was published.

TRUNCATE (used only by test teardown and deliberate resets) does not fire row triggers.
"""

from django.db import migrations

TABLES = ["notices_publication", "notices_workflowevent", "notices_withdrawal"]

FUNCTION = """
CREATE OR REPLACE FUNCTION portal_refuse_rewrite() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows in % are append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # A raw cursor with no parameters, so the "%" placeholders of RAISE reach PostgreSQL untouched.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FUNCTION)
        for table in TABLES:
            cursor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION portal_refuse_rewrite()"
            )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")


class Migration(migrations.Migration):
    dependencies = [("notices", "0002_initial")]

    operations = [migrations.RunPython(install, remove)]
