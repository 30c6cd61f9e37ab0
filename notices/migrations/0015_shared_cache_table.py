"""The table behind Django's cache (settings.CACHES, a DatabaseCache), made by migrate so that every way the
portal is set up (make run, compose's one-shot migrate, the tests) has it before the serving role is granted."""

from django.core.management import call_command
from django.db import migrations


def cache_table_create(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("notices", "0014_stale_references_local_government_justice")]

    operations = [migrations.RunPython(cache_table_create, migrations.RunPython.noop)]
