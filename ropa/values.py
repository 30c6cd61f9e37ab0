"""A record's field as a spreadsheet cell, and a cell back as the value the register's form takes.

Links are written as the linked record's name (one per line for many), choices as their labels, yes/no as
Yes and No, dates as 2027-03-27; reading accepts the same, and a choice's stored value too.
"""

import datetime as dt
import re

from django import forms
from django.db import models
from django.db.models import Q

from services.models import LawfulBasis, Legislation, OrganisationRecord

YES, NO = "Yes", "No"
TRUE_WORDS, FALSE_WORDS = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class CellError(ValueError):
    """A cell that cannot be read as its column's kind of value; the message says what to write instead."""


def name_of(record) -> str:
    """How a record is named in a cell: its name (an Act by title and section, a basis by article and title)."""
    if isinstance(record, OrganisationRecord):
        return str(getattr(record, record.NAME_FIELD))
    return str(record)


def cell(record: models.Model, name: str):
    """The value of `record`'s field `name` as the workbook writes it."""
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if field.many_to_many:
        return "\n".join(sorted(name_of(target) for target in value.all()))
    if field.is_relation:
        return name_of(value) if value is not None else ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value)) if value not in (None, "") else ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def lines(text: str) -> list[str]:
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def find_named(queryset: models.QuerySet, name: str):
    """The record of `queryset` called `name`, or None. Shared reference data is matched by its full name
    (a basis also by its code), the organisation's records by their name field."""
    model = queryset.model
    if issubclass(model, OrganisationRecord):
        return queryset.filter(**{model.NAME_FIELD: name}).first()
    if model is LawfulBasis:
        candidates = queryset.filter(Q(code=name) | Q(article=name.split(": ", 1)[0]))
        return next((b for b in candidates if name in (b.code, str(b))), None)
    if model is Legislation:
        # Named "title section": the whole name is the title, or the title is a prefix of it.
        candidates = queryset.filter(Q(title=name, section="") | ~Q(section=""))
        return next((law for law in candidates if str(law) == name), None)
    return next((record for record in queryset if str(record) == name), None)


def form_value(form_field: forms.Field, db_field: models.Field, text: str):
    """`text` (a cell) as form data for `form_field`: a primary key or a list of them for links, the stored
    value for a choice. Raises CellError for a value the column cannot hold."""
    text = str(text).strip() if not isinstance(form_field.widget, forms.Textarea) else str(text)
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        return [_linked(form_field, db_field, name).pk for name in lines(text)]
    if isinstance(form_field, forms.ModelChoiceField):
        return _linked(form_field, db_field, text.strip()).pk if text.strip() else ""
    if isinstance(form_field, forms.BooleanField):
        word = text.strip().lower()
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise CellError(f"Write Yes or No, not “{text.strip()}”")
        return word in TRUE_WORDS
    if db_field.choices:
        return _choice(db_field, text.strip())
    return text


def date_parts(text: str) -> list[str]:
    """A date cell as the GOV.UK date input's day, month and year boxes."""
    text = str(text).strip()
    if not text:
        return ["", "", ""]
    uk = UK_DATE.match(text)
    if uk:
        return list(uk.groups())
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        raise CellError(f"Write a date such as 2027-03-27, not “{text}”") from None
    return [str(day.day), str(day.month), str(day.year)]


def _linked(form_field: forms.ModelChoiceField, db_field: models.Field, name: str):
    found = find_named(form_field.queryset, name)
    if found is None:
        target = db_field.related_model._meta.verbose_name
        raise CellError(f"No {target} called “{name}” in the register or on its sheet of this file")
    return found


def _choice(db_field: models.Field, text: str) -> str:
    if text == "":
        return ""
    for value, label in db_field.flatchoices:
        if text.lower() in (str(value).lower(), str(label).lower()):
            return value
    choices = "; ".join(str(label) for value, label in db_field.flatchoices if value != "")
    raise CellError(f"“{text}” is not one of the choices: {choices}")
