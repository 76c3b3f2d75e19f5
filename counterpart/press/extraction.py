"""From an article to proposals: figures with their scope, events, organisations and regions.

The finders in ``extract/`` read numbers, dates, events and names; this module links them, which
is rule work no library does: a count of signed projects belongs to the event reported in its
sentence or just before it ("会上，共签约项目56个"), unless the sentence places it in another
period ("去年同期签约45个"); a "其中…" subset keeps the event of its total; funds name their
source region in their own words ("利用广东资金"). Only the article's content is read, never
its furniture.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from rapidfuzz import fuzz

from counterpart.events.models import Event
from counterpart.geo.models import Region, RegionLevel
from counterpart.organizations.models import Organization, OrganizationAlias

from .extract.dates import PeriodMention, find_periods
from .extract.events import EventMention, find_events
from .extract.figures import FigureMention, find_figures
from .extract.names import REGION, NameMention, Registry, propose_organizations, region_short_names
from .extract.tables import TOTAL_ROW
from .models import Metric
from .text import Article

# Figures that describe an event (signed at it, attending it); others describe a period or region.
EVENT_METRICS = {
    Metric.SIGNED_COUNT,
    Metric.SIGNED_VALUE,
    Metric.PARTICIPANT_COUNT,
    Metric.ORGANIZATION_COUNT,
    Metric.PIPELINE_COUNT,  # 另有9个项目进入洽谈阶段: negotiated at the event
}
SENTENCE_END = re.compile(r"[。！？；!?;]|\n|\.(?=\s|$)")
PARAGRAPH_END = re.compile(r"\n")
# "去年" / "last year" without a period mention the finder dates: relative to publication.
LAST_YEAR = re.compile(r"去年|上年|last year|the previous year", re.IGNORECASE)
MATCH_TITLE = 85  # rapidfuzz partial ratio for an article's event title to match the ledger's
MATCH_TITLE_UNDATED = 92  # … when the article gives no day for it
SAME_TITLE = 80  # two mentions in one article with titles this close are one event


@dataclass(frozen=True)
class ScopedFigure:
    mention: FigureMention
    event: int | None = None  # index into Extraction.events
    period: tuple[datetime.date, datetime.date] | None = None
    region: int | None = None  # Region pk
    source_region: int | None = None


@dataclass
class Extraction:
    """Offsets are the article text's (the content's shifted by its start)."""

    article: Article
    figures: list[ScopedFigure] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    names: list[NameMention] = field(default_factory=list)  # known organisations and regions
    proposed_organizations: list[NameMention] = field(default_factory=list)

    def offset(self, position: int) -> int:
        return position + self.article.content_start


# ---------------------------------------------------------------------------- the registry


def ledger_registry() -> Registry:
    """Every organisation's names and aliases, and regions down to prefectures with their
    short names (哈尔滨, 黑龙江) plus counties by full name, in one automaton."""
    entries: list[tuple[str, str, object]] = []
    for pk, name_zh, name_en in Organization.objects.values_list("pk", "name_zh", "name_en"):
        entries += [(name, "organization", pk) for name in (name_zh, name_en) if name]
    for pk, alias in OrganizationAlias.objects.values_list("organization_id", "alias"):
        entries.append((alias, "organization", pk))
    for pk, name_zh, name_en, level in Region.objects.values_list(
        "pk", "name_zh", "name_en", "level"
    ):
        entries += [(name, REGION, pk) for name in (name_zh, name_en) if name]
        if level in (RegionLevel.PROVINCE, RegionLevel.PREFECTURE):
            entries += [(short, REGION, pk) for short in region_short_names(name_zh)]
    return Registry(entries)


# ---------------------------------------------------------------------------- extracting


def extract(article: Article, registry: Registry) -> Extraction:
    content = article.content
    lang, published = article.language, article.published
    events = distinct_events(find_events(content, lang, published))
    names = registry.find(content)
    context = _Context(
        text=content,
        sentences=_sentence_starts(content),
        paragraphs=[0] + [m.end() for m in PARAGRAPH_END.finditer(content)],
        events=events,
        periods=[
            period
            for period in find_periods(content, lang, published)
            if not any(e.title_start <= period.start < e.title_end for e in events)
            and not any(_dates_event(period, e, content) for e in events)
        ],
        names=names,
        published=published,
        figure_places=_places_of_figures(content, names, events),
    )
    figures = _subsets_of_totals(
        _tables_scoped_by_their_totals(
            [
                _scope(mention, context)
                for mention in find_figures(content, lang)
                if not _inside_a_name(mention, names)
            ]
        )
    )
    shift = article.content_start
    return Extraction(
        article=article,
        figures=[_shifted_figure(figure, shift) for figure in figures],
        events=[_shifted(event, shift) for event in events],
        names=[_shifted(name, shift) for name in names],
        proposed_organizations=[
            _shifted(name, shift) for name in propose_organizations(content, lang, names)
        ],
    )


TITLE_NOISE = re.compile(r"[“”\"'‘’《》「」『』()（）\-—–·\s]")


CLAUSE_BREAK = re.compile(r"[,;.，。；]")
ENDS_WITH_IN = re.compile(r"\bin\s+\Z")


def _dates_event(period, event, text: str) -> bool:
    """Whether a month named is the day of an event just named before it, in its clause: "the X
    Conference in Chongqing in June" is the conference's month, not the period of the figures
    around it."""
    if not (event.title_end <= period.start <= event.title_end + 60):
        return False
    if period.first.month == 1 and period.last.month == 12:
        return False  # a year is no event's day
    between = text[event.title_end : period.start]
    return not CLAUSE_BREAK.search(between) and bool(ENDS_WITH_IN.search(between))


def distinct_events(events: list[EventMention]) -> list[EventMention]:
    """One mention per event: a headline ("七台河江门合作推介会举行") and the story's sentence
    ("“七台河—江门对口合作项目推介会”在江门市举行") name the same event; the dated one stays."""
    kept: list[EventMention] = []
    for event in events:
        title = TITLE_NOISE.sub("", event.title)
        same = next(
            (
                index
                for index, other in enumerate(kept)
                if fuzz.ratio(title, TITLE_NOISE.sub("", other.title)) >= SAME_TITLE
                and (not event.first or not other.first or event.first == other.first)
            ),
            None,
        )
        if same is None:
            kept.append(event)
        elif kept[same].first is None and event.first is not None:
            kept[same] = event
    return kept


def _inside_a_name(mention: FigureMention, names: list[NameMention]) -> bool:
    """A numeral that is part of a known name: 七台河 is a city, not seven of something."""
    return any(name.start <= mention.number_start < name.end for name in names)


def _sentence_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in SENTENCE_END.finditer(text)]


def _bounds(starts: list[int], position: int, text: str) -> tuple[int, int]:
    index = bisect.bisect_right(starts, position) - 1
    end = starts[index + 1] if index + 1 < len(starts) else len(text)
    return starts[index], end


@dataclass(frozen=True)
class _Context:
    """What the scope rules look at, computed once per article."""

    text: str
    sentences: list[int]
    paragraphs: list[int]
    events: list[EventMention]
    periods: list[PeriodMention]
    names: list[NameMention]
    published: datetime.date | None
    figure_places: list[NameMention]  # the region names that may be a figure's region


def _scope(mention: FigureMention, context: _Context) -> ScopedFigure:
    text = context.text
    if mention.column_start >= 0:
        return ScopedFigure(mention, None, _column_period(mention, context), None, None)
    start, end = _bounds(context.sentences, mention.start, text)
    paragraph_start = _bounds(context.paragraphs, mention.start, text)[0]
    cumulative = bool(CUMULATIVE.search(text[start : mention.end]))
    period_mention = _period_mention(mention, context, start, end, paragraph_start)
    event = None
    visited = mention.metric != Metric.ORGANIZATION_COUNT or VISITED.search(text, start, end)
    # "目前，…在谈项目132个": the pipeline as of the publication, not an event's
    pending_now = mention.metric == Metric.PIPELINE_COUNT and NOW.search(text, start, end)
    # 比上届增长18%, "rose 18 percent from last year's edition": the event's growth, whose
    # "last year" is the edition compared with, not its period
    edition = mention.metric == Metric.GROWTH and bool(
        LAST_EDITION.search(text, start, min(end, mention.end + 40))
    )
    if edition:
        period_mention = None
    scoped_as_event = mention.metric in EVENT_METRICS or mention.sized or edition
    if scoped_as_event and not cumulative and visited and not pending_now:
        event = _event_before(mention, context.events, start)
        if event is None and period_mention is None:
            event = _event_named_next(mention, context, end)
    if event is not None and period_mention is not None:
        # Whichever the text names last before the figure scopes it: "2023年，…签约78个"
        # is the year's; "2023年…。会上签约19个" is the meeting's.
        if period_mention.start > context.events[event].start or (
            start <= period_mention.start and context.events[event].start < start
        ):
            event = None
        else:
            period_mention = None
    period = _period(mention, period_mention, context) if event is None else None
    if cumulative and period_mention is None:
        period = None
    if (
        period is not None
        and period_mention is not None
        and not LAST_YEAR.search(period_mention.quote)
        and _same_period_a_year_before(mention, text, start)
    ):
        period = _a_year_before(period)
    named = [n for n in context.names if n.kind == REGION and start <= n.start < end]
    named_inside = [n for n in named if mention.start <= n.start < mention.end]
    source = named_inside[0].key if named_inside and mention.metric in _SOURCED else None
    regions = [n for n in context.figure_places if start <= n.start < end]
    inside = [n for n in regions if mention.start <= n.start < mention.end]
    before = [n for n in regions if n.start < mention.start and n not in inside]
    region = before[-1].key if before else (inside[0].key if inside and not source else None)
    return ScopedFigure(mention, event, period, region, source)


_SOURCED = {Metric.FUNDS_IN_PLACE, Metric.SOURCE_RANK, Metric.PIPELINE_COUNT}
# A baseline of the same period a year before, given for comparison: 上年同期为36个,
# 去年同期签约项目为20个, "up from 44 in the same period last year" (not a change against it:
# 比上年同期增加3亿元, "rose by … over the same period last year").
ZH_SAME_PERIOD_BEFORE = re.compile(
    r"(?<![比较])(?:上年|去年|上一年)同期[\u4e00-\u9fff]{0,6}?(?:为|是|有|仅|共)?\s*$"
)
EN_COMPARED_BEFORE = re.compile(r"\b(?:from|with|against|versus)\s+(?:about\s+|some\s+)?$", re.I)
EN_SAME_PERIOD_AFTER = re.compile(
    r"\s*(?:[a-z-]+\s+){0,2}?(?:in|during)\s+the\s+(?:same|corresponding)\s+period\s+"
    r"(?:of\s+)?(?:last|the\s+previous)\s+year\b",
    re.IGNORECASE,
)
_COMPARABLE = {Metric.GROWTH, Metric.SHARE, Metric.SOURCE_RANK}


def _same_period_a_year_before(mention: FigureMention, text: str, sentence_start: int) -> bool:
    if mention.metric in _COMPARABLE:
        return False
    low = max(sentence_start, mention.number_start - 16)
    if ZH_SAME_PERIOD_BEFORE.search(text, low, mention.number_start):
        return True
    return bool(
        EN_COMPARED_BEFORE.search(text, low, mention.number_start)
        and EN_SAME_PERIOD_AFTER.match(text, mention.number_end)
    )


def _a_year_before(
    period: tuple[datetime.date, datetime.date],
) -> tuple[datetime.date, datetime.date]:
    def back(day: datetime.date) -> datetime.date:
        try:
            return day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            return day.replace(year=day.year - 1, day=28)

    return back(period[0]), back(period[1])


# A running total: no event's, and no period unless one is stated ("2017年以来累计…").
CUMULATIVE = re.compile(r"累计|至今|迄今|so far|to date|cumulative|in total since", re.IGNORECASE)
WHOLE_YEAR = re.compile(
    r"\s*(?:全年|一年来|这一年|throughout the year|over the (?:whole|past) year"
    r"|for the (?:whole|full) year)",
    re.IGNORECASE,
)
# Counts of organisations belong to an event only when it visited them ("走访企业16家").
VISITED = re.compile(r"走访|拜访|考察|调研|洽谈|对接|visit|met with|called on|talks with", re.I)
NOW = re.compile(r"目前|当前|现阶段|currently|at present|as of now", re.IGNORECASE)
ADJACENT_PERIOD = re.compile(r"\s*(?:in|during)?\s*", re.IGNORECASE)
# The next sentence opening on what was just signed: "The deals were inked at the …".
POINTS_BACK = re.compile(
    r"\b(?:the|these|those)\s+(?:deals|agreements|contracts|projects)\s+(?:were|was)\s+"
    r"(?:signed|inked|sealed|clinched)\b|这些项目|上述项目|签约项目均",
    re.IGNORECASE,
)
LAST_EDITION = re.compile(
    r"上届|上一届|(?:last|previous)\s+year['’]s\s+(?:edition|event|fair|forum|conference|expo|week)"
    r"|the\s+previous\s+edition",
    re.IGNORECASE,
)
# Where an event was held names no figure's region: 在深圳举行的推介会上签约12个 are not
# Shenzhen's projects ("哈尔滨市在深圳举行推介会" leaves Harbin), nor are those of a conference
# "held in Shenzhen".
HELD_BEFORE_ZH = re.compile(r"[在于]$")
HELD_AFTER_ZH = re.compile(
    r"(?:市|省|区|县)?\s*(?:隆重|成功|盛大)?(?:举行|举办|召开|开幕|闭幕|启幕)"
)
HELD_BEFORE_EN = re.compile(
    r"\b(?:held|hosted|staged|convened|opened|closed|took place|was (?:held|staged))"
    r"(?:\s+\w+){0,3}?\s+in\s+$",
    re.IGNORECASE,
)
# Nor does the place money, companies or visitors come from (利用深圳资金, "from Shandong").
AS_A_SOURCE = re.compile(
    r"(?:市|省|区|县)?"
    r"(?:资金|企业|客商|籍|游客|商会|资本|民营企业|知名企业|重点企业|龙头企业|援建|援助)"
    r"|(?:\s*-\s*|\s+)(?:funded|invested|based|enterprises|companies|firms|investors|capital|"
    r"tourists|visitors|businesses|entrepreneurs|chambers?|aid|aided)\b",
    re.IGNORECASE,
)
FROM_BEFORE = re.compile(r"(?:来自|\bfrom\s+)$", re.IGNORECASE)
PERIOD_RANGE = re.compile(r"\s(?:to|through)\s|[-–—~～至到]")
THIS_YEAR = re.compile(r"今年|本年|this year", re.IGNORECASE)
# "2017年以来", "since 2017", "今年以来": from the period's start up to the publication.
SINCE_AFTER = re.compile(r"以来|至今")
SINCE_BEFORE = re.compile(
    r"(?:since|from)\s+(?:the\s+(?:start|beginning)\s+of\s+)?$"
    # "since the two cities established the cooperation relationship in 2017"
    r"|\bsince\b[^,.;]{0,90}?\b(?:in|of)\s+$",
    re.IGNORECASE,
)


def _places_of_figures(
    text: str, names: list[NameMention], events: list[EventMention]
) -> list[NameMention]:
    """The regions named that may be a figure's: neither a venue, nor a pair an event's title
    names, nor where money or companies come from. Computed once per article."""
    regions = [name for name in names if name.kind == REGION]
    pairs = [
        (event.title_start, event.title_end)
        for event in events
        if len({n.key for n in regions if event.title_start <= n.start < event.title_end}) > 1
    ]
    return [
        name
        for name in regions
        if not _where_held(text, name)
        and not _as_a_source(text, name)
        and not any(start <= name.start < end for start, end in pairs)
    ]


def _as_a_source(text: str, name: NameMention) -> bool:
    """利用深圳资金, 天津企业投资项目, 广东游客, "Foshan-funded enterprises": the place the money,
    companies or visitors come from, not the region the figure is about (a figure's own source
    region is read apart, ``_SOURCED``)."""
    if FROM_BEFORE.search(text, max(0, name.start - 8), name.start):
        return True
    return bool(AS_A_SOURCE.match(text, name.end))


def _where_held(text: str, name: NameMention) -> bool:
    before = text[max(0, name.start - 40) : name.start]
    if HELD_BEFORE_EN.search(before):
        return True
    return bool(HELD_BEFORE_ZH.search(before) and HELD_AFTER_ZH.match(text, name.end))


def _period_mention(
    mention: FigureMention, context: _Context, start: int, end: int, paragraph_start: int
) -> PeriodMention | None:
    """The period the figure's sentence names (the last before the figure, else the first
    after it), else the last one named earlier in its paragraph."""
    here = [p for p in context.periods if start <= p.start < end]
    # "signed 9 projects in 2023, and 15 in 2024": the period right after the figure is its own
    adjacent = [p for p in here if ADJACENT_PERIOD.fullmatch(context.text, mention.end, p.start)]
    if adjacent:
        return adjacent[0]
    before = [p for p in here if p.start <= mention.start]
    if before:
        return before[-1]
    # after the figure: its period ("… in 2023"), not the start of a comparison ("the highest
    # since the two provinces were paired in 2017")
    here = [p for p in here if not _since(context.text, p)]
    if here:
        return here[0]
    lead = _list_lead(context.text, start)
    if lead is not None:  # "2025年…主要指标如下：" then "· 新签约项目28个": the list's period
        in_lead = [p for p in context.periods if lead[0] <= p.start < lead[1]]
        if in_lead:
            return in_lead[-1]
    if NOW.search(context.text, start, end) or mention.metric == Metric.PIPELINE_COUNT:
        return None  # "目前…": as of the publication, not the paragraph's period
    earlier = [p for p in context.periods if paragraph_start <= p.start < start]
    if earlier:
        return earlier[-1]
    if paragraph_start > 0 and BACK_TO_THE_SIGNED.match(context.text, paragraph_start):
        # "The contracts carry a combined value of …" opening the paragraph after "signed 34
        # projects in the first half": the period of the paragraph it points back to
        last = len(context.text[:paragraph_start].rstrip()) - 1  # (past blank lines)
        before = _bounds(context.paragraphs, max(0, last), context.text)[0]
        earlier = [p for p in context.periods if before <= p.start < paragraph_start]
        if earlier and not NOW.search(context.text, start, end):
            return earlier[-1]
    if WHOLE_YEAR.match(context.text, start):  # "全年，…": the year the article spoke of last
        years = [
            p
            for p in context.periods
            if p.start < start
            and (p.first.month, p.first.day, p.last.month, p.last.day) == (1, 1, 12, 31)
        ]
        return years[-1] if years else None
    return None


# A paragraph opening on what the paragraph before counted as signed.
BACK_TO_THE_SIGNED = re.compile(
    r"\s*(?:(?:The|These|Those)\s+(?:\w+\s+)?(?:contracts|deals|agreements|projects)\b"
    r"|(?:这些|上述|这批)(?:签约)?(?:项目|协议|合同))"
)
LIST_ITEM = re.compile(r"[ \t　]*[-•*·‧●▪◦][ \t　]*\S")
LEAD_END = re.compile(r"[:：][ \t　]*$")


def _list_lead(text: str, start: int) -> tuple[int, int] | None:
    """For a figure on a bulleted line, the line that leads the list (ending in a colon, the
    first line above the items that is not one of them), else None."""
    line_start = text.rfind("\n", 0, start) + 1
    if not LIST_ITEM.match(text, line_start):
        return None
    position = line_start
    for _ in range(30):  # items back to the lead
        if position == 0:
            return None
        previous = text.rfind("\n", 0, position - 1) + 1
        line = text[previous : position - 1]
        position = previous
        if not line.strip() or LIST_ITEM.match(line):
            continue
        return (previous, previous + len(line)) if LEAD_END.search(line) else None
    return None


def _since(text: str, period: PeriodMention) -> bool:
    if PERIOD_RANGE.search(period.quote):
        return False  # "From January to October": a range, not "since January"
    return bool(SINCE_BEFORE.search(text, max(0, period.start - 100), period.start))


_BARE_YEAR = re.compile(r"\s*((?:19|20)[0-9]{2})\s*")


def _column_period(
    mention: FigureMention, context: _Context
) -> tuple[datetime.date, datetime.date] | None:
    """The period an indicator table's column header names: 2025年上半年, or a bare year."""
    low, high = mention.column_start, mention.column_end
    named = [p for p in context.periods if low <= p.start < high]
    if named:
        return _period(mention, named[0], context)
    year = _BARE_YEAR.fullmatch(context.text, low, high)
    if year is None:
        return None
    return datetime.date(int(year[1]), 1, 1), datetime.date(int(year[1]), 12, 31)


def _period(
    mention: FigureMention, period: PeriodMention | None, context: _Context
) -> tuple[datetime.date, datetime.date] | None:
    published, text = context.published, context.text
    if period is not None:
        # "2017年以来", "自2017年两市建立对口合作关系以来", "since 2017"
        since = SINCE_AFTER.search(text, period.end, max(period.end, mention.start)) or _since(
            text, period
        )
        if since and published and published > period.first:
            return period.first, published
        if THIS_YEAR.fullmatch(period.quote) and published and period.first <= published:
            return period.first, min(period.last, published)  # "this year": so far
        return period.first, period.last
    if published and LAST_YEAR.search(mention.period_hint or ""):
        year = published.year - 1
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if published and mention.metric == Metric.PIPELINE_COUNT:  # "目前…132个": on the day
        return published, published
    return None


def _event_before(
    mention: FigureMention, events: list[EventMention], sentence_start: int
) -> int | None:
    """The event reported in the figure's sentence, else the nearest one before it ("A total of
    192 projects were signed in this event", paragraphs after the event's own sentence)."""
    best = None
    for index, event in enumerate(events):
        if (
            event.start <= mention.start < event.end
            or sentence_start <= event.start <= mention.start
        ):
            return index
        if event.end <= mention.start:
            best = index
    return best


def _event_named_next(mention: FigureMention, context: _Context, sentence_end: int) -> int | None:
    """A lede's figure before any event is named ("… signed 14 projects on Tuesday. The deals
    were inked at the … Conference"): the event the next sentence names, if it opens by
    pointing back at what was signed."""
    if not context.events:
        return None
    first = context.events[0]
    if not sentence_end <= first.start <= sentence_end + 80:
        return None
    opening = POINTS_BACK.search(context.text, sentence_end, first.title_start)
    return 0 if opening else None


def _tables_scoped_by_their_totals(figures: list[ScopedFigure]) -> list[ScopedFigure]:
    """A table whose rows add up to a total stated before it (签约项目55个, then 12+9+7+27 by
    county) breaks that total down: its rows take the total's event and period, which the
    sentence rules cannot see from a row that names neither."""
    sums: dict[tuple[int, str], Decimal] = {}
    for figure in figures:
        if figure.mention.table >= 0 and not _total_row(figure):
            key = (figure.mention.table, figure.mention.metric)
            sums[key] = sums.get(key, Decimal(0)) + figure.mention.value
    if not sums:
        return figures
    scopes = {}
    for (table, metric), total in sums.items():
        earlier = [
            f
            for f in figures
            if f.mention.start < table
            and f.mention.table < 0
            and f.mention.metric == metric
            and not f.mention.subset
            and f.mention.value == total
        ]
        if earlier:
            scopes[table, metric] = earlier[-1]
    kept = []
    for figure in figures:
        total = scopes.get((figure.mention.table, figure.mention.metric))
        if total is not None:
            figure = dataclasses.replace(figure, event=total.event, period=total.period)
        kept.append(figure)
    return kept


def _total_row(figure: ScopedFigure) -> bool:
    return bool(TOTAL_ROW.match(figure.mention.quote))


def _subsets_of_totals(figures: list[ScopedFigure]) -> list[ScopedFigure]:
    """A subset is a part of a total the text also gives ("签约项目56个，其中现场签约18个"); a
    figure whose scope has no total of its metric is that scope's total, whatever its words."""
    totals = {(f.event, f.period, f.mention.metric) for f in figures if not f.mention.subset}
    # A scope whose only total is said to be signed on site (现场签约项目17个，其中工业项目11个):
    # that figure is the total, and the kinds after it are still its parts.
    on_site_totals: dict[tuple, int] = {}
    for index, figure in enumerate(figures):
        key = (figure.event, figure.period, figure.mention.metric)
        if key not in totals and key not in on_site_totals and figure.mention.subset == ON_SITE:
            on_site_totals[key] = index
    kept = []
    for index, figure in enumerate(figures):
        key = (figure.event, figure.period, figure.mention.metric)
        scoped = figure.event is not None or figure.period is not None
        if figure.mention.subset and key not in totals and scoped:
            total = on_site_totals.get(key)
            if total is None or total == index:
                subset = {}
            else:
                subset = {k: v for k, v in figure.mention.subset.items() if k == "category"}
            mention = dataclasses.replace(figure.mention, subset=subset)
            figure = dataclasses.replace(figure, mention=mention)
        kept.append(figure)
    return kept


ON_SITE = {"signed_on_site": True}


def _shifted(mention, shift: int):
    values = {"start": mention.start + shift, "end": mention.end + shift}
    for name in ("title_start", "title_end", "number_start", "number_end"):
        if hasattr(mention, name):
            values[name] = getattr(mention, name) + shift
    return type(mention)(**{**mention.__dict__, **values})


def _shifted_figure(figure: ScopedFigure, shift: int) -> ScopedFigure:
    return ScopedFigure(**{**figure.__dict__, "mention": _shifted(figure.mention, shift)})


# ---------------------------------------------------------------------------- the ledger's event


def matching_event(mention: EventMention, published: datetime.date | None = None) -> Event | None:
    """The ledger's event an article's event is: a title that matches closely, in either
    language, and the same first day when the article gives one (else a year around the
    publication date, and a closer title)."""
    candidates = Event.objects.all()
    if mention.first:
        window = datetime.timedelta(days=1)
        candidates = candidates.filter(
            start_date__range=(mention.first - window, mention.first + window)
        )
        threshold = MATCH_TITLE
    else:
        if published is None or not mention.title:
            return None
        window = datetime.timedelta(days=366)
        candidates = candidates.filter(start_date__range=(published - window, published))
        threshold = MATCH_TITLE_UNDATED
    best, best_score = None, 0.0
    fields = ("pk", "code", "kind", "title_zh", "title_en", "start_date", "end_date")
    for event in candidates.only(*fields):
        score = max(
            _title_score(mention.title, title, dated=mention.first is not None)
            for title in (event.title_zh, event.title_en)
        )
        if _same_days_and_kind(mention, event):
            # A visit is named by what it did ("赴广东开展上门招商"), not by a title.
            score = max(score, threshold)
        if score >= threshold and score > best_score:
            best, best_score = event, score
    return best


def _title_score(mentioned: str, title: str, dated: bool) -> float:
    """How closely a mention's title matches an event's. Undated, a mention must name most of
    the title: a bare head noun (签约仪式, "the forum") is part of many titles, and without
    its day it would match any of the year's events."""
    if not mentioned or not title:
        return 0.0
    if not dated and len(mentioned) * 2 < len(title):
        return fuzz.ratio(mentioned, title)
    return fuzz.partial_ratio(mentioned, title)


def _same_days_and_kind(mention: EventMention, event: Event) -> bool:
    return (
        mention.first is not None
        and mention.kind == event.kind
        and mention.first == event.start_date
        and (mention.last or mention.first) == (event.end_date or event.start_date)
        and mention.last != mention.first  # several days: a single day is too common
    )
