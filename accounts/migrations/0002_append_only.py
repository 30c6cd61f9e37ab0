"""On PostgreSQL, the audit trail and every django-simple-history table refuse UPDATE and DELETE.

History tables created by later migrations are covered by the post_migrate hook in accounts/apps.py,
which runs the same function after every migrate. Nothing happens on SQLite.
"""

from django.db import migrations

from accounts.db import append_only_protect_all


def protect(apps, schema_editor):
    append_only_protect_all(schema_editor.connection, apps)


def unprotect(apps, schema_editor):
    append_only_protect_all(schema_editor.connection, apps, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        # So the history tables that exist today are protected by this migration itself.
        ("services", "0003_recipient_other_safeguard"),
        ("retention", "0001_initial"),
    ]

    operations = [migrations.RunPython(protect, unprotect, elidable=False)]
