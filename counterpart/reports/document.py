"""A brief as a document: its paragraphs plus the tables and the one chart that support them.

The Word and PDF renderers draw the same ``BriefDocument``, so both files carry the same
content. Builders reuse the report functions; nothing here formats a number.
"""

from __future__ import annotations

import datetime
import functools
import inspect
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.text import capfirst

from counterpart.geo.models import Pairing

from . import brief as briefs
from .capital import capital_by_source
from .charts import Chart
from .filters import ReportFilters
from .pipeline import pipeline
from .signing import Group, event_signing_summary
from .tables import Table, capital_tables, group_table, pipeline_tables, tables_for
from .text import localized_name

CHART_BARS = 8
DJANGO_LANGUAGES = {"zh": "zh-hans", "en": "en"}


def in_brief_language(builder):
    """Run a builder with Django's language set to the brief's, so that choice labels (stages,
    categories) come out in the same language as the paragraphs."""

    signature = inspect.signature(builder)

    @functools.wraps(builder)
    def build(*args, **kwargs):
        lang = signature.bind(*args, **kwargs).arguments["lang"]
        if lang not in DJANGO_LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}; expected 'zh' or 'en'")
        with translation.override(DJANGO_LANGUAGES[lang]):
            return builder(*args, **kwargs)

    return build


@dataclass
class BriefDocument:
    brief: briefs.Brief
    tables: list[Table]
    chart: Chart | None
    generated: datetime.date = field(default_factory=datetime.date.today)

    @property
    def lang(self) -> str:
        return self.brief.lang

    @property
    def title(self) -> str:
        return self.brief.title

    @property
    def source_note(self) -> str:
        day = briefs.long_date(self.generated, self.lang)
        if self.lang == "zh":
            return f"数据来源：Counterpart 台账，{day}生成。"
        return f"Source: the Counterpart ledger, generated on {day}."


def _group_label(group: Group, lang: str) -> str:
    return capfirst(group.label_en or group.label_zh) if lang == "en" else group.label_zh


def _group_chart(title: str, groups: list[Group], lang: str) -> Chart | None:
    shown = [g for g in groups if g.tally.value][:CHART_BARS]
    if not shown:
        return None
    return Chart(
        title=title,
        labels=[_group_label(g, lang) for g in shown],
        values=[g.tally.value for g in shown],
        lang=lang,
    )


@in_brief_language
def event_document(
    event_code: str, lang: str, filters: ReportFilters | None = None
) -> BriefDocument:
    """The event brief with signed value by field (chart), by category and by destination."""
    summary = event_signing_summary(event_code, filters)
    brief = briefs.event_brief(event_code, lang, filters, summary=summary)
    zh = lang == "zh"
    tables = []
    if not summary.is_empty:
        tables = [
            group_table("按类别" if zh else "By category", summary.by_category, lang),
            group_table("按落地地区" if zh else "By destination", summary.by_destination, lang),
        ]
    title = "签约额居前的领域" if zh else "Contract value by field (largest)"
    return BriefDocument(brief, tables, _group_chart(title, summary.by_field, lang))


@in_brief_language
def period_document(
    period_start: datetime.date,
    period_end: datetime.date,
    lang: str,
    receiving_province: str = "230000",
    partner_province: str = "440000",
    min_project_size: Decimal | None = briefs.TEN_MILLION,
    *,
    as_of: datetime.date | None = None,
    include_unverified: bool = False,
) -> BriefDocument:
    """The period brief with funds in place by source province (chart and ranked table)."""
    report = capital_by_source(
        ReportFilters(
            period_start=period_start,
            period_end=period_end,
            min_project_size=min_project_size,
            include_unverified=include_unverified,
        ),
        receiving_province=receiving_province,
    )
    brief = briefs.period_brief(
        period_start,
        period_end,
        lang,
        receiving_province,
        partner_province,
        min_project_size,
        as_of=as_of,
        report=report,
        include_unverified=include_unverified,
    )
    chart = None
    rows = [row for row in report.rows if row.amount][:CHART_BARS]
    if rows:
        chart = Chart(
            title="到位资金按来源地" if lang == "zh" else "Funds in place by source region",
            labels=[localized_name(row.region, lang) for row in rows],
            values=[row.amount for row in rows],
            lang=lang,
        )
    tables = capital_tables(report, lang) if report.rows else []
    return BriefDocument(brief, tables, chart)


@in_brief_language
def pairing_document(
    pairing_code: str, lang: str, filters: ReportFilters | None = None
) -> BriefDocument:
    """The pairing brief with its pipeline by stage (chart and table)."""
    brief = briefs.pairing_brief(pairing_code, lang, filters)
    pairing = Pairing.objects.select_related("partner_region__province").get(code=pairing_code)
    filters = filters or ReportFilters()
    as_of = filters.as_of or filters.period_end or datetime.date.today()
    partner = pairing.partner_region.province
    report = pipeline(
        as_of,
        ReportFilters(pairing=pairing.code, include_estimates=filters.include_estimates),
        source_province=partner.code if partner else "",
    )
    stages = [s for s in report.stages if s.count]
    chart = None
    if stages:
        chart = Chart(
            title="项目按阶段" if lang == "zh" else "Projects by stage",
            labels=[str(capfirst(s.stage.label)) for s in stages],
            values=[s.count for s in stages],
            lang=lang,
            money=False,
        )
    tables = pipeline_tables(report, lang)[:1] if stages else []
    return BriefDocument(brief, tables, chart)


@in_brief_language
def report_document(result, lang: str, title: str, lead: str = "") -> BriefDocument:
    """Any report result as a document of tables under a title, with ``lead`` as its first
    paragraph (for Word and PDF output of the reports that have no brief)."""
    paragraphs = [briefs.Paragraph(lead, [])] if lead else []
    return BriefDocument(briefs.Brief(title, lang, paragraphs), tables_for(result, lang), None)
