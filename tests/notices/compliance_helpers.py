"""Small helpers for the compliance tests: what the checker says about a notice or a document."""

from notices.compliance import check_document, check_notice
from notices.document import build_document


def findings(notice_or_document, code: str | None = None, **kwargs):
    if isinstance(notice_or_document, dict):
        found = check_document(notice_or_document, **kwargs)
    else:
        found = check_notice(notice_or_document, **kwargs)
    return [finding for finding in found if code is None or finding.code == code]


def one(notice_or_document, code: str, **kwargs):
    found = findings(notice_or_document, code, **kwargs)
    assert len(found) == 1, [f.rule for f in found]
    return found[0]


def section(document: dict, key: str) -> dict:
    return next(s for s in document["sections"] if s["key"] == key)


def document(notice) -> dict:
    return build_document(notice)
