"""python manage.py check_text FILE [--on YYYY-MM-DD]: the text checks (out-of-date references, citations of
legislation, dates that have passed) on any text file, each finding with its line number.

An officer can check the notice they publish today before entering it in the register. The same rule
functions check notices; records (sources, recipients, lawful bases) are not there to compare, so only the
rules that read text alone run. Exits with status 1 if any finding blocks publishing.
"""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from notices.compliance import check_text


class Command(BaseCommand):
    help = "Check a text file's citations, out-of-date references and passed dates; print findings by line."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A UTF-8 text file, e.g. a privacy notice copied from a web page.")
        parser.add_argument("--on", help="Judge dates as on this day (YYYY-MM-DD) instead of today.")

    def handle(self, *args, file, on=None, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            day = dt.date.fromisoformat(on) if on else None
        except ValueError as error:
            raise CommandError(f"--on must be a date written YYYY-MM-DD, not “{on}”.") from error
        found = check_text(text, on=day)
        for line, finding in found:
            self.stdout.write(f"{path.name}:{line}: {finding.severity}: {finding.code}: {finding.rule}")
        blocking = sum(finding.is_blocker for _, finding in found)
        self.stdout.write(f"{len(found)} finding{'s' * (len(found) != 1)}, {blocking} blocking.")
        if blocking:
            raise SystemExit(1)
