"""More out-of-date references beyond the NHS: safeguarding, policing, education, equality law and the
guidance and standards councils and NHS bodies still cite. Each row says what was read and what was not
verified; a date left blank was not confirmed. DPOs keep the list in the workspace afterwards."""

import datetime as dt

from django.db import migrations
from django.utils import timezone

D = dt.date
REFERENCES = [
    {
        "name": "Criminal Records Bureau (CRB)",
        "pattern": r"criminal\s+records\s+bureau|\bCRB\b",
        "problem": "The Criminal Records Bureau's functions passed to the Disclosure and Barring Service on "
        "1 December 2012.",
        "since": D(2012, 12, 1),
        "replacement": "The Disclosure and Barring Service (DBS); “a DBS check”.",
        "example": "Volunteers need a CRB check before they start.",
        "counter_example": "Volunteers need a DBS check before they start.",
        "source": "The Protection of Freedoms Act 2012 (Disclosure and Barring Service Transfer of Functions) Order "
        "2012 (SI 2012/3006), made 29 Nov 2012, in force 1 Dec 2012: "
        "https://www.legislation.gov.uk/uksi/2012/3006/made. Verified.",
    },
    {
        "name": "Independent Safeguarding Authority (ISA)",
        "pattern": r"independent\s+safeguarding\s+authority",
        "problem": "The Independent Safeguarding Authority's barring functions passed to the Disclosure and Barring "
        "Service on 1 December 2012.",
        "since": D(2012, 12, 1),
        "replacement": "The Disclosure and Barring Service (DBS), which keeps the barred lists.",
        "example": "We refer concerns to the Independent Safeguarding Authority.",
        "counter_example": "We refer concerns to the Disclosure and Barring Service.",
        "source": "SI 2012/3006 (https://www.legislation.gov.uk/uksi/2012/3006/made); Safeguarding Vulnerable Groups "
        "Act 2006 s.1 and s.2 as amended (DBS keeps the barred lists). Verified.",
    },
    {
        "name": "Local Safeguarding Children Boards (LSCBs)",
        "pattern": r"local\s+safeguarding\s+children\s+boards?|\bLSCBs?\b",
        "problem": "Local Safeguarding Children Boards (Children Act 2004 ss.13-16) were replaced in England by local "
        "arrangements made by the safeguarding partners (Children and Social Work Act 2017 Part 1 Chapter 2).",
        "since": None,
        "replacement": "The local safeguarding partnership (the local authority, the integrated care board and the "
        "chief officer of police), by name.",
        "example": "We share information with the Local Safeguarding Children Board.",
        "counter_example": "We share information with the Essex Safeguarding Children Partnership.",
        "source": "Children Act 2004 ss.13-16 (http://legislation.data.gov.uk/ukpga/2004/31/contents/enacted); "
        "Children and Social Work Act 2017 Part 1 Ch 2 (http://www.legislation.gov.uk/id/ukpga/2017/16). "
        "The change-over date was NOT verified.",
    },
    {
        "name": "Police authorities",
        # Only a named authority ("Essex Police Authority"): "police authorities" is also used loosely.
        "pattern": r"(?-i:\b[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)*\s+Police\s+Authority\b)",
        "problem": "Police authorities were abolished by the Police Reform and Social Responsibility Act 2011 "
        "(s.1(9)); police and crime commissioners took over from 22 November 2012.",
        "since": D(2012, 11, 22),
        "replacement": "The police and crime commissioner for the area, or the police force, by name.",
        "example": "Complaints can be made to the Essex Police Authority.",
        "counter_example": "Complaints can be made to the Police, Fire and Crime Commissioner for Essex.",
        "source": "PRSRA 2011 s.1 and Explanatory Notes para 25 "
        "(http://www.legislation.gov.uk/ukpga/2011/13/notes/division/2/1/1/1); SI 2012/2892 art 2, Part 1 in force "
        "22 Nov 2012 (https://www.legislation.gov.uk/uksi/2012/2892/made/data.html). Verified.",
    },
    {
        "name": "General Teaching Council for England (GTCE)",
        "pattern": r"general\s+teaching\s+council\s+for\s+england|\bGTCE\b",
        "problem": "The General Teaching Council for England was abolished by the Education Act 2011 (s.7); its "
        "functions in relation to teachers passed to the Secretary of State (s.8).",
        "since": None,
        "replacement": "The Secretary of State for Education (the Department for Education).",
        "example": "We report misconduct to the General Teaching Council for England.",
        "counter_example": "We report misconduct to the Department for Education.",
        "source": "Education Act 2011 ss.7-8, Annex A (http://www.legislation.gov.uk/ukpga/2011/21/notes/annex/1). "
        "The abolition date was NOT verified.",
    },
    {
        "name": "Training and Development Agency for Schools (TDA)",
        "pattern": r"training\s+and\s+development\s+agency\s+for\s+schools",
        "problem": "The Training and Development Agency for Schools was abolished by the Education Act 2011 (s.14); "
        "training the school workforce passed to the Secretary of State (s.15).",
        "since": None,
        "replacement": "The Secretary of State for Education (the Department for Education).",
        "example": "Trainee details are sent to the Training and Development Agency for Schools.",
        "counter_example": "Trainee details are sent to the Department for Education.",
        "source": "Education Act 2011 ss.14-15, Annex A (http://www.legislation.gov.uk/ukpga/2011/21/notes/annex/1). "
        "The abolition date was NOT verified.",
    },
    {
        "name": "NHS Commissioning Board",
        "pattern": r"NHS\s+Commissioning\s+Board|National\s+Health\s+Service\s+Commissioning\s+Board",
        "problem": "The National Health Service Commissioning Board was renamed NHS England by the Health and Care "
        "Act 2022 (s.1).",
        "since": None,
        "replacement": "NHS England.",
        "example": "Data is reported to the NHS Commissioning Board.",
        "counter_example": "Data is reported to NHS England.",
        "source": "Health and Care Act 2022 s.1 (https://legislation.gov.uk/ukpga/2022/31/contents/enacted). "
        "The date the renaming took effect was NOT verified.",
    },
    {
        "name": "Race, sex and disability discrimination Acts",
        "pattern": r"race\s+relations\s+act(?:\s+1976)?|disability\s+discrimination\s+acts?(?:\s+(?:1995|2005))?"
        r"|sex\s+discrimination\s+act(?:\s+1975)?",
        "problem": "The Race Relations Act 1976, the Sex Discrimination Act 1975 and the Disability Discrimination "
        "Act 1995 were replaced by the Equality Act 2010, in force from 1 October 2010.",
        "since": D(2010, 10, 1),
        "replacement": "The Equality Act 2010 (c. 15).",
        "example": "We monitor ethnicity to meet our duties under the Race Relations Act 1976.",
        "counter_example": "We monitor ethnicity to meet our duties under the Equality Act 2010.",
        "source": "The Equality Act 2010 (Commencement No. 4 …) Order 2010 (SI 2010/2317), in force 1 Oct 2010, "
        "saving provisions of the 1975, 1976 and 1995 Acts only for shipping "
        "(http://legislation.gov.uk/uksi/2010/2317/made). Verified.",
    },
    {
        "name": "Information Governance Toolkit",
        "pattern": r"information\s+governance\s+(?:\(IG\)\s+)?toolkit|\bIG\s+toolkit\b",
        "problem": "The NHS Information Governance Toolkit was replaced by the Data Security and Protection Toolkit "
        "in April 2018 (the last IG Toolkit submissions were due by 31 March 2018).",
        "since": D(2018, 4, 1),
        "replacement": "The Data Security and Protection Toolkit (DSPT).",
        "example": "We complete the Information Governance Toolkit every year.",
        "counter_example": "We complete the Data Security and Protection Toolkit every year.",
        "source": "https://www.buckinghamshireccg.nhs.uk/data-security-protection-toolkit/ (replaced the IG toolkit "
        "from April 2018); https://www.itgovernance.co.uk/blog/data-security-and-protection-dsp-toolkit-launched-"
        "for-health-and-social-care. Month verified; the day (1 April) is the start of that month.",
    },
    {
        "name": "Working Together to Safeguard Children (editions before 2023)",
        "pattern": r"working\s+together\s+to\s+safeguard\s+children\W{0,3}(?:1999|2006|2010|2013|2015|2018)"
        r"|working\s+together\s+(?:1999|2006|2010|2013|2015|2018)\b",
        "problem": "Working Together to Safeguard Children 2018 was replaced by the 2023 edition, published on "
        "15 December 2023.",
        "since": D(2023, 12, 15),
        "replacement": "Working Together to Safeguard Children 2023 (statutory guidance, not law).",
        "example": "We follow Working Together to Safeguard Children 2018.",
        "counter_example": "We follow Working Together to Safeguard Children 2023.",
        "source": "https://content.govdelivery.com/accounts/UKCUMBERLAND/bulletins/38e23c6 (DfE published the 2023 "
        "edition on 15 Dec 2023, replacing the 2018 edition); https://staffsscb.org.uk/working-together-2023/. "
        "Verified from local safeguarding partnership bulletins, not from GOV.UK itself.",
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
            history_change_reason="Seeded: references beyond the NHS (issue 16)",
        )


class Migration(migrations.Migration):
    dependencies = [("notices", "0007_stale_reference_lock_version")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
