"""The legislation catalogue: what the data migration loads, what a legislation record must say, who may
change catalogue entries, and how the purpose form offers them."""

import csv
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from services import actions
from services.forms import PurposeForm
from services.models import Legislation
from tests.factories import LegislationFactory

pytestmark = pytest.mark.django_db

CSV = Path(__file__).resolve().parents[2] / "services" / "data" / "legislation-catalogue.csv"


def _rows() -> list[dict]:
    with CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_it_gives_every_row_a_year_a_number_an_address_and_the_page_read():
    rows = _rows()
    titles = {row["title"] for row in rows}
    assert len(rows) >= 120
    for row in rows:
        assert row["year"].isdigit() and row["title"].endswith(row["year"]), row["title"]
        assert row["number"].startswith(("c. ", "SI ")), row["title"]
        assert row["url"].startswith("https://www.legislation.gov.uk/"), row["title"]
        number = row["number"].split()[-1].split("/")[-1]
        # Acts before 1963 are addressed by regnal year (ukpga/Eliz2/1-2/20), later ones by calendar year.
        assert re.search(rf"/({row['year']}|[A-Z][a-z]+\d?/[\d-]+)/{number}$", row["url"]), row["title"]
        # The page read is a legislation.gov.uk page (or its legislation.data.gov.uk alias), not a copy elsewhere.
        assert re.search(r"legislation(\.data)?\.gov\.uk", row["source_read"]), row["title"]
        assert row["status"] in ("in_force", "repealed")
        if row["status"] == "repealed":
            assert row["replaced_by"] in titles and row["since"], row["title"]


def test_no_two_rows_share_a_title():
    titles = [row["title"] for row in _rows()]
    assert len(titles) == len(set(titles))


def test_the_migration_loads_every_row_with_its_first_history_entry():
    assert Legislation.objects.filter(in_catalogue=True).count() == len(_rows())
    entry = Legislation.objects.get(title="Children Act 1989", in_catalogue=True)
    assert (entry.year, entry.chapter, entry.url) == (1989, "c. 41", "https://www.legislation.gov.uk/ukpga/1989/41")
    assert entry.history.filter(history_type="+").exists()
    repealed = Legislation.objects.get(title="Data Protection Act 1998")
    assert repealed.is_repealed and repealed.replaced_by == "Data Protection Act 2018"


def test_it_refuses_a_title_that_ends_in_another_year_than_the_year_field():
    law = Legislation(title="Children Act 1989", year=1998, chapter="c. 41")
    with pytest.raises(ValidationError) as refused:
        law.full_clean()
    (error,) = refused.value.error_dict["year"]
    assert error.code == "title_year_mismatch"
    assert "The title ends in 1989 but the year is 1998" in error.messages[0]


def test_it_requires_what_the_checks_quote_of_a_catalogue_entry():
    entry = Legislation(title="Autism Act 2009", in_catalogue=True, status=Legislation.Status.REPEALED)
    with pytest.raises(ValidationError) as refused:
        entry.full_clean()
    codes = {field: errors[0].code for field, errors in refused.value.error_dict.items()}
    assert codes == {"year": "catalogue_year", "chapter": "catalogue_number", "url": "catalogue_url",
                     "replaced_by": "catalogue_replacement"}


def test_it_refuses_a_second_catalogue_entry_with_the_same_title():
    with pytest.raises(ValidationError, match="already has an entry with this title"):
        Legislation(title="Children Act 1989", section="s.47", year=1989, chapter="c. 41", in_catalogue=True,
                    url="https://www.legislation.gov.uk/ukpga/1989/41").full_clean()


def test_ig_officers_cannot_change_catalogue_entries_through_the_register(alice):
    entry = Legislation.objects.get(title="Children Act 1989", in_catalogue=True)
    with pytest.raises(PermissionDenied, match="DPOs keep"):
        actions.record_update(actor=alice, record=entry, lock_version=entry.lock_version, fields={"year": 1998})
    with pytest.raises(PermissionDenied):
        actions.record_retire(actor=alice, record=entry, lock_version=entry.lock_version)


def test_a_dpo_adds_an_entry_with_history_and_ig_officers_may_not(alice, bob):
    fields = {"title": "Autism Act 2009", "year": 2009, "chapter": "c. 15",
              "url": "https://www.legislation.gov.uk/ukpga/2009/15", "verified_source": "legislation.gov.uk"}
    with pytest.raises(PermissionDenied):
        actions.catalogue_entry_create(actor=alice, fields=fields)
    entry = actions.catalogue_entry_create(actor=bob, fields=fields)
    assert entry.in_catalogue and entry.history.latest().history_user == bob


def test_adding_a_staff_item_to_the_catalogue_keeps_the_purposes_citing_it(bob):
    item = LegislationFactory(title="Autism Act 2009", year=2009, chapter="", url="")
    fields = {"title": "Autism Act 2009", "year": 2009, "chapter": "c. 15",
              "url": "https://www.legislation.gov.uk/ukpga/2009/15", "verified_source": "legislation.gov.uk"}
    entry = actions.catalogue_entry_create(actor=bob, fields=fields)
    assert entry.pk == item.pk and entry.in_catalogue


def test_a_dpo_edit_made_on_an_old_copy_is_refused(bob):
    entry = Legislation.objects.get(title="Care Act 2014")
    loaded = entry.lock_version
    actions.catalogue_entry_update(actor=bob, entry=entry, lock_version=loaded, fields={"verified_source": "x"})
    with pytest.raises(actions.RecordConflict):
        actions.catalogue_entry_update(actor=bob, entry=entry, lock_version=loaded, fields={"verified_source": "y"})


def test_the_purpose_form_marks_acts_the_catalogue_does_not_know():
    unknown = LegislationFactory(title="Childrens Act 1989", year=1989)
    known_section = LegislationFactory(title="Children Act 1989", section="s.47")
    labels = dict(PurposeForm().fields["legislation"].choices)
    assert labels[unknown.pk] == "Childrens Act 1989: not in the catalogue, check the title and year"
    assert labels[known_section.pk] == "Children Act 1989 s.47"
    repealed = Legislation.objects.get(title="Data Protection Act 1998")
    assert labels[repealed.pk] == "Data Protection Act 1998 (c. 29): repealed, replaced by Data Protection Act 2018"
