"""python manage.py import_notice FILE --organisation SLUG [--dry-run] [--json] [--as USERNAME]

Reads a notice (.txt, .html, .docx or .pdf) the way the upload in /manage/ does, and prints the proposed records
and the text checks' findings: as a table, or with --json as a list of proposals (record type, proposed field
values, source sentences, confidence, the existing record matched), for bulk onboarding. Without --dry-run the
import is kept for triage in the workspace, authored by --as (an IG officer of the organisation).
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organisation
from imports.actions import import_create, import_read
from imports.parsers import ImportRefused


class Command(BaseCommand):
    help = "Read an existing privacy notice and print the records it proposes, with their sources and confidence."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organisation", required=True, help="The slug of the organisation importing it.")
        parser.add_argument("--dry-run", action="store_true", help="Print only; keep nothing.")
        parser.add_argument("--json", action="store_true", help="Print the proposals as JSON.")
        parser.add_argument("--as", dest="username", help="Who imports it (kept imports need an IG officer).")

    def handle(self, *args, file, organisation, dry_run=False, json=False, username=None, **options):
        try:
            org = Organisation.objects.get(slug=organisation)
        except Organisation.DoesNotExist as error:
            raise CommandError(f"No organisation has the slug “{organisation}”.") from error
        path = Path(file)
        try:
            with path.open("rb") as fileobj:
                if dry_run:
                    _, _, _, reading = import_read(filename=path.name, fileobj=fileobj, organisation=org)
                    rows, findings, notes = _rows(reading.proposals), reading.findings, reading.extracted.notes
                else:
                    kept = import_create(actor=self._actor(username), organisation=org, filename=path.name,
                                         fileobj=fileobj)
                    rows, findings, notes = _kept_rows(kept), kept.findings, kept.notes
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from error
        except (ImportRefused, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        self._print(rows, findings, notes, as_json=json)

    def _actor(self, username):
        if not username:
            raise CommandError("Say who imports it with --as USERNAME (an IG officer), or use --dry-run.")
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user is called “{username}”.") from error

    def _print(self, rows, findings, notes, *, as_json: bool):
        if as_json:
            self.stdout.write(json_dumps(rows))
            return
        for note in notes:
            self.stdout.write(f"Note: {note}")
        for row in rows:
            matched = f"  (matches “{row['matched']}”)" if row["matched"] else ""
            self.stdout.write(f"{row['record_type']:<15} {row['confidence']:.2f}  {row['label']}{matched}")
            for source in row["sources"][:2]:
                self.stdout.write(f"{'':<21}“{_short(source['text'])}”")
        for finding in findings:
            self.stdout.write(f"line {finding['line']}: {finding['severity']}: {finding['code']}: {finding['message']}")
        self.stdout.write(f"{len(rows)} proposal{'s' * (len(rows) != 1)}, {len(findings)} "
                          f"finding{'s' * (len(findings) != 1)}.")


def json_dumps(rows) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 100 else text[:99] + "…"


def _label(values: dict, record_type: str) -> str:
    keys = ("name", "title", "record_type", "code", "dpo_name", "recipient")
    return str(next((values[key] for key in keys if values.get(key)), record_type))


def _rows(proposals) -> list[dict]:
    return [{"record_type": p.record_type, "label": _label(p.values, p.record_type), "values": p.values,
             "sources": [s.as_dict() for s in p.spans], "confidence": round(p.confidence, 2),
             "matched": str(p.matched) if p.matched is not None else ""} for p in proposals]


def _kept_rows(notice_import) -> list[dict]:
    return [{"record_type": p.record_type, "label": _label(p.values, p.record_type), "values": p.values,
             "sources": p.spans, "confidence": p.confidence, "matched": p.matched_label, "id": p.pk}
            for p in notice_import.proposals.all()]
