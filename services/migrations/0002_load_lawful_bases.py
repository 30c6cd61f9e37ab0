"""Load the lawful bases and conditions from the verified reference table shipped with the project.

Runs through the historical model, so it keeps working when the model changes later. It upserts by
code: re-running leaves edits made in the admin to other fields alone only where the table is silent.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "lawful-bases.csv"

# Which Art 9 condition (or Art 10 route) each Sch 1 condition satisfies: DPA 2018 s.10(2)-(5).
PART1_MEETS = {"sch1_p1_1": "art9_2_b", "sch1_p1_2": "art9_2_h", "sch1_p1_3": "art9_2_i", "sch1_p1_4": "art9_2_j"}


def meets_code(row: dict) -> str | None:
    if row["code"] in PART1_MEETS:
        return PART1_MEETS[row["code"]]
    if row["kind"] == "sch1_part2":
        return "art9_2_g"
    if row["kind"] == "sch1_part3":
        return "art10_sch1"
    return None


def load(apps, schema_editor):
    LawfulBasis = apps.get_model("services", "LawfulBasis")
    with DATA.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_code = {}
    for row in rows:
        basis, _ = LawfulBasis.objects.update_or_create(
            code=row["code"],
            defaults={
                "article": row["article"],
                "kind": row["kind"],
                "short_title": row["short_title"],
                "plain_english": row["plain_english"],
                "needs_basis_in_law": row["needs_basis_in_law"],
                "needs_sch1_condition": row["needs_sch1_condition"],
                "needs_appropriate_policy_document": row["needs_appropriate_policy_document"],
                "verified_source": row["verified_source"],
            },
        )
        by_code[row["code"]] = basis
    for row in rows:
        target = meets_code(row)
        if target:
            basis = by_code[row["code"]]
            basis.meets = by_code[target]
            basis.save(update_fields=["meets"])


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
