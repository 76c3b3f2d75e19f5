"""Load regions and pairings from the CSV files in ``counterpart/geo/data/``.

The loaders are idempotent: every row is matched on its natural key (``Region.code``,
``Pairing.code``), only the fields that differ are written, and a row that already matches is
not saved at all, so a second run leaves no change record. Every write goes through
``full_clean()`` and ``save()``, so model validation and change logging apply as for any other
write path. The caller wraps the whole load in one transaction (see the ``load_refdata``
command).

The CSV reading and upsert helpers here are shared with ``counterpart.industries.refdata``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import models

from counterpart.core.upsert import upsert as core_upsert

from .models import LEVEL_DEPTH, Pairing, Region, RegionLevel

DATA_DIR = Path(__file__).resolve().parent / "data"

# GB/T 2260 defines no code for the country; this product uses 000000 for national totals.
COUNTRY_CODE = "000000"

REGION_FILES = ("provinces.csv", "divisions.csv", "counties.csv")
PAIRING_FILE = "pairings.csv"

# Level labels accepted in the data files (divisions.csv spells out the kind of prefecture).
LEVELS: dict[str, str] = {
    RegionLevel.COUNTRY.value: RegionLevel.COUNTRY,
    RegionLevel.PROVINCE.value: RegionLevel.PROVINCE,
    RegionLevel.PREFECTURE.value: RegionLevel.PREFECTURE,
    "prefecture-level city": RegionLevel.PREFECTURE,
    "prefecture (地区)": RegionLevel.PREFECTURE,
    RegionLevel.COUNTY.value: RegionLevel.COUNTY,
}

CODE_RE = re.compile(r"^\d{6}$")

M = TypeVar("M", bound=models.Model)


# --------------------------------------------------------------------------- reading CSV files


class RefdataError(CommandError):
    """A malformed reference-data file: names the file, the line and the column."""

    def __init__(self, path: Path, line: int, column: str, message: str) -> None:
        self.path, self.line, self.column = path, line, column
        super().__init__(f"{path}, line {line}, column {column!r}: {message}")


@dataclass(frozen=True)
class CsvRow:
    """One data row of a CSV file, with where it came from for error messages."""

    path: Path
    line: int
    values: Mapping[str, str]

    def get(self, column: str, *, required: bool = True) -> str:
        value = self.values.get(column, "").strip()
        if required and not value:
            raise self.error(column, "a value is required")
        return value

    def error(self, column: str, message: str) -> RefdataError:
        return RefdataError(self.path, self.line, column, message)


def read_csv(path: Path, required_columns: Sequence[str]) -> list[CsvRow]:
    """The data rows of ``path``; leading lines starting with ``#`` are comments.

    Raises RefdataError for a missing file, a missing column or a row with the wrong number of
    fields. Line numbers are physical lines of the file (the header is line 1 when there are no
    comment lines).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RefdataError(path, 0, "-", "file not found") from None
    except UnicodeDecodeError as exc:
        raise RefdataError(path, 0, "-", f"not UTF-8 text ({exc.reason})") from None
    lines = text.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and lines[skipped].lstrip().startswith("#"):
        skipped += 1
    reader = csv.reader(io.StringIO("".join(lines[skipped:])))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise RefdataError(path, skipped + 1, "-", "no header line") from None
    header_line = skipped + reader.line_num
    for column in required_columns:
        if column not in header:
            raise RefdataError(path, header_line, column, "missing column in the header")
    rows = []
    try:
        for fields in reader:
            line = skipped + reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(header):
                column = header[len(fields)] if len(fields) < len(header) else "(extra field)"
                raise RefdataError(
                    path, line, column, f"{len(fields)} fields, the header has {len(header)}"
                )
            rows.append(CsvRow(path, line, dict(zip(header, fields, strict=True))))
    except csv.Error as exc:
        raise RefdataError(path, skipped + reader.line_num, "-", str(exc)) from None
    return rows


def check_unique(rows: Sequence[CsvRow], column: str, key: Any = None) -> None:
    """Raise on the second row whose ``column`` (or ``key(row)``) repeats an earlier one."""
    seen: dict[Any, CsvRow] = {}
    for row in rows:
        value = key(row) if key else row.get(column)
        if value in seen:
            first = seen[value]
            raise row.error(column, f"{value!r} repeats {first.path.name} line {first.line}")
        seen[value] = row


# ------------------------------------------------------------------------------------ upsert


@dataclass
class Tally:
    """How many rows of one kind a load created, updated and left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def upsert(
    model: type[M],
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
    origin: CsvRow,
    columns: Mapping[str, str] | None = None,
) -> tuple[M, str]:
    """``core.upsert`` with validation errors reported at the CSV line and column.

    ``columns`` maps field names to the CSV column named in an error (default: the field name).
    """
    try:
        return core_upsert(model, dict(lookup), dict(values))
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        column = (columns or {}).get(field, field)
        raise origin.error(column, "; ".join(messages)) from None


# ----------------------------------------------------------------------------------- regions


@dataclass(frozen=True)
class RegionRow:
    code: str
    parent_code: str
    name_zh: str
    short_name_zh: str
    name_en: str
    level: str
    letter_code: str
    source: str
    origin: CsvRow


REGION_COLUMNS = {"parent": "parent_code", "level": "level", "code": "code"}


def _level(row: CsvRow) -> str:
    label = row.get("level")
    if label not in LEVELS:
        raise row.error("level", f"unknown level {label!r}; expected one of {sorted(LEVELS)}")
    return LEVELS[label]


def _code(row: CsvRow, column: str, *, required: bool = True) -> str:
    code = row.get(column, required=required)
    if code and not CODE_RE.match(code):
        raise row.error(column, f"{code!r} is not a six-digit GB/T 2260 code")
    return code


def read_divisions(path: Path) -> list[RegionRow]:
    """divisions.csv: provinces (parent: the country row) and prefectures (parent: province)."""
    required = ("code", "province_code", "name_zh", "short_name_zh", "name_en", "level")
    result = []
    for row in read_csv(path, (*required, "letter_code_gbt2260", "verification", "source")):
        level = _level(row)
        province_code = _code(row, "province_code")
        if level == RegionLevel.PROVINCE:
            parent_code = COUNTRY_CODE
        elif level == RegionLevel.PREFECTURE:
            parent_code = province_code
        else:
            raise row.error("level", "divisions.csv holds provinces and prefectures only")
        result.append(
            RegionRow(
                code=_code(row, "code"),
                parent_code=parent_code,
                name_zh=row.get("name_zh"),
                short_name_zh=row.get("short_name_zh", required=False),
                name_en=row.get("name_en", required=False),
                level=level,
                letter_code=row.get("letter_code_gbt2260", required=False),
                source=row.get("source", required=False),
                origin=row,
            )
        )
    return result


def read_region_table(path: Path) -> list[RegionRow]:
    """provinces.csv / counties.csv: one region a row with an explicit ``parent_code``."""
    columns = ("code", "parent_code", "name_zh", "short_name_zh", "name_en", "level")
    return [
        RegionRow(
            code=_code(row, "code"),
            parent_code=_code(row, "parent_code", required=False),
            name_zh=row.get("name_zh"),
            short_name_zh=row.get("short_name_zh", required=False),
            name_en=row.get("name_en", required=False),
            level=_level(row),
            letter_code=row.get("letter_code", required=False),
            source=row.get("source", required=False),
            origin=row,
        )
        for row in read_csv(path, (*columns, "letter_code", "source"))
    ]


def read_regions(data_dir: Path) -> list[RegionRow]:
    """All region rows of ``data_dir``, parents before children."""
    rows: list[RegionRow] = []
    for name in REGION_FILES:
        reader = read_divisions if name == "divisions.csv" else read_region_table
        rows.extend(reader(data_dir / name))
    by_code = {r.code: r for r in rows}
    check_unique([r.origin for r in rows], "code", key=lambda row: row.get("code"))
    for r in rows:
        known = r.parent_code in by_code or Region.objects.filter(code=r.parent_code).exists()
        if r.parent_code and not known:
            raise r.origin.error("parent_code", f"no region {r.parent_code}")
    return sorted(rows, key=lambda r: LEVEL_DEPTH[r.level])


def load_regions(data_dir: Path = DATA_DIR) -> Tally:
    tally = Tally()
    loaded: dict[str, Region] = {}
    for r in read_regions(data_dir):
        parent = None
        if r.parent_code:
            parent = loaded.get(r.parent_code) or Region.objects.filter(code=r.parent_code).first()
            if parent is None:
                raise r.origin.error(
                    "parent_code", f"parent {r.parent_code} must be of a higher level"
                )
        values = {
            "name_zh": r.name_zh,
            "short_name_zh": r.short_name_zh,
            "name_en": r.name_en,
            "level": r.level,
            "parent": parent,
            "letter_code": r.letter_code,
            "source": r.source,
        }
        region, outcome = upsert(Region, {"code": r.code}, values, r.origin, REGION_COLUMNS)
        loaded[r.code] = region
        tally.count(outcome)
    return tally


# ---------------------------------------------------------------------------------- pairings


@dataclass(frozen=True)
class PairingRow:
    code: str
    home_code: str
    partner_code: str
    since_year: int
    parent_code: str
    source: str
    notes: str
    origin: CsvRow


def read_pairings(path: Path) -> list[PairingRow]:
    """pairings.csv: home (Heilongjiang) and partner (Guangdong) region of each pairing."""
    required = ("pair_id", "hlj_code", "hlj_name_zh", "gd_code", "gd_name_zh", "since_year")
    rows = read_csv(path, (*required, "parent_pair_id", "verification", "source"))
    check_unique(rows, "pair_id")
    result = []
    for row in rows:
        year = row.get("since_year")
        if not year.isdigit():
            raise row.error("since_year", f"{year!r} is not a year")
        framework = row.get("framework_source", required=False)
        source = row.get("source", required=False)
        if framework:
            source = f"{source} | framework: {framework}" if source else f"framework: {framework}"
        notes = [row.get("note", required=False)]
        notes.append(f"verification: {row.get('verification', required=False) or 'none given'}")
        result.append(
            PairingRow(
                code=row.get("pair_id"),
                home_code=_code(row, "hlj_code"),
                partner_code=_code(row, "gd_code"),
                since_year=int(year),
                parent_code=row.get("parent_pair_id", required=False),
                source=source,
                notes="\n".join(n for n in notes if n),
                origin=row,
            )
        )
    return result


def _pairing_region(row: CsvRow, code_column: str, name_column: str) -> Region:
    """The region a pairing row names, checked against the Chinese name given beside it."""
    code = row.get(code_column)
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise row.error(code_column, f"no region {code}")
    name = row.get(name_column)
    if name != region.name_zh:
        raise row.error(name_column, f"{name!r} is not the name of {code} ({region.name_zh})")
    return region


def _check_parent(row: PairingRow, parent: Pairing, home: Region, partner: Region) -> None:
    if (parent.home_region_id, parent.partner_region_id) != (home.province_id, partner.province_id):
        raise row.origin.error(
            "parent_pair_id",
            f"{parent.code} pairs {parent.home_region}—{parent.partner_region}, "
            f"not the provinces of {home}—{partner}",
        )


def load_pairings(data_dir: Path = DATA_DIR) -> Tally:
    """Load pairings.csv; rows without a parent (provincial pairings) go first."""
    tally = Tally()
    loaded: dict[str, Pairing] = {}
    rows = sorted(read_pairings(data_dir / PAIRING_FILE), key=lambda r: bool(r.parent_code))
    for r in rows:
        home = _pairing_region(r.origin, "hlj_code", "hlj_name_zh")
        partner = _pairing_region(r.origin, "gd_code", "gd_name_zh")
        parent = None
        if r.parent_code:
            parent = loaded.get(r.parent_code) or Pairing.objects.filter(code=r.parent_code).first()
            if parent is None:
                raise r.origin.error("parent_pair_id", f"no pairing {r.parent_code}")
            _check_parent(r, parent, home, partner)
        values = {
            "home_region": home,
            "partner_region": partner,
            "since_year": r.since_year,
            "parent": parent,
            "source": r.source,
            "notes": r.notes,
        }
        columns = {
            "partner_region": "gd_code",
            "home_region": "hlj_code",
            "parent": "parent_pair_id",
        }
        pairing, outcome = upsert(Pairing, {"code": r.code}, values, r.origin, columns)
        loaded[r.code] = pairing
        tally.count(outcome)
    return tally


def load_geo(data_dir: Path = DATA_DIR) -> dict[str, Tally]:
    """Regions, then pairings. Call inside ``transaction.atomic()``."""
    return {"regions": load_regions(data_dir), "pairings": load_pairings(data_dir)}
