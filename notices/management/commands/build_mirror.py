"""`python manage.py build_mirror OUT`: every public page as static files at the same addresses."""

from pathlib import Path

from django.core.management.base import BaseCommand

from notices.mirror import build_mirror


class Command(BaseCommand):
    help = (
        "Write every public page, version, JSON document and PDF into OUT as static files at the same "
        "addresses (a folder address is its index.html). Run it again to refresh: only files whose bytes "
        "changed are written, and files of pages no longer public are removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="the folder to write the mirror into")

    def handle(self, *args, out: Path, **options):
        build = build_mirror(out)
        for name in build.written:
            self.stdout.write(f"wrote {name}")
        for name in build.removed:
            self.stdout.write(f"removed {name}")
        for address, status in build.skipped.items():
            self.stdout.write(f"left out {address} (status {status}: only pages that answer 200 are mirrored)")
        counts = f"{len(build.written)} written, {build.unchanged} unchanged, {len(build.removed)} removed"
        self.stdout.write(self.style.SUCCESS(counts))
