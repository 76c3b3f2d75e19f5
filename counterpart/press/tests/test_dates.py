"""Days and periods in articles: every form, ranges, parts of the day, the year inferred."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counterpart.press.extract.dates import find_dates, find_periods, infer_year

pytestmark = []

D = datetime.date
SPRING = D(2023, 4, 25)  # a publication date


def only(text: str, lang: str, published=SPRING):
    mentions = find_dates(text, lang, published)
    assert len(mentions) == 1, mentions
    mention = mentions[0]
    assert mention.quote == text[mention.start : mention.end]
    return mention


@pytest.mark.parametrize(
    ("text", "quote", "first", "last", "part", "year_given"),
    [
        (
            "2023年4月22日，大会在深圳举行。",
            "2023年4月22日",
            D(2023, 4, 22),
            D(2023, 4, 22),
            "",
            True,
        ),
        ("4月22日，大会在深圳举行。", "4月22日", D(2023, 4, 22), D(2023, 4, 22), "", False),
        (
            "4月22日上午，大会开幕。",
            "4月22日上午",
            D(2023, 4, 22),
            D(2023, 4, 22),
            "morning",
            False,
        ),
        (
            "4月22日下午，举行签约仪式。",
            "4月22日下午",
            D(2023, 4, 22),
            D(2023, 4, 22),
            "afternoon",
            False,
        ),
        (
            "4月22日晚间举行推介会。",
            "4月22日晚间",
            D(2023, 4, 22),
            D(2023, 4, 22),
            "evening",
            False,
        ),
        (
            "4月20日至23日，代表团赴粤考察。",
            "4月20日至23日",
            D(2023, 4, 20),
            D(2023, 4, 23),
            "",
            False,
        ),
        (
            "4月20日—23日，代表团赴粤考察。",
            "4月20日—23日",
            D(2023, 4, 20),
            D(2023, 4, 23),
            "",
            False,
        ),
        (
            "4月20日-4月23日，代表团赴粤考察。",
            "4月20日-4月23日",
            D(2023, 4, 20),
            D(2023, 4, 23),
            "",
            False,
        ),
        ("3月7日至10日，考察组赴深圳。", "3月7日至10日", D(2023, 3, 7), D(2023, 3, 10), "", False),
        ("4月20-23日，博览会举行。", "4月20-23日", D(2023, 4, 20), D(2023, 4, 23), "", False),
        (
            "3月28日至4月2日，活动举行。",
            "3月28日至4月2日",
            D(2023, 3, 28),
            D(2023, 4, 2),
            "",
            False,
        ),
        (
            "二〇二三年四月二十二日",
            "二〇二三年四月二十二日",
            D(2023, 4, 22),
            D(2023, 4, 22),
            "",
            True,
        ),
        ("2023年4月20日至23日", "2023年4月20日至23日", D(2023, 4, 20), D(2023, 4, 23), "", True),
        ("发布日期：2023-04-22 10:05", "2023-04-22", D(2023, 4, 22), D(2023, 4, 22), "", True),
        ("2023/4/22 报道", "2023/4/22", D(2023, 4, 22), D(2023, 4, 22), "", True),
        ("2023.4.22 报道", "2023.4.22", D(2023, 4, 22), D(2023, 4, 22), "", True),
    ],
)
def test_chinese_and_numeric_days(text, quote, first, last, part, year_given):
    mention = only(text, "zh")
    assert (mention.quote, mention.first, mention.last) == (quote, first, last)
    assert (mention.part_of_day, mention.year_given) == (part, year_given)


@pytest.mark.parametrize(
    ("text", "quote", "first", "last", "part", "year_given"),
    [
        ("It opened on April 22 in Harbin.", "April 22", D(2023, 4, 22), D(2023, 4, 22), "", False),
        (
            "on April 22, 2023, the forum",
            "April 22, 2023",
            D(2023, 4, 22),
            D(2023, 4, 22),
            "",
            True,
        ),
        ("Published 22 April 2023.", "22 April 2023", D(2023, 4, 22), D(2023, 4, 22), "", True),
        ("on the 22nd of April", "the 22nd of April", D(2023, 4, 22), D(2023, 4, 22), "", False),
        (
            "On the morning of April 22, the conference was held.",
            "the morning of April 22",
            D(2023, 4, 22),
            D(2023, 4, 22),
            "morning",
            False,
        ),
        ("During March 7-10, the group", "March 7-10", D(2023, 3, 7), D(2023, 3, 10), "", False),
        (
            "From April 20th to 23rd, the delegation",
            "April 20th to 23rd",
            D(2023, 4, 20),
            D(2023, 4, 23),
            "",
            False,
        ),
        ("from March 7 to 10, it", "March 7 to 10", D(2023, 3, 7), D(2023, 3, 10), "", False),
        (
            "April 20-23, 2023 in Shenzhen",
            "April 20-23, 2023",
            D(2023, 4, 20),
            D(2023, 4, 23),
            "",
            True,
        ),
        ("between March 7 and 10 the", "March 7 and 10", D(2023, 3, 7), D(2023, 3, 10), "", False),
        (
            "From May 30 to June 1, the",
            "May 30 to June 1",
            D(2023, 5, 30),
            D(2023, 6, 1),
            "",
            False,
        ),
        ("20-23 April 2023", "20-23 April 2023", D(2023, 4, 20), D(2023, 4, 23), "", True),
        ("DAQING, Aug. 16 -- The", "Aug. 16", D(2022, 8, 16), D(2022, 8, 16), "", False),
    ],
)
def test_english_days(text, quote, first, last, part, year_given):
    mention = only(text, "en")
    assert (mention.quote, mention.first, mention.last) == (quote, first, last)
    assert (mention.part_of_day, mention.year_given) == (part, year_given)


def test_two_days_joined_by_and_are_not_a_range():
    mentions = find_dates("on March 7 and 10 firms signed", "en", SPRING)
    assert [(m.quote, m.first, m.last) for m in mentions] == [
        ("March 7", D(2023, 3, 7), D(2023, 3, 7))
    ]


@pytest.mark.parametrize(
    "text, quote, first, last",
    [
        ("talks were held on April 10 and 11 in Harbin", "April 10 and 11", 10, 11),
        ("on 10 and 11 April the delegation toured parks", "10 and 11 April", 10, 11),
        ("The fair ran on April 3rd and 4th, and closed", "April 3rd and 4th", 3, 4),
        # not the next day, or a count after "and": one day
        ("on April 10 and 12 in Harbin", "April 10", 10, 10),
        ("on April 10 and 11 projects were signed", "April 10", 10, 10),
        ("by April 10 and 11 percent more", "April 10", 10, 10),
    ],
)
def test_two_days_in_a_row_joined_by_and_are_one_span(text, quote, first, last):
    mention = only(text, "en")
    assert (mention.quote, mention.first, mention.last) == (
        quote,
        D(2023, 4, first),
        D(2023, 4, last),
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("3月下旬，代表团赴粤考察。", "zh"),
        ("4月中旬以来", "zh"),
        ("In early April, the group", "en"),
        ("may 5 projects be signed", "en"),  # the verb, not the month
        ("共签约项目192个，总金额982.38亿元。", "zh"),
        ("2月30日", "zh"),  # no such day
    ],
)
def test_vague_or_impossible_days_are_skipped(text, lang):
    assert find_dates(text, lang, SPRING) == []


def test_year_is_inferred_across_new_year():
    published = D(2024, 1, 5)
    assert only("12月28日，推介会举行。", "zh", published).first == D(2023, 12, 28)
    assert only("On December 28, the fair opened.", "en", published).first == D(2023, 12, 28)
    span = only("12月28日至1月3日，活动举行。", "zh", published)
    assert (span.first, span.last) == (D(2023, 12, 28), D(2024, 1, 3))


def test_a_day_up_to_two_months_ahead_is_this_years():
    published = D(2023, 4, 7)
    assert only("5月20日将举行", "zh", published).first == D(2023, 5, 20)
    assert only("8月1日举行", "zh", published).first == D(2022, 8, 1)
    assert only("1月5日将举行", "zh", D(2023, 12, 20)).first == D(2024, 1, 5)


def test_without_a_publication_date_a_day_needs_its_year():
    text = "4月22日，大会举行；2023年4月23日，签约仪式举行。"
    assert [m.quote for m in find_dates(text, "zh", None)] == ["2023年4月23日"]


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)))
def test_any_day_written_in_full_is_read_back(day):
    months = "January February March April May June July August September October November December"
    name = months.split()[day.month - 1]
    for text, lang in [
        (f"据报道，{day.year}年{day.month}月{day.day}日，推介会举行。", "zh"),
        (f"The forum was held on {name} {day.day}, {day.year} in Harbin.", "en"),
        (f"Published {day.day} {name} {day.year}.", "en"),
        (f"{day.year}-{day.month:02d}-{day.day:02d}", "zh"),
    ]:
        mention = only(text, lang, published=None)
        assert (mention.first, mention.last, mention.year_given) == (day, day, True)


@given(
    st.dates(min_value=D(2000, 3, 1), max_value=D(2099, 12, 31)),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=28),
)
def test_an_inferred_day_is_at_most_two_months_after_publication(published, month, day):
    inferred = D(infer_year(month, day, published), month, day)
    ahead = published + datetime.timedelta(days=61)
    assert ahead - datetime.timedelta(days=366) <= inferred <= ahead  # the year up to then
    mention = only(f"{month}月{day}日，签约仪式举行。", "zh", published)
    assert mention.first == inferred and not mention.year_given


# ---------------------------------------------------------------------------- periods


APRIL = D(2023, 4, 7)


def only_period(text: str, lang: str, published=APRIL):
    periods = find_periods(text, lang, published)
    assert len(periods) == 1, periods
    period = periods[0]
    assert period.quote == text[period.start : period.end]
    return period


@pytest.mark.parametrize(
    ("text", "lang", "quote", "first", "last", "year_given"),
    [
        ("2022年，对俄贸易额1854.7亿元", "zh", "2022年", D(2022, 1, 1), D(2022, 12, 31), True),
        (
            "1-2月份，我省利用广东资金19.5亿元",
            "zh",
            "1-2月份",
            D(2023, 1, 1),
            D(2023, 2, 28),
            False,
        ),
        ("1—2月，利用资金", "zh", "1—2月", D(2023, 1, 1), D(2023, 2, 28), False),
        ("2024年1—8月，利用资金", "zh", "2024年1—8月", D(2024, 1, 1), D(2024, 8, 31), True),
        ("一季度，实际投资", "zh", "一季度", D(2023, 1, 1), D(2023, 3, 31), False),
        ("2023年第一季度", "zh", "2023年第一季度", D(2023, 1, 1), D(2023, 3, 31), True),
        ("上半年，签约项目", "zh", "上半年", D(2023, 1, 1), D(2023, 6, 30), False),
        ("今年前两个月", "zh", "今年前两个月", D(2023, 1, 1), D(2023, 2, 28), True),
        ("去年，两省共举办", "zh", "去年", D(2022, 1, 1), D(2022, 12, 31), True),
        ("In 2022, trade with Russia", "en", "2022", D(2022, 1, 1), D(2022, 12, 31), True),
        (
            "in January–February 2023, it",
            "en",
            "January–February 2023",
            D(2023, 1, 1),
            D(2023, 2, 28),
            True,
        ),
        (
            "in the first two months, it",
            "en",
            "first two months",
            D(2023, 1, 1),
            D(2023, 2, 28),
            False,
        ),
        (
            "the first quarter of 2023",
            "en",
            "first quarter of 2023",
            D(2023, 1, 1),
            D(2023, 3, 31),
            True,
        ),
        (
            "the first half of this year",
            "en",
            "first half of this year",
            D(2023, 1, 1),
            D(2023, 6, 30),
            True,
        ),
        ("In April, Heilongjiang is green", "en", "April", D(2023, 4, 1), D(2023, 4, 30), False),
    ],
)
def test_periods(text, lang, quote, first, last, year_given):
    period = only_period(text, lang)
    assert (period.quote, period.first, period.last, period.year_given) == (
        quote,
        first,
        last,
        year_given,
    )


def test_a_day_is_not_a_period():
    assert find_periods("2023年4月22日，大会在深圳举行。", "zh", D(2023, 4, 24)) == []
    assert find_periods("On April 22, 2023, the forum opened.", "en", D(2023, 4, 24)) == []


def test_a_month_without_year_is_last_years_when_it_would_be_ahead():
    period = only_period("12月份，签约项目9个", "zh", published=D(2024, 1, 5))
    assert (period.first, period.last) == (D(2023, 12, 1), D(2023, 12, 31))


def test_a_period_without_year_or_publication_date_is_skipped():
    assert find_periods("1-2月份，利用资金", "zh", None) == []
    assert [p.quote for p in find_periods("2022年和上半年", "zh", None)] == ["2022年"]


def test_a_year_labelling_a_line_of_figures_is_that_year():
    period = only_period("Signed by year:\n2022: 31 projects", "en")
    assert (period.quote, period.first, period.last) == ("2022", D(2022, 1, 1), D(2022, 12, 31))


def test_last_year_opening_a_sentence():
    period = only_period("Last year, the city signed 8 projects.", "en")
    assert (period.first, period.last) == (D(2022, 1, 1), D(2022, 12, 31))


def test_the_whole_of_a_year():
    period = only_period("In the whole of 2022, the county signed 14 projects.", "en")
    assert (period.quote, period.first, period.last) == ("2022", D(2022, 1, 1), D(2022, 12, 31))


def test_a_month_range_in_a_december_piece_is_this_years():
    period = only_period(
        "From January to October, the city signed 9 projects.", "en", D(2024, 12, 5)
    )
    assert (period.first, period.last) == (D(2024, 1, 1), D(2024, 10, 31))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # A work report's "past year": the year before publication
        ("过去一年，我们全年引进项目45个。", "zh"),
        ("回顾过去的一年，全市签约项目45个。", "zh"),
        ("Over the past year, we signed 45 projects with Shanghai firms.", "en"),
        ("In the past year, the county signed 45 projects.", "en"),
    ],
)
def test_the_past_year_is_last_year(text, lang):
    period = only_period(text, lang, D(2026, 3, 5))
    assert (period.first, period.last) == (D(2025, 1, 1), D(2025, 12, 31))


def test_the_past_years_are_no_period():
    assert (
        find_periods("Over the past years, the two cities grew closer.", "en", D(2026, 3, 5)) == []
    )
