"""The text checks over a labelled corpus (tests/notices/citation_corpus.py): per rule, how many expected
findings they make (recall) and how many of their findings were expected (precision). Both must be at
least 0.9 overall; the table is printed (pytest -s) for the issue's closing note."""

from collections import Counter

import pytest

from notices.compliance import check_document, check_text

from .citation_corpus import CLEAN, DEFECTS, SEED_DIR, SEEDS
from .citation_docs import ON, text_doc

pytestmark = pytest.mark.django_db

CODES = {
    "citation_year_mismatch", "citation_year_unknown", "citation_year_missing", "legislation_repealed",
    "guidance_as_law", "stale_reference", "date_passed", "sources_contradicted", "recipient_role_contradicted",
}


def _paragraph_codes(text: str, records: dict) -> set[str]:
    return {f.code for f in check_document(text_doc(text, **records), on=ON) if f.code in CODES}


def _score(counts: Counter) -> Counter:
    """Adds true positives, false positives and false negatives for every labelled item to `counts`."""
    for text, expected, records in DEFECTS + [(text, set(), records) for text, records in CLEAN]:
        got = _paragraph_codes(text, records)
        for code in CODES:
            counts[code, "tp"] += code in got and code in expected
            counts[code, "fp"] += code in got and code not in expected
            counts[code, "fn"] += code in expected and code not in got
    for name, expected in SEEDS:
        got = {(f.code, f.quote) for _, f in check_text((SEED_DIR / name).read_text(encoding="utf-8"), on=ON)}
        for code, quote in got | expected:
            counts[code, "tp"] += (code, quote) in got and (code, quote) in expected
            counts[code, "fp"] += (code, quote) in got and (code, quote) not in expected
            counts[code, "fn"] += (code, quote) in expected and (code, quote) not in got
    return counts


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def test_the_corpus_has_every_kind_of_defect_and_enough_clean_paragraphs():
    assert len(DEFECTS) >= 30 and len(CLEAN) >= 30
    assert {code for _, expected, _ in DEFECTS for code in expected} == CODES


def test_it_finds_the_defects_and_leaves_clean_text_alone():
    counts = _score(Counter())
    rows = []
    for code in sorted(CODES):
        tp, fp, fn = counts[code, "tp"], counts[code, "fp"], counts[code, "fn"]
        rows.append(f"{code:30} precision {_ratio(tp, tp + fp):.2f}  recall {_ratio(tp, tp + fn):.2f}  "
                    f"(tp {tp}, fp {fp}, fn {fn})")
    tp, fp, fn = (sum(counts[code, kind] for code in CODES) for kind in ("tp", "fp", "fn"))
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    print("\n" + "\n".join(rows) + f"\n{'overall':30} precision {precision:.2f}  recall {recall:.2f}")
    assert precision >= 0.9 and recall >= 0.9
