"""Seed 003: Essex County Council privacy statement, 16 June 2015.

Written before the GDPR: it names no lawful basis, no data categories, no DPO and no retention periods (only
"our retention schedule"), and points readers to service-specific notices. Its purposes are recorded with no
Art 6 basis, as the statement gives none, so the compliance checks report the gap; the one exception is giving
information to courts, which the statement says is a legal duty. No retention rule is recorded: the statement's
sentence about its retention schedule stays in the notice as free text (notices/demo.py). Its cookie and
website-analytics text is about the website, not the register, and is left for the notice.
"""

from .seed_002_essex_childrens import CONTROLLERS as ESSEX_CONTROLLERS

KEY = "003"
TITLE = "Privacy statement"
LAST_UPDATED = "16 June 2015"
SOURCE_FILE = "003-essex-cc-privacy-statement-2015.txt"

# The same controller as seed 002, defined there once.
CONTROLLERS = ESSEX_CONTROLLERS
ECC = "essex-county-council"

NO_BASIS = "The 2015 statement names no lawful basis, so none is recorded."
# Said once for every purpose: the statement's only hint at where information comes from.
FROM_YOU = (
    "It names no data categories and does not say where the information comes from; 'from the person' is the "
    "demo's reading of 'whenever we assess your needs or provide you with services'."
)
RECEIVING = "People receiving council services"

SERVICES = []
PARTIES = []
SUBJECT_GROUPS = [{"name": RECEIVING, "description": "Anyone the council assesses or provides services to."}]
DATA_CATEGORIES = []
LEGISLATION = []
SOURCES = []


def _statement_purpose(name: str, description: str, *, art6_basis: str | None = None, note: str = NO_BASIS) -> dict:
    return {
        "name": name,
        "description": description,
        "art6_basis": art6_basis,
        "subject_groups": [RECEIVING],
        "collected_from": "person",
        "note": f"{note} {FROM_YOU}",
    }


PURPOSES = [
    _statement_purpose("Delivering services and support to you", "To deliver services and support to you."),
    _statement_purpose("Managing services", "To manage services."),
    _statement_purpose("Training workers", "To train workers."),
    _statement_purpose(
        "Investigating worries or complaints about your services",
        "To help investigate any worries or complaints you have about your services.",
    ),
    _statement_purpose("Keeping track of spending on services", "To keep track of spending on services."),
    _statement_purpose("Checking the quality of services", "To check the quality of services."),
    _statement_purpose(
        "Research and planning of new services", "To help with research and planning of new services."
    ),
    _statement_purpose(
        "Giving information to courts",
        "Sometimes we have a legal duty to give information to courts: when we take a child into care, for court "
        "orders, and in cases under mental health law.",
        art6_basis="art6_1_c",
        note=(
            "The 2015 statement names no lawful basis in terms, but says 'we have a legal duty' to give this "
            "information, which is legal obligation in plain words. It names no law."
        ),
    ),
    _statement_purpose(
        "Sharing information to protect people from serious harm",
        "We may share your information when there is a good reason that is more important than protecting your "
        "confidentiality: if a serious crime has been committed; if there are serious risks to the public, our "
        "staff or other professionals; to protect a child; or to protect adults thought to be at risk. We record "
        "what we share and why, and tell you when it is safe to do so.",
    ),
]

RECIPIENTS = [
    {
        "name": "Courts",
        "kind": "category",
        "role": "controller",
        "why_shared": (
            "Where we have a legal duty: when we take a child into care, for court orders, and in cases under "
            "mental health law."
        ),
        "note": "From the 2015 statement, which names no other recipients.",
    },
]

# "Please see our retention schedule": no period, and no criteria for one. Kept as the statement's own words
# in the notice, not as a rule that would pretend to state a period.
RETENTION_RULES = []

LEGAL_HOLDS = []
