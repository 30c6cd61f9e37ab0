"""python manage.py check_text FILE: the text checks on any text file, each finding with its line number."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from .citation_corpus import SEED_DIR

pytestmark = pytest.mark.django_db


def _run(path, *args) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("check_text", str(path), *args, stdout=out)
    except SystemExit as leaving:
        return out.getvalue(), leaving.code
    return out.getvalue(), 0


def test_it_prints_each_finding_with_its_line_number(tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text(
        "Our privacy notice\n\nWe assess needs because the\nCare Act 2016 requires it.\n\n"
        "Volunteers need a CRB check.\n",
        encoding="utf-8",
    )
    out, status = _run(notice, "--on", "2026-12-01")
    assert "notice.txt:4: blocker: citation_year_mismatch:" in out
    assert "notice.txt:6: warning: stale_reference:" in out
    assert out.rstrip().endswith("2 findings, 1 blocking.")
    assert status == 1


def test_it_exits_0_when_nothing_blocks(tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text("We follow the Children Act 1989.\n", encoding="utf-8")
    out, status = _run(notice)
    assert out.strip() == "0 findings, 0 blocking." and status == 0


def test_it_prints_the_findings_for_each_seed_notice():
    out, _ = _run(SEED_DIR / "001-hcrg-essex-child-family-wellbeing.txt", "--on", "2026-12-01")
    assert "001-hcrg-essex-child-family-wellbeing.txt:196: warning: stale_reference:" in out
    out, _ = _run(SEED_DIR / "002-essex-cc-childrens-services.txt", "--on", "2026-12-01")
    assert "002-essex-cc-childrens-services.txt:51: warning: citation_year_missing:" in out
    assert "002-essex-cc-childrens-services.txt:249: warning: stale_reference:" in out
    out, _ = _run(SEED_DIR / "003-essex-cc-privacy-statement-2015.txt", "--on", "2026-12-01")
    assert out.strip() == "0 findings, 0 blocking."


def test_it_says_what_is_wrong_with_a_missing_file_or_a_bad_date(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("check_text", str(tmp_path / "missing.txt"))
    notice = tmp_path / "notice.txt"
    notice.write_text("Text.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("check_text", str(notice), "--on", "1 May")
