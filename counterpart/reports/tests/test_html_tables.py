"""Report tables as people read them: formatted cells, escaped text, totals equal to the rows."""

import datetime
from decimal import Decimal

from counterpart.reports.html import table_html
from counterpart.reports.tables import Table, display


def sample_table(name: str = "哈尔滨市") -> Table:
    return Table(
        "按落地地区",
        ["名称", "签约项目", "签约额（元）"],
        [[name, 57, Decimal("31951000000")], ["绥化市", 21, Decimal("13220000000")]],
        money_columns={2},
        totals=True,
    )


def test_display_formats_money_counts_and_totals():
    shown = display(sample_table(), "zh")
    assert shown.headers == ["名称", "签约项目", "签约额"]  # the unit is in every cell
    assert shown.rows[0] == ["哈尔滨市", "57", "319.51亿元"]
    assert shown.total == ["合计", "78", "451.71亿元"]
    assert shown.numeric == [False, True, True]


def test_display_in_english_and_of_other_values():
    table = Table(
        "Stale",
        ["Project", "Since", "Days", "Median (yuan)"],
        [["P-1", datetime.date(2023, 4, 7), 1234, Decimal("12.50")]],
        money_columns={3},
    )
    shown = display(table, "en")
    assert shown.headers[3] == "Median"
    assert shown.rows == [["P-1", "2023-04-07", "1,234", "12.5 yuan"]]
    assert shown.total is None


def test_empty_table_has_no_totals_and_no_numeric_columns():
    table = sample_table()
    table.rows = []
    shown = display(table, "zh")
    assert shown.total is None and shown.numeric == [False, False, False]


def test_html_table_escapes_text_and_marks_numbers():
    html = table_html(sample_table('<script>alert("x")</script>'), "zh")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<td class="num">132.2亿元</td>' in html
    assert '<th scope="row">合计</th><th class="num">78</th>' in html
    assert "<caption>按落地地区</caption>" in html
