"""Seed the out-of-date references listed in the project's reference README ("Out-of-date references
often found in older notices"), with the verification status it gives. Later edits are made in the admin."""

import datetime as dt

from django.db import migrations
from django.utils import timezone

D = dt.date
REFERENCES = [
    {
        "name": "EU-US Privacy Shield",
        "pattern": r"privacy[\s-]+shield",
        "problem": "The EU-US Privacy Shield was declared invalid by the Court of Justice of the EU in "
        "Schrems II (C-311/18) on 16 July 2020. It cannot protect a transfer.",
        "since": D(2020, 7, 16),
        "replacement": "Name the safeguard the transfer relies on now: UK approval of the country (UK GDPR "
        "Art 45A), the International Data Transfer Agreement or the UK Addendum, and say how to get a copy.",
        "severity": "blocker_as_safeguard",
        "example": "The parent company is registered with the US Privacy Shield.",
        "counter_example": "The parent company has signed the International Data Transfer Agreement.",
        "source": "CJEU C-311/18 (Schrems II), 16 Jul 2020. Verified.",
    },
    {
        "name": "Clinical commissioning groups (CCGs)",
        "pattern": r"clinical\s+commissioning\s+groups?|\bCCGs?\b",
        "problem": "Clinical commissioning groups were abolished; integrated care boards took over their work "
        "on 1 July 2022.",
        "since": D(2022, 7, 1),
        "replacement": "The integrated care board (ICB) for the area, by name.",
        "example": "We share information with your local Clinical Commissioning Group.",
        "counter_example": "We share information with the Mid and South Essex Integrated Care Board.",
        "source": "Health and Care Act 2022; SI 2022/634 in force 1 Jul 2022. Verified.",
    },
    {
        "name": "Public Health England",
        "pattern": r"public\s+health\s+england|\bPHE\b",
        "problem": "Public Health England stopped operating on 30 September 2021. From 1 October 2021 its work "
        "passed to UKHSA, OHID (part of DHSC), NHS England and NHS Digital.",
        "since": D(2021, 10, 1),
        "replacement": "The body that now does that work: the UK Health Security Agency (UKHSA), the Office for "
        "Health Improvement and Disparities (OHID, part of DHSC) or NHS England.",
        "example": "Screening results are reported to Public Health England.",
        "counter_example": "Screening results are reported to the UK Health Security Agency.",
        "source": "Ministerial statement. Verified.",
    },
    {
        "name": "NHS Digital (HSCIC)",
        "pattern": r"\bNHS\s+Digital\b|\bHSCIC\b|health\s+and\s+social\s+care\s+information\s+cent(?:re|er)",
        "problem": "NHS Digital (formerly the Health and Social Care Information Centre, HSCIC) legally merged "
        "into NHS England on 1 February 2023.",
        "since": D(2023, 2, 1),
        "replacement": "NHS England.",
        "example": "Data is sent to NHS Digital for national statistics.",
        "counter_example": "Data is sent to NHS England for national statistics.",
        "source": "NHS England and NHS Digital pages. Verified.",
    },
    {
        "name": "Health Education England",
        "pattern": r"health\s+education\s+england|\bHEE\b",
        "problem": "Health Education England merged into NHS England on 1 April 2023.",
        "since": D(2023, 4, 1),
        "replacement": "NHS England.",
        "example": "Trainee records are shared with Health Education England.",
        "counter_example": "Trainee records are shared with NHS England.",
        "source": "NHS England pages. Verified.",
    },
    {
        "name": "Monitor, NHS Trust Development Authority, NHS Improvement",
        # "monitor" is an everyday verb, so the regulator is only matched with a capital M and in the company
        # it usually keeps: "Monitor (…", "Monitor, …" or "Monitor and the NHS …".
        "pattern": r"\bNHS\s+Improvement\b|NHS\s+Trust\s+Development\s+Authority|\bNHS\s+TDA\b"
        r"|(?-i:\bMonitor\b)(?=\s*\(|,|\s+and\s+(?:the\s+)?NHS)",
        "problem": "Monitor and the NHS Trust Development Authority (together known as NHS Improvement) were "
        "abolished by the Health and Care Act 2022 (ss.33 and 36); their work passed to NHS England.",
        "since": D(2022, 7, 1),
        "replacement": "NHS England.",
        "example": "We report to Monitor and the NHS Trust Development Authority.",
        "counter_example": "We monitor calls for training purposes.",
        "source": "Health and Care Act 2022 ss.33 and 36: headings verified; the date is NOT verified.",
    },
    {
        "name": "Records Management Code of Practice 2016",
        "pattern": r"records\s+management\s+code\s+of\s+practice[^.\n]{0,60}?2016|\bRM\s+code\s+2016\b",
        "problem": "The Records Management Code of Practice for Health and Social Care 2016 was replaced by the "
        "2021 Code, first published on 4 August 2021.",
        "since": D(2021, 8, 4),
        "replacement": "The NHS England Records Management Code of Practice 2021 (updated 7 August 2023).",
        "example": "We keep records as set out in the Records Management Code of Practice for Health and "
        "Social Care 2016.",
        "counter_example": "We keep records as set out in the Records Management Code of Practice 2021.",
        "source": "NHS England. Verified.",
    },
    {
        "name": "Data Protection Act 1998",
        "pattern": r"data\s+protection\s+act\s*(?:of\s+)?1998|\bDPA\s*1998\b",
        "problem": "The Data Protection Act 1998 was replaced by the Data Protection Act 2018 from 25 May 2018.",
        "since": D(2018, 5, 25),
        "replacement": "The UK GDPR and the Data Protection Act 2018.",
        "example": "We process your information in line with the Data Protection Act 1998.",
        "counter_example": "We process your information in line with the Data Protection Act 2018.",
        "source": "DPA 2018. The exact repeal provision and date were NOT re-checked.",
    },
    {
        "name": "“GDPR” or “EU GDPR” used as UK law",
        # Fixed-width negative lookbehind, so "UK GDPR" and "UK General Data Protection Regulation" are left alone.
        "pattern": r"(?<!UK[\s-])(?<!UK’s\s)(?<!UK's\s)\b(?:EU\s+)?(?:GDPR|General\s+Data\s+Protection\s+Regulation)\b",
        "problem": "Since 1 January 2021 the law in the UK is the “UK GDPR” (DPA 2018 s.3(10)); the EU GDPR "
        "does not apply to a UK public body's processing in the UK.",
        "since": D(2021, 1, 1),
        "replacement": "The UK GDPR (and the Data Protection Act 2018).",
        "example": "Under the General Data Protection Regulation (GDPR) you have the right of access.",
        "counter_example": "Under the UK GDPR and the UK General Data Protection Regulation you have rights.",
        "source": "DPA 2018 s.3(10). Verified.",
    },
    {
        "name": "Adequacy regulations under DPA 2018 s.17A",
        "pattern": r"adequacy\s+regulations?|(?:section|s\.?)\s*17A\b",
        "problem": "From 5 February 2026 transfers are approved by regulations under UK GDPR Art 45A; "
        "“adequacy regulations under DPA 2018 s.17A” no longer describes the law.",
        "since": D(2026, 2, 5),
        "replacement": "Say the transfer is to a country approved by regulations under UK GDPR Art 45A.",
        "example": "The country is covered by adequacy regulations under section 17A of the DPA 2018.",
        "counter_example": "The country is approved by regulations under UK GDPR Article 45A.",
        "source": "DUAA 2025 Sch 9; SI 2026/82. Verified.",
    },
    {
        "name": "“Article 22” automated decisions",
        "pattern": r"\bArt(?:icle|\.)?\s*22(?![A-Za-z0-9])",
        "problem": "From 5 February 2026 automated decision-making is governed by UK GDPR Arts 22A-22D, which "
        "replaced Article 22.",
        "since": D(2026, 2, 5),
        "replacement": "UK GDPR Articles 22A to 22D (for the safeguards: Art 22C).",
        "example": "You have rights under Article 22 about automated decisions.",
        "counter_example": "You have rights under Articles 22A to 22D, and Art 22C safeguards apply.",
        "source": "DUAA 2025 s.80. Verified.",
    },
    {
        "name": "“Article 89(1)” safeguards",
        "pattern": r"\bArt(?:icle|\.)?\s*89\s*\(\s*1\s*\)",
        "problem": "From 5 February 2026 the research, archiving and statistics safeguards are in UK GDPR "
        "Art 84B, not Article 89(1).",
        "since": D(2026, 2, 5),
        "replacement": "UK GDPR Art 84B safeguards.",
        "example": "Research uses are subject to the safeguards in Article 89(1).",
        "counter_example": "Research uses are subject to the safeguards in Article 84B.",
        "source": "DUAA 2025 s.87. Verified.",
    },
    {
        "name": "Information Commissioner's Office (becoming the Information Commission)",
        "pattern": r"information\s+commissioner[’']?s\s+office",
        "problem": "DUAA 2025 Part 6 creates an Information Commission to replace the Information "
        "Commissioner. Its start date was not checked, so this reference is off until it is.",
        "since": None,
        "replacement": "The Information Commission.",
        "example": "You can complain to the Information Commissioner's Office.",
        "counter_example": "You can complain to the Information Commission.",
        "source": "DUAA 2025 Part 6. Start date NOT verified.",
        "active": False,
    },
]


def seed(apps, schema_editor):
    StaleReference = apps.get_model("notices", "StaleReference")
    HistoricalStaleReference = apps.get_model("notices", "HistoricalStaleReference")
    now = timezone.now()
    for values in REFERENCES:
        reference, _ = StaleReference.objects.update_or_create(name=values["name"], defaults=values)
        # Historical models in migrations carry no signals, so the first history row is written here: the
        # admin's history then starts with what was seeded and why.
        fields = {f.attname: getattr(reference, f.attname) for f in StaleReference._meta.concrete_fields}
        HistoricalStaleReference.objects.create(
            **fields,
            history_date=now,
            history_type="+",
            history_change_reason="Seeded from the project's reference README",
        )


class Migration(migrations.Migration):
    dependencies = [("notices", "0005_stale_reference")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
