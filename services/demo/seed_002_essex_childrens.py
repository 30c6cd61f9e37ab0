"""Seed 002: Essex County Council, Privacy notice for children's services (undated).

One notice for about thirty services. Like seed 001, it gives its lawful bases once for all its uses, so each
purpose below pairs them as the demo reads the notice and says so in its note. The notice says "Here is a list
of the legislation we rely on" but the list itself is not in its text, so no law is recorded for its purposes
beyond the one Act it names (the compliance checks then report the missing law).
"""

from .common import YOU

KEY = "002"
TITLE = "Privacy notice for children's services"
LAST_UPDATED = ""
SOURCE_FILE = "002-essex-cc-childrens-services.txt"

PAIRING = (
    "Seed 002 gives its lawful bases for all its uses together (legal obligation, public task, vital interests; "
    "for special category data, substantial public interest and health or social care); this pairing is the "
    "demo's reading."
)
SCH1_CHOICE = (
    "The seed names no Sch 1 condition: para 18 (safeguarding of children and individuals at risk) is the demo's "
    "choice for substantial public interest. Sch 1 Part 2 needs an appropriate policy document; the seed links none."
)
CRIMINAL_ROUTE = (
    "The seed does not say what allows it to use criminal offence data; official authority is the demo's choice."
)
PROCESSOR_READING = (
    "Listed among the people the council shares with, not among its processors; recorded as a processor because "
    "it provides a service on the council's behalf."
)

ECC = "essex-county-council"

CONTROLLERS = [
    {
        "slug": ECC,
        "name": "Essex County Council",
        "is_public_authority": True,
        "rights_request_instructions": (
            "Ask us in writing for all the information we have about you and your services. If you cannot ask in "
            "writing, we will make sure there are other ways you can apply."
        ),
        "note": (
            "Named as the data controller in seed 002; seed 003 is its 2015 privacy statement. Neither names a "
            "DPO or gives DPO contact details, a registered office, an ICO registration number or a website "
            "address. The rights request wording is from the 2015 statement, which gives no address; seed 002 "
            "only points to the ICO and to a 'full privacy notice'."
        ),
    },
]

SERVICES = [
    {
        "slug": "essex-adoption-agency",
        "name": "Essex Adoption Agency",
        "description": (
            "Recruits and assesses prospective adoptive parents for our children across Essex and provides support "
            "to the adopted children, their adoptive parents and their birth families."
        ),
    },
    {
        "slug": "assessment-and-intervention",
        "name": "Assessment and Intervention service (A and I)",
        "description": (
            "Responsible for undertaking assessments of children "
            "where serious safeguarding issues have been raised."
        ),
    },
    {
        "slug": "children-in-care-leaving-care-and-after-care",
        "name": "Children in Care, Leaving Care and After Care",
        "description": (
            "Offers advice and support to young people in care for 72 hours or more and care leavers up to the age "
            "of 25; ensuring those entering adulthood care are not isolated and can participate socially and "
            "economically."
        ),
    },
    {
        "slug": "child-protection",
        "name": "Child Protection",
        "description": (
            "Works with families where there are concerns that "
            "their children are at risk of significant harm."
        ),
    },
    {
        "slug": "children-and-families-hub",
        "name": "Children and Families Hub",
        "description": "Single contact point for anyone to request early help or children's social care support.",
    },
    {
        "slug": "children-and-young-peoples-placement-service",
        "name": "Children and Young Peoples Placement service",
        "description": (
            "Responsible for identifying well matched placements for children and young people within Essex and "
            "monitoring the standard of provision."
        ),
    },
    {
        "slug": "children-and-young-people-with-disabilities",
        "name": "Children and Young People with Disabilities (0 to 25)",
        "description": "Provides support to children and young people with disabilities.",
    },
    {
        "slug": "collaborative-enquiry",
        "name": "Collaborative Enquiry",
        "description": (
            "Researches into health, wellbeing, lifestyle and social circumstances of children, young people and "
            "families in Essex."
        ),
    },
    {
        "slug": "divisional-based-intervention-service",
        "name": "Divisional Based Intervention service (D-BIT)",
        "description": (
            "Works with children and young people identified on the edge of care, arising from breakdown of family "
            "relationships and those at risk of custody."
        ),
    },
    {
        "slug": "emergency-duty-team",
        "name": "Emergency Duty team",
        "description": (
            "Our Out of Hours service for those situations "
            "that cannot safely wait until the next working day."
        ),
    },
    {
        "slug": "health-and-safety",
        "name": "Health and safety",
        "description": (
            "Provides advice on health and safety management to comply with the Health and Safety at Work Act and "
            "all subordinate regulations."
        ),
    },
    {
        "slug": "information-advice-and-guidance",
        "name": "Information, Advice and Guidance (IAG) service (Preparing for adulthood)",
        "description": (
            "Works with children and young people aged 14 to 25 years who have an education, health and care plan."
        ),
    },
    {
        "slug": "family-group-conference",
        "name": "Family Group Conference",
        "description": (
            "Supports families to use all the ideas and strengths of the family network to come up with solutions "
            "to the difficulties and challenges being experienced."
        ),
    },
    {
        "slug": "family-solutions",
        "name": "Family Solutions",
        "description": (
            "Supports families on a voluntary basis who are not likely to suffer significant harm, by finding "
            "solutions collaboratively as a family."
        ),
    },
    {
        "slug": "family-support-and-protection",
        "name": "Family Support and Protection",
        "description": (
            "Provides support to children and families who are at risk, or who may be experiencing a range of "
            "problems at home."
        ),
    },
    {
        "slug": "fostering-and-special-guardianship",
        "name": "Fostering Service and Special Guardianship Orders (SGO)",
        "description": (
            "Recruits and assesses foster carers and Special Guardians and provides support to foster carers and "
            "the children in their care, and to children subject to a SGO, their Special Guardians and their "
            "birth families."
        ),
    },
    {
        "slug": "independent-review-officer-service",
        "name": "Independent Review Officer service",
        "description": (
            "Ensures all children in the care of Essex County Council have their care plans independently reviewed "
            "and their progress monitored by independent reviewing officers."
        ),
    },
    {
        "slug": "independent-visitor-service",
        "name": "Independent Visitor service",
        "description": (
            "Provides support to 'looked after' young people. The service is delivered by volunteers and a "
            "Disclosure and Barring Service (DBS) check is required."
        ),
    },
    {
        "slug": "involvement-team",
        "name": "Involvement team",
        "description": (
            "Supports children and young people in their personal, social, emotional and relational development."
        ),
    },
    {
        "slug": "occupational-therapy-service",
        "name": "Occupational Therapy service",
        "description": (
            "Works with children and young people who have a substantial and long-term disability which makes day "
            "to day activities difficult."
        ),
    },
    {
        "slug": "residential-service",
        "name": "Residential service",
        "description": "Short break respite care provision for children in Essex.",
    },
    {
        "slug": "safeguarding-children-service",
        "name": "Safeguarding Children service",
        "description": (
            "Manages and oversee cases where there are safeguarding concerns/allegations made against people who "
            "work or volunteer with children in any setting across Essex; and support our Disclosure and Barring "
            "checks (DBS)."
        ),
    },
    {
        "slug": "short-breaks-for-disabled-children",
        "name": "Short Breaks for Disabled Children and Young People",
        "description": (
            "Provides a short breaks programme for children/young people who have a diagnosis of special "
            "educational needs and/or a disability."
        ),
    },
    {
        "slug": "transformation-delivery-and-support",
        "name": "Transformation, Delivery and Support (Business Support Services)",
        "description": (
            "Holds the day-to-day responsibility for the administration, external liaison, relevant reporting and "
            "data capture relating to Junior Individual Savings Accounts and Child Trust Funds (for Looked After "
            "Children meeting certain qualifying criteria) on behalf of Essex County Council."
        ),
    },
    {
        "slug": "travel-and-accommodation",
        "name": "Travel and accommodation",
        "description": "Books travel and accommodation to meet service user needs.",
    },
    {
        "slug": "young-carers-service",
        "name": "Young Carers service",
        "description": (
            "Offers free personalised support to young carers and their families that will be developed with them "
            "around their need for help and the caring they do."
        ),
    },
    {
        "slug": "youth-offending-service",
        "name": "Youth Offending service",
        "description": (
            "Reduces the risk of young people (10 to 18 years) offending and re-offending, and providing support "
            "and rehabilitation to those who do offend."
        ),
    },
]
for _service in SERVICES:
    _service.update(controller=ECC, role="controller")
ALL_SERVICES = [service["slug"] for service in SERVICES]
# "Essex County Council is the Data Controller for this processing." The seed names no partner, commissioner or
# joint controller for any service.
PARTIES = [{"service": slug, "body": ECC, "role": "controller", "order": 1} for slug in ALL_SERVICES]

CHILDREN = "Children and young people"
FAMILIES = "Parents, carers and family members"
ADOPTERS = "Prospective adopters, adoptive parents and birth families"
FOSTER_CARERS = "Foster carers and special guardians"
VOLUNTEERS = "Volunteers"
YOUNG_CARERS = "Young carers and their families"
WORKERS = "People who work or volunteer with children"
REFERRERS = "Members of the public who refer concerns"
RESEARCH = "People taking part in research"

SUBJECT_GROUPS = [
    {"name": CHILDREN, "description": "Including children in care and care leavers up to the age of 25."},
    {"name": FAMILIES},
    {"name": ADOPTERS},
    {"name": FOSTER_CARERS, "description": "Including applicants who are not approved or who withdraw."},
    {"name": VOLUNTEERS, "description": "Such as independent visitors for looked after young people."},
    {"name": YOUNG_CARERS},
    {"name": WORKERS, "description": "Including people an allegation is made against, and people having DBS checks."},
    {"name": REFERRERS},
    {"name": RESEARCH},
]

NAME = "Name and contact details"
BIRTH = "Date of birth"
FAMILY = "Family details"
CASE_FILE = "Case file information"
LIFESTYLE = "Lifestyle and social circumstances"
IMAGES = "Visual images, personal appearance and behaviour"
HOUSING = "Housing needs"
WORK = "Employment and education details"
MONEY = "Financial details"
NHS_NUMBER = "NHS number"
HEALTH = "Physical or mental health details"
RACE = "Race or ethnic origin"
BELIEF = "Religious or other beliefs of a similar nature"
PROCEEDINGS = "Criminal proceedings, outcomes and sentences"
OFFENCES = "Offences (including alleged offences)"
VIEWS = "Your views on your experience of our services"

DATA_CATEGORIES = [
    {"name": NAME, "kind": "personal"},
    {"name": BIRTH, "kind": "personal"},
    {"name": FAMILY, "kind": "personal"},
    {"name": CASE_FILE, "kind": "personal"},
    {"name": LIFESTYLE, "kind": "personal"},
    {"name": IMAGES, "kind": "personal"},
    {"name": HOUSING, "kind": "personal"},
    {"name": WORK, "kind": "personal"},
    {"name": MONEY, "kind": "personal"},
    {
        "name": NHS_NUMBER,
        "kind": "personal",
        "description": "The NHS may share it so that the NHS and children's social care use the same number for you.",
    },
    {"name": HEALTH, "kind": "special"},
    {"name": RACE, "kind": "special"},
    {"name": BELIEF, "kind": "special"},
    {"name": PROCEEDINGS, "kind": "criminal"},
    {"name": OFFENCES, "kind": "criminal"},
    {"name": VIEWS, "kind": "personal"},
]
EVERY_CATEGORY = [category["name"] for category in DATA_CATEGORIES]
# "We get most of this information from you, but we may also get some of this information from:" and the list of
# sources (SOURCES, bar "You"): said of every category, so each comes from both, from those sources.
FROM_OTHERS_LISTED_IN_SEED = [
    "Health agencies or providers", "Police", "Probation Service", "Members of the public (referrers)",
    "Commissioned service delivery partners", "Housing agencies", "Family members", "Children and family hubs",
    "Other local authorities", "Education providers", "Adoption agencies and advisors", "Employers",
    "Children and Family Court Advisory Service", "Referees", "Vetting agencies", "HM Court Service", "Secure estate",
]
for _category_spec in DATA_CATEGORIES:
    _category_spec.update(obtained_from="both", sources=FROM_OTHERS_LISTED_IN_SEED)

NO_LAW = (
    "The seed says 'Here is a list of the legislation we rely on' but the list is not in its text, so no law is "
    "recorded."
)
LEGISLATION = [
    {
        "title": "Health and Safety at Work etc. Act 1974",
        "year": 1974,
        "chapter": "c. 37",
        "url": "https://www.legislation.gov.uk/ukpga/1974/37",
        "note": "Named in seed 002, in the description of the Health and safety service, as 'the Health and Safety "
        "at Work Act'.",
    },
]

PURPOSES = [
    {
        "name": "Safeguarding children",
        "description": "To safeguard children.",
        "art6_basis": "art6_1_c",
        "art9_condition": "art9_2_g",
        "sch1_condition": "sch1_p2_18",
        "criminal_condition": "art10_official_authority",
        "data_categories": [category for category in EVERY_CATEGORY if category != VIEWS],
        "subject_groups": [CHILDREN, FAMILIES, WORKERS, REFERRERS],
        "collected_from": "both",
        "note": f"{PAIRING} {SCH1_CHOICE} {CRIMINAL_ROUTE} {NO_LAW}",
    },
    {
        "name": "Delivering your service",
        "description": "To deliver your service.",
        "art6_basis": "art6_1_e",
        "art9_condition": "art9_2_h",
        "sch1_condition": "sch1_p1_2",
        "criminal_condition": "art10_official_authority",
        "legislation": ["Health and Safety at Work etc. Act 1974"],
        "data_categories": EVERY_CATEGORY,
        "subject_groups": [CHILDREN, FAMILIES, ADOPTERS, FOSTER_CARERS, YOUNG_CARERS],
        "collected_from": "both",
        "note": (
            f"{PAIRING} {CRIMINAL_ROUTE} Of the law the council relies on, the seed names only the Health and Safety "
            "at Work Act, in describing its Health and safety service; the list it promises is not in its text."
        ),
    },
    {
        "name": "Planning and improving your service",
        "description": "To plan and improve your service.",
        "art6_basis": "art6_1_e",
        "data_categories": [CASE_FILE, LIFESTYLE, VIEWS],
        "subject_groups": [CHILDREN, FAMILIES],
        "collected_from": "both",
        "note": f"{PAIRING} {NO_LAW}",
    },
    {
        "name": "Preventing or detecting fraud or crime",
        "description": (
            "To prevent or detect fraud or crime. This may include sharing your information with external agencies, "
            "which could lead to some services being declined."
        ),
        "art6_basis": "art6_1_e",
        "criminal_condition": "art10_official_authority",
        "data_categories": [NAME, BIRTH, MONEY, PROCEEDINGS, OFFENCES],
        "subject_groups": [CHILDREN, FAMILIES, FOSTER_CARERS],
        "collected_from": "both",
        "note": f"{PAIRING} {CRIMINAL_ROUTE} {NO_LAW}",
    },
    {
        "name": "Managing and supporting volunteers",
        "description": "To manage and support you as a volunteer, including the Disclosure and Barring Service check.",
        "art6_basis": "art6_1_e",
        "criminal_condition": "art10_official_authority",
        "data_categories": [NAME, BIRTH, WORK, PROCEEDINGS, OFFENCES],
        "subject_groups": [VOLUNTEERS],
        "collected_from": "both",
        "provision_requirement": (
            "A Disclosure and Barring Service (DBS) check is required for volunteers with the Independent Visitor "
            "service."
        ),
        "note": (
            f"{PAIRING} {CRIMINAL_ROUTE} {NO_LAW} Whether volunteers must give information: the seed only says "
            "that the Independent Visitor service needs a DBS check."
        ),
    },
    {
        "name": "Contacting someone for you in an emergency",
        "description": "To contact someone for you in case of an emergency.",
        "art6_basis": "art6_1_d",
        "data_categories": [NAME, FAMILY],
        "subject_groups": [CHILDREN, FAMILIES],
        "collected_from": "person",
        "note": PAIRING,
    },
    {
        "name": "Evidencing outcomes to central government",
        "description": "To evidence positive outcomes to central government funding departments.",
        "art6_basis": "art6_1_e",
        "data_categories": [NAME, FAMILY, CASE_FILE],
        "subject_groups": [CHILDREN, FAMILIES],
        "collected_from": "both",
        "note": (
            f"{PAIRING} The seed names the Troubled Families programme among its government recipients. {NO_LAW}"
        ),
    },
    {
        "name": "Research using anonymised information",
        "description": (
            "To conduct research using anonymised information. If we would like to use your personal identifiable "
            "information we will ask for your consent."
        ),
        "art6_basis": "art6_1_e",
        "data_categories": [NAME, LIFESTYLE, VIEWS],
        "subject_groups": [RESEARCH],
        "collected_from": "person",
        "provision_requirement": (
            "Only with your consent: if we would like to use information that identifies you, we will ask you first."
        ),
        "note": (
            f"{PAIRING} The seed promises to ask for consent before using identifiable information for research, "
            "but lists only legal obligation, public task and vital interests as its bases: public task is "
            "recorded. The Collaborative Enquiry service researches health too; the seed gives no condition for "
            f"special category research data, so none is recorded. {NO_LAW}"
        ),
    },
]

OUT_OF_DATE_UNCHECKED = "(not in the project's verified reference tables)"

SOURCES = [
    YOU,
    {"name": "Health agencies or providers", "kind": "category"},
    {"name": "Police", "kind": "category"},
    {"name": "Probation Service", "kind": "organisation"},
    {"name": "Members of the public (referrers)", "kind": "category"},
    {"name": "Commissioned service delivery partners", "kind": "category"},
    {"name": "Housing agencies", "kind": "category"},
    {"name": "Family members", "kind": "category"},
    {"name": "Children and family hubs", "kind": "category"},
    {"name": "Other local authorities", "kind": "category"},
    {"name": "Education providers", "kind": "category"},
    {"name": "Adoption agencies and advisors", "kind": "category"},
    {"name": "Employers", "kind": "category"},
    {"name": "Children and Family Court Advisory Service", "kind": "organisation"},
    {"name": "Referees", "kind": "category"},
    {"name": "Vetting agencies", "kind": "category"},
    {
        "name": "HM Court Service",
        "kind": "organisation",
        "note": f"Named as the seed names it; HM Courts & Tribunals Service since 2011 {OUT_OF_DATE_UNCHECKED}.",
    },
    {
        "name": "Secure estate",
        "kind": "category",
        "description": "Prisons, Young Offender Institutions and Secure Training Centres.",
    },
    {"name": "Other Essex County Council social care teams", "kind": "category"},
    {
        "name": "The NHS",
        "kind": "organisation",
        "description": "Shares your NHS number so that the NHS and children's social care use the same number for you.",
    },
]


def _shared_with(name: str, why: str = "", *, kind: str = "category", role: str = "controller", **extra) -> dict:
    # "No other personal information is routinely sent or held outside the UK" (the seed, beside Redfern): every
    # recipient but Redfern holds the information in the UK.
    return {"name": name, "kind": kind, "role": role, "why_shared": why, "location": "in_uk", **extra}


RECIPIENTS = [
    _shared_with(
        "Health service providers, including NHS agencies",
        "For example GPs, hospitals, ambulance, health visitors and mental health services.",
    ),
    _shared_with("Education providers"),
    _shared_with("Commissioned service providers"),
    _shared_with(
        "Charitable and voluntary sector partners",
        "For example Brentwood Childrens Catholic Society and the NSPCC.",
    ),
    _shared_with("Other Essex County Council social care or education teams"),
    _shared_with(
        "Government agencies",
        "For example the Department for Education, Ofsted, the Department for Works and Pensions, the Ministry of "
        "Housing Communities and Local Government (Troubled Families programme), Border Control and Immigration "
        "Services, courts and the secure estate, the Probation Service and community rehabilitation companies, "
        "and the Disclosure and Barring Service.",
        note=(
            "Listed as the seed lists them, including its spelling 'Department for Works and Pensions'. Community "
            "rehabilitation companies were brought back into the Probation Service in 2021, and the Troubled "
            f"Families programme has been renamed Supporting Families {OUT_OF_DATE_UNCHECKED}."
        ),
    ),
    _shared_with("Other local authorities, including for electoral roll purposes"),
    _shared_with("Employers"),
    _shared_with("Essex Legal Services, courts and the Children and Family Court Advisory Service (CAFCASS)"),
    _shared_with(
        "Essex Safeguarding Boards",
        note=(
            "The seed also names the 'Essex Safeguarding Childrens Board'; local safeguarding children boards "
            f"were replaced by safeguarding partnerships from 2019 {OUT_OF_DATE_UNCHECKED}."
        ),
    ),
    _shared_with("Police, fire and rescue services"),
    _shared_with("Advocacy services"),
    _shared_with("Direct Payment support services"),
    _shared_with("Supported lodging or semi-independent accommodation providers"),
    _shared_with("Adoption agencies and advisors, including voluntary adoption agencies"),
    _shared_with("Community hubs"),
    _shared_with("Youth services"),
    _shared_with("The Fostering Network and Essex Foster Carers Association", kind="organisation"),
    _shared_with("Essex Social Care Academy", "The council's training provider.", kind="organisation"),
    _shared_with(
        "Health and care practitioners using My Care Record",
        "Your NHS number is used in an integrated care record system across GPs, hospitals, community matrons, "
        "district nurses and social care practitioners.",
    ),
    _shared_with(
        "Mosaic",
        "Our case management system, used to support our service delivery.",
        kind="organisation",
        role="processor",
        note="The seed names the system, not its supplier.",
    ),
    _shared_with(
        "Crossdata (Dizions)",
        "System support for our Youth Offending Service.",
        kind="organisation",
        role="processor",
    ),
    {
        "name": "Redfern",
        "kind": "organisation",
        "role": "processor",
        "what_is_shared": "Details needed to book travel and accommodation.",
        "why_shared": (
            "We use Redfern for travel and accommodation bookings. For accommodation or flights, the information "
            "is accessible to its parent company in the United States."
        ),
        "location": "abroad",
        "transfer_country": "United States",
        "safeguard": "other",
        "safeguard_detail": (
            "In order to safeguard your personal information and ensure you have the same rights as you would if "
            "your personal information was processed in the UK we have ensured that the parent company is "
            "registered with the US Privacy Shield, meaning the EU has agreed that they have an adequate level of "
            "data protection in place."
        ),
        "note": (
            "The EU-US Privacy Shield was declared invalid by the Court of Justice of the EU (C-311/18, Schrems II) "
            "on 16 July 2020, so this transfer needs a current safeguard. The seed's wording is kept as it stands."
        ),
    },
    _shared_with("Stopford", "For booking services.", kind="organisation", role="processor"),
    _shared_with(
        "Telljo", "For helping to prevent service users going into crisis.", kind="organisation", role="processor"
    ),
    _shared_with("Millbrook", "For care technology services.", kind="organisation", role="processor"),
    _shared_with(
        "Post Office",
        "For the processing and delivery of fuel vouchers.",
        kind="organisation",
        role="processor",
        note=PROCESSOR_READING,
    ),
    _shared_with(
        "BookingLab",
        "For booking events, rooms and courses for Short Breaks, fostering, and the Essex Safeguarding Childrens "
        "Board.",
        kind="organisation",
        role="processor",
        note=PROCESSOR_READING,
    ),
    _shared_with("Commissioned care providers", "Supporting your care.", role="processor"),
    _shared_with("Residential and nursing care providers", "Supporting your care.", role="processor"),
    _shared_with("Day care providers", "Supporting your care.", role="processor"),
    _shared_with("Education providers supporting your care", "Supporting your care.", role="processor"),
    _shared_with("Prepaid card providers", "Supporting your care.", role="processor"),
]

NO_AUTHORITY = "The seed gives no source for this period."
NO_SERVICE_LINK = (
    "The seed does not say which services each period applies to; the demo links the general rules to every "
    "service and the specific ones to the services they name."
)

RETENTION_RULES = [
    {
        "record_type": "General social care records",
        "period_kind": "fixed",
        "period_number": 35,
        "period_unit": "years",
        "trigger": "last contact",
        "services": ALL_SERVICES,
        "note": f"{NO_AUTHORITY} {NO_SERVICE_LINK}",
    },
    {
        "record_type": "Records of looked after children (children in care)",
        "period_kind": "fixed",
        "period_number": 75,
        "period_unit": "years",
        "trigger": "last contact",
        "services": ["children-in-care-leaving-care-and-after-care"],
        "note": (
            f"{NO_AUTHORITY} The reference table gives England's statutory period as until the person's 75th "
            "birthday (Care Planning, Placement and Case Review (England) Regulations 2010, reg 50; partly "
            "verified), not 75 years from last contact."
        ),
    },
    {
        "record_type": "Adoption records",
        "period_kind": "fixed",
        "period_number": 100,
        "period_unit": "years",
        "trigger": "the date of the adoption order",
        "services": ["essex-adoption-agency"],
        "note": (
            "The seed says '100 years for adoption records' and does not say what the period counts from. The "
            "date of the adoption order is the demo's reading, as in the Disclosure of Adoption Information "
            "(Post-Commencement Adoptions) Regulations 2005, reg 6 (reference table)."
        ),
    },
    {
        "record_type": "Records of unapproved foster carers and withdrawn applications",
        "period_kind": "fixed",
        "period_number": 3,
        "period_unit": "years",
        "trigger": "the decision not to approve or the withdrawal of the application",
        "action": "review",
        "services": ["fostering-and-special-guardianship"],
        "note": (
            "The seed says these records 'will be deleted following a review after three years' and does not say "
            "what the three years count from."
        ),
    },
    {
        "record_type": "Volunteer records",
        "period_kind": "fixed",
        "period_number": 75,
        "period_unit": "years",
        "trigger": "the date of birth of the young person the volunteer supports",
        "services": ["independent-visitor-service"],
        "note": (
            f"{NO_AUTHORITY} The seed also says the council stops using the information when the person stops "
            "volunteering."
        ),
    },
    {
        "record_type": "Records of safeguarding allegations",
        "period_kind": "until_event",
        "until_event": (
            "the person reaches normal retirement age, or for 10 years from the date of the allegation if that is "
            "longer"
        ),
        "services": ["safeguarding-children-service"],
        "note": (
            "The seed's rule is the longer of two periods, which one fixed period cannot express, so it is "
            "recorded as an event. The seed refers to a 'data retention leaflet' for details."
        ),
    },
    {
        "record_type": "Young Carers records",
        "period_kind": "fixed",
        "period_number": 15,
        "period_unit": "years",
        "trigger": "the end of our involvement",
        "services": ["young-carers-service"],
        "note": (
            "The seed says 'Young Carers personal information will be held for 15 years' and gives no starting "
            "point. The end of the council's involvement is the demo's reading of the notice's introduction "
            "('dependant on our involvement with you'); confirm it with the service."
        ),
    },
    {
        "record_type": "Research information",
        "period_kind": "until_event",
        "until_event": "the research project is completed",
        "action": "anonymise",
        "services": ["collaborative-enquiry"],
        "note": (
            "The seed: notes taken in consultation sessions are destroyed; the information goes on being used in a "
            "summarised and anonymised form in published research, which may be kept in public archives "
            "indefinitely."
        ),
    },
    {
        "record_type": "Short-term records (one-off contacts and checks)",
        "period_kind": "fixed",
        "period_number": 1,
        "period_unit": "years",
        "trigger": "the last action",
        "services": ALL_SERVICES,
        "note": (
            "The seed lists: one-off contact with no further action; OFSTED checks; Office for Standards in "
            "Education checks (the same body, listed twice); Disclosure and Barring Service checks, reference "
            "number, date of check and result; CAFCASS checks; Day Care Centres checks. "
            f"{NO_SERVICE_LINK}"
        ),
    },
]
for _rule in RETENTION_RULES:
    _rule.setdefault("action", "destroy")

LEGAL_HOLDS = []
