"""Values as people type them in their ledgers: dates, money, percentages, counts, yes/no, choices.

The inverse of ``formatting``: 982.38亿元, 98.238 billion, 1.95bn, 3000万元, 1,000万, ¥5,000,
2023年4月22日, 2023/4/22, an Excel serial number, 41.3%, 一百九十二. Each parser takes a cell as a
reader gives it (str, int, float, Decimal, date, datetime or None) and returns the value, None for
an empty cell, or raises ``ParseError`` with a message, in the active language, that quotes the
cell and says how to write it. Amounts are Decimal yuan to the fen, never float.

Chinese numerals are read by cn2an; units, separators and date forms are ours (no library reads
亿元 and "bn" alike).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
import warnings
from decimal import Decimal, InvalidOperation

import cn2an
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

__all__ = [
    "ParseError",
    "clean_text",
    "is_empty",
    "parse_bool",
    "parse_choice",
    "parse_count",
    "parse_date",
    "parse_decimal",
    "parse_money",
    "parse_percent",
    "plain_number",
]

FEN = Decimal("0.01")
MONEY_LIMIT = Decimal("1e16")  # money fields hold 18 digits, 2 of them decimals
# Excel's serial numbers from 1900-01-01 to 9999-12-31 (the 1900 system).
EXCEL_SERIALS = (1, 2_958_465)


class ParseError(ValueError):
    """A cell that cannot be read as the value its column holds; ``str()`` is the message."""


def clean_text(value) -> str:
    """A cell as text: full-width digits and letters made ASCII (NFKC), spaces trimmed."""
    return unicodedata.normalize("NFKC", str(value)).strip()


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _has_chinese_numerals(text: str) -> bool:
    return bool(re.search(r"[〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟]", text))


def _chinese_numerals_to_digits(text: str) -> str:
    """二〇二三年四月二十二日 → 2023年4月22日, 一百九十二 → 192 (cn2an)."""
    with warnings.catch_warnings():  # cn2an warns about text it cannot read; we say why
        warnings.simplefilter("ignore")
        try:
            return cn2an.transform(text, "cn2an")
        except (ValueError, KeyError):
            return text


# ---------------------------------------------------------------------------- numbers

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def plain_number(text: str) -> Decimal | None:
    """A plain or thousands-grouped number (1,000.5, 1e9), or None."""
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _from_cell_number(value) -> Decimal | None:
    """A numeric cell as Decimal; a float by its shortest repr (0.1, not 0.1000000000000000055)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return Decimal(repr(value))
    return None


def parse_decimal(value) -> Decimal | None:
    """A plain number: 12.5, 1,234.5, 1e6, 十二点五."""
    if is_empty(value):
        return None
    number = _from_cell_number(value)
    if number is not None:
        return number
    text = clean_text(value)
    number = plain_number(text)
    if number is None and _has_chinese_numerals(text):
        number = plain_number(_chinese_numerals_to_digits(text))
    if number is None:
        raise ParseError(_("“%(value)s” is not a number.") % {"value": value})
    return number


def parse_count(value) -> int | None:
    """A whole number, with or without its measure word: 192, 192个, 1,234, 一百九十二个."""
    if is_empty(value):
        return None
    number = _from_cell_number(value)
    if number is None:
        text = re.sub(r"(个|家|项|人|次|场|笔|件)$", "", clean_text(value)).strip()
        number = plain_number(text)
        if number is None and _has_chinese_numerals(text):
            number = plain_number(_chinese_numerals_to_digits(text))
    if number is None or number != number.to_integral_value():
        raise ParseError(_("“%(value)s” is not a whole number.") % {"value": value})
    return int(number)


# ---------------------------------------------------------------------------- money

# Units by the yuan they stand for; longest first so that 万亿 wins over 亿 and 万.
_MONEY_UNITS: list[tuple[str, Decimal]] = sorted(
    [
        ("万亿元", Decimal("1e12")),
        ("万亿", Decimal("1e12")),
        ("亿元", Decimal("1e8")),
        ("亿", Decimal("1e8")),
        ("千万元", Decimal("1e7")),
        ("千万", Decimal("1e7")),
        ("百万元", Decimal("1e6")),
        ("百万", Decimal("1e6")),
        ("万元", Decimal("1e4")),
        ("万", Decimal("1e4")),
        ("千元", Decimal("1e3")),
        ("元", Decimal(1)),
        ("trillionyuan", Decimal("1e12")),
        ("trillion", Decimal("1e12")),
        ("billionyuan", Decimal("1e9")),
        ("billion", Decimal("1e9")),
        ("bn", Decimal("1e9")),
        ("millionyuan", Decimal("1e6")),
        ("million", Decimal("1e6")),
        ("mn", Decimal("1e6")),
        ("m", Decimal("1e6")),
        ("thousandyuan", Decimal("1e3")),
        ("thousand", Decimal("1e3")),
        ("k", Decimal("1e3")),
        ("yuan", Decimal(1)),
    ],
    key=lambda unit: -len(unit[0]),
)
_CURRENCY_PREFIXES = ("人民币", "rmb", "cny", "¥", "￥")
_QUALIFIERS = re.compile(r"^(约|近|超过|超|逾|不足|不到|多于|少于|above|over|about|nearly|around)")


def parse_money(value) -> Decimal | None:
    """An amount in yuan, to the fen: 982.38亿元, 98.238 billion, 1.95bn, 3000万元, 1,000万,
    RMB 5 million, ¥5,000, 5000. A number without a unit is in yuan."""
    if is_empty(value):
        return None
    number = _from_cell_number(value)
    if number is None:
        number = _money_text(value)
    if abs(number) >= MONEY_LIMIT:
        raise ParseError(
            _("“%(value)s” is more than the ledger can hold (under 10¹⁶ yuan).") % {"value": value}
        )
    amount = number.quantize(FEN) if number.as_tuple().exponent < -2 else number
    if amount != number:
        raise ParseError(
            _("“%(value)s” is more precise than a fen (0.01 yuan).") % {"value": value}
        )
    return amount.quantize(FEN)


def _money_text(value) -> Decimal:
    text = clean_text(value).lower().replace(" ", "")
    if _QUALIFIERS.match(text):
        raise ParseError(
            _("“%(value)s” is an estimate (约, 近, 超过 …): give the amount itself.")
            % {"value": value}
        )
    for prefix in _CURRENCY_PREFIXES:
        text = text.removeprefix(prefix)
    factor = Decimal(1)
    for unit, unit_factor in _MONEY_UNITS:
        if text.endswith(unit) and text != unit:
            text, factor = text[: -len(unit)], unit_factor
            break
    number = plain_number(text)
    if number is None and _has_chinese_numerals(text):
        number = plain_number(_chinese_numerals_to_digits(text))
    if number is None:
        raise ParseError(
            _(
                "“%(value)s” is not an amount of money: write it as 982.38亿元, 3000万元, "
                "98.238 billion or 5000 (yuan)."
            )
            % {"value": value}
        )
    return number * factor


# ---------------------------------------------------------------------------- percentages


def parse_percent(value) -> Decimal | None:
    """A percentage as its number of per cent: 41.3%, 41.3, 百分之四十一点三 → 41.3."""
    if is_empty(value):
        return None
    number = _from_cell_number(value)
    if number is not None:
        return number
    text = clean_text(value).replace(" ", "")
    if text.startswith("百分之"):
        text = _chinese_numerals_to_digits(text)
    text = text.removesuffix("%").removesuffix("％")
    number = plain_number(text)
    if number is None and _has_chinese_numerals(text):
        number = plain_number(_chinese_numerals_to_digits(text))
    if number is None:
        raise ParseError(
            _("“%(value)s” is not a percentage: write it as 41.3% or 41.3.") % {"value": value}
        )
    return number


# ---------------------------------------------------------------------------- dates

_DATE_FORMS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]?"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
]
# A time after the date (2023-04-22 00:00:00, as spreadsheets export dates) is dropped.
_TIME = re.compile(r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$")


def parse_date(value) -> datetime.date | None:
    """A day: 2023-04-22, 2023/4/22, 2023年4月22日, 2023.4.22, 20230422, 二〇二三年四月二十二日,
    a date or datetime cell, or an Excel serial number (45038)."""
    if is_empty(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    number = _from_cell_number(value)
    if number is not None:
        return _from_serial(value, number)
    text = _TIME.sub("", clean_text(value)).strip()
    if _has_chinese_numerals(text):
        text = _chinese_numerals_to_digits(text)
    if re.fullmatch(r"\d{1,7}", text):  # a serial number exported as text
        return _from_serial(value, Decimal(text))
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            try:
                return datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                raise ParseError(
                    _("“%(value)s” is not a day of the calendar.") % {"value": value}
                ) from None
    raise ParseError(
        _("“%(value)s” is not a date: write it as 2023-04-22, 2023/4/22 or 2023年4月22日.")
        % {"value": value}
    )


def _from_serial(value, number: Decimal) -> datetime.date:
    if number != number.to_integral_value() or not (EXCEL_SERIALS[0] <= number <= EXCEL_SERIALS[1]):
        raise ParseError(
            _("“%(value)s” is not a date: a number here must be an Excel date serial.")
            % {"value": value}
        )
    return from_excel(int(number)).date()


# ---------------------------------------------------------------------------- yes/no, choices

_TRUE = {"是", "有", "对", "√", "✓", "y", "yes", "true", "t", "1", "x"}
_FALSE = {"否", "无", "不", "不是", "×", "✗", "n", "no", "false", "f", "0"}


def parse_bool(value) -> bool | None:
    """Yes or no: 是/否, yes/no, true/false, 1/0, √/×. Empty is None (unknown)."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    text = clean_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ParseError(_("“%(value)s” is not yes or no: write 是 or 否.") % {"value": value})


def parse_choice(value, choices) -> str | None:
    """One of the choices' values, given by the value or by its label in Chinese or English.

    ``choices``: (value, label) pairs, as ``TextChoices.choices`` or a model field's choices.
    """
    if is_empty(value):
        return None
    from django.utils import translation

    wanted = clean_text(value).casefold()
    choices = list(choices)
    for choice_value, label in choices:
        names = {str(choice_value).casefold()}
        for language in ("zh-hans", "en"):
            with translation.override(language):
                names.add(str(label).casefold())
        if wanted in names:
            return choice_value
    labels = "、".join(str(label) for _value, label in choices)
    raise ParseError(
        _("“%(value)s” is not one of: %(choices)s.") % {"value": value, "choices": labels}
    )
