"""manage.py restore --from DIR [--grant ROLE]: a backup into an empty database and storage (operations/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from operations.backup import BackupError, backup_restore
from operations.roles import RoleError, serving_role_grant


class Command(BaseCommand):
    help = "Restore a backup made by manage.py backup into an empty database and empty file storage."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, type=Path, help="The backup's directory.")
        parser.add_argument("--grant", metavar="ROLE", help="Then grant the serving role (as grant_serving_role).")

    def handle(self, *args, source: Path, grant: str | None, **options):
        try:
            summary = backup_restore(directory=source)
            if grant:
                serving_role_grant(connection, role=grant)
        except (BackupError, RoleError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the database and {summary.files} stored files from {summary.directory}."
            + (f" Granted {grant}." if grant else " Grant the serving role next: manage.py grant_serving_role ROLE.")
        )
