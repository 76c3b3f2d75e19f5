"""Checks the labelled press corpus itself: its size, its files and the shape of its labels.

The corpus (``corpus/``) is the ground truth an extractor benchmark measures against, so these
tests check that every label can be found where it claims to be, not how well anything extracts.
Standard library and pytest only; no database.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import pytest

# PRESS_CORPUS checks another labelled set (the held-out one) against the same rules.
CORPUS = Path(os.environ.get("PRESS_CORPUS") or Path(__file__).parent / "corpus")
# The labels are split over several files (labels.toml, labels_2.toml …), one per batch written.
LABEL_FILES = sorted(CORPUS.glob("labels*.toml"))

LANGS = {"zh", "en"}
KINDS = {"conference", "signing", "promotion", "visit", "delegation", "forum", "talks", "other"}
PARTS_OF_DAY = {"morning", "afternoon", "evening"}
QUALIFIERS = {"exact", "approximate", "at_least", "more_than", "at_most"}
CATEGORIES = {"industrial", "service", "agricultural", "infrastructure", "tourism", "trade"}
# The units each metric may be given in.
METRIC_UNITS = {
    "signed_count": {"count"},
    "signed_value": {"yuan"},
    "funds_in_place": {"yuan"},
    "source_rank": {"rank"},
    "pipeline_count": {"count"},
    "indicator_value": {"yuan", "count"},
    "growth": {"percent"},
    "share": {"percent"},
    "participant_count": {"count"},
    "event_count": {"count"},
    "organization_count": {"count"},
    "duration_years": {"years"},
    "other": {"yuan", "count", "percent", "rank", "years"},
}
UNITS = set().union(*METRIC_UNITS.values())

ARTICLE_KEYS = {"file", "lang", "published", "title", "furniture_starts", "event", "figure"}
NUMBER_WORD = re.compile(
    r"(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|dozen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|top|largest|biggest)\b|[一二两三四五六七八九十首]"
)
EVENT_KEYS = {"key", "title", "kind", "start", "end", "part_of_day", "place"}
FIGURE_KEYS = {
    "metric",
    "value",
    "unit",
    "qualifier",
    "quote",
    "event",
    "subset",
    "period",
    "region",
}
SUBSET_KEYS = {"signed_on_site": bool, "category": str}

FILE_NAME = re.compile(r"^(zh|en)_(\d{2,3})_[a-z0-9_]+\.(txt|html)$")
# Page furniture in an HTML page: everything inside these elements (and the document head).
FURNITURE_TAG = re.compile(r"<(/?)(head|nav|header|aside|footer)\b[^>]*>", re.IGNORECASE)
PAGE_DATE = re.compile(r"<time\b|<meta\b[^>]*(?:publish|pubdate|date)", re.IGNORECASE)
ARABIC_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
# The multiplier a word of the quote gives a number written in digits (first match wins):
# 1.2万亿元 = 1.2e12, 982.38亿元, 3000万元, 1.95bn yuan, RMB 5 million;
# 增长1.3倍 is a growth of 130 %.
SCALE_WORDS = [
    ("万亿", 10**12),
    ("亿", 10**8),
    ("万", 10**4),
    ("trillion", 10**12),
    ("billion", 10**9),
    ("bn", 10**9),
    ("million", 10**6),
    ("倍", 100),
]


# Cells are split by a bar (| 县 | 项目数 |) or, in a table set in aligned columns, by a run of
# two or more spaces ("Burang          4          580").
TABLE_CELL = re.compile(r"\s*[|｜]\s*| {2,}")


def header_scales(text: str, quote: str) -> set[int]:
    """A table row's amounts are in the unit its header names once (签约金额（亿元）, "Value
    (billion yuan)"), in bar-separated or aligned columns: the scale of the nearest line above
    the row with as many cells and no digits."""
    if not TABLE_CELL.search(quote):
        return set()
    at = text.find(quote)
    line_start = text.rfind("\n", 0, at) + 1
    row = text[line_start : text.find("\n", at) if "\n" in text[at:] else len(text)]
    cells = len(TABLE_CELL.split(row.strip()))
    for line in reversed(text[:line_start].splitlines()):
        line = line.strip()
        if len(TABLE_CELL.split(line)) != cells:
            return set()
        if not re.search(r"[0-9]", line):
            return {next((m for w, m in SCALE_WORDS if w in line), 1)}
    return set()


@cache
def labels() -> tuple[dict, ...]:
    articles = []
    for path in LABEL_FILES:
        with path.open("rb") as f:
            articles.extend(tomllib.load(f)["article"])
    return tuple(articles)


@cache
def raw_text(file: str) -> str:
    return (CORPUS / file).read_text(encoding="utf-8")


@cache
def furniture_ranges(file: str) -> tuple[tuple[int, int], ...]:
    """The [start, end) character ranges of page furniture in an article's raw text."""
    text = raw_text(file)
    article = next(a for a in labels() if a["file"] == file)
    if file.endswith(".html"):
        ranges, depth, start = [], 0, 0
        for tag in FURNITURE_TAG.finditer(text):
            if tag.group(1):
                depth -= 1
                assert depth >= 0, f"{file}: unbalanced </{tag.group(2)}> at {tag.start()}"
                if depth == 0:
                    ranges.append((start, tag.end()))
            else:
                if depth == 0:
                    start = tag.start()
                depth += 1
        assert depth == 0, f"{file}: a furniture element is not closed"
        return tuple(ranges)
    marker = article.get("furniture_starts")
    if marker is None:
        return ()
    return ((text.index(marker), len(text)),)


def in_furniture(file: str, position: int) -> bool:
    return any(start <= position < end for start, end in furniture_ranges(file))


def occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def main_occurrences(file: str, needle: str) -> list[int]:
    return [at for at in occurrences(raw_text(file), needle) if not in_furniture(file, at)]


def date_renderings(day: dt.date) -> list[str]:
    """How a page may write its publication date: 2024-03-18, 2024年3月18日, March 18, 2024 …"""
    month = day.strftime("%B")
    return [
        day.isoformat(),
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}年{day.month:02}月{day.day:02}日",
        f"{month} {day.day}, {day.year}",
        f"{day.day} {month} {day.year}",
    ]


def article_id(article: dict) -> str:
    return article["file"]


def each_article():
    return pytest.mark.parametrize("article", labels(), ids=article_id)


# The corpus as a whole


def test_corpus_is_large_and_varied_enough():
    articles = labels()
    by_lang = {lang: [a for a in articles if a["lang"] == lang] for lang in LANGS}
    assert len(articles) >= 32
    assert len(by_lang["zh"]) >= 14
    assert len(by_lang["en"]) >= 14
    assert sum(a["file"].endswith(".html") for a in articles) >= 8
    assert sum(bool(a.get("figure")) for a in articles) < len(articles), "no figure-free article"
    with_furniture = [a for a in articles if a["file"].endswith(".html") or "furniture_starts" in a]
    assert len(with_furniture) * 2 >= len(articles), "too few articles carry page furniture"


def test_every_file_is_listed_once_and_every_listed_file_exists():
    listed = [a["file"] for a in labels()]
    assert len(listed) == len(set(listed)), "a file is listed twice"
    on_disk = {p.name for p in CORPUS.iterdir() if p.is_file() and p.suffix in {".txt", ".html"}}
    assert set(listed) == on_disk


def test_file_numbers_are_unique_per_language():
    numbers = [FILE_NAME.match(a["file"]).group(1, 2) for a in labels()]
    assert len(numbers) == len(set(numbers))


# Each article


@each_article()
def test_article_header(article):
    assert set(article) <= ARTICLE_KEYS
    file = article["file"]
    match = FILE_NAME.match(file)
    assert match, f"{file}: name does not follow lang_NN_words.ext"
    assert article["lang"] in LANGS
    assert match.group(1) == article["lang"]
    text = raw_text(file)
    assert text.strip()
    assert article["title"].strip()
    assert main_occurrences(file, article["title"]), "the headline is not in the main content"
    if "published" in article:
        published = article["published"]
        assert type(published) is dt.date
        written = date_renderings(published)
        assert any(main_occurrences(file, w) for w in written) or (
            file.endswith(".html") and published.isoformat() in text
        ), "the publication date is not on the page"


@each_article()
def test_article_furniture(article):
    file = article["file"]
    text = raw_text(file)
    if file.endswith(".html"):
        assert "furniture_starts" not in article, "HTML furniture is given by its elements"
        for tag in ("nav", "aside", "footer"):
            assert re.search(rf"<{tag}\b", text), f"{file}: an HTML page without <{tag}>"
        assert PAGE_DATE.search(text), f"{file}: neither a <time> nor a date <meta>"
        assert furniture_ranges(file)
    elif "furniture_starts" in article:
        marker = article["furniture_starts"]
        assert marker.strip()
        assert marker in text
        assert text.index(marker) > len(text) // 3, "the furniture marker comes too early"


@each_article()
def test_events(article):
    file = article["file"]
    events = article.get("event", [])
    keys = [e["key"] for e in events]
    assert len(keys) == len(set(keys)), "event keys must be unique within an article"
    for event in events:
        where = f"{file} event {event['key']}"
        assert set(event) <= EVENT_KEYS, where
        assert {"key", "title", "kind"} <= set(event), where
        assert event["kind"] in KINDS, where
        assert main_occurrences(file, event["title"]), f"{where}: title not in the main content"
        if "place" in event:  # left out when the text names no place
            assert main_occurrences(file, event["place"]), f"{where}: place not in main content"
        assert ("start" in event) == ("end" in event), f"{where}: give both dates or neither"
        if "start" in event:
            assert type(event["start"]) is dt.date, where
            assert type(event["end"]) is dt.date, where
            assert event["end"] >= event["start"], where
            if "published" in article:  # a wrong year is the likeliest slip
                assert abs((event["start"] - article["published"]).days) <= 366, where
        if "part_of_day" in event:
            assert event["part_of_day"] in PARTS_OF_DAY, where
            assert "start" in event and event["start"] == event["end"], where


@each_article()
def test_figures(article):
    file = article["file"]
    event_keys = {e["key"] for e in article.get("event", [])}
    quotes = [f["quote"] for f in article.get("figure", [])]
    assert len(quotes) == len(set(quotes)), "two figures of one article share a quote"
    for figure in article.get("figure", []):
        where = f"{file} figure {figure.get('quote')!r}"
        assert set(figure) <= FIGURE_KEYS, where
        assert {"metric", "value", "unit", "qualifier", "quote"} <= set(figure), where
        assert figure["metric"] in METRIC_UNITS, where
        assert figure["unit"] in UNITS, where
        assert figure["unit"] in METRIC_UNITS[figure["metric"]], f"{where}: unit of the metric"
        assert figure["qualifier"] in QUALIFIERS, where
        assert isinstance(figure["value"], str), f"{where}: value must be a decimal string"
        try:
            value = Decimal(figure["value"])
        except InvalidOperation:
            pytest.fail(f"{where}: value {figure['value']!r} is not a decimal")
        assert value.is_finite(), where
        if figure["unit"] in {"count", "rank", "years", "yuan"}:
            assert value > 0, where
        if figure["unit"] in {"count", "rank"}:
            assert value == value.to_integral_value(), f"{where}: a count must be whole"
        if figure["metric"] == "share":
            assert 0 < value <= 100, where

        quote = figure["quote"]
        assert quote == quote.strip() and quote, where
        found = occurrences(raw_text(file), quote)
        assert found, f"{where}: quote not in the article"
        if not file.endswith(".html"):  # an HTML head may repeat the headline before the body
            assert not in_furniture(file, found[0]), f"{where}: first occurrence in furniture"
        main = main_occurrences(file, quote)
        assert main, f"{where}: quote only in the page furniture"
        assert len(main) == 1, f"{where}: quote occurs more than once in the main content"
        numbers = [Decimal(n.replace(",", "")) for n in ARABIC_NUMBER.findall(quote)]
        # numbers in words (十二亿元, thirty-two, "ten projects worth 1.35 billion") are not checked
        if numbers and not NUMBER_WORD.search(quote):
            scales = {1} | {next((m for w, m in SCALE_WORDS if w in quote), 1)}
            scales |= header_scales(raw_text(file), quote)
            assert any(abs(value) == n * m for n in numbers for m in scales), (
                f"{where}: value {value} is no number of the quote times its scale {scales}"
            )

        if "event" in figure:
            assert figure["event"] in event_keys, f"{where}: no such event"
        if "subset" in figure:
            subset = figure["subset"]
            assert subset and set(subset) <= set(SUBSET_KEYS), where
            for key, kind in SUBSET_KEYS.items():
                if key in subset:
                    assert isinstance(subset[key], kind), where
            if "category" in subset:
                assert subset["category"] in CATEGORIES, where
        if "period" in figure:
            period = figure["period"]
            assert len(period) == 2, where
            assert all(type(day) is dt.date for day in period), where
            assert period[1] >= period[0], where
            if "published" in article:
                # A year named whole runs to 31 December, even in a review printed before then.
                whole_year = period[1] == dt.date(article["published"].year, 12, 31)
                assert period[1] <= article["published"] or whole_year, (
                    f"{where}: a period after publication"
                )
        if "region" in figure:
            assert main_occurrences(file, figure["region"]), f"{where}: region not in the text"
