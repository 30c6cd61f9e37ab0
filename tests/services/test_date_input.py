"""The GOV.UK date input (Day, Month, Year) used for every date in the workspace: what it accepts, the
specific error each mistake gets, and that the error summary's link lands in the box at fault."""

import datetime as dt
import re

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from retention.models import LegalHold
from services.forms import GovUKDateField, page_helper


class HoldDates(forms.Form):
    helper = page_helper()
    start = GovUKDateField(label="Start date", noun="The start date")
    end = GovUKDateField(label="End date", noun="The end date", required=False)


def _page(form) -> str:
    return Template("{% load crispy_forms_tags crispy_forms_gds %}{% error_summary form %}{{ form|crispy }}").render(
        Context({"form": form})
    )


def _bound(day="", month="", year="", **extra) -> HoldDates:
    return HoldDates({"start_0": day, "start_1": month, "start_2": year, **extra})


def test_it_reads_day_month_and_year_as_a_date():
    form = _bound(" 27", "3", "2027 ")
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"start": dt.date(2027, 3, 27), "end": None}


def test_it_shows_three_labelled_boxes_in_a_fieldset_with_a_hint():
    page = _page(HoldDates())
    assert '<legend class="govuk-fieldset__legend">' in page and "Start date" in page
    assert "For example, 27 3 2027" in page
    for label, name in [("Day", "start_0"), ("Month", "start_1"), ("Year", "start_2")]:
        assert f">{label}</label>" in page and f'name="{name}"' in page
    assert 'class="govuk-date-input"' in page and 'inputmode="numeric"' in page


@pytest.mark.parametrize(
    ("parts", "message", "link"),
    [
        (("", "", ""), "Enter the start date", "id_start"),
        (("27", "", "2027"), "The start date must include a month", "id_start_1"),
        (("27", "3", ""), "The start date must include a year", "id_start_2"),
        (("", "", "2027"), "The start date must include a day and month", "id_start"),
        (("31", "2", "2027"), "The start date must be a real date", "id_start"),
        (("27", "13", "2027"), "The start date must be a real date", "id_start_1"),
        (("27", "March", "2027"), "The start date must be a real date", "id_start_1"),
        (("27", "3", "27"), "The year must include 4 numbers", "id_start_2"),
    ],
)
def test_it_names_the_mistake_and_links_to_the_box_at_fault(parts, message, link):
    form = _bound(*parts)
    assert not form.is_valid()
    assert form.errors["start"] == [message]
    page = _page(form)
    assert f'<a href="#{link}">{message}</a>' in page
    # The link lands on an input: the day box carries the field's own id.
    assert re.search(rf'<input [^>]*id="{link}"', page)


def test_it_outlines_only_the_missing_box():
    page = _page(_bound("27", "", "2027"))
    boxes = {name: page.split(f'name="{name}"')[1].split(">")[0] for name in ("start_0", "start_1", "start_2")}
    assert ["govuk-input--error" in attrs for attrs in boxes.values()] == [False, True, False]


def test_it_leaves_an_optional_date_blank():
    form = _bound("1", "1", "2027", end_0="", end_1="", end_2="")
    assert form.is_valid() and form.cleaned_data["end"] is None


@pytest.mark.django_db
def test_it_saves_a_legal_holds_dates_from_the_register_form(sign_in, alice):
    client = sign_in(alice)
    response = client.post(reverse("manage:record_create", args=["legal-holds"]), {
        "name": "Covid-19 Inquiry", "start_date_0": "28", "start_date_1": "6", "start_date_2": "2022",
    }, follow=True)
    assert "Saved “Covid-19 Inquiry”" in response.content.decode()
    hold = LegalHold.objects.get()
    assert (hold.start_date, hold.end_date) == (dt.date(2022, 6, 28), None)


@pytest.mark.django_db
def test_it_shows_an_impossible_or_reversed_hold_date_as_an_error_not_a_failure(sign_in, alice):
    client = sign_in(alice)
    url = reverse("manage:record_create", args=["legal-holds"])
    start = {"name": "Inquiry", "start_date_0": "1", "start_date_1": "6", "start_date_2": "2022"}
    impossible = client.post(url, {**start, "end_date_0": "31", "end_date_1": "2", "end_date_2": "2027"})
    assert impossible.status_code == 200
    assert '<a href="#id_end_date">The end date must be a real date</a>' in impossible.content.decode()
    reversed_ = client.post(url, {**start, "end_date_0": "1", "end_date_1": "1", "end_date_2": "2020"})
    assert '<a href="#id_end_date">The end date must be on or after the start date.</a>' in reversed_.content.decode()
    assert not LegalHold.objects.exists()
