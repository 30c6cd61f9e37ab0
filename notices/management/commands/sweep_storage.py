"""manage.py sweep_storage [--dry-run] [--min-age-minutes N]

Removes stored PDFs that no publication refers to, e.g. one left when the process died between storing
a PDF and committing its publication. Files younger than an hour are left alone: they may belong to a
publish still in progress. Says what it removed.
"""

import datetime as dt

from django.core.management.base import BaseCommand

from notices.storage import SWEEP_MIN_AGE, pdf_storage, unreferenced_files


class Command(BaseCommand):
    help = "Remove stored PDFs no publication refers to (older than an hour), saying which."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be removed.")
        parser.add_argument(
            "--min-age-minutes", type=int, default=int(SWEEP_MIN_AGE.total_seconds() // 60),
            help="Leave files younger than this (default 60).",
        )

    def handle(self, *args, dry_run: bool, min_age_minutes: int, **options):
        found = unreferenced_files(min_age=dt.timedelta(minutes=max(0, min_age_minutes)))
        storage = pdf_storage()
        for orphan in found:
            if not dry_run:
                storage.delete(orphan.name)
            verb = "Would remove" if dry_run else "Removed"
            self.stdout.write(f"{verb} {orphan.name} (written {orphan.modified:%Y-%m-%d %H:%M}, no publication)")
        verb = "would be removed" if dry_run else "removed"
        self.stdout.write(f"{len(found)} unreferenced file{'s' if len(found) != 1 else ''} {verb}.")
