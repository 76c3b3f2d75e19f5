"""Charts for briefs as PNG images, drawn with matplotlib in the brief's language.

A ``Chart`` holds labels and exact values (Decimal yuan or counts); the bars are drawn in one
money unit chosen by ``formatting.money_unit`` for the largest value, and each bar is labelled
with the exactly formatted figure, so the picture agrees with the text to the last digit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from io import BytesIO

from matplotlib import font_manager, rc_context
from matplotlib.figure import Figure

from counterpart.core import formatting as fmt

from .fonts import FAMILY, cjk_font_path

WIDTH_INCHES = 6.3  # the text width of an A4 page with 2.5 cm margins
DPI = 200
BAR_COLOUR = "#2f6db5"
MAX_LABEL_CHARS = {"zh": 12, "en": 26}  # longer labels are cut with an ellipsis


@dataclass
class Chart:
    """A horizontal bar chart: one bar per label, largest first as given."""

    title: str
    labels: list[str]
    values: list[Decimal | int]
    lang: str
    money: bool = True  # values are yuan; otherwise counts

    @property
    def axis_label(self) -> str:
        if not self.money:
            return "项目数（个）" if self.lang == "zh" else "Projects"
        unit = self.unit[1]
        return f"金额（{unit}）" if self.lang == "zh" else f"Amount ({unit})"

    @property
    def unit(self) -> tuple[Decimal, str]:
        largest = max((abs(Decimal(v)) for v in self.values), default=Decimal(0))
        return fmt.money_unit(largest, self.lang)

    def bar_text(self, value: Decimal | int) -> str:
        return fmt.money(value, self.lang) if self.money else fmt.count(int(value), self.lang)


@lru_cache(maxsize=1)
def _register_font() -> str:
    font_manager.fontManager.addfont(str(cjk_font_path()))
    return FAMILY


def _short(label: str, lang: str) -> str:
    limit = MAX_LABEL_CHARS[lang]
    return label if len(label) <= limit else label[: limit - 1] + "…"


def chart_png(chart: Chart) -> bytes:
    """The chart as a PNG image, every text in the project's CJK font."""
    family = _register_font()
    factor = chart.unit[0] if chart.money else Decimal(1)
    # Bar lengths are screen coordinates, the one place a float is right; the numbers printed
    # on the bars are the exact Decimal figures.
    lengths = [float(Decimal(v) / factor) for v in chart.values]
    height = 0.9 + 0.27 * max(len(chart.labels), 1)
    with rc_context({"font.family": family, "font.size": 9, "axes.unicode_minus": False}):
        figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, layout="constrained")
        axes = figure.subplots()
        positions = list(range(len(chart.labels)))
        bars = axes.barh(positions, lengths, color=BAR_COLOUR)
        axes.set_yticks(positions, [_short(label, chart.lang) for label in chart.labels])
        axes.invert_yaxis()
        axes.bar_label(bars, labels=[chart.bar_text(v) for v in chart.values], padding=3)
        axes.set_xlabel(chart.axis_label)
        axes.set_title(chart.title)
        axes.margins(x=0.25)
        axes.spines[["top", "right"]].set_visible(False)
        buffer = BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()
