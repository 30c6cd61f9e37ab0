"""The record of processing in the workspace: downloads for IG officers and DPOs of the organisation, and the
upload → preview (which survives a reload) → confirm journey for IG officers, refused when stale."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from ropa.models import RegisterImport
from services import actions
from services.models import DataCategory, Purpose
from tests.factories import (
    DataCategoryFactory,
    DataSubjectGroupFactory,
    OrganisationFactory,
    PurposeFactory,
    basis,
    default_organisation,
    member,
)

pytestmark = pytest.mark.django_db
INDEX = reverse("manage:ropa")
ART6 = "Article 6 lawful basis for processing personal data"


@pytest.fixture
def register(db):
    organisation = default_organisation()
    people = DataSubjectGroupFactory(name="Foster carers")
    contact = DataCategoryFactory(name="Contact details")
    purpose = PurposeFactory(name="Approving foster carers", description="=HYPERLINK(\"http://evil\")",
                             art6_basis=basis("art6_1_e"))
    purpose.subject_groups.set([people])
    purpose.data_categories.set([contact])
    return organisation


def _csv(client) -> list[dict]:
    response = client.get(reverse("manage:ropa_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _main(response) -> str:
    """The page's main content, without the CSRF token (which differs on every response)."""
    main = response.content.decode().split('<main', 1)[1].split("</main>", 1)[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


def _upload(client, name: str, content: bytes):
    return client.post(INDEX, {"file": SimpleUploadedFile(name, content)})


def test_it_gives_a_dpo_the_workbook_with_the_record_of_processing_first(register, dpo):
    response = dpo.get(reverse("manage:ropa_xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="record-of-processing-')
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert book.sheetnames[0] == "Record of processing" and book.sheetnames[-1] == "Columns"
    rows = list(book["Record of processing"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Business function", "Purpose of processing", "Description of the purpose")
    assert rows[1][1] == "Approving foster carers"
    assert rows[1][2] == '=HYPERLINK("http://evil")'  # text, not a formula (see the next test for the CSV)


def test_it_guards_formulas_in_the_csv(register, dpo):
    rows = _csv(dpo)

    assert [row["Purpose of processing"] for row in rows] == ["Approving foster carers"]
    assert rows[0]["Description of the purpose"] == "'=HYPERLINK(\"http://evil\")"
    assert rows[0]["Categories of personal data"] == "Contact details"


def test_it_refuses_a_dpo_an_import(register, dpo):
    response = _upload(dpo, "ropa.csv", b"Purpose of processing\nX\n")

    assert response.status_code == 403
    assert RegisterImport.objects.count() == 0


def test_it_previews_an_edited_csv_survives_a_reload_and_imports_it_on_confirm(register, officer, alice):
    rows = _csv(officer)
    rows[0]["Description of the purpose"] = "Assessing and approving people who apply to foster."
    rows.append({**rows[0], "Purpose of processing": "Reviewing foster carers", "Description of the purpose": ""})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)

    response = _upload(officer, "ropa.csv", out.getvalue().encode())
    preview = response["Location"]
    page = _main(officer.get(preview))
    again = _main(officer.get(preview))

    assert "Check the import" in page and page == again
    assert Purpose.objects.filter(name="Reviewing foster carers").count() == 0
    assert "Approving foster carers: Description of the purpose" in page
    assert page.index(">Controllers<") < page.index(">Purposes<") < page.index(">Legal holds<")  # import order
    response = officer.post(preview)
    assert response.status_code == 302
    changed = Purpose.objects.get(name="Approving foster carers")
    assert changed.description == "Assessing and approving people who apply to foster."
    assert changed.lock_version == 2 and changed.history.first().history_user == alice
    new = Purpose.objects.get(name="Reviewing foster carers")
    assert list(new.data_categories.values_list("name", flat=True)) == ["Contact details"]
    assert "already applied" not in officer.post(preview).content.decode()  # a second confirm is refused…
    assert "was applied on" in officer.post(preview).content.decode()
    assert Purpose.objects.filter(organisation=register).count() == 2  # …and writes nothing


def test_it_lists_each_invalid_row_with_its_column_and_links_the_summary_to_it(register, officer):
    content = f"Purpose of processing,Categories of personal data,{ART6}\nA,Contact details,\nB,Shoe size,\n"

    page = officer.get(_upload(officer, "ropa.csv", content.encode())["Location"]).content.decode()

    assert "There is a problem" in page
    assert ('<a href="#import-error-1">Record of processing: Row 3, column &#x27;Categories of personal data&#x27;: '
            "No data category called “Shoe size”") in page
    assert 'id="import-error-1"' in page
    assert "Import into the register" not in page
    assert Purpose.objects.filter(name__in=["A", "B"]).count() == 0


def test_it_refuses_a_stale_preview(register, officer, alice):
    content = "Purpose of processing,Description of the purpose\nApproving foster carers,New words\n"
    preview = _upload(officer, "ropa.csv", content.encode())["Location"]
    category = DataCategory.objects.get(name="Contact details")
    actions.record_update(actor=alice, record=category, lock_version=category.lock_version,
                          fields={"description": "Changed meanwhile"})

    page = officer.post(preview).content.decode()

    assert "The register has changed since this preview was made" in page
    assert Purpose.objects.get(name="Approving foster carers").description != "New words"


def test_it_says_why_a_file_cannot_be_read(register, officer):
    response = _upload(officer, "ropa.xlsm", b"PK\x03\x04")

    assert response.status_code == 200
    assert "macro-enabled workbook" in response.content.decode()
    assert RegisterImport.objects.count() == 0


def test_it_keeps_an_import_to_the_person_who_uploaded_it(register, officer, sign_in):
    preview = _upload(officer, "ropa.csv", b"Purpose of processing\nX\n")["Location"]
    colleague = User.objects.create_user("colleague", is_staff=True)
    member(colleague)
    other = sign_in(colleague, client=Client())

    assert other.get(preview).status_code == 404
    assert other.post(preview).status_code == 404


def test_it_exports_only_the_current_organisation(register, officer, alice):
    elsewhere = OrganisationFactory(name="Elsewhere", slug="elsewhere")
    PurposeFactory(name="Someone else's purpose", organisation=elsewhere)

    assert [row["Purpose of processing"] for row in _csv(officer)] == ["Approving foster carers"]


def test_the_command_exports_and_imports_with_a_dry_run(register, alice, tmp_path):
    path = tmp_path / "ropa.xlsx"
    call_command("ropa", "export", str(path), organisation=register.slug)
    target = OrganisationFactory(name="Target", slug="target")
    member(alice, target)
    out = io.StringIO()

    call_command("ropa", "import", str(path), organisation="target", user="alice", dry_run=True, stdout=out)

    assert "Purposes: 1 new, 0 changed, 0 unchanged." in out.getvalue()
    assert not Purpose.objects.filter(organisation=target).exists()
    call_command("ropa", "import", str(path), organisation="target", user="alice", stdout=io.StringIO())
    assert Purpose.objects.get(organisation=target).name == "Approving foster carers"
    with pytest.raises(CommandError, match="--user"):
        call_command("ropa", "import", str(path), organisation="target")
