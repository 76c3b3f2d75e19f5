"""Official-style briefing paragraphs, in Chinese or English, with every number traceable.

A brief is built from the report functions' results (signing, capital, pipeline). Each number
in its text is a ``Figure`` that names the table it came from and the primary keys behind it, so
the HTML rendering can link every number to its rows and the JSON sidecar can be checked
against the database. Numbers are formatted only with ``counterpart.core.formatting``.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.html import escape, format_html

from counterpart.core import formatting as fmt
from counterpart.geo.models import Pairing, Region
from counterpart.projects.models import Project

from .capital import CapitalBySource, capital_by_source
from .filters import ReportFilters, Unverified
from .ids import RowIds
from .pipeline import Pipeline, pipeline
from .signing import ZERO, EventSummary, Group, Tally, event_signing_summary
from .text import localized_name as _name

__all__ = [
    "Brief",
    "Figure",
    "Paragraph",
    "event_brief",
    "pairing_brief",
    "period_brief",
]

PROJECTS = "projects"
FUNDS_IN_PLACE = "funds_in_place"
OBSERVATIONS = "observations"
PAIRINGS = "pairings"

DEFAULT_TAXONOMY = "hlj-4567"  # the "4567" modern industrial system the pipeline is reported by
TEN_MILLION = Decimal(10_000_000)
TOP_FIELDS = 3


# ---------------------------------------------------------------------------- data model


@dataclass
class Figure:
    """A number as it appears in a paragraph, with the rows it was computed from."""

    key: str  # unique within a brief; the HTML links it as #figure-KEY
    text: str  # the formatted number exactly as it appears in the paragraph
    value: Decimal | int
    source: str  # the table: "projects", "funds_in_place", "observations", "pairings"
    ids: list[int]  # primary keys in ``source``


@dataclass
class Paragraph:
    text: str
    figures: list[Figure]
    # Where each figure's text starts in ``text`` (same order as ``figures``). Filled in by the
    # brief builders; when empty, figures are located by searching the text in order.
    offsets: list[int] = field(default_factory=list)

    def spans(self) -> list[tuple[int, Figure]]:
        """(start, figure) for every figure, in order of appearance."""
        if len(self.offsets) == len(self.figures):
            pairs = list(zip(self.offsets, self.figures, strict=True))
        else:
            pairs, cursor = [], 0
            for figure in self.figures:
                start = self.text.find(figure.text, cursor)
                if start < 0:
                    raise ValueError(f"figure {figure.key!r} ({figure.text!r}) is not in the text")
                pairs.append((start, figure))
                cursor = start + len(figure.text)
        return sorted(pairs, key=lambda pair: pair[0])


@dataclass
class Brief:
    title: str
    lang: str
    paragraphs: list[Paragraph]

    @property
    def figures(self) -> list[Figure]:
        return [figure for paragraph in self.paragraphs for figure in paragraph.figures]

    def figure(self, key: str) -> Figure:
        return next(figure for figure in self.figures if figure.key == key)

    @property
    def text(self) -> str:
        return "\n\n".join(paragraph.text for paragraph in self.paragraphs)

    def to_sidecar(self) -> dict:
        """JSON-ready data: the text and, for every figure, its value (a string) and row ids."""
        return {
            "title": self.title,
            "lang": self.lang,
            "paragraphs": [
                {
                    "text": paragraph.text,
                    "figures": [
                        {
                            "key": figure.key,
                            "text": figure.text,
                            "value": _value_text(figure.value),
                            "source": figure.source,
                            "ids": list(figure.ids),
                            "offset": start,
                        }
                        for start, figure in paragraph.spans()
                    ],
                }
                for paragraph in self.paragraphs
            ],
        }

    def to_html(self) -> str:
        """A <section> with the title as <h1> and a <p> per paragraph; numbers link their rows."""
        parts = [format_html('<section class="brief" lang="{}">', self.lang)]
        parts.append(format_html("<h1>{}</h1>", self.title))
        for paragraph in self.paragraphs:
            html, cursor = [], 0
            for start, figure in paragraph.spans():
                html.append(escape(paragraph.text[cursor:start]))
                html.append(
                    format_html(
                        '<a class="figure" data-source="{}" data-ids="{}" href="#figure-{}">{}</a>',
                        figure.source,
                        ",".join(str(pk) for pk in figure.ids),
                        figure.key,
                        figure.text,
                    )
                )
                cursor = start + len(figure.text)
            html.append(escape(paragraph.text[cursor:]))
            parts.append("<p>" + "".join(html) + "</p>")
        parts.append("</section>")
        return "\n".join(parts)


def _value_text(value: Decimal | int) -> str:
    """Plain digits, the same on every database backend: 98238000000, 0.5 (never 1E+3)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


class _Writer:
    """Builds a paragraph from text and figures, recording where each figure lands."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.figures: list[Figure] = []
        self.offsets: list[int] = []

    def __call__(self, text: str) -> _Writer:
        self._parts.append(text)
        self._length += len(text)
        return self

    def figure(
        self, key: str, text: str, value: Decimal | int, source: str, ids: list[int]
    ) -> _Writer:
        self.figures.append(Figure(key, text, value, source, list(ids)))
        self.offsets.append(self._length)
        return self(text)

    def count(self, key: str, tally: Tally, lang: str, unit_zh: str = "个") -> _Writer:
        text = fmt.count(tally.count, lang, unit_zh)
        return self.figure(key, text, tally.count, PROJECTS, tally.project_ids)

    def money(self, key: str, tally: Tally, lang: str) -> _Writer:
        text = fmt.money(tally.value, lang)
        return self.figure(key, text, tally.value, PROJECTS, tally.project_ids)

    @property
    def empty(self) -> bool:
        return not self._parts

    def paragraph(self) -> Paragraph:
        return Paragraph("".join(self._parts), self.figures, self.offsets)


# ---------------------------------------------------------------------------- helpers


def _check_lang(lang: str) -> None:
    if lang not in fmt.LANGUAGES:
        allowed = ", ".join(repr(code) for code in fmt.LANGUAGES)
        raise ValueError(f"unsupported language {lang!r}; expected one of {allowed}")


def _date_zh(day: datetime.date, year: bool = False) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if year else f"{day.month}月{day.day}日"


def _date_en(day: datetime.date) -> str:
    return f"{day.day} {fmt.MONTHS_EN[day.month - 1]} {day.year}"


def long_date(day: datetime.date, lang: str) -> str:
    """zh "2023年4月22日", en "22 April 2023"."""
    return _date_zh(day, year=True) if lang == "zh" else _date_en(day)


def _event_dates(start: datetime.date, end: datetime.date | None, lang: str) -> str:
    """zh "4月22日" / "3月7日至10日"; en "On 22 April 2023" / "From 7 to 10 March 2023"."""
    if lang == "zh":
        if not end or end == start:
            return _date_zh(start)
        tail = f"{end.day}日" if end.month == start.month else _date_zh(end)
        if end.year != start.year:
            return f"{_date_zh(start, year=True)}至{_date_zh(end, year=True)}"
        return f"{_date_zh(start)}至{tail}"
    if not end or end == start:
        return f"On {_date_en(start)}"
    if (end.year, end.month) == (start.year, start.month):
        return f"From {start.day} to {_date_en(end)}"
    if end.year == start.year:
        return f"From {start.day} {fmt.MONTHS_EN[start.month - 1]} to {_date_en(end)}"
    return f"From {_date_en(start)} to {_date_en(end)}"


def _months(start: datetime.date, end: datetime.date, lang: str) -> str:
    """zh "1-2月份" (one year) / "2022年12月至2023年2月"; en "January–February 2023"."""
    if lang == "zh":
        if start.year != end.year:
            return f"{start.year}年{start.month}月至{end.year}年{end.month}月"
        if start.month == end.month:
            return f"{start.month}月份"
        return f"{start.month}-{end.month}月份"
    first, last = fmt.MONTHS_EN[start.month - 1], fmt.MONTHS_EN[end.month - 1]
    if start.year != end.year:
        return f"{first} {start.year}–{last} {end.year}"
    if start.month == end.month:
        return f"{first} {end.year}"
    return f"{first}–{last} {end.year}"


def _projects_en(n: int) -> str:
    return "project" if n == 1 else "projects"


def _was_en(n: int) -> str:
    return "was" if n == 1 else "were"


def _label(group: Group, lang: str) -> str:
    if lang == "zh":
        return group.label_zh
    label = re.sub(r"\s*\([^)]*\)\s*$", "", group.label_en or group.label_zh)
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        label = label[0].lower() + label[1:]
    return label


def _join_en(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------------------- event brief


def event_brief(
    event_code: str,
    lang: str,
    filters: ReportFilters | None = None,
    *,
    field_taxonomy: str = "",
    top_fields: int = TOP_FIELDS,
    summary: EventSummary | None = None,
) -> Brief:
    """What was signed at an event: count and value, the on-site industrial subset, top fields.

    ``summary`` is the event's signing summary when the caller has already computed it.
    Raises ``Event.DoesNotExist`` for an unknown code and ValueError for an unknown language.
    """
    _check_lang(lang)
    if summary is None:
        summary = event_signing_summary(event_code, filters, field_taxonomy=field_taxonomy)
    event = summary.event
    title = _name(event, lang, "title_zh", "title_en")
    paragraphs = [_event_opening(summary, title, lang).paragraph()]
    fields = [g for g in summary.by_field if _label(g, lang)][:top_fields]
    if fields and not summary.is_empty:
        paragraphs.append(_event_fields(fields, lang).paragraph())
    return Brief(
        title=title, lang=lang, paragraphs=paragraphs + _left_out(lang, summary.unverified)
    )


def _event_opening(summary: EventSummary, title: str, lang: str) -> _Writer:
    event, total, industrial = summary.event, summary.total, summary.on_site_industrial
    when = _event_dates(event.start_date, event.end_date, lang)
    city = _name(event.region, lang)
    w = _Writer()
    if lang == "zh":
        w(f"{when}，{title}在{city}举行。")
        if summary.is_empty:
            return w("活动暂无签约项目记录。")
        w("活动共签约项目").count("signed-count", total, lang)
        w("，签约额").money("signed-value", total, lang)
        if industrial.count:
            w("；其中现场签约工业项目").count("on-site-industrial-count", industrial, lang)
            w("，签约额").money("on-site-industrial-value", industrial, lang)
        return w("。")
    w(f"{when}, the {title} was held in {city}. ")
    if summary.is_empty:
        return w("No signed projects are recorded for the event.")
    w.count("signed-count", total, lang)
    w(f" {_projects_en(total.count)} {_was_en(total.count)} signed")
    w(", with a total contract value of ")
    w.money("signed-value", total, lang)
    if industrial.count:
        w(", of which ").count("on-site-industrial-count", industrial, lang)
        w(f" industrial {_projects_en(industrial.count)} {_was_en(industrial.count)} ")
        w("signed on site, worth ").money("on-site-industrial-value", industrial, lang)
    return w(".")


def _event_fields(fields: list[Group], lang: str) -> _Writer:
    w = _Writer()
    if lang == "zh":
        w("签约项目主要集中在")
        for index, group in enumerate(fields, start=1):
            w("、" if index > 1 else "")
            w(f"{_label(group, lang)}（").count(f"field-{index}-count", group.tally, lang)
            w("，").money(f"field-{index}-value", group.tally, lang)
            w("）")
        return w("等领域。")
    w("The signed projects were concentrated mainly in ")
    for index, group in enumerate(fields, start=1):
        if index > 1:
            w(" and " if index == len(fields) else ", ")
        w(f"{_label(group, lang)} (").count(f"field-{index}-count", group.tally, lang)
        w(f" {_projects_en(group.tally.count)}, ").money(f"field-{index}-value", group.tally, lang)
        w(")")
    return w(".")


# ---------------------------------------------------------------------------- period brief


def period_brief(
    period_start: datetime.date,
    period_end: datetime.date,
    lang: str,
    receiving_province: str = "230000",
    partner_province: str = "440000",
    min_project_size: Decimal | None = TEN_MILLION,
    *,
    taxonomy: str = DEFAULT_TAXONOMY,
    as_of: datetime.date | None = None,
    report: CapitalBySource | None = None,
    include_unverified: bool = False,
) -> Brief:
    """Capital the receiving province used from the partner province in a period, with its rank
    among source provinces, and the well-formed pipeline from the partner as of ``as_of``
    (default: the period end).

    ``report`` is the capital-by-source report for these filters when the caller has it.
    Raises ``Region.DoesNotExist`` for an unknown province and ValueError for an unknown
    language or a period that ends before it starts.
    """
    _check_lang(lang)
    filters = ReportFilters(
        period_start=period_start,
        period_end=period_end,
        min_project_size=min_project_size,
        include_unverified=include_unverified,
    )
    if report is None:
        report = capital_by_source(filters, receiving_province=receiving_province)
    partner = Region.objects.get(code=partner_province)
    receiving = report.receiving
    months = _months(period_start, period_end, lang)
    if lang == "zh":
        year = "" if period_start.year != period_end.year else f"{period_end.year}年"
        title = f"{year}{months}{receiving.name_zh}利用{partner.name_zh}资金情况"
    else:
        title = f"Capital from {_name(partner, lang)} in {_name(receiving, lang)}, {months}"
    paragraphs = [_capital_paragraph(report, partner, months, lang).paragraph()]
    paragraphs += _left_out(lang, report.unverified)
    report_pipeline = pipeline(
        as_of or period_end, ReportFilters(taxonomy=taxonomy), source_province=partner.code
    )
    if report_pipeline.well_formed:
        paragraphs.append(_pipeline_paragraph(report_pipeline, "目前", "At present", lang))
    return Brief(title=title, lang=lang, paragraphs=paragraphs)


def _threshold(amount: Decimal | None, lang: str) -> str:
    if not amount:
        return ""
    if lang == "zh":
        return "千万元及以上" if amount == TEN_MILLION else f"{fmt.money(amount, lang)}及以上"
    return f" of {fmt.money(amount, lang)} and above"


def _capital_paragraph(report: CapitalBySource, partner: Region, months: str, lang: str) -> _Writer:
    receiving = _name(report.receiving, lang)
    partner_name = _name(partner, lang)
    size = _threshold(report.filters.min_project_size, lang)
    row = report.row_for(partner.code)
    all_ids = sorted(pk for source_row in report.rows for pk in source_row.funds_ids)
    w = _Writer()
    if lang == "zh":
        w(f"{months}，{receiving}{size}利用内资项目中，")
        if row is None:
            return w(f"暂无利用{partner_name}资金记录。")
        w(f"利用{partner_name}资金")
        w.figure(
            "partner-amount", fmt.money(row.amount, lang), row.amount, FUNDS_IN_PLACE, row.funds_ids
        )
        w("，从资金来源看，位列")
        w.figure("partner-rank", fmt.ordinal(row.rank, lang), row.rank, FUNDS_IN_PLACE, all_ids)
        return w("。")
    w(f"In {months}, among {receiving}'s domestic-capital projects{size}, ")
    if row is None:
        return w(f"no capital from {partner_name} is recorded.")
    w(f"capital from {partner_name} came to ")
    w.figure(
        "partner-amount", fmt.money(row.amount, lang), row.amount, FUNDS_IN_PLACE, row.funds_ids
    )
    w(", ranking ")
    w.figure("partner-rank", fmt.ordinal(row.rank, lang), row.rank, FUNDS_IN_PLACE, all_ids)
    return w(" among source regions.")


def _pipeline_paragraph(report: Pipeline, lead_zh: str, lead_en: str, lang: str) -> Paragraph:
    """Well-formed projects (in negotiation) and how many carry an industry of the taxonomy."""
    well_formed = Tally(report.well_formed, ZERO, report.well_formed_ids)
    tagged = Tally(len(report.tagged_ids), ZERO, report.tagged_ids)
    taxonomy = report.taxonomy_name_en if lang == "en" else report.taxonomy_name_zh
    taxonomy = taxonomy or report.taxonomy_name_zh
    w = _Writer()
    if lang == "zh":
        w(f"{lead_zh}，比较成形的合作项目").count("well-formed-count", well_formed, lang)
        if taxonomy and tagged.count == well_formed.count:
            w(f"，全部为{taxonomy}项目")
        elif taxonomy and tagged.count:
            w(f"，其中{taxonomy}项目").count("well-formed-tagged-count", tagged, lang)
        return w("。").paragraph()
    w(f"{lead_en}, ").count("well-formed-count", well_formed, lang)
    present = lead_en == "At present"
    verb = (
        ("is" if present else "was") if well_formed.count == 1 else ("are" if present else "were")
    )
    w(f" well-formed cooperation {_projects_en(well_formed.count)} {verb} in negotiation")
    if taxonomy and tagged.count == well_formed.count:
        w(f", all of them in industries of the {taxonomy}")
    elif taxonomy and tagged.count:
        w(", ").count("well-formed-tagged-count", tagged, lang)
        w(f" of them in industries of the {taxonomy}")
    return w(".").paragraph()


# ---------------------------------------------------------------------------- pairing brief


def pairing_brief(
    pairing_code: str,
    lang: str,
    filters: ReportFilters | None = None,
    *,
    taxonomy: str = DEFAULT_TAXONOMY,
) -> Brief:
    """A counterpart pairing: its regions, since when, projects signed and the pipeline.

    Signed projects and the pipeline are those matching ``ReportFilters(pairing=code)`` (plus
    the other filters given). The brief is as of ``filters.as_of``, else ``filters.period_end``,
    else today; signings are counted from ``filters.period_start`` when it is set.
    Raises ``Pairing.DoesNotExist`` for an unknown code and ValueError for an unknown language.
    """
    _check_lang(lang)
    pairing = Pairing.objects.select_related(
        "home_region", "partner_region__province", "home_region__province"
    ).get(code=pairing_code)
    filters = dataclasses.replace(
        filters or ReportFilters(),
        pairing=pairing.code,
        taxonomy=(filters and filters.taxonomy) or taxonomy,
    )
    as_of = filters.as_of or filters.period_end or datetime.date.today()
    home, partner = (
        _name(pairing.home_region, lang),
        _name(pairing.partner_region, lang),
    )
    if lang == "zh":
        title = f"{home}与{partner}对口合作情况"
    else:
        title = f"{home}–{partner} counterpart cooperation"
    paragraphs = [_pairing_paragraph(pairing, filters, as_of, lang).paragraph()]
    paragraphs += _left_out(
        lang, filters.left_out(_signed_candidates(filters, as_of), "counted_value")
    )
    partner_province = pairing.partner_region.province
    report_pipeline = pipeline(
        as_of, filters, source_province=partner_province.code if partner_province else ""
    )
    if report_pipeline.well_formed:
        lead_zh, lead_en = f"截至{_date_zh(as_of, year=True)}", f"As of {_date_en(as_of)}"
        paragraphs.append(_pipeline_paragraph(report_pipeline, lead_zh, lead_en, lang))
    return Brief(title=title, lang=lang, paragraphs=paragraphs)


def _left_out(lang: str, *unverified: Unverified) -> list[Paragraph]:
    """A closing paragraph saying which unverified figures the brief left out, if any."""
    notes = [u.note(lang) for u in unverified if u]
    return [Paragraph(("" if lang == "zh" else " ").join(notes), [])] if notes else []


def _signed_candidates(filters: ReportFilters, as_of: datetime.date) -> QuerySet:
    """Projects signed by ``as_of`` (from ``filters.period_start``) with confirmed values unless
    estimates are asked for, verified or not."""
    projects = Project.objects.with_counted_value().filter(
        signed_date__isnull=False, signed_date__lte=as_of
    )
    if filters.period_start:
        projects = projects.filter(signed_date__gte=filters.period_start)
    return filters.projects(projects.filter(filters.confirmed("contract_value_basis")))


def signed_projects_for(filters: ReportFilters, as_of: datetime.date) -> QuerySet:
    """The projects ``signed_for`` counts (possibly repeated by joins: use their pks)."""
    return _signed_candidates(filters, as_of).filter(filters.verified())


def signed_for(filters: ReportFilters, as_of: datetime.date) -> Tally:
    """Projects signed by ``as_of`` (from ``filters.period_start``), counted by the model's
    rules: confirmed contract values only unless estimates are asked for, verified ones only
    unless unverified ones are asked for, capital increases by their increment."""
    # Each project once (the filters' joins can repeat one), as a subquery: a million-project
    # ledger signs hundreds of thousands in a few years, too many ids to fetch or to pass
    # as parameters. One query; the ids are read only if a renderer uses them.
    projects = Project.objects.with_counted_value().filter(
        pk__in=signed_projects_for(filters, as_of).values("pk")
    )
    totals = projects.aggregate(
        count=Count("pk"),
        value=Sum("counted_value"),
        unverified=Count("pk", filter=Q(verified_at__isnull=True)),
    )
    return Tally(
        count=totals["count"],
        value=totals["value"] or ZERO,
        project_ids=RowIds(projects, totals["count"]),
        unverified=totals["unverified"],
    )


def _pairing_paragraph(
    pairing: Pairing, filters: ReportFilters, as_of: datetime.date, lang: str
) -> _Writer:
    home, partner = (
        _name(pairing.home_region, lang),
        _name(pairing.partner_region, lang),
    )
    years = pairing.years_as_of(as_of.year)
    since = pairing.since_year
    signed = signed_for(filters, as_of)
    w = _Writer()
    if lang == "zh":
        w(f"{home}与{partner}于")
        w.figure("since-year", f"{since}年", since, PAIRINGS, [pairing.pk])
        w("建立对口合作关系")
        if years:
            w(f"，截至{as_of.year}年已合作")
            w.figure("years", f"{years}年", years, PAIRINGS, [pairing.pk])
        w("。")
        if filters.period_start:
            same_year = filters.period_start.year == as_of.year
            w(f"{_date_zh(filters.period_start, True)}至{_date_zh(as_of, not same_year)}，")
        else:
            w("对口合作以来，")
        if not signed.count:
            return w("暂无签约项目记录。")
        w("累计签约项目" if not filters.period_start else "签约项目")
        w.count("signed-count", signed, lang)
        w("，签约额").money("signed-value", signed, lang)
        return w("。")
    w(f"{home} and {partner} have been counterpart cooperation partners since ")
    w.figure("since-year", str(since), since, PAIRINGS, [pairing.pk])
    if years:
        w(" (").figure("years", fmt.count(years, lang), years, PAIRINGS, [pairing.pk])
        w(f" {'year' if years == 1 else 'years'} as of {as_of.year})")
    w(". ")
    if filters.period_start:
        w(f"Between {_date_en(filters.period_start)} and {_date_en(as_of)}, ")
    else:
        w(f"Since {since}, ")
    if not signed.count:
        return w("no signed projects are recorded.")
    w.count("signed-count", signed, lang)
    if filters.period_start:
        w(f" {_projects_en(signed.count)} {_was_en(signed.count)} signed")
    else:
        w(f" {_projects_en(signed.count)} {'has' if signed.count == 1 else 'have'} been signed")
    w(", with a total contract value of ").money("signed-value", signed, lang)
    return w(".")
