"""Figures stated inside an article's running text, in Chinese or English.

``core.parsing`` reads a spreadsheet cell that holds one value. Here a figure sits in a sentence,
and what matters besides its value is what it counts, whether it is exact (近, 超过, nearly …),
what it measures (签约额, 到位资金, 同比增长 …), which subset it covers (现场签约, 工业项目) and
when. No library finds figures in running Chinese and English text with these readings, so the
scanner is written by hand: one pass over the number tokens (Arabic digits, Chinese numerals read
by cn2an, English number words), each read by the units around it; then the cue words and time
words of the sentences that hold a figure. Regexes are compiled at import and built so that
Python's engine can skip to the few places where a match may start (see ``_alternation``): an
article of 7,000 characters with a few dozen figures takes one to two milliseconds.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import cn2an

from counterpart.core.parsing import _MONEY_UNITS, plain_number

from .tables import Cell, find_tables

__all__ = ["FigureMention", "find_figures"]


@dataclass(frozen=True)
class FigureMention:
    start: int  # offset of `quote` in the text given
    end: int
    quote: str  # text[start:end]: the clause words that state the figure
    number_start: int  # the number itself with its unit ("192个", "98.238 billion yuan")
    number_end: int
    value: Decimal  # base unit: yuan; the count; per cent (41.3); the rank; years
    unit: str  # "yuan" | "count" | "percent" | "rank" | "years"
    qualifier: str  # "exact" | "approximate" | "at_least" | "more_than" | "at_most"
    metric: str  # "signed_count" | "signed_value" | "funds_in_place" | … | "other"
    subset: dict  # {"signed_on_site": True, "category": "industrial"}, either or {}
    period_hint: str  # words of the sentence that place the figure in time, "" if none
    counted: str  # for counts: the noun counted ("项目", "家企业", "projects"), else ""
    table: int = -1  # for a text table's cell: the table's start offset; -1 in running text
    # a count of the projects above a size (其中亿元以上项目8个, "two of them exceed 500 million
    # yuan each"): `other`, but scoped like the signed total it is part of
    sized: bool = False
    # an indicator table's cell: the offsets of the column header naming its period, else -1
    column_start: int = -1
    column_end: int = -1


def find_figures(text: str, lang: str) -> list[FigureMention]:
    """Every figure in `text` (lang "zh" or "en"; mixed text happens: look for both scripts'
    forms where cheap), sorted by start.

    Both scripts' forms are always looked for (it costs little), so `lang` is only checked."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    doc = _Doc(text)
    tables = find_tables(text)  # read cell by cell, before the sentence rules
    table_spans = [(table.start, table.end) for table in tables]
    readings = []
    consumed = 0
    for kind, start, end in doc.tokens():
        if start < consumed:
            continue  # the 万 of 3000万元, the "two" of "thirty-two" …
        if any(low <= start < high for low, high in table_spans):
            continue
        reading = _read(doc, kind, start, end)
        if reading is not None:
            consumed = max(reading.number_end, reading.span_end)
            readings.append(reading)
    described = []
    last_target = None
    for index, reading in enumerate(readings):
        if not reading.unit:  # an amount in a currency other than yuan: read, not reported
            continue
        if reading.unit == "yuan" and reading.threshold:
            continue  # 千万元及以上项目, "projects of 10 million yuan and above": a scope
        if _target(doc, reading) or _value_of_target(doc, reading, last_target):
            # 力争全年签约项目不少于40个, "plans to sign 20 projects": not a result; nor
            # 有望签约项目12个，金额30亿元: the value of the projects still to sign
            last_target = reading
            continue
        last_target = None
        # A quote reaches no further than the numbers either side of it.
        low = readings[index - 1].span_end if index else 0
        high = readings[index + 1].span_start if index + 1 < len(readings) else len(text)
        described.append((reading, _describe(doc, reading, low, high)))
    figures = _without_headline_repeats(doc, _respective(doc, _parts_of_totals(doc, described)))
    figures = _shared_by_places(doc, figures)
    figures += [
        _table_figure(text, cell)
        for table in tables
        for cell in table.cells
        if not _restated_total(cell, figures)
    ]
    figures.sort(key=lambda figure: (figure.start, figure.number_start))
    return figures


_ZH_PLACE = r"[\u4e00-\u9fff]{1,6}?(?:市|县|区|州|旗|盟|园|新区|镇|乡)"
# 英吉沙县和岳普湖县各5个, 甲县、乙县、丙县各3个: places sharing one count, each theirs.
_ZH_PLACES_EACH = re.compile(
    rf"(?P<places>{_ZH_PLACE}(?:(?:、|和|与|及){_ZH_PLACE})+)(?:分别)?各(?:签约)?(?:项目)?\s*$"
)
_ZH_PLACE_SPLIT = re.compile(r"、|和|与|及")


def _shared_by_places(doc: _Doc, figures: list[FigureMention]) -> list[FigureMention]:
    """A count of signed projects that several places named just before it have each (乙县和
    丙县各5个) is one figure per place: the first quoted from the list, each other from its
    own name on."""
    shared = []
    for figure in figures:
        shared.append(figure)
        if figure.unit != "count" or figure.metric != "signed_count" or figure.table >= 0:
            continue
        line = doc.line_start(figure.number_start)
        match = _ZH_PLACES_EACH.search(
            doc.original, max(line, figure.number_start - 40), figure.number_start
        )
        if match is None:
            continue
        places = _ZH_PLACE_SPLIT.split(match["places"])
        if len(places) < 2 or any(not _PLACE_JUST_BEFORE.search(place) for place in places):
            continue
        first = min(figure.start, match.start("places"))
        shared[-1] = _quoted_from(doc, figure, first)
        offset = match.start("places")
        for place in places[1:]:
            offset = doc.original.index(place, offset + 1)
            shared.append(_quoted_from(doc, figure, offset))
    return shared


def _quoted_from(doc: _Doc, figure: FigureMention, start: int) -> FigureMention:
    return dataclasses.replace(figure, start=start, quote=doc.original[start : figure.end])


def _restated_total(cell: Cell, figures: list[FigureMention]) -> bool:
    """Whether ``cell`` is a table's 合计 / "Total" row repeating a figure the text gave before
    the table (the same metric and value): a figure stated twice is one figure, the text's."""
    return cell.total_row and any(
        f.metric == cell.metric and f.value == cell.value and f.end <= cell.table_start
        for f in figures
    )


_TABLE_COUNTED = {"signed_count": "projects", "pipeline_count": "projects", "event_count": "events"}


def _table_figure(text: str, cell: Cell) -> FigureMention:
    """A table's cell as a figure, quoted from its row's label to the cell ("涿州市｜12"); a
    row naming a sector is that category's part of the table's total."""
    category = None if cell.total_row or cell.rest_row else _label_category(cell.label)
    return FigureMention(
        start=cell.row_start,
        end=cell.end,
        quote=text[cell.row_start : cell.end],
        number_start=cell.start,
        number_end=cell.end,
        value=_tidy(cell.value),
        unit=cell.unit,
        qualifier="exact",
        metric=cell.metric,
        subset={"category": category} if category else {},
        period_hint="",
        counted=_TABLE_COUNTED.get(cell.metric, "") if cell.unit == "count" else "",
        table=cell.table_start,
        column_start=cell.column[0],
        column_end=cell.column[1],
    )


def _label_category(label: str) -> str | None:
    """The project category a row's label names: 新型工业化 → industrial, "Modern services" →
    service; None for a place, 合计 or 其他."""
    match = _LABEL_CATEGORY.search(label.lower())
    return match.lastgroup if match else None


def _parts_of_totals(doc: _Doc, described: list) -> list[FigureMention]:
    """A count that is a part of a count before it (其中…工业项目38个, "Among them, 14 were
    industrial projects", "of which nearly 70 are from Tianjin", "Of the 36 deals, 22 are in
    manufacturing") measures what that count measures, when its own words do not say: the
    sentence of the total named the signing. A part of projects or deals is a part of the last
    count of projects, not of the guests counted in between."""
    figures: list[FigureMention] = []
    last_count: FigureMention | None = None
    last_projects: FigureMention | None = None
    part_of: FigureMention | None = None  # the total the count just before is a part of
    last_part: FigureMention | None = None
    larger_projects: list[FigureMention] = []  # earlier totals of projects, latest last
    for reading, figure in described:
        total = _total_of(reading, figure, last_count, last_projects)
        if total is last_projects and total is not None and figure.value >= total.value:
            # 现场签约项目16个 … 工业项目31个: a part of the event's 58, not of the on-site 16
            total = next((t for t in reversed(larger_projects) if t.value > figure.value), total)
        since = total
        if part_of is not None and (
            not figure.counted or _PROJECTISH.search(figure.counted.lower())
        ):
            # "…, 22 are in manufacturing. Another nine …": the same total, near the last part
            total, since = part_of, last_part
        part = (
            figure.unit == "count"
            and figure.metric == "other"
            and total is not None
            and _is_part(doc, reading, figure, total, since)
        )
        if part:
            figure = dataclasses.replace(
                figure, metric=total.metric, counted=figure.counted or total.counted
            )
        previous = figures[-1] if figures else None
        if not part and _next_kind_in_list(doc, figure, previous):
            # 本次签约的新能源项目12个，…；文旅项目3个: the list of kinds goes on
            figure = dataclasses.replace(figure, metric=previous.metric)
        elif not part and _counted_after_amount(doc, figure, previous):
            # 签约金额30亿元，涉及项目11个; "deals worth 3 billion yuan, covering 11 projects"
            figure = dataclasses.replace(figure, metric="signed_count")
        elif not part and _baseline_of(doc, figure, previous):
            # 新签约项目52个，上年同期为41个; "signed 30 projects, compared with 24 in 2023"
            figure = dataclasses.replace(
                figure, metric=previous.metric, counted=figure.counted or previous.counted
            )
        if (
            figure.unit == "yuan"
            and figure.metric == "other"
            and previous is not None
            and previous.metric == "signed_count"
            and doc.sentence(previous.number_start) == doc.sentence(figure.number_start)
            and not (
                _INTENDED.search(figure.quote.lower())
                and not _PLANNED_INVESTMENT.fullmatch(
                    doc.text, previous.number_end, figure.number_start
                )
            )
            and not _COMPLETED_BEFORE.search(
                doc.text, max(0, figure.number_start - 8), figure.number_start
            )
            and not _one_project_amount(doc, figure.number_start, figure.end)
        ):
            # 工业项目6个，合计投资14.2亿元: the amount of the projects just counted as signed.
            figure = dataclasses.replace(figure, metric="signed_value", subset=previous.subset)
        elif (
            figure.unit == "yuan"
            and figure.metric == "other"
            and previous is not None
            and previous.metric == "signed_count"
            and _next_list_line(doc, previous, figure)
        ):
            # "Projects signed: 36" then "Total investment: 21.7 billion yuan": their value.
            figure = dataclasses.replace(figure, metric="signed_value", subset=previous.subset)
        elif _place_share(doc, reading, figure, previous):
            # 疏勒县签了9个项目，签约额18.6亿元；疏附县7个: the next place's signed projects
            counted = previous.counted if previous.unit == "count" else "项目"
            figure = dataclasses.replace(figure, metric="signed_count", counted=counted)
        if figure.metric == "other" and figure.subset:
            figure = dataclasses.replace(figure, subset={})
        if figure.unit == "count":
            part_of, last_part = (total, figure) if part else (None, None)
        if (
            figure.unit == "count"
            and figure.metric != "other"
            and not part
            and "category" not in figure.subset
        ):
            # (a part is not the total of the parts after it: 工业项目19个、农业项目8个;
            # 签约项目中，文旅康养类项目7个…先进制造类项目8个: nor is a kind named as one)
            last_count = figure
            if _PROJECTISH.search(figure.counted.lower()):
                last_projects = figure
                larger_projects.append(figure)
        figures.append(figure)
    return figures


# "signed 78 projects with a planned investment of …": what the projects signed will invest,
# their contract value (as 签约项目…个，计划总投资…); "plans to invest" is still intended.
_PLANNED_INVESTMENT = re.compile(
    r"(?:\s*(?:[a-z-]+\s+){0,3}?(?:projects|deals|agreements|contracts)(?:\s+[a-z-]+){0,2}?)?\s*,?"
    r"\s*with\s+an?\s+planned\s+(?:total\s+)?investment\s+of\s+(?:rmb\s*|cny\s*)?"
)
# 完成投资约83亿元 after a count of projects: the investment made, not the contracts' value.
_COMPLETED_BEFORE = re.compile(r"完成(?:投资|投资额)?(?:约|近|超过|逾)?\s*$")
_EN_VALUE_LABEL = re.compile(
    r"(?m)^[ \t]*(?:[-•*·][ \t]*)?(?:total\s+)?(?:contract\s+)?(?:investment|value|amount)"
    r"(?:\s+(?:involved|signed))?:[ \t]*\Z"
)


# 乙县6个, 丙县和丁县各3个 ("each"): a place's share in a list of places.
_PLACE_JUST_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,6}(?:市|县|区|州|旗|盟|园|新区)各?\s*$")


def _place_share(doc: _Doc, reading, figure: FigureMention, previous) -> bool:
    """A bare count (…7个) right after a place's name, on the line of a place's count of
    signed projects: that list's next place."""
    if figure.unit != "count" or figure.metric != "other" or figure.counted or previous is None:
        return False
    signed_before = [
        f for f in [previous] if f.metric == "signed_count" and _PROJECTISH.search(f.counted)
    ]
    if not signed_before and previous.unit == "yuan" and previous.metric == "signed_value":
        signed_before = [previous]  # …签了9个项目，签约额18.6亿元；疏附县7个
    if not signed_before:
        return False
    line = doc.line_start(figure.number_start)
    return line <= previous.number_start and bool(
        _PLACE_JUST_BEFORE.search(doc.text, max(line, figure.number_start - 8), figure.number_start)
    )


def _next_kind_in_list(doc: _Doc, figure: FigureMention, previous) -> bool:
    """Whether ``figure``, a count of one kind of project that its own words do not call
    signed, follows a count of another kind that they did, in the same paragraph with no full
    stop between: the next item of that list of kinds."""
    if figure.unit != "count" or figure.metric != "other" or "category" not in figure.subset:
        return False
    if previous is None or previous.unit != "count" or previous.metric == "other":
        return False
    between = doc.text[previous.number_end : figure.start]
    return (
        "category" in previous.subset
        and previous.subset["category"] != figure.subset["category"]
        and "\n" not in between
        and not _FULL_STOPS.search(between)
    )


# Between a contract value and the count of its projects: 签约金额30亿元，涉及项目11个;
# "worth 3 billion yuan in total, cover 11 projects".
_AMOUNT_THEN_COUNT = re.compile(
    r"\s*[，,、]?\s*(?:共|合计|共计|总计)?(?:涉及|包括|包含|涵盖|覆盖|含|其中)[^，。；;\n0-9]{0,10}"
    r"|[^.;\n0-9]{0,40}?(?<![a-z])(?:cover(?:s|ed|ing)?|involv(?:e|es|ed|ing)|includ(?:e|es|ed|ing)|"
    r"across|spread\s+over)\s+(?:[a-z-]+\s+){0,2}?"
)


def _counted_after_amount(doc: _Doc, figure: FigureMention, previous) -> bool:
    """Whether ``figure``, a count of projects its own words do not call signed, follows a
    contract value in its sentence with only words that say what the value covers between:
    the signed projects of that value."""
    if figure.unit != "count" or figure.metric != "other" or figure.sized or previous is None:
        return False  # 其中亿元以上项目34个: projects counted by size, not the value's
    if previous.metric != "signed_value" or not _PROJECTISH.search(figure.counted.lower() or "-"):
        return False
    if doc.sentence(previous.number_start) != doc.sentence(figure.number_start):
        return False
    between = doc.text[previous.end : figure.number_start]
    return bool(_AMOUNT_THEN_COUNT.fullmatch(between.lower()))


# The same measure a period earlier, after the figure of this period: 上年同期为41个, 去年为;
# "up from 250 last year", "compared with 24 in 2023".
_ZH_BASELINE_BEFORE = re.compile(r"(?:上年|去年|前年|上一年)(?:同期|全年)?(?:为|是|有|仅)?\s*$")
_EN_BASELINE_BEFORE = re.compile(
    r"(?<![a-z])(?:(?:up|down|rising|falling|rose|fell)\s+from|compared\s+(?:with|to)|"
    r"against|versus)\s+$"
)

_NOTHING_NAMED_AFTER = re.compile(
    r"\s*(?:[，,。；;、）)]|$|(?:a\s+year\s+(?:earlier|before|ago)|in\s+(?:19|20)[0-9]{2}|"
    r"last\s+year|the\s+year\s+before"
    # "up from 44 in the same period last year", "… over the same period of 2025"
    r"|(?:in|during|over|for)\s+the\s+(?:same|corresponding|like)\s+(?:period|months|quarter)"
    r"(?:\s+(?:of\s+)?(?:last\s+year|(?:19|20)[0-9]{2}|a\s+year\s+(?:earlier|before|ago)))?"
    r")(?![a-z]))"
)


def _baseline_of(doc: _Doc, figure: FigureMention, previous) -> bool:
    """Whether ``figure``, a count naming nothing, is the same count a period earlier for
    ``previous``, the count just before it in its sentence."""
    if figure.unit != "count" or figure.metric != "other" or figure.counted:
        return False
    if previous is None or previous.unit != "count" or previous.metric == "other":
        return False
    sentence = doc.sentence(figure.number_start)
    if previous.number_start < sentence[0]:
        return False
    if not _NOTHING_NAMED_AFTER.match(doc.text, figure.number_end):
        return False  # 去年为3个工作组: a count of something else
    before = doc.text[max(sentence[0], figure.number_start - 24) : figure.number_start]
    return bool(_ZH_BASELINE_BEFORE.search(before) or _EN_BASELINE_BEFORE.search(before.lower()))


def _next_list_line(doc: _Doc, previous: FigureMention, figure: FigureMention) -> bool:
    """Whether ``figure`` is labelled "Total investment:" on the line after ``previous``."""
    line = doc.line_start(figure.number_start)
    between = doc.text[previous.number_end : line]
    return (
        bool(_EN_VALUE_LABEL.search(doc.text, line, figure.number_start))
        and between.count("\n") <= 2
        and not _FULL_STOPS.search(between)
    )


def _total_of(reading, figure, last_count, last_projects) -> FigureMention | None:
    """The count a part belongs to: the last count, or for a part of projects (and for "Of the
    36 deals, 22 …", which points back) the last count of projects."""
    own = figure.counted.lower()
    projects = _PROJECTISH.search(own) if own else reading.partitive == _BACK
    return (last_projects or last_count) if projects else last_count


def _under_breakdown_opener(doc: _Doc, position: int) -> bool:
    """Whether the line holding ``position`` opens with a breakdown (分领域看，"By sector,")
    and no full stop comes between it and ``position``."""
    line = doc.line_start(position)
    opener = _BREAKDOWN_OPENING.match(doc.text, line)
    return opener is not None and not _FULL_STOPS.search(doc.text, opener.end(), position)


def _is_part(
    doc: _Doc, reading, figure: FigureMention, total: FigureMention, since: FigureMention
) -> bool:
    """Whether a count is a part of ``total``, named near enough after ``since`` (the total, or
    the part before it in a list of parts)."""
    sentence = doc.sentence(figure.number_start)
    part = (
        reading.partitive
        or "category" in figure.subset
        or _PARTITIVE_LEAD.search(doc.text, sentence[0], figure.number_start)
        or _BREAKDOWN_LABEL.match(_zh_line_label(doc, figure.number_start))
        # 新能源及新材料项目9个 after 签约项目21个: a kind of the projects just counted
        or (
            _PROJECTISH.search(figure.counted.lower() or "-")
            and _PROJECTISH.search(total.counted.lower() or "-")
            and figure.value < total.value
        )
    )
    if _EACH_WORTH.match(doc.text, reading.span_end):
        return False  # "nine of them were each worth more than …": a size, not a kind
    if not part or _THRESHOLD_PART.search(
        doc.text, max(sentence[0], min(figure.start, figure.number_start - 14)), figure.number_end
    ):
        return False  # 其中亿元以上项目34个: the projects above a size, not a part of a kind
    between = doc.text[since.number_end : figure.number_start]
    stops = len(_FULL_STOPS.findall(between))
    return (
        ("\n" not in between and stops <= 2)
        # 分领域：工业项目17个… a few bulletin lines under 签约项目：共计32个
        or (
            between.count("\n") <= 3
            and bool(_BREAKDOWN_LABEL.match(_zh_line_label(doc, figure.number_start)))
        )
        or (reading.partitive == _BACK and stops <= 6)
        # "Of these, nine port projects …" opening a later paragraph points back as surely
        or (
            stops <= 6
            and bool(_OPENING_LEAD.match(doc.text, sentence[0]))
            and bool(_PROJECTISH.search(figure.counted.lower() or "-"))
        )
        # 分领域看，新材料项目16个；高端装备项目13个 opens the paragraph after the total's: each
        # clause of that sentence, up to its full stop, is a kind of the projects counted
        or (
            stops <= 6
            and between.count("\n") <= 4
            and _under_breakdown_opener(doc, figure.number_start)
            and bool(_PROJECTISH.search(figure.counted.lower() or "-"))
        )
        # 从结构看，这批项目中工业项目6个 opens the next paragraph: "these projects" points back.
        or (
            stops <= 2
            and between.count("\n") <= 2
            and bool(_BACK_REFERENCE.search(doc.text, sentence[0], figure.number_start))
        )
    )


# Figures restated together after 分别 / before "respectively" ("这两个数字分别增至14个和21.7
# 亿元", "rose to 14 and 2.17 billion yuan respectively"): each measures what the figure of its
# unit, in the same order, measured just before.
_ZH_RESPECTIVELY_BEFORE = re.compile(
    r"分别(?:增至|增长到|增加到|提高到|提升到|升至|上升到|达到|达|为|是|降至|减少到|下降到|回落到)?\s*$"
)
_RESPECTIVELY_AFTER = re.compile(r"\s*,?\s*respectively(?![a-z])")
_EN_RESPECTIVE_COUNT = re.compile(
    r"(?:\s*,)?\s+and\s+(?:[^.;]|\.(?=[0-9])){0,40}?respectively(?![a-z])"
    r"|\s*,?\s*respectively(?![a-z])"
)
_JOINED = re.compile(r"\s*(?:和|及|与|、|,|，|and(?![a-z])|,\s*and(?![a-z]))\s*")
_RESTATED_METRICS = frozenset(
    {"signed_count", "signed_value", "funds_in_place", "indicator_value", "pipeline_count"}
    | {"participant_count", "organization_count", "event_count"}
)


def _respective(doc: _Doc, figures: list[FigureMention]) -> list[FigureMention]:
    """Figures of a 分别 / "respectively" list that no words of their own name take, unit by
    unit and in order, the metrics of the figures before them in the same or the sentence
    before."""
    for group in _respective_groups(doc, figures):
        first = figures[group[0]]
        sentence_start = doc.sentence(first.number_start)[0]
        low = doc.sentence(max(0, sentence_start - 1))[0]
        earlier = [
            f
            for f in figures
            if low <= f.number_start < first.number_start and f.metric in _RESTATED_METRICS
        ]
        for unit in ("count", "yuan"):
            mine = [i for i in group if figures[i].unit == unit]
            before = [f for f in earlier if f.unit == unit][-len(mine) :] if mine else []
            if len(before) != len(mine):
                continue
            for index, model in zip(mine, before, strict=True):
                if figures[index].metric == "other":
                    figures[index] = dataclasses.replace(figures[index], metric=model.metric)
    return figures


def _respective_groups(doc: _Doc, figures: list[FigureMention]) -> list[list[int]]:
    """Index runs of figures joined by 和 / "and" that open after 分别 or close before
    "respectively"."""
    groups, run = [], []
    for index, figure in enumerate(figures):
        joined = run and _JOINED.fullmatch(
            doc.text, figures[run[-1]].number_end, figure.number_start
        )
        if run and not joined:
            groups.append(run)
            run = []
        run.append(index)
    if run:
        groups.append(run)
    t = doc.text
    return [
        run
        for run in groups
        if _ZH_RESPECTIVELY_BEFORE.search(
            t, max(0, figures[run[0]].number_start - 8), figures[run[0]].number_start
        )
        or _RESPECTIVELY_AFTER.match(t, figures[run[-1]].number_end)
    ]


def _sentences_between(doc: _Doc, start: int, end: int) -> int:
    return bisect.bisect_left(doc.sentence_ends, end) - bisect.bisect_left(doc.sentence_ends, start)


# A headline may exclaim or ask on the way ("越来越近！…签约38亿元"): short, and not ending as
# a sentence does.
def _exclaimed_headline(line: str) -> bool:
    stripped = line.rstrip()
    return len(stripped) <= 60 and stripped[-1:] not in "。.;；"


_HEADLINE_END = re.compile(r"[。！？!?;；]|\.(?:\s|$)")


def _without_headline_repeats(doc: _Doc, figures: list[FigureMention]) -> list[FigureMention]:
    """A headline (or subtitle) repeats a figure of the story: 56个项目落户冰城 over 共签约项目56
    个. The heading lines are the text's first lines without a sentence end; a figure in them
    whose value and unit the story states again is dropped, the story's own kept."""
    t = doc.text
    heading_end = 0
    while True:
        line_end = t.find("\n", heading_end)
        line = t[heading_end : line_end if line_end >= 0 else len(t)]
        if len(line) > 120 or (_HEADLINE_END.search(line) and not _exclaimed_headline(line)):
            break
        if line_end < 0:
            return figures  # headings only: nothing to repeat
        heading_end = line_end + 1
    if heading_end == 0:
        return figures
    told: dict[tuple, set[str]] = {}
    for f in figures:
        if f.number_start >= heading_end:
            told.setdefault((f.value, f.unit), set()).add(f.metric)

    def repeated(f: FigureMention) -> bool:  # the same figure, unless the metrics differ
        metrics = told.get((f.value, f.unit), set())
        if metrics:
            return f.metric in metrics or "other" in metrics | {f.metric}
        return any(
            (rounds_to(f, value) if f.qualifier == "exact" else close_to(f, value))
            and f.metric in metrics
            for (value, unit), metrics in told.items()
            if unit == f.unit
        )

    def rounds_to(f: FigureMention, value: Decimal) -> bool:
        """签约38亿元 over 签约金额38.26亿元: the story's figure, rounded as the headline's."""
        if not value or f.value <= 0 or f.unit != "yuan" or value == f.value:
            return False
        step = Decimal(1).scaleb(f.value.normalize().as_tuple().exponent)
        return value.quantize(step, rounding=ROUND_HALF_UP) == f.value

    def close_to(f: FigureMention, value: Decimal) -> bool:
        """签约逾40亿元 over 签约总额42.6亿元: a headline rounds what the story states."""
        if not value or f.value <= 0:
            return False
        ratio = value / f.value
        if f.qualifier in ("more_than", "at_least"):
            return 1 <= ratio <= Decimal("1.25")
        if f.qualifier == "at_most":
            return Decimal("0.8") <= ratio <= 1
        return Decimal("0.85") <= ratio <= Decimal("1.15")  # approximate

    return [f for f in figures if f.number_start >= heading_end or not repeated(f)]


# A sentence listing targets after a colon (主要预期目标是：…，…，新签约项目不少于40个): every
# clause after the colon is a target, not only the first.
_TARGET_LIST = re.compile(
    r"目标(?:是|为)?\s*[:：]|(?<![a-z])(?:targets?|goals?|objectives?)(?:\s+(?:are|is|include))?\s*:"
)


# 力争 / 争取 opening a sentence's goals, which the clauses after it go on listing …
_STRIVE = re.compile(r"力争|争取")
# … unless a clause reports what was done
_DONE = re.compile(r"已|实现了|完成了|达到了|目前")


# Projects still to sign, said after the number.
_TO_BE_SIGNED = re.compile(
    r"(?<![a-z])(?:to|could|would|may|might)\s+be\s+(?:signed|inked|sealed)(?![a-z])"
)

_FULL_STOP = re.compile(r"[。！？!?\n]|\.(?:\s|$)")


def _full_stop_before(text: str, start: int) -> int:
    """The start of the full sentence around ``start``: back past semicolons to the last full
    stop or line break."""
    window = max(0, start - 400)
    stops = [m.end() for m in _FULL_STOP.finditer(text, window, start)]
    return stops[-1] if stops else window


def _target(doc: _Doc, r: _Reading) -> bool:
    """A target or forecast: its clause, before the number, says 力争 or "will sign", or its
    sentence opens a list of targets with a colon."""
    sentence = doc.sentence(r.number_start)
    if _TARGET_LIST.search(doc.text, _full_stop_before(doc.text, sentence[0]), r.number_start):
        return True  # 主要预期目标是：…增长5.5%左右；引进项目1200个以上: the list goes on past ；
    clause_start = doc.clause(r.number_start)[0]
    if _STRIVE.search(doc.text, sentence[0], clause_start) and not _DONE.search(
        doc.text, clause_start, r.number_start
    ):
        return True  # 力争签约项目30个以上，到位资金增长10%以上: the goals go on
    clause = doc.clause(r.number_start)
    if _TO_BE_SIGNED.search(doc.text, *clause):
        return True  # "30 projects are due to be signed next week", "could be signed"
    first = doc.targets.get(clause[0])
    if first is None:
        found = _TARGET_WORDS.regex.search(doc.text, *clause)
        first = doc.targets[clause[0]] = found.start() if found else clause[1]
    return first < r.span_start


def _value_of_target(doc: _Doc, r: _Reading, target: _Reading | None) -> bool:
    """An amount in the clause right after a count of projects still to come, in the same
    sentence, with nothing said to be done between them (有望签约项目12个，金额30亿元)."""
    if target is None or r.unit != "yuan" or target.unit != "count":
        return False
    if doc.sentence(target.number_start) != doc.sentence(r.number_start):
        return False
    if not _PROJECTISH.search(target.counted.lower() or "-"):
        return False
    between = doc.text[target.number_end : r.number_start]
    return len(between) <= 24 and not _DONE.search(between) and not _FULL_STOPS.search(between)


# ---------------------------------------------------------------------------- regex building


def _alternation(fragments: Iterable[str]) -> str:
    """Fragments as one alternation, grouped by first character, longest first within a group.

    Python's re tries alternatives one after another at every place; when each alternative
    starts with a literal character it first skips to the places holding one of those
    characters, and the grouping keeps the tries per place few. So every fragment must start
    with a literal character. Text is matched lower-cased; fragments starting with a-z are
    English words and get word boundaries (the first one as a look-behind after the letter,
    which keeps the literal first)."""
    groups: dict[str, list[str]] = {}
    for fragment in fragments:
        first = fragment[0]
        if first in "\\[](){}.*+?|^$" or fragment[1:2] in ("?", "*", "+", "{"):
            raise ValueError(f"a fragment must start with a literal character: {fragment!r}")
        english = "a" <= first <= "z"
        groups.setdefault(first, []).append(fragment[1:] + (r"(?![a-z])" if english else ""))
    parts = []
    for first, rests in groups.items():
        rests.sort(key=len, reverse=True)
        guard = rf"(?<![a-z]{first})" if "a" <= first <= "z" else ""
        parts.append(f"{re.escape(first)}{guard}(?:{'|'.join(rests)})")
    return "|".join(parts)


class _Vocabulary:
    """Words of several kinds in one fast regex, and the kinds of what it matched."""

    def __init__(self, table: Iterable[tuple[object, str | list[str]]], after: str = ""):
        """`table`: (kind, fragments) pairs; fragments are regexes (see _alternation), given as
        a list or as one string separated by single spaces (a regex's spaces are written \\s)."""
        table = [
            (kind, group.split(" ") if isinstance(group, str) else group) for kind, group in table
        ]
        fragments = [fragment for _kind, group in table for fragment in group]
        self.regex = re.compile(f"(?P<w>{_alternation(fragments)}){after}")
        self._patterns = [(re.compile(f), kind) for kind, group in table for f in group]
        self._kinds: dict[str, tuple] = {}

    def kinds(self, found: str) -> tuple:
        """The kinds of every fragment that matches all of `found`, in table order."""
        kinds = self._kinds.get(found)
        if kinds is None:
            kinds = tuple(kind for pattern, kind in self._patterns if pattern.fullmatch(found))
            if len(self._kinds) < 4096:
                self._kinds[found] = kinds
        return kinds


# ---------------------------------------------------------------------------- vocabulary

_FULLWIDTH = re.compile("[０-９％．]")
_ASCII = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": "."})
_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(65, 91)})

_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_DECIMALS = str.maketrans("零〇一二三四五六七八九", "00123456789")
_ARABIC = re.compile(r"[0-9][0-9]*(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?")
_CHINESE = re.compile(f"[{_CN_DIGITS}十百千万亿][{_CN_DIGITS}十百千万亿]*(?:点[{_CN_DIGITS}]+)?")
# What may follow a Chinese numeral that is a figure: measure words, 元, 多/余, 年, 倍, 地市 …
_CN_FOLLOWERS = set(
    "人个项家户批场次届名位件笔座所条台套份支处艘架辆款篇元多余年倍地市城省县万亿千百%成"
)

# English number words below a thousand ("thirty-two", "one hundred and five") and ordinals,
# read by hand: no installed library reads them.
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_EN_WORDS = (
    {"dozen": 12}  # "signed a dozen projects"
    | {word: n for n, word in enumerate(_ONES.split("|"), 1)}
    | {word: n for n, word in enumerate(_TEENS.split("|"), 10)}
    | {word: 10 * n for n, word in enumerate(_TENS.split("|"), 2)}
)
_ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
_EN_ORDINALS = {word: n for n, word in enumerate(_ORDINALS.split("|"), 1)}
_BELOW_100 = rf"(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|{_ONES}|(?<=a )dozen"
_EN_NUMBER = re.compile(
    rf"(?:(?:{_ONES})[- ]hundred(?:[- ](?:and[- ])?(?:{_BELOW_100}))?|{_BELOW_100})(?![a-z])"
)
# Number words start the text or follow a space or a bracket: a regex that starts with a set of
# a few characters is quick.
_EN_NUMBER_AT = re.compile(f"(?P<w>{_alternation([*_EN_WORDS, *_EN_ORDINALS])})")
_EN_NUMBER_START = re.compile(rf"[\s(“\"'‘/]{_EN_NUMBER_AT.pattern}")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![a-z])")

_QUOTES_OPEN = "“\"「『《‘'"
_QUOTES_CLOSE = "”\"」』》’'"
_MONTH = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_UNIT_FACTOR = dict(_MONEY_UNITS)  # core.parsing's: 亿元 → 1e8, billion → 1e9 …

# Results to come, not results: 力争, 预计, "plans to sign", "will sign" ("will be" is not one:
# translations put past figures in it).
_TARGET_WORDS = _Vocabulary(
    [
        (
            "target",
            r"力争 争取 确保 预计(?!总?投资) 预期 有望 计划再?(?:签约|引进|举办|新签|实现|完成) "
            r"计划在[^，。；]{1,8}?(?:签约|引进|举办|新签) "
            r"目标(?:是|为) "
            # 目标签约项目40个, 拟于下月签约, 将推动签约项目30个以上: still to come
            r"目标(?:签约|新签|引进|举办) 拟于[^，。；]{1,8}?(?:签约|引进|举办|新签) "
            r"将(?:推动|促成|力促|争取) "
            r"拟(?:签约|引进|举办) 将(?:签约|签订|引进|举办) plans?\s+to(?!\s+invest) "
            r"planned\s+to(?!\s+invest) aims?\s+to aiming\s+to hopes?\s+to hoping\s+to "
            r"seeks?\s+to intends?\s+to striving\s+to looking\s+to wants?\s+to "
            r"calls?\s+for\s+(?:signing|attracting|introducing|holding) "
            r"strives?\s+to is\s+(?:expected|set|scheduled)\s+to expects?\s+to targets? goals? "
            r"objectives? "
            r"are\s+(?:expected|set|scheduled)\s+to "
            r"will\s+(?:sign|hold|host|introduce|attract|organi[sz]e|launch|build) "
            r"would\s+(?:sign|hold|host|introduce|attract|organi[sz]e|launch|build) "
            # "organizers expect deals worth more than …": deals to come
            # ("expect more than 50 deals to be signed": the number among the words)
            r"expect(?:s|ed|ing)?\s+(?:[a-z0-9,.-]+\s+){0,4}?"
            r"(?:deals|projects|contracts|agreements|signings)"
            r"(?![a-z]) anticipat(?:es?|ed|ing)\s+(?:[a-z0-9,.-]+\s+){0,4}?"
            r"(?:deals|projects|contracts|agreements|signings)(?![a-z])",
        )
    ]
)

# Qualifier words just before a number (or its currency) and just after its unit.
_QUALIFIERS_BEFORE = _Vocabulary(
    [
        ("at_least", r"不少于 不低于 至少 最少 起码 at\s+least a\s+minimum\s+of"),
        ("at_least", r"no\s+(?:less|fewer)\s+than not\s+(?:less|fewer)\s+than"),
        # (not "the deals add up to …": a sum, exact)
        (
            "at_most",
            r"不超过 不高于 不多于 最多 至多 不足 不到 少于 低于 at\s+most "
            r"up\s+to(?<!add\sup\sto)(?<!adds\sup\sto)(?<!added\sup\sto)(?<!adding\sup\sto)",
        ),
        ("at_most", r"no\s+more\s+than not\s+more\s+than a\s+maximum\s+of less\s+than"),
        ("at_most", r"fewer\s+than under below"),
        ("more_than", r"超过 超出 突破 高于 多于 逾 超(?<!赶超) more\s+than over above"),
        ("more_than", r"exceeding in\s+excess\s+of upwards\s+of greater\s+than"),
        ("approximate", r"将近 接近 大约 大概 约为 约(?<![签合协节契制预邀公条规相]约)"),
        ("approximate", r"近(?<![最附邻靠将接逼临就]近) nearly almost about around"),
        ("approximate", r"approximately roughly some close\s+to approx\."),
        ("exact", r"达到 高达 多达 共计 合计 总计 累计 达 共 a\s+total\s+of totall?ing reaching"),
    ],
    after=r"\s*$",
)
_QUALIFIER_AFTER = re.compile(
    r"\s*(?:(?P<approximate>左右|上下|or\s+so(?![a-z]))"
    # (not "… yuan and more than 200 guests": the next figure's qualifier)
    r"|(?P<at_least>及以上|或以上|(?:or|and)\s+(?:more|above|over)(?![a-z])(?!\s+(?:than|\d)))"
    r"|(?P<more_than>以上)"
    r"|(?P<at_most>及以下|以下|以内|or\s+less(?![a-z])|or\s+fewer(?![a-z])))"
)

_PERCENT_AFTER = re.compile(
    r"\s?(?:%|个百分点|(?:percent|per\s?cent|pct|percentage\s+points?)(?![a-z]))"
)
_TIMES_AFTER = re.compile(r"倍")
_GROWTH_VERB_BEFORE = re.compile(r"(?:增长|增加|提高|提升|上升|上涨|翻)了?\s*$")

_ZH_YEARS_AFTER = re.compile(r"(?P<mid>多)?年(?P<mid2>多)?(?P<tail>以来|来|间|里|中)?")
_ZH_YEARS_OF_PAIRING = re.compile(r"(?:走过|已有|整整|已经有)(?:了)?$")
_COOPERATION = re.compile(r"对口|合作|协作|帮扶|援|结对")
_ZH_YEARS_BEFORE = re.compile(r"(?:过去|连续|最近|这|近)的?$")
_EN_DECADES_AFTER = re.compile(r"\s+decades?(?![a-z])")
_EN_YEARS_AFTER = re.compile(r"\s+(?:(?:consecutive|straight|successive)\s+)?years?(?![a-z])")
_PAST = r"the\s+(?:past|last|previous)"
_EN_YEARS_BEFORE = _Vocabulary(
    [("years", [*(rf"{w}\s+{_PAST}" for w in ("over", "in", "for", "during")), _PAST, "for"])],
    after=r"\s+$",
)

_ZH_RANK_CUE = re.compile(
    r"(?:位列|位居|排名|名列|排在|居于|排位|位次|居|排|列)[^，。；！？,;\s\d第]{0,14}$"
)
# The first place without a numeral: 居全省首位, 位居榜首, "the largest source of investment".
_TOP_PLACE = re.compile(
    r"首位|榜首|(?:l(?<![a-z-]l)argest|b(?<![a-z-]b)iggest)(?=\s+(?:[a-z-]+\s+){0,2}?(?:source"
    r"|investor|contributor|trading\s+partner)s?(?![a-z]))"
)
# A rank among regions is a region's rank (README: source_rank), whatever is ranked.
_AMONG_REGIONS = re.compile(
    r"among\s+(?:all\s+)?(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?:provinces|cities|regions|prefectures"
    r"|counties|municipalities|districts|sources)|in\s+the\s+(?:province|country|nation)"
    r"|全省|全国|全市|各市|各省|各地|省内|国内|地市|城市|省份|省区|来源"
)
_ZH_RANK_AFTER = re.compile(r"[位名]")
_EN_RANK_BEFORE = _Vocabulary(
    [("rank", r"rank(?:s|ed|ing)? placed placing came coming stood standing")],
    after=r"\s+(?:(?:no\.|number)\s*)?(?:the\s+)?$",
)
_EN_RANK_AFTER = re.compile(
    r"(?:(?:[- ](?:place|largest|biggest|highest))?\s+"
    r"(?:among|in\s+the\s+(?:country|nation|province))"
    r"|[- ](?:largest|biggest)\s+(?:source|contributor|investor))(?![a-z])"
)

# Money. A multiplier without 元 (5000万) is money only where the clause speaks of money or
# nothing else follows it; other currencies are read (so that their numbers are not counts)
# and dropped: the product converts currencies elsewhere.
_ZH_MONEY_AFTER = re.compile(
    r"(?P<mid>多|余)?(?P<mult>万亿|亿|千万|百万|万|千)?(?P<mid2>多|余)?(?P<yuan>元)?(?:人民币)?"
)
_FOREIGN_AFTER = re.compile(
    r"\s*(?:美元|美金|港元|港币|欧元|日元|英镑|卢布|韩元|澳元|加元|新台币|泰铢|新加坡元"
    r"|(?:(?:us|u_s_|hong\s+kong|australian|canadian|singapore)\s+)?dollars?(?![a-z])"
    r"|(?:euros?|pounds?|yen|roubles?|rubles?|usd|hkd|eur|gbp|jpy|rub)(?![a-z]))"
)
_NOT_MONEY_AFTER_MULT = re.compile(
    r"人|吨|平|亩|公|千米|米|户|家|个|项|名|次|头|只|台|辆|件|套|株|册|瓦|度|立方|张|份|条|年|倍"
)
_ZH_MONEY_CUE = re.compile(
    r"资金|投资|金额|签约额|总额|资本|融资|收入|营收|利润|产值|贸易|进出口|出口|进口|销售|税"
    r"|生产总值|gdp|元"
)
_ZH_COUNT_CUE = re.compile(r"人数|人次|数量|次数|观众|游客|粉丝|浏览|点击|观看|阅读|用户|人口")
_CURRENCY_BEFORE = re.compile(
    r"(?:(?P<yuan>rmb|cny|¥|￥|人民币)"
    r"|(?P<foreign>us\$|u_s_\s?\$|hk\$|a\$|c\$|s\$|nt\$|\$|usd|hkd|eur|gbp|jpy|rub|€|£))\s*$"
)
_EN_SCALE_AFTER = re.compile(
    r"\s?(?P<scale>trillion|billion|million|thousand|bn|mln|mn|m|k)(?![a-z])"
)
_EN_SCALE_KEYS = {"mln": "mn"}  # core.parsing's names for the scales
# What a bound defines: "projects of 10 million yuan and above", "firms above 5 million yuan".
_EN_THRESHOLD_BEFORE = re.compile(
    # ("projects, with total investment of more than 160 billion yuan": a total, not a bound)
    r"(?<![a-z])(?:projects?|enterprises?|companies|firms|ones"
    r"|(?<!total\s)(?<!combined\s)(?<!overall\s)investments?)\s+"
    r"(?:(?:each\s+)?(?:of|above|over|with\s+(?:an?\s+)?(?:total\s+)?investments?\s+of)\s+)"
    r"(?:(?:more\s+than|over|above|at\s+least)\s+)?$"
    # "nine of them were each worth more than 1 billion yuan": a size, the nine are counted by it
    r"|(?<![a-z])each\s+(?:worth|valued\s+at)\s+(?:(?:more\s+than|over|above|at\s+least)\s+)?$"
)
_EACH_AFTER = re.compile(r"\s+(?:each|apiece)(?![a-z])")
_EXCEED_BEFORE = re.compile(r"(?<![a-z])(?:exceed(?:s|ed|ing)?|top(?:s|ped)?)\s+$")
_EN_YUAN_AFTER = re.compile(r"\s*(?:yuan|renminbi|rmb|cny)(?![a-z])")
_EN_MONEY_CUE = _Vocabulary(
    [
        ("money", r"capital invest\w* funds? funding financ\w* contract\w* worth valued? trade"),
        ("money", r"exports? imports? gdp revenue output sales turnover yuan rmb cny renminbi"),
        ("money", r"loans?"),
    ]
)

# Counts: a measure word after the number, a counted noun, or "a total of N".
_ZH_COUNT_AFTER = re.compile(
    r"(?P<mult>万|亿)?(?P<mid>多|余)?"
    r"(?P<mw>人次|个|项|家|户|批|场|次|届|名|位|人|件|笔|座|所|条|台|套|份|支|处|艘|架|辆|款|篇)"
)
_ZH_DIRECT_NOUN = re.compile(
    r"(?P<mid>多|余)?(?P<noun>地市|市地|城市|省份|省区|县市|县区|市州|市县)"
)
# "这两个数字分别…", 两项指标均…: the figures themselves, what is said of them follows
_ZH_FIGURES_NAMED = re.compile(r"(?:主要)?(?:数字|指标|数据|数值)(?=分别|均|都|已|较|同比|[，,])")
_ZH_NOT_COUNTED_AFTER_GE = re.compile(r"月|小时|工作日|星期|季度|百分点|亿|万")
_ZH_NOUNS = (
    "项目|大单|企业|公司|集团|地市|市地|城市|专班|活动|推介会|招商会|洽谈会|对接会|座谈会|会议|论坛"
    "|展会|协议|合同|园区|商协会|商会|协会|机构|单位|部门|嘉宾|客商|代表|人员|干部|专家|国家|地区"
    "|省份|团组|线索|平台|基地|客户|游客|展商|采购商|投资者|企业家|批次|场次"
)
_ZH_NOUN = re.compile(_ZH_NOUNS)
_ZH_NOUN_BEFORE = re.compile(
    # 合作项目（协议）21个: a gloss in brackets after the noun
    rf"(?P<noun>{_ZH_NOUNS})(?:[（(][^（）()，。]{{1,8}}[）)])?(?:总数|数量|个数|家数|数)?(?:落地|落户|入驻)?"
    r"(?:共计|合计|累计|共)?(?:达到|达|为|有|增至|增加到)?\s*$"  # 企业累计达到58家
)
_EVENT_MEASURES = {"场", "次", "届"}
_EN_NOUNS = (
    r"projects?|enterprises?|compan(?:y|ies)|firms?|businesses|business|events?|activities"
    r"|meetings?|conferences?|forums?|roadshows?|fairs?|exhibitions?|agreements?|contracts?"
    r"|deals?|mous?|cities|city|prefectures?|provinces?|counties|county|districts?|countries"
    r"|country|task\s+forces?|teams?|delegations?|participants?|people|persons?|guests?"
    r"|representatives?|delegates?|visitors?|experts?|investors?|entrepreneurs?"
    r"|associations?|chambers?(?:\s+of\s+commerce)?|organi[sz]ations?|institutions?|parks?"
    r"|universities|schools?|hospitals?|jobs?|batch(?:es)?|items?|leads?|clues?|tourists?"
    r"|exhibitors?|buyers?|merchants?|attendees?|members?|groups?|departments?|agencies"
    r"|officials?|leaders?|visits|exchanges|trips"
)
_EN_STOP = (
    r"of|in|the|a|an|and|or|to|were|was|is|are|be|been|with|for|by|from|at|on|as|that|which"
    r"|this|these|those|have|has|had|will|would|than|more|over|about|per|percent|cent|yuan"
    r"|years?|months?|days?|times|its|their|his|her|our|ago|old"
)
_EN_COUNT_AFTER = re.compile(
    r"(?P<odd>-odd)?(?:\s+(?P<scale>million|billion|thousand))?"
    # "signed 5 more projects", "Ten more deals were inked" (not "5 more than …")
    r"(?:\s+more(?!\s+than)(?![a-z]))?"
    rf"(?P<mid>(?:\s+(?:and\s+)?(?!(?:{_EN_STOP})(?![a-z]))[a-z][a-z'-]*){{0,3}}?)"
    rf"\s+(?P<noun>{_EN_NOUNS})(?![a-z-])"
)
_EN_OF_THE = re.compile(
    # "Seven of the deals", "Eight of the 58 projects": the total restated before the noun
    # "6 of the conference's projects": the event's projects
    rf"\s+of\s+(?:the|these|those)\s+(?:[0-9][0-9,]*\s+)?(?:[a-z-]+(?:'s|’s)?\s+)?"
    rf"(?P<noun>{_EN_NOUNS})"
    r"(?![a-z-])"
)
_EN_REFERENCE_BEFORE = re.compile(r"(?<![a-z])(?:of|among)\s+(?:the|these|those|all)\s+$")
_EN_OF_THEM = re.compile(
    r"\s+of\s+(?:them|these|those)(?![a-z])|\s+of\s+the\s+[0-9]+(?![0-9]|[.,][0-9])"
    # "Industrial projects made up 26 of the total": a part of the total just counted
    r"|\s+of\s+the\s+total(?![a-z])(?!\s+(?:value|amount|investment|of|[0-9]))"
)
_EN_NOUN_BEFORE = re.compile(rf"(?<![a-z])(?P<noun>{_EN_NOUNS})(?![a-z-])")
_A_TOTAL_OF = re.compile(r"a\s+total\s+of")
# A part of a total just given, its noun left out: "of which 12 were signed on site", "Among
# them, 14 were industrial projects", "of which nearly 70 are from Tianjin".
_PARTITIVE_LEAD = _Vocabulary(
    [
        (
            "part",
            r"of\s+(?:which|whom|these|them|those|the\s+[0-9a-z-]+) including include[sd]? "
            r"其中 项目中 another the\s+remaining the\s+other the\s+rest\s+of "
            r"among\s+(?:them|these|those|which|whom|the\s+[0-9a-z]+)",
        )
    ]
).regex
# Amounts intended or planned, not contracted (意向投资额, "plans to invest").
# (计划总投资 of the projects just signed is their contract value: not here.)
_INTENDED = re.compile(r"意向|拟|预计|plan|intend|expect|will")
_THRESHOLD_PART = re.compile(
    # 亿元以上项目; words may stand between the size and the noun: 亿元以上京津项目,
    # 亿元以上制造业项目
    r"(?:亿|万)元(?:及|或)?以上(?:的)?(?:[\u4e00-\u9fff]{0,5}?(?:项目|企业)|有|为|共)"
    r"|(?:超|超过|逾)[0-9.十百千]*(?:亿|万)元(?:的)?(?:[\u4e00-\u9fff]{1,4}?)?项目"
    r"|(?<![a-z])(?:above|over|exceeding|of\s+at\s+least)\s+(?:rmb\s*|cny\s*)?[0-9.,]+\s*"
    r"(?:million|billion|bn|m)?\s*(?:yuan)?"
)
# A sentence opening on the dimension it breaks the projects just counted down by: 分领域看，
# 从来源地看，按行业分，从投资来源来看; "By sector, …", "By source of investment, …".
_BREAKDOWN_DIMENSION = (
    r"(?:[\u4e00-\u9fff]{0,4}?(?:类别|类型|结构|行业|产业|领域|构成|分布|来源地|来源|地区|区域|地域"
    r"|板块|方向))"
)
_BREAKDOWN_OPENER = (
    rf"(?:从|分|按){_BREAKDOWN_DIMENSION}(?:来?看|划分|分)[，,：:]"
    r"|by\s+(?:sector|industry|type|category|field|source(?:\s+of\s+investment)?|region|origin)"
    r"\s*,"
)
_BREAKDOWN_OPENING = re.compile(rf"[ \t\u3000]*(?:{_BREAKDOWN_OPENER})", re.IGNORECASE)
# "Of these, …", 其中，…: a sentence opening by pointing back at what was just counted, even
# from the next paragraph.
_OPENING_LEAD = re.compile(
    rf"\s*(?:(?:of|among)\s+(?:these|them|those)\s*,|其中[，,]|{_BREAKDOWN_OPENER})"
)
_BACK = "back"  # a part named by pointing back ("Seven of the deals"), however far
_FULL_STOPS = re.compile(r"[。！？!?]|\.(?![0-9])")
# Words that point back to the projects just counted, across a paragraph's end.
_BACK_REFERENCE = re.compile(
    r"这批|这些|上述|此次签约|本次签约|签约项目中"
    # 从产业类别看，工业项目31个: a breakdown of the projects just counted, by kind
    r"|从[^，。；\n]{0,8}(?:类别|类型|结构|行业|产业|领域|构成|分布)[^，。；\n]{0,3}看"
    r"|(?<![a-z])(?:these|the\s+signed)\s+(?:projects|deals|agreements|contracts)(?![a-z])"
    r"|(?<![a-z])(?:they|these|which)\s+include(?![a-z])"
    r"|(?<![a-z])by\s+(?:sector|industry|type|category)(?![a-z])"
)
_EN_PARTITIVE_AFTER = re.compile(
    r"\s+(?:were|are|was|is|have\s+been|had\s+been|involve[sd]?|cover(?:s|ed)?|concern)(?![a-z])"
    rf"(?:\s+(?:[a-z-]+\s+){{0,3}}?(?P<noun>{_EN_NOUNS})(?![a-z-]))?"
)
# A sentence opening on the signed projects it divides: "Of the 40 projects signed, 12 …",
# "Among the deals inked at the fair, 9 …"
_OF_THE_SIGNED = re.compile(
    r"\s*(?:of|among)\s+the\s+(?:[0-9a-z-]+\s+){0,4}?(?:projects|deals|agreements|contracts)"
    r"\s+(?:signed|inked|sealed|clinched|concluded)(?![a-z])[^,;.]{0,40},\s*"
)
_PROJECTISH = re.compile(
    r"项目|协议|合同|大单|(?<![a-z])(?:projects?|agreements?|contracts?|deals?)(?![a-z])"
)
_PARTICIPANTS = re.compile(
    r"嘉宾|客商|代表|参会|(?<![a-z])(?:participants?|attendees?|guests?|delegates?|exhibitors?"
    r"|visitors?|representatives?|entrepreneurs?)(?![a-z])"
)
_PLACES = re.compile(
    r"地市|市地|城市|省份|(?<![a-z])(?:cities|prefectures|provinces|counties|districts)(?![a-z])"
)
_EVENTISH = re.compile(
    r"活动|推介会|招商会|洽谈会|对接会|座谈会|会议|论坛|展会|场次|(?<![a-z])(?:events?|activities"
    r"|meetings?|conferences?|forums?|roadshows?|fairs?|exhibitions?|visits|exchanges|trips)"
    r"(?![a-z])"
)

# Numbers that are not quantities: codes, dates, times, ranges, list positions, names.
_YEAR_LABEL_BEFORE = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}\s*[:：]\s+$")
_RANGE_BEFORE = re.compile(r"[0-9]\s*[-/:.~～—–至到]\s*$")
_AFTER_NOT_A_QUANTITY = re.compile(rf"\s*[-/:~～—–]\s*[0-9]|\s+(?:{_MONTH})(?![a-z])")
_WORDS_BEFORE_NOT_A_QUANTITY = _Vocabulary(
    [
        ("no", r"top fortune no\. number room tel\.? phone fax page article section chapter"),
        ("no", [r"grade", *(rf"{month}\.?" for month in _MONTH.split("|"))]),
    ],
    after=r"\s*$",
)
_EN_RANGE_BEFORE = re.compile(rf"(?<![a-z])(?:{_ONES}|{_TEENS}|{_TENS}|[0-9]+)\s+(?:or|to)\s+$")
_YEAR_LIKE = re.compile(r"(?:19|20)[0-9][0-9]")
_YEAR_LIKE_BEFORE = _Vocabulary(
    [("in", "in since by of from to until before after during")], after=r"\s+$"
)
_EN_DEFINITE_BEFORE = _Vocabulary(
    [("the", "the these those all both its their our his her")], after=r"\s+$"
)

# Cue words of metrics, subsets and totals: each fragment's kinds say what it is evidence of.
_CATEGORIES = {
    "industrial": (
        # the manufacturing industries by name count as industrial too (corpus labels)
        "工业 制造业 先进制造业 先进制造 制造 装备制造 新能源 新材料 生物医药 清洁能源 "
        "纺织服装 电子信息 产业类 集成电路 半导体 人工智能 精细化工 化工 汽车零部件 新能源汽车 "
        "高端装备 智能制造",
        r"industrial manufacturing new\s+energy new\s+materials? biomedicine "
        r"textiles? garments? solar equipment electronics integrated\s+circuits? "
        r"semiconductors? chemicals? auto\s+parts",
    ),
    "service": ("现代服务业 服务业 航运", r"services? service-sector service\s+industry"),
    "agricultural": (
        "现代农业 农业 农牧业 农牧 农产品 农副产品",
        r"agricultural agriculture agri-food farming",
    ),
    "infrastructure": ("基础设施 基建", r"infrastructure"),
    "tourism": ("文化旅游 文旅 旅游", r"cultural\s+tourism tourism tourist"),
    "trade": ("商贸 贸易", r"trade commerce commercial"),
}
# "seven in advanced manufacturing and four in agriculture": a bare part named by its sector.
_EN_IN_SECTOR = re.compile(
    r"\s+(?=in\s+(?:[a-z-]+\s+){0,2}?(?:"
    + "|".join(word for _, en in _CATEGORIES.values() for word in en.split())
    + r")(?![a-z]))(?P<noun>(?!))?"
)
# A province's one-character abbreviation then 资, as capital from it: 沪资, 浙资, 京津资.
_PROVINCES_ONE_CHARACTER = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川黔滇藏陕甘青宁港澳台"
_PROVINCE_CAPITAL = rf"[{_PROVINCES_ONE_CHARACTER}]{{1,3}}资(?![源格质料产本讯助])"
_CONTRACT_VALUE = r"contract(?:ed|ual)?\s+(?:value|amount|investment)(?:\s+of)?"
_CUES = _Vocabulary(
    [
        (
            frozenset({"on_site", "signed"}),
            r"现场签约 现场签订 现场签署 signed\s+on[-\s]site on[-\s]site\s+sign(?:ing|ed)? "
            r"signed\s+on\s+(?:the\s+)?stage signed\s+on\s+the\s+spot signed\s+at\s+the\s+venue "
            r"inked\s+on[-\s]site sealed\s+on[-\s]site concluded\s+on[-\s]site",
        ),
        *(
            (
                frozenset({f"category:{name}"}),
                # 文旅康养类项目: a second kind may stand between the category and 类
                [
                    rf"{word}(?:化|产业化|物流|康养|(?:产品)?(?:精深)?加工)?"
                    rf"(?:[\u4e00-\u9fff]{{1,2}}(?=类))?类?(?:合作)?项目"
                    for word in zh.split()
                ]
                + [rf"{word}\s+(?:cooperation\s+)?projects?" for word in en.split()]
                # "22 are in manufacturing", "Advanced manufacturing accounted for 15 of"
                + [rf"{verb}\s+in\s+{word}" for verb in ("are", "were") for word in en.split()]
                # "Eight of them concern advanced manufacturing", "five cover port logistics
                # and infrastructure", "Another nine involve agriculture"
                + [
                    rf"{verb}\s+(?:[a-z-]+\s+){{0,4}}?{word}"
                    for verb in (r"involve[sd]?", r"concern(?:s|ed)?", r"cover(?:s|ed)?")
                    for word in en.split()
                ]
                # "seven in advanced manufacturing"
                # "five in specialty farming": one word may qualify the sector
                + [rf"in\s+(?:[a-z-]+\s+)?{word}" for word in en.split()]
                + [rf"{word}\s+(?:accounted|account)\s+for" for word in en.split()]
                # "…, and cultural tourism for four": the verb left out
                + [rf"{word}\s+for" for word in en.split()],
            )
            for name, (zh, en) in _CATEGORIES.items()
        ),
        (
            frozenset({"signed_value"}),
            "签约额 签约金额 签约总额 签约资金 签约总投资 合同金额 合同总额 合同额 协议金额 "
            "协议引资额 协议引资 合同引资额 合同引资 "
            "协议总额 协议投资额 协议投资总额 协议总投资 合同投资总额 合同总投资 总金额 "
            # 签约项目计划总投资58亿元: what the projects signed plan to invest, their value (not
            # 未签约项目, nor 一个签约项目: one project's)
            "签(?<!未签)(?<!个签)约项目的?计划总?投资",
        ),
        (
            frozenset({"signed_value"}),
            [
                *(f"{lead}{_CONTRACT_VALUE}" for lead in (r"with\s+an?\s+(?:total\s+)?", "")),
                *(f"{lead}{_CONTRACT_VALUE}" for lead in (r"with\s+", r"an?\s+(?:total\s+)?")),
                rf"total\s+{_CONTRACT_VALUE}",
                r"with\s+an?\s+total\s+value\s+of",
                r"total\s+value\s+of",
                # the projects' (plural) total: "The nine deals carry a total investment of",
                # "signed 31 projects …, with total investment of"; one project's: _SINGLE_PROJECT
                r"combined\s+investment\s+of",
                # "secured 12 projects with investment of 3 billion yuan"
                r"with\s+investments?\s+of",  # (a single one's: "with an investment of")
                # "the value of the contracts reached …"
                r"value\s+of\s+(?:the\s+|these\s+)?(?:signed\s+)?(?:contracts|deals|agreements)",
                r"total\s+investment(?:\s+of)?",
                r"overall\s+investment\s+of",
                r"combined\s+value",
                r"price\s+tags?\s+of",  # "a combined price tag of"
                r"worth",
                r"valued\s+at",
                # "agreed investment of …" (协议投资额); "the agreements amount to …", "the
                # deals add up to …": the sum of what was signed
                r"agreed\s+(?:total\s+)?investment",
                # (the signed ones as the subject: not "exports under the trade agreements")
                *(
                    rf"{lead}\s+(?:[0-9]+\s+|{_BELOW_100}\s+)?"
                    r"(?:(?:signed|new|cooperation|investment|project)\s+)?"
                    r"(?:deals|contracts|agreements)(?:\s+signed)?(?:\s+[a-z-]+){0,3}?\s+"
                    r"(?:amount(?:s|ed)?\s+to|add(?:s|ed)?\s+up\s+to|total(?:s|led|ed)?)"
                    for lead in ("the", "these", "those", "their")
                ),
                r"totall?ing",
            ],
        ),
        (
            # Amounts that are neither signed nor in place: what a single project plans, what
            # is intended (意向) rather than contracted.
            frozenset({"other"}),
            r"意向投资额 意向投资 意向成交额 意向成交 意向签约额 意向金额 计划总投资 计划投资 "
            r"拟投资 预计总投资 预计投资 plans?\s+to\s+invest planned\s+to\s+invest will\s+invest "
            r"an\s+investment\s+of planned\s+(?:total\s+)?investment total\s+planned\s+investment "
            r"intended\s+investment intentional\s+(?:investment|deals?|transactions?)",
        ),
        (
            frozenset({"funds_in_place"}),
            r"到位资金 资金到位 实际到位 实际利用 实际投资额 实际投资 利用内资 利用外资 引进内资 "
            r"引进外资 引进资金 "
            r"利用[^，。；！？,;\s0-9]{0,8}?资金 使用[^，。；！？,;\s0-9]{0,8}?资金 "
            # 到位天津资金, 引进广东资金: the source named between the verb and 资金
            r"到位[^，。；！？,;\s0-9]{1,8}?资金 引进[^，。；！？,;\s0-9]{1,8}?资金 "
            # 到位沪资, 引进浙资: capital named by its source province's one-character
            # abbreviation and 资 alone (not 投资, 物资, 工资: their first character is no province)
            rf"到位{_PROVINCE_CAPITAL} 引进{_PROVINCE_CAPITAL} 引入{_PROVINCE_CAPITAL} "
            rf"利用{_PROVINCE_CAPITAL} 吸引{_PROVINCE_CAPITAL} "
            r"capital\s+(?:used|utili[sz]ed|in\s+place) "
            r"funds?\s+(?:actually\s+)?in\s+place paid-in "
            r"actually\s+(?:used|utili[sz]ed)\s+(?:[a-z]+\s+){0,3}?(?:capital|funds?) "
            r"received\s+(?:[a-z]+\s+){0,2}?(?:capital|funds) "
            r"introduced\s+(?:[a-z]+\s+){0,2}?(?:capital|funds) "
            r"attracted\s+(?:[a-z]+\s+){0,2}?(?:capital|funds) "
            r"of\s+(?:[a-z-]+\s+){0,2}?(?:capital|funds)(?:\s+from)? "
            r"of\s+investment\s+from actual\s+investment "
            r"invested(?!\s+(?:in(?![a-z])|enterprises|companies|firms|projects)) "
            r"used\s+(?:[a-z]+\s+){0,3}?(?:capital|funds?) "
            r"utili[sz]ed\s+(?:[a-z]+\s+){0,3}?(?:capital|funds?) "
            # said after the amount: "…, and 690 million yuan has already been put in place",
            # "2.08 billion yuan of that has arrived", "… is now in place"
            r"ha(?:s|ve|d)\s+(?:already\s+|now\s+|since\s+)?arrived "
            r"ha(?:s|ve|d)\s+(?:already\s+|now\s+)?been\s+(?:put\s+)?in\s+place "
            r"ha(?:s|ve|d)\s+(?:already\s+|now\s+)?been\s+(?:received|paid\s+in) "
            r"is\s+(?:already\s+|now\s+)?in\s+place are\s+(?:already\s+|now\s+)?in\s+place "
            r"was\s+(?:already\s+)?in\s+place were\s+(?:already\s+)?in\s+place",
        ),
        (
            frozenset({"indicator_value"}),
            r"进出口(?:总额|额)? 贸易(?:总额|额)? 外贸 出口额 出口 进口额 进口 地区生产总值 "
            r"生产总值 gdp 增加值 产值 营业收入 营收 零售总额 零售额 固定资产投资 销售额 销售收入 "
            r"注册资本 trade exports? imports? output revenue turnover retail\s+sales sales "
            # goods sold: 销售山南农特产品3.4亿元, "products sold to Shandong: 356 million yuan"
            r"销售[^，。；！？,;\s0-9]{0,10}?(?:产品|特产|商品) sold\s+to sold\s+in "
            r"registered\s+capital s(?:ell|old)\s+(?:[a-z-]+\s+){0,3}?worth",
        ),
        (
            frozenset({"pipeline_count"}),
            r"在谈 储备 线索 成形 洽谈中 正在洽谈 意向项目 达成(?:初步)?(?:合作|投资|签约)?意向 "
            # 待签约项目18个: awaiting their signing
            r"待签约 "
            r"实质性洽谈 洽谈阶段 意向书 意向协议 "
            r"深入洽谈 积极洽谈 "
            # 对接洽谈项目13个: projects discussed, not signed
            r"对接(?:洽谈)?(?:合作)?项目 洽谈(?:对接)?(?:合作)?项目 "
            r"preliminary\s+agreements? "
            r"pipeline under\s+negotiation reached\s+(?:cooperation\s+)?intentions? "
            r"letters?\s+of\s+intent "
            r"being\s+negotiated in\s+talks under\s+discussion "
            # "three more projects were put on the negotiation list"
            r"negotiation\s+list",
        ),
        (
            frozenset({"event"}),
            r"推介会 招商会 洽谈会 对接会 座谈会 论坛 活动 展会 events? activities roadshows? "
            r"fairs? forums?",
        ),
        (
            frozenset({"signed"}),
            r"签约 签订 签署 签下 落笔 signed signings signing sign inked clinched sealed struck "
            # "contracted projects numbered 40", "put pen to paper on eight projects"
            r"contracted put\s+pen\s+to\s+paper "
            # "agreements were concluded"; not "the fair concluded"
            r"were\s+concluded",
        ),
        (
            # What an event brought about, said of deals: "the fair yielded 22 deals",
            # "produced 16 contracts", 敲定合作项目9个. Read so only for counts of deals.
            frozenset({"yielded"}),
            r"敲定 促成 yield(?:s|ed)? produced? produces netted nets generated brokered "
            r"resulted\s+in "
            # "nine projects the companies agreed to build", "agreed to invest in 12 projects"
            r"agreed\s+to\s+(?:build|develop|launch|set\s+up|invest\s+in|carry\s+out)",
        ),
        (
            frozenset({"participant_count"}),
            r"参加 参会 参与 出席 齐聚 到会 到场 参展 与会 报名 接待 邀请 attended attending "
            r"attendees? participants? participated participating gathered joined took\s+part "
            r"brought\s+together assembled drew",
        ),
        (
            frozenset({"organization_count"}),
            r"走访 拜访 考察 调研 对接 洽谈 visited visiting met\s+with",
        ),
        (
            # Enterprises settled in a place or a park: 入驻, 注册企业, "are operating in".
            frozenset({"organization_count"}),
            r"入驻 落户 注册 新设 设立 投资的企业 投资企业 投资兴业 引进 引导 settled registered "
            r"operating\s+in hosts bring "
            r"set\s+up invested\s+in -funded established",
        ),
        (frozenset({"attract"}), r"吸引 attracted attracting"),
        (
            frozenset({"growth"}),
            r"同比 环比 year[-\s]on[-\s]year y-o-y yoy month[-\s]on[-\s]month",
        ),
        (
            frozenset({"growth", "up"}),
            r"增长 增加 提高 提升 上升 上涨 增速 增幅 increase[sd]? increasing rises? rose "
            r"risen grew grown growth higher up(?!\s+to)",
        ),
        (
            frozenset({"growth", "down"}),
            r"下降 下滑 减少 降低 回落 降幅 decrease[sd]? declines? declined fell fallen "
            r"drop(?:ped)? down lower",
        ),
        (
            frozenset({"share"}),
            r"完成率 完成[^，。；！？,;]{0,10}?的 占比 比重 份额 占 proportion makes?\s+up "
            r"made\s+up making\s+up accounting\s+for "
            r"accounted\s+for accounts?\s+for the\s+share\s+of share\s+of "
            r"of\s+the\s+(?:(?:national|country['’]s|nation['’]s|province['’]s|provincial)\s+)?"
            r"total",
        ),
        (frozenset({"source"}), r"资金来源 来源地 来源 sources?"),
        (frozenset({"total"}), r"共计 合计 总计 累计 共 a\s+total\s+of in\s+total altogether"),
    ]
)
_CATEGORY_KINDS = frozenset(f"category:{name}" for name in _CATEGORIES)
_LABEL_CATEGORY = re.compile(
    "|".join(
        rf"(?P<{name}>{'|'.join(zh.split())}|(?<![a-z])(?:{'|'.join(en.split())})(?![a-z]))"
        for name, (zh, en) in _CATEGORIES.items()
    )
)

# Which cues a metric's quote reaches out to, besides "a total of"/共 and the subset's words.
_METRIC_FAMILY = {
    "signed_value": {"signed_value", "signed"},
    "funds_in_place": {"funds_in_place"},
    "indicator_value": {"indicator_value"},
    "pipeline_count": {"pipeline_count"},
    "signed_count": {"signed"},
    "participant_count": {"participant_count"},
    "organization_count": {"organization_count"},
    "event_count": {"event"},
    "growth": {"growth"},
    "share": {"share"},
}
_QUOTE_ALWAYS = frozenset({"total", "on_site"}) | _CATEGORY_KINDS

# Clause and sentence ends: not the "." of 98.238 nor the "," of 1,000 (each regex starts with
# a character set, and the look-arounds after it test the exceptions).
# (a month's abbreviation, "Nov. 18", ends no sentence)
_SENTENCE_END = re.compile(
    r"[。！？；;!?\n…]|(?<!jan)(?<!feb)(?<!mar)(?<!apr)(?<!jun)(?<!jul)(?<!aug)(?<!sep)(?<!sept)"
    r"(?<!oct)(?<!nov)(?<!dec)\.(?![0-9])"
)
_CLAUSE_END = re.compile(
    r"[。！？；;!?\n…，：:.,](?:(?<![.,])|(?<=\.)(?![0-9])|(?<=,)(?![0-9]{3}(?![0-9])))"
)

# Time words. Dates and months (2023年1-2月, 4月22日) are read apart from the words so that
# each regex starts with a literal or a character set.
_NUMERIC_PERIOD = re.compile(
    r"[0-9〇零一二三四五六七八九十][0-9〇零一二三四五六七八九十]{0,3}"
    r"(?P<tail>年(?:[0-9一二三四五六七八九十]{1,2}(?:[-—–~～至到][0-9一二三四五六七八九十]{1,2})?"
    r"月份?(?:[0-9]{1,2}[日号])?)?(?:上半年|下半年|前三季度|第?[一二三四]季度|全年|以来)?"
    r"|(?:[-—–~～至到][0-9一二三四五六七八九十]{1,2})?月份?"
    r"(?:[0-9]{1,2}[日号](?:[-—–~～至到][0-9]{1,2}[日号])?)?)"
)
_QUARTERS = "first|second|third|fourth|last|1st|2nd|3rd|4th"
_QUARTER = rf"(?:{_QUARTERS})\s+(?:quarter|half)"
_FIRST_MONTHS = (
    r"first\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven|[0-9]{1,2})\s+months"
)
_OF_YEAR = r"(?:\s+of\s+(?:(?:19|20)[0-9]{2}|this\s+year|last\s+year|the\s+year))?"
_IN_YEAR = rf"\s+(?:the\s+)?(?:{_QUARTER}\s+of\s+)?(?:(?:{_MONTH})\s+)?(?:19|20)[0-9]{{2}}"
_PERIOD_WORDS = _Vocabulary(
    [
        (
            "zh",
            r"今年以来 今年 去年 上年 前年 明年 本年度 本年 当年 全年 上半年 下半年 前三季度 "
            r"一季度 二季度 三季度 四季度 第一季度 第二季度 第三季度 第四季度 近年来 近年 "
            r"截至目前 截至[^，。；\n]{1,12}?[日月底末] 目前 当前 现阶段 春季 夏季 秋季 冬季",
        ),
        (
            "en",
            [
                *(p + _IN_YEAR for p in ("in", "during", "by", r"as\s+of", "since", "until")),
                *(p + _IN_YEAR for p in ("through", "throughout")),
                rf"the\s+{_QUARTER}{_OF_YEAR}",
                *(rf"{q}\s+(?:quarter|half){_OF_YEAR}" for q in _QUARTERS.split("|")),
                rf"the\s+{_FIRST_MONTHS}{_OF_YEAR}",
                rf"{_FIRST_MONTHS}{_OF_YEAR}",
                *(rf"{w}\s+year" for w in ("last", "this", "next", "previous")),
                r"so\s+far\s+this\s+year",
                r"year\s+to\s+date",
                r"at\s+present",
                r"currently",
                r"so\s+far",
                r"to\s+date",
            ],
        ),
        (
            "month",
            [
                rf"{month}(?:\s*(?:-|–|to|and|through)\s*(?:{_MONTH}))?"
                r"(?:\s+[0-9]{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)[0-9]{2})?"
                for month in _MONTH.split("|")
            ],
        ),
    ]
)
_COMPARED_WITH = _Vocabulary(
    [("base", r"比 较 相比 than from over compared\s+(?:with|to) versus")],
    after=r"\s*(?:[0-9][0-9,.]*\s*(?:%|[a-z]+)?\s*)?$",  # "up from 800 last year"
)


# ---------------------------------------------------------------------------- the text


@dataclass
class _Cue:
    start: int
    end: int
    kinds: frozenset[str]


class _Doc:
    """The text, folded for matching (full-width digits, lower case; offsets kept), with what
    the figures look up: clause and sentence bounds once, cue and time words per sentence."""

    def __init__(self, text: str):
        self.original = text
        folded = text.translate(_ASCII) if _FULLWIDTH.search(text) else text
        lowered = folded.lower()
        self.text = lowered if len(lowered) == len(folded) else folded.translate(_ASCII_LOWER)
        if "u.s." in self.text:  # "U.S. dollars": not two sentence ends (same length)
            self.text = self.text.replace("u.s.", "u_s_")
        self.clause_ends = [m.start() for m in _CLAUSE_END.finditer(self.text)]
        self.sentence_ends = [m.start() for m in _SENTENCE_END.finditer(self.text)]
        self._cues: dict[int, list[_Cue]] = {}
        self.targets: dict[int, int] = {}  # clause start → where its first target word starts
        self._periods: dict[int, list[tuple[int, int]]] = {}

    def tokens(self) -> list[tuple[str, int, int]]:
        """Numbers in digits, in Chinese numerals and in English words, by position."""
        t = self.text
        found = [("ar", *m.span()) for m in _ARABIC.finditer(t)]
        for m in _CHINESE.finditer(t):
            start, end = m.span()
            if t[end : end + 1] in _CN_FOLLOWERS or t[start - 1 : start] in ("第", "之"):
                found.append(("cn", start, end))
        at_start = _EN_NUMBER_AT.match(t)
        for m in (
            [at_start, *_EN_NUMBER_START.finditer(t)] if at_start else _EN_NUMBER_START.finditer(t)
        ):
            start = m.start("w")
            if m["w"] in _EN_ORDINALS:
                found.append(("ord", start, m.end()))
            else:
                found.append(("en", start, _EN_NUMBER.match(t, start).end()))
        found += [("top", *m.span()) for m in _TOP_PLACE.finditer(t)]
        found.sort(key=lambda token: token[1])
        tokens, last_end = [], 0
        for token in found:
            if token[1] >= last_end:  # not the "two" of "thirty-two"
                tokens.append(token)
                last_end = token[2]
        return tokens

    def sentence(self, position: int) -> tuple[int, int]:
        return _bounds(self.sentence_ends, position, len(self.text))

    def clause(self, position: int) -> tuple[int, int]:
        return _bounds(self.clause_ends, position, len(self.text))

    def line_start(self, position: int) -> int:
        return self.text.rfind("\n", 0, position) + 1

    def cues_of(self, sentence: tuple[int, int]) -> list[_Cue]:
        """The cue words of a sentence, found the first time they are asked for."""
        cues = self._cues.get(sentence[0])
        if cues is None:
            cues = [
                _Cue(m.start(), m.end(), frozenset().union(*_CUES.kinds(m.group())))
                for m in _CUES.regex.finditer(self.text, *sentence)
            ]
            self._cues[sentence[0]] = cues
        return cues

    def periods_in(self, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        periods = self._periods.get(sentence[0])
        if periods is None:
            periods = sorted(self._numeric_periods(sentence) + self._word_periods(sentence))
            self._periods[sentence[0]] = periods
        return periods

    def _numeric_periods(self, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        spans = []
        for m in _NUMERIC_PERIOD.finditer(self.text, *sentence):
            digits = m.start("tail") - m.start()
            before = self.text[m.start() - 1 : m.start()]
            if m["tail"].startswith("年") and digits != 4:
                continue
            if m["tail"].startswith(("月", "-", "—", "–", "~", "～", "至", "到")) and (
                digits > 2 or "月" not in m["tail"] or (before and before in "0123456789年个")
            ):
                continue
            if not self._compared(m.start()):
                spans.append(m.span())
        return spans

    def _compared(self, position: int) -> bool:
        """比上年, "up 20% from last year": the base of a comparison does not date a figure."""
        return bool(_search_before(_COMPARED_WITH, self.text, position, 16))

    def _word_periods(self, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        spans = []
        for m in _PERIOD_WORDS.regex.finditer(self.text, *sentence):
            if "month" in _PERIOD_WORDS.kinds(m.group()) and not self.original[m.start()].isupper():
                continue  # "may", "march" as words, not months
            if not self._compared(m.start()):
                spans.append(m.span())
        return spans

    def window(self, position: int) -> tuple[int, int]:
        """How far (characters) a quote reaches back and forward for its cue words."""
        before = self.text[position - 1 : position]
        return (16, 10) if before and _is_cjk(before) else (64, 40)


def _bounds(ends: list[int], position: int, length: int) -> tuple[int, int]:
    index = bisect.bisect_left(ends, position)
    start = ends[index - 1] + 1 if index else 0
    end = ends[index] if index < len(ends) else length
    return start, end


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _search_before(vocabulary: _Vocabulary, t: str, position: int, reach: int = 24):
    return vocabulary.regex.search(t, max(0, position - reach), position)


# ---------------------------------------------------------------------------- reading a number


@dataclass
class _Number:
    start: int
    end: int
    raw: str
    kind: str  # "ar" | "cn" | "en"
    value: Decimal

    @property
    def bare_multiplier(self) -> bool:
        """百亿, 千万: a Chinese numeral without its leading digit (近百亿元 means 一百亿)."""
        return self.kind == "cn" and self.raw[0] in "百千万亿"


@dataclass
class _Reading:
    number_start: int
    number_end: int
    value: Decimal
    unit: str  # "" for an amount in another currency: consumed, not reported
    qualifier: str = "exact"
    span_start: int = -1  # words that belong to the reading: qualifier, built-in cue …
    span_end: int = -1  # … a trailing 来 or 左右, the counted noun
    counted: str = ""
    threshold: bool = False  # "千万元及以上…项目": a bound that defines a scope, not a figure
    measure: str = ""  # the Chinese measure word of a count
    partitive: bool | str = False  # "of which 12 were …": a part of the count just given
    signed_label: bool = False  # "Projects signed: 36": the label of a key-figures list

    def __post_init__(self):
        if self.span_start < 0:
            self.span_start = self.number_start
        self.span_end = max(self.span_end, self.number_end)


def _read(doc: _Doc, kind: str, start: int, end: int) -> _Reading | None:
    t, raw = doc.text, doc.text[start:end]
    if kind == "top":
        return _read_top_place(doc, start, end)
    if kind == "ord":
        return _read_ordinal(doc, start, end, _EN_ORDINALS[raw])
    if kind == "ar" and _ORDINAL_SUFFIX.match(t, end):
        suffix = _ORDINAL_SUFFIX.match(t, end)
        return _read_ordinal(doc, start, suffix.end(), int(raw)) if raw.isdigit() else None
    if t[start - 1 : start] == "第":
        return _read_zh_rank(doc, start, end, raw, kind)
    following = t[end : end + 1]
    if t[start - 1 : start] == "之" or following == "%":
        readers = (_read_percent,)
    elif _is_cjk(following):
        readers = _READERS_BEFORE.get(following)
        if readers is None:
            return None  # 4月22日, 十分 …: nothing that could be a unit follows
    elif following and following in "-/:~～—–" and not t.startswith("-odd", end):
        return None  # 2023-04-07, 9:30; but "40-odd projects" is a count
    else:
        readers = _READERS_BEFORE_ENGLISH if kind != "cn" else ()
    value = _token_value(raw, kind)
    if value is None:
        return None
    number = _Number(start, end, raw, kind, value)
    for reader in readers:
        reading = reader(doc, number)
        if reading is not None:
            return None if _not_a_quantity(doc.text, number, reading) else reading
    return None


def _token_value(raw: str, kind: str) -> Decimal | None:
    if kind == "ar":
        return plain_number(raw)
    if kind == "cn":
        return _chinese_value(raw)
    return _english_value(raw)


@lru_cache(maxsize=4096)
def _chinese_value(raw: str) -> Decimal | None:
    """一百九十二 → 192, 四十一点三 → 41.3, 百亿 → 1e10: cn2an reads the integer part; the
    digits after 点 are read one by one."""
    integer, _point, decimals = raw.partition("点")
    if integer[0] in "百千万亿":
        integer = "一" + integer
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            number = cn2an.cn2an(integer, "normal")
        except (ValueError, KeyError, IndexError):
            return None
    if not isinstance(number, int):
        return None
    if decimals:
        return Decimal(f"{number}.{decimals.translate(_CN_DECIMALS)}")
    return Decimal(number)


def _english_value(raw: str) -> Decimal:
    """thirty-two → 32, one hundred and five → 105."""
    total = 0
    for word in re.split(r"[\s-]+", raw):
        if word == "hundred":
            total *= 100
        elif word != "and":
            total += _EN_WORDS[word]
    return Decimal(total)


def _not_a_quantity(t: str, n: _Number, reading: _Reading) -> bool:
    """A code, a date, a time, a phone number, part of a range, a name in quotes ("4567"), a
    list position (top 500, 前10名) or, for number words, a group ("the two provinces")."""
    start, end = min(n.start, reading.number_start), n.end  # from a sign or 百分之 on
    before, after = t[start - 1 : start], t[end : end + 1]
    if (before and before in _QUOTES_OPEN) or (after and after in _QUOTES_CLOSE):
        return True
    if before == "前" or _search_before(_WORDS_BEFORE_NOT_A_QUANTITY, t, start, 16):
        return True
    if t[start - 4 : start] in (" or ", " to ") and _EN_RANGE_BEFORE.search(t, start - 16, start):
        return True  # "two or three cities": a range
    if n.kind == "en":
        return bool(_search_before(_EN_DEFINITE_BEFORE, t, start, 12)) or after == "-"
    if n.kind == "cn":
        return False
    if "a" <= before <= "z" and not _CURRENCY_BEFORE.search(t, max(0, start - 8), start):
        return True  # g214, a3 …
    if _YEAR_LABEL_BEFORE.search(t, max(0, start - 8), start):
        return False  # "2021: 31 projects", a year's line in a list, not a time
    if (before and before in "-/:~～—–#") or _RANGE_BEFORE.search(t, max(0, start - 4), start):
        return True
    if _AFTER_NOT_A_QUANTITY.match(t, end):
        return True
    digits = n.raw.replace(",", "")
    if "." not in digits and "," not in n.raw:
        return len(digits) >= 11 or (digits[0] == "0" and len(digits) > 1)  # phones, codes
    return False


def _qualifier_before(t: str, position: int) -> tuple[str, int]:
    match = _search_before(_QUALIFIERS_BEFORE, t, position)
    if not match:
        return "exact", position
    return _QUALIFIERS_BEFORE.kinds(match["w"])[0], match.start()


def _with_qualifiers(
    t: str, reading: _Reading, before_at: int, mid: str | None = None, after_at: int | None = None
) -> _Reading:
    """Qualifier words around a reading: before it (超过, nearly), inside it (30多亿元, 200余家)
    and after it (左右, 以上, or more). Inside wins over before, before over after."""
    qualifier, start = _qualifier_before(t, before_at)
    reading.span_start = min(reading.span_start, start)
    late = _QUALIFIER_AFTER.match(t, reading.number_end if after_at is None else after_at)
    if late:
        reading.span_end = max(reading.span_end, late.end())
        if qualifier == "exact":
            qualifier = late.lastgroup
        if late.lastgroup in ("at_least", "more_than") and _is_cjk(t[late.end() : late.end() + 1]):
            reading.threshold = True  # 千万元及以上利用内资项目: a bound, what follows its scope
    reading.qualifier = "more_than" if mid else qualifier
    return reading


def _tidy(value: Decimal) -> Decimal:
    """98238000000 rather than 9.8238E+10; 41.3 rather than 41.30."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


# -- per cent, growth multiples, years, ranks


def _read_percent(doc: _Doc, n: _Number) -> _Reading | None:
    t = doc.text
    number_start, unit_end = n.start, n.end
    if t[n.start - 3 : n.start] == "百分之":
        number_start -= 3
    else:
        match = _PERCENT_AFTER.match(t, n.end)
        if not match:
            return None
        unit_end = match.end()
    value = n.value
    if (
        t[number_start - 1 : number_start] in ("-", "−")
        and not t[number_start - 2 : number_start - 1].isalnum()
    ):
        number_start, value = number_start - 1, -value
    reading = _Reading(number_start, unit_end, _tidy(value), "percent")
    return _with_qualifiers(t, reading, number_start)


_TENTHS_AFTER = re.compile(r"成(?![为立功果本交员都品型熟效长就绩分年人不片套群批])")


def _read_tenths(doc: _Doc, n: _Number) -> _Reading | None:
    """六成, 近三成: tenths, as a per cent (60, 30); not 成为, 成立, 一成不变."""
    t = doc.text
    match = _TENTHS_AFTER.match(t, n.end)
    if not match or n.kind == "en" or not (0 < n.value <= 10) or n.bare_multiplier:
        return None
    reading = _Reading(n.start, match.end(), _tidy(n.value * 10), "percent")
    return _with_qualifiers(t, reading, n.start)


_YEARS_GE_AFTER = re.compile(r"个年头")


def _read_zh_years_ge(doc: _Doc, n: _Number) -> _Reading | None:
    """已走过7个年头: years of cooperation."""
    t = doc.text
    match = _YEARS_GE_AFTER.match(t, n.end)
    if not match or n.kind == "en" or not _plausible_years(n):
        return None
    return _with_qualifiers(t, _Reading(n.start, match.end(), n.value, "years"), n.start)


def _read_times(doc: _Doc, n: _Number) -> _Reading | None:
    """增长1.3倍: a growth of 130 per cent."""
    t = doc.text
    match = _TIMES_AFTER.match(t, n.end)
    if not match or not _GROWTH_VERB_BEFORE.search(t, max(0, n.start - 6), n.start):
        return None
    reading = _Reading(n.start, match.end(), _tidy(n.value * 100), "percent")
    return _with_qualifiers(t, reading, n.start)


def _plausible_years(n: _Number) -> bool:
    if n.raw == "一" or not (0 < n.value <= 150) or n.value != n.value.to_integral_value():
        return False
    return not (n.kind == "ar" and len(n.raw) > 3)


def _read_zh_years(doc: _Doc, n: _Number) -> _Reading | None:
    """6年来, 过去六年, 6年多来."""
    t = doc.text
    zh = _ZH_YEARS_AFTER.match(t, n.end)
    if not zh or n.kind == "en" or not _plausible_years(n):
        return None
    cue = _ZH_YEARS_BEFORE.search(t, max(0, n.start - 4), n.start)
    if cue is None and _COOPERATION.search(t, doc.sentence(n.start)[0], n.start):
        # 对口支援那曲已走过29年, 已经整整30年, 已有三十年: years of the pairing
        cue = _ZH_YEARS_OF_PAIRING.search(t, max(0, n.start - 6), n.start)
    if not (zh["tail"] in ("来", "以来") or cue):
        return None
    qualifier, qualifier_start = _qualifier_before(t, n.start)
    if cue and cue.group().startswith("近"):
        qualifier, qualifier_start = "exact", cue.start()  # 近6年来: "the past 6 years"
    number_end = zh.start("tail") if zh["tail"] else zh.end()
    reading = _Reading(n.start, number_end, n.value, "years", span_end=zh.end())
    reading.span_start = min(qualifier_start, cue.start() if cue else n.start)
    reading.qualifier = "more_than" if zh["mid"] or zh["mid2"] else qualifier
    return reading


def _read_en_years(doc: _Doc, n: _Number) -> _Reading | None:
    """ "over the past 6 years", "for six years", "for over ten years"."""
    t = doc.text
    en = _EN_YEARS_AFTER.match(t, n.end)
    decades = None if en else _EN_DECADES_AFTER.match(t, n.end)  # "for nearly three decades"
    if not (en or decades) or not _plausible_years(n):
        return None
    qualifier, qualifier_start = _qualifier_before(t, n.start)
    cue = _search_before(_EN_YEARS_BEFORE, t, qualifier_start, 40)
    if not cue:
        return None
    if decades is not None:
        if n.value > 15:
            return None
        return _Reading(n.start, decades.end(), n.value * 10, "years", qualifier, cue.start())
    return _Reading(n.start, en.end(), n.value, "years", qualifier, cue.start())


def _read_zh_rank(doc: _Doc, start: int, end: int, raw: str, kind: str) -> _Reading | None:
    """位列第2位, 居全省第一, 排名第3: a rank only after a ranking verb; else an ordinal."""
    t = doc.text
    cue = _ZH_RANK_CUE.search(t, max(0, start - 17), start - 1)
    value = _token_value(raw, kind) if kind in ("ar", "cn") else None
    if value is None or value <= 0 or value != value.to_integral_value():
        return None
    if not cue:
        if t[end : end + 1] == "大" and _is_cjk(t[end + 1 : end + 2]):  # 第二大资金来源地
            return _Reading(start - 1, end + 1, _tidy(value), "rank")
        return None
    unit = _ZH_RANK_AFTER.match(t, end)
    number_end = unit.end() if unit else end
    return _Reading(start - 1, number_end, _tidy(value), "rank", span_start=cue.start())


def _read_top_place(doc: _Doc, start: int, end: int) -> _Reading | None:
    """居全省首位, 位居榜首 (after a ranking verb); "the largest source of investment"."""
    t = doc.text
    if _is_cjk(t[start]):
        cue = _ZH_RANK_CUE.search(t, max(0, start - 16), start)
        if not cue:
            return None  # 放在首位: a priority
        return _Reading(start, end, Decimal(1), "rank", span_start=cue.start())
    return _Reading(start, end, Decimal(1), "rank")


def _read_ordinal(doc: _Doc, start: int, end: int, value: int) -> _Reading | None:
    """ "ranking second", "ranked 2nd", "second among": a rank; any other ordinal is a name."""
    t = doc.text
    before = _search_before(_EN_RANK_BEFORE, t, start, 30)
    after = _EN_RANK_AFTER.match(t, end)
    if not before and not after:
        return None
    reading = _Reading(start, end, Decimal(value), "rank")
    if before:
        reading.span_start = before.start()
    if after:
        reading.span_end = after.end()
    return reading


# -- money


def _read_zh_money(doc: _Doc, n: _Number) -> _Reading | None:
    t = doc.text
    match = _ZH_MONEY_AFTER.match(t, n.end)
    mult, yuan = match["mult"], match["yuan"]
    multiplied_inside = n.kind == "cn" and n.raw[-1] in "万亿"
    if n.kind == "en" or not (mult or yuan or multiplied_inside) or (mult == "千" and not yuan):
        return None
    if n.bare_multiplier and not (yuan or _vague_before(t, n.start)):
        return None  # 千万元 is an amount; a bare 千万 is a word (千万不要)
    number_end = match.end()
    if not yuan:
        end_of_multiplier = max(match.end("mid2") if match["mid2"] else match.end("mult"), n.end)
        foreign = _FOREIGN_AFTER.match(t, end_of_multiplier)
        if foreign:
            return _Reading(n.start, foreign.end(), n.value, "")
        if not _bare_multiplier_is_money(doc, n.start, end_of_multiplier):
            return None
        number_end = end_of_multiplier
    factor = _UNIT_FACTOR[(mult or "") + "元"]
    start = _fused_start(t, n)
    reading = _Reading(start, number_end, _tidy(n.value * factor), "yuan")
    reading = _with_qualifiers(t, reading, n.start, match["mid"] or match["mid2"])
    if reading.qualifier in ("more_than", "at_least") and _ZH_SIZE_OF_PROJECTS.match(t, number_end):
        reading.threshold = True  # 超亿元项目7个, 超10亿元的项目: a size, not an amount
    return reading


_ZH_SIZE_OF_PROJECTS = re.compile(r"(?:的)?(?:[\u4e00-\u9fff]{1,4}?)?(?:项目|企业)")


def _fused_start(t: str, n: _Number) -> int:
    """近百亿元, 逾千家: a one-character qualifier before a bare 百/千/万 is part of the number."""
    if n.bare_multiplier:
        start = _qualifier_before(t, n.start)[1]
        if n.start - start == 1:
            return start
    return n.start


def _vague_before(t: str, position: int) -> bool:
    return _qualifier_before(t, position)[0] != "exact"


def _bare_multiplier_is_money(doc: _Doc, start: int, end: int) -> bool:
    """5000万 is money where the clause speaks of money or nothing else follows the 万."""
    t = doc.text
    following = t[end : end + 1]
    if _NOT_MONEY_AFTER_MULT.match(t, end):
        return False
    clause = doc.clause(start)
    if _ZH_MONEY_CUE.search(t, clause[0], start):
        return True
    if _ZH_COUNT_CUE.search(t, *clause):
        return False  # 观看人数超过100万
    return not following or not (_is_cjk(following) or following.isalpha()) or following == "的"


def _read_en_money(doc: _Doc, n: _Number) -> _Reading | None:
    """RMB 5 million, 98.238 billion yuan, 1.95bn; other currencies are consumed, not read."""
    t = doc.text
    before = _CURRENCY_BEFORE.search(t, max(0, n.start - 8), n.start)
    scale = _EN_SCALE_AFTER.match(t, n.end)
    scale_word = scale["scale"] if scale else ""
    after_scale = scale.end() if scale else n.end
    foreign_after = _FOREIGN_AFTER.match(t, after_scale)
    if (before and before["foreign"]) or foreign_after:
        start = before.start() if before and before["foreign"] else n.start
        return _Reading(start, foreign_after.end() if foreign_after else after_scale, n.value, "")
    yuan_after = _EN_YUAN_AFTER.match(t, after_scale)
    has_yuan = bool(yuan_after) or bool(before and before["yuan"])
    if scale_word in ("m", "k", "mn", "mln") and not has_yuan:
        return None
    if not has_yuan and not _scaled_number_is_money(doc, n, scale_word, after_scale):
        return None
    factor = _UNIT_FACTOR[_EN_SCALE_KEYS.get(scale_word, scale_word)] if scale_word else 1
    start = before.start() if before else n.start
    end = yuan_after.end() if yuan_after else after_scale
    reading = _with_qualifiers(t, _Reading(start, end, _tidy(n.value * factor), "yuan"), start)
    if _EN_THRESHOLD_BEFORE.search(t, max(0, reading.span_start - 60), reading.span_start) and (
        reading.qualifier in ("at_least", "more_than")
    ):
        reading.threshold = True  # "projects of 10 million yuan and above": a scope
    elif _EACH_AFTER.match(t, reading.span_end) and (
        reading.qualifier in ("at_least", "more_than")
        or _EXCEED_BEFORE.search(t, max(0, reading.span_start - 12), reading.span_start)
    ):
        reading.threshold = True  # "Two of them exceed 500 million yuan each": a size
    return reading


_EN_COMPARED_BEFORE = re.compile(r"(?<![a-z])(?:from|and|versus|against|than)\s+$")
_EN_BARE_AMOUNT_AFTER = re.compile(r"\s*(?:[.,;)]|$|(?:in|and|a|for|during)(?![a-z]))")
_EN_YUAN_AMOUNT = re.compile(
    r"[0-9](?:\s?(?:trillion|billion|million|bn))?\s*(?:yuan|renminbi|rmb|cny)(?![a-z])"
)


def _scaled_number_is_money(doc: _Doc, n: _Number, scale_word: str, after_scale: int) -> bool:
    """ "1.95 bn" is money; "1.2 billion" is where its clause speaks of money and no noun
    follows ("1.4 billion people" is a count)."""
    if not scale_word or _EN_COUNT_AFTER.match(doc.text, after_scale):
        return False
    clause = doc.clause(n.start)
    if scale_word == "bn" or _EN_MONEY_CUE.regex.search(doc.text, *clause):
        return True
    # "18.2 billion yuan …, up from 15.6 billion in 2024": the yuan of the amount compared
    sentence_start = doc.sentence(n.start)[0]
    return bool(
        _EN_COMPARED_BEFORE.search(doc.text, max(sentence_start, n.start - 12), n.start)
        and _EN_BARE_AMOUNT_AFTER.match(doc.text, after_scale)  # not "330 million tonnes"
        and _EN_YUAN_AMOUNT.search(doc.text, sentence_start, n.start)
    )


# -- counts


def _uncountable(doc: _Doc, n: _Number) -> bool:
    """一个, 一批, "one": not a figure; a bare 百/千 counts only with 近, 逾 … (近百家)."""
    if n.raw in ("一", "one"):
        return True
    if n.raw == "dozen" and doc.text[max(0, n.start - 7) : n.start] == "half a ":
        return True  # half a dozen: six, and vague
    if not n.bare_multiplier:
        return False
    # 近百家, 百余家: a figure; 百家争鸣: a word
    return doc.text[n.end : n.end + 1] not in ("余", "多") and not _vague_before(doc.text, n.start)


def _read_zh_count(doc: _Doc, n: _Number) -> _Reading | None:
    t = doc.text
    if n.kind == "en" or _uncountable(doc, n):
        return None
    match = _ZH_COUNT_AFTER.match(t, n.end)
    if match:
        return _zh_measured_count(doc, n, match)
    direct = _ZH_DIRECT_NOUN.match(t, n.end)
    if direct:
        reading = _Reading(n.start, direct.end(), n.value, "count", counted=direct["noun"])
        return _finish_count(doc, n, reading, direct["mid"])
    return None


def _zh_measured_count(doc: _Doc, n: _Number, match: re.Match) -> _Reading | None:
    t = doc.text
    measure, measure_end = match["mw"], match.end()
    if t[measure_end : measure_end + len(measure)] == measure:
        return None  # 一场场, 一次次: no number at all
    following = t[measure_end : measure_end + 1]
    if following and following in _CN_DIGITS + "十":
        return None  # 五位一体, 两个确立: slogans
    if measure == "个" and _ZH_NOT_COUNTED_AFTER_GE.match(t, measure_end):
        return None  # 3个月, 2个百分点
    if _ZH_FIGURES_NAMED.match(t, measure_end):
        return None  # 这两个数字, 两项指标: the figures themselves, named to be restated
    if measure == "位" and t[measure_end : measure_end + 1] == "数":
        return None  # 两位数增长: digits, not people
    if measure == "批" and t[max(0, n.start - 1) : n.start] == "分":
        return None  # 分两批签约: how they were signed, in turns, not what
    value = n.value * (_UNIT_FACTOR[match["mult"] + "元"] if match["mult"] else 1)
    if value != value.to_integral_value():
        return None
    counted, counted_end = _zh_counted(doc, n.start, match.start("mw"), measure_end, measure)
    leading = None
    if measure == "个" and not counted:
        # 制造业项目占了大头，达到26个: the kind named in the clause before, then its count
        leading = _ZH_LEADING_KIND_BEFORE.search(t, max(0, n.start - 30), n.start)
        counted = leading["noun"] if leading else ""
    if (
        measure == "个"
        and not counted
        and not _SIGNED_BARE_BEFORE.search(t, max(0, n.start - 8), n.start)
        and not _THRESHOLD_PART.search(t, max(0, n.start - 14), n.start)  # 亿元以上的有5个
        and not (  # 上年同期为41个, the count of a period before
            _ZH_BASELINE_BEFORE.search(t, max(0, n.start - 8), n.start)
            and _NOTHING_NAMED_AFTER.match(t, measure_end)
        )
        and not _PROJECTISH.search(_zh_line_label(doc, n.start))
        and not _ZH_RESPECTIVELY_BEFORE.search(t, max(0, n.start - 8), n.start)
    ):
        return None  # 3个, counting nothing named; but 现场签约的有7个 counts what was signed
    reading = _Reading(n.start, measure_end, _tidy(value), "count", counted=counted)
    reading.span_end, reading.measure = max(reading.span_end, counted_end), measure
    if leading is not None:  # (the quote from the kind's words, not 其中 before them)
        reading.span_start = leading.start() + (2 if t.startswith("其中", leading.start()) else 0)
    return _finish_count(doc, n, reading, match["mid"])


# A kind of project said to lead, then its count in the next clause: 制造业项目占了大头，达到26个;
# 文旅项目最多，有9个; 农业项目数量居首，共8个.
_ZH_LEADING_KIND_BEFORE = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?P<noun>项目)(?:数量|数)?(?:占了?大头|占了?多数|最多|居首|居多|领先"
    r"|唱主角|占主导|位居第一)[，,]\s*(?:达到|达|有|为|共计|共|计|合计)?\s*$"
)


# A data bulletin's line: a short label and a colon, then its figures (签约项目：共计32个，…;
# 现场签约：11个项目; 分县市：库尔勒市8个、尉犁县5个).
_ZH_LINE_LABEL = re.compile(
    r"[ \t\u3000]*(?:[-•·*●■◆▪][ \t\u3000]*)?(?P<label>[\u4e00-\u9fff（）()、]{2,10})[：:]"
)
# 分领域, 分县市, 分行业, 按地区: the line breaks the total of the lines before down.
_BREAKDOWN_LABEL = re.compile(r"^(?:分|按)")


def _zh_line_label(doc: _Doc, position: int) -> str:
    """The label of a bulletin line holding `position` in the first clause after the label,
    else ""."""
    line = doc.line_start(position)
    label = _ZH_LINE_LABEL.match(doc.text, line)
    if label is None or label.end() > position:
        return ""
    if _CLAUSE_END.search(doc.text, label.end(), position) and not _BREAKDOWN_LABEL.match(
        label["label"]
    ):
        return ""
    return label["label"]


def _zh_counted(
    doc: _Doc, number_start: int, measure_start: int, measure_end: int, measure: str
) -> tuple[str, int]:
    """What a count counts: the noun after the measure word (10家重点企业 → 家重点企业, 56个项目
    → 项目), else the noun just before the number (签约项目192个 → 项目)."""
    t = doc.original
    clause_start, clause_end = doc.clause(number_start)
    noun = _ZH_NOUN.search(t, measure_end, min(clause_end, measure_end + 24))
    if noun:
        between = t[measure_end : noun.start()]
        if len(between) <= 6 and "、" not in between:
            head = measure_end if measure == "个" else measure_start
            return t[head : noun.end()], noun.end()
        return noun.group(), measure_end  # too far to quote: 10户数字经济、…等领域重点企业
    before = _ZH_NOUN_BEFORE.search(t, max(clause_start, number_start - 12), number_start)
    if not before:
        qualifier_start = _qualifier_before(doc.text, number_start)[1]  # 储备项目逾120个
        if qualifier_start < number_start:
            before = _ZH_NOUN_BEFORE.search(
                t, max(clause_start, qualifier_start - 12), qualifier_start
            )
    if before:
        return before["noun"], measure_end
    return ("" if measure == "个" else measure), measure_end


def _read_en_count(doc: _Doc, n: _Number) -> _Reading | None:
    t = doc.text
    if n.kind == "cn" or _uncountable(doc, n):
        return None
    match = _EN_COUNT_AFTER.match(t, n.end)
    if match and "\n\n" in match.group():
        match = None  # "Signed on site: 8" and the next paragraph's "Exhibitors: 230"
    year_like = n.kind == "ar" and _YEAR_LIKE.fullmatch(n.raw)
    if match and _by_place_count(doc, n, doc.sentence(n.start)[0]):
        # "…, Wusu city 9 and Emin county 6": the 9 counts no county
        elliptic = _elliptic_count(doc, n, year_like)
        if elliptic is not None:
            return elliptic
    if match and _EN_REFERENCE_BEFORE.search(t, max(0, n.start - 20), n.start):
        return None  # "Of the 36 deals, …": the total again, named to be divided
    if match:
        if year_like and (match["mid"] or _search_before(_YEAR_LIKE_BEFORE, t, n.start, 8)):
            return None  # "in 2022 enterprises …"
        value = n.value * (_UNIT_FACTOR[match["scale"]] if match["scale"] else 1)
        noun = re.sub(r"\s+", " ", match["noun"])
        reading = _Reading(n.start, match.end(), _tidy(value), "count", counted=noun)
        return _finish_count(doc, n, reading, match["odd"])  # "40-odd": more than 40
    partitive = _EN_PARTITIVE_AFTER.match(t, n.end) or _EN_IN_SECTOR.match(t, n.end)
    sentence_start = doc.sentence(n.start)[0]
    lead = partitive and _PARTITIVE_LEAD.search(t, sentence_start, n.start)
    if partitive and not lead and not t[sentence_start : n.start].strip():
        # "Nine of the deals were inked on stage. Two are tourism projects": a sentence that
        # opens with the number and "are" is a part of the deals just counted.
        lead = _opening_part(partitive)
    if (
        partitive
        and not lead
        and _EN_AND_BEFORE.search(t, max(sentence_start, n.start - 8), n.start)
        and _ON_SITE_RIGHT_AFTER.match(t, n.end)
    ):
        # "signed 30 projects worth …, and 12 were signed on site": the on-site part
        lead = partitive
    if lead and not year_like and n.value == n.value.to_integral_value():
        noun = partitive["noun"] or ""
        end = partitive.end() if noun else n.end
        reading = _Reading(n.start, end, n.value, "count", counted=noun)
        # "Of the 36 deals, 22 are …" names the total it is a part of, however far back.
        # "Of the projects, 11 were …" points back as surely as "Of the 36 deals"
        reading.partitive = _BACK if _POINTS_BACK.search(t, lead.start(), n.start) else True
        return _finish_count(doc, n, reading, None)
    of_the = _EN_OF_THE.match(t, n.end)
    if of_the and not year_like and n.value > 1 and n.value == n.value.to_integral_value():
        # "Seven of the deals, worth …": a part of the deals counted before.
        reading = _Reading(n.start, of_the.end(), n.value, "count", counted=of_the["noun"])
        reading.partitive = _BACK
        return _finish_count(doc, n, reading, None)
    of_them = _EN_OF_THEM.match(t, n.end)
    if of_them and not year_like and n.value > 1 and n.value == n.value.to_integral_value():
        # "Industrial projects accounted for 39 of them": a part of the count before it.
        noun = _EN_NOUN_BEFORE.search(t, doc.clause(n.start)[0], n.start)
        if noun is None:
            # "attracted 140 companies, 33 of them from …": what the sentence counted last
            nouns = [*_EN_NOUN_BEFORE.finditer(t, sentence_start, n.start)]
            noun = nouns[-1] if nouns else None
        reading = _Reading(
            n.start, of_them.end(), n.value, "count", counted=noun["noun"] if noun else ""
        )
        reading.partitive = _BACK
        return _finish_count(doc, n, reading, None)
    labelled = _labelled_count(doc, n, year_like)
    if labelled is not None:
        return labelled
    named = _EN_NOUN_NUMBERED.search(t, max(0, n.start - 60), n.start) or _EN_PROJECTS_ROSE.search(
        t, max(0, n.start - 60), n.start
    )
    if named and not year_like and n.value == n.value.to_integral_value():
        # "Industrial projects numbered 29": the noun before the verb is what is counted
        reading = _Reading(n.start, n.end, n.value, "count", counted=named["noun"])
        reading.span_start = named.start()
        # "Projects signed in the first half reached 35": the subject says what they are
        reading.signed_label = bool(_SIGNED_AFTER_NOUN.match(t, named.end("noun")))
        return _finish_count(doc, n, reading, None)
    elliptic = _elliptic_count(doc, n, year_like)
    if elliptic is not None:
        return elliptic
    shared = _EN_SHARE_ELLIPSIS.search(t, max(0, n.start - 160), n.start)
    if (
        shared
        and not year_like
        and n.value == n.value.to_integral_value()
        and _EN_ELLIPSIS_AFTER.match(t, n.end)
    ):
        # "Manufacturing accounted for 15 of the deals, and cultural tourism for four": a part
        # of the same deals, its verb and noun left out
        reading = _Reading(
            n.start, n.end, n.value, "count", counted=shared["noun"] or shared["own"] or ""
        )
        reading.span_start = shared.start("sector")
        reading.partitive = _BACK
        return _finish_count(doc, n, reading, None)
    if (
        _EN_RESPECTIVE_COUNT.match(t, n.end)
        and not year_like
        and n.value == n.value.to_integral_value()
    ):
        # "rose to 14 and 2.17 billion yuan respectively": a count restated, named before
        return _finish_count(doc, n, _Reading(n.start, n.end, n.value, "count", counted=""))
    if "total of" not in t[max(0, n.start - 12) : n.start]:
        return None
    qualifier, qualifier_start = _qualifier_before(t, n.start)
    if qualifier == "exact" and _A_TOTAL_OF.match(t, qualifier_start):
        if year_like or n.kind == "cn" or n.value != n.value.to_integral_value():
            return None
        noun = _EN_NOUN_BEFORE.search(t, doc.clause(n.start)[0], n.start)  # the subject, mostly
        counted = noun["noun"] if noun else ""
        return _finish_count(doc, n, _Reading(n.start, n.end, n.value, "count", counted=counted))
    return None


# Key figures written as a list: "Projects signed: 36", "- Of which, industrial projects: 31",
# under a heading such as "Projects signed, by destination:".
# A label opening its line, or following the item before on the same line after a semicolon
# ("Of which manufacturing projects: 18; tourism projects: 7").
_EN_LABEL_BEFORE = re.compile(
    r"(?m)(?:^|;)[ \t]*(?:[-•*·][ \t]*)?(?P<label>[a-z][^:;\n]{0,80}):[ \t]*\Z"
)
_EN_LIST_ITEM = re.compile(
    # "- Aksu city: 9", or a year's line of a list set without markers ("2021: 31 projects")
    r"(?m)^[ \t]*(?:[-•*·][ \t]*\S|(?:19|20)[0-9]{2}[ \t]*:[ \t]*[0-9])"
)
_EN_LIST_HEADING = re.compile(r"(?m)^[^\n]{0,100}:[ \t]*$")


_EN_SHARE_ELLIPSIS = re.compile(
    r"(?<![a-z])(?:accounted|accounting|account)\s+for\s+[0-9a-z-]+\s+"
    r"(?:of\s+(?:the|these|them|those)\s*(?P<noun>deals|projects|agreements|contracts)?"
    r"|(?:[a-z-]+\s+){0,2}?(?P<own>deals|projects|agreements|contracts))"
    r"\s*,?\s*(?:and|while|with|whereas)\s+"
    r"(?P<sector>[a-z][a-z -]{1,40}?)\s+for\s+$"
)


def _labelled_count(doc: _Doc, n: _Number, year_like) -> _Reading | None:
    """A bare number after a label naming projects or a signing ("Projects signed: 36",
    "Signed on site at the opening ceremony: 8"), as press releases list their key figures."""
    t = doc.text
    if year_like or n.value != n.value.to_integral_value():
        return None
    label = _EN_LABEL_BEFORE.search(t, max(0, n.start - 90), n.start)
    after = _EN_COUNT_AFTER.match(t, n.end)
    if label is None or (after and "\n\n" not in after.group()):
        return None
    words = label["label"]
    noun = _EN_NOUN_BEFORE.search(words)
    signed = bool(_SIGNED_IN_NOUN.search(words))
    events = bool(noun and _EVENTISH.search(noun["noun"]) and not signed)
    if not signed and not events and not (noun and _PROJECTISH.search(noun["noun"])):
        return None  # ("Investment promotion events held: 7" counts events)
    reading = _Reading(n.start, n.end, n.value, "count", counted=noun["noun"] if noun else "")
    reading.counted = reading.counted or "projects"
    reading.span_start = label.start("label")
    reading.signed_label = signed or _under_signed_heading(doc, label.start())
    # "- Of which, industrial projects: 31": a part of the list's item before, across lines
    reading.partitive = _BACK if _PARTITIVE_LEAD.search(words) else False
    return _finish_count(doc, n, reading, None)


# "Hunnan district signed six projects and Tiexi district signed five", "Zijin county secured
# eight projects and Longchuan county six": the noun of the count before, left out.
_EN_ELLIPSIS_BEFORE = re.compile(
    r"(?<![a-z])(?:and|while|with)\s+[a-z][a-z' -]{1,40}?(?:county|city|district|prefecture|"
    r"zone|park|province|region)(?:\s+(?:signed|secured|took|won|landed|inked|attracted))?\s+$"
)
# "Xingyi city signed five, …", "Hunnan District secured four.": a place's share opening its
# sentence, its noun left out.
_EN_PLACE_OPENING = re.compile(
    r"\s*(?:the\s+)?[a-z][a-z' -]{1,40}?\s(?:county|city|district|prefecture|zone|park|province"
    r"|region|town|township)\s+(?:alone\s+)?(?:signed|secured|took|won|landed|inked|attracted"
    r"|clinched)\s+"
)
# "Sixteen of the projects will be located in Ezhou and five in Wuhan", "12 projects are in
# the port area, four in the city": the same count for another place, its noun left out.
_EN_LOCATED_PART_BEFORE = re.compile(r"(?:,|(?<![a-z])and|(?<![a-z])while)\s+$")
_EN_LOCATED_PART_AFTER = re.compile(
    r"\s+(?:will\s+be\s+|are\s+|were\s+)?(?:in|at|from)\s+(?!(?:the\s+)?(?:19|20)[0-9]{2})"
    r"(?!(?:the\s+)?(?:first|second|third|fourth|last|next)(?![a-z]))(?:the\s+)?[a-z]"
)
_EN_LOCATED_COUNT = re.compile(
    rf"(?<![a-z])(?:{_BELOW_100}|[0-9]+)\s+(?P<of>of\s+(?:the|these|them|those)\s+)?"
    r"(?:[a-z-]+\s+){0,2}?(?P<noun>projects|deals|agreements|contracts)(?![a-z])"
    r"[^.;]{0,60}?\s(?:in|at|from)\s"
)


_EN_OTHER_PART_BEFORE = re.compile(r"(?<![a-z])(?:the\s+(?:other|remaining)|another)\s+$")
_EN_ELLIPSIS_AFTER = re.compile(r"\s*(?:[.;,)]|$|\s+(?:and|while|with|each)(?![a-z]))")
_EN_NOUN_NUMBERED = re.compile(
    rf"(?<![a-z])(?P<noun>{_EN_NOUNS})(?![a-z-])(?:\s+[a-z0-9-]+){{0,5}}?\s+"
    r"(?:numbered|totall?ed|came\s+to|stood\s+at)\s+$"
)
# "Signed projects reached 35", "Newly signed deals rose to 52": said of projects only (not
# "The number of visitors rose to 4000")
_EN_PROJECTS_ROSE = re.compile(
    r"(?<![a-z])(?P<noun>projects|deals|agreements|contracts)(?![a-z-])(?:\s+[a-z0-9-]+){0,6}?\s+"
    r"(?:reached|hit|(?:rose|increased|grew|climbed|jumped)\s+to)\s+$"
)
_SIGNED_AFTER_NOUN = re.compile(r"\s+(?:signed|contracted|inked)(?![a-z])")
_EN_ELLIPSIS_YEAR_AFTER = re.compile(
    r"\s+in\s+(?:(?:the\s+)?(?:first|second)\s+(?:half|quarter)\s+of\s+)?(?:19|20)[0-9]{2}"
    r"\s*(?:[.;,)]|$|\s+(?:and|while|but)(?![a-z]))"
)
_EN_AND_BEFORE = re.compile(r"(?:,|(?<![a-z])(?:and|while|but|against|versus))\s+$")
_EN_COUNT_OF_PROJECTS = re.compile(
    rf"(?<![a-z])(?:{_BELOW_100}|[0-9]+)\s+(?:[a-z-]+\s+){{0,3}}?(?:projects|deals|agreements)"
    r"(?![a-z])"
)


# "The number of projects signed … rose to 42", "… stood at 12": the count is the
# sentence's subject, its noun far before the number.
_EN_NUMBER_OF = re.compile(
    r"(?<![a-z])number\s+of\s+(?:[a-z-]+\s+){0,4}?(?P<noun>projects|deals|agreements|contracts)"
    r"(?![a-z])"
)
_EN_NUMBER_BECAME = re.compile(r"(?<![a-z])(?:to|at|was|is|reached|hit|totall?ed|numbered)\s+$")


# "By locality, Shawan city signed 10, Wusu city 9 and Emin county 6": a list of places' shares.
_EN_BY_PLACE = re.compile(
    r"\s*(?:broken\s+down\s+)?by\s+(?:locality|localities|county|counties|city|cities|district|"
    r"districts|place|destination|region|prefecture)\s*,"
)
_EN_PLACE_BEFORE = re.compile(
    r"(?:^|,\s*|(?<![a-z])and\s+)[a-z][a-z' -]{1,40}?\s(?:county|city|district|prefecture|"
    r"zone|park|province|region)(?:\s+(?:signed|secured|took|won|landed|inked|attracted))?\s+$"
)


def _by_place_count(doc: _Doc, n: _Number, sentence_start: int) -> bool:
    """A bare number after a place in a sentence that opens "By locality," (a press
    conference's answer, a bulletin's line)."""
    lead = _EN_BY_PLACE.match(doc.text, sentence_start)
    if lead is None:
        return False
    return bool(_EN_PLACE_BEFORE.search(doc.text, max(lead.end() - 1, n.start - 60), n.start))


def _elliptic_count(doc: _Doc, n: _Number, year_like) -> _Reading | None:
    """A bare number after a place, its noun that of the count of projects just before it in
    the same sentence."""
    t = doc.text
    if year_like or n.value != n.value.to_integral_value():
        return None
    sentence_start = doc.sentence(n.start)[0]
    if _EN_ELLIPSIS_YEAR_AFTER.match(t, n.end) and _EN_AND_BEFORE.search(
        t, max(sentence_start, n.start - 12), n.start
    ):
        # "signed 9 projects in 2023, and 15 in 2024": the same count for another year
        if _EN_COUNT_OF_PROJECTS.search(t, sentence_start, n.start):
            return _finish_count(
                doc, n, _Reading(n.start, n.end, n.value, "count", counted="projects")
            )
        return None
    if _EN_BASELINE_BEFORE.search(t, max(sentence_start, n.start - 24), n.start) and (
        _NOTHING_NAMED_AFTER.match(t, n.end) and _ARABIC.search(t, sentence_start, n.start)
    ):
        # "30 projects, up from 24 in 2023": the count just before, a period earlier
        return _finish_count(doc, n, _Reading(n.start, n.end, n.value, "count"))
    if _EN_ELLIPSIS_AFTER.match(t, n.end) and _EN_NUMBER_BECAME.search(
        t, max(sentence_start, n.start - 16), n.start
    ):
        # "the number of newly signed projects rose to 42": the noun named as the subject
        subject = _EN_NUMBER_OF.search(t, sentence_start, n.start)
        if subject is not None:
            reading = _Reading(n.start, n.end, n.value, "count", counted=subject["noun"])
            return _finish_count(doc, n, reading)
    located = _located_part(doc, n, sentence_start)
    if located is not None:
        return located
    if not _EN_ELLIPSIS_AFTER.match(t, n.end):
        return None
    other = _EN_OTHER_PART_BEFORE.search(t, max(sentence_start, n.start - 16), n.start)
    if other is not None and _EN_COUNT_OF_PROJECTS.search(
        t, _full_stop_before(t, sentence_start), other.start()
    ):
        # "Eleven of the projects will go to A; the other five, worth …, to B": the rest of
        # the projects counted before it in the sentence (back past semicolons)
        reading = _Reading(n.start, n.end, n.value, "count", counted="projects")
        reading.span_start = other.start()
        reading.partitive = _BACK
        return _finish_count(doc, n, reading)
    if _EN_PLACE_OPENING.fullmatch(t, sentence_start, n.start) and _EN_COUNT_OF_PROJECTS.search(
        t, _paragraph_start(t, sentence_start), sentence_start
    ):
        # "… accounted for seven projects. Xingyi city signed five, the most …": a place's
        # share of the projects counted earlier in the paragraph, opening a later sentence
        return _finish_count(doc, n, _Reading(n.start, n.end, n.value, "count", counted="projects"))
    if _named_place_count(doc, n, sentence_start):
        # "A signed 11 projects, B signed eight and C six": places named without "city"
        return _finish_count(doc, n, _Reading(n.start, n.end, n.value, "count", counted="projects"))
    if not _by_place_count(doc, n, sentence_start):
        before = _EN_ELLIPSIS_BEFORE.search(t, max(sentence_start, n.start - 60), n.start)
        if before is None or not _EN_COUNT_OF_PROJECTS.search(t, sentence_start, before.start()):
            return None
    return _finish_count(doc, n, _Reading(n.start, n.end, n.value, "count", counted="projects"))


def _paragraph_start(t: str, position: int) -> int:
    """Where the paragraph holding ``position`` starts (no further back than 600 characters)."""
    return max(t.rfind("\n", 0, position) + 1, position - 600)


# A place named by a capitalised name alone, signing: "Baotou signed eight", "…, and Hohhot six".
_EN_NAME_SIGNED_BEFORE = re.compile(
    r"(?:^|[,;]\s*|(?<![A-Za-z])(?:and|while|whereas)\s+)(?:the\s+)?[A-Z][a-z'-]+"
    r"(?:\s+[A-Z][a-z'-]+){0,2}(?:\s+alone)?\s+(?:signed|secured|landed|inked|clinched|won)\s+$"
)
_EN_NAME_ELLIPTIC_BEFORE = re.compile(
    r"(?:[,;]\s*|(?<![A-Za-z])and\s+)[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2}\s+$"
)
_EN_SIGNED_COUNT_OF_PROJECTS = re.compile(
    rf"(?<![a-z])(?:signed|secured|landed|inked|clinched|won)\s+(?:{_BELOW_100}|[0-9]+)\s+"
    r"(?:(?:[a-z-]+\s+){0,3}?(?:projects|deals|agreements|contracts)"
    # "A's firms signed seven of them, B eight": a place's share of the deals just counted
    r"|of\s+(?:them|these|those|the\s+total))(?![a-z])"
)


def _named_place_count(doc: _Doc, n: _Number, sentence_start: int) -> bool:
    """A bare number after a capitalised place name that signed (or, the verb left out, after
    one listed with "and"), in a sentence that counted the projects a place signed before it."""
    low = max(sentence_start, n.start - 50)
    before = doc.original[low : n.start]
    if _EN_NAME_SIGNED_BEFORE.search(before):
        first = _EN_NAME_SIGNED_BEFORE.search(before).start() + low
    elif _EN_NAME_ELLIPTIC_BEFORE.search(before):
        first = _EN_NAME_ELLIPTIC_BEFORE.search(before).start() + low
    else:
        return False
    return bool(_EN_SIGNED_COUNT_OF_PROJECTS.search(doc.text, sentence_start, first))


def _located_part(doc: _Doc, n: _Number, sentence_start: int) -> _Reading | None:
    """A bare number after "and", then "in <place>", in a sentence that counted projects in
    another place before it: the same projects' count there ("… of the projects will be
    located in A and five in B")."""
    t = doc.text
    if n.value != n.value.to_integral_value() or not _EN_LOCATED_PART_AFTER.match(t, n.end):
        return None
    if not _EN_LOCATED_PART_BEFORE.search(t, max(sentence_start, n.start - 8), n.start):
        return None
    earlier = [*_EN_LOCATED_COUNT.finditer(t, sentence_start, n.start)]
    if not earlier:
        return None
    reading = _Reading(n.start, n.end, n.value, "count", counted=earlier[-1]["noun"])
    if earlier[-1]["of"]:
        reading.partitive = _BACK
    return _finish_count(doc, n, reading)


def _under_signed_heading(doc: _Doc, line_start: int) -> bool:
    """Whether the list item at ``line_start`` belongs to a list whose heading line (ending in
    a colon, before the items) names a signing: "Projects signed, by destination:"."""
    t = doc.text
    position = line_start
    for _ in range(12):  # list items back to the heading
        previous = t.rfind("\n", 0, max(0, position - 1))
        line = t[previous + 1 : position].strip()
        if not line:
            position = previous + 1
            if previous < 0:
                return False
            continue
        if _EN_LIST_ITEM.match(line):
            position = previous + 1
            continue
        return bool(_EN_LIST_HEADING.match(line) and _SIGNED_IN_NOUN.search(line))
    return False


def _in_signed_list(doc: _Doc, position: int) -> bool:
    """ "- Aksu city: 9 projects" under "Projects signed, by destination:"."""
    line = doc.line_start(position)
    return bool(_EN_LIST_ITEM.match(doc.text, line)) and _under_signed_heading(doc, line)


_POINTS_BACK = re.compile(
    rf"[0-9]|of\s+(?:the|these|those)\s+(?:(?:{_BELOW_100})\s+)?(?:[a-z-]+\s+){{0,2}}?"
    r"(?:projects|deals|agreements|contracts)(?![a-z])"
)


def _opening_part(partitive: re.Match) -> re.Match | None:
    """The lead of a part with none written: its noun must be one of projects or deals."""
    noun = partitive["noun"]
    return partitive if noun and _PROJECTISH.search(noun) else None


def _finish_count(doc: _Doc, n: _Number, reading: _Reading, mid: str | None = None) -> _Reading:
    reading.number_start = _fused_start(doc.text, n)
    reading.span_start = min(reading.span_start, reading.number_start)
    return _with_qualifiers(doc.text, reading, n.start, mid)


# The readers worth trying by the character after the number.
_READERS_BEFORE: dict[str, tuple] = {
    **dict.fromkeys(
        "人个项家户批场次届名位件笔座所条台套份支处艘架辆款篇地市城省县", (_read_zh_count,)
    ),
    **dict.fromkeys("万亿千百元", (_read_zh_money, _read_zh_count)),
    "个": (_read_percent, _read_zh_years_ge, _read_zh_count),
    "成": (_read_tenths,),
    "多": (_read_zh_years, _read_zh_money, _read_zh_count),
    "余": (_read_zh_money, _read_zh_count),
    "年": (_read_zh_years,),
    "倍": (_read_times,),
}
_READERS_BEFORE_ENGLISH = (_read_percent, _read_en_years, _read_en_money, _read_en_count)


# ---------------------------------------------------------------------------- describing it


@dataclass
class _Place:
    """Where a figure stands: its sentence and clause, and their cue words."""

    sentence: tuple[int, int]
    clause: tuple[int, int]
    cues: list[_Cue]  # the sentence's
    clause_cues: list[_Cue]
    earlier_cues: list[_Cue]  # the sentence's before the clause


def _describe(doc: _Doc, r: _Reading, low: int, high: int) -> FigureMention:
    sentence, clause = doc.sentence(r.number_start), doc.clause(r.number_start)
    cues = doc.cues_of(sentence)
    place = _Place(
        sentence,
        clause,
        cues,
        [cue for cue in cues if clause[0] <= cue.start and cue.end <= clause[1]],
        [cue for cue in cues if cue.end <= clause[0]],
    )
    metric, value, metric_cue = _metric(doc, r, place)
    reach = (max(clause[0], low), min(clause[1], high))
    start, end = _quote_span(doc, r, place, reach, metric, metric_cue)
    return FigureMention(
        start=start,
        end=end,
        quote=doc.original[start:end],
        number_start=r.number_start,
        number_end=r.number_end,
        value=value,
        unit=r.unit,
        qualifier=r.qualifier,
        metric=metric,
        subset=_subset(doc, r, place, metric),
        period_hint=_period_hint(doc, r, sentence),
        counted=r.counted,
        sized=metric == "other" and r.unit == "count" and _counted_by_size(doc, r, place),
    )


def _counted_by_size(doc: _Doc, r: _Reading, place: _Place) -> bool:
    """ "six projects each worth 1 billion yuan or more", 其中亿元以上项目8个: counted by size."""
    return bool(
        _EACH_WORTH.match(doc.text, r.span_end)
        or _THRESHOLD_PART.search(
            doc.text, max(place.sentence[0], min(r.span_start, r.number_start - 14)), r.number_start
        )  # (and "Projects exceeding 100 million yuan each numbered 10")
    )


def _nearest(cues: list[_Cue], r: _Reading, kinds: set[str], accept=None):
    """The (kind, cue) of one of `kinds` nearest the number (accept(kind) may refuse one)."""
    best = None
    for cue in cues:
        if cue.start < r.span_end and cue.end > r.span_start:
            continue  # its own words: the 对接 of 2次对接活动
        distance = (
            r.number_start - cue.end if cue.end <= r.number_start else cue.start - r.number_end
        )
        for kind in cue.kinds & kinds:
            if (accept is None or accept(kind)) and (best is None or distance < best[0]):
                best = (distance, kind, cue)
    return best[1:] if best else None


def _choose(r: _Reading, place: _Place, kinds: set[str], accept=None):
    """Cue words of the figure's own clause first, then of its sentence before it."""
    found = _nearest(place.clause_cues, r, kinds, accept)
    if found is None:
        found = _nearest(place.earlier_cues, r, kinds, accept)
    return found


_MONEY_METRICS = {
    "signed_value": "signed_value",
    "signed": "signed_value",
    "funds_in_place": "funds_in_place",
    "indicator_value": "indicator_value",
    "other": "other",
}
_COUNT_METRICS = {
    "pipeline_count": "pipeline_count",
    "signed": "signed_count",
    "participant_count": "participant_count",
    "organization_count": "organization_count",
    "event": "event_count",
    "attract": "attract",
    "yielded": "signed_count",
}
# Amounts that change, not amounts: 比前年增加1.1亿元, "up by 20 million yuan".
_CHANGE_BEFORE = re.compile(
    r"(?:增加|减少|增长|下降|提高|多|少)了?\s*$"
    r"|(?<![a-z])(?:up|down|increased?|decreased?|rose|fell|grew|dropped)\s+by\s+$"
    r"|(?<![a-z])an?\s+(?:increase|decrease|rise|drop|fall)\s+of\s+$"
)
_CHANGE_AFTER = re.compile(r"\s*(?:higher|lower|more|less)\s+than(?![a-z])")
# One project's amount: "a … project is worth", "the project will cost".
_SINGLE_PROJECT = re.compile(
    r"(?<![a-z])(?:an?|one|this|that|each|the\s+(?:smallest|largest|biggest))\s+"
    r"(?:[a-z-]+\s+){0,5}?project(?![a-z])"
    r"(?!\s+(?:signing|fair|promotion|matchmaking|conference|docking|launch|ceremony))"
    r"|该项目|单个项目|单体项目|其中一个项目"
)
# One company's investment, or a phase of one project: not what the event signed.
_ONE_INVESTOR = re.compile(
    r"一家[^，。；]{0,24}?企业[^，。；]{0,8}?投资"
    r"|(?:有限公司|集团)[^，。；]{0,24}?(?:增资|追加投资|扩大投资)"
    r"|(?:公司|集团)[^，。；、]{0,16}?项目(?:计划)?总?投资(?:额)?(?:达|为|约)?\s*$"
)
_ONE_PHASE = re.compile(
    r"一期|二期|(?<![a-z])(?:phase\s+(?:one|two|three|1|2|3|i|ii)|(?:first|second)\s+phase)"
    r"(?![a-z])"
)
# Goods sold or shipped, valued: trade, not a contract.
_GOODS_WORTH = re.compile(
    r"(?<![a-z])(?:products|produce|goods|shipments|exports|sales)(?![a-z])[^.;]{0,60}"
    r"(?<![a-z])(?:were|was|are|is)\s+worth\s*$"
)
# What a place produced or sold in a year, valued: "produced output worth …", "output value of".
_OUTPUT_WORTH = re.compile(
    r"(?<![a-z])(?:output|turnover|revenue|production)\s+(?:value\s+)?(?:worth|valued\s+at|of)"
    r"\s*(?:rmb\s*|cny\s*)?$|(?<![a-z])output\s+value\s+(?:reached|hit|totall?ed|was)\s*$"
)
# One plant, base or project as the subject of the clause, then its worth: "an organic tea
# processing base to be built by a Beijing company is worth …".
_ONE_FACILITY_WORTH = re.compile(
    r"(?<![a-z])(?:an?|one|this)\s+(?:[a-z-]+\s+){0,5}?"
    r"(?:project|base|plant|factory|facility|resort|mill|cent(?:re|er)|warehouse|hotel)"
    r"(?![a-z])[^,;]{0,80}?(?<![a-z])(?:is|was|will\s+be)\s+(?:worth|valued\s+at)\s*"
    r"(?:(?:about|around|some|nearly|roughly|more\s+than|over)\s+)?(?:rmb\s*|cny\s*)?$"
)
# An amount that describes the one project named after it: 总投资15亿元的某某产业园项目.
_AMOUNT_OF_ONE_PROJECT = re.compile(r"\s*的[^，。；、\d个项批]{1,24}?项目(?!\s*\d)")
_SEVERAL_PROJECTS = re.compile(r"(?<![a-z])projects(?![a-z])|total")
_TOURISTS = re.compile(r"游客|旅客|(?<![a-z])(?:tourists?|tourist\s+visits)(?![a-z])")
_VISITS = re.compile(r"visits|人次")
_FUNDED = re.compile(r"-(?:funded|invested|owned)(?![a-z])|[外内港澳台粤浙苏沪津京闽鲁]资企业")
_WORTH_OF_GOODS = re.compile(r"\s*worth\s+of(?![a-z])")
_PURCHASES = re.compile(
    r"采购|订单|(?<![a-z])(?:purchase|procurement|sales?|order)s?\s+(?:orders?|contracts?|deals?)"
    r"(?![a-z])|(?<![a-z])(?:orders?|purchases)(?![a-z])"
)
_SIGNED_BARE_BEFORE = re.compile(
    r"签约的?(?:有|为|是|共)\s*$|签约的\s*$"
    # 项目签约31个: the projects named before the verb
    r"|项目(?:集中|现场|成功|顺利)?(?:签约|签订|签署)(?:共|共计|合计)?\s*$"
    # 集中签约一批项目，共18个: the total of the projects of the clause before
    r"|[，,]\s*(?:共|共计|合计|总计)\s*$"
    # 其中现场签约6个: the on-site part, its 个 the projects
    r"|(?:现场|当场|集中)签约\s*$"
    # a list by place: 哈尔滨市签约9个、齐齐哈尔市签约6个; 商州区签约项目6个，洛南县5个
    # 乙县和丙县各5个: "each"
    r"|[\u4e00-\u9fff]{1,6}(?:市|县|区|州|旗|盟|园|新区)(?:签约|签下|签署|各)?\s*$"
)
_ZH_VALUE_AFTER = re.compile(r"[，,、]?\s*(?:签约|合同|协议)(?:总?金|总)?额")
_EACH_WORTH = re.compile(
    r"\s*,?\s*(?:(?:were|are)\s+)?each\s+(?:worth|valued\s+at)\s+"
    r"(?:more\s+than|over|above|at\s+least|[^.;]{0,30}?(?:or\s+more|and\s+above))"
    # "Three of them are worth more than 500 million yuan each", "Two exceed 1 billion yuan each"
    r"|\s+(?:(?:were|are|will)\s+)?(?:(?:worth|valued\s+at|(?:involve[sd]?|have|has|had|carry"
    r"|carries|require[sd]?)\s+(?:an?\s+)?(?:(?:total|planned)\s+)?investments?\s+of)"
    r"\s+(?:more\s+than|over|above|at\s+least)"
    r"|exceed(?:s|ed|ing)?|top(?:s|ped)?)\s+(?:rmb\s*|cny\s*)?[0-9][0-9.,]*\s*"
    r"(?:million|billion|bn)?\s*(?:yuan)?\s+(?:each|apiece)(?![a-z])"
)
_WERE_SIGNED = re.compile(
    # "six of them, worth 3.9 billion yuan, were signed at the venue": an aside between
    r"(?:\s*,(?:[^,.;]|\.(?=[0-9])){1,60},)?"
    r"\s+(?:were|was|have\s+been|had\s+been)\s+(?:[a-z]+\s+)?(?:signed|inked|sealed)(?![a-z])"
)
_SIGNED_JUST_BEFORE = re.compile(r"(?:签约|签下|签署|签订)的?(?:有|为|是|共)?\s*$")
_SIGNED_IN_NOUN = re.compile(r"签约|(?<![a-z])(?:signed|contracted)(?![a-z])")
_TASK_FORCES = re.compile(r"专班|(?<![a-z])task\s+forces?(?![a-z])")
_LEADS = re.compile(r"线索|(?<![a-z])(?:leads|clues)(?![a-z])")


def _metric(doc: _Doc, r: _Reading, place: _Place) -> tuple[str, Decimal, _Cue | None]:
    """What the figure measures, guessed from the cue words nearest it; the value is negative
    for a fall (下降3.2% → -3.2)."""
    value = r.value
    if r.unit == "years":
        return "duration_years", value, None
    if r.unit == "rank":
        sources = any(cue.kinds & {"source", "funds_in_place"} for cue in place.cues)
        among = _AMONG_REGIONS.search(
            doc.text, place.clause[0], min(place.clause[1], r.span_end + 60)
        )
        return ("source_rank" if sources or among else "other"), value, None
    if r.unit == "percent":
        found = _choose(r, place, {"growth", "share"})
        if not found:
            return "other", value, None
        kind, cue = found
        if kind == "growth":
            direction = _choose(r, place, {"up", "down"})
            if direction and direction[0] == "down" and value > 0:
                value = -value
        return kind, value, cue
    if r.unit == "yuan":
        found = _choose(r, place, set(_MONEY_METRICS))
        if r.threshold or not found:
            return "other", value, None
        if _CHANGE_BEFORE.search(
            doc.text, max(place.clause[0], r.span_start - 20), r.span_start
        ) or _CHANGE_AFTER.match(doc.text, r.span_end):
            return "other", value, found[1]  # 比去年增加1.1亿元, "4.8 billion yuan higher than"
        metric = _MONEY_METRICS[found[0]]
        if metric == "signed_value" and _WORTH_OF_GOODS.match(doc.text, r.span_end):
            return "indicator_value", value, None  # "bought 4.1 billion yuan worth of produce"
        if metric == "signed_value" and _PURCHASES.search(
            doc.text, max(place.clause[0], r.span_start - 60), r.span_start
        ):
            return "other", value, None  # "purchase orders worth 830 million yuan": trade
        clause_before = doc.text[place.clause[0] : r.number_start]
        if metric == "signed_value" and _GOODS_WORTH.search(clause_before):
            return "indicator_value", value, None  # "farm products sold … were worth …"
        near_before = doc.text[max(place.sentence[0], r.number_start - 30) : r.number_start]
        if metric == "signed_value" and (
            _ONE_INVESTOR.search(clause_before) or _ONE_PHASE.search(near_before)
        ):
            return "other", value, found[1]  # 一家新材料企业将追加投资3000万元; "Phase one, worth"
        if metric == "signed_value" and _OUTPUT_WORTH.search(near_before):
            return "indicator_value", value, None  # "produced output worth 2 billion yuan"
        if metric == "signed_value" and _one_project_amount(doc, r.number_start, r.span_end):
            return "other", value, found[1]  # "a … base … is worth"; 总投资5亿元的某某项目
        if metric == "signed_value" and _one_named_project(doc, r, place):
            return "other", value, found[1]  # 某某深加工项目正式签约，项目总投资3.6亿元
        before = doc.text[place.sentence[0] : r.number_start] if metric == "signed_value" else ""
        single = ("项目" in before or "project" in before) and _SINGLE_PROJECT.search(before)
        if single and not _SEVERAL_PROJECTS.search(before):
            return "other", value, found[1]  # "a … service project, is worth …"
        return metric, value, found[1]
    return _count_metric(doc, r, place)


def _one_project_amount(doc: _Doc, number_start: int, end: int) -> bool:
    """The worth of one plant or project, not of the deals: "a … base … is worth …" (the base
    the clause's subject), 总投资8亿元的某某项目 (the amount describing the project after it)."""
    clause_start = doc.clause(number_start)[0]
    return bool(
        _ONE_FACILITY_WORTH.search(doc.text, clause_start, number_start)
        or _AMOUNT_OF_ONE_PROJECT.match(doc.text, end)
    )


# A project named on its own, then its amount: 某某深加工项目正式签约，项目总投资3.6亿元.
_PROJECT_AMOUNT_OPENS = re.compile(r"\s*(?:该|这一|此)?项目(?:计划)?总?投资(?:额)?")
_ONE_PROJECT_SIGNED = re.compile(r"项目(?:正式|成功|顺利|现场)?(?:签约|落地|落户|开工|签订)")
_ZH_COUNT_IN = re.compile(rf"[0-9{_CN_DIGITS}十百]+\s*(?:个|项|批)")


def _one_named_project(doc: _Doc, r: _Reading, place: _Place) -> bool:
    """The amount opens its clause with 项目总投资 after a clause saying one project (no count of
    projects in the sentence) was signed or landed: that project's own investment."""
    if not _PROJECT_AMOUNT_OPENS.match(doc.text, place.clause[0]):
        return False
    before = doc.text[place.sentence[0] : place.clause[0]]
    return bool(_ONE_PROJECT_SIGNED.search(before)) and not _ZH_COUNT_IN.search(before)


# Deals named with their value, or as contracts for projects: what was signed, where no verb
# says so ("returning home with 18 cooperation agreements with a combined value of …").
_VALUE_AFTER = re.compile(
    r"\s*,?\s*(?:worth|valued\s+at|with\s+(?:an?\s+)?(?:combined|total|contract(?:ed)?)\s+"
    r"(?:contract\s+)?(?:value|investment|amount)\s+of|totall?ing)(?![a-z])"
)
_CONTRACTS_FOR = re.compile(r"(?<![a-z])(?:contracts|agreements|deals)\s+(?:for|covering)\s+$")


def _valued_deals(doc: _Doc, r: _Reading) -> bool:
    return bool(
        _VALUE_AFTER.match(doc.text, r.span_end)
        or _CONTRACTS_FOR.search(doc.text, max(0, r.number_start - 24), r.number_start)
    )


# Projects brought into a place (引进, 落地, 落户, "settled in"): a work report's count of the
# investment projects it signed and landed, as the corpus labels them (README: signed_count).
_LANDED = re.compile(
    r"引进|引入|落地|落户|承接|招引"
    r"|(?<![a-z])(?:settled|brought\s+in|introduced|landed|secured|attracted|lured|won)(?![a-z])"
)


_PLANNED = re.compile(rf"{_INTENDED.pattern}|计划|力争|目标|将")


def _landed_projects(doc: _Doc, r: _Reading, place: _Place) -> bool:
    """A count whose own noun is projects, in a clause saying they were brought in or landed,
    not intended (拟, 计划) nor still negotiated (在谈)."""
    if not _PROJECTISH.search(r.counted.lower()):
        return False
    # a bulletin's label is the count's clause too: "Projects landed in the city: 146"
    clause = doc.text[min(place.clause[0], r.span_start) : place.clause[1]]
    if not _LANDED.search(clause) or _PLANNED.search(clause):
        return False
    return not any("pipeline_count" in cue.kinds for cue in place.clause_cues)


# People counted (guests, "some 230 business people", 嘉宾): never projects signed, whatever
# the clause says of projects.
_PEOPLE_WORDS = (
    r"(?<![a-z])(?:guests?|people|persons?|participants?|attendees?|delegates?|visitors?"
    r"|representatives?|executives?|entrepreneurs?|researchers?|experts?)(?![a-z])"
)
_PEOPLE_COUNTED = re.compile(_PEOPLE_WORDS + r"|嘉宾|客商|企业家|代表")
_PEOPLE_NEXT = re.compile(r"\s+(?:[a-z-]+\s+){0,2}?" + _PEOPLE_WORDS)


_DEALS = re.compile(
    r"(?:[a-z-]+\s+){0,2}?(?:deals|contracts|agreements)"
    r"|[\u4e00-\u9fff]{0,4}?(?:合同|协议)|[份个项](?:[\u4e00-\u9fff]{0,4}?(?:合同|协议))"
)


# Deals that are not contracts of investment, or not signed yet.
_NOT_SIGNED_DEALS = re.compile(
    r"(?<![a-z])(?:draft|proposed|potential|possible|intended|preliminary|sales|purchase|"
    r"procurement|supply|order|labou?r|employment|loan|lease|rental)(?![a-z])"
    r"|采购|购销|劳动|用工|租赁|借款|意向|草案"
)


# Enterprises counted as signing (README: 11家企业签约, "14 companies signed agreements"): the
# firms the subject of the signing verb, with whom between; not a ceremony they attended.
_FIRMS = re.compile(r"企业|公司|(?<![a-z])(?:companies|firms|enterprises|investors)(?![a-z])")
_FIRMS_SIGN = re.compile(
    r"\s*(?:(?:与|同|和|跟)[^，。；,;]{1,20}?)?(?:现场|集中|成功|正式|分别)?(?:签约|签订|签署)"
    r"(?!仪式|活动|大会|现场会|区)"
    r"|(?:\s+[a-z-]+){0,2}?\s+(?:have\s+|had\s+)?(?:signed|inked)(?!\s+up)(?![a-z])"
)


def _counts_people(doc: _Doc, r: _Reading, counted: str) -> bool:
    return r.measure in ("位", "名") or bool(
        _PEOPLE_COUNTED.search(counted) or _PEOPLE_NEXT.match(doc.text, r.number_end)
    )


def _count_metric(doc: _Doc, r: _Reading, place: _Place) -> tuple[str, Decimal, _Cue | None]:
    counted = r.counted.lower()
    if _counted_by_size(doc, r, place):
        # "six projects each worth 1 billion yuan or more", 其中亿元以上项目8个: counted by size
        return "other", r.value, None
    if _PROJECTISH.search(counted or "-") and any(
        "pipeline_count" in cue.kinds
        for cue in place.cues
        if cue in place.clause_cues or r.span_start <= cue.start < r.number_start
    ):
        # 另有9个项目进入实质性洽谈阶段, 5个项目签订了投资意向书: negotiated, not signed
        return "pipeline_count", r.value, None
    if (
        _PROJECTISH.search(counted)
        and _ZH_VALUE_AFTER.match(doc.text, r.span_end)
        and not _target(doc, r)
    ):
        return "signed_count", r.value, None  # 共引进…投资项目38个，签约金额56.3亿元
    if (
        r.partitive
        and not counted
        and (_WERE_SIGNED.match(doc.text, r.number_end) or _WERE_SIGNED.match(doc.text, r.span_end))
    ):
        return "signed_count", r.value, None  # "Of the projects, 11 were signed on site"
    if (
        r.partitive
        and not counted
        and _OF_THE_SIGNED.fullmatch(doc.text, place.sentence[0], r.number_start)
    ):
        return "signed_count", r.value, None  # "Of the 25 agreements signed, 10 involve …"
    if r.partitive and not counted:
        # "22 are in …": the total's metric (_parts_of_totals), unless "another 19 are being
        # negotiated" says its own.
        pipeline = _choose(r, place, {"pipeline_count"})
        return ("pipeline_count" if pipeline else "other"), r.value, None
    if _TOURISTS.search(counted) or (
        _VISITS.fullmatch(counted) and _TOURISTS.search(doc.text, *place.clause)
    ):
        # 接待游客427.5万人次, "tourists made 1.2 million visits": a statistic, not guests
        return "indicator_value", r.value, None
    if _LEADS.search(counted):
        return "pipeline_count", r.value, None  # "collected 41 investment leads"
    projects = bool(
        _PROJECTISH.search(counted)
        or _PROJECTISH.search(doc.text, *place.clause)
        # 在签约项目中，现场签约的有7个: a bare 个 counts what its sentence counts.
        or (
            not counted
            and r.measure in ("", "个")
            and _PROJECTISH.search(doc.text, *place.sentence)
        )
        # 哈尔滨市签约9个, 共签约11项: what is signed by the 个 or 项 are projects
        or (
            ((not counted and r.measure == "个") or counted == "项")
            and _SIGNED_JUST_BEFORE.search(doc.text, max(0, r.number_start - 6), r.number_start)
        )
    )
    events = bool(_EVENTISH.search(counted)) or r.measure in _EVENT_MEASURES

    people = _counts_people(doc, r, counted)

    def accept(kind: str) -> bool:
        if kind == "signed":
            # "… projects signed and 200 guests", "Three counties signed 20 deals": the
            # people or the places that signed are not what was signed
            # (nor the meetings held after "signed 3 agreements … and held 12 meetings")
            return projects and not people and not _PLACES.search(counted) and not events
        if kind == "yielded":  # "yielded 22 deals", not "generated 3,000 jobs"
            return bool(_PROJECTISH.search(counted)) and not people
        if kind == "event":
            return events
        if kind in ("participant_count", "organization_count", "attract"):
            return not _PROJECTISH.search(counted) and not _TASK_FORCES.search(counted)
        return True

    if projects and (
        r.signed_label
        or _SIGNED_IN_NOUN.search(doc.text, r.number_start, r.span_end)
        or _in_signed_list(doc, r.number_start)
    ):
        return "signed_count", r.value, None  # "fourteen signed projects", "Projects signed: 36"
    if _landed_projects(doc, r, place):
        return (
            "signed_count",
            r.value,
            None,
        )  # 全年引进无锡企业投资项目33个, "41 projects … settled"
    if _FIRMS.search(counted) and not people and _FIRMS_SIGN.match(doc.text, r.span_end):
        return "signed_count", r.value, None  # 11家企业与汕头市签约, "14 firms signed with"
    if _FUNDED.search(doc.text, r.number_start, r.span_end) and not projects:
        return "organization_count", r.value, None  # 7,600 Jiangsu-funded enterprises
    found = _choose(r, place, set(_COUNT_METRICS), accept)
    if found is None and _PROJECTISH.search(counted) and _valued_deals(doc, r):
        return "signed_count", r.value, None  # "with 22 projects worth 6.4 billion yuan"
    if found is None and place.clause[0] == place.sentence[0] and not projects:
        # The subject of its sentence takes the sentence's verb, however far: "More than 300
        # entrepreneurs from Nanjing, Suzhou and other cities attended."
        later = [cue for cue in place.cues if cue.start >= place.clause[1]]
        found = _nearest(later, r, {"participant_count", "attract"}, accept)
    if found is None and place.clause[0] == place.sentence[0] and _PROJECTISH.search(counted):
        # Projects as the subject, the verb after a clause between: "Twenty-one projects,
        # with …, were clinched", "18 deals, most in manufacturing, were signed".
        later = [cue for cue in place.cues if cue.start >= place.clause[1]]
        found = _nearest(later, r, {"signed", "pipeline_count"}, accept)
    if found:
        if found[0] == "attract":  # drawn to an event, or to a place (the park attracted …)
            events_named = any("event" in cue.kinds for cue in place.cues)
            kind = "participant_count" if events_named else "organization_count"
            return kind, r.value, found[1]
        return _COUNT_METRICS[found[0]], r.value, found[1]
    if _PLACES.search(counted):  # 十三地市纷纷南下广东，举行旅游招商推介会: places holding events
        later = [cue for cue in place.cues if cue.start >= place.clause[1]]
        if _nearest(later, r, {"event"}):
            return "event_count", r.value, None
    if events:
        return "event_count", r.value, None
    if (
        _DEALS.fullmatch(counted)
        and not _NOT_SIGNED_DEALS.search(doc.text, max(0, r.span_start - 8), r.span_end)
        and not people
    ):
        # "compare with 15 deals at last year's edition": a deal or a contract is signed, no
        # verb needed (intended or negotiated ones have cue words of their own)
        return "signed_count", r.value, None
    if _PARTICIPANTS.search(counted):
        return "participant_count", r.value, None
    return "other", r.value, None


def _quote_span(doc: _Doc, r: _Reading, place: _Place, reach, metric: str, metric_cue):
    """The number with its own words (qualifier, counted noun, built-in cue), reaching out
    within its clause, up to the numbers either side (`reach`) and as far as the window, to the
    nearest cue words of its metric, to "a total of"/共 and to the subset's words (现场签约,
    工业项目); to its metric's cue before it however far (利用广东资金19.5亿元)."""
    start, end = r.span_start, r.span_end
    back, forward = doc.window(r.number_start)
    low, high = max(reach[0], start - back), min(reach[1], end + forward)
    wanted = _METRIC_FAMILY.get(metric, set()) | _QUOTE_ALWAYS
    for cue in place.clause_cues:
        if low <= cue.start and cue.end <= high and cue.kinds & wanted:
            start, end = min(start, cue.start), max(end, cue.end)
    if metric_cue is not None and reach[0] <= metric_cue.start < r.number_start:
        start = min(start, metric_cue.start)
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return start, end


# The predicate of a subject the figure is in, after an aside: "Twelve of the projects, worth
# 3 billion yuan, were signed on site" (both figures), "Eight of them, including …, were inked
# on site".
_ON_SITE_RIGHT_AFTER = re.compile(
    r"\s+(?:were|was|have\s+been|had\s+been)\s+(?:all\s+)?(?:signed|inked|sealed|concluded)\s+"
    r"(?:on[-\s]site|on\s+(?:the\s+)?stage|on\s+the\s+spot|at\s+the\s+venue)(?![a-z])"
)
_ON_SITE_PREDICATE = re.compile(
    r"(?:[^.;]|\.(?=[0-9])){0,80}?,\s*(?:were|was|have\s+been|had\s+been)\s+(?:all\s+)?"
    r"(?:signed|inked|sealed|concluded)\s+(?:on[-\s]site|on\s+(?:the\s+)?stage|on\s+the\s+spot"
    r"|at\s+the\s+venue)(?![a-z])"
)


def _subset(doc: _Doc, r: _Reading, place: _Place, metric: str) -> dict:
    """现场签约 / 工业项目 in the figure's clause, or earlier in its sentence (其中现场签约工业项目
    32个，签约额292.93亿元: both figures are of the subset). Not for the amounts of `other` (a
    single project's, an intended one), nor across 另有 / "another", which starts a new set."""
    if metric == "pipeline_count" or (metric == "other" and r.unit != "count"):
        return {}  # an `other` count keeps its words for now: it may be a part of a total
    if r.unit in ("years", "rank"):
        return {}  # "worked on tourism for two decades": a length or a rank has no subset
    apart = _APART.regex.search(doc.text, place.clause[0], r.number_start)
    cues = place.clause_cues if apart else place.earlier_cues + place.clause_cues
    subset: dict = {}
    if any("on_site" in cue.kinds for cue in cues) or _ON_SITE_PREDICATE.match(
        doc.text, r.span_end, doc.sentence(r.number_start)[1]
    ):
        subset["signed_on_site"] = True
    own = [cue for cue in place.clause_cues if _names_category(doc, r, cue)]
    categories = own or [cue for cue in cues if _names_category(doc, r, cue)]
    if categories:  # the clause's own category first ("…, and 4 were tourism projects")
        before = [cue for cue in categories if cue.end <= r.number_start]
        # the words right after the number name its own kind: "11 farm projects and nine
        # tourism projects"; right before it in Chinese: 工业项目31个
        adjacent = [c for c in categories if r.number_start < c.start <= r.number_end + 2]
        # … unless one ends right before it (工业项目10个、农业项目8个: the 10 are industrial)
        just_before = [c for c in before if r.number_start - 2 <= c.end]
        if just_before:
            adjacent = just_before[-1:]
        chosen = adjacent[0] if adjacent else before[-1] if before else categories[0]
        subset["category"] = min(chosen.kinds & _CATEGORY_KINDS).split(":", 1)[1]
    return subset


_APART = _Vocabulary([("apart", r"另有 另外 此外 another in\s+addition besides")])
_CATEGORY_VERB = re.compile(r"involve|concern|cover")


def _names_category(doc: _Doc, r: _Reading, cue: _Cue) -> bool:
    """Whether a cue names the figure's category: "five cover port logistics" only for the
    number right before its verb (not "valued at … and cover textiles, fruit processing")."""
    if not cue.kinds & _CATEGORY_KINDS:
        return False
    return not _CATEGORY_VERB.match(doc.text, cue.start) or (
        r.number_start < cue.start <= r.number_end + 2
    )


def _period_hint(doc: _Doc, r: _Reading, sentence) -> str:
    """The time words of the figure's sentence nearest before it, else the first after it."""
    spans = [
        (start, end)
        for start, end in doc.periods_in(sentence)
        if not (start < r.span_end and end > r.span_start)
    ]
    before = [span for span in spans if span[1] <= r.number_start]
    chosen = before[-1] if before else (spans[0] if spans else None)
    return doc.original[chosen[0] : chosen[1]] if chosen else ""
