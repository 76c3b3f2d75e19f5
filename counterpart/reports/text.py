"""Plain-text renderers: official-style sentences and simple tables, in Chinese or English."""

from counterpart.core import formatting as fmt

from .capital import CapitalBySource
from .filters import unverified_note
from .indicator import IndicatorFigure
from .pairings import PairingLeague, PairingRow
from .pipeline import Pipeline
from .signing import EventSummary, Group
from .supervision import Supervision
from .time_in_stage import TimeInStage


def localized_name(obj, lang: str, zh: str = "name_zh", en: str = "name_en") -> str:
    """The English name where there is one and English is asked for, else the Chinese."""
    return (getattr(obj, en) or getattr(obj, zh)) if lang == "en" else getattr(obj, zh)


_name = localized_name


def _group_lines(groups: list[Group], lang: str) -> list[str]:
    return [
        f"  {(g.label_en or g.label_zh) if lang == 'en' else g.label_zh}: "
        f"{fmt.count(g.tally.count, lang)}, {fmt.money(g.tally.value, lang)}"
        for g in groups
    ]


def _event_summary(summary: EventSummary, lang: str) -> str:
    event = summary.event
    title = _name(event, lang, "title_zh", "title_en")
    if summary.is_empty:
        return (
            f"No signed projects recorded for {title}."
            if lang == "en"
            else f"{title}暂无签约项目记录。"
        )
    total, industrial = summary.total, summary.on_site_industrial
    if lang == "en":
        lines = [
            f"{title}: {fmt.count(total.count, lang)} projects were signed, with a total contract "
            f"value of {fmt.money(total.value, lang)}; {fmt.count(industrial.count, lang)} "
            f"industrial projects were signed on site, with a contract value of "
            f"{fmt.money(industrial.value, lang)}.",
        ]
        headings = ("By field or industry:", "By category:", "By destination:")
    else:
        lines = [
            f"{title}共签约项目{fmt.count(total.count, lang)}，"
            f"签约额{fmt.money(total.value, lang)}；"
            f"其中现场签约工业项目{fmt.count(industrial.count, lang)}，"
            f"签约额{fmt.money(industrial.value, lang)}。",
        ]
        headings = ("按领域/产业：", "按类别：", "按落地地区：")
    for heading, groups in zip(
        headings,
        (summary.by_field, summary.by_category, summary.by_destination),
        strict=True,
    ):
        if groups:
            lines += ["", heading, *_group_lines(groups, lang)]
    return "\n".join(lines)


def _capital_by_source(report: CapitalBySource, lang: str) -> str:
    receiving = _name(report.receiving, lang)
    if not report.rows:
        return (
            f"No funds in place for {receiving} in this period."
            if lang == "en"
            else f"{receiving}该期间无到位资金记录。"
        )
    threshold = report.filters.min_project_size
    if lang == "en":
        size = f" (projects of {fmt.money(threshold, lang)} and above)" if threshold else ""
        lines = [f"Domestic capital used by {receiving} by source region{size}:"]
    else:
        size = f"{fmt.money(threshold, lang)}及以上项目" if threshold else ""
        lines = [f"{receiving}{size}利用省外资金（按资金来源地）："]
    lines += [
        f"  {fmt.ordinal(row.rank, lang)}  {_name(row.region, lang)}  {fmt.money(row.amount, lang)}"
        for row in report.rows
    ]
    total = fmt.money(report.total, lang)
    lines.append(f"  Total  {total}" if lang == "en" else f"  合计  {total}")
    return "\n".join(lines)


def _indicator(figure: IndicatorFigure, lang: str) -> str:
    name = _name(figure.indicator, lang)
    if figure.value is None:
        return (
            f"No data for {name} in {figure.year}."
            if lang == "en"
            else f"{figure.year}年{name}暂无数据。"
        )
    value = (
        fmt.money(figure.value, lang)
        if figure.indicator.unit == "yuan"
        else fmt.count(int(figure.value), lang, unit_zh="")
    )
    parts_en = [f"{name}, {figure.year}: {value}"]
    parts_zh = [f"{figure.year}年{name}{value}"]
    if figure.growth is not None:
        growth = fmt.percent(figure.growth, lang, signed=True)
        parts_en.append(f"{growth} year on year")
        parts_zh.append(f"同比增长{fmt.percent(figure.growth, lang)}")
    if figure.share is not None:
        share = fmt.percent(figure.share, lang)
        parts_en.append(f"{share} of the national total")
        parts_zh.append(f"占全国的{share}")
    return ", ".join(parts_en) + "." if lang == "en" else "，".join(parts_zh) + "。"


def pipeline(report: Pipeline, lang: str) -> str:
    taxonomy = report.taxonomy_name_en if lang == "en" else report.taxonomy_name_zh
    taxonomy = taxonomy or report.filters.taxonomy
    if lang == "en":
        lines = [f"Pipeline as of {report.as_of:%Y-%m-%d}:"]
        lines += [f"  {s.stage.label}: {fmt.count(s.count, lang)}" for s in report.stages]
        line = f"Well-formed projects (in negotiation): {fmt.count(report.well_formed, lang)}"
        if taxonomy:
            tagged = fmt.count(len(report.tagged_ids), lang)
            line += f", {tagged} of them in industries of the {taxonomy}"
        lines.append(line + ".")
    else:
        lines = [f"截至{report.as_of.year}年{report.as_of.month}月{report.as_of.day}日项目储备："]
        lines += [f"  {s.stage.label}：{fmt.count(s.count, lang)}" for s in report.stages]
        line = f"比较成形的合作项目{fmt.count(report.well_formed, lang)}"
        if taxonomy:
            line += f"，其中属于{taxonomy}的项目{fmt.count(len(report.tagged_ids), lang)}"
        lines.append(line + "。")
    if not any(s.count for s in report.stages):
        lines.append("No data for this date." if lang == "en" else "该日期无数据。")
    return "\n".join(lines)


def _pairing_league(league: PairingLeague, lang: str) -> str:
    if league.is_empty:
        return "No city pairings to report." if lang == "en" else "暂无城市对口合作数据。"
    if lang == "en":
        lines = ["Rank  Pairing  Events  Leads  Signed  Contract value  Funds in place"]
    else:
        lines = ["名次  对口城市  活动  线索  签约项目  签约额  到位资金"]
    rows = [*league.rows, league.total]
    for row in rows:
        if isinstance(row, PairingRow):
            pair = (
                f"{_name(row.pairing.home_region, lang)}—{_name(row.pairing.partner_region, lang)}"
            )
            rank = fmt.ordinal(row.rank, lang)
        else:
            rank, pair = ("", "Total") if lang == "en" else ("", "合计")
        lines.append(
            f"{rank}  {pair}  {row.events}  {row.leads}  {fmt.count(row.signed.count, lang)}  "
            f"{fmt.money(row.signed.value, lang)}  {fmt.money(row.funds, lang)}"
        )
    return "\n".join(lines)


def supervision(report: Supervision, lang: str) -> str:
    day = f"{report.as_of:%Y-%m-%d}"
    if report.is_empty:
        return (
            f"Nothing overdue or stale as of {day}."
            if lang == "en"
            else f"截至{day}，无逾期事项和停滞项目。"
        )
    if lang == "en":
        lines = [
            f"Supervision as of {day}: {len(report.overdue)} overdue actions, "
            f"{len(report.stale)} projects in the same stage for more than "
            f"{report.stale_days} days.",
            "By task force:",
        ]
    else:
        lines = [
            f"截至{day}督办事项：逾期未办{fmt.count(len(report.overdue), lang, '项')}，"
            f"同一阶段停留超过{report.stale_days}天的项目{fmt.count(len(report.stale), lang)}。",
            "按专班：",
        ]
    none = "(none)" if lang == "en" else "（未指定）"
    for heading, groups in (("", report.by_task_force), ("officer", report.by_officer)):
        if heading:
            lines.append("By officer:" if lang == "en" else "按联络员：")
        lines += [
            f"  {_name(g, lang) or none}: {g.overdue_count} / {g.stale_count}" for g in groups
        ]
    lines.append("Most overdue:" if lang == "en" else "逾期最久：")
    lines += [
        f"  {item.project_code or item.organization_id}  {item.next_action}  "
        f"{item.due:%Y-%m-%d}  +{item.days_overdue}"
        for item in report.overdue[:10]
    ]
    return "\n".join(lines)


def time_in_stage(report: TimeInStage, lang: str) -> str:
    if report.is_empty:
        return "No stage history to measure." if lang == "en" else "暂无可计算的阶段记录。"

    def median(durations) -> str:
        if durations.median is None:
            return "—"
        days = f"{durations.median:g}"
        n = durations.count
        return f"{days} days (n={n})" if lang == "en" else f"{days}天（{n}个项目）"

    if lang == "en":
        lines = ["Median days from lead to signed / from signed to started:"]
    else:
        lines = ["从线索到签约 / 从签约到开工的天数中位数："]
    for city in report.cities:
        lines.append(
            f"  {_name(city.region, lang)}: {median(city.lead_to_signed)} / "
            f"{median(city.signed_to_started)}"
        )
    overall = "All" if lang == "en" else "全部"
    lines.append(
        f"  {overall}: {median(report.lead_to_signed)} / {median(report.signed_to_started)}"
    )
    return "\n".join(lines)


def _with_note(render):
    """``render`` followed by the note of the unverified figures the report left out."""

    def rendered(result, lang: str) -> str:
        note = unverified_note(result, lang)
        return render(result, lang) + (f"\n{note}" if note else "")

    rendered.__name__ = rendered.__qualname__ = render.__name__.lstrip("_")
    rendered.__doc__ = render.__doc__
    return rendered


event_summary = _with_note(_event_summary)
capital_by_source = _with_note(_capital_by_source)
indicator = _with_note(_indicator)
pairing_league = _with_note(_pairing_league)
