"""Tables rendered as text: columns read from the header, rows turned into figures before the
sentence rules, and the rows' scope taken from the total they break down (our own tables)."""

from datetime import date
from decimal import Decimal

from counterpart.press.extract.figures import find_figures
from counterpart.press.extract.names import Registry
from counterpart.press.extract.tables import find_tables
from counterpart.press.extraction import extract
from counterpart.press.text import read_article

pytestmark = []

D = Decimal

ZH_TABLE = """8月3日，两市产业合作推介会在某市举行，共签约项目20个，签约总额50亿元。
分区县签约情况如下：

区县｜签约项目（个）｜签约金额（亿元）
甲县｜8｜22.5
乙区｜7｜17
其他｜5｜10.5

会后，代表团考察了三家企业。
"""

EN_TABLE = """The fair ended with 30 projects signed, worth 12 billion yuan in all.

Breakdown by sector:

Sector | Deals | Value (billion yuan)
Advanced manufacturing | 12 | 6.5
Modern services | 10 | 3.5
Cultural tourism | 8 | 2
"""


def _by_quote(text: str, lang: str):
    return {f.quote: (f.metric, f.value, f.unit, f.subset) for f in find_figures(text, lang)}


def test_a_chinese_table_gives_a_count_and_an_amount_per_row():
    found = _by_quote(ZH_TABLE, "zh")
    assert found["甲县｜8"] == ("signed_count", D(8), "count", {})
    assert found["甲县｜8｜22.5"] == ("signed_value", D("2250000000"), "yuan", {})
    assert found["乙区｜7｜17"] == ("signed_value", D("1700000000"), "yuan", {})
    assert found["其他｜5"] == ("signed_count", D(5), "count", {})


def test_the_header_gives_no_figure():
    assert not [f for f in find_figures(ZH_TABLE, "zh") if "（亿元" in f.quote]


def test_an_english_table_names_the_category_of_each_row():
    found = _by_quote(EN_TABLE, "en")
    assert found["Advanced manufacturing | 12"] == (
        "signed_count",
        D(12),
        "count",
        {"category": "industrial"},
    )
    assert found["Modern services | 10 | 3.5"] == (
        "signed_value",
        D("3500000000"),
        "yuan",
        {"category": "service"},
    )
    assert found["Cultural tourism | 8"][3] == {"category": "tourism"}


def test_aligned_columns_are_a_table_too():
    text = (
        "Signed projects by county:\n"
        "County      Projects    Investment (million yuan)\n"
        "Xian A      6           850\n"
        "Xian B      4           420\n"
    )
    found = _by_quote(text, "en")
    assert found["Xian A      6"][:2] == ("signed_count", D(6))
    assert found["Xian B      4           420"][:2] == ("signed_value", D("420000000"))


def test_a_table_that_says_nothing_of_signing_gives_no_figures():
    text = "各县情况：\n\n县｜企业（家）｜产值（亿元）\n甲县｜12｜3.5\n乙县｜8｜2.1\n"
    [table] = find_tables(text)
    assert table.cells == ()
    assert find_figures(text, "zh") == []


def test_an_amount_column_without_a_unit_gives_no_amounts():
    text = "签约情况如下：\n县｜签约项目｜签约金额\n甲县｜3｜2.5\n乙县｜4｜6\n"
    found = _by_quote(text, "zh")
    assert sorted(v[:2] for v in found.values()) == [("signed_count", 3), ("signed_count", 4)]


def test_a_total_row_is_no_category_and_one_line_is_no_table():
    text = "签约项目汇总：\n领域｜签约项目（个）\n工业｜6\n农业｜4\n合计｜10\n"
    found = _by_quote(text, "zh")
    assert found["工业｜6"][3] == {"category": "industrial"}
    assert found["合计｜10"][3] == {}
    assert find_tables("来源：某某日报 | 2024-05-12\n") == []


def test_rows_adding_up_to_a_total_take_its_event():
    registry = Registry([])
    extraction = extract(read_article(ZH_TABLE, lang="zh"), registry)
    events = {f.mention.quote: f.event for f in extraction.figures}
    total = events["共签约项目20个"]
    assert total is not None
    assert events["甲县｜8"] == total
    assert events["其他｜5｜10.5"] == total


def test_an_html_table_keeps_its_cells_apart_and_is_read():
    page = (
        "<html><body><article><h1>两市签约</h1><p>各县签约情况如下：</p><table>"
        "<tr><th>县</th><th>签约项目（个）</th><th>签约金额（亿元）</th></tr>"
        "<tr><td>甲县</td><td>12</td><td>48.5</td></tr>"
        "<tr><td>乙县</td><td>9</td><td>31.2</td></tr></table></article></body></html>"
    )
    article = read_article(page, "page.html", "zh")
    assert "甲县 | 12 | 48.5" in article.content
    found = _by_quote(article.content, "zh")
    assert found["甲县 | 12"][:2] == ("signed_count", D(12))
    assert found["乙县 | 9 | 31.2"][:2] == ("signed_value", D("3120000000"))


YEARS_TABLE = """某市发布近三年对口合作招商情况，具体如下：

年度｜签约项目（个）｜签约金额（亿元）｜到位资金（亿元）
2022年｜11｜30.5｜9.2
2023年｜14｜41｜12.8
2027年（目标）｜20｜60｜25
"""

EN_FIRMS_TABLE = """Exchanges between the two cities, by year.

Year | Projects signed | Contract value (bn yuan) | Capital in place (bn yuan) | New firms
2022 | 40 | 12.5 | 4.1 | 95
2023 | 52 | 15 | 5.5 | 120
"""


def test_a_column_whose_own_header_says_in_place_is_funds_in_place_in_a_table_of_signings():
    found = _by_quote(YEARS_TABLE, "zh")
    assert found["2022年｜11｜30.5"][:2] == ("signed_value", D("3050000000"))
    assert found["2022年｜11｜30.5｜9.2"][:2] == ("funds_in_place", D("920000000"))


def test_a_planned_or_target_row_gives_no_figure():
    assert not [f for f in find_figures(YEARS_TABLE, "zh") if "目标" in f.quote]
    [table] = find_tables(YEARS_TABLE)
    assert {cell.label for cell in table.cells} == {"2022年", "2023年"}


def test_english_contract_value_capital_and_firms_columns():
    found = _by_quote(EN_FIRMS_TABLE, "en")
    assert found["2023 | 52 | 15"][:2] == ("signed_value", D("15000000000"))
    assert found["2023 | 52 | 15 | 5.5"][:2] == ("funds_in_place", D("5500000000"))
    assert found["2023 | 52 | 15 | 5.5 | 120"][:2] == ("organization_count", D(120))


ZH_INDICATORS = """某市通报了前三季度对口合作主要指标：

指标 | 2025年前三季度 | 2024年前三季度 | 同比
签约合作项目 | 34个 | 27个 | +25.9%
合同金额 | 61.5亿元 | 50.2亿元 | +22.5%
到位资金 | 20.3亿元 | 18.8亿元 | +8.0%
新入驻企业 | 12家 | 15家 | -20%
"""

EN_INDICATORS = """The district's partnership figures:

Item | 2024 | 2023 | y-o-y
Deals signed | 48 | 40 | +20%
Contract value (billion yuan) | 72.4 | 60.1 | +20.5%
Investment promotion events | 15 | 12 | +25%
Projects under negotiation | 31 | 26 | +19.2%
Industrial output (billion yuan) | 120.5 | 110 | +9.5%
"""


def test_an_indicator_table_reads_each_row_by_its_label_and_each_change_as_growth():
    figures = _by_quote(ZH_INDICATORS, "zh")
    assert figures["签约合作项目 | 34个"] == ("signed_count", D(34), "count", {})
    assert figures["签约合作项目 | 34个 | 27个"] == ("signed_count", D(27), "count", {})
    assert figures["签约合作项目 | 34个 | 27个 | +25.9%"] == ("growth", D("25.9"), "percent", {})
    assert figures["合同金额 | 61.5亿元"] == ("signed_value", D("6150000000"), "yuan", {})
    assert figures["到位资金 | 20.3亿元"][:2] == ("funds_in_place", D("2030000000"))
    assert figures["新入驻企业 | 12家"][:2] == ("organization_count", D(12))
    assert figures["新入驻企业 | 12家 | 15家 | -20%"][:2] == ("growth", D(-20))
    assert len(figures) == 12  # the header's years are no figures


def test_an_english_indicator_table_takes_the_scale_from_the_label():
    figures = _by_quote(EN_INDICATORS, "en")
    assert figures["Deals signed | 48"][:2] == ("signed_count", D(48))
    assert figures["Contract value (billion yuan) | 72.4"][:2] == ("signed_value", D("72.4e9"))
    assert figures["Investment promotion events | 15"][:2] == ("event_count", D(15))
    assert figures["Projects under negotiation | 31"][:2] == ("pipeline_count", D(31))
    # a row the table's words do not name as a signing, capital or events gives only its growth
    assert "Industrial output (billion yuan) | 120.5" not in figures
    assert figures["Industrial output (billion yuan) | 120.5 | 110 | +9.5%"][:2] == (
        "growth",
        D("9.5"),
    )
    # a share in a period's column is not read as a growth
    shares = "Item | 2024 | 2023\nDeals signed | 48 | 40\nShare of the province | 35% | 30%\n"
    assert [f.metric for f in find_figures(shares, "en")] == ["signed_count", "signed_count"]


def test_a_header_of_years_without_a_label_column_or_with_a_target_column_is_read_carefully():
    # a target column gives nothing; a row whose cells are not all values ends the table
    text = "指标 | 2025年 | 2026年目标\n签约项目 | 30个 | 40个\n签约额 | 20亿元 | 30亿元\n"
    figures = _by_quote(text, "zh")
    assert sorted(v[1] for v in figures.values()) == [D(30), D("2000000000")]
    # a header with a number in its label column is no header
    assert find_tables("2025年 | 2024年\n签约项目 | 30个\n签约额 | 20亿元\n") == []


def test_an_indicator_tables_cells_take_their_columns_period_and_a_change_the_first():
    registry = Registry([])
    text = "7月5日，两市合作推进会召开。\n\n" + ZH_INDICATORS
    periods = {
        f.mention.quote: (f.event, f.period)
        for f in extract(read_article(text, lang="zh"), registry).figures
    }
    assert periods["签约合作项目 | 34个"] == (None, (date(2025, 1, 1), date(2025, 9, 30)))
    assert periods["签约合作项目 | 34个 | 27个"] == (None, (date(2024, 1, 1), date(2024, 9, 30)))
    assert periods["签约合作项目 | 34个 | 27个 | +25.9%"][1] == (
        date(2025, 1, 1),
        date(2025, 9, 30),
    )
    english = {
        f.mention.quote: f.period
        for f in extract(read_article(EN_INDICATORS, lang="en"), registry).figures
    }
    assert english["Deals signed | 48 | 40"] == (date(2023, 1, 1), date(2023, 12, 31))


def test_cells_that_write_their_own_unit_are_read_by_it():
    text = (
        "今年两地共签约项目15个，协议投资额30亿元。各区签约情况：\n\n"
        "区        签约项目      协议投资额     到位资金\n"
        "甲区      项目8个       16.50亿元      6.2亿元\n"
        "乙区      7个           13.5亿元       3,800万元\n"
    )
    found = _by_quote(text, "zh")
    assert found["甲区      项目8个"][:2] == ("signed_count", D(8))
    assert found["甲区      项目8个       16.50亿元"][:2] == ("signed_value", D("1650000000"))
    assert found["乙区      7个           13.5亿元       3,800万元"][:2] == (
        "funds_in_place",
        D("38000000"),
    )


def test_english_cells_with_units_and_a_total_row():
    text = (
        "The city signed 30 projects worth 12 billion yuan with its partner in 2025.\n\n"
        "County       Projects       Contract value       Funds in place\n"
        "East County  18 projects    7.5 bn yuan          2.1 billion yuan\n"
        "West County  12 deals       4,500 million yuan   900 million yuan\n"
        "Total        30 projects    12.0 bn yuan         3.0 bn yuan\n"
    )
    found = _by_quote(text, "en")
    assert found["East County  18 projects"][:2] == ("signed_count", D(18))
    assert found["East County  18 projects    7.5 bn yuan"][:2] == (
        "signed_value",
        D("7500000000"),
    )
    assert found["West County  12 deals       4,500 million yuan"][:2] == (
        "signed_value",
        D("4500000000"),
    )
    assert "Total        30 projects" not in found  # the text said it first


def test_a_cell_unit_that_contradicts_its_column_gives_no_figure():
    # an amount written in the column of counts, a count in the column of money: not read
    text = (
        "签约情况：\n"
        "县        签约项目      签约金额\n"
        "甲县      2.5亿元       项目3个\n"
        "乙县      4亿元         项目5个\n"
    )
    assert not [f for f in find_figures(text, "zh") if f.metric in ("signed_count", "signed_value")]


def test_cells_with_units_in_a_table_of_nothing_signed_give_no_figures():
    text = (
        "各县工业情况：\n\n县        企业          产值\n"
        "甲县      12个          3.5亿元\n乙县      8个           2.1亿元\n"
    )
    assert not [f for f in find_figures(text, "zh") if f.metric != "other"]


def test_a_total_row_repeating_the_text_is_one_figure_and_a_new_one_is_kept():
    text = (
        "全年签约项目12个，签约金额9亿元。\n\n"
        "县｜签约项目（个）｜签约金额（亿元）\n甲县｜7｜5\n乙县｜5｜4\n合计｜12｜9\n"
    )
    quotes = [f.quote for f in find_figures(text, "zh")]
    assert "合计｜12" not in quotes and "合计｜12｜9" not in quotes
    # the text gave no value: the total row's is the only one, kept
    lone = text.replace("，签约金额9亿元", "")
    found = _by_quote(lone, "zh")
    assert "合计｜12" not in found
    assert found["合计｜12｜9"][:2] == ("signed_value", D("900000000"))
