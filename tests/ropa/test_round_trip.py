"""The register out as a workbook and back: the demo organisation's register exported as .xlsx and imported
into an empty organisation is the same register, record by record; an invalid row is reported by row and
column and nothing is written."""

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import User

from accounts.models import Organisation
from ropa.actions import register_import
from ropa.export import write_workbook
from ropa.reading import read_upload
from ropa.sheets import IMPORT_ORDER
from ropa.values import name_of
from services.demo.loader import ECC, demo_register_load
from services.models import Legislation
from services.register import RECORD_TYPES
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db
SKIPPED = {"id", "organisation", "lock_version", "created_at", "updated_at"}


def register(organisation) -> dict:
    """Every record of the organisation's register by type and name: its fields, links by name."""
    snapshot = {}
    for key in IMPORT_ORDER:
        if key == "legislation":
            continue  # shared by every organisation: compared by counting below
        model = RECORD_TYPES[key].model
        records = {}
        for record in model.objects.filter(organisation=organisation):
            values = {}
            for field in model._meta.concrete_fields:
                if field.name in SKIPPED:
                    continue
                value = getattr(record, field.name)
                values[field.name] = name_of(value) if field.is_relation and value is not None else value
            for field in model._meta.many_to_many:
                values[field.name] = sorted(name_of(target) for target in getattr(record, field.name).all())
            records[str(record) if key == "parties" else name_of(record)] = values
        snapshot[key] = records
    return snapshot


def workbook(organisation) -> bytes:
    out = io.BytesIO()
    write_workbook(out=out, organisation=organisation)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = [m for app in ("services", "retention", "accounts")
              for m in apps.get_app_config(app).get_models(include_auto_created=True)]
    return {model._meta.label: model.objects.count() for model in models}


@pytest.fixture
def demo(db):
    demo_register_load()
    return Organisation.objects.get(slug=ECC)


@pytest.fixture
def empty():
    organisation = OrganisationFactory(name="Empty Borough Council", slug="empty-borough")
    officer = User.objects.create_user("empty.ig", is_staff=True)
    member(officer, organisation)
    return organisation, officer


def test_it_imports_the_demo_register_into_an_empty_organisation_as_the_same_register(demo, empty):
    organisation, officer = empty
    acts = Legislation.objects.count()

    rows = read_upload(name="ropa.xlsx", content=workbook(demo))
    result = register_import(actor=officer, organisation=organisation, rows=rows, commit=True)

    assert [str(e) for e in result.errors] == []
    theirs, ours = register(demo), register(organisation)
    for key in theirs:
        assert ours[key] == theirs[key], key
    assert sum(len(records) for records in ours.values()) > 100
    assert Legislation.objects.count() == acts  # the cited Acts are the shared ones, not copies


def test_it_writes_each_imported_record_through_the_register_actions(demo, empty):
    organisation, officer = empty
    rows = read_upload(name="ropa.xlsx", content=workbook(demo))

    register_import(actor=officer, organisation=organisation, rows=rows, commit=True, reason="Imported from x.xlsx")

    purpose = RECORD_TYPES["purposes"].model.objects.filter(organisation=organisation).first()
    history = list(purpose.history.all())
    assert len(history) == 1 and history[0].history_user == officer
    assert history[0].history_change_reason == "Imported from x.xlsx"
    assert purpose.lock_version == 1


def test_it_finds_nothing_to_change_when_the_register_is_imported_into_itself(demo):
    officer = User.objects.get(username="ig.officer")
    before = row_counts()

    result = register_import(actor=officer, organisation=demo, rows=read_upload(name="r.xlsx", content=workbook(demo)),
                             commit=True)

    assert result.errors == []
    assert all(not o.created and not o.changed for o in result.outcomes.values())
    assert row_counts() == before


def _edited(content: bytes, sheet: str, row: int, header: str, value) -> bytes:
    """The workbook with one cell changed, as someone editing it in a spreadsheet program would."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    worksheet = book[sheet]
    headers = [c.value for c in worksheet[1]]
    worksheet.cell(row=row, column=headers.index(header) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_it_reports_an_invalid_row_by_number_and_column_and_writes_nothing(demo, empty):
    organisation, officer = empty
    content = _edited(workbook(demo), "Record of processing", 7, "Article 6 lawful basis for processing personal data",
                      "UK GDPR Art 6(1)(z): Because we want to")
    content = _edited(content, "Recipients", 3, "Where the recipient holds the information",
                      "Outside the UK (name the country and the safeguard)")
    content = _edited(content, "Recipients", 3, "Country outside the UK", None)
    before = row_counts()

    result = register_import(actor=officer, organisation=organisation,
                             rows=read_upload(name="ropa.xlsx", content=content), commit=True)

    errors = [(e.sheet, str(e)) for e in result.errors]
    assert ("Record of processing", "Row 7, column 'Article 6 lawful basis for processing personal data': No "
            "lawful basis called “UK GDPR Art 6(1)(z): Because we want to” in the register or on its sheet of this "
            "file") in errors
    assert ("Recipients", "Row 3, column 'Country outside the UK': Enter the country outside the UK where the "
            "recipient holds the information.") in errors
    assert len(errors) == 2
    assert row_counts() == before
