"""The organisations a notice names as controller, provider, partner or the body a service is run for, their
registered details, and the DPO's contact details."""

import re

from . import Proposed, Source, Span, normalised

NAME_WORD = r"(?:[A-Z][\w’'&.-]*|of|and|for|the|&)"
# Words that end the name of a body: companies, councils, NHS bodies, charities.
SUFFIX = (
    r"(?:Ltd|Limited|plc|PLC|LLP|CIC|C\.I\.C\.|Community Interest Company|(?:County |Borough |District |City |Town |"
    r"Parish |Metropolitan Borough )?Council|NHS Foundation Trust|NHS Trust|Foundation Trust|Integrated Care Board|"
    r"Combined Authority|Fire Authority|Police Authority|Academy Trust|Charitable Trust|University|Constabulary)"
)
SUFFIXED = re.compile(
    rf"(?<![\w’'-])((?:[A-Z][\w’'&.-]*\s+)(?:{NAME_WORD}\s+){{0,6}}?{SUFFIX})(?![\w-])(\s*\(([A-Z][A-Za-z&]{{1,9}})\))?"
)
# Bodies named by what the sentence says they do, whatever their name looks like.
ROLE_PHRASE = re.compile(
    rf"(?:(?:provided|delivered|run|operated|commissioned) (?:by|in partnership with)|in partnership with|"
    rf"on behalf of)\s+((?:[A-Z][\w’'&.-]*)(?:\s+{NAME_WORD}){{0,6}})"
)
LEADING = re.compile(r"^(?:The|Our|This|Please|In|If|Where|When|We|At|As)\s+")
NOT_BODIES = re.compile(r"^(?:Commissioners?|Partners?|UK|EU|England|Wales|Scotland|NHS|GDPR|UK GDPR)$", re.I)
COMPANY_NUMBER = re.compile(
    r"(?:company|registered) (?:registration )?(?:number|no\.?)[:\s]*(?:is\s+)?([0-9]{8}|[A-Z]{2}[0-9]{6})", re.I
)
ICO_NUMBER = re.compile(r"\b(Z[A-Z]?\d{6,7})\b")
REGISTERED_OFFICE = re.compile(r"Registered office:?\s*([^.]+?\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b")
WEBSITE = re.compile(r"\b(https?://[^\s)<>]+|www\.[a-z0-9.-]+\.[a-z]{2,}[^\s)<>]*)", re.I)


def _clean(name: str) -> str:
    name = LEADING.sub("", name.strip().rstrip(".,;:"))
    return re.sub(r"\s+(?:and|of|for|the|&)$", "", name)


def organisations(source: Source) -> list[Proposed]:
    """Bodies named where the notice says who is who: who we are, contact, the DPO, and any sentence naming a
    controller, a processor, a provider or a partnership."""
    found: dict[str, Proposed] = {}
    for section, span in source.sentences():
        relevant = section.part in ("who_we_are", "contact", "dpo", "other") or re.search(
            r"controller|processor|provided by|partnership|on behalf of", span.text, re.I)
        if not relevant:
            continue
        for match in SUFFIXED.finditer(span.text):
            _add(found, _clean(match.group(1)), match.group(3), span, 0.8)
        for match in ROLE_PHRASE.finditer(span.text):
            _add(found, _clean(match.group(1)), None, span, 0.6)
    if not found:
        _most_named(source, found)
    _details(source, found)
    return list(found.values())


def _most_named(source: Source, found: dict) -> None:
    """A notice that never says who the controller is (older statements) is still written by someone: the
    body it names most often, proposed with less confidence."""
    counts: dict[str, list] = {}
    for _, span in source.sentences():
        for match in SUFFIXED.finditer(span.text):
            counts.setdefault(_clean(match.group(1)), []).append((match, span))
    if counts:
        name, mentions = max(counts.items(), key=lambda pair: len(pair[1]))
        _add(found, name, mentions[0][0].group(3), mentions[0][1], 0.5)


def _add(found: dict, name: str, short: str | None, span: Span, confidence: float) -> None:
    if not name or NOT_BODIES.match(name) or len(name) < 3:
        return
    key = normalised(name)
    proposal = found.get(key)
    if proposal is None:
        proposal = found[key] = Proposed("controller", {"name": name, "other_names": ""}, [], confidence)
    if short and short not in proposal.values["other_names"]:
        proposal.values["other_names"] = ", ".join(filter(None, [proposal.values["other_names"], short]))
    if span not in proposal.spans:
        proposal.spans.append(span)
    proposal.confidence = max(proposal.confidence, confidence)


def _details(source: Source, found: dict) -> None:
    """Company number, registered office, ICO number and website: given to the body named in the same sentence
    (or the first body the notice names, for a sentence naming none)."""
    if not found:
        return
    first = next(iter(found.values()))
    for _, span in source.sentences():
        owner = next((p for key, p in found.items() if key in normalised(span.text)), first)
        for pattern, name in ((COMPANY_NUMBER, "company_number"), (REGISTERED_OFFICE, "registered_office"),
                              (ICO_NUMBER, "ico_registration_number")):
            match = pattern.search(span.text)
            if match and not owner.values.get(name):
                value = match.group(1)
                owner.values[name] = "\n".join(p.strip() for p in value.split(",")) if name == "registered_office" \
                    else value
                owner.spans.append(span)


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\d)((?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4})(?!\d)")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
PERSON = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+)?[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}$")
PLACE_WORDS = re.compile(r"\b(?:House|Street|Road|Lane|Park|Place|Square|Avenue|Way|Hall|Centre|Office|Court|"
                         r"Team|Officer|Council|Building|Drive)\b")
DPO_MENTION = re.compile(r"data protection officer|\bDPO\b", re.I)
ELSEWHERE = re.compile(r"commissioner|complain|\bico\b", re.I)
WINDOW = 5


def dpo(source: Source) -> list[Proposed]:
    """The DPO's name, email, phone and address: from the paragraph naming the DPO and the few after it, up to
    the first that is about someone else (the Information Commissioner)."""
    paragraphs = source.paragraphs
    for position, paragraph in enumerate(paragraphs):
        if not DPO_MENTION.search(paragraph.text):
            continue
        values, spans = {}, []
        for nearby in paragraphs[position:position + WINDOW]:
            if nearby is not paragraph and ELSEWHERE.search(nearby.text):
                break
            if _read_contact(nearby.text, values):
                spans.append(Span(nearby.index, 0, len(nearby.text), nearby.text))
        if values.get("dpo_email") or values.get("dpo_name"):
            return [Proposed("dpo", {"dpo_name": "", "dpo_email": "", "dpo_phone": "", "dpo_address": "", **values},
                             spans, 0.8 if len(values) > 1 else 0.5)]
    return []


def _read_contact(text: str, values: dict) -> bool:
    """Fill what `text` gives of a name, email, phone and address; whether it gave anything."""
    before = dict(values)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for number, line in enumerate(lines):
        if "dpo_name" not in values and PERSON.match(line) and not PLACE_WORDS.search(line) \
                and not DPO_MENTION.search(line):
            values["dpo_name"] = line
        if POSTCODE.search(line) and "dpo_address" not in values:
            start = number
            while start > 0 and number - start < 5 and not re.search(r"[:@]", lines[start - 1]) \
                    and lines[start - 1] != values.get("dpo_name") and not DPO_MENTION.search(lines[start - 1]):
                start -= 1
            values["dpo_address"] = "\n".join(p.strip() for chunk in lines[start:number + 1] for p in chunk.split(",")
                                              if p.strip())
    if "dpo_email" not in values and (email := EMAIL.search(text)):
        values["dpo_email"] = email.group(0)
    if "dpo_phone" not in values and (phone := PHONE.search(text)):
        values["dpo_phone"] = phone.group(1)
    return values != before
