"""Excel output: one sheet per table, frozen header, totals equal to the sum of the rows."""

from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest

from counterpart.core.testing import run_command
from counterpart.reports.xlsx import Table, safe_cell, workbook_bytes


def read(data: bytes):
    return openpyxl.load_workbook(BytesIO(data))


def test_totals_row_equals_the_sum_of_the_rows():
    table = Table(
        "t", ["Name", "Projects", "Value"], [["a", 1, Decimal("1.50")], ["b", 2, Decimal("2")]],
        money_columns={2}, totals=True,
    )  # fmt: skip
    sheet = read(workbook_bytes([table]))["t"]
    assert [c.value for c in sheet[4]] == ["Total", 3, 3.5]
    assert sheet.freeze_panes == "A2"
    assert sheet["C2"].number_format == "#,##0.00"


@pytest.mark.parametrize("text", ["=1+1", "+cmd", "-2+3", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_is_escaped(text):
    assert safe_cell(text) == "'" + text
    sheet = read(workbook_bytes([Table("t", ["Name"], [[text]])]))["t"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "'" + text


def test_no_tables_gives_a_workbook_that_opens():
    assert read(workbook_bytes([])).sheetnames == ["-"]


@pytest.mark.usefixtures("sample_data")
@pytest.mark.django_db
def test_conference_workbook_from_the_command(tmp_path):
    target = tmp_path / "event.xlsx"
    run_command(
        "report", "event-summary", "--event", "HLJ-GD-2023-CONF", "--format", "xlsx",
        "-o", str(target), "--lang", "en",
    )  # fmt: skip
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["By field", "By category", "By destination"]
    for sheet in book:
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        *body, total = rows
        assert total[0] == "Total"
        assert total[1] == sum(r[1] for r in body) == 192
        assert total[2] == sum(r[2] for r in body) == 98238000000


@pytest.mark.usefixtures("sample_data")
@pytest.mark.django_db
def test_capital_workbook_has_guangdong_second(tmp_path):
    target = tmp_path / "capital.xlsx"
    run_command(
        "report", "capital-by-source", "--from", "2023-01", "--to", "2023-02",
        "--min-size", "10000000", "--format", "xlsx", "-o", str(target), "--lang", "zh",
    )  # fmt: skip
    sheet = openpyxl.load_workbook(target)["按资金来源地"]
    second = [cell.value for cell in sheet[3]]
    assert second == [2, "广东省", 1950000000]
