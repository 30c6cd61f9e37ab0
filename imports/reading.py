"""Reading a notice into sections, proposals and the text checks' findings: the one path the upload, the
command line and the accuracy test all take."""

import datetime as dt
from dataclasses import dataclass

from notices.compliance import check_text

from .matching import matched
from .parsers import Extracted, extract
from .rules import Proposed
from .rules.propose import propose
from .sections import Section, sectioned


@dataclass
class Reading:
    extracted: Extracted
    sections: list[Section]
    proposals: list[Proposed]
    findings: list[dict]

    @property
    def text(self) -> str:
        return source_text(self.sections)


def source_text(sections: list[Section]) -> str:
    """The text as the officer sees it: headings and paragraphs, a blank line between each."""
    return "\n\n".join(part for s in sections for part in ([s.heading] if s.heading else []) +
                       [p.text for p in s.paragraphs])


def _findings(sections: list[Section], *, on: dt.date | None) -> list[dict]:
    """The citation, out-of-date and date checks on the source, each placed on the paragraph it is about."""
    text = source_text(sections)
    starts, line = [], 1
    for section in sections:
        if section.heading:
            line += 2
        for paragraph in section.paragraphs:
            starts.append((line, paragraph.index))
            line += paragraph.text.count("\n") + 2
    located = []
    for number, finding in check_text(text, on=on):
        paragraph = max((index for first, index in starts if first <= number), default=None)
        located.append({"paragraph": paragraph, "line": number, "severity": finding.severity, "code": finding.code,
                        "message": finding.rule, "quote": getattr(finding, "quote", "")})
    return located


def read(kind: str, data: bytes, *, organisation=None, on: dt.date | None = None) -> Reading:
    """Sections, proposals (matched against `organisation`'s register when given) and findings for a file."""
    extracted = extract(kind, data)
    marked = any(heading for _, heading in extracted.blocks)
    sections = sectioned(extracted.blocks, marked=marked)
    proposals = propose(sections)
    if organisation is not None:
        matched(proposals, organisation=organisation)
    return Reading(extracted, sections, proposals, _findings(sections, on=on))
