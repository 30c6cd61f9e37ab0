"""On PostgreSQL, the database itself refuses to change or delete published versions and the workflow
audit, so not even a bug or a hand-written SQL statement can rewrite what was published.

Uses the project's one append-only mechanism (accounts/db.py); TRUNCATE (test teardown, deliberate
resets) does not fire row triggers.
"""

from django.db import migrations

from accounts.db import append_only_operation


class Migration(migrations.Migration):
    dependencies = [("notices", "0002_initial")]

    operations = [append_only_operation("notices_publication", "notices_workflowevent", "notices_withdrawal")]
