"""python manage.py import_notice: the proposals and findings as a table or as JSON, for bulk onboarding."""

import json

import pytest
from django.core.management import CommandError, call_command

from imports.models import NoticeImport
from tests.factories import default_organisation
from tests.imports.accuracy import seed_file


def _run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_notice", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_json_lists_each_proposal_with_its_values_sources_and_confidence():
    out = _run(str(seed_file("001")), "--organisation", default_organisation().slug, "--dry-run", "--json")

    rows = json.loads(out)
    dpo = next(row for row in rows if row["record_type"] == "dpo")
    assert dpo["values"]["dpo_email"] == "Ask.IG@hcrgcaregroup.com"
    assert any("Ask.IG@hcrgcaregroup.com" in source["text"] for source in dpo["sources"])
    assert 0 < dpo["confidence"] <= 1
    assert not NoticeImport.objects.exists()  # a dry run keeps nothing


@pytest.mark.django_db
def test_the_table_names_each_proposal_and_the_findings_on_the_source(tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text("Who we are\n\nNorthshire Borough Council is the controller under the Data Protection Act "
                      "1998.\n\nOur legal basis\n\nWe rely on Article 6(1)(e).")

    out = _run(str(notice), "--organisation", default_organisation().slug, "--dry-run")

    assert "controller      0.80  Northshire Borough Council" in out
    assert "lawful_basis    0.90  art6_1_e" in out
    assert "Data Protection Act 1998" in out and "finding" in out


def test_it_refuses_in_words(tmp_path, alice):
    bad = tmp_path / "notice.xlsx"
    bad.write_bytes(b"PK\x03\x04")

    with pytest.raises(CommandError, match="not a file the import reads"):
        _run(str(bad), "--organisation", default_organisation().slug, "--dry-run")
    with pytest.raises(CommandError, match="No organisation has the slug"):
        _run(str(bad), "--organisation", "nowhere", "--dry-run")
    with pytest.raises(CommandError, match="Say who imports it"):
        _run(str(seed_file("003")), "--organisation", default_organisation().slug)


def test_without_dry_run_it_keeps_the_import_for_triage(alice):
    out = _run(str(seed_file("003")), "--organisation", default_organisation().slug, "--as", "alice")

    kept = NoticeImport.objects.get()
    assert kept.created_by == alice and kept.proposals.count() > 0 and "proposals" in out
