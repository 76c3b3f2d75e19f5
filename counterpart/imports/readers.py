"""An uploaded spreadsheet read safely into a table of rows, or refused with a clear message.

``read_table()`` takes the bytes of an upload and gives a ``Table``: which sheet, which row holds
the header, the header texts and the data rows, lazily. What the file is comes from its content, not
its name: an .xlsx/.xlsm (zip with ``xl/workbook.xml``), an .xls (OLE compound file with a
``Workbook`` stream), an .ods (zip whose ``mimetype`` says spreadsheet) or CSV/TSV text in UTF-8
(with or without BOM), GB18030 (which covers GBK and GB2312) or UTF-16 with BOM (Excel's "Unicode
text"). Anything else is refused with a message, in the active language, that names what the file
really is; no message carries a library's exception text.

Workbooks are read by python-calamine, which returns the values Excel saved for formulas and
never evaluates them. What calamine does not do, and is therefore written here:

* Sniffing the format and naming what a non-spreadsheet is (PDF, image, Word, program …), and
  spotting a password-protected workbook (an OLE file with an ``EncryptionInfo`` stream, or an .xls
  whose first record after BOF is FILEPASS), which calamine reports only as "Cannot detect file
  format".
* Zip limits from the zip directory (members, total size, compression ratio), then a streaming
  pass through Python's ``zipfile``, which stops at each member's declared size and checks its
  CRC, so that a directory that lies about sizes is caught before calamine inflates anything.
* The extent of each sheet before calamine loads it: calamine allocates the whole rectangle from
  the first to the last cell, so two cells in A1 and XFD1000000 of a 1 KB file ask it for 500 GB and
  abort the process (verified with python-calamine 0.9.1). The same scan finds what calamine
  drops: it returns error values (#DIV/0!, #REF!) and formulas without a saved value as empty
  cells, so error cells are put back as their text and uncached formulas are counted for a note.
  An .ods is scanned the same way for ``number-rows-repeated`` × ``number-columns-repeated``
  bombs, since calamine expands those when it opens the file.
* The header row search, merged header cells, blank and duplicate headers, and the row limit.
* The CSV delimiter (comma, tab or semicolon, chosen by which splits the first lines into the
  same number of fields), since ``csv.Sniffer`` guesses among all characters and fails on a single
  column. Quotes are the ``csv`` module's, in strict mode.

Values come through as calamine gives them, tidied: text stripped (blank → None), whole floats as
int (Excel stores every number as a float), dates as date/datetime, booleans as bool, times as
"HH:MM:SS" text. Parsing values is ``core.parsing``'s job.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import logging
import posixpath
import re
import struct
import unicodedata
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

import python_calamine
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from openpyxl.utils.cell import column_index_from_string, get_column_letter

__all__ = ["Limits", "ReadError", "Row", "Table", "normalize_header", "read_table"]

logger = logging.getLogger(__name__)

MiB = 1024 * 1024
# A zip member must expand to more than this before its compression ratio is held against it:
# small parts (styles, an empty sheet) legitimately compress a thousandfold.
RATIO_FLOOR = MiB


class ReadError(Exception):
    """A file that cannot be read as a table; str() is the translated message."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None):
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Limits:
    """What an upload may cost; each from settings.IMPORT_*, with these defaults."""

    max_bytes: int = 20 * MiB
    max_unzipped_bytes: int = 200 * MiB
    max_ratio: int = 200
    max_members: int = 10_000
    max_columns: int = 200
    max_rows: int = 1_000_000
    header_search_rows: int = 30
    # Cells in a sheet's used rectangle (first to last cell with a value): what calamine allocates.
    max_cells: int = 10_000_000

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=getattr(settings, "IMPORT_MAX_BYTES", cls.max_bytes),
            max_unzipped_bytes=getattr(
                settings, "IMPORT_MAX_UNZIPPED_BYTES", cls.max_unzipped_bytes
            ),
            max_ratio=getattr(settings, "IMPORT_MAX_ZIP_RATIO", cls.max_ratio),
            max_members=getattr(settings, "IMPORT_MAX_ZIP_MEMBERS", cls.max_members),
            max_columns=getattr(settings, "IMPORT_MAX_COLUMNS", cls.max_columns),
            max_rows=getattr(settings, "IMPORT_MAX_ROWS", cls.max_rows),
            header_search_rows=getattr(
                settings, "IMPORT_HEADER_SEARCH_ROWS", cls.header_search_rows
            ),
            max_cells=getattr(settings, "IMPORT_MAX_CELLS", cls.max_cells),
        )


@dataclass(frozen=True)
class Row:
    """One data row: its number as Excel shows it, and one value per header (None when empty)."""

    number: int
    cells: list


@dataclass
class Table:
    """A sheet read as a header and rows.

    ``rows`` is a generator: it may raise ReadError while it runs (a malformed CSV line further
    down, more rows than allowed), and it adds to ``notes`` as it goes (cells right of the last
    header), so read the notes after the rows.
    """

    format: str  # "xlsx", "xls", "ods", "csv"
    sheet: str  # "" for CSV
    encoding: str | None  # CSV only: "utf-8", "utf-8-sig", "gb18030", "utf-16"
    header_row: int
    headers: list[str]
    rows: Iterator[Row]
    notes: list[str] = field(default_factory=list)


def normalize_header(text: str) -> str:
    """A header as compared: NFKC (full-width → ASCII), casefolded, without any whitespace."""
    return "".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


def read_table(
    data: bytes,
    filename: str,
    *,
    header_names: Collection[str] = (),
    sheet: str | None = None,
    limits: Limits | None = None,
) -> Table:
    """The table in an uploaded file, or ReadError saying what is wrong and where.

    ``header_names`` are the headers the caller knows (any language): the header row is the first
    of the top ``limits.header_search_rows`` non-blank rows in which two of them appear. ``sheet``
    picks a sheet by name; otherwise the first visible worksheet with data is read.
    """
    limits = limits or Limits.from_settings()
    data = bytes(data)
    name = posixpath.basename(filename.replace("\\", "/")) or filename
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if not data:
        raise ReadError(_("“%(name)s” is empty (0 bytes).") % {"name": name})
    if len(data) > limits.max_bytes:
        raise ReadError(
            _("“%(name)s” is %(size)s; files over %(limit)s cannot be imported: split it.")
            % {
                "name": name,
                "size": filesizeformat(len(data)),
                "limit": filesizeformat(limits.max_bytes),
            }
        )
    wanted = {normalize_header(text) for text in header_names} - {""}
    context = _Context(name=name, limits=limits, wanted=wanted)
    kind = _sniff(data, name)
    if kind == "csv":
        table = _read_csv(data, context)
    else:
        table = _read_workbook(data, kind, context, sheet)
    if extension and table.format not in _EXTENSIONS.get(extension, {table.format}):
        table.notes.insert(
            0,
            _("The file's name ends in .%(extension)s, but it is %(actual)s; it was read as such.")
            % {"extension": extension, "actual": _format_label(table.format)},
        )
    return table


# ---------------------------------------------------------------------------- what the file is

# What each extension may hold; an extension not listed (or none) accepts any spreadsheet.
_EXTENSIONS: dict[str, set[str]] = {
    "xlsx": {"xlsx"},
    "xlsm": {"xlsx"},
    "xltx": {"xlsx"},
    "xltm": {"xlsx"},
    "xls": {"xls"},
    "xlt": {"xls"},
    "et": {"xls", "xlsx"},  # WPS 表格
    "ods": {"ods"},
    "csv": {"csv"},
    "tsv": {"csv"},
    "tab": {"csv"},
    "txt": {"csv"},
}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Leading bytes of files people upload by mistake; a match is refused with its name.
_MAGIC: list[tuple[bytes, Callable[[], str]]] = [
    (b"%PDF-", lambda: _("a PDF document")),
    (b"\x89PNG\r\n\x1a\n", lambda: _("a PNG image")),
    (b"\xff\xd8\xff", lambda: _("a JPEG image")),
    (b"GIF87a", lambda: _("a GIF image")),
    (b"GIF89a", lambda: _("a GIF image")),
    (b"II*\x00", lambda: _("a TIFF image")),
    (b"MM\x00*", lambda: _("a TIFF image")),
    (b"\x7fELF", lambda: _("a program (executable file)")),
    (b"\xcf\xfa\xed\xfe", lambda: _("a program (executable file)")),
    (b"\xca\xfe\xba\xbe", lambda: _("a program (executable file)")),
    (b"Rar!\x1a\x07", lambda: _("a compressed archive")),
    (b"7z\xbc\xaf\x27\x1c", lambda: _("a compressed archive")),
    (b"\x1f\x8b", lambda: _("a compressed archive")),
    (b"\xfd7zXZ\x00", lambda: _("a compressed archive")),
    (b"{\\rtf", lambda: _("an RTF document")),
]


def _format_label(kind: str) -> str:
    return {
        "xlsx": _("an Excel workbook (.xlsx)"),
        "xls": _("an Excel 97–2003 workbook (.xls)"),
        "ods": _("an OpenDocument spreadsheet (.ods)"),
        "csv": _("CSV text"),
    }[kind]


def _refuse_as(name: str, what: str) -> ReadError:
    return ReadError(
        _(
            "“%(name)s” is %(what)s, not a spreadsheet: save the table as .xlsx or .csv and "
            "upload that."
        )
        % {"name": name, "what": what}
    )


def _damaged(name: str) -> ReadError:
    return ReadError(
        _(
            "“%(name)s” is damaged and cannot be read (was the upload cut short?): open it in "
            "Excel or WPS, save it again and upload the saved copy."
        )
        % {"name": name}
    )


def _password(name: str) -> ReadError:
    return ReadError(
        _(
            "“%(name)s” is protected with a password: open it in Excel or WPS, save a copy "
            "without the password and upload that copy."
        )
        % {"name": name}
    )


def _sniff(data: bytes, name: str) -> str:
    """The format by content: "xlsx", "xls", "ods" or "csv"; anything else raises ReadError."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    head = data[:1024]
    if b"%PDF-" in head and b" obj" in data[:65536]:  # PDF allows junk before its header
        raise _refuse_as(name, _("a PDF document"))
    if data.startswith(b"MZ") and b"\x00" in data[:64]:  # DOS/Windows executable, not "MZ公司,…"
        raise _refuse_as(name, _("a program (executable file)"))
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _refuse_as(name, what())
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        raise _refuse_as(name, _("a WebP image"))
    start = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")):
        raise ReadError(
            _(
                "“%(name)s” is a web page (HTML) with a spreadsheet's name, as some systems "
                "export: open it in Excel or WPS, save it as .xlsx and upload that."
            )
            % {"name": name}
        )
    if start.startswith(b"<?xml") or start.startswith(b"<"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
            raise ReadError(
                _(
                    "“%(name)s” is an Excel 2003 XML spreadsheet: open it in Excel or WPS, save "
                    "it as .xlsx and upload that."
                )
                % {"name": name}
            )
        if start.startswith(b"<?xml"):
            raise _refuse_as(name, _("an XML file"))
    return "csv"


# ---------------------------------------------------------------------------- shared context


@dataclass
class _Context:
    name: str
    limits: Limits
    wanted: set[str]


def _where(sheet: str, row: int | None = None, column: int | None = None) -> str:
    """“sheet “数据”, row 3, column B” in the active language; 0-based column."""
    parts = []
    if sheet:
        parts.append(_("sheet “%(sheet)s”") % {"sheet": sheet})
    if row is not None:
        parts.append(_("row %(row)s") % {"row": row})
    if column is not None:
        parts.append(_("column %(column)s") % {"column": get_column_letter(column + 1)})
    return _(", ").join(parts)


def _join(items: Iterable[str]) -> str:
    """Names or column letters listed: “B, C” in English, “B、C” in Chinese."""
    return pgettext("list of names", ", ").join(items)


# ---------------------------------------------------------------------------- zip-based workbooks


def _open_zip(data: bytes, context: _Context) -> zipfile.ZipFile:
    """The zip, after its directory passed the limits and every member inflated to its size.

    The limits read only the directory. The pass through every member then uses Python's
    zipfile, which never yields more than a member's declared size and checks the CRC at its end:
    a member whose directory entry understates its size fails there, holding at most 1 MiB,
    instead of inflating without bound inside calamine.
    """
    name, limits = context.name, context.limits
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except Exception:  # a hostile directory can break zipfile in many ways; all mean "damaged"
        logger.info("unreadable zip directory in %r", name, exc_info=True)
        raise _damaged(name) from None
    if len(members) > limits.max_members:
        raise ReadError(
            _("“%(name)s” holds %(count)s parts, more than the %(limit)s a workbook may have.")
            % {"name": name, "count": len(members), "limit": limits.max_members}
        )
    total = sum(member.file_size for member in members)
    if total > limits.max_unzipped_bytes:
        raise ReadError(
            _(
                "“%(name)s” would unpack to %(size)s, more than the %(limit)s allowed: "
                "split it into smaller files."
            )
            % {
                "name": name,
                "size": filesizeformat(total),
                "limit": filesizeformat(limits.max_unzipped_bytes),
            }
        )
    for member in members:
        if member.flag_bits & 0x1:
            raise _password(name)
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
            raise ReadError(
                _(
                    "“%(name)s” is refused: its part %(part)s expands %(ratio)s times, which "
                    "real workbooks never do (a “zip bomb”)."
                )
                % {"name": name, "part": member.filename, "ratio": int(ratio)}
            )
    try:
        for member in members:
            with archive.open(member) as stream:
                while stream.read(MiB):
                    pass
    except Exception:
        logger.info("zip member failed its size or CRC check in %r", name, exc_info=True)
        raise _damaged(name) from None
    return archive


def _zip_kind(archive: zipfile.ZipFile, name: str) -> str:
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise ReadError(
            _(
                "“%(name)s” is an Excel binary workbook (.xlsb), which cannot be imported: "
                "save it as .xlsx and upload that."
            )
            % {"name": name}
        )
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100].strip()
        if mimetype == b"application/vnd.oasis.opendocument.spreadsheet":
            return "ods"
        if mimetype.startswith(b"application/vnd.oasis.opendocument."):
            raise _refuse_as(name, _("an OpenDocument text or presentation"))
    if "word/document.xml" in names:
        raise _refuse_as(name, _("a Word document"))
    if "ppt/presentation.xml" in names:
        raise _refuse_as(name, _("a PowerPoint presentation"))
    if any(member.startswith("xl/") for member in names):
        raise ReadError(
            _("“%(name)s” is a damaged Excel workbook: its part xl/workbook.xml is missing.")
            % {"name": name}
        )
    raise _refuse_as(name, _("a zip archive"))


class _Refused(Exception):
    """An XML part with a DOCTYPE or entity declaration, which no workbook part has."""


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _parse_xml(
    archive: zipfile.ZipFile,
    member: str,
    start: Callable[[str, dict], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Stream one XML part through expat (no tree kept); DTDs and entities are refused."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text

    def refuse(*_args) -> None:
        raise _Refused

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    with archive.open(member) as stream:
        while chunk := stream.read(MiB):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def _xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part's path, from xl/workbook.xml and its relationships."""
    sheets: list[tuple[str, str]] = []
    targets: dict[str, str] = {}

    def on_sheet(tag: str, attrs: dict) -> None:
        if _local(tag) == "sheet":
            rid = next((value for key, value in attrs.items() if key.endswith("}id")), "")
            sheets.append((attrs.get("name", ""), rid))

    def on_relationship(tag: str, attrs: dict) -> None:
        if _local(tag) == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.join("xl", target)
            targets[attrs.get("Id", "")] = posixpath.normpath(path)

    _parse_xml(archive, "xl/workbook.xml", on_sheet)
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        _parse_xml(archive, "xl/_rels/workbook.xml.rels", on_relationship)
    return {name: targets[rid] for name, rid in sheets if rid in targets}


_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


@dataclass
class _Extent:
    """Where a sheet's cells with values are, and what calamine would drop from them."""

    cells: int = 0
    top: int = -1
    left: int = -1
    bottom: int = -1
    right: int = -1
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    uncached: int = 0
    first_uncached: tuple[int, int] | None = None

    def add(self, row: int, col: int, count: int = 1, rows: int = 1) -> None:
        self.cells += count * rows
        self.top = row if self.top < 0 else min(self.top, row)
        self.left = col if self.left < 0 else min(self.left, col)
        self.bottom = max(self.bottom, row + rows - 1)
        self.right = max(self.right, col + count - 1)

    @property
    def area(self) -> int:
        if self.cells == 0:
            return 0
        return (self.bottom - self.top + 1) * (self.right - self.left + 1)


# What may stand inside a <c> element; any other element ends the cell (see _XlsxSheetScan).
_CELL_PARTS = frozenset(
    {"v", "f", "is", "t", "r", "rPr", "rPh", "phoneticPr", "b", "i", "u", "strike", "sz"}
    | {"color", "rFont", "family", "charset", "scheme", "vertAlign", "outline", "shadow"}
    | {"condense", "extend"}
)


class _XlsxSheetScan:
    """One worksheet part: extent of cells with values, error values, formulas without value.

    Only start tags are handled (a cell ends where the next element outside a cell starts):
    expat calls back into Python for every event, and halving the calls halves the time of the
    100,000-blank-rows case. Text is kept only for error cells and formulas.
    """

    def __init__(self) -> None:
        self.extent = _Extent()
        self.row = -1
        self.col = -1
        self.in_cell = False
        self.in_value = False
        self.error = False
        self.formula = False
        self.value = False
        self.type = ""
        self.ref: str | None = None
        self.text: list[str] = []

    def start(self, tag: str, attrs: dict) -> None:
        local = tag[tag.rfind("}") + 1 :]
        if self.in_cell:
            if local in _CELL_PARTS:
                self.in_value = False
                if local == "v":
                    self.value = True
                    self.in_value = self.error or self.formula
                elif local == "f":
                    self.formula = True
                elif local == "is":
                    self.value = True
                return
            self.close()
        if local == "c":
            ref = attrs.get("r")
            if ref is None:  # a cell without reference follows the one before it
                self.col = self._column() + 1
            self.ref = ref
            self.in_cell = True
            self.type = attrs.get("t", "n")
            self.error = self.type == "e"
            self.formula = self.value = False
            self.text = []
        elif local == "row":
            number = attrs.get("r", "")
            self.row = int(number) - 1 if number.isdigit() else self.row + 1
            self.col = -1
            self.ref = None

    def _column(self) -> int:
        """The current column; a reference is parsed only when needed (most cells are blank)."""
        if self.ref is not None:
            match = _REF.fullmatch(self.ref)
            if match:
                self.row = int(match[2]) - 1
                self.col = column_index_from_string(match[1]) - 1
            else:
                self.col += 1
            self.ref = None
        return self.col

    def characters(self, data: str) -> None:
        if self.in_value:
            self.text.append(data)

    def close(self) -> None:
        """The end of the current cell (or of the part)."""
        if not self.in_cell:
            return
        self.in_cell = self.in_value = False
        if not (self.value or self.formula):
            return
        position = (self.row, self._column())
        if self.value:
            self.extent.add(*position)
        text = "".join(self.text).strip()
        if self.error and text:
            self.extent.errors[position] = text
        elif self.formula and not text and self.type not in ("str", "s", "inlineStr"):
            self.extent.uncached += 1
            self.extent.first_uncached = self.extent.first_uncached or position


class _OdsScan:
    """content.xml of an .ods: each table's cells with values, repeats multiplied out."""

    def __init__(self) -> None:
        self.tables: dict[str, _Extent] = {}
        self.current: _Extent | None = None
        self.row = 0
        self.col = 0
        self.row_repeat = 1
        self.cell_repeat = 1
        self.cell_valued = False
        self.row_cells: list[tuple[int, int]] = []
        self.depth = 0  # nested tables (sub-tables) are read by calamine as part of their cell

    @staticmethod
    def _repeat(attrs: dict, name: str) -> int:
        for key, value in attrs.items():
            if _local(key) == name:
                return int(value) if value.isdigit() and len(value) <= 9 else 10**9
        return 1

    def start(self, tag: str, attrs: dict) -> None:
        local = _local(tag)
        if local == "table":
            self.depth += 1
            if self.depth == 1:
                name = next((v for k, v in attrs.items() if _local(k) == "name"), "")
                self.current = self.tables.setdefault(name, _Extent())
                self.row = 0
        elif self.current is None or self.depth != 1:
            return
        elif local == "table-row":
            self.row_repeat = self._repeat(attrs, "number-rows-repeated")
            self.col = 0
            self.row_cells = []
        elif local in ("table-cell", "covered-table-cell"):
            self.cell_repeat = self._repeat(attrs, "number-columns-repeated")
            self.cell_valued = any(_local(k) in ("value-type", "formula") for k in attrs)
        elif local == "p":
            self.cell_valued = True

    def end(self, tag: str) -> None:
        local = _local(tag)
        if local == "table":
            self.depth -= 1
            if self.depth == 0:
                self.current = None
        elif self.current is None or self.depth != 1:
            return
        elif local in ("table-cell", "covered-table-cell"):
            if self.cell_valued:
                self.row_cells.append((self.col, self.cell_repeat))
            self.col += self.cell_repeat
        elif local == "table-row":
            for col, repeat in self.row_cells:
                self.current.add(self.row, col, count=repeat, rows=self.row_repeat)
            self.row += self.row_repeat


def _check_area(extent: _Extent, sheet: str, context: _Context) -> None:
    limit = context.limits.max_cells
    if extent.area > limit or extent.cells > limit:
        rows = extent.bottom - extent.top + 1
        cols = extent.right - extent.left + 1
        raise ReadError(
            _(
                "Sheet “%(sheet)s” of “%(name)s” spans %(rows)s rows × %(columns)s columns "
                "(to %(corner)s), more than the %(limit)s cells that can be read: delete what "
                "lies beyond your table (look far right and far down), save and upload again."
            )
            % {
                "sheet": sheet,
                "name": context.name,
                "rows": rows,
                "columns": cols,
                "corner": f"{get_column_letter(min(extent.right, 16383) + 1)}{extent.bottom + 1}",
                "limit": limit,
            }
        )


# ---------------------------------------------------------------------------- OLE (.xls)

_OLE_STREAMS = ("EncryptionInfo", "EncryptedPackage", "Workbook", "Book", "WordDocument")


def _ole_streams(data: bytes) -> dict[str, tuple[int, int]]:
    """Known stream names in an OLE file's directory, with each one's start sector and size.

    Directory entries are 128-byte records on 128-byte boundaries (sectors are 512 or 4096
    bytes); an entry is recognised by its UTF-16 name, the name's length and the stream type,
    which is enough to tell a workbook from an encrypted package or a Word file without
    following the FAT chains (no library for that is among the dependencies).
    """
    found: dict[str, tuple[int, int]] = {}
    for name in (*_OLE_STREAMS, "PowerPoint Document"):
        encoded = (name + "\0").encode("utf-16-le")
        position = data.find(encoded, 512)
        while position != -1:
            entry = data[position : position + 128]
            if (
                position % 128 == 0
                and len(entry) == 128
                and struct.unpack_from("<H", entry, 64)[0] == len(encoded)
                and entry[66] == 2
            ):
                found[name] = struct.unpack_from("<II", entry, 116)
                break
            position = data.find(encoded, position + 1)
    return found


def _ole_kind(data: bytes, name: str) -> str:
    streams = _ole_streams(data)
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        raise _password(name)
    workbook = streams.get("Workbook") or streams.get("Book")
    if workbook:
        start, size = workbook
        shift = struct.unpack_from("<H", data, 30)[0]
        if size >= 4096 and shift in (9, 12):  # a regular stream: its first sector is in place
            offset = (start + 1) << shift
            record = data[offset : offset + 4]
            if len(record) == 4 and record[:2] == b"\x09\x08":
                after = offset + 4 + struct.unpack_from("<H", record, 2)[0]
                if data[after : after + 2] == b"\x2f\x00":  # FILEPASS right after BOF
                    raise _password(name)
        return "xls"
    if "WordDocument" in streams:
        raise _refuse_as(name, _("a Word document"))
    if "PowerPoint Document" in streams:
        raise _refuse_as(name, _("a PowerPoint presentation"))
    raise _refuse_as(name, _("an Office file that is not a workbook"))


# ---------------------------------------------------------------------------- workbooks


def _calamine(call: Callable, name: str, sheet: str | None = None):
    """A calamine call whose failures become ReadError; no library text reaches the user."""
    try:
        return call()
    except python_calamine.PasswordError:
        raise _password(name) from None
    except BaseException as error:
        # pyo3 turns a Rust panic into PanicException, a BaseException: a damaged file too.
        if isinstance(error, (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError)):
            raise
        logger.info("calamine could not read %r (sheet %r)", name, sheet, exc_info=True)
        if sheet is not None:
            raise ReadError(
                _("Sheet “%(sheet)s” of “%(name)s” is damaged and cannot be read.")
                % {"sheet": sheet, "name": name}
            ) from None
        raise _damaged(name) from None


def _read_workbook(data: bytes, kind: str, context: _Context, wanted_sheet: str | None) -> Table:
    name = context.name
    archive = None
    ods_tables: dict[str, _Extent] = {}
    if kind == "zip":
        archive = _open_zip(data, context)
        kind = _zip_kind(archive, name)
        if kind == "ods":
            scan = _OdsScan()
            _scan_part(lambda: _parse_xml(archive, "content.xml", scan.start, scan.end), name)
            ods_tables = scan.tables
            for table_name, extent in ods_tables.items():
                _check_area(extent, table_name, context)
    elif kind == "ole":
        kind = _ole_kind(data, name)
    parts = _scan_part(lambda: _xlsx_sheet_parts(archive), name) if kind == "xlsx" else {}
    scans: dict[str, _Extent] = {}

    def extent(sheet: str) -> _Extent | None:
        """The scan of a sheet, made (and its area checked) before calamine may load it."""
        if kind == "ods":
            return ods_tables.get(sheet, _Extent())
        if kind != "xlsx":
            return None
        if sheet not in parts:  # never let calamine load a sheet whose extent is unknown
            raise ReadError(
                _("Sheet “%(sheet)s” of “%(name)s” is damaged and cannot be read.")
                % {"sheet": sheet, "name": name}
            )
        if sheet not in scans:
            scan = _XlsxSheetScan()
            _scan_part(
                lambda: _parse_xml(archive, parts[sheet], scan.start, text=scan.characters),
                name,
                sheet,
            )
            scan.close()
            _check_area(scan.extent, sheet, context)
            scans[sheet] = scan.extent
        return scans[sheet]

    book = _calamine(lambda: python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)), name)
    metadata = _calamine(lambda: list(book.sheets_metadata), name)
    if kind == "xlsx" and metadata and not parts:
        raise _damaged(name)

    def load(sheet: str):
        extent(sheet)
        return _calamine(lambda: book.get_sheet_by_name(sheet), name, sheet)

    def has_data(sheet: str) -> bool:
        scanned = extent(sheet)
        if scanned is not None:
            return scanned.cells > 0
        return load(sheet).start is not None

    chosen, notes = _choose_sheet(metadata, wanted_sheet, has_data, name)
    grid = load(chosen)
    scanned = extent(chosen) or _Extent()
    notes += _scan_notes(scanned, chosen)
    start = _calamine(lambda: grid.start, name, chosen)
    if start is None:
        raise ReadError(
            _("Sheet “%(sheet)s” of “%(name)s” is empty.") % {"sheet": chosen, "name": name}
        )
    first_col = start[1]
    merged = _calamine(lambda: grid.merged_cell_ranges, name, chosen) or []
    errors = scanned.errors
    error_rows = {row for row, _col in errors}

    def lines() -> Iterator[tuple[int, list]]:
        rows = _calamine(grid.iter_rows, name, chosen)
        for index, values in enumerate(rows):
            if values.count("") == len(values) and index not in error_rows:
                continue  # the cheap test first: 100,000 blank rows cost one count() each
            cells = [_cell(value) for value in values]
            if errors:
                for col in range(len(cells)):
                    text = errors.get((index, first_col + col))
                    if text is not None:
                        cells[col] = text
            yield index + 1, cells

    table = _tabulate(
        lines(),
        context,
        format=kind,
        sheet=chosen,
        encoding=None,
        first_col=first_col,
        merged=merged,
    )
    table.notes[:0] = notes
    return table


def _choose_sheet(
    metadata: list, wanted_sheet: str | None, has_data: Callable[[str], bool], name: str
) -> tuple[str, list[str]]:
    """The sheet to read: the one asked for, else the first visible worksheet with data."""
    notes: list[str] = []
    names = [meta.name for meta in metadata]
    worksheets = [meta for meta in metadata if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
    visible = [m.name for m in worksheets if m.visible == python_calamine.SheetVisibleEnum.Visible]
    hidden = [m.name for m in worksheets if m.visible != python_calamine.SheetVisibleEnum.Visible]
    if wanted_sheet is not None:
        if wanted_sheet not in names:
            raise ReadError(
                _("“%(name)s” has no sheet called “%(sheet)s”; its sheets are: %(sheets)s.")
                % {"name": name, "sheet": wanted_sheet, "sheets": _join(names)}
            )
        if wanted_sheet not in {m.name for m in worksheets}:
            raise ReadError(
                _("Sheet “%(sheet)s” of “%(name)s” is a chart or macro sheet, not a table.")
                % {"sheet": wanted_sheet, "name": name}
            )
        chosen = wanted_sheet
    else:
        chosen = next((sheet for sheet in visible if has_data(sheet)), None)
        if chosen is None:
            hidden_with_data = [sheet for sheet in hidden if has_data(sheet)]
            if hidden_with_data:
                raise ReadError(
                    _(
                        "“%(name)s” has no visible sheet with data; only hidden sheets have data "
                        "(%(sheets)s): unhide the sheet with the table, save and upload again."
                    )
                    % {"name": name, "sheets": _join(hidden_with_data)}
                )
            raise ReadError(_("“%(name)s” has no sheet with data.") % {"name": name})
        if hidden:
            notes.append(_("Hidden sheets were not read: %(sheets)s.") % {"sheets": _join(hidden)})
        others = [s for s in visible if s != chosen and has_data(s)]
        if others:
            notes.append(
                _(
                    "Only sheet “%(sheet)s” was read; the other sheets with data (%(sheets)s) "
                    "were not."
                )
                % {"sheet": chosen, "sheets": _join(others)}
            )
    return chosen, notes


def _scan_notes(scanned: _Extent, chosen: str) -> list[str]:
    """What the scan found that calamine drops: formulas without a value, error values."""
    notes: list[str] = []
    if scanned.uncached:
        notes.append(
            ngettext(
                "%(count)s formula cell had no saved value and was read as empty (%(where)s): "
                "open the file in Excel or WPS, let it calculate, save and upload again.",
                "%(count)s formula cells had no saved value and were read as empty (first "
                "at %(where)s): open the file in Excel or WPS, let it calculate, save and upload "
                "again.",
                scanned.uncached,
            )
            % {
                "count": scanned.uncached,
                "where": _where(chosen, scanned.first_uncached[0] + 1, scanned.first_uncached[1]),
            }
        )
    if scanned.errors:
        (row, col), example = min(scanned.errors.items())
        notes.append(
            ngettext(
                "%(count)s cell holds an error value (%(example)s at %(where)s); it is read as "
                "that text.",
                "%(count)s cells hold error values such as %(example)s (first at %(where)s); "
                "they are read as that text.",
                len(scanned.errors),
            )
            % {
                "count": len(scanned.errors),
                "example": example,
                "where": _where(chosen, row + 1, col),
            }
        )
    return notes


def _scan_part(call: Callable, name: str, sheet: str | None = None):
    """Our own XML reading of a part: failures are a damaged file, never a traceback."""
    try:
        return call()
    except ReadError:
        raise
    except Exception:
        logger.info("could not scan %r (sheet %r)", name, sheet, exc_info=True)
        if sheet is not None:
            raise ReadError(
                _("Sheet “%(sheet)s” of “%(name)s” is damaged and cannot be read.")
                % {"sheet": sheet, "name": name}
            ) from None
        raise _damaged(name) from None


_SAFE_INT = 2**53


def _cell(value):
    """A calamine value tidied: text stripped (blank → None), whole floats as int."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if value.is_integer() and -_SAFE_INT < value < _SAFE_INT:
            return int(value)
        return value
    if isinstance(value, datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    return value


# ---------------------------------------------------------------------------- header and rows


def _header_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return " ".join(str(value).split())


def _is_blank(cells: list) -> bool:
    return all(value is None for value in cells)


def _tabulate(
    lines: Iterator[tuple[int, list]],
    context: _Context,
    *,
    format: str,
    sheet: str,
    encoding: str | None,
    first_col: int = 0,
    merged: list | tuple = (),
) -> Table:
    """Header row found, headers cleaned, data rows yielded lazily."""
    limits, name = context.limits, context.name
    buffered: list[tuple[int, list]] = []
    header_at = None
    need = min(2, len(context.wanted))
    for number, cells in lines:
        if _is_blank(cells):
            continue
        buffered.append((number, cells))
        if need and sum(normalize_header(_header_text(c)) in context.wanted for c in cells) >= need:
            header_at = len(buffered) - 1
            break
        if len(buffered) >= limits.header_search_rows:
            break
    if not buffered:
        if format == "csv":
            raise ReadError(_("“%(name)s” has no data.") % {"name": name})
        raise ReadError(
            _("Sheet “%(sheet)s” of “%(name)s” is empty.") % {"sheet": sheet, "name": name}
        )
    if header_at is None:
        # A title above the table fills one cell (often merged across); the header fills several.
        header_at = next(
            (i for i, (_n, cells) in enumerate(buffered) if sum(c is not None for c in cells) >= 2),
            0,
        )
    header_number, header_cells = buffered[header_at]
    texts = [_header_text(value) for value in header_cells]
    notes: list[str] = []
    if header_number != 1:
        notes.append(
            _("The header is on row %(row)s; the rows above it were not read.")
            % {"row": header_number}
        )
    # Merged cells covering the header row give their text (held by the top-left cell) to
    # every column they span; calamine leaves the other cells of a merge empty.
    by_number = dict(buffered)
    for (top, left), (bottom, right) in merged:
        if not top + 1 <= header_number <= bottom + 1:
            continue
        source = by_number.get(top + 1)
        col = left - first_col
        if source is None or not 0 <= col < len(source):
            continue
        text = _header_text(source[col])
        for target in range(max(left - first_col, 0), min(right - first_col + 1, len(texts))):
            if not texts[target]:
                texts[target] = text
    width = max((i + 1 for i, text in enumerate(texts) if text), default=0)
    if width > limits.max_columns:
        raise ReadError(
            _(
                "The header row (%(where)s) of “%(name)s” has %(count)s columns; at most "
                "%(limit)s can be imported."
            )
            % {
                "where": _where(sheet, header_number),
                "name": name,
                "count": width,
                "limit": limits.max_columns,
            },
            row=header_number,
        )
    headers = texts[:width]
    blank = [get_column_letter(first_col + i + 1) for i, text in enumerate(headers) if not text]
    if blank:
        notes.append(
            ngettext(
                "Column %(columns)s has no header; its cells will not be imported.",
                "Columns %(columns)s have no header; their cells will not be imported.",
                len(blank),
            )
            % {"columns": _join(blank)}
        )
    _number_duplicates(headers, first_col, notes)
    if format == "csv" and width == 1 and "，" in headers[0]:
        raise ReadError(
            _(
                "“%(name)s” has a single column whose header contains Chinese commas (，): "
                "columns in a CSV file are separated by English commas (,), tabs or semicolons."
            )
            % {"name": name}
        )
    table = Table(
        format=format,
        sheet=sheet,
        encoding=encoding,
        header_row=header_number,
        headers=headers,
        rows=iter(()),
        notes=notes,
    )
    table.rows = _data_rows(buffered[header_at + 1 :], lines, width, table, context, first_col)
    return table


def _number_duplicates(headers: list[str], first_col: int, notes: list[str]) -> None:
    """Second and later columns with the same (normalized) header become “名称 (2)” …"""
    seen: dict[str, list[int]] = {}
    for i, text in enumerate(headers):
        if text:
            seen.setdefault(normalize_header(text), []).append(i)
    taken = {normalize_header(text) for text in headers}
    for columns in seen.values():
        if len(columns) < 2:
            continue
        base = headers[columns[0]]
        for count, i in enumerate(columns[1:], start=2):
            while normalize_header(f"{base} ({count})") in taken:
                count += 1
            headers[i] = f"{base} ({count})"
            taken.add(normalize_header(headers[i]))
        notes.append(
            _(
                "Columns %(columns)s are all headed “%(header)s”; the second and later were "
                "renamed “%(header)s (2)”, “%(header)s (3)” and so on."
            )
            % {
                "columns": _join(get_column_letter(first_col + i + 1) for i in columns),
                "header": base,
            }
        )


def _data_rows(
    buffered: list[tuple[int, list]],
    lines: Iterator[tuple[int, list]],
    width: int,
    table: Table,
    context: _Context,
    first_col: int,
) -> Iterator[Row]:
    limit = context.limits.max_rows
    count = 0
    beyond = 0
    first_beyond: tuple[int, int] | None = None
    for source in (buffered, lines):
        for number, cells in source:
            if _is_blank(cells):
                continue
            count += 1
            if count > limit:
                raise ReadError(
                    _(
                        "“%(name)s” has more than %(limit)s data rows (%(where)s is past the "
                        "limit): split it into smaller files."
                    )
                    % {"name": context.name, "limit": limit, "where": _where(table.sheet, number)},
                    row=number,
                )
            if len(cells) > width:
                extra = [i for i in range(width, len(cells)) if cells[i] is not None]
                if extra:
                    beyond += len(extra)
                    first_beyond = first_beyond or (number, extra[0])
                cells = cells[:width]
            elif len(cells) < width:
                cells = cells + [None] * (width - len(cells))
            yield Row(number=number, cells=cells)
    if beyond:
        table.notes.append(
            ngettext(
                "%(count)s cell to the right of the last column with a header was not read "
                "(%(where)s).",
                "%(count)s cells to the right of the last column with a header were not read "
                "(first at %(where)s).",
                beyond,
            )
            % {
                "count": beyond,
                "where": _where(table.sheet, first_beyond[0], first_col + first_beyond[1]),
            }
        )


# ---------------------------------------------------------------------------- CSV

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _not_text(name: str) -> ReadError:
    return ReadError(_("“%(name)s” is not a spreadsheet or a text (CSV) file.") % {"name": name})


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data:
        raise _not_text(name)
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ReadError(
            _(
                "“%(name)s” is not in an encoding that can be read (UTF-8 or GB18030/GBK): line "
                "%(line)s has bytes that are neither. Save it from Excel or WPS as “CSV UTF-8” "
                "and upload again."
            )
            % {"name": name, "line": line},
            row=line,
        ) from None
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or (controls > 10 and controls * 100 > len(sample)):
        raise _not_text(name)
    return text, encoding


def _delimiter(text: str) -> str:
    """Comma, tab or semicolon: the one that splits the first lines most consistently."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_key = ",", (0, 0)
    for delimiter in (",", "\t", ";"):
        try:
            widths = [
                len(record)
                for record, _i in zip(
                    csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter),
                    range(50),
                    strict=False,
                )
                if any(field.strip() for field in record)
            ]
        except csv.Error:
            continue
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        key = (widths.count(mode), mode) if mode > 1 else (0, 0)
        if key > best_key:
            best, best_key = delimiter, key
    return best


def _csv_problem(error: csv.Error, line: int, name: str) -> ReadError:
    text = str(error)  # only chooses our message; never shown
    if "expected after" in text:
        message = _(
            'Line %(line)s of “%(name)s” has a quote (") in the middle of a quoted field: '
            'a quote inside a field is written twice ("").'
        )
    elif "unexpected end of data" in text or "field larger than field limit" in text:
        message = _(
            "A quoted field that starts on line %(line)s of “%(name)s” is never closed: "
            'a quote (") is missing.'
        )
    else:
        message = _('Line %(line)s of “%(name)s” is not valid CSV: check its quotes (").')
    return ReadError(message % {"line": line, "name": name}, row=line)


def _read_csv(data: bytes, context: _Context) -> Table:
    text, encoding = _decode(data, context.name)
    if not text.strip():
        raise ReadError(_("“%(name)s” has no data.") % {"name": context.name})
    delimiter = _delimiter(text)

    def lines() -> Iterator[tuple[int, list]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        number = 0
        while True:
            line = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise _csv_problem(error, line, context.name) from None
            number += 1
            yield number, [field.strip() or None for field in record]

    table = _tabulate(lines(), context, format="csv", sheet="", encoding=encoding)
    if encoding == "gb18030":
        table.notes.insert(0, _("The file was read as GB18030 (GBK) text."))
    elif encoding == "utf-16":
        table.notes.insert(0, _("The file was read as UTF-16 (“Unicode text”)."))
    if delimiter == "\t":
        table.notes.insert(0, _("Columns are separated by tabs."))
    elif delimiter == ";":
        table.notes.insert(0, _("Columns are separated by semicolons."))
    return table
