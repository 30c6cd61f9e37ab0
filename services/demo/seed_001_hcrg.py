"""Seed 001: Essex Child and Family Wellbeing Services – Patient Privacy Notice, provided by HCRG Care Services
Ltd (last updated January 2026).

The notice lists its Art 6 bases and Art 9 conditions once, for everything it does, without saying which
applies to which use. Each purpose below pairs them as the demo reads the notice, and says so in its note.
"""

from .common import YOU

KEY = "001"
TITLE = "Essex Child and Family Wellbeing Services – Patient Privacy Notice"
LAST_UPDATED = "January 2026"
SOURCE_FILE = "001-hcrg-essex-child-family-wellbeing.txt"

PAIRING = (
    "Seed 001 lists its lawful bases and special category conditions without saying which applies to which "
    "use; this pairing is the demo's reading."
)
NO_LEGISLATION = "The seed names no law for this task."
ROLE_NOT_STATED = (
    "The seed does not say whether this recipient is a controller or a processor; the role is the demo's reading."
)

HCRG = "hcrg-care-services"
NELFT = "nelft"
PROVIDE = "provide-cic"
BARNARDOS = "barnardos"
ECFWS = "essex-child-and-family-wellbeing"

CONTROLLERS = [
    {
        "slug": HCRG,
        "name": "HCRG Care Services Ltd",
        "other_names": "Essex Child and Family Wellbeing Services, ECFWS, HCRG Care Group",
        "company_number": "07557877",
        "registered_office": "The Heath Business and Technical Park\nRuncorn\nCheshire\nWA7 4QX",
        "is_public_authority": False,
        "dpo_name": "Deborah Tonkin",
        "dpo_email": "Ask.IG@hcrgcaregroup.com",
        "dpo_address": "The Heath Business Park\nRuncorn\nCheshire\nWA7 4QX",
        "rights_request_instructions": (
            "Email the Access to Records Team at accesstorecordsteam@hcrgcaregroup.com or write to us at "
            "The Heath Business Park, Runcorn, Cheshire, WA7 4QX."
        ),
        "note": (
            "A limited company registered in England and Wales, part of the HCRG Care Group; it provides "
            "NHS-commissioned children's community services. The seed does not say whether it treats itself as "
            "a public authority, and gives no ICO registration number, website address or DPO phone number. "
            "The registered office is 'The Heath Business and Technical Park'; the DPO and records addresses "
            "say 'The Heath Business Park', as the seed does."
        ),
    },
    {
        "slug": NELFT,
        "name": "North-East London NHS Foundation Trust",
        "other_names": "NELFT",
        # An NHS foundation trust is a public authority whatever the notice says.
        "is_public_authority": True,
        "note": (
            "Named in seed 001 only as the controller for SET CAMHS, spelt as the seed spells it. The seed gives "
            "no contact details or DPO for it."
        ),
    },
    {
        "slug": PROVIDE,
        "name": "Provide CIC",
        "is_public_authority": False,
        "note": (
            "Named in seed 001 as the controller for the Essex Wellbeing Service, and as a recipient. The seed "
            "gives no contact details or DPO for it."
        ),
    },
    {
        "slug": BARNARDOS,
        "name": "Barnardo's",
        "is_public_authority": False,
        "note": (
            "Named in seed 001 as the partner delivering the pre-birth to 19 services, with the address of its own "
            "privacy notice (https://www.barnardos.org.uk/privacy-notice). The seed gives no other details of it."
        ),
    },
]

# Seed 001, "Who are we?": ECFWS "are provided by HCRG Care Services Ltd. In most circumstances, we are the data
# controller"; "Our pre-birth to 19 services are delivered in partnership with Barnardo's"; "HCRG Care Group acts
# as a data processor" for SET CAMHS (controller NELFT) and the Essex Wellbeing Service (controller Provide CIC).
# Its "Commissioners" are not named, so no commissioner is recorded.
PARTIES = [
    {"service": ECFWS, "body": HCRG, "role": "controller", "order": 1},
    {"service": ECFWS, "body": BARNARDOS, "role": "partner", "order": 1,
     "note": "The seed says only the pre-birth to 19 services are delivered in partnership with Barnardo's."},
    {"service": "set-camhs", "body": NELFT, "role": "controller", "order": 1},
    {"service": "set-camhs", "body": HCRG, "role": "processor", "order": 1},
    {"service": "essex-wellbeing-service", "body": PROVIDE, "role": "controller", "order": 1},
    {"service": "essex-wellbeing-service", "body": HCRG, "role": "processor", "order": 1},
]

SERVICES = [
    {
        "slug": ECFWS,
        "name": "Essex Child and Family Wellbeing Service",
        "controller": HCRG,
        "role": "controller",
        "description": (
            "Brings together a range of children's community services for Essex. Our pre-birth to 19 services "
            "are delivered in partnership with Barnardo's."
        ),
    },
    {
        "slug": "set-camhs",
        "name": "Southend, Essex and Thurrock Child, Adolescent and Mental Health Service (SET CAMHS)",
        "controller": HCRG,
        "role": "processor",
        "other_controllers": [NELFT],
        "description": "Mental health services for children and young people in Southend, Essex and Thurrock.",
        "note": "The seed says HCRG Care Group acts as a processor for this service, with NELFT as controller.",
    },
    {
        "slug": "essex-wellbeing-service",
        "name": "Essex Wellbeing Service (EWS)",
        "controller": HCRG,
        "role": "processor",
        "other_controllers": [PROVIDE],
        "note": (
            "The seed says HCRG Care Group acts as a processor for this service, with Provide CIC as controller. "
            "It does not describe the service."
        ),
    },
]

PATIENTS = "Children, young people and families using our community health services"
RELATIVES = "Relatives and carers of people using our services"
VISITORS = "Visitors and staff at our premises"
CALLERS = "People who telephone our services"

SUBJECT_GROUPS = [
    {"name": PATIENTS, "description": "Patients of the Essex Child and Family Wellbeing Services."},
    {"name": RELATIVES, "description": "Relatives and those who care for our patients."},
    {"name": VISITORS, "description": "People seen by CCTV at our premises."},
    {"name": CALLERS, "description": "People whose telephone calls to our services may be recorded."},
]

CONTACT = "Name, date of birth, address and contact details"
ETHNICITY = "Ethnicity"
HEALTH = "Information about your health"
CCTV = "CCTV images"
CALLS = "Call recordings"
FEEDBACK = "Feedback and survey responses"
MEDIA = "Stories, images and recordings for publicity"

DATA_CATEGORIES = [
    # "We will collect 'personal data' about you such as your name, date of birth, address and contact details.
    # We may also ask you for more sensitive data ... such as your ethnicity".
    {"name": CONTACT, "kind": "personal", "obtained_from": "person"},
    {"name": ETHNICITY, "kind": "special", "obtained_from": "person"},
    {
        "name": HEALTH,
        "kind": "special",
        "description": (
            "Your health record: your contact details, the treatment or care you have received, supporting "
            "information such as test results, letters or reports, and relevant information from other health "
            "professionals, relatives or those who care for you."
        ),
        # The record includes "relevant information from other health professionals, relatives or those who
        # care for you" besides what you tell us.
        "obtained_from": "both",
        "sources": ["Other health professionals", "Relatives and those who care for you"],
    },
    {"name": CCTV, "kind": "personal", "description": "Images captured by CCTV at our premises."},
    {
        "name": CALLS,
        "kind": "special",
        "description": (
            "Recordings of telephone calls to our services, including anything said in the call, such as your "
            "name and date of birth and information about your care."
        ),
        "note": "The seed says recordings include information about your care, so they are treated as health data.",
        # "any personal information you provide to us during your call".
        "obtained_from": "person",
    },
    {
        "name": FEEDBACK,
        "kind": "personal",
        "description": "Friends and Family Test answers and service surveys, by text message, online or on paper.",
        "obtained_from": "person",  # your answers
    },
    {"name": MEDIA, "kind": "personal", "description": "Stories, images or recordings of you, made with your consent."},
]

LEGISLATION = []


def _care_purpose(name: str, description: str, **extra) -> dict:
    """Most uses rest on the notice's public task and its health or social care condition."""
    return {
        "name": name,
        "description": description,
        "art6_basis": "art6_1_e",
        "art9_condition": "art9_2_h",
        "sch1_condition": "sch1_p1_2",
        "data_categories": [CONTACT, HEALTH],
        "subject_groups": [PATIENTS],
        "collected_from": "both",
        "note": f"{PAIRING} {NO_LEGISLATION}",
        **extra,
    }


PURPOSES = [
    _care_purpose(
        "Diagnosis, treatment and care",
        "Diagnosis, treatment and follow-up care, including sharing relevant information with healthcare "
        "professionals directly involved in your care; preventative care; and providing social care.",
        data_categories=[CONTACT, ETHNICITY, HEALTH],
        subject_groups=[PATIENTS, RELATIVES],
    ),
    {
        "name": "Contacting you about your care",
        "description": (
            "Appointment reminders by text message, telephone or email, health-related updates, service surveys "
            "and other important information about your care. Our text messages only concern your direct care, "
            "and you can opt out of them by contacting the team you are in contact with."
        ),
        "art6_basis": "art6_1_e",
        "data_categories": [CONTACT],
        "subject_groups": [PATIENTS],
        "collected_from": "person",
        "note": (
            f"{PAIRING} {NO_LEGISLATION} The seed says people can opt out of text message reminders (a use of "
            "their details), not whether they must give their contact details, so no answer is recorded for that."
        ),
    },
    {
        "name": "Safeguarding under social protection law",
        "description": "Using information about your health for safeguarding, under social protection law.",
        "art6_basis": "art6_1_e",
        "art9_condition": "art9_2_b",
        "sch1_condition": "sch1_p1_1",
        "data_categories": [CONTACT, HEALTH],
        "subject_groups": [PATIENTS, RELATIVES],
        "collected_from": "both",
        "note": (
            f"{PAIRING} {NO_LEGISLATION} Sch 1 para 1 needs an appropriate policy document; the seed links none."
        ),
    },
    {
        "name": "Protecting your vital interests",
        "description": (
            "Using information about your health when it is needed to protect your vital interests and you are "
            "physically or legally incapable of giving consent."
        ),
        "art6_basis": "art6_1_e",
        "art9_condition": "art9_2_c",
        "data_categories": [CONTACT, HEALTH],
        "subject_groups": [PATIENTS],
        "collected_from": "both",
        "note": f"{PAIRING} The seed's Art 6 list does not include vital interests, so public task is recorded.",
    },
    _care_purpose(
        "Public health",
        "Using information about your health where it is necessary for reasons of public interest in the area of "
        "public health.",
        art9_condition="art9_2_i",
        sch1_condition="sch1_p1_3",
        note=f"{PAIRING} The seed lists public health as a condition but describes no activity under it.",
    ),
    _care_purpose(
        "Archiving in the public interest",
        "Keeping records for archiving purposes in the public interest.",
        art9_condition="art9_2_j",
        sch1_condition="sch1_p1_4",
        note=f"{PAIRING} {NO_LEGISLATION} The seed describes no archiving activity beyond listing the condition.",
    ),
    {
        "name": "Medical and organisational research",
        "description": (
            "Medical research, and organisational research such as patient surveys. We will always ask for your "
            "consent."
        ),
        "art6_basis": "art6_1_a",
        "art9_condition": "art9_2_a",
        "data_categories": [CONTACT, HEALTH, FEEDBACK],
        "subject_groups": [PATIENTS],
        "collected_from": "person",
        "provision_requirement": "Only with your consent: we will always ask you first.",
        "note": PAIRING,
    },
    _care_purpose(
        "Quality, improvement and training",
        "Training and educating staff and the general public, preparing statistics on NHS performance and "
        "activity, investigating concerns, complaints or legal claims, and quality improvement initiatives.",
        data_categories=[CONTACT, HEALTH, FEEDBACK],
        note=(
            f"{PAIRING} {NO_LEGISLATION} Legal claims would usually rest on Art 9(2)(f), which the seed does "
            "not list."
        ),
    ),
    _care_purpose(
        "Reflective practice",
        "Health and care professionals may look at confidential information about the care they gave you, to "
        "understand and learn from their work and give better and safer care. Only the regulated health or "
        "social care professionals who cared for you may do this.",
        note=f"{PAIRING} {NO_LEGISLATION} The seed's 'For further information, please see:' is followed by nothing.",
    ),
    _care_purpose(
        "Routine record keeping by automation tools",
        "Secure Repetitive Process Automation (RPA) tools, sometimes called robots, carry out routine tasks such "
        "as updating records, generating reports and moving information between systems. No decisions about "
        "your care are made by them.",
        note=(
            f"{PAIRING} {NO_LEGISLATION} The seed says no decisions about care result from these tools, so no "
            "automated decision-making is recorded."
        ),
    ),
    {
        "name": "Media and promotion",
        "description": (
            "Using stories, images or recordings of you to help people understand what we do and to promote the "
            "company internally or externally. We will always ask for your consent to make and use them."
        ),
        "art6_basis": "art6_1_a",
        "data_categories": [MEDIA],
        "subject_groups": [PATIENTS],
        "collected_from": "person",
        "provision_requirement": "Only with your consent: we will always ask you before we make or use them.",
        "note": PAIRING,
    },
    {
        "name": "Friends and Family Test",
        "description": (
            "Collecting your feedback by text message, online and on paper, and sending the response data to NHS "
            "England each month, as NHS organisations are required to."
        ),
        "art6_basis": "art6_1_c",
        "data_categories": [CONTACT, FEEDBACK],
        "subject_groups": [PATIENTS],
        "collected_from": "person",
        "note": f"{PAIRING} The seed says the test is required but does not say by which law.",
    },
    {
        "name": "CCTV for safety and crime prevention",
        "description": (
            "CCTV at our premises for public and staff safety and the prevention and detection of crime. Signs "
            "tell you where CCTV is in use and who to contact."
        ),
        "art6_basis": "art6_1_f",
        "legitimate_interests": "The safety of the public and our staff, and preventing and detecting crime.",
        "data_categories": [CCTV],
        "subject_groups": [VISITORS],
        "collected_from": "person",
        "note": PAIRING,
    },
    {
        "name": "Call recording for training and monitoring",
        "description": (
            "We may record telephone calls to our services for training and monitoring. An automated message "
            "tells you when a call is recorded."
        ),
        "art6_basis": "art6_1_f",
        "legitimate_interests": "Training our staff and monitoring the quality of our service.",
        "art9_condition": "art9_2_h",
        "sch1_condition": "sch1_p1_2",
        "data_categories": [CALLS],
        "subject_groups": [CALLERS],
        "collected_from": "person",
        "note": PAIRING,
    },
    _care_purpose(
        "Meeting our legal obligations",
        "Using your information where the law requires it, such as responding to a request from a coroner.",
        art6_basis="art6_1_c",
        note=(
            f"{PAIRING} {NO_LEGISLATION} No condition in the seed's Art 9 list plainly fits a coroner's request "
            "(Art 9(2)(f) or (g) would); health or social care is recorded as the nearest one it lists."
        ),
    ),
    {
        "name": "Preventing or detecting fraud",
        "description": "Sharing your information to prevent or detect fraud.",
        "art6_basis": "art6_1_e",
        "data_categories": [CONTACT],
        "subject_groups": [PATIENTS],
        "collected_from": "person",
        "note": f"{PAIRING} {NO_LEGISLATION} The seed mentions fraud once, among its reasons for sharing.",
    },
]

SOURCES = [
    YOU,
    {
        "name": "Other health professionals",
        "kind": "category",
        "description": "Relevant information from other health professionals involved in your care.",
    },
    {"name": "Relatives and those who care for you", "kind": "category"},
]


def _category(name: str, description: str = "", role: str = "controller", **extra) -> dict:
    return {"name": name, "kind": "category", "role": role, "why_shared": description, **extra}


RECIPIENTS = [
    {
        "name": "NHS England and NHS Digital",
        "kind": "organisation",
        "role": "controller",
        "why_shared": "Friends and Family Test response data each month, and other NHS reporting.",
        "note": (
            "NHS Digital was merged into NHS England on 1 February 2023; the seed (January 2026) still names it."
        ),
    },
    _category("Integrated Care Boards (ICBs)"),
    _category("Other health service providers", "Hospitals, GPs, ambulance services and urgent care."),
    _category("Local authorities"),
    _category("Regulatory bodies"),
    _category(
        "Police and judicial services",
        "Including CCTV images, which we only disclose to authorised bodies such as the police.",
    ),
    _category(
        "Trusted providers of IT, archiving, email, texting and survey services",
        "They host our IT, archiving, email and texting services and surveys.",
        role="processor",
        note=ROLE_NOT_STATED,
    ),
    {
        "name": "HCRG Care Group corporate teams",
        "kind": "organisation",
        "role": "processor",
        "why_shared": "They provide our back-office support, such as IT.",
        "note": ROLE_NOT_STATED,
    },
    _category("Translation and interpretation services", role="processor", note=ROLE_NOT_STATED),
    _category("Other HCRG Care Group services", "Where relevant for your care."),
    {
        "name": "Barnardo's",
        "kind": "organisation",
        "role": "controller",
        "why_shared": "Our pre-birth to 19 services are delivered in partnership with Barnardo's.",
        "note": (
            "Barnardo's publishes its own privacy notice (https://www.barnardos.org.uk/privacy-notice), so it is "
            "recorded as a controller; the seed does not say whether it is a joint controller."
        ),
    },
    {
        "name": "Provide CIC",
        "kind": "organisation",
        "role": "controller",
        "why_shared": "The controller for the Essex Wellbeing Service, which we run for it.",
    },
    _category("Care homes"),
    _category("Mental health trusts"),
    _category("Child Health Information Service providers", "Including providers outside our area."),
    _category("Multi-agency safeguarding hubs"),
    _category("Education services"),
    _category("Third parties providing contracted services", role="processor", note=ROLE_NOT_STATED),
    {
        "name": "Pearson Clinical Assessments",
        "kind": "organisation",
        "role": "processor",
        "what_is_shared": "A young person's answers and scores in the Digital Conners4 assessment.",
        "why_shared": (
            "Digital Conners4 is a digital scoring system used as part of a young person's Autism diagnostic "
            "assessment, provided through Pearson Clinical Assessments."
        ),
        "location": "abroad",
        "transfer_country": "Outside the UK and EEA (the country is not named)",
        "safeguard": "other",
        "safeguard_detail": (
            "We have undertaken due diligence with the supplier to ensure that appropriate safeguards are in "
            "place under UK GDPR."
        ),
        "note": (
            "Appendix A of the seed: Pearson processes the assessment outside the UK and EEA. The seed does not "
            "name the country or the safeguard (UK approval of the country, an IDTA, the UK Addendum, binding "
            "corporate rules), and says nothing on how to get a copy of it."
        ),
    },
]

HEALTH_RECORDS = "Healthcare records"

RETENTION_RULES = [
    {
        "record_type": HEALTH_RECORDS,
        "period_kind": "until_event",
        "until_event": "the end of the period the NHS Records Management Code of Practice sets for that type of record",
        "authority": "NHS Records Management Code of Practice for Health and Social Care",
        "action": "destroy",
        "services": [ECFWS],
        "note": (
            "The seed gives no periods, only the Code; it does not say which edition (the current one was first "
            "published on 4 August 2021 and updated on 7 August 2023). Destruction is suspended by the NHS "
            "England legal hold."
        ),
    },
    {
        "record_type": "CCTV images",
        "period_kind": "fixed",
        "period_number": 30,
        "period_unit": "days",
        "trigger": "the date of recording",
        "action": "destroy",
        "services": [ECFWS],
        "note": "The seed adds that images may be kept longer when needed, for example while a crime is investigated.",
    },
    {
        "record_type": "Call recordings",
        "period_kind": "fixed",
        "period_number": 1,
        "period_unit": "years",
        "trigger": "the date of the call",
        "action": "destroy",
        "services": [ECFWS],
        "note": "The seed says recordings are deleted automatically after one year; counted from the call.",
    },
]

_HOLD = {
    "imposed_by": "NHS England",
    "description": (
        "NHS England has placed a legal hold on the destruction of records to support statutory public "
        "inquiries. Records that have reached the end of their retention period are not being destroyed."
    ),
    "retention_rules": [HEALTH_RECORDS],
    "services": [ECFWS],
    "note": (
        "The seed gives no start date. It states the hold next to its healthcare records rule and does not say "
        "whether CCTV images and call recordings are held too."
    ),
}

LEGAL_HOLDS = [
    {"name": "UK Covid-19 Inquiry", **_HOLD},
    {"name": "Infected Blood Public Inquiry", **_HOLD},
    {"name": "Historic Child Sexual Abuse Inquiry", **_HOLD},
]
