"""manage.py backup --out DIR: the database and every stored file, with a manifest (operations/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and the stored files (published PDFs) into a new directory."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="A new (or empty) directory for the backup.")

    def handle(self, *args, out: Path, **options):
        try:
            summary = backup_write(directory=out)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the database ({summary.database_bytes} bytes) and {summary.files} stored files to "
            f"{summary.directory}. Check it with: python manage.py restore --from {summary.directory} "
            "into an empty database."
        )
