"""Excel renderer: every table of a report result on its own sheet, for analysts.

Numbers stay numbers (yuan with a thousands format, never pre-formatted text), the header row
is frozen, a table with amounts ends in a totals row equal to the sum of its rows, and text
that a spreadsheet would read as a formula is escaped.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .capital import CapitalBySource
from .indicator import IndicatorFigure
from .pairings import PairingLeague
from .pipeline import Pipeline
from .signing import EventSummary, Group
from .supervision import Supervision
from .text import localized_name
from .time_in_stage import TimeInStage

MONEY_FORMAT = "#,##0.00"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_LIMIT = 31  # Excel's


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]
    money_columns: set[int] = field(default_factory=set)  # 0-based
    totals: bool = False  # add a row summing the numeric columns


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
        sheet.append(_totals_row(table))
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for column in table.money_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
            cell.number_format = MONEY_FORMAT
    sheet.freeze_panes = "A2"
    for index, header in enumerate(table.headers, start=1):
        width = max([len(str(header))] + [len(str(r[index - 1])) for r in table.rows] + [8])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 4, 60)


def _sheet_name(book: Workbook, title: str) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:SHEET_NAME_LIMIT] or "Sheet"
    candidate, n = name, 2
    while candidate in book.sheetnames:
        candidate, n = f"{name[: SHEET_NAME_LIMIT - 3]}-{n}", n + 1
    return candidate


def _totals_row(table: Table) -> list:
    row = []
    for index in range(len(table.headers)):
        values = [r[index] for r in table.rows]
        numeric = all(isinstance(v, int | Decimal) and not isinstance(v, bool) for v in values)
        row.append(sum(values, Decimal(0)) if numeric and index > 0 else "")
    row[0] = "Total" if table.headers[0].isascii() else "合计"
    return row


# ------------------------------------------------------------------ tables of each report


def _headers(lang: str, zh: list[str], en: list[str]) -> list[str]:
    return en if lang == "en" else zh


def _group_table(title: str, groups: list[Group], lang: str) -> Table:
    return Table(
        title,
        _headers(lang, ["名称", "签约项目", "签约额（元）"], ["Name", "Projects", "Value (yuan)"]),
        [
            [
                (g.label_en or g.label_zh) if lang == "en" else g.label_zh,
                g.tally.count,
                g.tally.value,
            ]
            for g in groups
        ],
        money_columns={2},
        totals=True,
    )


def event_summary_tables(summary: EventSummary, lang: str) -> list[Table]:
    names = ("By field", "By category", "By destination") if lang == "en" else (
        "按领域", "按类别", "按落地地区"
    )  # fmt: skip
    groups = (summary.by_field, summary.by_category, summary.by_destination)
    return [_group_table(n, g, lang) for n, g in zip(names, groups, strict=True)]


def capital_tables(report: CapitalBySource, lang: str) -> list[Table]:
    return [
        Table(
            "By source" if lang == "en" else "按资金来源地",
            _headers(
                lang, ["名次", "来源地", "到位资金（元）"], ["Rank", "Source", "Funds (yuan)"]
            ),
            [[r.rank, localized_name(r.region, lang), r.amount] for r in report.rows],
            money_columns={2},
            totals=True,
        )
    ]


def pipeline_tables(report: Pipeline, lang: str) -> list[Table]:
    return [
        Table(
            "By stage" if lang == "en" else "按阶段",
            _headers(lang, ["阶段", "项目数"], ["Stage", "Projects"]),
            [[str(s.stage.label), s.count] for s in report.stages],
            totals=True,
        ),
        Table(
            "By city" if lang == "en" else "按城市",
            _headers(lang, ["城市", "洽谈项目"], ["City", "In negotiation"]),
            [[en if lang == "en" else zh, n] for _, zh, en, n in report.by_city],
            totals=True,
        ),
    ]


def league_tables(league: PairingLeague, lang: str) -> list[Table]:
    headers = _headers(
        lang,
        ["名次", "对口城市", "活动", "线索", "签约项目", "签约额（元）", "到位资金（元）"],
        ["Rank", "Pairing", "Events", "Leads", "Signed", "Value (yuan)", "Funds (yuan)"],
    )
    rows = [
        [
            row.rank,
            f"{localized_name(row.pairing.home_region, lang)}—"
            f"{localized_name(row.pairing.partner_region, lang)}",
            row.events,
            row.leads,
            row.signed.count,
            row.signed.value,
            row.funds,
        ]
        for row in league.rows
    ]
    return [Table("League" if lang == "en" else "对口合作排名", headers, rows, {5, 6}, True)]


def supervision_tables(report: Supervision, lang: str) -> list[Table]:
    overdue = Table(
        "Overdue" if lang == "en" else "逾期事项",
        _headers(
            lang,
            ["项目", "下一步工作", "应完成日期", "逾期天数"],
            ["Project", "Next action", "Due", "Days overdue"],
        ),
        [[i.project_code or "", i.next_action, i.due, i.days_overdue] for i in report.overdue],
    )
    stale = Table(
        "Stale" if lang == "en" else "停滞项目",
        _headers(
            lang, ["项目", "阶段", "进入日期", "停留天数"], ["Project", "Stage", "Since", "Days"]
        ),
        [[p.code, str(p.stage), p.since, p.days_in_stage] for p in report.stale],
    )
    return [overdue, stale]


def time_in_stage_tables(report: TimeInStage, lang: str) -> list[Table]:
    def median(d):
        return Decimal(str(d.median)) if d.median is not None else ""

    return [
        Table(
            "Time in stage" if lang == "en" else "阶段用时",
            _headers(
                lang,
                ["城市", "线索到签约（中位天数）", "项目数", "签约到开工（中位天数）", "项目数"],
                ["City", "Lead to signed (median days)", "n", "Signed to started", "n"],
            ),
            [
                [
                    localized_name(c.region, lang),
                    median(c.lead_to_signed),
                    c.lead_to_signed.count,
                    median(c.signed_to_started),
                    c.signed_to_started.count,
                ]
                for c in report.cities
            ],
        )
    ]


def indicator_tables(figure: IndicatorFigure, lang: str) -> list[Table]:
    return [
        Table(
            localized_name(figure.indicator, lang)[:SHEET_NAME_LIMIT],
            _headers(
                lang,
                ["年份", "数值", "上年", "同比（%）", "占全国（%）"],
                ["Year", "Value", "Previous year", "Growth (%)", "Share (%)"],
            ),
            [[figure.year, figure.value, figure.previous, figure.growth, figure.share]],
            money_columns={1, 2},
        )
    ]


TABLES: dict[type, Callable[..., list[Table]]] = {
    EventSummary: event_summary_tables,
    CapitalBySource: capital_tables,
    Pipeline: pipeline_tables,
    PairingLeague: league_tables,
    Supervision: supervision_tables,
    TimeInStage: time_in_stage_tables,
    IndicatorFigure: indicator_tables,
}


def render(result, lang: str) -> bytes:
    """The .xlsx file of a report result."""
    return workbook_bytes(TABLES[type(result)](result, lang))
