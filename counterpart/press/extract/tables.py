"""Tables rendered as text inside an article: a header row naming the columns, then one row
per city, sector or event.

    县（市、区）｜签约项目（个）｜签约金额（亿元）
    涿州市｜12｜48.5

    Sector | Projects | Value (billion yuan)
    Advanced manufacturing | 21 | 17.2

The sentence rules read figures by the words around a number; in a table those words are in the
header, one or more lines away, and the unit of money is written once, in the header
(（亿元）, "billion yuan"). So the table is read first, cell by cell, with each column's meaning
taken from its header and the table's from the lines that introduce it ("各县签约情况如下：",
a breakdown after "47 projects were signed"); the sentence rules then leave its lines alone.
Cells are split on ``|`` / ``｜``, on tabs, or on runs of two or more spaces (aligned columns).

A statistics bulletin turns the table round: one row per indicator, one column per period and
a column of changes ("指标 | 2025年上半年 | 2024年上半年 | 增速", "Indicator | 2025 | change on
2024"). There each row's label says what its cells measure, and a cell may carry its own unit
(21个, 48.2亿元).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["TOTAL_ROW", "Cell", "Table", "find_tables"]

_PIPES = re.compile(r"[ \t\u3000]*[|｜][ \t\u3000]*")
_ALIGNED = re.compile(r"\t+[ \t]*|[ \u3000]{2,}")
_NUMBER_CELL = re.compile(r"[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?")
_DIGITS = re.compile(r"[0-9０-９]")
_IN_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
_ASCII = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "，": ","})

# What a column counts or measures, by the words of its header.
_COUNT_HEADER = re.compile(
    r"项目数|项目个数|个数|数量|项目（个）|项目\(个\)|签约项目|项目"
    r"|(?<![a-z])(?:projects?|deals|agreements|contracts|number|count|no\.)(?![a-z])",
    re.IGNORECASE,
)
_MONEY_HEADER = re.compile(
    r"金额|投资额|总投资|签约额|协议额|合同额|资金|投资"
    r"|(?<![a-z])(?:value|investment|amount|worth|capital|funds)(?![a-z])",
    re.IGNORECASE,
)
# A column counting companies that came (新落地企业（家）, "New firms"): organisations courted.
# Companies a county simply has (企业（家）) are no figure of the pairing.
_FIRMS_HEADER = re.compile(
    r"企业|(?<![a-z])(?:firms|companies|enterprises)(?![a-z])", re.IGNORECASE
)
_ARRIVED = re.compile(
    r"新|落地|落户|入驻|引进|(?<![a-z])(?:new(?:ly)?|settled|attracted)(?![a-z])", re.I
)
_PERCENT_HEADER = re.compile(r"%|％|增长|增速|同比|占比|比重|growth|share|percent", re.I)
# The scale of a money column, as its header writes it, largest words first.
_SCALES = (
    (re.compile(r"万亿元|万亿"), Decimal("1e12")),
    (re.compile(r"亿元|亿"), Decimal("1e8")),
    (re.compile(r"万元|万"), Decimal("1e4")),
    (re.compile(r"100\s*million", re.I), Decimal("1e8")),
    (re.compile(r"10,?000\s*yuan", re.I), Decimal("1e4")),
    (re.compile(r"(?<![a-z])(?:trillion)(?![a-z])", re.I), Decimal("1e12")),
    (re.compile(r"(?<![a-z])(?:billion|bn)(?![a-z])", re.I), Decimal("1e9")),
    (re.compile(r"(?<![a-z])(?:million|mn|mln)(?![a-z])", re.I), Decimal("1e6")),
    (re.compile(r"元|(?<![a-z])(?:yuan|rmb|cny)(?![a-z])", re.I), Decimal(1)),
)
# What the table as a whole reports, from its header and the lines that introduce it.
_SIGNED = re.compile(
    r"签约|签订|签署|合同|(?<![a-z])(?:signed|signing|contract(?:ed|s)?|deals)(?![a-z])", re.I
)
_IN_PLACE = re.compile(r"到位|实际利用|(?<![a-z])(?:in\s+place|actually\s+used)(?![a-z])", re.I)
_PIPELINE = re.compile(
    r"在谈|储备|洽谈中|(?<![a-z])(?:under\s+negotiation|pipeline)(?![a-z])", re.I
)
# A row that sums the others, or gathers the rest: no sector, no place.
TOTAL_ROW = re.compile(r"^(?:合计|总计|共计|小计|总数|total|sum|all)\b", re.I)
_REST_ROW = re.compile(r"^(?:其他|其它|其余|others?|rest)\b", re.I)
# A row of what is planned or aimed at (2026年（计划）, "2026 (target)"): no figure yet.
_PLANNED_ROW = re.compile(
    r"计划|目标|预计|预期|(?<![a-z])(?:plan(?:ned)?|targets?|forecast|projected|expected)(?![a-z])",
    re.I,
)
LEAD_LINES = 2  # the lines before the header that say what the table is (…如下：)


@dataclass(frozen=True)
class Cell:
    """One figure of a table: the row's label, the cell's number, what the column means."""

    table_start: int  # offsets in the text given: the header's first character
    row_start: int  # the row's first character
    start: int  # the cell's number
    end: int
    value: Decimal  # in the base unit (yuan, or the count)
    unit: str  # "count" | "yuan"
    # signed_count, signed_value, funds_in_place, pipeline_count, organization_count; in an
    # indicator table also event_count and growth (unit "percent")
    metric: str
    label: str  # the row's first cell: a sector, a place, 合计, 其他
    total_row: bool  # 合计 / Total: the sum of the rows, not a part
    rest_row: bool  # 其他 / Others
    # an indicator table's column header naming the cell's period (2025年上半年, "2025"); a
    # change's is that of the first period column, the one compared. (-1, -1) elsewhere.
    column: tuple[int, int] = (-1, -1)


@dataclass(frozen=True)
class Table:
    start: int  # the header's first character
    end: int  # the last row's last character
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    cells: tuple[tuple[int, int], ...]  # offsets of each cell's text, stripped
    texts: tuple[str, ...]  # each cell's text


def find_tables(text: str) -> list[Table]:
    """Every text table: a header row without numbers, then at least two rows with a label and
    numbers in the same number of cells. Only the columns the header names as counts of
    projects or amounts of money with their unit, in a table that its header or lead says
    reports signings (or funds in place, or projects under negotiation), give cells; the others
    give none, and their numbers are not read as sentences either (the 亿 of a header's
    （亿元） is no amount)."""
    lines = list(_lines(text))
    tables = []
    index = 0
    while index < len(lines):
        rows = _rows_after(lines, index)
        if len(rows) >= 2:
            tables.append(_read_table(text, lines, index, rows))
            index += 1 + len(rows)
            continue
        rows = _indicator_rows_after(lines, index)
        if len(rows) >= 2:
            tables.append(_read_indicator_table(lines, index, rows))
            index += 1 + len(rows)
            continue
        index += 1
    return tables


def _lines(text: str) -> Iterator[_Line]:
    position = 0
    for raw in text.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        cells = _cells(text, start, end)
        yield _Line(start, end, cells, tuple(text[a:b] for a, b in cells))


def _cells(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    line = text[start:end]
    body = line.strip(" \t\u3000")
    if not body:
        return ()
    offset = start + line.index(body[0])
    splitter = _PIPES if ("|" in body or "｜" in body) else _ALIGNED
    cells, at = [], 0
    for match in splitter.finditer(body):
        cells.append((offset + at, offset + match.start()))
        at = match.end()
    cells.append((offset + at, offset + len(body)))
    if any(a == b for a, b in cells):  # "| a | b |": the empty ends of a framed row
        cells = [(a, b) for a, b in cells if a != b]
    return tuple(cells) if len(cells) >= 2 else ()


def _rows_after(lines: list[_Line], header: int) -> list[_Line]:
    """The rows under a header line: consecutive lines of as many cells, numbers after the
    label. Empty if the line is no header (a number outside brackets, or one cell)."""
    head = lines[header]
    if not head.cells or any(_DIGITS.search(_IN_BRACKETS.sub("", cell)) for cell in head.texts):
        return []
    rows = []
    for line in lines[header + 1 :]:
        if line.start == line.end:
            continue  # a page's table read as text has a blank line between its rows
        if len(line.cells) != len(head.cells):
            break
        if not any(_is_number(cell) for cell in line.texts[1:]):
            break
        rows.append(line)
    return rows


def _is_number(cell: str) -> bool:
    return bool(_NUMBER_CELL.fullmatch(cell.strip()) or _UNIT_CELL.fullmatch(cell.strip()))


# A cell that writes its own unit, the header naming only what the column is (签约项目 over
# 项目9个 or 12个, 协议投资额 over 15.2亿元; "Projects" over "27 projects", "Contract value"
# over "18.4 bn yuan"): the unit read from the cell.
_UNIT_CELL = re.compile(
    r"(?:项目|签约)?\s*(?P<number>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*"
    r"(?:(?P<count>个|项|(?:projects?|deals?|agreements?|contracts?)(?![a-z]))"
    r"|(?P<money>万亿元|亿元|万元|元|(?:(?:trillion|billion|bn|million|mn|mln)\s*)?"
    r"(?:yuan|rmb|cny)(?![a-z])))",
    re.IGNORECASE,
)


def _cell_scale(cell: str) -> Decimal | None:
    """The scale of the money unit a cell writes (15.2亿元 → 1e8, "18.4 bn yuan" → 1e9), else
    None."""
    match = _UNIT_CELL.fullmatch(cell.strip())
    if match is None or not match["money"]:
        return None
    return next(factor for regex, factor in _SCALES if regex.search(match["money"]))


def _read_table(text: str, lines: list[_Line], header: int, rows: list[_Line]) -> Table:
    heads = list(lines[header].texts)
    before = [line for line in lines[:header] if text[line.start : line.end].strip()]
    lead = "\n".join(text[line.start : line.end] for line in before[-LEAD_LINES:])
    columns = [_column(heads[i], heads, lead, _money_in_cells(rows, i)) for i in range(len(heads))]
    cells = []
    for row in rows:
        label = row.texts[0].strip()
        if _PLANNED_ROW.search(label):
            continue
        for index in range(1, len(row.cells)):
            column = columns[index]
            if column is None:
                continue
            start, end = row.cells[index]
            value = _value(row.texts[index], column[2], column[1])
            if value is None:
                continue
            cells.append(
                Cell(
                    table_start=lines[header].start,
                    row_start=row.cells[0][0],
                    start=start,
                    end=end,
                    value=value,
                    unit=column[1],
                    metric=column[0],
                    label=label,
                    total_row=bool(TOTAL_ROW.match(label)),
                    rest_row=bool(_REST_ROW.match(label)),
                )
            )
    return Table(lines[header].start, rows[-1].end, tuple(cells))


def _money_in_cells(rows: list[_Line], index: int) -> bool:
    """Whether every cell of a column writes a money unit of its own (15.2亿元)."""
    texts = [row.texts[index] for row in rows if index < len(row.texts)]
    return bool(texts) and all(_cell_scale(text) is not None for text in texts)


def _column(
    head: str, heads: list[str], lead: str, money_in_cells: bool = False
) -> tuple[str, str, Decimal] | None:
    """(metric, unit, scale) of a column, or None for one that gives no figure (the label,
    a percentage, a count or amount of something the table does not say). A column whose
    cells write their money unit has scale 1 here: each cell's own unit scales it."""
    if _PERCENT_HEADER.search(head):
        return None
    about = " ".join(heads) + "\n" + lead
    scale = next((factor for regex, factor in _SCALES if regex.search(head)), None)
    if scale is None and money_in_cells:
        scale = Decimal(1)
    if _MONEY_HEADER.search(head) and scale is not None:  # without a unit: 48.5 of what?
        # The column's own header first: a table of signings may have a funds-in-place column.
        if _IN_PLACE.search(head):
            return "funds_in_place", "yuan", scale
        if _SIGNED.search(head):
            return "signed_value", "yuan", scale
        if _SIGNED.search(about):
            return "signed_value", "yuan", scale
        if _IN_PLACE.search(about):
            return "funds_in_place", "yuan", scale
        return None
    if _firms_arrived(head):
        return "organization_count", "count", Decimal(1)
    if _COUNT_HEADER.search(head):
        if _PIPELINE.search(head):
            return "pipeline_count", "count", Decimal(1)
        if _SIGNED.search(about):
            return "signed_count", "count", Decimal(1)
        if _PIPELINE.search(lead):
            return "pipeline_count", "count", Decimal(1)
    return None


def _firms_arrived(head: str) -> bool:
    if _COUNT_HEADER.search(head) or _SIGNED.search(head):
        return False  # 签约企业: signings, not companies settled
    return bool(_FIRMS_HEADER.search(head) and _ARRIVED.search(head))


def _value(cell: str, scale: Decimal, unit: str) -> Decimal | None:
    own = _UNIT_CELL.fullmatch(cell.strip())
    if own is not None:  # 项目9个, 15.2亿元, "27 projects": the cell's unit, not the header's
        if bool(own["money"]) != (unit == "yuan"):
            return None  # an amount in a column of counts, or the reverse
        if own["money"]:
            scale = _cell_scale(cell) or scale
        cell = own["number"]
    raw = cell.strip().translate(_ASCII).replace(",", "")
    try:
        value = Decimal(raw) * scale
    except InvalidOperation:
        return None
    if unit == "count" and value != value.to_integral_value():
        return None  # 12.5 projects: not a count
    return value


# An indicator table's header: a label column, then periods (2025, 2025年上半年, "H1 2025") and
# changes (增速, 同比, "change on 2024", "y-o-y").
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_CHANGE_HEADER = re.compile(
    r"增速|增幅|增长|同比|变化|%|％"
    r"|(?<![a-z])(?:change|growth|y-?o-?y|year[-\s]on[-\s]year|increase)(?![a-z])",
    re.IGNORECASE,
)
_PLANNED_HEADER = re.compile(r"计划|目标|预计|(?<![a-z])(?:target|plan(?:ned)?|forecast)", re.I)
# A cell of an indicator table: a number with its own unit, or a signed percentage.
_VALUE_CELL = re.compile(
    r"(?P<sign>[+\-−－]?)\s*(?P<number>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*"
    r"(?P<unit>%|％|个|项|家|场|次|万亿元|亿元|万元|元|万亿|亿|万)?"
)
_CELL_SCALES = {"万亿元": "1e12", "万亿": "1e12", "亿元": "1e8", "亿": "1e8", "万元": "1e4"}
_CELL_SCALES |= {"万": "1e4", "元": "1"}
_EVENTS_LABEL = re.compile(
    r"活动|推介会|招商会|对接会|(?<![a-z])(?:events|roadshows|fairs|conferences)(?![a-z])", re.I
)


def _indicator_rows_after(lines: list[_Line], header: int) -> list[_Line]:
    """The rows under an indicator table's header: a label without digits, then columns each a
    period (a year in it) or a change, at least one a period; rows of as many cells, every
    cell after the label a value."""
    head = lines[header]
    if len(head.cells) < 2 or _DIGITS.search(head.texts[0]):
        return []
    columns = head.texts[1:]
    if not any(_YEAR.search(cell) for cell in columns):
        return []
    if not all(_YEAR.search(cell) or _CHANGE_HEADER.search(cell) for cell in columns):
        return []
    rows = []
    for line in lines[header + 1 :]:
        if line.start == line.end:
            continue
        if len(line.cells) != len(head.cells) or _DIGITS.search(line.texts[0]):
            break
        if not all(_VALUE_CELL.fullmatch(cell.strip()) for cell in line.texts[1:]):
            break
        rows.append(line)
    return rows


def _read_indicator_table(lines: list[_Line], header: int, rows: list[_Line]) -> Table:
    heads = lines[header].texts
    spans = lines[header].cells
    current = next(i for i in range(1, len(heads)) if _YEAR.search(heads[i]))
    cells = []
    for row in rows:
        label = row.texts[0].strip()
        for index in range(1, len(row.cells)):
            head = heads[index]
            if _PLANNED_HEADER.search(head):
                continue  # a column of targets: no figure yet
            match = _VALUE_CELL.fullmatch(row.texts[index].strip())
            read = _indicator_cell(label, head, match)
            if read is None:
                continue
            metric, unit, value = read
            start, end = row.cells[index]
            cells.append(
                Cell(
                    table_start=lines[header].start,
                    row_start=row.cells[0][0],
                    start=start,
                    end=end,
                    value=value,
                    unit=unit,
                    metric=metric,
                    label=label,
                    total_row=False,
                    rest_row=False,
                    column=spans[current if metric == "growth" else index],
                )
            )
    return Table(lines[header].start, rows[-1].end, tuple(cells))


def _indicator_cell(label: str, head: str, match: re.Match) -> tuple[str, str, Decimal] | None:
    """(metric, unit, value) of an indicator table's cell: a change column's percentage is a
    growth; a period column's value measures what the row's label names."""
    number = Decimal(match["number"].translate(_ASCII).replace(",", ""))
    unit = match["unit"] or ""
    if _CHANGE_HEADER.search(head):  # a change in units (+12个) is not the indicator itself
        if unit not in ("%", "％"):
            return None
        return "growth", "percent", -number if match["sign"] in ("-", "−", "－") else number
    if match["sign"] or unit in ("%", "％"):
        return None  # a share in a period's column: not read
    scale = None
    if unit in _CELL_SCALES:
        scale = Decimal(_CELL_SCALES[unit])
    elif not unit and _MONEY_HEADER.search(label):
        scale = next((factor for regex, factor in _SCALES if regex.search(label)), None)
    if scale is not None:
        if not _MONEY_HEADER.search(label) and not unit.endswith("元"):
            return None
        if _IN_PLACE.search(label):
            return "funds_in_place", "yuan", number * scale
        if _SIGNED.search(label):
            return "signed_value", "yuan", number * scale
        return None
    if number != number.to_integral_value():
        return None
    return _indicator_count(label, unit, number)


def _indicator_count(label: str, unit: str, number: Decimal) -> tuple[str, str, Decimal] | None:
    if _PIPELINE.search(label):
        return "pipeline_count", "count", number
    if _firms_arrived(label):
        return "organization_count", "count", number
    if _EVENTS_LABEL.search(label) or unit == "场":
        return "event_count", "count", number
    if _COUNT_HEADER.search(label) and (_SIGNED.search(label) or _ARRIVED.search(label)):
        return "signed_count", "count", number
    return None
