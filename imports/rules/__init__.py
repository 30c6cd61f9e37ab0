"""Records proposed from a notice's text, by rules: lexicons and patterns, offline, no model, no network.
Each proposal carries the sentence(s) it came from and a confidence the officer can sort by.

The rules are general (how notices are written), never a list of one notice's strings: each module's tests
include paragraphs no seed contains."""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..sections import Paragraph, Section, bullet_text, sentences


@dataclass
class Span:
    paragraph: int
    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return {"paragraph": self.paragraph, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class Proposed:
    record_type: str
    values: dict
    spans: list[Span]
    confidence: float
    matched: object = None  # an existing record of the organisation saying the same

    @property
    def key(self) -> str:
        values = self.values
        return normalised(str(values.get("name") or values.get("title") or values.get("code")
                              or values.get("record_type") or values))


@dataclass
class ListOf:
    """A list in the notice and the sentence that introduces it ("We may share it with:")."""

    section: Section
    lead: str
    # The lead and the paragraph before it: "We also use processors … These include:".
    context: str = ""
    lead_paragraph: Paragraph | None = None
    items: list[Paragraph] = field(default_factory=list)


class Source:
    """The sectioned text the rules read."""

    def __init__(self, sections: list[Section]):
        self.sections = sections
        self.paragraphs = [p for s in sections for p in s.paragraphs]

    def in_parts(self, *parts: str) -> Iterator[tuple[Section, Paragraph]]:
        for section in self.sections:
            if not parts or section.part in parts:
                for paragraph in section.paragraphs:
                    yield section, paragraph

    def sentences(self, *parts: str) -> Iterator[tuple[Section, Span]]:
        """Every sentence (a list item is one) of the sections of `parts` (all when none), skipping definitions,
        which describe the law, not the organisation."""
        for section, paragraph in self.in_parts(*parts):
            if section.part == "definitions":
                continue
            for start, end in sentences(paragraph.text):
                yield section, Span(paragraph.index, start, end, paragraph.text[start:end])

    def lists(self) -> Iterator[ListOf]:
        for section in self.sections:
            current: ListOf | None = None
            lead, before, lead_paragraph = section.heading, "", None
            for paragraph in section.paragraphs:
                if paragraph.is_bullet:
                    if current is None:
                        current = ListOf(section=section, lead=lead, context=f"{before}\n{lead}",
                                     lead_paragraph=lead_paragraph)
                    current.items.append(paragraph)
                    continue
                if current is not None:
                    yield current
                    current = None
                before, lead, lead_paragraph = lead, paragraph.text, paragraph
            if current is not None:
                yield current


def whole(paragraph: Paragraph) -> Span:
    return Span(paragraph.index, 0, len(paragraph.text), paragraph.text)


def item(paragraph: Paragraph) -> str:
    return bullet_text(paragraph.text)


APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalised(text: str) -> str:
    """For comparing names: lower case, straight apostrophes, no punctuation, no leading "the"/"other"."""
    text = text.translate(APOSTROPHES).lower().replace("-", " ")
    text = re.sub(r"[^\w' ]+", " ", text)
    text = re.sub(r"^(?:the|other|our)\s+", "", " ".join(text.split()))
    return text


STOP = {"the", "and", "of", "for", "or", "a", "an", "to", "in", "on", "our", "your", "with", "other", "such", "as",
        "including", "e", "g", "eg", "etc", "who", "that", "we", "us", "you", "by", "from", "their"}


def words(text: str) -> set[str]:
    """Content words, singular-ish, for matching names that are worded a little differently."""
    return {w.rstrip("s") if len(w) > 3 else w for w in normalised(text).replace("'", "").split() if w not in STOP}


def similar(a: str, b: str, *, threshold: float = 0.6) -> bool:
    """Whether two names say the same: equal once normalised, or most of the shorter's words in the longer."""
    if normalised(a) == normalised(b):
        return True
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    shorter = min(wa, wb, key=len)
    return len(wa & wb) / len(shorter) >= threshold and len(wa & wb) >= min(2, len(shorter))


def capitalised(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]
