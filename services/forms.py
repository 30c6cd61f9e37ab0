"""Forms for register records. Forms only validate; views and the admin hand cleaned data to actions."""

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.validators import URLValidator
from django.db import models

from accounts.forms import GovUKInputErrors, NormalisedLineEndings

from .models import Legislation, Purpose
from .rules import check_purpose


def page_helper() -> FormHelper:
    """A crispy helper for forms whose <form> tag the template writes; `{% error_summary %}` needs one."""
    helper = FormHelper()
    helper.form_tag = False
    return helper


DATE_EXAMPLE = "For example, 27 3 2027"


class GovUKDateWidget(DateInputWidget):
    """crispy-forms-gds's Day, Month and Year inputs, with two changes the error summary needs: the day
    input carries the field's own id, so a link to the field lands in the first box; and only the parts
    at fault are outlined in red (`faulty`, set by GovUKDateField.clean)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.faulty: tuple[int, ...] = ()
        for box in self.widgets:
            box.attrs["inputmode"] = "numeric"  # a number keypad on phones, as the Design System advises

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        field_id = widget["attrs"].get("id")
        if field_id:
            widget["attrs"]["id"] = f"{field_id}-date-input"
            widget["subwidgets"][0]["attrs"]["id"] = field_id
        if self.faulty:
            for index, subwidget in enumerate(widget["subwidgets"]):
                classes = [c for c in subwidget["attrs"].get("class", "").split() if c != "govuk-input--error"]
                subwidget["attrs"]["class"] = " ".join(classes + ["govuk-input--error"] * (index in self.faulty))
        return context

    def id_for_label(self, id_):
        return id_


class GovUKDateField(DateInputField):
    """A date as the GOV.UK date input asks for it: Day, Month and Year boxes in a fieldset, with the
    Design System's error messages ("The start date must include a month", "… must be a real date"),
    each tied to the box at fault so the error summary links to it. `noun` names the date in errors."""

    widget = GovUKDateWidget
    PARTS = ("day", "month", "year")

    def __init__(self, *, noun: str = "", **kwargs):
        hint = kwargs.pop("help_text", "")
        super().__init__(help_text=f"{hint} {DATE_EXAMPLE}".strip(), require_all_fields=False, **kwargs)
        self.noun = noun or "The date"

    def clean(self, value):
        self.widget.faulty = ()
        for subfield in self.fields:
            subfield.widget.errors = []
        parts = [str(part or "").strip() for part in (list(value or []) + ["", "", ""])[:3]]
        if not any(parts):
            if self.required:
                raise self._fault(f"Enter {self.noun[0].lower()}{self.noun[1:]}", (0, 1, 2), code="required")
            return None
        day = self._parse(parts)
        self.validate(day)
        self.run_validators(day)
        return day

    def _parse(self, parts: list[str]) -> dt.date:
        missing = tuple(i for i, part in enumerate(parts) if not part)
        if missing:
            names = " and ".join(self.PARTS[i] for i in missing)
            raise self._fault(f"{self.noun} must include a {names}", missing, code="incomplete")
        not_numbers = tuple(i for i, part in enumerate(parts) if not part.isdigit())
        if not_numbers:
            raise self._fault(f"{self.noun} must be a real date", not_numbers)
        if len(parts[2]) != 4:
            raise self._fault("The year must include 4 numbers", (2,))
        day, month, year = (int(part) for part in parts)
        if not 1 <= month <= 12:
            raise self._fault(f"{self.noun} must be a real date", (1,))
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise self._fault(f"{self.noun} must be a real date", (0,)) from None

    def _fault(self, message: str, faulty: tuple[int, ...], *, code: str = "invalid") -> forms.ValidationError:
        self.widget.faulty = faulty
        # A message kept on a month or year sub-field makes the error summary link to that box; one
        # about the day stays on the field itself, whose id the day box carries (see GovUKDateWidget).
        if faulty[0]:
            self.fields[faulty[0]].widget.errors.append(message)
        return forms.ValidationError(message, code=code)


WEB_ADDRESS = URLValidator(
    schemes=["https", "http"], message="Enter a web address starting with https://", code="web_address"
)


def govuk_formfield(db_field: models.Field, **kwargs):
    """formfield_callback for model forms: model DateFields become GOV.UK date inputs, drop-downs open on
    words ("Choose …", "None") instead of Django's "---------", and web addresses must be http(s)."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        return db_field.formfield(form_class=GovUKDateField, noun=f"The {db_field.verbose_name}", **kwargs)
    if isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("empty_label", _empty_choice_label(db_field))
    formfield = db_field.formfield(**kwargs)
    if formfield is None:
        return None
    # GOV.UK error messages name what is missing ("Enter the title"), never "This field is required."
    chosen = isinstance(db_field, models.ForeignKey | models.ManyToManyField) or db_field.choices
    formfield.error_messages["required"] = f"{'Choose' if chosen else 'Enter'} {_the(db_field.verbose_name)}"
    if isinstance(db_field, models.URLField):
        # Django also accepts ftp:// addresses; a notice's reader follows these links in a browser.
        formfield.validators.append(WEB_ADDRESS)
    choices = list(getattr(formfield, "choices", None) or []) if db_field.choices else []
    if choices and choices[0][0] == "":
        formfield.choices = [("", _empty_choice_label(db_field)), *choices[1:]]
    return formfield


def _the(noun: str) -> str:
    """`noun` with "the" before it, unless it is a clause ("where the recipient holds…") that takes none."""
    return noun if noun.split(" ", 1)[0] in {"where", "when", "how", "why", "who", "what", "whether"} else f"the {noun}"


def _empty_choice_label(db_field: models.Field) -> str:
    return "None" if db_field.blank else f"Choose {db_field.verbose_name}"


class PurposeForm(forms.ModelForm):
    """Applies the lawful-basis rules that need the chosen data categories, which a model cannot see."""

    class Meta:
        model = Purpose
        formfield_callback = govuk_formfield
        fields = [
            "name", "description", "art6_basis", "legitimate_interests", "art9_condition", "sch1_condition",
            "criminal_condition", "appropriate_policy_document", "legislation", "data_categories",
            "subject_groups", "collected_from", "reuses_held_information", "provision_requirement",
            "automated_decisions", "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A purpose can be recorded before its basis is settled; say so rather than show a bare dash.
        self.fields["art6_basis"].empty_label = "Not known yet"
        from .selectors import catalogue_titles  # selectors import the register, which imports these forms

        known = catalogue_titles()
        self.fields["legislation"].label_from_instance = lambda law: legislation_label(law, known)

    def clean(self):
        cleaned = super().clean()
        result = check_purpose(
            art6_basis=cleaned.get("art6_basis"),
            art9_condition=cleaned.get("art9_condition"),
            sch1_condition=cleaned.get("sch1_condition"),
            criminal_condition=cleaned.get("criminal_condition"),
            data_categories=cleaned.get("data_categories") or [],
            legislation=cleaned.get("legislation") or [],
        )
        for field_name, errors in result.errors.items():
            for error in errors:
                self.add_error(field_name, error)
        # Warnings do not stop the save; the view shows them once it has saved.
        self.rule_warnings = result.warnings
        return cleaned


def legislation_label(law: Legislation, catalogue: set[str]) -> str:
    """How the purpose form offers an Act: the catalogue's citation, or a warning for an item staff added
    whose title the catalogue does not know (`catalogue` holds its titles in lower case)."""
    if law.in_catalogue:
        cited = f"{law.title} ({law.chapter})" if law.chapter else law.title
        return f"{cited}: repealed, replaced by {law.replaced_by}" if law.is_repealed else cited
    if law.title.lower() in catalogue:
        return str(law)
    return f"{law}: not in the catalogue, check the title and year"


# Fields only catalogue entries use; IG officers' register forms leave them out.
CATALOGUE_ONLY_FIELDS = ("in_catalogue", "status", "replaced_by", "status_since", "verified_source")


class CatalogueEntryForm(GovUKInputErrors, NormalisedLineEndings, forms.ModelForm):
    """An entry in the shared legislation catalogue, as a DPO adds or corrects it."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    helper = page_helper()

    class Meta:
        model = Legislation
        formfield_callback = govuk_formfield
        fields = ["title", "year", "chapter", "url", "status", "replaced_by", "status_since", "verified_source"]
        labels = {"chapter": "Chapter or SI number"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Validated as a catalogue entry: year, number and a legislation.gov.uk address are required.
        self.instance.in_catalogue = True
        if self.instance.pk and not self.is_bound:
            self.initial["lock_version"] = self.instance.lock_version
class CopyForm(forms.Form):
    """Which of the user's other organisations to copy a register record into."""

    helper = page_helper()
    organisation = forms.ModelChoiceField(
        label="Copy into", queryset=None, empty_label="Choose an organisation",
        error_messages={"required": "Choose the organisation to copy it into",
                        "invalid_choice": "Choose one of your organisations"},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
