"""The reader against the fault catalogue, a round-trip property, and the cost of blank rows."""

from __future__ import annotations

import io
import time

import openpyxl
import pytest
from django.utils import translation
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from counterpart.imports.readers import Limits, ReadError, normalize_header, read_table
from counterpart.imports.tests import faults
from counterpart.imports.tests.faults import CASES, ERROR_CASES, HANDLED_CASES, csv_bytes

LIBRARY_WORDS = ("Traceback", "Error:", "calamine", "zipfile", "codec", "expat", "Errno")


def _chinese_is_merged() -> bool:
    """Whether the reader's messages have reached the Chinese catalogue yet."""
    with translation.override("zh-hans"):
        return translation.gettext("“%(name)s” is empty (0 bytes).") != (
            "“%(name)s” is empty (0 bytes)."
        )


def test_the_catalogue_is_large_and_named_uniquely():
    assert len(CASES) >= 45
    assert len(ERROR_CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)
    for case in CASES:
        assert (case.error is None) != (case.expect is None), case.name


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda case: case.name)
def test_refused(case):
    with translation.override("en"), pytest.raises(ReadError) as raised:
        case.read()
    message = str(raised.value)
    assert case.error in message
    assert not any(word in message for word in LIBRARY_WORDS), message
    with translation.override("zh-hans"), pytest.raises(ReadError) as raised:
        case.read()
    message = str(raised.value)
    assert message and not any(word in message for word in LIBRARY_WORDS), message
    if case.error_zh and _chinese_is_merged():
        assert case.error_zh in message, message


@pytest.mark.parametrize("case", HANDLED_CASES, ids=lambda case: case.name)
def test_handled(case):
    with translation.override("en"):
        table = read_table(
            case.build(),
            case.filename,
            header_names=case.header_names,
            sheet=case.sheet,
            limits=case.limits or Limits(),
        )
        case.expect(table)


def test_error_location_is_kept():
    case = next(case for case in ERROR_CASES if case.name == "unterminated quote")
    with translation.override("en"), pytest.raises(ReadError) as raised:
        case.read()
    assert raised.value.row == 3


def test_header_row_search_is_bounded():
    data = csv_bytes([["说明"]] * 40 + [["名称", "金额"], ["甲", "1"]])
    table = read_table(data, "a.csv", header_names=["名称", "金额"], limits=Limits())
    assert table.header_row == 1  # the header is beyond the 30 rows searched
    table = read_table(
        data, "a.csv", header_names=["名称", "金额"], limits=Limits(header_search_rows=50)
    )
    assert table.header_row == 41
    assert [row.cells for row in table.rows] == [["甲", "1"]]


def test_limits_come_from_settings(settings):
    settings.IMPORT_MAX_BYTES = 10
    settings.IMPORT_MAX_COLUMNS = 3
    limits = Limits.from_settings()
    assert (limits.max_bytes, limits.max_columns) == (10, 3)
    assert limits.max_rows == 1_000_000
    with translation.override("en"), pytest.raises(ReadError, match="cannot be imported"):
        read_table(b"name,amount\nMidea,3000\n", "a.csv")


def test_normalize_header():
    assert normalize_header(" Ｎａｍｅ \u3000(万元) ") == "name(万元)"
    assert normalize_header("统一社会\n信用代码") == "统一社会信用代码"


def test_blank_rows_cost_little():
    """10 data rows and 100,000 formatted blank rows: read well under a few seconds.

    CPU time of this process (calamine's included), so that other work on the machine does not
    count; about 0.5 s here.
    """
    data = faults._trailing_blank_rows()
    started = time.process_time()
    table = read_table(data, "a.xlsx", header_names=["名称", "金额"], limits=Limits())
    rows = list(table.rows)
    elapsed = time.process_time() - started
    assert len(rows) == 10
    assert elapsed < 2.0, elapsed


# ---------------------------------------------------------------------------- round trip

# Text a cell may hold in both formats: no control characters (XML forbids most), no tab or
# semicolon (they would compete with the comma as the CSV delimiter, which is sniffed).
_ALPHABET = st.characters(
    categories=("L", "N", "P", "S", "Zs"),
    exclude_characters="\t;\r\x85\u2028\u2029",
)
_HEADER = st.text(_ALPHABET, min_size=1, max_size=8).map(lambda s: "".join(s.split())).filter(bool)
_CELL = st.one_of(
    st.just(""),
    st.text(st.one_of(_ALPHABET, st.just("\n"), st.just('"'), st.just(",")), max_size=12),
).map(str.strip)


@st.composite
def _grids(draw):
    headers = draw(st.lists(_HEADER, min_size=2, max_size=5, unique_by=normalize_header))
    width = len(headers)
    rows = draw(st.lists(st.lists(_CELL, min_size=width, max_size=width), max_size=6))
    return headers, rows


def _expected(rows: list[list[str]]) -> list[list]:
    return [[cell or None for cell in row] for row in rows if any(row)]


def _read(data: bytes, name: str, headers: list[str]):
    table = read_table(data, name, header_names=headers, limits=Limits())
    return table, [row.cells for row in table.rows]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_grids(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_csv_round_trip(grid, encoding):
    headers, rows = grid
    data = csv_bytes([headers, *rows], encoding=encoding)
    if encoding == "gb18030":
        # GB18030 bytes that are also valid UTF-8 are read as UTF-8: a file can be both, and
        # UTF-8 is the likelier (pure ASCII is the same text either way).
        try:
            same = data.decode("utf-8") == data.decode("gb18030")
        except UnicodeDecodeError:
            same = True
        assume(same)
    with translation.override("en"):
        table, read = _read(data, "grid.csv", headers)
    assert table.headers == headers
    assert read == _expected(rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_grids())
def test_xlsx_round_trip(grid):
    headers, rows = grid
    book = openpyxl.Workbook()
    sheet = book.active
    for r, values in enumerate([headers, *rows], start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(r, c)
            cell.value = value or None
            if value:
                cell.data_type = "s"  # text, even when it starts with "="
    buffer = io.BytesIO()
    book.save(buffer)
    with translation.override("en"):
        table, read = _read(buffer.getvalue(), "grid.xlsx", headers)
    assert table.headers == headers
    assert read == _expected(rows)
