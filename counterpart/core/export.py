"""Export of a list's filtered rows (all pages, the chosen columns) to CSV and Excel.

Cells keep their type: money is a Decimal written as a number (Excel: with a thousands
format), dates are dates. Text that a spreadsheet would take for a formula (= + - @ …) is
escaped the way the report renderer escapes it (``reports.xlsx.safe_cell``), in both formats:
a CSV file is opened in Excel too.
"""

from __future__ import annotations

import csv
import datetime
from decimal import Decimal
from io import BytesIO, StringIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import content_disposition_header

__all__ = ["FORMATS", "export_response"]

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
SHEET_NAME_LIMIT = 31


def _safe(value):
    from counterpart.reports.xlsx import safe_cell

    return safe_cell(value)


def _plain(value):
    """A cell as a str, number, date or None (lazy translations and objects become text)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.replace(tzinfo=None)
    value = force_str(value, strings_only=True)
    if isinstance(value, bool):
        return str(value)
    return _safe(value)


def table_rows(table, personal: bool = False) -> list[list]:
    return [[_plain(v) for v in row] for row in table.export_rows(personal)]


def csv_bytes(rows: list[list]) -> bytes:
    out = StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    # With a byte-order mark, Excel opens the UTF-8 file with its Chinese intact.
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: list[list], title: str, money_columns: set[int]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:SHEET_NAME_LIMIT] or "-"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in sheet.iter_rows(min_row=2):
        for index, cell in enumerate(row):
            if index in money_columns and isinstance(cell.value, Decimal | int):
                cell.number_format = MONEY_FORMAT
            elif isinstance(cell.value, datetime.datetime):
                cell.number_format = DATE_FORMAT + " hh:mm"
            elif isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
    for index, header in enumerate(rows[0] if rows else [], start=1):
        width = max(10, min(50, len(str(header)) * 2 + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_response(table, fmt: str, *, title: str, filename: str, personal: bool = False):
    """The table's rows as a download: ``fmt`` is "csv" or "xlsx"."""
    rows = table_rows(table, personal)
    if fmt == "csv":
        content = csv_bytes(rows)
    else:
        content = xlsx_bytes(rows, title, table.money_column_indexes(personal))
    response = HttpResponse(content, content_type=FORMATS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{filename}-{stamp}.{fmt}"
    )
    return response
