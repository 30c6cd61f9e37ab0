"""Who the information goes to (recipients and processors), where it comes from (sources), and transfers outside
the UK: read from the lists a notice introduces with "we may share it with:" or "we get it from:", and from
sentences naming a supplier ("provided through a company called …", "We use X for …")."""

import re

from . import ListOf, Proposed, Source, Span, capitalised, item, normalised, whole

SHARING_LEAD = re.compile(r"\bshar|\bdisclos|\bpass\w*\b.*\b(?:on|to)\b|\bgive\w*\b.*\bto\b|\bsen[dt]\b.*\bto\b|"
                          r"\brecipients?\b|\bprocessors?\b|\bsuppliers?\b", re.I)
SOURCE_LEAD = re.compile(r"\b(?:get|obtain|receive|collect|gather)\w*\b[^.]*\bfrom\b", re.I)
PROCESSOR = re.compile(
    r"\bprocessors?\b|\bsuppliers?\b|\bon our behalf\b|\bcontracted\b|\bprovid\w+ (?:the )?systems?\b", re.I
)
# A list item that is a circumstance ("when we take a child into care"), not a body.
NOT_A_BODY = re.compile(r"^(?:when|if|where|to|unless|because|so|in order|for example|only)\b", re.I)
# Where an item stops naming the body and starts saying why ("Stopford for booking services").
WHY = re.compile(r"\s+(?:for|to|who|which|that|is used|are used|in order|supporting)\s+(?P<why>.+)$", re.I)
EXAMPLES = re.compile(r"\s*\((?:e\.g\.?|eg|for example|such as|including)\s*(?P<examples>[^)]*)\)?|"
                      r"\s+(?:such as|including|e\.g\.?)\s+(?P<more>.+)$", re.I)
SUPPLIER = re.compile(
    r"\b(?:a company called|provided (?:through|by) (?:a company called )?|we use)\s+"
    r"(?P<name>[A-Z][\w&’'-]*(?:\s+(?:[A-Z][\w&’'-]*|&|and))*)"
)
LEAD_WORDS = re.compile(r"^(?:we use|our|we|also|the)\s+", re.I)


def recipients(source: Source) -> list[Proposed]:
    found: dict[str, Proposed] = {}
    for listed in source.lists():
        if SOURCE_LEAD.search(listed.lead) or not _sharing(listed):
            continue
        named = _named_in(listed.lead)
        if named and listed.lead_paragraph:
            # "We must give that information to courts, including:" names who; the list says when.
            _add(found, _recipient(named, "controller"), whole(listed.lead_paragraph), 0.6)
            continue
        role = "processor" if PROCESSOR.search(listed.context) or listed.section.part == "processors" else "controller"
        for paragraph in listed.items:
            text = item(paragraph)
            if NOT_A_BODY.match(text) or len(text) < 3:
                continue
            _add(found, _recipient(text, role), whole(paragraph), 0.7)
    for _section, span in source.sentences("sharing", "processors", "transfers", "other"):
        for match in SUPPLIER.finditer(span.text):
            name = match.group("name").strip()
            _add(found, {"name": name, "kind": "organisation", "role": "processor", "why_shared": ""}, span, 0.5)
    _transfers(source, found)
    return list(found.values())


SHARE_TO = re.compile(r"\b(?:give|share|pass|disclose|send|provide)\w*\b[^.:]*?\b(?:to|with)\s+(?P<who>[a-z][\w’' ]+?)"
                      r"(?:,|\s+including|\s+such as|:|\.|$)")
GENERIC = re.compile(r"\b(?:following|partners|recipients|others?|people|organisations|third parties|you|us|them|"
                     r"those|anyone)\b|^(?:one|some|any|all)\b", re.I)


def _named_in(lead: str) -> str:
    """Who a lead sentence says information goes to, when it names them ("… to courts, including:")."""
    from ..sections import sentences

    spans = sentences(lead)
    last = lead[spans[-1][0]:] if spans else lead
    match = SHARE_TO.search(last)
    if not match or GENERIC.search(match.group("who")) or len(match.group("who").split()) > 5:
        return ""
    return match.group("who").strip()


def _sharing(listed: ListOf) -> bool:
    return bool(SHARING_LEAD.search(listed.lead)) or listed.section.part in ("sharing", "processors") and \
        listed.lead.rstrip().endswith(":")


def _recipient(text: str, role: str) -> dict:
    why = ""
    # A parenthesis that is not an abbreviation ("(where relevant for your care)") says when or why, not who.
    for aside in re.findall(r"\s*\(([^)]*)\)?", text):
        if not re.fullmatch(r"[A-Z][A-Za-z’']{1,7}", aside) and not re.match(r"(?:e\.?g|for example|such as|"
                                                                         r"including)\b", aside, re.I):
            why = capitalised(aside.strip()) + "."
            text = text.replace(f"({aside})", "").replace(f"({aside}", "").strip()
    if match := EXAMPLES.search(text):
        why = capitalised((match.group("examples") or match.group("more") or "").strip(" )"))
        why = f"For example {why[:1].lower()}{why[1:]}." if why else ""
        text = text[:match.start()].strip()
    if match := WHY.search(text):
        why = why or capitalised(match.group("why").strip()) + "."
        text = text[:match.start()].strip()
    text = LEAD_WORDS.sub("", text).strip(" ,")
    proper = bool(re.match(r"^[A-Z][\w’'&-]*(?:\s+(?:[A-Z][\w’'&()-]*|&|and|of|for))*$", text)) and (
        not text.endswith("s") or text.endswith(("’s", "'s")))
    return {"name": capitalised(text), "kind": "organisation" if proper else "category", "role": role,
            "why_shared": why}


def _add(found: dict, values: dict, span: Span, confidence: float) -> None:
    key = normalised(values["name"])
    if not key:
        return
    if key in found:
        proposal = found[key]
        if values["role"] == "processor":
            proposal.values["role"] = "processor"  # named again among the processors
        proposal.spans.append(span)
        return
    found[key] = Proposed("recipient", {**values, "location": "unknown"}, [span], confidence)


COUNTRIES = ["United States", "USA", "Canada", "India", "Australia", "New Zealand", "Japan", "South Korea",
             "Switzerland", "Israel", "Philippines", "South Africa", "China", "Singapore", "Ireland", "France",
             "Germany", "Netherlands", "Belgium", "Spain", "Italy", "Poland", "Sweden", "Denmark", "Norway",
             "European Economic Area", "EEA", "European Union"]
COUNTRY = re.compile(r"\b(" + "|".join(re.escape(c) for c in COUNTRIES) + r")\b")
ABROAD = re.compile(r"outside (?:of )?the (?:UK|United Kingdom)(?: and (?:the )?EEA)?", re.I)
SAFEGUARDS = [
    ("idta", r"International Data Transfer Agreement|\bIDTA\b"),
    ("addendum", r"standard contractual clauses|\bSCCs?\b|UK Addendum"),
    ("bcr", r"binding corporate rules"),
    ("approved", r"\badequacy (?:regulations?|decision)|data bridge"),
]
NEGATED = re.compile(r"\b(?:no other|not|never)\b[^.]*\boutside", re.I)


def _transfers(source: Source, recipients: dict) -> None:
    """A sentence saying information goes outside the UK, in a paragraph naming one of the recipients: that
    recipient holds it abroad, in the country named (or "outside the UK" as the notice says)."""
    for paragraph in source.paragraphs:
        text = paragraph.text
        if not (ABROAD.search(text) or COUNTRY.search(text)) or NEGATED.search(text) and not COUNTRY.search(text):
            continue
        named = [p for key, p in recipients.items() if key and key in normalised(text)]
        for proposal in named:
            country = COUNTRY.search(text)
            abroad = ABROAD.search(text)
            if country and abroad and abroad.start() <= country.start() < abroad.end():
                country = None  # "outside the UK and EEA" names a region, not a country
            proposal.values.update({
                "location": "abroad",
                "transfer_country": country.group(1) if country else capitalised(abroad.group(0)),
                "safeguard": next((code for code, pattern in SAFEGUARDS if re.search(pattern, text, re.I)), "other"),
                "safeguard_detail": _safeguard_sentence(text),
            })
            proposal.spans.append(whole(paragraph))


def _safeguard_sentence(text: str) -> str:
    from ..sections import sentences

    for start, end in sentences(text):
        if re.search(r"safeguard|adequate|shield|clauses|agreement|due diligence", text[start:end], re.I):
            return " ".join(text[start:end].split())
    return ""


def sources(source: Source) -> list[Proposed]:
    found: dict[str, Proposed] = {}
    for listed in source.lists():
        if not SOURCE_LEAD.search(listed.lead):
            continue
        for paragraph in listed.items:
            text = LEAD_WORDS.sub("", item(paragraph))
            text = EXAMPLES.split(text)[0].strip()
            if len(text) < 3 or NOT_A_BODY.match(text):
                continue
            key = normalised(text)
            if key not in found:
                proper = text[:1].isupper() and not text.endswith("s") and " " in text
                found[key] = Proposed("source", {"name": capitalised(text),
                                                 "kind": "organisation" if proper else "category"},
                                      [whole(paragraph)], 0.7)
    return list(found.values())


def transfers(recipient_proposals: list[Proposed]) -> list[Proposed]:
    """A transfer proposal for each recipient found to hold information abroad, pointing at the same sentence."""
    return [
        Proposed("transfer", {"recipient": p.values["name"], "transfer_country": p.values["transfer_country"],
                              "safeguard": p.values["safeguard"], "safeguard_detail": p.values["safeguard_detail"]},
                 p.spans[-1:], 0.6)
        for p in recipient_proposals if p.values.get("location") == "abroad"
    ]
