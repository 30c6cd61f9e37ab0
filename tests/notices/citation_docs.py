"""Documents for the citation and contradiction checks: one paragraph of free text, with the records
(purposes, sources, recipients) the paragraph is compared with."""

import datetime as dt

from notices.compliance import check_document

# The day the checks judge dates against in these tests: the version's publish date.
ON = dt.date(2026, 12, 1)


def text_doc(text: str, *, sources=(), recipients=(), collected_from: str = "person", legislation=()) -> dict:
    """A notice document holding `text` as its one free-text section."""
    return {
        "notice": {"id": 1, "title": "Family support", "summary": ""},
        "sections": [
            {"key": "why_we_use_it", "purposes": [{
                "id": 1, "name": "Supporting families", "description": "", "collected_from": collected_from,
                "legislation": [{"id": 100 + i, **law} for i, law in enumerate(legislation)],
            }]},
            {"key": "where_we_get_it", "sources": [{"id": 200 + i, **s} for i, s in enumerate(sources)]},
            {"key": "who_we_share_with",
             "recipients": [{"id": 300 + i, **r} for i, r in enumerate(recipients) if r["role"] != "processor"],
             "processors": [{"id": 300 + i, **r} for i, r in enumerate(recipients) if r["role"] == "processor"]},
            {"key": "text-1", "title": "More about the service", "free_text": True, "id": 1, "placement": "",
             "markdown": text},
        ],
    }


def found(text: str, codes, **records) -> list:
    """The findings with one of `codes` for a paragraph and its records, judged on ON."""
    codes = {codes} if isinstance(codes, str) else set(codes)
    return [f for f in check_document(text_doc(text, **records), on=ON) if f.code in codes]
