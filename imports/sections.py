"""A notice's text in sections: headings found from the file's own markup, or from the look of the lines in
plain text and PDFs (short, unpunctuated, followed by prose), and each section recognised as one of the usual
parts of a notice by the words of its heading."""

import re
from dataclasses import dataclass, field

BULLET = re.compile(r"^\s*(?:[•·▪◦●‣∙*–-]|\d{1,2}[.)]|\([a-z0-9]{1,3}\))\s+")
SENTENCE_END = re.compile(r"(?<=[.!?])[’”\"')]*\s+(?=[A-Z“‘\"(•])")

# The usual parts of a notice, by the words their headings use; the first part whose pattern matches wins,
# so the more specific come first ("who do we share with" before "who we are").
PARTS = [
    ("definitions", r"definition|glossary|key terms|what do we mean"),
    ("dpo", r"data protection officer|\bdpo\b"),
    ("complaints", r"complain|not happy|information commissioner|\bico\b"),
    ("transfers", r"outside (?:of )?the (?:uk|united kingdom|eea)|abroad|international|overseas|transfer"),
    ("processors", r"processors?\b(?! for)|suppliers?|appendix"),
    ("sharing", r"share|sharing|disclos|recipient|pass (?:on|your)|who else|third part"),
    ("security", r"secur|safe\b|protect your"),
    ("retention", r"how long|retain|retention|keep (?:it|your|the)|kept|stored|store"),
    ("lawful_basis", r"legal basis|lawful basis|legal bases|legal grounds?|lawful grounds?|basis for"),
    ("rights", r"rights?\b|access (?:a copy|your)|request|correct|rectif|opt.?out"),
    ("contact", r"contact"),
    ("what_we_collect", r"what (?:personal )?(?:information|data)|information (?:we|do we) (?:collect|hold)|"
                        r"types of|categories of|collect|hold"),
    ("why", r"\bwhy\b|how (?:do )?we use|purpose|use (?:of )?your"),
    ("who_we_are", r"who (?:are )?we(?: are)?\b|about us|data controller|controller"),
    ("changes", r"changes|updat|review of this"),
]
PART_PATTERNS = [(part, re.compile(pattern, re.IGNORECASE)) for part, pattern in PARTS]
PART_LABELS = {
    "definitions": "Definitions", "dpo": "Data protection officer", "complaints": "Complaints",
    "transfers": "Transfers outside the UK", "processors": "Processors", "sharing": "Who we share with",
    "retention": "How long we keep it", "lawful_basis": "Lawful basis", "rights": "Your rights",
    "what_we_collect": "What we collect", "why": "Why we use it", "who_we_are": "Who we are",
    "contact": "Contact", "security": "Security", "changes": "Changes", "other": "Other",
}


@dataclass
class Paragraph:
    index: int
    text: str
    is_bullet: bool = False


@dataclass
class Section:
    heading: str
    part: str
    paragraphs: list[Paragraph] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"heading": self.heading, "part": self.part,
                "paragraphs": [{"index": p.index, "text": p.text} for p in self.paragraphs]}


def part_of(heading: str) -> str:
    return next((part for part, pattern in PART_PATTERNS if pattern.search(heading)), "other")


def _prose(text: str) -> bool:
    """A paragraph of sentences, not a name, an address or another heading."""
    return len(text) >= 40 and bool(re.search(r"[a-z)][.!](?:\s|$)|[a-z][?]\s", text))


def _title_like(text: str) -> bool:
    every = re.findall(r"[A-Za-z][\w’'-]*", text)
    words = [w for w in every if w.lower() not in MINOR]
    return len(every) <= 3 or sum(w[0].isupper() for w in words) >= 0.6 * len(words)


MINOR = {"and", "or", "of", "the", "a", "an", "to", "for", "in", "on", "with", "by", "we", "our", "your", "is", "do"}


def _looks_like_heading(text: str, following: str | None) -> bool:
    """Plain text has no markup: a heading is one short line, not a list item, not ending like a sentence or
    an address line, followed by prose or a list. A line ending in a colon before a list is the list's lead-in
    unless it is worded like a title ("Quality, Improvement and Research:")."""
    if "\n" in text or BULLET.match(text) or len(text) > 90 or following is None:
        return False
    if re.search(r"[.,;@]$|https?://|\d{3,}", text) or not text[:1].isupper():
        return False
    if BULLET.match(following):
        if re.match(r"(?:These|This|They|We|It|You|Our|Here|The following)\b", text):
            return False  # "These include:" introduces the list
        return not text.endswith(":") or _title_like(text)
    lead_in = following.rstrip().endswith(":") and len(following) >= 20 and "\n" not in following
    return _prose(following) or lead_in or (text.endswith("?") and len(following) > len(text))


def split_lines_of_bullets(blocks: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """A paragraph of several bullet lines is several list items; a lead-in line before them stays a paragraph."""
    out = []
    for text, heading in blocks:
        lines = text.split("\n")
        if heading or not any(BULLET.match(line) for line in lines):
            out.append((text, heading))
            continue
        lead: list[str] = []
        for line in lines:
            if BULLET.match(line):
                if lead:
                    out.append(("\n".join(lead), False))
                    lead = []
                out.append((line.strip(), False))
            elif out and BULLET.match(out[-1][0]) and not lead:
                out[-1] = (f"{out[-1][0]} {line.strip()}", False)  # a bullet's wrapped line
            else:
                lead.append(line)
        if lead:
            out.append(("\n".join(lead), False))
    return out


def sectioned(blocks: list[tuple[str, bool]], *, marked: bool) -> list[Section]:
    """Sections in reading order. `marked`: the file says which blocks are headings (HTML, Word); otherwise
    headings are found by their look."""
    blocks = split_lines_of_bullets(blocks)
    sections = [Section(heading="", part="other")]
    index = 0
    for position, (text, heading) in enumerate(blocks):
        following = blocks[position + 1][0] if position + 1 < len(blocks) else None
        if heading if marked else _looks_like_heading(text, following):
            title = text.strip().rstrip(":")
            sections.append(Section(heading=title, part=part_of(title)))
            continue
        sections[-1].paragraphs.append(Paragraph(index=index, text=text, is_bullet=bool(BULLET.match(text))))
        index += 1
    return [s for s in sections if s.paragraphs or s.heading]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in a paragraph."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        spans.append((start, match.start() + len(match.group(0).rstrip())))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def bullet_text(text: str) -> str:
    """A list item without its bullet or closing punctuation."""
    text = BULLET.sub("", text).strip()
    while True:
        shorter = text.rstrip(";,. ").removesuffix(" and").removesuffix(" or")
        if shorter == text:
            return text
        text = shorter
