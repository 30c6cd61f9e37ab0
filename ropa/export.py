"""Write the register as a workbook (.xlsx: the record of processing, one sheet per other record type and a
sheet documenting each column) or the record of processing alone as .csv.

Both are written row by row (openpyxl's write-only mode; a CSV generator), so a large register never sits
in memory as a whole workbook.
"""

import csv
from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .selectors import sheet_rows
from .sheets import COLUMNS_SHEET, ROPA_SHEET, Sheet, sheets

# A cell a spreadsheet would run as a formula if it began the text ("=HYPERLINK(…)", "+44…", "-1", "@SUM").
FORMULA_STARTS = ("=", "+", "-", "@")
GUARD = "'"
WIDTH_MIN, WIDTH_MAX = 14, 60
WRAPPED = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)


def guarded(value):
    """Text a spreadsheet would read as a formula, prefixed with an apostrophe (removed again on import)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return GUARD + value
    return value


def unguarded(text: str) -> str:
    if text.startswith(GUARD) and text[1:2] in FORMULA_STARTS and text[1:2]:
        return text[1:]
    return text


def write_workbook(*, out, organisation) -> None:
    """The register of `organisation` as an .xlsx workbook, written to the binary file `out`."""
    book = Workbook(write_only=True)
    for sheet in sheets():
        _write_sheet(book, sheet, sheet_rows(sheet=sheet, organisation=organisation))
    _write_columns_sheet(book)
    book.save(out)


def _write_sheet(book: Workbook, sheet: Sheet, rows) -> None:
    worksheet = book.create_sheet(sheet.title)
    # Write-only sheets take their layout before the first row: the header stays in view, the key column too.
    worksheet.freeze_panes = "C2" if sheet.title == ROPA_SHEET else "B2"
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = _width(column.header)
    worksheet.append([_text_cell(worksheet, column.header, font=BOLD) for column in sheet.columns])
    for row in rows:
        worksheet.append([_text_cell(worksheet, value) for value in row])


def _width(header: str) -> int:
    return max(WIDTH_MIN, min(WIDTH_MAX, len(header) + 2))


def _text_cell(worksheet, value, *, font=None) -> WriteOnlyCell:
    written = WriteOnlyCell(worksheet, value=value)
    if isinstance(value, str):
        # Stored as text whatever it starts with, so "=…" is never a formula in the file (the CSV, which has
        # no cell types, needs the apostrophe instead).
        written.data_type = "s"
    written.alignment = WRAPPED
    if font is not None:
        written.font = font
    return written


def _write_columns_sheet(book: Workbook) -> None:
    """What each column of each sheet holds, and whether an import reads it back."""
    worksheet = book.create_sheet(COLUMNS_SHEET)
    worksheet.freeze_panes = "A2"
    for letter, width in zip("ABCD", (24, 40, 12, 90), strict=True):
        worksheet.column_dimensions[letter].width = width
    worksheet.append([_text_cell(worksheet, h, font=BOLD) for h in ("Sheet", "Column", "Imported", "What it holds")])
    for sheet in sheets():
        for column in sheet.columns:
            imported = "Yes" if column.imported else "No (derived)"
            worksheet.append([_text_cell(worksheet, v) for v in (sheet.title, column.header, imported,
                                                                  column.explanation)])


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(*, organisation) -> Iterator[str]:
    """The record of processing as CSV, line by line: a header row, then one row per purpose."""
    sheet = sheets()[0]
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte order mark, so Excel reads the file as UTF-8
    yield writer.writerow([column.header for column in sheet.columns])
    for row in sheet_rows(sheet=sheet, organisation=organisation):
        yield writer.writerow([guarded(value) for value in row])
