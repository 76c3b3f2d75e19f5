"""Excel renderer: every table of a report result on its own sheet, for analysts.

Numbers stay numbers (yuan with a thousands format, never pre-formatted text), the header row
is frozen, a table with amounts ends in a totals row equal to the sum of its rows, and text
that a spreadsheet would read as a formula is escaped.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .tables import SHEET_NAME_LIMIT, Table, tables_for, totals_row

MONEY_FORMAT = "#,##0.00"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that starts like a formula is written with a leading apostrophe (OWASP CSV rule)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def workbook_bytes(tables: list[Table]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        _write_sheet(book, table)
    if not tables:
        book.create_sheet("-").append(["no data"])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_sheet(book: Workbook, table: Table) -> None:
    sheet = book.create_sheet(_sheet_name(book, table.title))
    sheet.append([safe_cell(h) for h in table.headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([safe_cell(v) for v in row])
    if table.totals and table.rows:
        sheet.append(totals_row(table))
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    if table.note:  # below the totals, outside the money columns' number format
        sheet.append([])
        sheet.append([safe_cell(table.note)])
        note_row = sheet.max_row
    else:
        note_row = None
    for column in table.money_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
            if cell.row != note_row:
                cell.number_format = MONEY_FORMAT
    sheet.freeze_panes = "A2"
    for index, header in enumerate(table.headers, start=1):
        width = max([len(str(header))] + [len(str(r[index - 1])) for r in table.rows] + [8])
        if index == 1 and table.note:
            width = max(width, 12)
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 4, 60)


def _sheet_name(book: Workbook, title: str) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:SHEET_NAME_LIMIT] or "Sheet"
    candidate, n = name, 2
    while candidate in book.sheetnames:
        candidate, n = f"{name[: SHEET_NAME_LIMIT - 3]}-{n}", n + 1
    return candidate


def render(result, lang: str) -> bytes:
    """The .xlsx file of a report result."""
    return workbook_bytes(tables_for(result, lang))
