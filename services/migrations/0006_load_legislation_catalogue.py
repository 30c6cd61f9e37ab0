"""Load the legislation catalogue: the Acts and statutory instruments public-sector privacy notices cite,
each checked against legislation.gov.uk text (the last column says which page was read).

Runs through the historical model and upserts by title, so running it again corrects catalogue rows without
duplicating them; DPOs add or change entries in the workspace afterwards, with history.
"""

import csv
import datetime as dt
from pathlib import Path

from django.db import migrations
from django.utils import timezone

DATA = Path(__file__).resolve().parent.parent / "data" / "legislation-catalogue.csv"


def rows() -> list[dict]:
    with DATA.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def values(row: dict) -> dict:
    return {
        "year": int(row["year"]),
        "chapter": row["number"],
        "url": row["url"],
        "in_catalogue": True,
        "status": row["status"],
        "replaced_by": row["replaced_by"],
        "status_since": dt.date.fromisoformat(row["since"]) if row["since"] else None,
        "verified_source": row["source_read"],
    }


def load(apps, schema_editor):
    Legislation = apps.get_model("services", "Legislation")
    History = apps.get_model("services", "HistoricalLegislation")
    now = timezone.now()
    for row in rows():
        entry, _ = Legislation.objects.update_or_create(title=row["title"], section="", defaults=values(row))
        # Historical models in migrations send no signals: write the first history row here, so the entry's
        # history starts with where it came from.
        fields = {f.attname: getattr(entry, f.attname) for f in Legislation._meta.concrete_fields}
        History.objects.create(
            **fields, history_date=now, history_type="+",
            history_change_reason="Loaded from the legislation catalogue (services/data/legislation-catalogue.csv)",
        )


class Migration(migrations.Migration):
    dependencies = [("services", "0005_legislation_catalogue")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
