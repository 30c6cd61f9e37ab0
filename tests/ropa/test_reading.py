"""Opening an uploaded register safely: macros, ZIP bombs, damaged files and CSV text are refused with a
message that says what to do; the CSV's formula guard comes off again."""

import io
import zipfile

import pytest

from ropa.export import guarded, unguarded
from ropa.reading import MAX_UNCOMPRESSED_BYTES, MAX_UPLOAD_BYTES, UnreadableFile, read_upload
from ropa.sheets import ROPA_SHEET


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_it_refuses_a_macro_enabled_workbook_by_its_name():
    with pytest.raises(UnreadableFile, match="macro-enabled"):
        read_upload(name="register.xlsm", content=b"PK")


def test_it_refuses_a_workbook_carrying_macros_under_an_xlsx_name():
    with pytest.raises(UnreadableFile, match="contains macros"):
        read_upload(name="register.xlsx", content=_zip({"xl/vbaProject.bin": b"\0" * 10}))


def test_it_refuses_a_zip_bomb_without_expanding_it():
    bomb = _zip({"xl/worksheets/sheet1.xml": b"0" * (MAX_UNCOMPRESSED_BYTES + 1)})
    assert len(bomb) < MAX_UPLOAD_BYTES

    with pytest.raises(UnreadableFile, match="expands to far more"):
        read_upload(name="register.xlsx", content=bomb)


def test_it_refuses_a_file_that_is_not_a_workbook():
    with pytest.raises(UnreadableFile, match="not a valid .xlsx"):
        read_upload(name="register.xlsx", content=b"<html>not a workbook</html>")


def test_it_refuses_a_damaged_workbook():
    with pytest.raises(UnreadableFile, match="could not be read"):
        read_upload(name="register.xlsx", content=_zip({"[Content_Types].xml": b"<broken"}))


def test_it_refuses_a_csv_that_is_not_utf8():
    with pytest.raises(UnreadableFile, match="not UTF-8"):
        read_upload(name="register.csv", content="Purpose of processing\nCaf\xe9".encode("latin-1"))


def test_it_refuses_other_kinds_of_file_and_oversized_ones():
    with pytest.raises(UnreadableFile, match="Upload an Excel workbook"):
        read_upload(name="register.ods", content=b"x")
    with pytest.raises(UnreadableFile, match="larger than 5 MB"):
        read_upload(name="register.csv", content=b"x" * (MAX_UPLOAD_BYTES + 1))


def test_it_numbers_csv_rows_as_a_spreadsheet_does_and_removes_the_formula_guard():
    content = "\ufeffPurpose of processing,Description of the purpose\nA,'=HYPERLINK(\"x\")\n,\nB,'+44 1245\n"

    rows = read_upload(name="register.csv", content=content.encode())

    assert rows == {ROPA_SHEET: [(2, {"Purpose of processing": "A", "Description of the purpose": '=HYPERLINK("x")'}),
                                 (4, {"Purpose of processing": "B", "Description of the purpose": "+44 1245"})]}


@pytest.mark.parametrize("text", ["=1+1", "+44 1245 000000", "-5", "@SUM(A1)", "plain", "'quoted"])
def test_the_formula_guard_comes_off_exactly_as_it_went_on(text):
    assert unguarded(guarded(text)) == text
    assert not guarded(text).startswith(("=", "+", "-", "@"))


def test_it_refuses_a_nul_character_with_its_row():
    with pytest.raises(UnreadableFile, match="Row 3 of a sheet contains a NUL"):
        read_upload(name="register.csv", content=b"Purpose of processing\nA\nB\x00\n")
