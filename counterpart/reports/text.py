"""Plain-text renderers: official-style sentences and simple tables, in Chinese or English."""

from counterpart.core import formatting as fmt

from .capital import CapitalBySource
from .indicator import IndicatorFigure
from .pipeline import Pipeline
from .signing import EventSummary, Group


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


def event_summary(summary: EventSummary, lang: str) -> str:
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


def capital_by_source(report: CapitalBySource, lang: str) -> str:
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


def indicator(figure: IndicatorFigure, lang: str) -> str:
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
