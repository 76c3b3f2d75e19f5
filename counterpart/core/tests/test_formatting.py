"""Number formatting for reports, briefs and the UI: money, percentages, counts and ranks."""

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from counterpart.core.formatting import (
    count,
    growth_percent,
    money,
    money_unit,
    ordinal,
    percent,
    ratio_percent,
    unit_for,
)

# Unit label -> (yuan per unit, most decimals shown), largest first, written out independently of
# the module under test.
ZH_UNITS = {"亿元": (Decimal(10**8), 2), "万元": (Decimal(10**4), 2), "元": (Decimal(1), 2)}
EN_UNITS = {
    "billion yuan": (Decimal(10**9), 3),
    "million yuan": (Decimal(10**6), 3),
    "yuan": (Decimal(1), 2),
}
UNITS = {"zh": ZH_UNITS, "en": EN_UNITS}
MONEY_PATTERN = {
    "zh": re.compile(r"(?P<number>-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?)(?P<unit>亿元|万元|元)"),
    "en": re.compile(
        r"(?P<number>-?(?:0|[1-9]\d{0,2}(?:,\d{3})*)(?:\.\d*[1-9])?) "
        r"(?P<unit>billion yuan|million yuan|yuan)"
    ),
}
BOUND = Decimal(10**15)

# Cents anywhere within ±10^15 yuan, as st.decimals and as scaled integers.
amounts_decimals = st.decimals(
    min_value=-BOUND, max_value=BOUND, allow_nan=False, allow_infinity=False, places=2
)
amounts_scaled = st.integers(min_value=-(10**17), max_value=10**17).map(
    lambda cents: Decimal(cents).scaleb(-2)
)
# Amounts just around every unit threshold, where rounding may cross into the larger unit.
amounts_near_thresholds = st.builds(
    lambda threshold, offset, sign: sign * (threshold + Decimal(offset).scaleb(-3)),
    st.sampled_from([Decimal(10**k) for k in (4, 6, 8, 9, 12)]),
    st.integers(min_value=-(10**7), max_value=10**7),
    st.sampled_from([Decimal(1), Decimal(-1)]),
)
amounts = st.one_of(amounts_decimals, amounts_scaled, amounts_near_thresholds)
langs = st.sampled_from(["zh", "en"])


def rounded(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def parse_money(text: str, lang: str) -> tuple[Decimal, str]:
    """Split formatted money into its shown figure and its unit label."""
    match = MONEY_PATTERN[lang].fullmatch(text)
    assert match, f"{text!r} is not well-formed {lang} money"
    return Decimal(match["number"].replace(",", "")), match["unit"]


def expected_unit(amount: Decimal, lang: str) -> str:
    """Climb from the base unit while the amount, rounded as shown there, reaches the next one."""
    units = list(UNITS[lang].items())[::-1]  # smallest first
    chosen = 0
    while chosen + 1 < len(units):
        factor, places = units[chosen][1]
        shown_in_yuan = rounded(abs(amount) / factor, places) * factor
        if shown_in_yuan < units[chosen + 1][1][0]:
            break
        chosen += 1
    return units[chosen][0]


# --- money: the examples -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "zh", "en"),
    [
        (98238000000, "982.38亿元", "98.238 billion yuan"),
        (29293000000, "292.93亿元", "29.293 billion yuan"),
        (1950000000, "19.5亿元", "1.95 billion yuan"),
        (185470000000, "1854.7亿元", "185.47 billion yuan"),
        (30000000, "3000万元", "30 million yuan"),
        (100000000, "1亿元", "100 million yuan"),
        (5000, "5000元", "5,000 yuan"),
        (12345, "1.23万元", "12,345 yuan"),
        (0, "0元", "0 yuan"),
        (-1950000000, "-19.5亿元", "-1.95 billion yuan"),
    ],
)
def test_money_examples(amount, zh, en):
    assert money(amount, "zh") == zh
    assert money(Decimal(amount), "zh") == zh
    assert money(amount, "en") == en
    assert money(Decimal(amount), "en") == en


@pytest.mark.parametrize(
    ("amount", "lang", "expected"),
    [
        (Decimal("99999999.99"), "zh", "1亿元"),
        (Decimal("-99999999.99"), "zh", "-1亿元"),
        (Decimal("99999950"), "zh", "1亿元"),
        (Decimal("99999949.99"), "zh", "9999.99万元"),
        (Decimal("99995000"), "zh", "9999.5万元"),
        (Decimal("9999.995"), "zh", "1万元"),
        (Decimal("9999.994"), "zh", "9999.99元"),
        (Decimal("999999.995"), "en", "1 million yuan"),
        (Decimal("999999.994"), "en", "999,999.99 yuan"),
        (Decimal("999999500"), "en", "1 billion yuan"),
        (Decimal("999999499.99"), "en", "999.999 million yuan"),
        (Decimal("12345.675"), "en", "12,345.68 yuan"),
        (Decimal("12345.665"), "en", "12,345.67 yuan"),
        (Decimal("-12345.665"), "en", "-12,345.67 yuan"),
        (100500000, "zh", "1.01亿元"),
        (1002500000, "en", "1.003 billion yuan"),
        (Decimal("1234567890000000"), "en", "1,234,567.89 billion yuan"),
        (Decimal("1234567890000000"), "zh", "12345678.9亿元"),
        (Decimal("0.004"), "zh", "0元"),
        (Decimal("-0.004"), "zh", "0元"),
        (Decimal("-0.004"), "en", "0 yuan"),
        (Decimal("-0"), "en", "0 yuan"),
        (Decimal("1E+1"), "zh", "10元"),
        (Decimal("3E+7"), "zh", "3000万元"),
        (Decimal("1.00E+9"), "en", "1 billion yuan"),
        (Decimal("1E+30"), "zh", "10000000000000000000000亿元"),
    ],
)
def test_money_rounding_edges(amount, lang, expected):
    assert money(amount, lang) == expected


@pytest.mark.parametrize(
    ("amount", "zh", "en"),
    [
        (98238000000, "亿元", "billion yuan"),
        (30000000, "万元", "million yuan"),
        (5000, "元", "yuan"),
        (0, "元", "yuan"),
        (Decimal("99999999.99"), "亿元", "million yuan"),
        (Decimal("-999999999.9999"), "亿元", "billion yuan"),
    ],
)
def test_unit_for(amount, zh, en):
    assert unit_for(amount, "zh") == zh
    assert unit_for(amount, "en") == en


# --- money: properties ---------------------------------------------------------------------


@given(amount=amounts, lang=langs)
@example(amount=Decimal("99999999.995"), lang="zh")
@example(amount=Decimal("999999999.9995"), lang="en")
def test_money_round_trips_within_half_a_shown_unit(amount, lang):
    text = money(amount, lang)
    figure, unit = parse_money(text, lang)
    factor, places = UNITS[lang][unit]
    assert abs(figure * factor - amount) <= factor * Decimal(1).scaleb(-places) / 2
    if figure != 0:
        assert (figure < 0) == (amount < 0)


@given(amount=amounts, lang=langs)
def test_money_uses_the_largest_unit_the_rounded_amount_reaches(amount, lang):
    text = money(amount, lang)
    figure, unit = parse_money(text, lang)
    assert unit == expected_unit(amount, lang) == unit_for(amount, lang)
    # The shown figure lies within its unit's range: at least 1, below the next unit up.
    labels = list(UNITS[lang])
    index = labels.index(unit)
    factor = UNITS[lang][unit][0]
    if index < len(labels) - 1 and figure != 0:
        assert abs(figure) >= 1
    if index > 0:
        assert abs(figure) * factor < UNITS[lang][labels[index - 1]][0]


@given(amount=amounts, lang=langs)
def test_money_never_uses_exponent_notation(amount, lang):
    text = money(amount, lang)
    assert "e" not in text
    assert "E" not in text
    assert money(amount.normalize(), lang) == text


@given(amount=amounts)
def test_chinese_money_has_no_thousands_separators(amount):
    assert "," not in money(amount, "zh")


# --- percentages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "signed", "expected"),
    [
        (Decimal("41.298"), False, "41.3%"),
        (Decimal("41.298"), True, "+41.3%"),
        (Decimal("-2"), True, "-2.0%"),
        (Decimal("-2"), False, "-2.0%"),
        (Decimal("0.05"), False, "0.1%"),
        (Decimal("-0.05"), False, "-0.1%"),
        (Decimal("0.04"), True, "0.0%"),
        (Decimal("-0.04"), True, "0.0%"),
        (Decimal("0"), True, "0.0%"),
        (Decimal("1E+2"), False, "100.0%"),
        (Decimal("1234567.89"), False, "1234567.9%"),
    ],
)
def test_percent_examples(value, signed, expected):
    assert percent(value, "zh", signed=signed) == expected
    assert percent(value, "en", signed=signed) == expected.replace("%", " %")


percent_values = st.decimals(
    min_value=-(10**6), max_value=10**6, allow_nan=False, allow_infinity=False, places=6
)


@given(value=percent_values, lang=langs, signed=st.booleans())
def test_percent_has_exactly_one_decimal(value, lang, signed):
    text = percent(value, lang, signed=signed)
    match = re.fullmatch(r"(?P<number>[+-]?\d+\.\d) ?%", text)
    assert match, text
    shown = Decimal(match["number"])
    assert abs(shown - value) <= Decimal("0.05")
    assert text.startswith("+") == (signed and shown > 0)
    assert "e" not in text.lower()


# --- ratios and growth ---------------------------------------------------------------------


def test_ratio_percent():
    assert ratio_percent(Decimal(1), Decimal(4)) == Decimal(25)
    assert ratio_percent(Decimal("29293000000"), Decimal("98238000000")) == Decimal(
        "29293000000"
    ) * 100 / Decimal("98238000000")
    assert ratio_percent(Decimal(5), Decimal(0)) is None
    assert ratio_percent(0, 0) is None


def test_growth_percent():
    assert growth_percent(Decimal(150), Decimal(100)) == Decimal(50)
    assert growth_percent(Decimal(98), Decimal(100)) == Decimal(-2)
    assert growth_percent(Decimal(5), Decimal(0)) is None
    assert percent(growth_percent(Decimal(98), Decimal(100)), "en", signed=True) == "-2.0 %"


def test_ratio_and_growth_are_not_rounded():
    third = ratio_percent(Decimal(1), Decimal(3))
    assert third is not None
    assert third != rounded(third, 1)
    assert str(third).startswith("33.333333")
    growth = growth_percent(Decimal(4), Decimal(3))
    assert growth is not None
    assert str(growth).startswith("33.333333")


@given(
    part=st.integers(min_value=-(10**12), max_value=10**12),
    whole=st.integers(min_value=1, max_value=10**12),
)
def test_ratio_percent_is_exact_for_terminating_quotients(part, whole):
    result = ratio_percent(Decimal(part), Decimal(whole))
    assert result is not None
    # part * 100 / whole is within one unit of Decimal's 28th significant digit.
    assert abs(result * whole - part * 100) <= abs(result).scaleb(-26) * whole


# --- counts and ranks ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "zh", "en"),
    [(192, "192个", "192"), (1234, "1234个", "1,234"), (0, "0个", "0")],
)
def test_count(n, zh, en):
    assert count(n, "zh") == zh
    assert count(n, "en") == en


def test_count_measure_word():
    assert count(12, "zh", unit_zh="家") == "12家"
    assert count(12, "en", unit_zh="家") == "12"


@pytest.mark.parametrize(
    ("n", "en"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (1003, "1,003rd"),
    ],
)
def test_ordinal(n, en):
    assert ordinal(n, "en") == en
    assert ordinal(n, "zh") == f"第{n}位"


def test_ordinal_chinese_example():
    assert ordinal(2, "zh") == "第2位"


# --- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda lang: money(1, lang),
        lambda lang: unit_for(1, lang),
        lambda lang: percent(Decimal(1), lang),
        lambda lang: count(1, lang),
        lambda lang: ordinal(1, lang),
    ],
)
@pytest.mark.parametrize("lang", ["fr", "zh-hans", "", "ZH"])
def test_bad_language_is_named(call, lang):
    with pytest.raises(ValueError, match=re.escape(repr(lang))) as excinfo:
        call(lang)
    assert "'zh'" in str(excinfo.value)
    assert "'en'" in str(excinfo.value)


def test_non_decimal_amounts_are_refused():
    with pytest.raises(TypeError):
        money("5000", "zh")
    with pytest.raises(TypeError):
        money(True, "zh")
    with pytest.raises(ValueError, match="finite"):
        money(Decimal("NaN"), "zh")
    with pytest.raises(ValueError, match="finite"):
        percent(Decimal("Infinity"), "en")
    with pytest.raises(TypeError):
        count("3", "en")


@given(amount=amounts_decimals, lang=st.sampled_from(["zh", "en"]))
def test_money_unit_is_the_unit_money_writes(amount, lang):
    factor, label = money_unit(amount, lang)
    assert money(amount, lang).endswith(label)
    assert (factor, label) == (UNITS[lang][label][0], unit_for(amount, lang))
