"""Read an uploaded register file (.xlsx or .csv) into rows of text, refusing anything unsafe to open.

An .xlsx is a ZIP of XML: it is checked before openpyxl sees it (no macros, a bounded uncompressed size and
number of parts), then read with openpyxl in read-only mode for cached values only (data_only: a formula is
never evaluated, its last result is read), its XML parsed by defusedxml. A .csv must be UTF-8.
"""

import csv
import datetime as dt
import io
import zipfile
from pathlib import PurePath

from openpyxl import load_workbook

from .export import unguarded
from .sheets import COLUMNS_SHEET, ROPA_SHEET

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# An .xlsx compresses about tenfold; far beyond that is a ZIP bomb, not a register.
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_PARTS = 500
MAX_ROWS = 20_000

Rows = dict[str, list[tuple[int, dict[str, str]]]]


class UnreadableFile(ValueError):
    """The file cannot be read as a register; the message says why and what to do."""


def read_upload(*, name: str, content: bytes) -> Rows:
    """{sheet title: [(row number, {header: text})]}; a CSV is the record of processing's sheet."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise UnreadableFile(f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB. Split the register "
                             f"into smaller files, or remove sheets the import does not read.")
    suffix = PurePath(name).suffix.lower()
    if suffix == ".csv":
        return {ROPA_SHEET: _csv_rows(content)}
    if suffix in (".xlsm", ".xltm", ".xlsb"):
        raise UnreadableFile("The file is a macro-enabled workbook. Save it as an Excel Workbook (.xlsx), without "
                             "macros, and upload that.")
    if suffix != ".xlsx":
        raise UnreadableFile("Upload an Excel workbook (.xlsx) or a CSV file (.csv).")
    _check_zip(content)
    return _xlsx_rows(content)


def _check_zip(content: bytes) -> None:
    try:
        parts = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except zipfile.BadZipFile:
        raise UnreadableFile("The file is not a valid .xlsx workbook. Open it in your spreadsheet program and "
                             "save it again as an Excel Workbook (.xlsx).") from None
    if any(PurePath(part.filename).name.lower() == "vbaproject.bin" for part in parts):
        raise UnreadableFile("The workbook contains macros. Save it as an Excel Workbook (.xlsx), without macros, "
                             "and upload that.")
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableFile("The workbook expands to far more than a register holds, so it was not opened.")


def _xlsx_rows(content: bytes) -> Rows:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file; each means the same to a user
        raise UnreadableFile("The workbook could not be read. Open it in your spreadsheet program and save it "
                             "again as an Excel Workbook (.xlsx).") from error
    try:
        return {sheet.title: _table(sheet.iter_rows(values_only=True)) for sheet in book.worksheets
                if sheet.title != COLUMNS_SHEET}
    finally:
        book.close()


def _csv_rows(content: bytes) -> list[tuple[int, dict[str, str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile("The CSV file is not UTF-8. Save it again as “CSV UTF-8” and upload that.") from None
    try:
        return _table([unguarded(value) for value in row] for row in csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise UnreadableFile(f"The CSV file could not be read: {error}.") from None


def _table(rows) -> list[tuple[int, dict[str, str]]]:
    """Rows under the header row, numbered as the spreadsheet numbers them; blank rows skipped."""
    table, headers = [], None
    for number, row in enumerate(rows, start=1):
        values = [_text(value) for value in row]
        if any("\x00" in value for value in values):
            # No register text holds one, and PostgreSQL cannot store it: say so rather than fail later.
            raise UnreadableFile(f"Row {number} of a sheet contains a NUL character (often a sign of a damaged "
                                 f"file). Remove it and upload the file again.")
        if headers is None:
            headers = [value.strip() for value in values]
            continue
        if not any(value.strip() for value in values):
            continue
        if len(table) >= MAX_ROWS:
            raise UnreadableFile(f"A sheet has more than {MAX_ROWS} rows. Split the register into smaller files.")
        table.append((number, {header: value for header, value in zip(headers, values, strict=False) if header}))
    return table


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
