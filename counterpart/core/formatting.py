"""Number formatting for reports, briefs and the UI, in Chinese ("zh") and English ("en").

Money is Decimal yuan and stays Decimal throughout: floats are refused. Chinese follows official
usage (亿元 from 10^8, 万元 from 10^4, no thousands separators); English uses billion and million
yuan with thousands separators. Rounding is always half-up (away from zero on ties), and output
never uses exponent notation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

# English month names, whatever the process locale (``calendar.month_name`` follows LC_TIME).
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

__all__ = [
    "LANGUAGES",
    "count",
    "growth_percent",
    "money",
    "money_unit",
    "ordinal",
    "percent",
    "ratio_percent",
    "unit_for",
    "words",
]

LANGUAGES: tuple[str, ...] = ("zh", "en")


@dataclass(frozen=True)
class _Unit:
    factor: Decimal  # yuan per unit; also the threshold from which the unit is used
    places: int  # most decimals shown in this unit
    label: str  # "亿元", "billion yuan", ...


# Largest unit first; the last unit of each list is the base unit (factor 1).
_UNITS: dict[str, tuple[_Unit, ...]] = {
    "zh": (
        _Unit(Decimal(10**8), 2, "亿元"),
        _Unit(Decimal(10**4), 2, "万元"),
        _Unit(Decimal(1), 2, "元"),
    ),
    "en": (
        _Unit(Decimal(10**9), 3, "billion yuan"),
        _Unit(Decimal(10**6), 3, "million yuan"),
        _Unit(Decimal(1), 2, "yuan"),
    ),
}
_SEPARATOR = {"zh": "", "en": " "}
_ONE_DECIMAL = Decimal("0.1")
_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        allowed = ", ".join(repr(code) for code in LANGUAGES)
        raise ValueError(f"unsupported language {lang!r}; expected one of {allowed}")


def _to_decimal(value: Decimal | int, name: str) -> Decimal:
    """Return ``value`` as a finite Decimal; floats, bools and non-finite values are refused."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{name} must be a Decimal or an int, not {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{name} must be finite, not {number}")
    return number


def _check_int(value: int, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")


def _working_precision(number: Decimal) -> int:
    """Enough significant digits that scaling and quantizing ``number`` is exact."""
    return max(28, len(number.as_tuple().digits) + abs(number.adjusted()) + 10)


def _round(number: Decimal, places: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _plain(number: Decimal, thousands: bool) -> str:
    """Fixed-point text (never exponent notation) with trailing fractional zeros removed."""
    text = format(number, ",f" if thousands else "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _choose(magnitude: Decimal, lang: str) -> tuple[_Unit, Decimal]:
    """Pick the unit for a non-negative amount and return it with the rounded figure in it.

    The unit is first chosen by raw magnitude; if rounding there reaches the next unit's threshold
    (99,999,999.99 → 10000.00万), the figure moves up to that larger unit (1亿).
    """
    units = _UNITS[lang]
    base = len(units) - 1
    index = next((i for i, unit in enumerate(units) if magnitude >= unit.factor), base)
    while True:
        unit = units[index]
        figure = _round(magnitude.scaleb(-unit.factor.adjusted()), unit.places)
        if index == 0 or figure * unit.factor < units[index - 1].factor:
            return unit, figure
        index -= 1


def unit_for(amount: Decimal | int, lang: str) -> str:
    """Return the unit ``money`` uses for ``amount``: 亿元/万元/元 or billion/million yuan/yuan.

    The unit is the largest one whose threshold the rounded amount reaches, so 99,999,999.99
    takes 亿元 in Chinese.
    """
    return money_unit(amount, lang)[1]


def money_unit(amount: Decimal | int, lang: str) -> tuple[Decimal, str]:
    """The unit ``money`` uses for ``amount`` as (yuan per unit, label): (10^8, "亿元").

    For a chart axis or a column that shows many amounts in one unit, pass the largest.
    """
    _check_lang(lang)
    number = _to_decimal(amount, "amount")
    with localcontext() as ctx:
        ctx.prec = _working_precision(number)
        unit = _choose(abs(number), lang)[0]
    return unit.factor, unit.label


def money(amount: Decimal | int, lang: str) -> str:
    """Format yuan: zh "982.38亿元", "3000万元", "5000元"; en "98.238 billion yuan", "12,345 yuan".

    Figures are rounded half-up (2 decimals in Chinese and for plain yuan, 3 for billion/million
    yuan) with trailing zeros removed; negatives keep their sign; zero is "0元" / "0 yuan".
    """
    _check_lang(lang)
    number = _to_decimal(amount, "amount")
    with localcontext() as ctx:
        ctx.prec = _working_precision(number)
        unit, figure = _choose(abs(number), lang)
        sign = "-" if number < 0 and figure != 0 else ""
        text = _plain(figure, thousands=lang == "en")
    return f"{sign}{text}{_SEPARATOR[lang]}{unit.label}"


def percent(value: Decimal | int, lang: str, signed: bool = False) -> str:
    """Format a percentage with one decimal, rounded half-up: "41.3%"; signed gives "+41.3%".

    English puts a space before the sign, as the English press releases do ("14.5 %").
    Zero (including values rounding to zero) never carries a sign.
    """
    _check_lang(lang)
    number = _to_decimal(value, "value")
    with localcontext() as ctx:
        ctx.prec = _working_precision(number)
        rounded = number.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)
    suffix = " %" if lang == "en" else "%"
    if rounded == 0:
        return "0.0" + suffix
    sign = "+" if signed and rounded > 0 else ""
    return f"{sign}{rounded:f}{suffix}"


def ratio_percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """Return part / whole * 100 as an unrounded Decimal, or None when ``whole`` is zero."""
    part_d = _to_decimal(part, "part")
    whole_d = _to_decimal(whole, "whole")
    if whole_d == 0:
        return None
    return part_d * 100 / whole_d


def growth_percent(current: Decimal | int, previous: Decimal | int) -> Decimal | None:
    """Return (current / previous - 1) * 100 as an unrounded Decimal, or None when previous is 0."""
    current_d = _to_decimal(current, "current")
    previous_d = _to_decimal(previous, "previous")
    if previous_d == 0:
        return None
    return (current_d - previous_d) * 100 / previous_d


def count(n: int, lang: str, unit_zh: str = "个") -> str:
    """Format a count: zh "192个" (with ``unit_zh`` as the measure word), en "1,234"."""
    _check_lang(lang)
    _check_int(n, "n")
    if lang == "zh":
        return f"{n}{unit_zh}"
    return f"{n:,}"


def words(items, lang: str) -> str:
    """A list of names: zh "哈尔滨市、齐齐哈尔市" (enumeration comma), en "Harbin, Qiqihar"."""
    _check_lang(lang)
    return ("、" if lang == "zh" else ", ").join(str(item) for item in items)


def ordinal(n: int, lang: str) -> str:
    """Format a rank: zh "第2位", en "2nd" (1st, 11th, 12th, 13th, 21st, 101st, 111th)."""
    _check_lang(lang)
    _check_int(n, "n")
    if lang == "zh":
        return f"第{n}位"
    last_two = abs(n) % 100
    suffix = "th" if 11 <= last_two <= 13 else _SUFFIXES.get(last_two % 10, "th")
    return f"{n:,}{suffix}"
