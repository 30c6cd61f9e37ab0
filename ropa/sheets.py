"""The register as a workbook: which sheets, which columns, and what each column holds. Export, import, the
"Columns" sheet and the management command all read this one table.

The first sheet is the organisation's record of processing activities (UK GDPR Art 30(1)): one row per
purpose, with the columns of the ICO's documentation template for controllers. Its headings follow that
template ("Business function", "Purpose of processing", "Categories of individuals", "Link to contract with
processor", "Names of third countries or international organisations…", "Retention schedule", "General
description of technical and organisational security measures", "Article 6 lawful basis", "Article 9
condition", "Rights available to individuals", "Source of the personal data"…). Addresses read:
https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/accountability-and-governance/documentation/
(which offers the template and says what a controller documents) and
https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/accountability-and-governance/guide-to-accountability-and-governance/accountability-and-governance/documentation/
(the Art 30(1) contents, and the DPA 2018 condition for special category and criminal offence data).

Some of the template's columns are the purpose's own fields and are read back on import; the others are
derived for the record (from the controller, and from the notices that use the purpose, which is where the
register pairs a purpose with its recipients and retention) and are ignored on import. The remaining sheets
hold every other record type whole, generated from the register's own forms, so the workbook carries the
register exactly and an import validates each row with the form the workspace uses.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.text import capfirst

from services.register import RECORD_TYPES, RecordType

ROPA_SHEET = "Record of processing"
COLUMNS_SHEET = "Columns"
# The order records are imported in: a row only names records of earlier sheets (or shared reference data).
IMPORT_ORDER = ("controllers", "services", "parties", "subject-groups", "sources", "data-categories",
                "legislation", "purposes", "recipients", "retention-rules", "legal-holds")
# How a row finds the record it describes: the record's name within the organisation, unless said here.
KEYS = {"parties": ("service", "body", "role"), "legislation": ("title", "section")}


@dataclass(frozen=True)
class Column:
    """One column. `field` is the record's form field it carries (read back on import); a column without one
    is derived for the record by `derive(purpose, context)` and ignored on import."""

    header: str
    explanation: str
    field: str = ""
    derive: Callable | None = None

    @property
    def imported(self) -> bool:
        return bool(self.field)


@dataclass(frozen=True)
class Sheet:
    title: str
    record_type: RecordType
    columns: tuple[Column, ...]

    @property
    def key(self) -> tuple[str, ...]:
        return KEYS.get(self.record_type.key, (getattr(self.record_type.model, "NAME_FIELD", "name"),))

    def header_for(self, field_name: str) -> str:
        return next((c.header for c in self.columns if c.field == field_name), field_name)


def form_fields(record_type: RecordType) -> dict[str, forms.Field]:
    """The fields the register's own form edits for `record_type` (the optimistic-lock counter aside)."""
    return {name: f for name, f in record_type.form_class().base_fields.items() if name != "lock_version"}


def _generic_columns(record_type: RecordType) -> tuple[Column, ...]:
    model = record_type.model
    columns = []
    for name, form_field in form_fields(record_type).items():
        db_field = model._meta.get_field(name)
        explanation = str(db_field.help_text or form_field.help_text or "")
        columns.append(Column(capfirst(str(db_field.verbose_name)), _with_format(db_field, explanation), name))
    return tuple(columns)


def _with_format(db_field, explanation: str) -> str:
    """What the column holds, and how to write it so an import reads it."""
    if db_field.many_to_many:
        target = db_field.related_model._meta.verbose_name_plural
        how = f"The {target} by name, one per line (each must be in the register or on its own sheet)."
    elif db_field.is_relation:
        how = f"The {db_field.related_model._meta.verbose_name} by name."
    elif db_field.choices:
        how = "One of: " + "; ".join(str(label) for value, label in db_field.flatchoices if value != "") + "."
    elif db_field.get_internal_type() == "BooleanField":
        how = "Yes or No."
    elif db_field.get_internal_type() == "DateField":
        how = "A date, e.g. 2027-03-27."
    else:
        how = ""
    return " ".join(part for part in (explanation, how) if part)


def _ropa(header: str, explanation: str, field: str = "", derive: Callable | None = None) -> Column:
    return Column(header, explanation, field, derive)


def _ropa_columns() -> tuple[Column, ...]:
    from . import derived  # the derived columns read the notices app, which sits above the register

    own = {c.field: c.explanation for c in _generic_columns(RECORD_TYPES["purposes"])}
    return (
        _ropa("Business function", "Derived: the services of the notices that use this purpose.",
              derive=derived.business_function),
        _ropa("Purpose of processing", own["name"], "name"),
        _ropa("Description of the purpose", own["description"], "description"),
        _ropa("Name and contact details of controller", "Derived: the controller of each notice that uses this "
              "purpose, with its registered office, website and ICO registration number.", derive=derived.controllers),
        _ropa("Name and contact details of joint controller", "Derived: the joint controllers recorded for the "
              "services of those notices.", derive=derived.joint_controllers),
        _ropa("Name and contact details of representative", "Not recorded in the register (a UK representative "
              "under Art 27 is needed only by a controller outside the UK): left blank.", derive=derived.nothing),
        _ropa("Name and contact details of data protection officer", "Derived: the DPO recorded for each "
              "controller of those notices.", derive=derived.dpos),
        _ropa("Categories of individuals", own["subject_groups"], "subject_groups"),
        _ropa("Categories of personal data", own["data_categories"], "data_categories"),
        _ropa("Categories of recipients", "Derived: the recipients of the notices that use this purpose, with "
              "their role.", derive=derived.recipients),
        _ropa("Link to contract with processor", "Not recorded in the register: left blank.", derive=derived.nothing),
        _ropa("Names of third countries or international organisations that personal data are transferred to",
              "Derived: the countries outside the UK where those recipients hold the information.",
              derive=derived.countries),
        _ropa("Safeguards for exceptional transfers of personal data to third countries or international "
              "organisations", "Derived: the safeguard recorded for each recipient outside the UK.",
              derive=derived.safeguards),
        _ropa("Retention schedule", "Derived: the retention rules of the notices that use this purpose.",
              derive=derived.retention),
        _ropa("General description of technical and organisational security measures", "Not recorded in the "
              "register: give a reference to your security policy by hand. Left blank.", derive=derived.nothing),
        _ropa("Article 6 lawful basis for processing personal data", own["art6_basis"], "art6_basis"),
        _ropa("Legitimate interests for the processing", own["legitimate_interests"], "legitimate_interests"),
        _ropa("Article 9 condition for processing special category data", own["art9_condition"], "art9_condition"),
        _ropa("Schedule 1 condition for processing special category data (DPA 2018)", own["sch1_condition"],
              "sch1_condition"),
        _ropa("Condition for processing criminal offence data", own["criminal_condition"], "criminal_condition"),
        _ropa("Link to appropriate policy document", own["appropriate_policy_document"],
              "appropriate_policy_document"),
        _ropa("Legislation", own["legislation"], "legislation"),
        _ropa("Rights available to individuals", "Derived from the Art 6 basis (and an Art 9(2)(a) consent) with "
              "the portal's table of rights by basis.", derive=derived.rights),
        _ropa("Existence of automated decision-making, including profiling", own["automated_decisions"],
              "automated_decisions"),
        _ropa("Source of the personal data", own["collected_from"], "collected_from"),
        _ropa("Sources named", "Derived: who the purpose's data categories come from.", derive=derived.sources),
        _ropa("Uses information already held", own["reuses_held_information"], "reuses_held_information"),
        _ropa("Must people provide the data?", own["provision_requirement"], "provision_requirement"),
        _ropa("Internal note", own["note"], "note"),
    )


def sheets() -> tuple[Sheet, ...]:
    """Every sheet of the workbook, the record of processing first, then the other record types in the order
    they are imported."""
    others = [
        Sheet(capfirst(str(RECORD_TYPES[key].label_plural)), RECORD_TYPES[key], _generic_columns(RECORD_TYPES[key]))
        for key in IMPORT_ORDER if key != "purposes"
    ]
    return (Sheet(ROPA_SHEET, RECORD_TYPES["purposes"], _ropa_columns()), *others)


def sheet_for(record_type_key: str) -> Sheet:
    return next(sheet for sheet in sheets() if sheet.record_type.key == record_type_key)
