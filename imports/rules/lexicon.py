"""Data categories, subject groups, purposes and rights: a lexicon of the phrases notices use, each mapped to
what it means, and the lists a notice introduces ("The services may use:", "We use your information to:")."""

import re

from . import Proposed, Source, Span, capitalised, item, normalised, whole
from .bases import BASIS_TALK

# (pattern, category name, kind). Kind follows UK GDPR Art 9 and Art 10: special category and criminal offence
# data need extra conditions, so they are recognised whatever words a notice uses for them.
CATEGORIES = [
    (r"\bnames?\b.{0,40}\b(?:contact details|address)", "Name and contact details", "personal"),
    (r"\bcontact details\b", "Contact details", "personal"),
    (r"\bdates? of birth\b", "Date of birth", "personal"),
    (r"\bnhs number\b", "NHS number", "personal"),
    (r"\bnational insurance number\b", "National Insurance number", "personal"),
    (r"\bfamily (?:details|circumstances|members)\b", "Family details", "personal"),
    (r"\b(?:financial|bank|payment) details\b|\bincome\b", "Financial details", "personal"),
    (r"\bhousing\b", "Housing needs", "personal"),
    (r"\b(?:employment|education)(?: and education)? details\b|\bschool records?\b", "Employment and education details",
     "personal"),
    (r"\blifestyle\b|\bsocial circumstances\b", "Lifestyle and social circumstances", "personal"),
    (r"\bcctv\b", "CCTV images", "personal"),
    (r"\bcall recordings?\b|\brecord (?:telephone )?calls\b", "Call recordings", "personal"),
    (r"\b(?:photographs?|visual images|personal appearance)\b", "Visual images and personal appearance", "personal"),
    (r"\bfeedback\b|\bsurvey responses\b|\byour views\b", "Feedback and views", "personal"),
    (r"\bcase (?:file|notes|records?)\b", "Case file information", "personal"),
    (r"\b(?:physical|mental) health\b|\bhealth (?:details|records?|information|conditions?)\b|"
     r"\binformation about your health\b|\bmedical\b", "Health", "special"),
    (r"\bracial\b|\bethnic(?:ity| origin)?\b|\brace\b", "Racial or ethnic origin", "special"),
    (r"\breligio\w*\b|\bphilosophical beliefs\b|\bbeliefs of a similar nature\b", "Religious or similar beliefs",
     "special"),
    (r"\bsex life\b|\bsexual orientation\b|\bsexuality\b", "Sex life or sexual orientation", "special"),
    (r"\bpolitical opinions?\b", "Political opinions", "special"),
    (r"\btrade union\b", "Trade union membership", "special"),
    (r"\bgenetic\b", "Genetic data", "special"),
    (r"\bbiometric\b", "Biometric data", "special"),
    (r"\bcriminal (?:proceedings|convictions?|records?|history)\b|\bsentences\b", "Criminal convictions and "
     "proceedings", "criminal"),
    (r"\b(?:alleged )?offences\b|\boffending\b", "Offences (including alleged offences)", "criminal"),
]
SPECIAL_WORDS = [(re.compile(p, re.I), kind) for p, _, kind in CATEGORIES if kind != "personal"]
COLLECT_LEAD = re.compile(r"\b(?:collect|hold|use|process|record|keep|ask you for|include)\w*\b[^.]*"
                          r"(?:information|data|details)|(?:information|data)[^.]*\b(?:include|such as)", re.I)
COLLECT_PARTS = ("what_we_collect",)

GROUPS = [
    (r"\bchildren(?: and young people)?\b|\byoung people\b", "Children and young people"),
    (r"\bparents?\b|\bfamil(?:y|ies)\b", "Parents, carers and families"),
    (r"\bfoster carers?\b|\bspecial guardians?\b", "Foster carers and special guardians"),
    (r"\badopt(?:ers|ive parents)\b|\bprospective adopters\b|\bbirth families\b", "Adopters and birth families"),
    (r"\bvolunteers?\b", "Volunteers"),
    (r"\byoung carers\b", "Young carers"),
    (r"\bcarers\b", "Carers"),
    (r"\bpatients?\b", "Patients"),
    (r"\bservice users?\b|\bpeople (?:using|receiving|who use) (?:our )?services\b", "People using our services"),
    (r"\bvisitors?\b", "Visitors"),
    (r"\b(?:staff|employees|job applicants)\b", "Staff and job applicants"),
    (r"\bresidents?\b", "Residents"),
    (r"\btenants?\b", "Tenants"),
    (r"\bpupils?\b|\bstudents?\b", "Pupils and students"),
    (r"\bmembers of the public\b|\breferrers?\b", "Members of the public"),
    (r"\b(?:callers|telephone calls? (?:you make|to our))\b", "People who telephone us"),
    (r"\bresearch participants\b|\btaking part in research\b", "People taking part in research"),
]

PURPOSE_LEAD = re.compile(r"\b(?:use|process|need)\w*\b[^.]*\b(?:to|for)\b[^.]*:\s*$|\breasons?\b|\bpurposes?\b|"
                          r"\bused to\b|\bin order to\b", re.I)

RIGHTS = [
    ("informed", r"right to be informed"),
    ("access", r"right of access|copy of (?:the |your )?(?:personal )?(?:information|data|record)|"
               r"access (?:to )?(?:the )?information we hold"),
    ("rectification", r"rectif|correct\w* (?:factual )?inaccura|request changes"),
    ("erasure", r"\berasure\b|right to be forgotten|delete the personal data"),
    ("restriction", r"restrict\w* processing|right to restrict"),
    ("portability", r"portability"),
    ("objection", r"right to object|object to (?:our )?processing"),
    ("automated", r"automated decision"),
    ("withdraw_consent", r"withdraw (?:your )?consent"),
    ("complain", r"(?:lodge|make) a complaint|right to complain|complain to the information commissioner"),
]


def data_categories(source: Source) -> list[Proposed]:
    """Items of a list of information held, named as the notice names them; lexicon phrases in prose."""
    found: dict[str, Proposed] = {}
    listed_paragraphs = set()
    for listed in source.lists():
        if listed.section.part not in ("what_we_collect", "other", "who_we_are") or BASIS_TALK.search(listed.lead) \
                or not (
                listed.section.part in COLLECT_PARTS and COLLECT_LEAD.search(listed.lead)
                or COLLECT_LEAD.search(listed.lead) and re.search(r"information|data", listed.lead, re.I)
                and not re.search(r"share|from:", listed.lead, re.I)):
            continue
        if re.search(r"\buse\w*\b[^.]*\bto\b[^.]*:\s*$", listed.lead) and listed.section.part != "what_we_collect":
            continue  # "The information is used to:" introduces purposes
        for paragraph in listed.items:
            name = capitalised(item(paragraph))
            if 2 < len(name) <= 120:
                _add(found, name, _kind(name), whole(paragraph), 0.7)
                listed_paragraphs.add(paragraph.index)
    for _section, span in source.sentences(*COLLECT_PARTS):
        if span.paragraph in listed_paragraphs:
            continue
        for pattern, name, kind in CATEGORIES:
            if re.search(pattern, span.text, re.I):
                _add(found, name, kind, span, 0.5)
    return list(found.values())


def _kind(name: str) -> str:
    return next((kind for pattern, kind in SPECIAL_WORDS if pattern.search(name)), "personal")


def _add(found: dict, name: str, kind: str, span: Span, confidence: float) -> None:
    key = normalised(name)
    if key in found:
        found[key].spans.append(span)
    else:
        found[key] = Proposed("data_category", {"name": name, "kind": kind}, [span], confidence)


def subject_groups(source: Source) -> list[Proposed]:
    found: dict[str, Proposed] = {}
    for _section, span in source.sentences():
        for pattern, name in GROUPS:
            if re.search(pattern, span.text, re.I):
                if name in found:
                    found[name].spans.append(span)
                    found[name].confidence = min(0.8, found[name].confidence + 0.05)
                else:
                    found[name] = Proposed("subject_group", {"name": name}, [span], 0.4)
    return list(found.values())


def purposes(source: Source) -> list[Proposed]:
    """Items of the lists a notice introduces with why it uses information."""
    found: dict[str, Proposed] = {}
    for listed in source.lists():
        part = listed.section.part
        if part not in ("why", "other", "what_we_collect") or not PURPOSE_LEAD.search(listed.lead):
            continue
        if re.search(r"\bshar|\bfrom:|\bdisclos", listed.lead, re.I):
            continue
        for paragraph in listed.items:
            text = re.sub(r"^(?:to|help(?: with)?|enable us to)\s+", "", item(paragraph), flags=re.I)
            name = capitalised(re.split(r"\s*[.(]\s", text)[0])[:200]
            key = normalised(name)
            if len(name) > 3 and key not in found:
                found[key] = Proposed("purpose", {"name": name, "description": capitalised(item(paragraph)) + "."},
                                      [whole(paragraph)], 0.5)
    return list(found.values())


def rights(source: Source) -> list[Proposed]:
    found: dict[str, Proposed] = {}
    for _section, span in source.sentences():
        for code, pattern in RIGHTS:
            if re.search(pattern, span.text, re.I):
                if code in found:
                    found[code].spans.append(span)
                else:
                    found[code] = Proposed("right", {"code": code}, [span], 0.7)
    return list(found.values())
