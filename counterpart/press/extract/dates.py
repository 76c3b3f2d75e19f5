"""Days and periods named in press articles, Chinese and English, for a person to confirm.

Articles name days as 4月20日至23日, 2023年4月22日上午, "from April 20th to 23rd" or "On the
morning of April 22", usually without the year: the year is then taken from the publication date,
one year earlier when that would put the day more than about two months after publication
(articles report what has happened). Periods (2022年, 1-2月份, 一季度, "the first half of 2023")
are found separately, because a figure for a period is not an event on a day.

No library reads these forms with a year inferred from the publication date, so the patterns
and the inference are ours (hand-written); cn2an reads Chinese numerals (二十二, 二〇二三).
"""

from __future__ import annotations

import datetime
import functools
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, replace

import cn2an

__all__ = ["DateMention", "PeriodMention", "find_dates", "find_periods", "infer_year"]

# "About two months": a day up to this long after publication is taken as this year's (an
# article may announce a coming event); later than that, it must be last year's.
LOOKAHEAD = datetime.timedelta(days=61)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    quote: str  # == text[start:end]
    first: datetime.date
    last: datetime.date  # == first for a single day
    part_of_day: str  # "morning" | "afternoon" | "evening" | ""
    year_given: bool  # False when the year was inferred from the publication date


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    quote: str  # == text[start:end]
    first: datetime.date
    last: datetime.date
    year_given: bool  # False when inferred; True for 2022年 and for 今年/去年/last year


# ---------------------------------------------------------------------------- numbers and years


def _number(text: str) -> int | None:
    """Digits (ASCII or full-width) or Chinese numerals (二十二, 二〇二三, 两) as an int."""
    if text.isdecimal():
        return int(text)
    with warnings.catch_warnings():  # cn2an warns about text it cannot read
        warnings.simplefilter("ignore")
        try:
            return int(cn2an.cn2an(text.replace("○", "〇"), "smart"))
        except (ValueError, KeyError, TypeError):
            return None


def _day(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int, published: datetime.date) -> int:
    """The year of a day named without one: the publication year, or the one before it when the
    day would fall more than about two months after publication (articles report the past), or
    the one after when that is still within those two months (1月5日 in a late-December piece).
    So the day falls in the year that ends about two months after publication."""
    ahead = published + LOOKAHEAD
    year = published.year
    following = _day(year + 1, month, day)
    if following is not None and following <= ahead:
        return year + 1
    candidate = _day(year, month, day)
    if candidate is not None and candidate > ahead:
        return year - 1
    return year


def _last_of_month(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def _range(
    years: tuple[int | None, int | None],
    first_md: tuple[int, int],
    last_md: tuple[int, int] | None,
    published: datetime.date | None,
) -> tuple[datetime.date, datetime.date, bool] | None:
    """First and last day of a day or range, the year given on either side or inferred.

    A range that crosses New Year (12月28日至1月3日) ends in the year after it starts. None when
    no year can be had or a day does not exist (2月30日, a range that ends before it starts)."""
    year1, year2 = years
    last_md = last_md or first_md
    crosses = last_md < first_md
    year_given = year1 is not None or year2 is not None
    if year1 is None and year2 is not None:
        year1 = year2 - 1 if crosses else year2
    if year1 is None:
        if published is None:
            return None
        year1 = infer_year(*first_md, published)
    if year2 is None:
        year2 = year1 + 1 if crosses else year1
    first = _day(year1, *first_md)
    last = _day(year2, *last_md)
    if first is None or last is None or last < first:
        return None
    return first, last, year_given


# ---------------------------------------------------------------------------- shared pieces

_PARTS_OF_DAY = {
    "上午": "morning",
    "早上": "morning",
    "早晨": "morning",
    "清晨": "morning",
    "中午": "afternoon",
    "下午": "afternoon",
    "傍晚": "evening",
    "晚上": "evening",
    "晚间": "evening",
    "夜间": "evening",
    "morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
    "night": "evening",
}

_CN = "〇零○一二三四五六七八九十两"
_YEAR_ZH = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_MONTH_ZH = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])"
_DAY_ZH = r"(?:\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_RANGE_ZH = r"(?:至|到|—{1,2}|–|-|－|~|～)"
_POD_ZH = r"(?:上午|早上|早晨|清晨|中午|下午|傍晚|晚上|晚间|夜间)"

_MONTHS_EN = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Capitalised only, so that "may" the verb is never a month.
_MONTH_EN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
_DAY_EN = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR_EN = r"(?:19|20)\d{2}(?!\d)"
# "and" joins a range only after "between" ("between March 7 and 10"; "March 7 and 10" are two).
_RANGE_EN = r"\s*(?:-|–|—|to|through|till|until|(?(between)and|(?!)))\s*"
_LEAD_EN = r"(?:\b(?:(?P<between>[Bb]etween)|[Ff]rom)\s+)?"
_POD_EN = r"(?:(?:[Tt]he\s+)?(?P<pod>morning|afternoon|evening|night)\s+of\s+)?"


def _month_en(word: str) -> int:
    return _MONTHS_EN[word.rstrip(".").lower()]


def _group_int(match: re.Match, name: str) -> int | None:
    value = match.group(name)
    return None if value is None else _number(value)


def _near(
    pattern: re.Pattern, text: str, trigger: re.Pattern, before: int, after: int
) -> Iterator[re.Match]:
    """``pattern.finditer`` only around the places where ``trigger`` is found (月, a month's
    name): the patterns have optional prefixes that make a scan of the whole text slow, and
    every mention holds a trigger. Windows that touch are merged, so no match is cut."""
    windows: list[list[int]] = []
    for hit in trigger.finditer(text):
        start, end = max(0, hit.start() - before), min(len(text), hit.end() + after)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


# ---------------------------------------------------------------------------- days

_ZH_DATE = re.compile(
    rf"(?<![\d{_CN}])"
    rf"(?:(?P<y1>{_YEAR_ZH})\s*年\s*)?(?P<m1>{_MONTH_ZH})\s*月\s*(?P<d1>{_DAY_ZH})(?!\d)"
    rf"(?P<u1>\s*[日号])?"
    rf"(?:\s*{_RANGE_ZH}\s*(?:(?:(?P<y2>{_YEAR_ZH})\s*年\s*)?(?P<m2>{_MONTH_ZH})\s*月\s*)?"
    rf"(?P<d2>{_DAY_ZH})\s*[日号])?"
    rf"(?:\s*(?P<pod>{_POD_ZH}))?"
)
# No lookbehind first: a pattern that begins with one is tried at every position, slowly; the
# character before is checked in _iso_dates instead.
_ISO_DATE = re.compile(
    r"(?P<y1>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m1>\d{1,2})(?P=sep)(?P<d1>\d{1,2})(?![\d])"
    r"(?:\s*(?:至|到|~|～|—|–|to)\s*"
    r"(?P<y2>(?:19|20)\d{2})(?P=sep)(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})(?![\d]))?"
)
_EN_MONTH_FIRST = re.compile(
    rf"{_LEAD_EN}"
    rf"(?P<body>{_POD_EN}(?P<m1>{_MONTH_EN})\s*(?P<d1>{_DAY_EN})(?P<o1>st|nd|rd|th)?\b"
    rf"(?:,?\s+(?P<y1>{_YEAR_EN}))?"
    rf"(?:(?P<sep>{_RANGE_EN})(?:(?P<m2>{_MONTH_EN})\s*)?(?P<d2>{_DAY_EN}){_ORD}\b)?"
    rf"(?:,?\s+(?P<y2>{_YEAR_EN}))?)"
)
_EN_DAY_FIRST = re.compile(
    rf"{_LEAD_EN}"
    rf"(?P<body>{_POD_EN}(?:[Tt]he\s+)?(?<![\d.,])(?P<d1>{_DAY_EN}){_ORD}"
    rf"(?:(?P<sep>{_RANGE_EN})(?P<d2>{_DAY_EN}){_ORD})?\s+(?:of\s+)?(?P<m1>{_MONTH_EN})"
    rf"(?:(?P<sep2>{_RANGE_EN})(?P<d3>{_DAY_EN}){_ORD}\s+(?:of\s+)?(?P<m2>{_MONTH_EN}))?"
    rf"(?:,?\s+(?P<y2>{_YEAR_EN}))?)"
)

_ZH_DATE_TRIGGER = re.compile("月")
_EN_DATE_TRIGGER = re.compile(_MONTH_EN)


def _mention(
    text: str,
    start: int,
    end: int,
    resolved: tuple[datetime.date, datetime.date, bool],
    part_of_day: str | None,
) -> DateMention:
    first, last, year_given = resolved
    return DateMention(
        start=start,
        end=end,
        quote=text[start:end],
        first=first,
        last=last,
        part_of_day=_PARTS_OF_DAY.get(part_of_day or "", ""),
        year_given=year_given,
    )


def _zh_dates(text: str, published: datetime.date | None):
    for match in _near(_ZH_DATE, text, _ZH_DATE_TRIGGER, 12, 24):
        has_range = match.group("d2") is not None
        if match.group("u1") is None and not has_range:
            continue  # 4月22 followed by anything but 日 or a range is not a day
        month1, day1 = _group_int(match, "m1"), _group_int(match, "d1")
        if not (month1 and day1):
            continue
        years = (_group_int(match, "y1"), _group_int(match, "y2"))
        end = match.end()
        resolved = None
        if has_range:
            month2 = _group_int(match, "m2") or month1
            last_md = (month2, _group_int(match, "d2") or 0)
            resolved = _range(years, (month1, day1), last_md, published)
        if resolved is None and match.group("u1") is not None:  # a bad range: keep its first day
            resolved = _range((years[0], None), (month1, day1), None, published)
            if has_range:
                end = match.end("u1")
        if resolved is not None:
            pod = match.group("pod") if end == match.end() else None
            yield _mention(text, match.start(), end, resolved, pod)


def _iso_dates(text: str):
    for match in _ISO_DATE.finditer(text):
        if match.start() and (text[match.start() - 1].isdigit() or text[match.start() - 1] == "."):
            continue
        years = (int(match["y1"]), int(match["y2"]) if match["y2"] else None)
        first_md = (int(match["m1"]), int(match["d1"]))
        last_md = (int(match["m2"]), int(match["d2"])) if match["d2"] else None
        resolved = _range(years, first_md, last_md, None)
        if resolved is not None:
            yield _mention(text, match.start(), match.end(), resolved, None)


def _en_dates(text: str, published: datetime.date | None):
    for pattern in (_EN_MONTH_FIRST, _EN_DAY_FIRST):
        for match in _near(pattern, text, _EN_DATE_TRIGGER, 50, 50):
            found = _en_date(text, match, published)
            if found is not None:
                yield _with_the_next_day_after_and(text, found)


# "May 10 and 11", "10 and 11 May": two days in a row are one span ("and" otherwise names two
# days: "March 7 and 10"), which the range patterns cannot tell apart by themselves.
_AND_DAY_AFTER = re.compile(
    rf"\s+and\s+(?P<day>{_DAY_EN}){_ORD}\b"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:in|at|on|to|with|when|where|and|the|respectively|this|last|next"
    r"|(?:19|20)\d\d)\b)"  # what follows a date, not a count ("and 11 projects")
)
_DAY_AND_BEFORE = re.compile(rf"(?<![\d.,])(?P<day>{_DAY_EN}){_ORD}\s+and\s+$")


def _with_the_next_day_after_and(text: str, mention: DateMention) -> DateMention:
    if mention.first != mention.last:
        return mention
    after = _AND_DAY_AFTER.match(text, mention.end)
    if after is not None and int(after["day"]) == mention.first.day + 1:
        last = mention.first + datetime.timedelta(days=1)
        return replace(mention, end=after.end(), quote=text[mention.start : after.end()], last=last)
    before = _DAY_AND_BEFORE.search(text, max(0, mention.start - 12), mention.start)
    if before is not None and int(before["day"]) == mention.first.day - 1:
        first = mention.first - datetime.timedelta(days=1)
        return replace(
            mention, start=before.start(), quote=text[before.start() : mention.end], first=first
        )
    return mention


def _en_date(text: str, match: re.Match, published: datetime.date | None) -> DateMention | None:
    """One English match as a mention, without its leading "from"/"between"."""
    names = match.groupdict()
    is_range = names.get("d2") is not None or names.get("d3") is not None
    month1 = _month_en(names["m1"])
    day1 = int(names["d1"])
    year1 = int(names["y1"]) if names.get("y1") else None
    year2 = int(names["y2"]) if names.get("y2") else None
    if names.get("d3") is not None:  # 20 April to 23 April 2023
        last_md = (_month_en(names["m2"]), int(names["d3"]))
    elif names.get("d2") is not None:
        month2 = _month_en(names["m2"]) if names.get("m2") else month1
        last_md = (month2, int(names["d2"]))
    else:
        last_md = None
    if not is_range and year1 is None:
        year1, year2 = year2, None
    resolved = _range((year1, year2), (month1, day1), last_md, published)
    if resolved is None:
        return None
    return _mention(text, match.start("body"), match.end("body"), resolved, names["pod"])


def _without_overlaps(mentions):
    """Longest first among mentions that overlap, then in reading order."""
    kept = []
    last_end = -1
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if mention.start >= last_end:
            kept.append(mention)
            last_end = mention.end
    return kept


def _wants(lang: str, family: str) -> bool:
    """Patterns of the article's language; both for a language that is neither zh nor en."""
    lang = (lang or "").lower()
    if lang.startswith(("zh", "en")):
        return lang.startswith(family)
    return True


def find_dates(text: str, lang: str, published: datetime.date | None) -> list[DateMention]:
    """Every day or range of days named in the text, in reading order, not overlapping.

    Vague days (3月下旬, "early April") are skipped, as are days without a year when there is
    no publication date to infer it from."""
    return list(_cached_dates(text, lang, published))


# find_periods and events.find_events read the days of the article just read again.
@functools.lru_cache(maxsize=8)
def _cached_dates(text: str, lang: str, published: datetime.date | None) -> tuple[DateMention, ...]:
    found: list[DateMention] = list(_iso_dates(text))
    if _wants(lang, "zh"):
        found.extend(_zh_dates(text, published))
    if _wants(lang, "en"):
        found.extend(_en_dates(text, published))
    return tuple(_without_overlaps(found))


# ---------------------------------------------------------------------------- periods

_RELATIVE_YEARS = {
    "今年": 0,
    "本年": 0,
    "去年": -1,
    "过去一年": -1,
    "过去的一年": -1,
    "past": -1,
    "上年": -1,
    "前年": -2,
    "明年": 1,
    "this": 0,
    "last": -1,
    "next": 1,
}
_WORD_NUMBERS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
}

_ZH_PERIOD = re.compile(
    rf"(?<![\d{_CN}])"
    rf"(?:(?:(?P<y>{_YEAR_ZH})\s*年度?|(?P<rel>今年|本年|去年|上年|前年|明年))\s*)?"
    rf"(?:(?P<m1>{_MONTH_ZH})\s*(?:月份?)?\s*{_RANGE_ZH}\s*(?P<m2>{_MONTH_ZH})\s*月份?"
    rf"|(?P<m>{_MONTH_ZH})\s*月份?(?!\s*[\d{_CN}]|[上中下]旬|初|底|末|中)"
    rf"|第?(?P<q>[一二三四1-4])\s*季度"
    rf"|前(?P<qn>[二三两2-3])\s*个?季度"
    rf"|(?P<h>[上下])半年"
    rf"|前(?P<n>十[一二]?|[二三四五六七八九两]|\d{{1,2}})\s*个?月"
    rf"|(?<=年)(?P<whole>全年))"
    rf"|(?<![\d{_CN}])(?P<yo>{_YEAR_ZH})\s*年度?(?!\s*{_MONTH_ZH}\s*月)"
    rf"|(?P<relo>今年|去年|前年|明年)(?!\s*{_MONTH_ZH}\s*月)"
    # 过去一年，我们…: a work report's past year, the one before publication
    rf"|(?P<mrel>过去的?一年)"
)


def _of_year(prefix: str) -> str:
    """ "… of 2023" / "… of this year" after a quarter, half or months, its groups prefixed."""
    return rf"(?:\s+of\s+(?:(?P<{prefix}y>{_YEAR_EN})|(?P<{prefix}rel>this|last|next|the)\s+year))?"


_EN_PERIOD = re.compile(
    rf"(?P<am1>{_MONTH_EN})\s*(?:-|–|—|to|through)\s*(?P<am2>{_MONTH_EN})"
    rf"(?:,?\s+(?P<ay>{_YEAR_EN})|(?!\s*\d))"
    rf"|(?P<bm>{_MONTH_EN}),?\s+(?P<by>{_YEAR_EN})"
    rf"|\b(?:[Ii]n|[Dd]uring|[Tt]hroughout)\s+(?P<cm>{_MONTH_EN})(?!\s*(?:\d|-|–|—|to\b|through\b))"
    rf"|\b(?:[Ii]n|[Dd]uring|[Tt]hroughout|[Ff]or)\s+(?P<dy>{_YEAR_EN})(?!\s*(?:%|percent|yuan))"
    rf"|\b(?P<eq>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b{_of_year('e')}"
    rf"|\bfirst\s+(?P<fn>two|three|2|3)\s+quarters\b{_of_year('f')}"
    rf"|\b(?P<gh>first|second)\s+half\b{_of_year('g')}"
    rf"|\bfirst\s+(?P<hn>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{{1,2}})"
    rf"\s+months\b{_of_year('h')}"
    rf"|\bQ(?P<iq>[1-4])(?:\s+(?P<iy>{_YEAR_EN}))?\b"
    rf"|\b(?P<jrel>[Tt]his|[Ll]ast|[Nn]ext)\s+year\b"  # "Last year, …" opens sentences
    # "Over the past year, we signed …" (a work report's): the year before publication
    rf"|\b(?:[Oo]ver|[Ii]n|[Dd]uring)\s+the\s+(?P<mrel>past)\s+year\b(?!s)"
    rf"|\b(?:[Ii]n|[Ff]or|[Oo]ver|[Tt]hroughout)\s+(?:the\s+)?(?:whole|entire|all)\s+of\s+"
    rf"(?P<ly>{_YEAR_EN})\b"  # "In the whole of 2024"
    # a year labelling a line of figures: "2021: 31 projects", "- 2024: 15.6 billion yuan"
    rf"|(?<![^\n])[ \t]*(?:[-•*·][ \t]*)?(?P<ky>{_YEAR_EN})[ \t]*:(?=[ \t]*\d)"
)

_ZH_PERIOD_TRIGGER = re.compile(r"年|月|季度")
# A flat alternation of literals, which re scans fast; it only chooses where to look.
_EN_PERIOD_TRIGGER = re.compile(
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|19\d\d|20\d\d|quarter|half|months|Q[1-4]|year"
)


def _months_of(match: re.Match, lang: str) -> tuple[int, int] | None:
    """The first and last month a period match covers, None for a whole year."""
    g = match.groupdict()
    if lang == "zh":
        if g["m1"]:
            return _number(g["m1"]) or 0, _number(g["m2"]) or 0
        if g["m"]:
            month = _number(g["m"]) or 0
            return month, month
        if g["q"]:
            quarter = _number(g["q"]) or 0
            return 3 * quarter - 2, 3 * quarter
        if g["qn"]:
            return 1, 3 * (_number(g["qn"]) or 0)
        if g["h"]:
            return (1, 6) if g["h"] == "上" else (7, 12)
        if g["n"]:
            return 1, _number(g["n"]) or 0
        return None
    if g["am1"]:
        return _month_en(g["am1"]), _month_en(g["am2"])
    month = g["bm"] or g["cm"]
    if month:
        return _month_en(month), _month_en(month)
    if g["eq"]:
        quarter = _WORD_NUMBERS[g["eq"]]
        return 3 * quarter - 2, 3 * quarter
    if g["iq"]:
        return 3 * int(g["iq"]) - 2, 3 * int(g["iq"])
    if g["fn"]:
        return 1, 3 * _count_en(g["fn"])
    if g["gh"]:
        return (1, 6) if g["gh"] == "first" else (7, 12)
    if g["hn"]:
        return 1, _count_en(g["hn"])
    return None


def _count_en(word: str) -> int:
    return int(word) if word.isdecimal() else _WORD_NUMBERS[word]


def _stated_year(match: re.Match, published: datetime.date | None) -> tuple[int | None, bool]:
    """The year a period match states, as a number or relative to publication; (None, False)
    when it states none. A relative year without a publication date is (None, True): unusable."""
    g = match.groupdict()
    for name in ("y", "yo", "ay", "by", "dy", "ey", "fy", "gy", "hy", "iy", "ky", "ly"):
        if g.get(name):
            return _number(g[name]), True
    for name in ("rel", "relo", "erel", "frel", "grel", "hrel", "jrel", "mrel"):
        word = g.get(name)
        if word and word != "the":
            if published is None:
                return None, True
            return published.year + _RELATIVE_YEARS[word.lower()], True
    return None, False


def _period(
    text: str, match: re.Match, lang: str, published: datetime.date | None
) -> PeriodMention | None:
    months = _months_of(match, lang)
    year, year_given = _stated_year(match, published)
    if months is not None and not (1 <= months[0] <= months[1] <= 12):
        return None
    first_month, last_month = months or (1, 12)
    if year is None:
        if year_given or published is None:
            return None
        # by its last month: "January to October" in a December piece is this year's
        year = infer_year(last_month, 1, published)
    start, end = _period_span(match)
    return PeriodMention(
        start=start,
        end=end,
        quote=text[start:end],
        first=datetime.date(year, first_month, 1),
        last=_last_of_month(year, last_month),
        year_given=year_given,
    )


def _period_span(match: re.Match) -> tuple[int, int]:
    """The period without a leading "in"/"during": the month or year itself."""
    for name in ("cm", "dy", "ky", "ly"):
        if match.groupdict().get(name):
            return match.start(name), match.end(name)
    return match.start(), match.end()


def find_periods(text: str, lang: str, published: datetime.date | None) -> list[PeriodMention]:
    """Months, quarters, halves and years named in the text (2022年, 1-2月份, 一季度, 上半年,
    "In 2022", "January–February 2023", "the first two months"), never a part of a day's mention.

    A period without a year takes the publication year, or the one before when it would start
    more than about two months after publication."""
    days = find_dates(text, lang, published)
    found: list[PeriodMention] = []
    for family, pattern, trigger, window in (
        ("zh", _ZH_PERIOD, _ZH_PERIOD_TRIGGER, (10, 10)),
        ("en", _EN_PERIOD, _EN_PERIOD_TRIGGER, (16, 20)),
    ):
        if not _wants(lang, family):
            continue
        for match in _near(pattern, text, trigger, *window):
            period = _period(text, match, family, published)
            if period is not None and not _overlaps_any(period, days):
                found.append(period)
    return _without_overlaps(found)


def _overlaps_any(span: PeriodMention, mentions: list[DateMention]) -> bool:
    return any(m.start < span.end and span.start < m.end for m in mentions)
