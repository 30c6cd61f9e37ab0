"""Out-of-date references from local government and from probation and justice, which the earlier lists
did not reach. Each row says what was read; a date left blank was not confirmed."""

import datetime as dt

from django.db import migrations
from django.utils import timezone

D = dt.date
REFERENCES = [
    {
        "name": "Audit Commission",
        "pattern": r"audit\s+commission",
        "problem": "The Audit Commission closed at the end of March 2015: the Local Audit and Accountability Act "
        "2014 says it ceases to exist and repeals the Audit Commission Act 1998. Its data matching (the "
        "National Fraud Initiative) passed to the Cabinet Office.",
        "since": D(2015, 4, 1),
        "replacement": "The council's appointed local auditor, and for data matching the National Fraud Initiative "
        "run by the Cabinet Office.",
        "example": "We take part in the Audit Commission's National Fraud Initiative.",
        "counter_example": "We take part in the National Fraud Initiative run by the Cabinet Office.",
        "source": "Local Audit and Accountability Act 2014 s.1 (“The Audit Commission ceases to exist”): "
        "https://legislation.gov.uk/ukpga/2014/2/enacted; closure at the end of March 2015 and the transfer of "
        "data matching to the Cabinet Office: https://www.local.gov.uk/our-support/guidance-and-resources/"
        "external-audit/statutory-arrangements-audit. Verified.",
    },
    {
        "name": "Standards Board for England (Standards for England)",
        "pattern": r"standards\s+board\s+for\s+england|\bstandards\s+for\s+england\b",
        "problem": "The Localism Act 2011 abolished the Standards Board for England (latterly Standards for "
        "England) from 1 April 2012. Each council now runs its own arrangements for councillors' conduct.",
        "since": D(2012, 4, 1),
        "replacement": "The council's own standards arrangements under the Localism Act 2011 (its monitoring "
        "officer and standards committee).",
        "example": "Complaints about councillors may be passed to the Standards Board for England.",
        "counter_example": "Complaints about councillors go to the council's monitoring officer.",
        "source": "Localism Act 2011 Sch 4 Part 1 (entries for the Standards Board for England omitted, valid from "
        "1 Apr 2012): https://legislation.gov.uk/ukpga/2011/20/schedule/4/part/1/2012-03-09. Verified.",
    },
    {
        "name": "National Offender Management Service (NOMS)",
        "pattern": r"national\s+offender\s+management\s+service|\bNOMS\b",
        "problem": "HM Prison and Probation Service replaced the National Offender Management Service in April "
        "2017.",
        "since": None,
        "replacement": "HM Prison and Probation Service (HMPPS).",
        "example": "We share information with the National Offender Management Service.",
        "counter_example": "We share information with HM Prison and Probation Service.",
        "source": "Civil Service World, 3 Apr 2017, “Revamped prison service starts work today” (HMPPS replaces "
        "NOMS); The National Archives' catalogue (NOMS 2004-2017, HMPPS 2017-). The exact day was not confirmed "
        "on GOV.UK, so no date is given.",
    },
    {
        "name": "Community rehabilitation companies (CRCs)",
        "pattern": r"community\s+rehabilitation\s+compan(?:y|ies)",
        "problem": "The community rehabilitation companies' contracts ended; from 26 June 2021 the Probation "
        "Service manages every sentence in England and Wales.",
        "since": D(2021, 6, 26),
        "replacement": "The Probation Service (part of HM Prison and Probation Service), for the probation region "
        "by name.",
        "example": "We share information with the Essex Community Rehabilitation Company.",
        "counter_example": "We share information with the Probation Service in the East of England.",
        "source": "House of Commons Library, “Probation services” (CBP-9252): “from 26 June 2021, all sentence "
        "management … will be carried out by the National Probation Service”: "
        "https://commonslibrary.parliament.uk/research-briefings/cbp-9252/. Verified; not a change in "
        "legislation.",
    },
]


def seed(apps, schema_editor):
    StaleReference = apps.get_model("notices", "StaleReference")
    HistoricalStaleReference = apps.get_model("notices", "HistoricalStaleReference")
    now = timezone.now()
    for values in REFERENCES:
        reference, _ = StaleReference.objects.update_or_create(name=values["name"], defaults=values)
        fields = {f.attname: getattr(reference, f.attname) for f in StaleReference._meta.concrete_fields}
        HistoricalStaleReference.objects.create(
            **fields, history_date=now, history_type="+",
            history_change_reason="Seeded: local government, probation and justice (issue 16)",
        )


class Migration(migrations.Migration):
    dependencies = [("notices", "0013_publish_and_export_jobs")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
