"""A labelled corpus for the text checks: paragraphs written as councils and NHS services write them, each
with the findings it must produce (none, for the clean ones), and the records it is compared with.

Labels are the rule codes a reader checking by hand would expect. The three seed notices are labelled in
SEEDS by what they really contain (checked by reading them)."""

from pathlib import Path

SEED_DIR = Path("/work/shared/seeds")

PROCESSOR = [{"name": "CaseCloud", "role": "processor"}]
POLICE = [{"name": "Essex Police", "role": "controller"}]
SCHOOLS = [{"name": "Schools", "kind": "category"}]

# (paragraph, expected codes, records)
DEFECTS = [
    # Year mismatch: the catalogue knows one Act of that name, of another year
    ("Under the Care Act 2016 we must assess the needs of adults who may need support.",
     {"citation_year_mismatch"}, {}),
    ("We answer requests for information under the Freedom of Information Act 2001.",
     {"citation_year_mismatch"}, {}),
    ("The Mental Capacity Act 2007 lets us make decisions in your best interests.", {"citation_year_mismatch"}, {}),
    ("We assess homelessness under the Homelessness Act 2003.", {"citation_year_mismatch"}, {}),
    ("Your rights are set out in the Human Rights Act 1989.", {"citation_year_mismatch"}, {}),
    # Year the catalogue lacks, where it knows several Acts of that name: check it
    ("We keep records about children in care because the Children Act 1998 requires it.",
     {"citation_year_unknown"}, {}),
    ("Schools share attendance information with us under the Education Act 1994.", {"citation_year_unknown"}, {}),
    ("We allocate council homes under the Housing Act 1986.", {"citation_year_unknown"}, {}),
    ("Detention in hospital is governed by the Mental Health Act 1993.", {"citation_year_unknown"}, {}),
    ("Councillors' interests are registered under the Local Government Act 2011.", {"citation_year_unknown"}, {}),
    # Known title, no year
    ("We share information with the police where the Crime and Disorder Act allows it.",
     {"citation_year_missing"}, {}),
    ("The Mental Health Act gives us duties when someone is detained in hospital.", {"citation_year_missing"}, {}),
    ("We use your information to carry out our duties under the Localism Act.", {"citation_year_missing"}, {}),
    ("Our adoption service works within the Adoption and Children Act.", {"citation_year_missing"}, {}),
    ("We must follow the Equality Act when we plan our services.", {"citation_year_missing"}, {}),
    # Repealed
    ("Our health visitors work under the National Health Service Act 1977.", {"legislation_repealed"}, {}),
    ("Community nursing is arranged under the National Health Service Act 1977 and regulations made under it.",
     {"legislation_repealed"}, {}),
    # Guidance given as law
    ("The laws we rely on are:\n- Children Act 1989\n- Working Together to Safeguard Children 2023",
     {"guidance_as_law"}, {}),
    ("We have a legal duty under Keeping Children Safe in Education to pass on concerns.", {"guidance_as_law"}, {}),
    ("Legislation we rely on: the Care Act 2014 and our Adult Safeguarding Policy.", {"guidance_as_law"}, {}),
    ("Our legal basis for sharing is the Caldicott Principles.", {"guidance_as_law"}, {}),
    # Bodies, schemes and codes that no longer exist
    ("If we are worried about a child we tell the Local Safeguarding Children Board.", {"stale_reference"}, {}),
    ("Staff who work with children must pass a CRB check.", {"stale_reference"}, {}),
    ("We report serious concerns about teachers to the General Teaching Council for England.",
     {"stale_reference"}, {}),
    ("Complaints about officers can be sent to the Essex Police Authority.", {"stale_reference"}, {}),
    ("Screening results are sent to Public Health England.", {"stale_reference"}, {}),
    ("We complete the Information Governance Toolkit every year.", {"stale_reference"}, {}),
    ("We monitor the ethnicity of applicants under the Race Relations Act 1976.", {"stale_reference"}, {}),
    # Dates that have passed
    ("All records will move to the new case system by 31 March 2024.", {"date_passed"}, {}),
    ("From 1 April 2023, the service is delivered by a new provider.", {"date_passed"}, {}),
    ("The consultation on the new service will close on 30 September 2025.", {"date_passed"}, {}),
    ("Until June 2024 you can still use the old referral form.", {"date_passed"}, {}),
    # Text and records that disagree
    ("We also receive information about you from your GP and the police.", {"sources_contradicted"}, {}),
    ("Some information is shared with us by schools and other local authorities.", {"sources_contradicted"}, {}),
    ("Referrals are passed to us by health visitors.", {"sources_contradicted"}, {}),
    ("CaseCloud is an independent controller and uses your information for its own purposes.",
     {"recipient_role_contradicted"}, {"recipients": PROCESSOR}),
    ("Essex Police process your information on our behalf.", {"recipient_role_contradicted"},
     {"recipients": POLICE}),
    # Two at once
    ("Under the Children Act we share information with the Local Safeguarding Children Board.",
     {"citation_year_missing", "stale_reference"}, {}),
]

CLEAN = [
    ("We keep records about children in care because the Children Act 1989 requires it.", {}),
    ("Under the Care Act 2014 we must assess the needs of adults who may need support.", {}),
    ("We follow the Adoption and Children Act 2002 when we place children for adoption.", {}),
    ("Students' records are kept under the Further and Higher Education Act 1992.", {}),
    ("We follow Keeping Children Safe in Education when we train our staff.", {}),
    ("Our staff are trained in line with Working Together to Safeguard Children 2023, which is statutory guidance.",
     {}),
    ("Volunteers need a DBS check before they start.", {}),
    ("We share information with the Essex Safeguarding Children Partnership.", {}),
    ("Records will be kept for 25 years from the date of birth.", {}),
    ("We updated this notice in January 2026.", {}),
    ("Since 25 May 2018 the UK GDPR has protected your information.", {}),
    ("The new service will start on 1 March 2027.", {}),
    ("Referrals must be made by 31 January 2027.", {}),
    ("We get most of this information from you.", {}),
    ("You give us information about yourself when you fill in the form.", {}),
    ("CaseCloud hosts our case records and processes them on our behalf.", {"recipients": PROCESSOR}),
    ("Essex Police are a controller in their own right and use the information for their own purposes.",
     {"recipients": POLICE}),
    ("We handle requests under the Freedom of Information Act 2000 and the Environmental Information Regulations "
     "2004.", {}),
    ("The Data Protection Act 2018 and the UK GDPR set out your rights.", {}),
    ("We must have an appropriate policy document under the Data Protection Act 2018.", {}),
    ("Health visitors give advice to parents of young children.", {}),
    ("We follow the NHS Records Management Code of Practice 2021 when we keep records.", {}),
    ("Our duties come from the Children Act 1989 and the Children and Families Act 2014.", {}),
    ("We also get information from other organisations, such as schools.", {"sources": SCHOOLS}),
    ("The Mental Capacity Act 2005 Code of Practice explains how we assess capacity.", {}),
    ("The law says we must keep some records for 75 years.", {}),
    ("We published our Equality Policy in 2024.", {}),
    ("Contact the Police and Crime Commissioner for Essex about policing.", {}),
    ("We review the information we hold every year.", {}),
    ("Your information will be deleted when your case closes.", {}),
    ("Under the Children Act 1989 (section 47) we make enquiries when a child may be at risk.", {}),
    ("In 2015 we published a privacy statement; this notice replaces it.", {}),
    ("We allocate council homes under the Housing Act 1996 and inspect rented homes under the Housing Act 2004.",
     {}),
    ("Detention in hospital is governed by the Mental Health Act 1983, as amended by the Mental Health Act 2007.",
     {}),
    ("Schools share information with us under the Education Act 1996 and the Education Act 2002.", {}),
]

# Seed notices, checked as pasted text (check_text): (file, {(code, quoted words)}).
SEEDS = [
    ("001-hcrg-essex-child-family-wellbeing.txt", {("stale_reference", "NHS Digital")}),
    ("002-essex-cc-childrens-services.txt", {
        ("stale_reference", "Privacy Shield"),
        ("citation_year_missing", "Health and Safety at Work Act"),
    }),
    ("003-essex-cc-privacy-statement-2015.txt", set()),
]
