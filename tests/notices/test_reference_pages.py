"""The workspace pages for the checks' reference data: DPOs keep the legislation catalogue and the
out-of-date references; IG officers read them and add legislation to the register."""

import pytest
from django.urls import reverse

from notices.models import StaleReference
from services.models import Legislation
from tests.factories import LegislationFactory

pytestmark = pytest.mark.django_db

NEW_ACT = {"title": "Autism Act 2009", "year": "2009", "chapter": "c. 15",
           "url": "https://www.legislation.gov.uk/ukpga/2009/15", "status": "in_force",
           "verified_source": "https://www.legislation.gov.uk/ukpga/2009/15/contents"}


def test_it_lets_a_dpo_add_an_act_to_the_catalogue(dpo, bob):
    response = dpo.post(reverse("manage:catalogue_create"), NEW_ACT, follow=True)
    assert "Added “Autism Act 2009” to the legislation catalogue." in response.text
    entry = Legislation.objects.get(title="Autism Act 2009")
    assert entry.in_catalogue and entry.history.latest().history_user == bob


def test_it_tells_the_dpo_what_a_catalogue_entry_lacks(dpo):
    response = dpo.post(reverse("manage:catalogue_create"), {**NEW_ACT, "url": "https://example.org/act"})
    assert "Enter the address of the Act on legislation.gov.uk" in response.text
    assert not Legislation.objects.filter(title="Autism Act 2009").exists()


def test_it_shows_ig_officers_the_catalogue_and_staff_items_to_check_but_no_way_to_change_it(officer):
    LegislationFactory(title="Childrens Act 1989", year=1989)
    response = officer.get(reverse("manage:catalogue_list"))
    assert "Children Act 1989" in response.text and "Childrens Act 1989" in response.text
    assert "Not in the catalogue: check the title and year" in response.text
    assert reverse("manage:catalogue_create") not in response.text


def test_it_refuses_a_register_item_whose_title_ends_in_another_year(officer):
    response = officer.post(reverse("manage:record_create", kwargs={"kind": "legislation"}),
                            {"title": "Children Act 1989", "year": "1998", "section": "s.17"})
    assert "The title ends in 1989 but the year is 1998" in response.text
    assert not Legislation.objects.filter(section="s.17").exists()


def test_it_lets_a_dpo_add_an_out_of_date_reference_that_the_checks_then_use(dpo):
    form = {"name": "Youth Offending Service (example)", "pattern": "Youth Offending Service", "is_regex": "",
            "problem": "Renamed.", "replacement": "The youth justice service.", "severity": "warning",
            "example": "We share with the Youth Offending Service.", "counter_example": "", "source": "Test",
            "active": "on"}
    response = dpo.post(reverse("manage:stale_create"), form, follow=True)
    assert "The checks now look for it." in response.text
    reference = StaleReference.objects.get(name="Youth Offending Service (example)")
    assert reference.history.latest().history_user is not None


def test_it_refuses_a_pattern_that_misses_its_own_example(dpo):
    form = {"name": "Broken", "pattern": "Nothing here", "is_regex": "", "problem": "x", "replacement": "y",
            "severity": "warning", "example": "Something else.", "active": "on"}
    response = dpo.post(reverse("manage:stale_create"), form)
    assert "The pattern does not find anything in this example." in response.text


def test_it_refuses_an_edit_made_on_an_old_copy(dpo):
    reference = StaleReference.objects.get(name="Criminal Records Bureau (CRB)")
    edit = reverse("manage:stale_edit", kwargs={"pk": reference.pk})
    form = {name: getattr(reference, name) for name in
            ("name", "pattern", "problem", "replacement", "severity", "example", "counter_example", "source")}
    form |= {"is_regex": "on", "active": "on", "lock_version": reference.lock_version}
    assert dpo.post(edit, {**form, "source": "First"}).status_code == 302
    response = dpo.post(edit, {**form, "source": "Second"})
    assert "was changed by someone else" in response.text
    reference.refresh_from_db()
    assert reference.source == "First"
