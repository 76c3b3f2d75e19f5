"""Report results as plain tables: the one shape every tabular renderer (Excel, HTML, Word,
PDF) draws from, so a column added here appears in all of them.

Cells hold values, not formatted text: money is Decimal yuan, counts are ints, dates are dates.
Each renderer formats them its own way (Excel keeps numbers; HTML and documents use
``counterpart.core.formatting``).
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import capfirst

from counterpart.core import formatting as fmt

from .capital import CapitalBySource
from .filters import unverified_note
from .indicator import IndicatorFigure
from .pairings import PairingLeague
from .pipeline import Pipeline
from .signing import EventSummary, Group
from .supervision import Supervision
from .text import localized_name
from .time_in_stage import TimeInStage

SHEET_NAME_LIMIT = 31  # Excel's limit on a sheet name, which a table's title becomes


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]
    money_columns: set[int] = field(default_factory=set)  # 0-based
    totals: bool = False  # add a row summing the numeric columns
    # Shown under the totals by every renderer: what the report left out (unverified figures).
    note: str = ""


def totals_row(table: Table) -> list:
    """The sums of the numeric columns (not the first), labelled Total/合计."""
    row = []
    for index in range(len(table.headers)):
        values = [r[index] for r in table.rows]
        numeric = all(isinstance(v, int | Decimal) and not isinstance(v, bool) for v in values)
        row.append(sum(values, Decimal(0)) if numeric and index > 0 else "")
    row[0] = "Total" if table.headers[0].isascii() else "合计"
    return row


@dataclass
class DisplayTable:
    """A table as people read it: every cell formatted text, with the totals row apart."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    total: list[str] | None
    numeric: list[bool]  # per column: align right
    note: str = ""


# Money cells are shown with their unit ("982.38亿元"), so the header loses its "(yuan)".
_YUAN_IN_HEADER = re.compile(r"\s*[（(](元|yuan)[)）]$")


def display_cell(value, money: bool, lang: str) -> str:
    if value is None or value == "":
        return ""
    if money and isinstance(value, int | Decimal):
        return fmt.money(value, lang)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, int):
        return fmt.count(value, lang, unit_zh="")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def display(table: Table, lang: str) -> DisplayTable:
    """The table formatted for HTML, Word and PDF (Excel keeps the raw values)."""
    width = len(table.headers)

    def cells(row: list) -> list[str]:
        return [display_cell(row[i], i in table.money_columns, lang) for i in range(width)]

    headers = [
        _YUAN_IN_HEADER.sub("", h) if i in table.money_columns else h
        for i, h in enumerate(table.headers)
    ]
    numeric = [
        bool(table.rows)
        and all(isinstance(r[i], int | Decimal) or r[i] in ("", None) for r in table.rows)
        for i in range(width)
    ]
    total = cells(totals_row(table)) if table.totals and table.rows else None
    return DisplayTable(
        table.title, headers, [cells(r) for r in table.rows], total, numeric, table.note
    )


# ------------------------------------------------------------------ tables of each report


def _headers(lang: str, zh: list[str], en: list[str]) -> list[str]:
    return en if lang == "en" else zh


def group_table(title: str, groups: list[Group], lang: str) -> Table:
    return Table(
        title,
        _headers(lang, ["名称", "签约项目", "签约额（元）"], ["Name", "Projects", "Value (yuan)"]),
        [
            [
                capfirst(g.label_en or g.label_zh) if lang == "en" else g.label_zh,
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
    return [group_table(n, g, lang) for n, g in zip(names, groups, strict=True)]


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
            [[str(capfirst(s.stage.label)), s.count] for s in report.stages],
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


def tables_for(result, lang: str) -> list[Table]:
    """The tables of any report result; the first table with totals (else the first) carries
    the note of the unverified figures left out."""
    tables = TABLES[type(result)](result, lang)
    note = unverified_note(result, lang)
    if note and tables:
        target = next((t for t in tables if t.totals), tables[0])
        target.note = note
    return tables
