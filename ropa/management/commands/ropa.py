"""`python manage.py ropa export|import --organisation SLUG FILE`: the workspace's export and import, for
scripts. The file's suffix (.xlsx or .csv) chooses the format. An import needs --user, the IG officer it is
written as (every register change has an author); --dry-run only reports what it would do."""

from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organisation
from ropa.actions import register_import
from ropa.export import csv_lines, write_workbook
from ropa.reading import UnreadableFile, read_upload


class Command(BaseCommand):
    help = "Export an organisation's register as its record of processing (.xlsx or .csv), or import one."

    def add_arguments(self, parser):
        parser.add_argument("direction", choices=["export", "import"])
        parser.add_argument("file", help="The .xlsx or .csv file to write (export) or read (import).")
        parser.add_argument("--organisation", required=True, help="The organisation's slug.")
        parser.add_argument("--user", help="Import: the username of the IG officer the changes are written as.")
        parser.add_argument("--dry-run", action="store_true", help="Import: report what would change, write nothing.")

    def handle(self, *args, direction, file, organisation, user=None, dry_run=False, **options):
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"No organisation with the slug “{organisation}”.")
        path = Path(file)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            raise CommandError("Name the file .xlsx or .csv: the suffix chooses the format.")
        if direction == "export":
            self._export(found, path)
        else:
            self._import(found, path, user, dry_run)

    def _export(self, organisation, path: Path) -> None:
        if path.suffix.lower() == ".xlsx":
            with path.open("wb") as out:
                write_workbook(out=out, organisation=organisation)
        else:
            with path.open("w", encoding="utf-8", newline="") as out:
                out.writelines(csv_lines(organisation=organisation))
        self.stdout.write(f"Wrote {organisation}'s record of processing to {path}.")

    def _import(self, organisation, path: Path, username: str | None, dry_run: bool) -> None:
        actor = User.objects.filter(username=username).first() if username else None
        if actor is None:
            raise CommandError("Name the IG officer the import is written as: --user USERNAME.")
        try:
            rows = read_upload(name=path.name, content=path.read_bytes())
            result = register_import(actor=actor, organisation=organisation, rows=rows, commit=not dry_run,
                                     reason=f"Imported from {path.name}")
        except (OSError, UnreadableFile, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        for outcome in result.outcomes.values():
            self.stdout.write(f"{outcome.label}: {len(outcome.created)} new, {len(outcome.changed)} changed, "
                              f"{len(outcome.unchanged)} unchanged.")
        if result.errors:
            for error in result.errors:
                self.stderr.write(f"{error.sheet}: {error}" if error.sheet else str(error))
            raise CommandError(f"{len(result.errors)} problems in the file: nothing was imported.")
        self.stdout.write("Dry run: nothing was written." if dry_run else f"Imported into {organisation}'s register.")
