"""The public sentence of each UK GDPR Art 9 condition, Art 10 route and DPA 2018 Sch 1 condition: what a notice says
once per condition, for a parent to read (Flesch reading ease 60 or more each, by notices.compliance.readability).

The sentences live in services/data/lawful-basis-public-sentences.csv beside the legislation.gov.uk address each was
checked against. The legal detail (article, paragraph, staff notes) stays in `plain_english`, which only the JSON
carries. Rows are matched by code; the rows themselves come from 0002_load_lawful_bases.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "lawful-basis-public-sentences.csv"


def forwards(apps, schema_editor):
    LawfulBasis = apps.get_model("services", "LawfulBasis")
    with DATA.open(encoding="utf-8") as handle:
        sentences = {row["code"]: row["public_sentence"] for row in csv.DictReader(handle)}
    for basis in LawfulBasis.objects.filter(code__in=sentences):
        basis.public_sentence = sentences[basis.code]
        basis.save(update_fields=["public_sentence"])


class Migration(migrations.Migration):
    dependencies = [("services", "0006_load_legislation_catalogue")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
