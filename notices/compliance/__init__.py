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
from . import checklist, consistency, lawful_basis, readability, stale
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
    "notice_meta",
    "section_scores",
]

RULES = [*checklist.RULES, *lawful_basis.RULES, *consistency.RULES, *stale.RULES, *readability.RULES]


def check_document(
    document: dict, *, notice_meta: dict | None = None, on: dt.date | None = None, references=None
) -> list[Finding]:
    """Every finding for a notice document (notices.document.build_document output), blockers first.

    `notice_meta` carries what the document does not: the notice's review-by date and its published document
    (see notice_meta()). `on` is the day to judge dates against. `references` replaces the active
    StaleReference rows (for tests and previews).
    """
    ctx = NoticeContext(document, notice_meta=notice_meta, on=on or today(), references=references)
    return ordered(finding for rule in RULES for finding in rule(ctx))


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
