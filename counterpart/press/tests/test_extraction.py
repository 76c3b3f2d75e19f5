"""The scope rules: which event, period and subset a figure belongs to (our own sentences)."""

import datetime

from counterpart.press.extract.names import Registry
from counterpart.press.extraction import extract
from counterpart.press.text import read_article

pytestmark = []

REGISTRY = Registry([("七台河市", "region", 1), ("七台河", "region", 1), ("江门", "region", 2)])
D = datetime.date


def scoped(text: str, lang: str = "zh"):
    extraction = extract(read_article(text, lang=lang), REGISTRY)
    by_quote = {}
    for figure in extraction.figures:
        event = extraction.events[figure.event].title if figure.event is not None else None
        by_quote[figure.mention.quote] = (event, figure.period, figure.mention.subset)
    return by_quote


ARTICLE = """两地合作推介会举行
某某日报
2024-05-12 09:00:00

5月10日，“七台河—江门对口合作推介会”在江门举行。
会上共签约项目20个，签约额36亿元，其中现场签约项目8个，签约额12亿元。
去年同期，两市签约项目15个。
自2017年两市建立对口合作关系以来，累计签约项目143个。
2023年，七台河市利用江门资金9.5亿元，同比增长12.5%。
目前，两市在谈项目32个。
"""


def test_figures_take_the_event_reported_before_them_and_subsets_keep_it():
    found = scoped(ARTICLE)
    title = "七台河—江门对口合作推介会"
    assert found["共签约项目20个"] == (title, None, {})
    on_site = [v for q, v in found.items() if "现场签约项目8个" in q]
    assert on_site == [(title, None, {"signed_on_site": True})]


def test_other_periods_are_not_the_event():
    found = scoped(ARTICLE)
    [last_year] = [v for q, v in found.items() if "15个" in q]
    assert last_year == (None, (D(2023, 1, 1), D(2023, 12, 31)), {})
    [since] = [v for q, v in found.items() if "143个" in q]
    assert since == (None, (D(2017, 1, 1), D(2024, 5, 12)), {})
    [funds] = [v for q, v in found.items() if "9.5亿元" in q]
    assert funds == (None, (D(2023, 1, 1), D(2023, 12, 31)), {})
    [pipeline] = [v for q, v in found.items() if "32个" in q]
    assert pipeline == (None, (D(2024, 5, 12), D(2024, 5, 12)), {})


def test_a_subset_without_its_total_is_the_total():
    text = "2024-05-12\n\n5月10日，“七台河—江门招商推介会”在江门举行，现场签约项目9个。"
    [(event, _period, subset)] = scoped(text).values()
    assert event and subset == {}


def test_a_numeral_inside_a_place_name_is_not_a_figure():
    assert not scoped("2024-05-12\n\n七台河市代表团访问江门。")


def test_a_headline_and_its_story_are_one_event():
    extraction = extract(read_article(ARTICLE), REGISTRY)
    assert [e.first for e in extraction.events] == [D(2024, 5, 10)]


def test_an_english_figure_paragraphs_after_its_event():
    text = (
        "Published: April 24, 2023\n\n"
        "On the morning of April 22, the Harbin-Shenzhen Cooperation Conference was held in "
        "Shenzhen.\n\nThe two cities have worked together for years.\n\n"
        "A total of 56 projects were signed in this event."
    )
    found = scoped(text, "en")
    [(event, period, _subset)] = [v for q, v in found.items() if "56" in q]
    assert "Harbin-Shenzhen Cooperation Conference" in event and period is None


PIPELINE = """两市合作对接会召开
某某日报
2024-06-20 09:00:00

6月18日，“甲乙两市产业合作对接会”在乙市举行。会上签约项目9个，另有5个项目进入实质性洽谈阶段。
目前，两市在谈项目共40个。
"""


def test_projects_negotiated_at_an_event_are_its_pipeline_but_not_those_of_today():
    found = scoped(PIPELINE)
    [at_event] = [v for q, v in found.items() if "5个项目" in q]
    assert at_event == ("甲乙两市产业合作对接会", None, {})
    [now] = [v for q, v in found.items() if "40个" in q]
    assert now == (None, (D(2024, 6, 20), D(2024, 6, 20)), {})


SINCE = (
    "Two cities review their cooperation\nSome Daily\n2024-06-20 09:00:00\n\n"
    "Since the two cities established their partnership in 2017, a total of 300 projects "
    "have been signed.\n"
    "In 2023 trade grew fast. Funds from the partner reached 2 billion yuan, the highest "
    "since the two were paired in 2017.\n"
)


def test_since_a_clause_in_a_year_runs_to_publication_and_a_later_since_is_no_period():
    found = scoped(SINCE, "en")
    [total] = [v for q, v in found.items() if "300" in q]
    assert total == (None, (D(2017, 1, 1), D(2024, 6, 20)), {})
    [funds] = [v for q, v in found.items() if "2 billion" in q]
    assert funds == (None, (D(2023, 1, 1), D(2023, 12, 31)), {})


YEARS = (
    "Two counties review their cooperation\nSome Daily\n2025-11-20 09:00:00\n\n"
    "Last year, the county signed 8 projects. Funds in place reached 900 million yuan.\n"
    "This year the county has received 1.2 billion yuan of capital from the partner.\n"
    "It signed 6 projects in 2023, and 9 in 2024.\n"
    "Projects signed each year:\n2021: 4 projects\n2022: 5 projects\n"
)


def test_years_named_by_last_year_this_year_a_list_label_or_right_after_the_figure():
    found = scoped(YEARS, "en")
    last_year = (None, (D(2024, 1, 1), D(2024, 12, 31)), {})
    assert found["signed 8 projects"] == last_year
    [funds] = [v for q, v in found.items() if "900 million" in q]
    assert funds == last_year  # the paragraph's "Last year", capitalised
    [this_year] = [v for q, v in found.items() if "1.2 billion" in q]
    assert this_year == (None, (D(2025, 1, 1), D(2025, 11, 20)), {})  # so far this year
    [nine] = [v for q, v in found.items() if q.startswith("9")]
    assert nine == (None, (D(2024, 1, 1), D(2024, 12, 31)), {})
    [four] = [v for q, v in found.items() if "4 projects" in q]
    assert four == (None, (D(2021, 1, 1), D(2021, 12, 31)), {})


SIZED = """两地合作推介会举行
某某日报
2024-05-12 09:00:00

5月10日，“七台河—江门对口合作推介会”在江门举行。会上共签约项目20个，其中亿元以上项目6个。
"""


def test_a_count_of_projects_above_a_size_takes_the_event_of_its_total():
    found = scoped(SIZED)
    [sized] = [v for q, v in found.items() if "6个" in q]
    assert sized == ("七台河—江门对口合作推介会", None, {})


LIST = """两地协作数据快报
某某商务局  2026-01-20 09:00:00

商务局发布数据，2025年两地产业协作主要指标如下：

· 新签约企业投资项目18个，签约总额26.5亿元；
· 实际到位资金9.8亿元。
"""
RANGE = (
    "Fujian capital in the county\nSome Daily\n2025-12-05 09:00:00\n\n"
    "From January to October, the county received 1.1 billion yuan of capital from Fujian.\n"
)


def test_a_bulleted_list_takes_the_period_of_its_lead_and_from_to_is_a_range():
    found = scoped(LIST)
    year = (None, (D(2025, 1, 1), D(2025, 12, 31)), {})
    [count] = [v for q, v in found.items() if "18个" in q]
    assert count == year
    [funds] = [v for q, v in found.items() if "9.8亿元" in q]
    assert funds == year
    [english] = [v for q, v in scoped(RANGE, "en").items() if "1.1 billion" in q]
    assert english == (None, (D(2025, 1, 1), D(2025, 10, 31)), {})


EDITION = (
    "Forum signs deals\nSome Daily\n2025-06-12 09:00:00\n\n"
    "The Hotan-Tianjin Textile Forum was held in Tianjin on June 10. At the forum, 9 projects "
    "worth 1.2 billion yuan were signed. The contract value rose 15 percent from last year's "
    "edition.\n"
)


def test_a_growth_against_the_last_edition_is_the_events():
    found = scoped(EDITION, "en")
    [growth] = [v for q, v in found.items() if "15 percent" in q]
    assert growth == ("Hotan-Tianjin Textile Forum", None, {})


LEDE = (
    "Deals signed\nSome Daily\n2025-06-12 09:00:00\n\n"
    "Tianjin companies signed 11 projects worth 3.4 billion yuan with Hotan on Tuesday.\n\n"
    "The deals were inked at the Hotan (Tianjin) Investment Promotion Conference held in "
    "Tianjin.\n"
)


def test_a_ledes_figures_take_the_event_the_next_sentence_names_as_where_they_were_signed():
    found = scoped(LEDE, "en")
    [count] = [v for q, v in found.items() if "11 projects" in q]
    assert count == ("Hotan (Tianjin) Investment Promotion Conference", None, {})


# ---------------------------------------------------------------------------- regions

PLACES = Registry(
    [
        ("哈尔滨市", "region", 1),
        ("哈尔滨", "region", 1),
        ("Harbin", "region", 1),
        ("深圳市", "region", 2),
        ("深圳", "region", 2),
        ("Shenzhen", "region", 2),
        ("广东", "region", 3),
        ("Guangdong", "region", 3),
    ]
)


def regions(text: str, lang: str = "zh") -> dict[str, tuple[int | None, int | None]]:
    extraction = extract(read_article(text, lang=lang), PLACES)
    return {f.mention.quote: (f.region, f.source_region) for f in extraction.figures}


def test_the_venue_and_a_pairs_title_name_no_figures_region():
    found = regions("6月9日，在深圳举行的哈尔滨—深圳经贸合作推介会上签约项目12个，签约额20.5亿元。")
    assert found == {"签约项目12个": (None, None), "签约额20.5亿元": (None, None)}
    found = regions("6月9日，哈尔滨市在深圳举行推介会，签约项目12个。")
    assert found["签约项目12个"] == (1, None)  # who held it, not where
    found = regions(
        "On June 9, Harbin held a promotion conference in Shenzhen, signing 12 projects.", "en"
    )
    assert found["signing 12 projects"] == (1, None)


def test_a_title_naming_one_place_names_the_region():
    found = regions("6月9日，哈尔滨市投资环境推介会举行，签约项目12个。")
    assert found["签约项目12个"] == (1, None)


def test_where_money_companies_or_visitors_come_from_is_not_the_region():
    found = regions("2023年，哈尔滨市共签约深圳企业投资项目30个。")
    assert found["共签约深圳企业投资项目30个"] == (1, None)
    found = regions("2023年，哈尔滨市利用广东资金19.5亿元。")
    assert found["利用广东资金19.5亿元"] == (1, 3)  # the source is read apart
    found = regions("In 2023, Harbin received 1.2 billion yuan in funds from Guangdong.", "en")
    assert set(found.values()) == {(1, None)}
    found = regions("In 2023, Shenzhen-funded companies signed 30 projects in Harbin.", "en")
    assert found == {"signed 30 projects": (None, None)}  # not Shenzhen's


def test_an_on_site_total_keeps_its_kinds_as_parts():
    # The event's only total is said to be signed on site: it is the total (no subset), and
    # the kinds counted after it are still its parts.
    text = (
        "2024-05-12\n\n5月10日，“七台河—江门招商推介会”在江门举行。会上现场签约项目14个，"
        "签约额30亿元。其中，装备制造业项目9个，金额22亿元；文旅项目5个。"
    )
    found = scoped(text)
    [total] = [v for q, v in found.items() if "14个" in q]
    assert total[0] and total[2] == {}
    [industry] = [v for q, v in found.items() if "9个" in q]
    assert industry[2] == {"category": "industrial"}
    [tourism] = [v for q, v in found.items() if "5个" in q]
    assert tourism[2] == {"category": "tourism"}
    # … while kinds without any total of their event stay totals themselves
    text = "2024-05-12\n\n5月10日，“七台河—江门招商推介会”在江门举行，签约工业项目6个。"
    [(event, _period, subset)] = scoped(text).values()
    assert event and subset == {}


def test_the_same_period_last_year_is_a_year_before():
    # A baseline "of the same period last year" takes the figure's period a year earlier …
    found = scoped(
        "2026-04-20\n\n2026年一季度，两地签约项目26个，上年同期为20个。"
        "签约额增长12%，比上年同期增加3亿元。"
    )
    assert found["签约项目26个"][1] == (D(2026, 1, 1), D(2026, 3, 31))
    [baseline] = [v for q, v in found.items() if "20个" in q]
    assert baseline[1] == (D(2025, 1, 1), D(2025, 3, 31))
    # … not a growth or a change against it, which are of the figure's own period
    assert found["增长12%"][1] == (D(2026, 1, 1), D(2026, 3, 31))
    [change] = [v for q, v in found.items() if "3亿元" in q]
    assert change[1] == (D(2026, 1, 1), D(2026, 3, 31))
    found = scoped(
        "2026-10-20\n\nIn the first nine months of 2026, the city signed 52 projects, up from "
        "44 in the same period last year.",
        "en",
    )
    [baseline] = [v for q, v in found.items() if "44" in q]
    assert baseline[1] == (D(2025, 1, 1), D(2025, 9, 30))


def test_a_paragraph_pointing_back_to_the_signed_takes_their_period():
    text = (
        "2026-07-20\n\nThe zone signed 40 projects in the first half of 2026, its committee said."
        "\n\nThe contracts carry a combined value of 9 billion yuan, up 12 percent.\n\n"
        "Trade with Hong Kong reached 3 billion yuan.\n"
    )
    found = scoped(text, "en")
    half = (D(2026, 1, 1), D(2026, 6, 30))
    [value] = [v for q, v in found.items() if "9 billion" in q]
    assert value[1] == half
    [growth] = [v for q, v in found.items() if "12 percent" in q]
    assert growth[1] == half
    # … not a paragraph that does not point back
    [trade] = [v for q, v in found.items() if "3 billion" in q]
    assert trade[1] is None


def test_the_month_of_an_event_named_is_not_the_period_of_its_figures():
    text = (
        "2025-11-20\n\nThe county held nine promotion events, including the Gamma "
        "(Delta) Investment Promotion Conference in Delta in June, where 7 projects were signed."
        "\n\nIn October, the county signed 5 projects.\n"
    )
    found = scoped(text, "en")
    [signed] = [v for q, v in found.items() if "7 projects" in q]
    assert signed[0] == "Gamma (Delta) Investment Promotion Conference" and signed[1] is None
    # … while a month that opens its own sentence is the period of its figures
    [october] = [v for q, v in found.items() if "5 projects" in q]
    assert october[1] == (D(2025, 10, 1), D(2025, 10, 31))
