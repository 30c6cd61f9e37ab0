"""manage.py export_notices --out FILE.zip [--as-of DATE] [--controller SLUG] [--service SLUG]

The DPO's archive from the command line: the same ZIP as /manage/export/ (see notices/export.py).
"""

import datetime as dt
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from notices.export import describe_selection, write_export
from notices.selectors import export_publications, publication_ids_for_export
from services.models import Controller, Service

BAR_WIDTH = 30


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--as-of must be a date written YYYY-MM-DD, not {value!r}.") from error


class Command(BaseCommand):
    help = "Export published notices (PDF, JSON document, manifests with SHA-256) as a ZIP file."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="The ZIP file to write.")
        parser.add_argument("--as-of", type=_date, help="Only the versions in force on this day (YYYY-MM-DD).")
        parser.add_argument("--controller", help="Only this organisation's notices (its slug).")
        parser.add_argument("--service", help="Only the notices covering this service (its slug).")

    def handle(self, *args, out: Path, as_of, controller, service, **options):
        selection = {
            "as_of": as_of,
            "controller": self._find(Controller, controller, "organisation"),
            "service": self._find(Service, service, "service"),
        }
        ids = publication_ids_for_export(**selection)
        described = describe_selection(**selection)
        if not ids:
            raise CommandError("No published notice matches, so there is nothing to export.")
        # Written beside the target and renamed at the end, so a failed export leaves no half-written ZIP.
        partial = out.with_name(out.name + ".partial")
        try:
            with partial.open("wb") as stream:
                rows = write_export(out=stream, publications=export_publications(ids), total=len(ids),
                                    progress=self._progress, selection=described)
            os.replace(partial, out)
        finally:
            partial.unlink(missing_ok=True)
        missing = [row for row in rows if row["status"] != "included"]
        for row in missing:
            self.stderr.write(f"Left out, listed as missing in the manifest: {row['note']}")
        included = len(rows) - len(missing)
        self.stdout.write(f"Wrote {out}: {len(ids)} versions, {included} files, {len(missing)} missing.")

    def _find(self, model, slug: str | None, what: str):
        if slug is None:
            return None
        try:
            return model.objects.get(slug=slug)
        except model.DoesNotExist as error:
            raise CommandError(f"There is no {what} with the slug {slug!r}.") from error

    def _progress(self, done: int, total: int, publication) -> None:
        filled = BAR_WIDTH * done // total
        label = f"{publication.version.notice.slug} v{publication.version.number}"
        bar = f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} {label[:40]:<40}"
        # Plain text on stderr (not styled as an error), so stdout stays clean for scripts.
        self.stderr.write(bar, style_func=str, ending="\n" if done == total else "")
        self.stderr.flush()
