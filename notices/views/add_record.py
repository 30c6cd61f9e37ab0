"""“Add a new … that is not in the list” on the notice builder's pages: an IG officer adds a record the
register lacks without leaving the page or losing what they had typed or ticked.

It works without JavaScript. The add form sits inside the page's own <form>, its fields prefixed so they
cannot collide with the page's, and its button (name ADD, value the record type's key) says which record
to add. One POST carries both: the register's own form validates the new record and the register's own
create writes it (with its history row); the page then comes back as the editor left it, with the new
record chosen, and nothing is saved to the notice until they press Save (which still carries the
lock_version they loaded, so a save over someone else's change is refused as before).
"""

from dataclasses import dataclass

from django import forms

from services.models import RegisterRecord
from services.register import RecordType
from services.views import create_from_form, say_saved

ADD = "add_record"


@dataclass
class AddRecord:
    """One "Add a new …" disclosure: templates/manage/notices/includes/_add_record.html."""

    record_type: RecordType
    form: forms.ModelForm
    added: RegisterRecord | None = None  # the record this POST created, if any

    @property
    def is_open(self) -> bool:
        return self.form.is_bound and bool(self.form.errors)


def pressed(request) -> str:
    """The key of the record type whose Add button sent this POST, or "" (Save, or a GET)."""
    return request.POST.get(ADD, "") if request.method == "POST" else ""


def handle(request, record_type: RecordType, *, organisation, initial: dict | None = None) -> AddRecord:
    """The add form for `record_type` in `organisation`'s register (the notice's). If its button sent this
    POST, the record is created when the form is valid (the form is then empty again, ready for another)
    or the form comes back with its errors."""
    form_class, prefix = record_type.form_class(), f"new-{record_type.key}"
    blank = {"prefix": prefix, "initial": initial, "organisation": organisation}
    if pressed(request) != record_type.key:
        return AddRecord(record_type, form_class(**blank))
    form = form_class(request.POST, prefix=prefix, organisation=organisation)
    if not form.is_valid():
        return AddRecord(record_type, form)
    record = create_from_form(request, record_type, form)
    say_saved(request, form, f"Added “{record}” to the register of {organisation} and chose it. The notice "
                             f"does not change until you press Save.")
    return AddRecord(record_type, form_class(**blank), added=record)


def typed(form: forms.Form) -> dict:
    """What was typed into a bound form, as initial values for an unbound one: the page comes back as the
    editor left it, without the errors a half-finished form would show."""
    return {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
    }


def choose(initial: dict, name: str, record: RegisterRecord | None, *, many: bool) -> dict:
    """`initial` with `record` chosen in field `name` (added to a list of choices, or as the one choice)."""
    if record is None:
        return initial
    value = [*(initial.get(name) or []), record.pk] if many else record.pk
    return {**initial, name: value}
