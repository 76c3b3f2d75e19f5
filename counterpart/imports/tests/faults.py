"""The fault catalogue: broken, hostile and awkward files, each built in code, with what reading it
must give — a ReadError whose message holds a fragment, or a table with the expected headers,
rows and notes.

``CASES`` is shared: ``test_readers.py`` reads every case, and the import service's tests assert
that none of the refused files writes anything. A case is self-contained: ``case.read()`` calls
``read_table`` with the case's file name, header names, sheet and limits (``case.settings()`` gives
the same limits as IMPORT_* settings, for code that reads them from settings). Fragments are
English; ``error_zh`` is the Chinese one, checked once the messages are translated.

No binary fixtures: workbooks come from openpyxl, or from the small writers below where a file
needs what openpyxl cannot write (cached formula values, error cells, an .xls, an .ods, an OLE
container, a zip that lies about its sizes).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import random
import struct
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.utils import get_column_letter

from counterpart.imports.readers import Limits, Table, read_table

HEADERS = ("名称", "地址", "金额", "日期", "Name", "Amount")


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    build: Callable[[], bytes]
    error: str | None = None  # fragment of the English message
    expect: Callable[[Table], None] | None = None
    error_zh: str | None = None  # fragment of the Chinese message
    header_names: Sequence[str] = HEADERS
    sheet: str | None = None
    limits: Limits | None = None

    def read(self) -> tuple[Table, list]:
        """The table and all its rows (reading the rows is where some errors surface)."""
        table = read_table(
            self.build(),
            self.filename,
            header_names=self.header_names,
            sheet=self.sheet,
            limits=self.limits or Limits(),
        )
        return table, list(table.rows)

    def settings(self) -> dict:
        limits = self.limits or Limits()
        return {
            "IMPORT_MAX_BYTES": limits.max_bytes,
            "IMPORT_MAX_UNZIPPED_BYTES": limits.max_unzipped_bytes,
            "IMPORT_MAX_ZIP_RATIO": limits.max_ratio,
            "IMPORT_MAX_ZIP_MEMBERS": limits.max_members,
            "IMPORT_MAX_COLUMNS": limits.max_columns,
            "IMPORT_MAX_ROWS": limits.max_rows,
            "IMPORT_HEADER_SEARCH_ROWS": limits.header_search_rows,
            "IMPORT_MAX_CELLS": limits.max_cells,
        }


def table_is(
    headers: list[str],
    rows: list[list],
    *,
    notes: Sequence[str] = (),
    header_row: int = 1,
    numbers: list[int] | None = None,
    format: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    no_notes: bool = False,
) -> Callable[[Table], None]:
    """An ``expect``: the table has these headers and rows, and notes holding these fragments."""

    def check(table: Table) -> None:
        read = list(table.rows)  # first: notes may be added while rows are read
        assert table.headers == headers, table.headers
        assert [row.cells for row in read] == rows, [row.cells for row in read]
        assert table.header_row == header_row, table.header_row
        if numbers is not None:
            assert [row.number for row in read] == numbers, [row.number for row in read]
        if format is not None:
            assert table.format == format, table.format
        if sheet is not None:
            assert table.sheet == sheet, table.sheet
        if encoding is not None:
            assert table.encoding == encoding, table.encoding
        for fragment in notes:
            assert any(fragment in note for note in table.notes), (fragment, table.notes)
        if no_notes:
            assert table.notes == [], table.notes

    return check


# ---------------------------------------------------------------------------- writers


def workbook(*sheets: tuple[str, list[list]], hidden: Sequence[str] = ()) -> bytes:
    """An .xlsx written by openpyxl: (sheet name, rows) pairs."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell_xml(ref: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):  # raw (attributes, inner XML)
        return f'<c r="{ref}"{value[0]}>{value[1]}</c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def sheet_xml(rows: list[list], *, merges: Sequence[str] = (), tail: str = "") -> str:
    """A worksheet part; a cell is a value, None, or raw (attributes, inner XML)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>"
    ]
    for number, row in enumerate(rows, 1):
        cells = "".join(
            _cell_xml(f"{get_column_letter(j + 1)}{number}", v) for j, v in enumerate(row)
        )
        out.append(f'<row r="{number}">{cells}</row>')
    out.append(tail)
    out.append("</sheetData>")
    if merges:
        refs = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
        out.append(f'<mergeCells count="{len(merges)}">{refs}</mergeCells>')
    out.append("</worksheet>")
    return "".join(out)


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs></styleSheet>"
)
DATE_STYLE = ' s="1"'  # numFmtId 14 (a date) in _STYLES
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def raw_xlsx(
    sheets: Sequence[tuple[str, str, str | None]],
    *,
    shared_strings: str | None = None,
    drop: Sequence[str] = (),
    extra: dict[str, bytes | str] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """An .xlsx from parts written here: (name, sheet XML, state) triples."""
    types = [
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
    ]
    for i, _sheet in enumerate(sheets, 1):
        types.append(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        )
    types.append("</Types>")
    entries = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}"'
        + (f' state="{state}"' if state else "")
        + f' r:id="rId{i}"/>'
        for i, (name, _xml, state) in enumerate(sheets, 1)
    )
    relationships = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i, _sheet in enumerate(sheets, 1)
    )
    n = len(sheets)
    relationships += f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
    if shared_strings is not None:
        relationships += (
            f'<Relationship Id="rId{n + 2}" Type="{_REL}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": "".join(types),
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'xmlns:r="{_REL}"><sheets>{entries}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<Relationships xmlns="{_PKG_REL}">{relationships}</Relationships>',
        "xl/styles.xml": _STYLES,
    }
    for i, (_name, xml, _state) in enumerate(sheets, 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    parts.update(extra or {})
    return zip_of({k: v for k, v in parts.items() if k not in drop}, compression=compression)


def zip_of(parts: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def with_declared_size(data: bytes, member: str, size: int) -> bytes:
    """A zip whose local and central headers for ``member`` state another uncompressed size."""
    out = bytearray(data)
    encoded = member.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        position = out.find(signature)
        while position != -1:
            if out[position + name_at : position + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", out, position + size_at, size)
            position = out.find(signature, position + 1)
    return bytes(out)


_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def ole(streams: Sequence[tuple[str, bytes]]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding these streams.

    Streams under 4096 bytes are padded to 4096 so that none goes to the mini stream.
    """
    directory_sectors = (len(streams) + 1 + 3) // 4
    fat = [_FATSECT] + [
        i + 2 if i < directory_sectors - 1 else _END for i in range(directory_sectors)
    ]
    body = b""
    entries = []
    for name, content in streams:
        if content:
            content = content.ljust(4096, b"\0")
            count = -(-len(content) // 512)
            start = len(fat)
            fat += [start + k + 1 if k < count - 1 else _END for k in range(count)]
            body += content.ljust(count * 512, b"\0")
        else:
            start = _END
        entries.append((name, start, len(content)))
    assert len(fat) <= 128, "one FAT sector is enough for these tests"
    fat += [_FREE] * (128 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child=_FREE, right=_FREE) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", _FREE, right, child)
            + b"\0" * 36
            + struct.pack("<IQ", start, size)
        )

    records = [entry("Root Entry", 5, _END, 0, child=1 if entries else _FREE)]
    for i, (name, start, size) in enumerate(entries, 1):
        records.append(entry(name, 2, start, size, right=i + 1 if i < len(entries) else _FREE))
    while len(records) < directory_sectors * 4:
        records.append(entry("", 0, _FREE, 0))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<9I", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *[_FREE] * 108)
    )
    return header + struct.pack("<128I", *fat) + b"".join(records) + body


def _record(kind: int, payload: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(payload)) + payload


def xls(sheets: Sequence[tuple[str, list[list], bool]], *, filepass: bool = False) -> bytes:
    """A minimal BIFF8 .xls: (name, rows, hidden); cells str, float, bool or ("date", serial)."""

    def bof(kind: int) -> bytes:
        return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    def xf(number_format: int, style: bool) -> bytes:
        flags = 0xFFF5 if style else 0x0001
        return _record(
            0x00E0, struct.pack("<HHHBBBBIIH", 0, number_format, flags, 0x20, 0, 0, 0, 0, 0, 0x20C0)
        )

    # 15 style XFs, then cell XF 15 (general) and 16 (date, format 14).
    formats = xf(0, True) * 15 + xf(0, False) + xf(14, False)
    bodies = []
    for _name, rows, _hidden in sheets:
        body = bof(0x0010)
        width = max((len(row) for row in rows), default=0)
        body += _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, bool):
                    body += _record(0x0205, struct.pack("<HHHBB", r, c, 15, int(value), 0))
                elif isinstance(value, tuple):
                    body += _record(0x0203, struct.pack("<HHHd", r, c, 16, value[1]))
                elif isinstance(value, int | float):
                    body += _record(0x0203, struct.pack("<HHHd", r, c, 15, float(value)))
                else:
                    text = value.encode("utf-16-le")
                    body += _record(0x0204, struct.pack("<HHHHB", r, c, 15, len(value), 1) + text)
        bodies.append(body + _record(0x000A))

    def globals_(offsets: list[int]) -> bytes:
        out = bof(0x0005)
        if filepass:
            out += _record(0x002F, struct.pack("<HHH", 1, 1, 1) + b"\0" * 48)
        out += _record(0x0042, struct.pack("<H", 1200)) + formats
        for (name, _rows, hidden), offset in zip(sheets, offsets, strict=True):
            out += _record(
                0x0085,
                struct.pack("<IBB", offset, int(hidden), 0)
                + struct.pack("<BB", len(name), 1)
                + name.encode("utf-16-le"),
            )
        return out + _record(0x000A)

    offsets, position = [], len(globals_([0] * len(sheets)))
    for body in bodies:
        offsets.append(position)
        position += len(body)
    stream = globals_(offsets) + b"".join(bodies)
    stream += _record(0x0000, b"\0" * max(0, 4092 - len(stream)))  # filler: no mini stream
    return ole([("Workbook", stream)])


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
)


def ods(tables: str, *, mimetype: str = "application/vnd.oasis.opendocument.spreadsheet") -> bytes:
    """An .ods around the given <table:table> elements (style ta2 hides a table)."""
    styles = (
        '<style:style style:name="ta1" style:family="table">'
        '<style:table-properties table:display="true"/></style:style>'
        '<style:style style:name="ta2" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} '
        f'office:version="1.2"><office:automatic-styles>{styles}</office:automatic-styles>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # first and stored, as ODF wants
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def ods_cell(value) -> str:
    if isinstance(value, datetime.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value.isoformat()}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p>'
        "</table:table-cell>"
    )


def ods_table(name: str, rows: list[list], *, style: str = "ta1", tail: str = "") -> str:
    body = "".join(
        "<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>"
        for row in rows
    )
    return f'<table:table table:name="{name}" table:style-name="{style}">{body}{tail}</table:table>'


def csv_bytes(
    rows: list[list], *, encoding: str = "utf-8", delimiter: str = ",", lineterminator="\r\n"
) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator).writerows(rows)
    return buffer.getvalue().encode(encoding)


def _image(kind: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, kind)
    return buffer.getvalue()


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("名称 地址")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"
    + b"\x00" * 54
    + b"This program cannot be run in DOS mode."
)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56

ORGS = [["名称", "地址", "金额"], ["广东美的", "佛山", 3000], ["哈电集团", "哈尔滨", 1250.5]]
ORG_ROWS = [["广东美的", "佛山", 3000], ["哈电集团", "哈尔滨", 1250.5]]
ORG_TEXT_ROWS = [["广东美的", "佛山", "3000"], ["哈电集团", "哈尔滨", "1250.5"]]


def _xlsx_orgs() -> bytes:
    return workbook(("单位", ORGS))


def _trailing_blank_rows() -> bytes:
    """10 data rows, then 100,000 rows of formatted-but-empty cells (a styled column)."""
    rows = [["名称", "金额"]] + [[f"单位{i}", i] for i in range(10)]
    blank = "".join(
        f'<row r="{n}"><c r="A{n}" s="1"/><c r="B{n}" s="1" t="n"></c></row>'
        for n in range(12, 100_012)
    )
    return raw_xlsx([("数据", sheet_xml(rows, tail=blank), None)])


def _whitespace_rows_csv() -> bytes:
    return csv_bytes([["名称", "金额"], ["甲", "1"]] + [["", "  "]] * 100_000)


def _header_on_row_3() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "项目"
    sheet["A1"] = "2023年签约项目汇总表"
    sheet.merge_cells("A1:C1")
    sheet.append([])
    sheet.append(["名称", "地址", "金额"])
    sheet.append(["广东美的", "佛山", 3000])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _merged_header() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["名称", "联系人", None, "金额"])
    sheet.merge_cells("B1:C1")
    sheet.append(["甲", "张三", "13800000000", 5])
    sheet.append(["乙", "合并", None, 6])
    sheet.merge_cells("B3:C3")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _two_level_header() -> bytes:
    """序号 merged over rows 1–2; 基本信息 over B1:C1 with 名称/地址 below: header is row 2."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "基本信息", None])
    sheet.append([None, "名称", "地址"])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:C1")
    sheet.append([1, "甲", "佛山"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _formulas_cached() -> bytes:
    rows = [
        ["名称", "金额", "合计", "文本"],
        ["甲", 2, ("", "<f>B2*2</f><v>4</v>"), (' t="str"', '<f>A2&amp;"公司"</f><v>甲公司</v>')],
    ]
    return raw_xlsx([("S", sheet_xml(rows), None)])


def _formula_uncached() -> bytes:
    return workbook(("S", [["名称", "金额", "合计"], ["甲", 2, "=B2*2"], ["乙", 3, "=B3*2"]]))


def _error_values() -> bytes:
    rows = [
        ["名称", "金额", "比例"],
        ["甲", (' t="e"', "<f>1/0</f><v>#DIV/0!</v>"), 0.5],
        ["乙", 3, (' t="e"', "<v>#REF!</v>")],
        [None, (' t="e"', "<v>#N/A</v>"), None],  # a row holding only an error is not blank
    ]
    return raw_xlsx([("S", sheet_xml(rows), None)])


def _dates() -> bytes:
    rows = [
        ["名称", "日期", "时间"],
        ["甲", (DATE_STYLE, "<v>45038</v>"), (' s="2"', "<v>45038.4375</v>")],
    ]
    return raw_xlsx([("S", sheet_xml(rows), None)])


def _openpyxl_dates() -> bytes:
    return workbook(
        ("S", [["名称", "日期"], ["甲", datetime.date(2023, 4, 22)], ["乙", "2023年4月22日"]])
    )


def _prefixed_namespace() -> bytes:
    """Cells written with an ``x:`` prefix, as OpenXML SDK tools do."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>名称</x:t></x:is></x:c>'
        '<x:c r="B1" t="inlineStr"><x:is><x:t>金额</x:t></x:is></x:c></x:row>'
        '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c>'
        '<x:c r="B2" t="e"><x:v>#VALUE!</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    )
    return raw_xlsx([("S", xml, None)])


def _offset_table() -> bytes:
    """The table starts at C3; columns A and B are empty."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="3"><c r="C3" t="inlineStr"><is><t>名称</t></is></c>'
        '<c r="E3" t="inlineStr"><is><t>金额</t></is></c></row>'
        '<row r="4"><c r="C4" t="inlineStr"><is><t>甲</t></is></c><c r="D4"><v>7</v></c>'
        '<c r="E4"><v>1.5</v></c><c r="G4" t="inlineStr"><is><t>备注</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    return raw_xlsx([("S", xml, None)])


def _far_cell() -> bytes:
    """1 KB that asks calamine for a 1,000,000 × 16,384 grid (it aborts the process)."""
    tail = '<row r="1000000"><c r="XFD1000000"><v>1</v></c></row>'
    return raw_xlsx([("S", sheet_xml([["名称", "金额"], ["甲", 1]], tail=tail), None)])


def _ods_repeat_bomb() -> bytes:
    bomb = (
        '<table:table-row table:number-rows-repeated="100000">'
        '<table:table-cell table:number-columns-repeated="1000" office:value-type="float" '
        'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
    )
    return ods(ods_table("S", [["名称", "金额"]], tail=bomb))


def _ods_orgs() -> bytes:
    rows = [["名称", "金额", "日期"], ["甲", 3, datetime.date(2023, 4, 22)], ["乙", 2.5, "无"]]
    empty_tail = (
        '<table:table-row table:number-rows-repeated="1048000">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    return ods(ods_table("隐藏", [["x"]], style="ta2") + ods_table("数据", rows, tail=empty_tail))


def _zip_bomb() -> bytes:
    """A workbook with an extra 8 MiB part of zeros (ratio ≈ 1000)."""
    return raw_xlsx(
        [("S", sheet_xml(ORGS), None)], extra={"xl/media/padding.bin": b"\0" * (8 * 1024 * 1024)}
    )


def _too_many_members() -> bytes:
    parts = {f"xl/media/p{i}.txt": "" for i in range(10_001)}
    return raw_xlsx([("S", sheet_xml(ORGS), None)], extra=parts, compression=zipfile.ZIP_STORED)


def _big_unzipped() -> bytes:
    """3 MiB of incompressible text: fine by ratio, over a 2 MiB unzipped limit."""
    blob = random.Random(7).randbytes(3 * 1024 * 1024 // 2).hex()
    return raw_xlsx([("S", sheet_xml(ORGS), None)], extra={"docProps/blob.txt": blob})


def _lying_sizes() -> bytes:
    """The directory says the sheet is 100 bytes; it inflates to far more."""
    rows = [["名称", "金额"]] + [[f"单位{i}", i] for i in range(5000)]
    data = raw_xlsx([("S", sheet_xml(rows), None)])
    return with_declared_size(data, "xl/worksheets/sheet1.xml", 100)


def _encrypted_member() -> bytes:
    data = zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
    out = bytearray(data)
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = out.find(signature)
        while position != -1:
            out[position + flags_at] |= 0x1
            position = out.find(signature, position + 1)
    return bytes(out)


def _billion_laughs() -> bytes:
    xml = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
        '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol4;</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>金额</t></is></c></row></sheetData></worksheet>'
    )
    return raw_xlsx([("S", xml, None)])


def _deeply_nested() -> bytes:
    depth = 50_000
    nest = "<x>" * depth + "</x>" * depth
    xml = sheet_xml([["名称", "金额"], ["甲", 1]]).replace("</sheetData>", nest + "</sheetData>")
    return raw_xlsx([("S", xml, None)])


def _huge_shared_strings() -> bytes:
    """100,000 distinct shared strings, three of them used: read, not hung."""
    count = 100_000
    items = "".join(f"<si><t>字符串{i}</t></si>" for i in range(count))
    shared = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{count}" uniqueCount="{count}">{items}</sst>'
    )
    rows = [[(' t="s"', "<v>0</v>"), (' t="s"', "<v>1</v>")], [(' t="s"', "<v>99999</v>"), 5]]
    return raw_xlsx([("S", sheet_xml(rows), None)], shared_strings=shared)


def _truncated() -> bytes:
    data = _xlsx_orgs()
    return data[: len(data) // 2]


def _html_table() -> bytes:
    return (
        "<html><head><meta charset='utf-8'></head><body><table><tr><td>名称</td><td>金额</td></tr>"
        "<tr><td>甲</td><td>1</td></tr></table></body></html>"
    ).encode()


def _xml2003() -> bytes:
    return (
        '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table>'
        '<Row><Cell><Data ss:Type="String">名称</Data></Cell></Row></Table></Worksheet></Workbook>'
    ).encode()


def _chart_workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "数据"
    book.active.append(["名称", "金额"])
    book.active.append(["甲", 1])
    book.create_chartsheet("图表", 0)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _many_sheets() -> bytes:
    return workbook(("空", []), ("数据", ORGS), ("备注", [["说明"], ["见附件"]]), ("空白", []))


def _gb18030_rare() -> bytes:
    rows = [["名称", "地址"], ["𠮷野家（中国）", "上海"], ["喆啡酒店", "广州"]]
    return csv_bytes(rows, encoding="gb18030")


def _nul_csv() -> bytes:
    return csv_bytes(ORGS).replace(b"3000", b"30\x0000")


def _multiline_csv() -> bytes:
    return csv_bytes([["名称", "地址"], ["甲", "广东省\n佛山市"], ["乙", "黑龙江"]])


def _random_binary() -> bytes:
    rng = random.Random(42)
    return bytes(rng.randrange(256) for _ in range(4096))


def _garbage_encoding() -> bytes:
    # Valid GBK up to line 2, then bytes no encoding we read accepts (0xFF is never a lead byte).
    return "名称,地址\n甲,佛山\n".encode("gbk") + b"\xff\xfe\xfd,\x80\n"


def _zip_of_files() -> bytes:
    return zip_of({"readme.txt": "hello", "photo.jpg": _image("JPEG"), "data/名单.txt": "甲"})


def _wide(count: int) -> bytes:
    return workbook(("S", [[f"列{i}" for i in range(count)], list(range(count))]))


def _rows(count: int) -> bytes:
    return csv_bytes([["名称", "金额"]] + [[f"单位{i}", str(i)] for i in range(count)])


ERROR_CASES: list[Case] = [
    Case("empty file", "空.xlsx", lambda: b"", "is empty (0 bytes)", error_zh="为空"),
    Case(
        "over the size limit",
        "大.csv",
        lambda: _rows(200),
        "cannot be imported",
        limits=Limits(max_bytes=1000),
        error_zh="超过",
    ),
    Case("PDF named .xlsx", "报表.xlsx", lambda: PDF, "is a PDF document", error_zh="PDF"),
    Case("PDF named .csv", "报表.csv", lambda: PDF, "is a PDF document", error_zh="PDF"),
    Case("PNG named .xlsx", "截图.xlsx", lambda: _image("PNG"), "a PNG image", error_zh="PNG"),
    Case("JPEG named .csv", "照片.csv", lambda: _image("JPEG"), "a JPEG image", error_zh="JPEG"),
    Case("DOCX named .xlsx", "名单.xlsx", _docx, "a Word document", error_zh="Word"),
    Case(
        "Word .doc named .xls",
        "名单.xls",
        lambda: ole([("WordDocument", b"\xec\xa5" + b"\0" * 100)]),
        "a Word document",
        error_zh="Word",
    ),
    Case("EXE named .xlsx", "setup.xlsx", lambda: EXE, "a program", error_zh="程序"),
    Case("ELF named .csv", "run.csv", lambda: ELF, "a program", error_zh="程序"),
    Case("gzip named .csv", "数据.csv", lambda: b"\x1f\x8b\x08\x00" + b"\0" * 20, "archive"),
    Case("zip of other files", "资料.xlsx", _zip_of_files, "a zip archive", error_zh="压缩"),
    Case("truncated xlsx", "单位.xlsx", _truncated, "is damaged", error_zh="损坏"),
    Case(
        "xlsx without xl/workbook.xml",
        "单位.xlsx",
        lambda: raw_xlsx([("S", sheet_xml(ORGS), None)], drop=["xl/workbook.xml"]),
        "xl/workbook.xml is missing",
        error_zh="xl/workbook.xml",
    ),
    Case(
        "malformed sheet XML",
        "单位.xlsx",
        lambda: raw_xlsx([("S", "<worksheet><sheetData><row><c r='A1'><v>1</v></row>", None)]),
        "is damaged",
        error_zh="损坏",
    ),
    Case(
        "entity expansion (billion laughs) in a sheet",
        "单位.xlsx",
        _billion_laughs,
        "is damaged",
        error_zh="损坏",
    ),
    Case(
        "encrypted workbook (OLE with EncryptionInfo)",
        "加密.xlsx",
        lambda: ole(
            [
                ("EncryptionInfo", b"\x04\x00\x04\x00" + b"\0" * 60),
                ("EncryptedPackage", b"x" * 5000),
            ]
        ),
        "protected with a password",
        error_zh="密码",
    ),
    Case(
        "password-protected .xls (FILEPASS)",
        "加密.xls",
        lambda: xls([("S", [["名称"], ["甲"]], False)], filepass=True),
        "protected with a password",
        error_zh="密码",
    ),
    Case(
        "zip with encrypted members",
        "加密.xlsx",
        _encrypted_member,
        "protected with a password",
        error_zh="密码",
    ),
    Case("zip bomb", "炸弹.xlsx", _zip_bomb, "zip bomb", error_zh="压缩炸弹"),
    Case(
        "10,001 zip members",
        "碎片.xlsx",
        _too_many_members,
        "parts, more than the 10000",
        error_zh="10000",
    ),
    Case(
        "unzipped size over the limit",
        "大.xlsx",
        _big_unzipped,
        "would unpack to",
        limits=Limits(max_unzipped_bytes=2 * 1024 * 1024),
        error_zh="解压",
    ),
    Case("zip directory lying about sizes", "单位.xlsx", _lying_sizes, "is damaged"),
    Case(
        "a cell in XFD1000000 (calamine would allocate 500 GB)",
        "单位.xlsx",
        _far_cell,
        "1000000 rows × 16384 columns",
        error_zh="16384",
    ),
    Case(
        "ods repeat bomb (10⁸ cells in 2 KB)",
        "单位.ods",
        _ods_repeat_bomb,
        "cells that can be read",
    ),
    Case("HTML saved as .xls", "导出.xls", _html_table, "a web page (HTML)", error_zh="网页"),
    Case("Excel 2003 XML as .xls", "导出.xls", _xml2003, "Excel 2003 XML", error_zh="2003"),
    Case(
        "xlsb",
        "单位.xlsb",
        lambda: zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.bin": b"\x83\x01"}),
        ".xlsb",
    ),
    Case(
        "OpenDocument text named .ods",
        "文档.ods",
        lambda: ods("", mimetype="application/vnd.oasis.opendocument.text"),
        "OpenDocument text",
    ),
    Case(
        "Office file of another kind",
        "未知.xls",
        lambda: ole([("Contents", b"x" * 100)]),
        "not a workbook",
    ),
    Case(
        "UTF-16 CSV without BOM",
        "单位.csv",
        lambda: csv_bytes(ORGS, encoding="utf-16-le"),
        "not a spreadsheet or a text (CSV) file",
        error_zh="文本",
    ),
    Case("CSV with NUL bytes", "单位.csv", _nul_csv, "not a spreadsheet or a text (CSV) file"),
    Case(
        "random binary",
        "数据.csv",
        _random_binary,
        "not a spreadsheet or a text (CSV) file",
    ),
    Case(
        "bytes neither UTF-8 nor GB18030",
        "单位.csv",
        _garbage_encoding,
        "line 3 has bytes",
        error_zh="第 3 行",
    ),
    Case(
        "unterminated quote",
        "单位.csv",
        lambda: '名称,地址\n甲,佛山\n"乙,哈尔滨\n丙,广州\n'.encode(),
        "starts on line 3",
        error_zh="第 3 行",
    ),
    Case(
        "stray quote inside a quoted field",
        "单位.csv",
        lambda: '名称,地址\n"甲"公司,佛山\n'.encode(),
        "Line 2",
        error_zh="第 2 行",
    ),
    Case(
        "header row of blanks only",
        "单位.xlsx",
        lambda: workbook(("S", [["  ", " ", "\u3000"]])),
        "is empty",
    ),
    Case("empty sheet", "单位.xlsx", lambda: workbook(("S", [])), "has no sheet with data"),
    Case(
        "data only on hidden sheets",
        "单位.xlsx",
        lambda: workbook(("空", []), ("数据", ORGS), hidden=["数据"]),
        "only hidden sheets have data",
    ),
    Case(
        "named sheet missing",
        "单位.xlsx",
        _many_sheets,
        "no sheet called “不存在”; its sheets are: 空, 数据, 备注, 空白",
        sheet="不存在",
    ),
    Case("chart sheet chosen", "单位.xlsx", _chart_workbook, "chart or macro sheet", sheet="图表"),
    Case("201 columns", "宽.xlsx", lambda: _wide(201), "has 201 columns; at most 200"),
    Case(
        "more rows than allowed",
        "单位.csv",
        lambda: _rows(6),
        "more than 5 data rows (row 7 is past the limit)",
        limits=Limits(max_rows=5),
    ),
    Case(
        "Chinese commas as delimiters",
        "单位.csv",
        lambda: "名称，地址，金额\n甲，佛山，1\n".encode(),
        "Chinese commas",
        error_zh="中文逗号",
    ),
    Case("only a title, no header", "单位.csv", lambda: b"\xef\xbb\xbf \r\n\r\n", "has no data"),
]

HANDLED_CASES: list[Case] = [
    Case(
        "plain xlsx",
        "单位.xlsx",
        _xlsx_orgs,
        expect=table_is(ORGS[0], ORG_ROWS, format="xlsx", sheet="单位", no_notes=True),
    ),
    Case(
        "header on row 3 under a merged title",
        "项目.xlsx",
        _header_on_row_3,
        expect=table_is(
            ["名称", "地址", "金额"], [["广东美的", "佛山", 3000]], header_row=3, notes=["row 3"]
        ),
    ),
    Case(
        "header found without header names (title row skipped)",
        "项目.xlsx",
        _header_on_row_3,
        header_names=(),
        expect=table_is(["名称", "地址", "金额"], [["广东美的", "佛山", 3000]], header_row=3),
    ),
    Case(
        "100,000 formatted blank trailing rows",
        "单位.xlsx",
        _trailing_blank_rows,
        expect=table_is(["名称", "金额"], [[f"单位{i}", i] for i in range(10)], no_notes=True),
    ),
    Case(
        "100,000 blank CSV lines",
        "单位.csv",
        _whitespace_rows_csv,
        expect=table_is(["名称", "金额"], [["甲", "1"]]),
    ),
    Case(
        "formulas with cached values",
        "单位.xlsx",
        _formulas_cached,
        expect=table_is(["名称", "金额", "合计", "文本"], [["甲", 2, 4, "甲公司"]], no_notes=True),
    ),
    Case(
        "formulas without cached values",
        "单位.xlsx",
        _formula_uncached,
        expect=table_is(
            ["名称", "金额", "合计"],
            [["甲", 2, None], ["乙", 3, None]],
            notes=["2 formula cells had no saved value", "row 2, column C"],
        ),
    ),
    Case(
        "error values (#DIV/0!, #REF!, #N/A)",
        "单位.xlsx",
        _error_values,
        expect=table_is(
            ["名称", "金额", "比例"],
            [["甲", "#DIV/0!", 0.5], ["乙", 3, "#REF!"], [None, "#N/A", None]],
            notes=[
                "3 cells hold error values such as #DIV/0! (first at sheet “S”, row 2, column B)"
            ],
        ),
    ),
    Case(
        "date-formatted cells",
        "单位.xlsx",
        _dates,
        expect=table_is(
            ["名称", "日期", "时间"],
            [["甲", datetime.date(2023, 4, 22), datetime.datetime(2023, 4, 22, 10, 30)]],
        ),
    ),
    Case(
        "dates written by openpyxl",
        "单位.xlsx",
        _openpyxl_dates,
        expect=table_is(
            ["名称", "日期"], [["甲", datetime.date(2023, 4, 22)], ["乙", "2023年4月22日"]]
        ),
    ),
    Case(
        "hidden first sheet",
        "单位.xlsx",
        lambda: workbook(("旧", [["名称", "金额"], ["旧", 1]]), ("新", ORGS), hidden=["旧"]),
        expect=table_is(ORGS[0], ORG_ROWS, sheet="新", notes=["Hidden sheets were not read: 旧"]),
    ),
    Case(
        "hidden sheet chosen by name",
        "单位.xlsx",
        lambda: workbook(("新", ORGS), ("旧", [["名称", "金额"], ["旧", 1]]), hidden=["旧"]),
        sheet="旧",
        expect=table_is(["名称", "金额"], [["旧", 1]], sheet="旧"),
    ),
    Case(
        "first sheet empty, others with data",
        "单位.xlsx",
        _many_sheets,
        expect=table_is(
            ORGS[0], ORG_ROWS, sheet="数据", notes=["the other sheets with data (备注) were not"]
        ),
    ),
    Case(
        "chart sheet first",
        "单位.xlsx",
        _chart_workbook,
        expect=table_is(["名称", "金额"], [["甲", 1]], sheet="数据"),
    ),
    Case(
        "merged header cell over two columns",
        "单位.xlsx",
        _merged_header,
        expect=table_is(
            ["名称", "联系人", "联系人 (2)", "金额"],
            [["甲", "张三", "13800000000", 5], ["乙", "合并", None, 6]],
            notes=["Columns B, C are all headed “联系人”"],
        ),
    ),
    Case(
        "two-level header with vertical merge",
        "单位.xlsx",
        _two_level_header,
        expect=table_is(["序号", "名称", "地址"], [[1, "甲", "佛山"]], header_row=2),
    ),
    Case(
        "duplicate headers",
        "单位.csv",
        lambda: csv_bytes([["名称", "金额", "名称", "名称 (2)"], ["甲", "1", "乙", "丙"]]),
        expect=table_is(
            ["名称", "金额", "名称 (3)", "名称 (2)"], [["甲", "1", "乙", "丙"]], notes=["(2)"]
        ),
    ),
    Case(
        "blank header cell",
        "单位.csv",
        lambda: csv_bytes([["名称", "", "金额"], ["甲", "x", "1"]]),
        expect=table_is(["名称", "", "金额"], [["甲", "x", "1"]], notes=["Column B has no header"]),
    ),
    Case(
        "only a header row",
        "单位.xlsx",
        lambda: workbook(("S", [["名称", "金额"]])),
        expect=table_is(["名称", "金额"], []),
    ),
    Case(
        "table starting at C3, data right of the header",
        "单位.xlsx",
        _offset_table,
        expect=table_is(
            ["名称", "", "金额"],
            [["甲", 7, 1.5]],
            header_row=3,
            notes=["Column D has no header", "1 cell to the right", "row 4, column G"],
        ),
    ),
    Case(
        "x: namespace prefix (OpenXML SDK)",
        "单位.xlsx",
        _prefixed_namespace,
        expect=table_is(["名称", "金额"], [["甲", "#VALUE!"]], notes=["#VALUE!"]),
    ),
    Case(
        "100,000 shared strings",
        "单位.xlsx",
        _huge_shared_strings,
        header_names=(),
        expect=table_is(["字符串0", "字符串1"], [["字符串99999", 5]]),
    ),
    Case(
        "deeply nested XML in a sheet",
        "单位.xlsx",
        _deeply_nested,
        expect=table_is(["名称", "金额"], [["甲", 1]]),
    ),
    Case(
        "xls (BIFF8)",
        "单位.xls",
        lambda: xls(
            [
                ("隐", [["x"]], True),
                (
                    "数据",
                    [["名称", "金额", "日期", "是否"], ["甲", 3.0, ("date", 45038.0), True]],
                    False,
                ),
            ]
        ),
        expect=table_is(
            ["名称", "金额", "日期", "是否"],
            [["甲", 3, datetime.date(2023, 4, 22), True]],
            format="xls",
            sheet="数据",
            notes=["Hidden sheets were not read: 隐"],
        ),
    ),
    Case(
        "ods with a hidden table and repeated empty rows",
        "单位.ods",
        _ods_orgs,
        expect=table_is(
            ["名称", "金额", "日期"],
            [["甲", 3, datetime.date(2023, 4, 22)], ["乙", 2.5, "无"]],
            format="ods",
            sheet="数据",
            notes=["Hidden sheets were not read: 隐藏"],
        ),
    ),
    Case(
        "GBK CSV",
        "单位.csv",
        lambda: csv_bytes(ORGS, encoding="gbk"),
        expect=table_is(ORGS[0], ORG_TEXT_ROWS, encoding="gb18030", notes=["GB18030"]),
    ),
    Case(
        "GB18030 CSV with four-byte characters",
        "单位.csv",
        _gb18030_rare,
        expect=table_is(
            ["名称", "地址"], [["𠮷野家（中国）", "上海"], ["喆啡酒店", "广州"]], encoding="gb18030"
        ),
    ),
    Case(
        "UTF-8 CSV with BOM",
        "单位.csv",
        lambda: csv_bytes(ORGS, encoding="utf-8-sig"),
        expect=table_is(ORGS[0], ORG_TEXT_ROWS, encoding="utf-8-sig", no_notes=True),
    ),
    Case(
        "UTF-8 CSV without BOM",
        "单位.csv",
        lambda: csv_bytes(ORGS),
        expect=table_is(ORGS[0], ORG_TEXT_ROWS, encoding="utf-8", no_notes=True),
    ),
    Case(
        "UTF-16 text with BOM (Excel's “Unicode text”)",
        "单位.txt",
        lambda: codecs.BOM_UTF16_LE + csv_bytes(ORGS, encoding="utf-16-le", delimiter="\t"),
        expect=table_is(ORGS[0], ORG_TEXT_ROWS, encoding="utf-16", notes=["UTF-16", "tabs"]),
    ),
    Case(
        "TSV",
        "单位.tsv",
        lambda: csv_bytes([["名称", "地址"], ["甲, 乙", "佛山"]], delimiter="\t"),
        expect=table_is(["名称", "地址"], [["甲, 乙", "佛山"]], notes=["tabs"]),
    ),
    Case(
        "semicolon CSV",
        "单位.csv",
        lambda: csv_bytes(ORGS, delimiter=";"),
        expect=table_is(ORGS[0], ORG_TEXT_ROWS, notes=["semicolons"]),
    ),
    Case(
        "quoted field over two lines",
        "单位.csv",
        _multiline_csv,
        expect=table_is(
            ["名称", "地址"], [["甲", "广东省\n佛山市"], ["乙", "黑龙江"]], numbers=[2, 3]
        ),
    ),
    Case(
        "short and long CSV lines",
        "单位.csv",
        lambda: "名称,地址,金额\n甲\n乙,佛山,1,多余\n".encode(),
        expect=table_is(
            ["名称", "地址", "金额"],
            [["甲", None, None], ["乙", "佛山", "1"]],
            notes=["1 cell to the right of the last column with a header was not read"],
        ),
    ),
    Case(
        "CSV named .xlsx",
        "报表.xlsx",
        lambda: csv_bytes(ORGS),
        expect=table_is(ORGS[0], ORG_TEXT_ROWS, format="csv", notes=["ends in .xlsx", "CSV text"]),
    ),
    Case(
        "xlsx named .csv",
        "报表.csv",
        _xlsx_orgs,
        expect=table_is(ORGS[0], ORG_ROWS, format="xlsx", notes=["ends in .csv", "(.xlsx)"]),
    ),
    Case(
        "xlsx named .xls",
        "报表.xls",
        _xlsx_orgs,
        expect=table_is(ORGS[0], ORG_ROWS, format="xlsx", notes=["ends in .xls"]),
    ),
    Case(
        "unknown extension",
        "报表.dat",
        _xlsx_orgs,
        expect=table_is(ORGS[0], ORG_ROWS, format="xlsx", no_notes=True),
    ),
    Case(
        "no extension, path in the name",
        "C:\\Users\\王\\报表",
        lambda: csv_bytes(ORGS),
        expect=table_is(ORGS[0], ORG_TEXT_ROWS, no_notes=True),
    ),
    Case(
        "whitespace and full-width spaces in cells",
        "单位.csv",
        lambda: csv_bytes([[" 名称 ", "\u3000地址"], ["  甲\u3000", "   "]]),
        expect=table_is(["名称", "地址"], [["甲", None]]),
    ),
    Case(
        "English headers in another case and width",
        "orgs.csv",
        lambda: csv_bytes([["ＮＡＭＥ", "amount"], ["Midea", "3000"]]),
        expect=table_is(["ＮＡＭＥ", "amount"], [["Midea", "3000"]]),
    ),
]

CASES: list[Case] = ERROR_CASES + HANDLED_CASES
