"""The compliance engine: a notice cannot be published missing what the law requires.

    check_notice(notice) -> list[Finding]          the working copy, as it would be submitted now
    check_document(document, notice_meta=, on=)    any document dict: a frozen submission, a publication

Each rule is a small function of a NoticeContext (the document, looked at the way the law looks at it)
yielding Findings; rules are grouped by family: checklist (Arts 13 and 14), lawful_basis, consistency,
stale (out-of-date references) and readability. Findings come back blockers first.
"""

import datetime as dt

from ..document import build_document
from ..models import Notice
from ..selectors import publication_in_force, today
from . import (
    checklist,
    citations,
    consistency,
    contradictions,
    deadlines,
    lawful_basis,
    readability,
    rights_promised,
    stale,
)
from .context import NoticeContext
from .findings import BLOCKER, WARNING, Finding, blockers, ordered
from .readability import SectionReadability, section_scores

__all__ = [
    "BLOCKER",
    "WARNING",
    "Finding",
    "SectionReadability",
    "blockers",
    "check_document",
    "check_notice",
    "check_text",
    "notice_meta",
    "section_scores",
]

RULES = [
    *checklist.RULES, *lawful_basis.RULES, *consistency.RULES, *stale.RULES, *citations.RULES,
    *deadlines.RULES, *contradictions.RULES, *rights_promised.RULES, *readability.RULES,
]
# The rules that read only what a text says, so check_text can run them on pasted text with no records.
TEXT_RULES = [*stale.RULES, *citations.RULES, *deadlines.RULES]


def check_document(
    document: dict, *, notice_meta: dict | None = None, on: dt.date | None = None, references=None, catalogue=None,
    rules=None,
) -> list[Finding]:
    """Every finding for a notice document (notices.document.build_document output), blockers first.

    `notice_meta` carries what the document does not: the notice's review-by date and its published document
    (see notice_meta()). `on` is the day to judge dates against. `references` replaces the active
    StaleReference rows and `catalogue` the legislation catalogue (for tests and previews); `rules` runs only
    some rules (check_text runs TEXT_RULES).
    """
    ctx = NoticeContext(
        document, notice_meta=notice_meta, on=on or today(), references=references, catalogue=catalogue
    )
    return ordered(finding for rule in (RULES if rules is None else rules) for finding in rule(ctx))


def notice_meta(notice: Notice) -> dict:
    """What the rules need to know about a notice beyond its document."""
    in_force = publication_in_force(notice=notice)
    return {
        "id": notice.pk,
        "review_by": notice.review_by,
        "previous_document": in_force.document if in_force else None,
    }


def check_notice(notice: Notice, *, on: dt.date | None = None) -> list[Finding]:
    """The findings for a notice's working copy, as it would be submitted now."""
    return check_document(build_document(notice), notice_meta=notice_meta(notice), on=on)


def text_document(paragraphs: list[tuple[int, str]]) -> dict:
    """A document holding nothing but text, one free-text section per paragraph keyed by its first line."""
    return {
        "text_only": True,
        "sections": [
            {"key": f"text-{line}", "title": "", "free_text": True, "id": line, "placement": "", "markdown": text}
            for line, text in paragraphs
        ],
    }


def check_text(text: str, *, on: dt.date | None = None) -> list[tuple[int, Finding]]:
    """The text-reading rules run over any text (a notice pasted in before it is entered), as (line number,
    finding) pairs in reading order. The same rule functions as for notices, not a second implementation."""
    paragraphs = _paragraphs(text)
    findings = check_document(text_document(paragraphs), on=on, rules=TEXT_RULES)
    starts = dict(paragraphs)
    located = [(_line_of(starts[f.record_id], f.record_id, f.quote), f) for f in findings]
    return sorted(located, key=lambda pair: pair[0])


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line number, text) for each run of non-blank lines."""
    paragraphs, current, start = [], [], 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            start = start if current else number
            current.append(line)
        elif current:
            paragraphs.append((start, "\n".join(current)))
            current = []
    if current:
        paragraphs.append((start, "\n".join(current)))
    return paragraphs


def _line_of(paragraph: str, first_line: int, quote: str) -> int:
    """The line a quote starts on, within a paragraph that starts at first_line."""
    at = paragraph.find(quote.split("\n")[0][:60]) if quote else -1
    return first_line + (paragraph.count("\n", 0, at) if at > 0 else 0)
