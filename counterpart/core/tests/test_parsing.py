"""The parsers of typed values: every form the issue lists, property tests, and clear refusals."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.datetime import to_excel

from counterpart.core import formatting
from counterpart.core.parsing import (
    ParseError,
    parse_bool,
    parse_choice,
    parse_count,
    parse_date,
    parse_decimal,
    parse_money,
    parse_percent,
)
from counterpart.projects.choices import Stage

APRIL_22 = datetime.date(2023, 4, 22)

# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text",
    [
        "2023-04-22",
        "2023-4-22",
        "2023/4/22",
        "2023/04/22",
        "2023年4月22日",
        "2023年04月22日",
        "2023年4月22号",
        "2023.4.22",
        "20230422",
        " 2023-04-22 ",
        "２０２３－０４－２２",  # full-width
        "2023-04-22 00:00:00",
        "2023-04-22T09:30",
        "二〇二三年四月二十二日",
        45038,
        45038.0,
        "45038",
        datetime.date(2023, 4, 22),
        datetime.datetime(2023, 4, 22, 15, 0),
    ],
)
def test_a_date_in_every_form_people_type(text):
    assert parse_date(text) == APRIL_22


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_an_empty_cell_is_no_value(empty):
    for parser in (parse_date, parse_money, parse_percent, parse_count, parse_bool):
        assert parser(empty) is None


@pytest.mark.parametrize(
    "text", ["2023-02-30", "2023/13/1", "22/04/2023", "April 22", "下周", "45038.5", "0", "-3"]
)
def test_a_date_that_is_not_one_is_refused_quoting_the_cell(text):
    with pytest.raises(ParseError) as error:
        parse_date(text)
    assert str(text) in str(error.value)


@given(st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2200, 12, 31)))
def test_any_day_reads_back_from_each_form(day):
    forms = [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}.{day.month}.{day.day}",
        day.strftime("%Y%m%d"),
        to_excel(day),
        int(to_excel(day)),
    ]
    assert {parse_date(form) for form in forms} == {day}


# ---------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("982.38亿元", "98238000000"),
        ("19.5亿元", "1950000000"),
        ("3000万元", "30000000"),
        ("1,000万", "10000000"),
        ("98.238 billion", "98238000000"),
        ("98.238 billion yuan", "98238000000"),
        ("1.95bn", "1950000000"),
        ("1.95 BN", "1950000000"),
        ("RMB 5 million", "5000000"),
        ("5m", "5000000"),
        ("¥5,000", "5000"),
        ("￥5000.50", "5000.50"),
        ("人民币3亿元", "300000000"),
        ("1.2万亿元", "1200000000000"),
        ("5000", "5000"),
        ("5000元", "5000"),
        ("1,234,567.89", "1234567.89"),
        ("三千万元", "30000000"),
        ("１９.５亿元", "1950000000"),
        (98238000000, "98238000000"),
        (1950000000.0, "1950000000"),
        (0.1, "0.10"),
        (Decimal("12.5"), "12.50"),
        ("-5万元", "-50000"),
    ],
)
def test_money_in_every_form_people_type(text, yuan):
    assert parse_money(text) == Decimal(yuan)


@pytest.mark.parametrize(
    "text",
    [
        "约3000万元",
        "近百亿元",
        "超过50亿元",
        "亿元",
        "三千多万",
        "5 dollars",
        "1.2.3万",
        "0.001",
        "1e20",
    ],
)
def test_what_is_not_an_amount_is_refused_quoting_the_cell(text):
    with pytest.raises(ParseError) as error:
        parse_money(text)
    assert text in str(error.value)


fen_amounts = st.decimals(
    min_value=0, max_value=Decimal("9999999999999.99"), places=2, allow_nan=False
)


@given(fen_amounts)
def test_any_amount_reads_back_plain_grouped_and_in_yuan(amount):
    assert parse_money(str(amount)) == amount
    assert parse_money(f"{amount:,}") == amount
    assert parse_money(f"{amount}元") == amount
    assert parse_money(f"¥{amount:,}") == amount


@given(st.integers(min_value=0, max_value=10**11))
def test_units_agree_with_each_other(wan):
    """n万元 = n/10000 亿元 = n/100000 billion, exactly."""
    amount = Decimal(wan) * 10_000
    assert parse_money(f"{wan}万元") == amount
    assert parse_money(f"{Decimal(wan) / 10_000}亿元") == amount
    assert parse_money(f"{Decimal(wan) / 100_000} billion") == amount


@given(fen_amounts, st.sampled_from(["zh", "en"]))
def test_what_formatting_prints_reads_back_as_the_printed_figure(amount, lang):
    """The formatter rounds to its unit (982.38亿元); reading that gives the rounded amount."""
    printed = formatting.money(amount, lang)
    factor, _unit = formatting.money_unit(amount, lang)
    shown = Decimal(printed.split(" ")[0].replace(",", "").rstrip("万亿元"))
    assert parse_money(printed) == (shown * factor).quantize(Decimal("0.01"))


# ---------------------------------------------------------------------------- percentages, counts


@pytest.mark.parametrize(
    ("text", "percent"),
    [("41.3%", "41.3"), ("41.3", "41.3"), ("41.3 %", "41.3"), ("41.3％", "41.3"),
     ("百分之四十一点三", "41.3"), ("-2.5%", "-2.5"), (14.5, "14.5")],
)  # fmt: skip
def test_percentages_with_or_without_the_sign(text, percent):
    assert parse_percent(text) == Decimal(percent)


@given(st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False))
def test_any_percentage_reads_back_with_or_without_the_sign(percent):
    assert parse_percent(f"{percent}%") == parse_percent(str(percent)) == percent


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("192", 192),
        ("192个", 192),
        ("1,234", 1234),
        ("一百九十二个", 192),
        (192.0, 192),
        ("32家", 32),
    ],
)
def test_counts(text, count):
    assert parse_count(text) == count


@pytest.mark.parametrize("text", ["1.5", "许多", "192 projects"])
def test_a_count_must_be_whole(text):
    with pytest.raises(ParseError):
        parse_count(text)


def test_decimals_read_plain_and_grouped_and_refuse_words():
    assert parse_decimal("1,234.5") == Decimal("1234.5")
    assert parse_decimal("1e6") == Decimal("1e6")
    with pytest.raises(ParseError):
        parse_decimal("some")


# ---------------------------------------------------------------------------- yes/no, choices


@pytest.mark.parametrize(
    ("text", "value"),
    [("是", True), ("否", False), ("Yes", True), ("no", False), ("TRUE", True), (1, True),
     ("0", False), ("√", True), ("×", False), (True, True)],
)  # fmt: skip
def test_yes_and_no(text, value):
    assert parse_bool(text) is value


def test_a_choice_by_value_or_by_its_label_in_either_language():
    assert parse_choice("signed", Stage.choices) == "signed"
    assert parse_choice("签约", Stage.choices) == "signed"
    assert parse_choice("Signed", Stage.choices) == "signed"
    with translation.override("zh-hans"), pytest.raises(ParseError) as error:
        parse_choice("done", Stage.choices)
    assert "签约" in str(error.value)


def test_messages_follow_the_active_language():
    with translation.override("en"), pytest.raises(ParseError) as error:
        parse_date("yesterday")
    assert "is not a date" in str(error.value)
    with translation.override("zh-hans"), pytest.raises(ParseError) as error:
        parse_date("yesterday")
    assert "不是日期" in str(error.value)
