"""Figures found in running text: values, units, qualifiers, metrics, subsets and spans.

The sentences are written for these tests in the style of the commerce departments' news; the
seed articles are only read (and only where ../shared/ is present) to check FACTS.md's figures.
"""

from __future__ import annotations

import re
from decimal import Decimal

import cn2an
import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from counterpart.press.extract.figures import FigureMention, find_figures

pytestmark = []

D = Decimal

Y, N, P, R, YRS = "yuan", "count", "percent", "rank", "years"
EXACT, ABOUT, AT_LEAST, MORE, AT_MOST = "exact", "approximate", "at_least", "more_than", "at_most"

# (text, lang, value, unit, qualifier, metric): each sentence states exactly one figure.
# fmt: off
CASES = [
    # Chinese money
    ("本次大会签约总额982.38亿元。", "zh", D("98238000000"), Y, EXACT, "signed_value"),
    ("1-2月份，我省利用广东资金19.5亿元。", "zh", D("1950000000"), Y, EXACT, "funds_in_place"),
    ("项目总投资3000万元，目前已开工。", "zh", D("30000000"), Y, EXACT, "other"),
    ("该公司计划投资1,000万建设生产线。", "zh", D("10000000"), Y, EXACT, "other"),
    ("双方签约金额5000万，项目明年投产。", "zh", D("50000000"), Y, EXACT, "signed_value"),
    ("全省进出口总额达1.2万亿元。", "zh", D("1200000000000"), Y, EXACT, "indicator_value"),
    ("实际到位资金十二亿元。", "zh", D("1200000000"), Y, EXACT, "funds_in_place"),
    ("签约金额一百九十二亿元。", "zh", D("19200000000"), Y, EXACT, "signed_value"),
    ("此次活动签约额近百亿元。", "zh", D("10000000000"), Y, ABOUT, "signed_value"),
    ("对俄贸易额超过50亿元。", "zh", D("5000000000"), Y, MORE, "indicator_value"),
    ("合同金额逾30亿元。", "zh", D("3000000000"), Y, MORE, "signed_value"),
    ("引进资金约12亿元。", "zh", D("1200000000"), Y, ABOUT, "funds_in_place"),
    ("签约金额30多亿元。", "zh", D("3000000000"), Y, MORE, "signed_value"),
    ("到位资金不少于8亿元。", "zh", D("800000000"), Y, AT_LEAST, "funds_in_place"),
    ("签约额达到120亿元。", "zh", D("12000000000"), Y, EXACT, "signed_value"),
    ("签约额达56.7亿元。", "zh", D("5670000000"), Y, EXACT, "signed_value"),
    ("企业获得奖励5000000元。", "zh", D("5000000"), Y, EXACT, "other"),
    ("出口额不超过3亿元。", "zh", D("300000000"), Y, AT_MOST, "indicator_value"),
    ("项目总投资50亿元左右。", "zh", D("5000000000"), Y, ABOUT, "other"),
    ("实际利用内资一点五亿元。", "zh", D("150000000"), Y, EXACT, "funds_in_place"),
    ("全市GDP突破万亿元大关。", "zh", D("1000000000000"), Y, MORE, "indicator_value"),
    # English money
    ("The projects carry a total contract value of 98.238 billion yuan.", "en",
     D("98238000000"), Y, EXACT, "signed_value"),
    ("Guangdong capital used in the province reached 1.95bn yuan.", "en",
     D("1950000000"), Y, EXACT, "funds_in_place"),
    ("Guangdong capital used in the province came to 1.95 bn.", "en",
     D("1950000000"), Y, EXACT, "funds_in_place"),
    ("The fund put RMB 5 million into the park.", "en", D("5000000"), Y, EXACT, "other"),
    ("The deal is worth CNY 300 million.", "en", D("300000000"), Y, EXACT, "signed_value"),
    ("Exports reached 5 million yuan.", "en", D("5000000"), Y, EXACT, "indicator_value"),
    ("Trade with Russia hit 300 million RMB.", "en", D("300000000"), Y, EXACT, "indicator_value"),
    ("Cross-border trade came to 1.2 trillion yuan.", "en",
     D("1200000000000"), Y, EXACT, "indicator_value"),
    ("Projects worth nearly 10 billion yuan were signed.", "en",
     D("10000000000"), Y, ABOUT, "signed_value"),
    ("Contracts worth more than 5 billion yuan were signed.", "en",
     D("5000000000"), Y, MORE, "signed_value"),
    ("Funds in place came to over 2 billion yuan.", "en",
     D("2000000000"), Y, MORE, "funds_in_place"),
    ("The park drew investment of about 3 billion yuan.", "en", D("3000000000"), Y, ABOUT, "other"),
    ("Exports grew to around 800 million yuan.", "en", D("800000000"), Y, ABOUT, "indicator_value"),
    ("Actually used domestic capital was at least 6 billion yuan.", "en",
     D("6000000000"), Y, AT_LEAST, "funds_in_place"),
    ("Each project may receive up to 20 million yuan.", "en", D("20000000"), Y, AT_MOST, "other"),
    ("Firms from Hong Kong (SAR) signed deals with a contract value of 5 billion yuan.", "en",
     D("5000000000"), Y, EXACT, "signed_value"),
    # Chinese counts
    ("大会共签约项目192个。", "zh", D(192), N, EXACT, "signed_count"),
    ("会上共签约56个项目。", "zh", D(56), N, EXACT, "signed_count"),
    ("签约项目一百九十二个。", "zh", D(192), N, EXACT, "signed_count"),
    ("现场签约工业项目三十二个。", "zh", D(32), N, EXACT, "signed_count"),
    ("代表团走访了10家重点企业。", "zh", D(10), N, EXACT, "organization_count"),
    ("200余家企业参加推介会。", "zh", D(200), N, MORE, "participant_count"),
    ("全省13个地市纷纷南下。", "zh", D(13), N, EXACT, "other"),
    ("十三地市纷纷南下广东，举行旅游推介会。", "zh", D(13), N, EXACT, "event_count"),
    ("目前在谈项目45个。", "zh", D(45), N, EXACT, "pipeline_count"),
    ("今年以来举办推介会8场。", "zh", D(8), N, EXACT, "event_count"),
    ("省商务厅成立5个专班。", "zh", D(5), N, EXACT, "other"),
    ("近百家企业参会。", "zh", D(100), N, ABOUT, "participant_count"),
    ("双方每年举办2次对接活动。", "zh", D(2), N, EXACT, "event_count"),
    ("接待客商3000余人次。", "zh", D(3000), N, MORE, "participant_count"),
    # English counts
    ("A total of 192 projects were signed at the conference.", "en",
     D(192), N, EXACT, "signed_count"),
    ("Thirty-two projects were signed on site.", "en", D(32), N, EXACT, "signed_count"),
    ("The delegation visited 10 key enterprises.", "en", D(10), N, EXACT, "organization_count"),
    ("More than 200 enterprises attended the fair.", "en", D(200), N, MORE, "participant_count"),
    ("The city held 8 promotion events in Guangdong.", "en", D(8), N, EXACT, "event_count"),
    ("There are 45 projects under negotiation.", "en", D(45), N, EXACT, "pipeline_count"),
    ("Projects signed at the fair came to a total of 56.", "en", D(56), N, EXACT, "signed_count"),
    ("Some 300 companies took part.", "en", D(300), N, ABOUT, "participant_count"),
    # Per cent
    ("对俄贸易同比增长41.3%。", "zh", D("41.3"), P, EXACT, "growth"),
    ("占全国总额的14.5％。", "zh", D("14.5"), P, EXACT, "share"),
    ("出口额同比下降3.2%。", "zh", D("-3.2"), P, EXACT, "growth"),
    ("增速为百分之四十一点三。", "zh", D("41.3"), P, EXACT, "growth"),
    ("出口增长1.3倍。", "zh", D(130), P, EXACT, "growth"),
    ("Exports rose 41.3 percent year on year.", "en", D("41.3"), P, EXACT, "growth"),
    ("The province makes up 14.5 per cent of the national total.", "en",
     D("14.5"), P, EXACT, "share"),
    ("Imports were down 7.5% year-on-year.", "en", D("-7.5"), P, EXACT, "growth"),
    ("The sector's share of provincial output was nearly 12%.", "en", D(12), P, ABOUT, "share"),
    # Ranks
    ("从资金来源看，广东位列第2位。", "zh", D(2), R, EXACT, "source_rank"),
    ("该市经济总量居第二。", "zh", D(2), R, EXACT, "other"),
    ("该项指标排名第3。", "zh", D(3), R, EXACT, "other"),
    ("增速居全省第一。", "zh", D(1), R, EXACT, "source_rank"),  # a region among regions
    ("Guangdong ranked 2nd among sources of capital.", "en", D(2), R, EXACT, "source_rank"),
    ("By source of funds, Guangdong came second among all provinces.", "en",
     D(2), R, EXACT, "source_rank"),
    ("Harbin is ranking second in the province.", "en", D(2), R, EXACT, "source_rank"),
    ("Guangdong was the second-largest source of capital.", "en", D(2), R, EXACT, "source_rank"),
    # Years
    ("6年来，两省合作不断深化。", "zh", D(6), YRS, EXACT, "duration_years"),
    ("六年来，合作成果丰硕。", "zh", D(6), YRS, EXACT, "duration_years"),
    ("过去6年，两省坚持以产业合作为重点。", "zh", D(6), YRS, EXACT, "duration_years"),
    ("对口合作开展6年多来成效明显。", "zh", D(6), YRS, MORE, "duration_years"),
    ("Over the past 6 years, the two provinces have worked together.", "en",
     D(6), YRS, EXACT, "duration_years"),
    ("The programme has run for six years.", "en", D(6), YRS, EXACT, "duration_years"),
    ("They have cooperated for over ten years.", "en", D(10), YRS, MORE, "duration_years"),
]
# fmt: on


def _only(text: str, lang: str) -> FigureMention:
    figures = find_figures(text, lang)
    assert len(figures) == 1, [f.quote for f in figures]
    return figures[0]


@pytest.mark.parametrize(("text", "lang", "value", "unit", "qualifier", "metric"), CASES)
def test_figure_forms(text, lang, value, unit, qualifier, metric):
    figure = _only(text, lang)
    assert (figure.value, figure.unit, figure.qualifier, figure.metric) == (
        value,
        unit,
        qualifier,
        metric,
    )


@pytest.mark.parametrize(("text", "lang"), [(case[0], case[1]) for case in CASES])
def test_quote_and_number_spans_hold(text, lang):
    for figure in find_figures(text, lang):
        assert figure.quote == text[figure.start : figure.end]
        assert figure.start <= figure.number_start < figure.number_end <= figure.end
        assert figure.quote == figure.quote.strip()
        assert not re.search(r"[。！？；;!?\n]|\.(?!\d)", figure.quote)


def test_quotes_stop_at_sentence_ends():
    text = "大会共签约项目192个。签约额982.38亿元；同比增长41.3%"
    for figure in find_figures(text, "zh"):
        assert not re.search(r"[。！？；;!?\n]", figure.quote)
    text = (
        "They met.\nA total of 192 projects were signed; with a contract value of 5 billion yuan."
    )
    for figure in find_figures(text, "en"):
        assert not re.search(r"[;!?\n]|\.(?!\d)", figure.quote)


@pytest.mark.parametrize(
    ("text", "lang", "quote", "number"),
    [
        ("此次大会共签约项目192个，签约额982.38亿元。", "zh", "共签约项目192个", "192个"),
        ("此次大会共签约项目192个，签约额982.38亿元。", "zh", "签约额982.38亿元", "982.38亿元"),
        ("贸易额同比增长41.3%，占全国14.5%。", "zh", "同比增长41.3%", "41.3%"),
        ("从资金来源看，位列第2位。", "zh", "位列第2位", "第2位"),
        ("签约额近百亿元。", "zh", "签约额近百亿元", "近百亿元"),
        ("1-2月份，利用广东资金19.5亿元。", "zh", "利用广东资金19.5亿元", "19.5亿元"),
        (
            "A total of 192 projects were signed in this event, with a contract value of 98.238 "
            "billion yuan.",
            "en",
            "A total of 192 projects were signed",
            "192 projects",
        ),
        (
            "A total of 192 projects were signed in this event, with a contract value of 98.238 "
            "billion yuan.",
            "en",
            "with a contract value of 98.238 billion yuan",
            "98.238 billion yuan",
        ),
        (
            "Trade rose 41.3% year-on-year, accounting for 14.5% of the national total.",
            "en",
            "accounting for 14.5% of the national total",
            "14.5%",
        ),
        ("Over the past 6 years, they cooperated.", "en", "Over the past 6 years", "6 years"),
    ],
)
def test_quotes_reach_their_cue_words(text, lang, quote, number):
    figures = {f.quote: f for f in find_figures(text, lang)}
    assert quote in figures, list(figures)
    figure = figures[quote]
    assert text[figure.number_start : figure.number_end] == number


def test_a_quote_stops_at_the_numbers_either_side():
    text = "The province signed 56 cooperation projects worth 12.5 billion yuan at the fair."
    assert [f.quote for f in find_figures(text, "en")] == [
        "signed 56 cooperation projects",
        "worth 12.5 billion yuan",
    ]
    text = "More than 300 companies and 1,200 guests attended."
    assert [f.quote for f in find_figures(text, "en")] == [
        "More than 300 companies",
        "1,200 guests attended",
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("线上观看人数超过100万。", "zh"),
        ("三分之一的企业来自广东。", "zh"),
        ("各市分别签约30-50个项目。", "zh"),
        ("会议于2023年4月22日在深圳举行。", "zh"),
        ("二〇二三年四月二十二日上午九时，大会开幕。", "zh"),
        ("On April 22, 2023, the conference opened in Shenzhen.", "en"),
        ("From April 20th to 23rd the delegation toured Guangdong.", "en"),
        ("会议于上午9:30开始，2023-04-07 13:33:26发布。", "zh"),
        ("咨询电话：0451-86611234，手机13800138000。", "zh"),
        ("Call +86 451 8661 1234 or 13800138000 for details.", "en"),
        ("第十届中俄博览会在哈尔滨开幕。", "zh"),
        ("第3批项目名单已公布。", "zh"),
        ("The 10th China-Russia Expo opened in Harbin.", "en"),
        ("the 13th Party Congress and the Second Plenary Session", "en"),
        ("构建“4567”现代产业体系。", "zh"),
        ("Longjiang's “4567 revitalized industries” were presented.", "en"),
        ("Construct the “4567” modern industrial system.", "en"),
        ("一场场对接推介，一次次敲门招商，一份份合作协议。", "zh"),
        ("龙粤两省一南一北，跨越千里、万里尚为邻。", "zh"),
        ("cooperation between the two provinces, one north and one south", "en"),
        ("“十四五”规划提出，5G网络覆盖G214国道沿线。", "zh"),
        ("China's top 500 and Fortune 500 companies attended.", "en"),
        ("在这个芳菲四月，一个是老工业基地，另一个是先行地。", "zh"),
        ("两个确立、五位一体。", "zh"),
        ("国道全长有3256公里，公园面积3.88万平方米。", "zh"),
        ("Room 1203, No. 88 Zhongshan Road", "en"),
        ("In 2022, the province grew.", "en"),
        # thresholds define a scope, they are not figures
        ("我省千万元及以上项目中，以制造业为主。", "zh"),
        ("全市亿元以上项目加快建设。", "zh"),
        ("Projects of 50 million yuan and above are given priority.", "en"),
        ("Firms with an investment of 20 million yuan or more may apply.", "en"),
        # targets and forecasts are not results
        ("下半年，力争全年新签约项目不少于50个。", "zh"),
        ("预计全年引进资金超过30亿元。", "zh"),
        ("The two cities plan to sign 30 projects next year.", "en"),
        ("The county aims to attract 2 billion yuan of funds this year.", "en"),
        ("Both sides will sign 12 agreements in the autumn.", "en"),
        # digits, ranges, priorities
        ("一季度利用外资实现两位数增长。", "zh"),
        ("Each task group covers two or three cities.", "en"),
        ("始终把项目建设放在首位。", "zh"),
        ("双方合作模式一成不变。", "zh"),
    ],
)
def test_dates_years_codes_ordinals_and_names_yield_nothing(text, lang):
    assert find_figures(text, lang) == []


@pytest.mark.parametrize(
    "text",
    [
        "企业投资5000万美元建设工厂。",
        "The firm invested US$5 million in the plant.",
        "The firm invested $300 million.",
        "The firm invested USD 2 billion.",
        "Investment reached 5 million US dollars.",
        "The fund holds HK$2 billion.",
        "The project costs 3 billion euros.",
    ],
)
def test_other_currencies_are_not_read_as_yuan(text):
    assert find_figures(text, "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en") == []


def test_count_and_money_of_an_on_site_industrial_subset():
    text = "共签约项目192个，签约额982.38亿元，其中现场签约工业项目32个，签约额292.93亿元。"
    figures = find_figures(text, "zh")
    assert [(f.value, f.unit, f.metric) for f in figures] == [
        (D(192), "count", "signed_count"),
        (D("98238000000"), "yuan", "signed_value"),
        (D(32), "count", "signed_count"),
        (D("29293000000"), "yuan", "signed_value"),
    ]
    assert [f.subset for f in figures] == [
        {},
        {},
        {"signed_on_site": True, "category": "industrial"},
        {"signed_on_site": True, "category": "industrial"},
    ]
    assert figures[2].quote == "现场签约工业项目32个"
    assert figures[3].quote == "签约额292.93亿元"


def test_the_subset_sentence_on_its_own():
    figures = find_figures("其中现场签约工业项目32个，签约额292.93亿元", "zh")
    assert len(figures) == 2
    assert all(f.subset == {"signed_on_site": True, "category": "industrial"} for f in figures)


@pytest.mark.parametrize(
    ("text", "lang", "subset"),
    [
        ("32 industrial projects were signed on site, worth 29.293 billion yuan.", "en",
         {"signed_on_site": True, "category": "industrial"}),
        ("现场签约项目20个。", "zh", {"signed_on_site": True}),
        ("签约服务业项目12个。", "zh", {"category": "service"}),
        ("签约农业项目6个。", "zh", {"category": "agricultural"}),
        ("签约基础设施项目4个。", "zh", {"category": "infrastructure"}),
        ("签约文旅项目9个。", "zh", {"category": "tourism"}),
        ("签约商贸项目7个。", "zh", {"category": "trade"}),
        ("Tourism projects signed on site numbered 15 projects.", "en",
         {"signed_on_site": True, "category": "tourism"}),
        ("Trade with Russia reached 185.47 billion yuan.", "en", {}),
        # manufacturing industries by name are industrial; 化/产业化/物流/康养 between
        ("签约新能源项目5个。", "zh", {"category": "industrial"}),
        ("签约新型工业化项目5个。", "zh", {"category": "industrial"}),
        ("签约农牧业项目3个。", "zh", {"category": "agricultural"}),
        ("签约文旅康养项目4个。", "zh", {"category": "tourism"}),
        ("签约商贸物流项目2个。", "zh", {"category": "trade"}),
        ("The fair signed 30 deals. Of the 30 deals, 12 are in manufacturing.", "en",
         {"category": "industrial"}),
        ("The fair signed 30 deals. Of them, 8 were new energy projects.", "en",
         {"category": "industrial"}),
    ],
)  # fmt: skip
def test_subsets(text, lang, subset):
    assert find_figures(text, lang)[-1].subset == subset


@pytest.mark.parametrize(
    ("text", "lang", "hint"),
    [
        ("2022年，对俄贸易额1854.7亿元，同比增长41.3%。", "zh", "2022年"),
        ("去年，全省签约项目120个。", "zh", "去年"),
        ("1-2月份，利用广东资金19.5亿元。", "zh", "1-2月份"),
        ("2023年1-2月，利用广东资金19.5亿元。", "zh", "2023年1-2月"),
        ("对俄贸易额同比增长41.3%。", "zh", ""),
        ("In 2022, trade with Russia was 185.47 billion yuan.", "en", "In 2022"),
        ("Exports rose 12% last year.", "en", "last year"),
        ("Exports rose 12% year-on-year.", "en", ""),
        ("Exports rose 12% from last year.", "en", ""),
        ("Over 1,000 exhibitors took part, up from 800 last year.", "en", ""),
        ("一季度，增速比上年提高3个百分点。", "zh", "一季度"),
        ("去年同期签约项目45个。", "zh", "去年"),
        ("The delegation visited 12 enterprises on April 3, 2023.", "en", "April 3, 2023"),
        ("In the first two months of 2023, capital used reached 1.95 billion yuan.", "en",
         "the first two months of 2023"),
    ],
)  # fmt: skip
def test_period_hints(text, lang, hint):
    assert {f.period_hint for f in find_figures(text, lang)} == {hint}


@pytest.mark.parametrize(
    ("text", "lang", "counted"),
    [
        ("签约项目192个。", "zh", "项目"),
        ("共签约56个项目。", "zh", "项目"),
        ("走访10家企业。", "zh", "家企业"),
        ("走访10家重点企业。", "zh", "家重点企业"),
        ("黑龙江省十三地市南下广东。", "zh", "地市"),
        ("A total of 192 projects were signed.", "en", "projects"),
        ("More than 200 enterprises attended.", "en", "enterprises"),
        ("Five task forces were set up.", "en", "task forces"),
        ("Harbin leads the 13 prefecture-level cities.", "en", "cities"),
        ("考察洽谈了10户数字经济、生物经济、冰雪经济等领域重点企业。", "zh", "企业"),
    ],
)
def test_counted_nouns(text, lang, counted):
    assert [f.counted for f in find_figures(text, lang)] == [counted]


def test_counted_is_empty_for_money_and_percent():
    figures = find_figures("签约额982.38亿元，同比增长41.3%。", "zh")
    assert [f.counted for f in figures] == ["", ""]


def test_mixed_text_finds_both_scripts():
    text = "A total of 192 projects were signed (签约项目192个), worth 98.238 billion yuan."
    found = [(f.value, f.unit) for f in find_figures(text, "en")]
    assert found == [(D(192), "count"), (D(192), "count"), (D("98238000000"), "yuan")]


def test_figures_are_sorted_and_unknown_languages_refused():
    text = "同比增长41.3%，占全国14.5%，签约项目192个。"
    starts = [f.start for f in find_figures(text, "zh")]
    assert starts == sorted(starts) and len(starts) == 3
    with pytest.raises(ValueError):
        find_figures(text, "ru")


# ---------------------------------------------------------------------------- news-style rules


def _readings(text: str, lang: str) -> list[tuple]:
    return [(f.value, f.unit, f.qualifier, f.metric, f.subset) for f in find_figures(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # A category count after a signing total, in the next sentence or after a ；
        ("会上共签约项目40个，签约额80亿元。其中，农业项目15个，文旅项目9个。", "zh", [
            (D(40), N, EXACT, "signed_count", {}),
            (D("8000000000"), Y, EXACT, "signed_value", {}),
            (D(15), N, EXACT, "signed_count", {"category": "agricultural"}),
            (D(9), N, EXACT, "signed_count", {"category": "tourism"}),
        ]),
        # A breakdown "by kind" in the next paragraph is of the event's total, not of its
        # on-site part counted last
        ("会上共签约项目58个。其中现场签约项目16个。\n从产业类别看，工业项目31个，签约额121亿元。",
         "zh", [
            (D(58), N, EXACT, "signed_count", {}),
            (D(16), N, EXACT, "signed_count", {"signed_on_site": True}),
            (D(31), N, EXACT, "signed_count", {"category": "industrial"}),
            (D("12100000000"), Y, EXACT, "signed_value", {"category": "industrial"}),
        ]),
        # A kind named as one of the projects is not the total of the kinds after it; a second
        # kind may stand between the category word and 类
        ("现场签约19个项目。签约项目中，文旅康养类项目7个；先进制造类项目8个。", "zh", [
            (D(19), N, EXACT, "signed_count", {"signed_on_site": True}),
            (D(7), N, EXACT, "signed_count", {"category": "tourism"}),
            (D(8), N, EXACT, "signed_count", {"category": "industrial"}),
        ]),
        # "They include" points back across a paragraph; each part's kind is the words after it
        ("Twenty projects were signed at the conference.\nThey include 11 agricultural projects "
         "and nine tourism projects.", "en", [
            (D(20), N, EXACT, "signed_count", {}),
            (D(11), N, EXACT, "signed_count", {"category": "agricultural"}),
            (D(9), N, EXACT, "signed_count", {"category": "tourism"}),
        ]),
        # Counts by place: a bare 个 after a place's name, in a list of places
        ("会上签约项目20个。分地市看，哈尔滨市签约9个、齐齐哈尔市签约6个。", "zh", [
            (D(20), N, EXACT, "signed_count", {}),
            (D(9), N, EXACT, "signed_count", {}),
            (D(6), N, EXACT, "signed_count", {}),
        ]),
        ("从区县看，商州区签约项目6个，洛南县5个，山阳县4个。", "zh", [
            (D(6), N, EXACT, "signed_count", {}),
            (D(5), N, EXACT, "signed_count", {}),
            (D(4), N, EXACT, "signed_count", {}),
        ]),
        # Key figures as a list of labels; a number's noun never reaches into the next paragraph
        ("Key figures:\n\nProjects signed: 36\n\nTotal investment: 21.7 billion yuan\n\n"
         "Signed on site at the opening ceremony: 8\n\nExhibitors: 230", "en", [
            (D(36), N, EXACT, "signed_count", {}),
            (D("21700000000"), Y, EXACT, "signed_value", {}),
            (D(8), N, EXACT, "signed_count", {"signed_on_site": True}),
        ]),
        ("Projects signed, by destination:\n- Aksu city: 9 projects, RMB 5.1 billion\n"
         "- Kuqa: 6 projects", "en", [
            (D(9), N, EXACT, "signed_count", {}),
            (D("5100000000"), Y, EXACT, "signed_value", {}),
            (D(6), N, EXACT, "signed_count", {}),
        ]),
        ("- Projects signed: 48\n- Of which, industrial projects: 31", "en", [
            (D(48), N, EXACT, "signed_count", {}),
            (D(31), N, EXACT, "signed_count", {"category": "industrial"}),
        ]),
        # Parts written without a lead: a sentence opening with the number and "are"; "Among
        # the 12, three …"; "made up 13 of the 21"
        ("Nine of the deals were inked on stage. Two are tourism projects, with a combined "
         "investment of CNY 1.35 billion.", "en", [
            (D(9), N, EXACT, "signed_count", {}),
            (D(2), N, EXACT, "signed_count", {"category": "tourism"}),
            (D("1350000000"), Y, EXACT, "signed_value", {"category": "tourism"}),
        ]),
        ("They signed 12 projects. Among the 12, three involve rice processing.", "en", [
            (D(12), N, EXACT, "signed_count", {}),
            (D(3), N, EXACT, "signed_count", {}),
        ]),
        ("In all 21 projects were signed. Industrial projects made up 13 of the 21.", "en", [
            (D(21), N, EXACT, "signed_count", {}),
            (D(13), N, EXACT, "signed_count", {"category": "industrial"}),
        ]),
        ("Two are expected next year.", "en", []),
        # Worth, but not signed: goods sold, orders placed, one company's money, one phase
        ("Farm products sold in the Bay Area were worth 6.8 billion yuan.", "en", [
            (D("6800000000"), Y, EXACT, "indicator_value", {}),
        ]),
        ("Buyers placed orders for Liangshan farm products worth 560 million yuan.", "en", [
            (D("560000000"), Y, EXACT, "other", {}),
        ]),
        ("The plant will cost CNY 3bn. Phase one, worth CNY 1.2bn, starts in May.", "en", [
            (D("3000000000"), Y, EXACT, "other", {}),
            (D("1200000000"), Y, EXACT, "other", {}),
        ]),
        ("现场签约项目8个，签约金额近百亿元，其中一家新材料企业将追加投资3000万元。", "zh", [
            (D(8), N, EXACT, "signed_count", {"signed_on_site": True}),
            (D("10000000000"), Y, ABOUT, "signed_value", {"signed_on_site": True}),
            (D("30000000"), Y, EXACT, "other", {}),
        ]),
        # Deals named with their value, or contracts for projects, were signed
        ("The delegation returned home with 18 cooperation agreements with a combined value of "
         "4.27 billion yuan.", "en", [
            (D(18), N, EXACT, "signed_count", {}),
            (D("4270000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("The expo closed with contracts for 41 projects.", "en", [
            (D(41), N, EXACT, "signed_count", {}),
        ]),
        # Changes of a value are not values; a company's capital increase is its own
        ("The week inked 38 deals totaling 13.72 billion yuan, an increase of 2.1 billion yuan "
         "over last year's event.", "en", [
            (D(38), N, EXACT, "signed_count", {}),
            (D("13720000000"), Y, EXACT, "signed_value", {}),
            (D("2100000000"), Y, EXACT, "other", {}),
        ]),
        ("The contract value was 4.8 billion yuan higher than at last year's conference.", "en", [
            (D("4800000000"), Y, EXACT, "other", {}),
        ]),
        ("签约企业中，梅州某某电子有限公司拟在产业园增资3000万元。", "zh", [
            (D("30000000"), Y, EXACT, "other", {}),
        ]),
        # Counts by size are `other`, the size itself a threshold
        ("Twelve projects were signed, including six projects each worth 1 billion yuan or "
         "more.", "en", [
            (D(12), N, EXACT, "signed_count", {}),
            (D(6), N, EXACT, "other", {}),
        ]),
        ("集中签约项目15个，总投资约27.6亿元，其中亿元以上项目8个。", "zh", [
            (D(15), N, EXACT, "signed_count", {}),
            (D("2760000000"), Y, ABOUT, "signed_value", {}),
            (D(8), N, EXACT, "other", {}),
        ]),
        # "Of the projects, 11 were signed"; a count of projects with its 签约金额 next to it
        ("A total of 20 projects were signed. Of the projects, 11 were signed on site.", "en", [
            (D(20), N, EXACT, "signed_count", {}),
            (D(11), N, EXACT, "signed_count", {"signed_on_site": True}),
        ]),
        ("2025年共引进珠海企业投资项目38个，签约金额56.3亿元。", "zh", [
            (D(38), N, EXACT, "signed_count", {}),
            (D("5630000000"), Y, EXACT, "signed_value", {}),
        ]),
        # A noun left out after a place: "… signed six projects and Tiexi district signed five"
        ("By district, Hunnan district signed six projects and Tiexi district signed five.", "en", [
            (D(6), N, EXACT, "signed_count", {}),
            (D(5), N, EXACT, "signed_count", {}),
        ]),
        ("The city has 3 parks and Nanhai district 5.", "en", [(D(3), N, EXACT, "other", {})]),
        # One company's project and its investment
        ("本次签约的某某新材料股份有限公司隔膜项目总投资15亿元。", "zh", [
            (D("1500000000"), Y, EXACT, "other", {}),
        ]),
        # A dozen is twelve; half a dozen is vague
        ("The two sides signed a dozen projects, and half a dozen more are under talks.", "en", [
            (D(12), N, EXACT, "signed_count", {}),
        ]),
        ("两地签约项目24个；工业项目14个，占签约项目总数的58.3%。", "zh", [
            (D(24), N, EXACT, "signed_count", {}),
            (D(14), N, EXACT, "signed_count", {"category": "industrial"}),
            (D("58.3"), P, EXACT, "share", {"category": "industrial"}),
        ]),
        # A part whose noun is left out takes the total's metric
        ("The fair saw 30 projects signed. Among them, 11 were agricultural projects, and 6 "
         "were tourism projects.", "en", [
            (D(30), N, EXACT, "signed_count", {}),
            (D(11), N, EXACT, "signed_count", {"category": "agricultural"}),
            (D(6), N, EXACT, "signed_count", {"category": "tourism"}),
        ]),
        ("A total of 40 deals were signed at the meeting. Of these, fifteen were signed on site.",
         "en", [
            (D(40), N, EXACT, "signed_count", {}),
            (D(15), N, EXACT, "signed_count", {"signed_on_site": True}),
        ]),
        ("By June, 120 companies had settled in the zone, of which about 40 are from Jiangsu.",
         "en", [
            (D(120), N, EXACT, "organization_count", {}),
            (D(40), N, ABOUT, "organization_count", {}),
        ]),
        # … but a category count alone is not a signing
        ("园区工业项目12个已开工。", "zh", [(D(12), N, EXACT, "other", {})]),
        # Intended and planned amounts, a single project's amount: other; 另有 starts a new set
        ("现场签约项目6个，另有8个项目达成合作意向，意向投资额约30亿元。", "zh", [
            (D(6), N, EXACT, "signed_count", {"signed_on_site": True}),
            (D(8), N, EXACT, "pipeline_count", {}),
            (D("3000000000"), Y, ABOUT, "other", {}),
        ]),
        ("签约项目中，某物流企业拟建设分拨中心，计划总投资8000万元。", "zh", [
            (D("80000000"), Y, EXACT, "other", {}),
        ]),
        ("展会期间，意向成交额2.6亿元。", "zh", [(D("260000000"), Y, EXACT, "other", {})]),
        ("该项目预计总投资10亿元。", "zh", [(D("1000000000"), Y, EXACT, "other", {})]),
        ("A Shenzhen firm plans to invest 500 million yuan in a sensor plant.", "en", [
            (D("500000000"), Y, EXACT, "other", {}),
        ]),
        ("Among the signed deals, a cold-chain centre with an investment of 80 million yuan will "
         "open in May.", "en", [(D("80000000"), Y, EXACT, "other", {})]),
        ("The largest one, a new-energy storage project, is worth 2 billion yuan.", "en", [
            (D("2000000000"), Y, EXACT, "other", {}),
        ]),
        ("At the project signing ceremony, 12 deals worth 3 billion yuan were signed.", "en", [
            (D(12), N, EXACT, "signed_count", {}),
            (D("3000000000"), Y, EXACT, "signed_value", {}),
        ]),
        # A change of an amount is not the amount
        ("实际到位资金5.2亿元，比上年增加0.8亿元。", "zh", [
            (D("520000000"), Y, EXACT, "funds_in_place", {}),
            (D("80000000"), Y, EXACT, "other", {}),
        ]),
        # A threshold is dropped, the figure it scopes kept (a count of projects above a size
        # is `other`: corpus README)
        ("新签约亿元以上项目12个。", "zh", [(D(12), N, EXACT, "other", {})]),
        ("The city used 900 million yuan of Jiangsu funds in projects of 10 million yuan and "
         "above.", "en", [(D("900000000"), Y, EXACT, "funds_in_place", {})]),
        # Enterprises settled or registered in a place, and their capital
        ("产业园累计入驻企业超过500家，累计注册资本达到60亿元。", "zh", [
            (D(500), N, MORE, "organization_count", {}),
            (D("6000000000"), Y, EXACT, "indicator_value", {}),
        ]),
        ("上半年新注册企业120家。", "zh", [(D(120), N, EXACT, "organization_count", {})]),
        ("广东在该市投资的企业近300家。", "zh", [(D(300), N, ABOUT, "organization_count", {})]),
        ("At present, 300 Zhejiang-funded enterprises operate in the city.", "en", [
            (D(300), N, EXACT, "organization_count", {}),
        ]),
        ("Shenzhen firms have set up twenty-five companies in Harbin.", "en", [
            (D(25), N, EXACT, "organization_count", {}),
        ]),
        ("So far, the park has attracted 90 enterprises.", "en", [
            (D(90), N, EXACT, "organization_count", {}),
        ]),
        # Attending: the subject of a sentence takes its verb; attracted to an event
        ("More than 150 representatives of enterprises, universities and banks attended.", "en",
         [(D(150), N, MORE, "participant_count", {})]),
        ("Over 50 Chinese and Russian companies took part in the fair.", "en", [
            (D(50), N, MORE, "participant_count", {}),
        ]),
        ("该市在上海举办推介会，吸引上海企业80余家。", "zh", [
            (D(80), N, MORE, "participant_count", {}),
        ]),
        ("百余家企业代表到场。", "zh", [(D(100), N, MORE, "participant_count", {})]),
        # Funds that arrived
        ("In 2023 the city received 3.2 billion yuan of funds from Shanghai.", "en", [
            (D("3200000000"), Y, EXACT, "funds_in_place", {}),
        ]),
        ("The county introduced Shanghai capital of 1.1 billion yuan.", "en", [
            (D("1100000000"), Y, EXACT, "funds_in_place", {}),
        ]),
        ("广东对该省实际投资额达到20亿元。", "zh", [
            (D("2000000000"), Y, EXACT, "funds_in_place", {}),
        ]),
        # Statistics
        ("对粤农产品销售额达到5亿元。", "zh", [(D("500000000"), Y, EXACT, "indicator_value", {})]),
        ("Shanghai helped the county sell farm produce worth 300 million yuan.", "en", [
            (D("300000000"), Y, EXACT, "indicator_value", {}),
        ]),
        ("The city received 2.5 million tourists in the first half.", "en", [
            (D("2500000"), N, EXACT, "indicator_value", {}),
        ]),
        ("全年接待游客120万人次。", "zh", [(D("1200000"), N, EXACT, "indicator_value", {})]),
        # Pipeline
        ("The team collected 30 investment leads.", "en", [
            (D(30), N, EXACT, "pipeline_count", {}),
        ]),
        ("目前在谈项目逾50个。", "zh", [(D(50), N, MORE, "pipeline_count", {})]),
        # … also when signing words name the paper: a letter of intent, talks under way
        ("会上签约项目7个，另有4个项目签订了合作意向书。", "zh", [
            (D(7), N, EXACT, "signed_count", {}),
            (D(4), N, EXACT, "pipeline_count", {}),
        ]),
        ("客商还带来了3个正在洽谈的项目。", "zh", [(D(3), N, EXACT, "pipeline_count", {})]),
        ("另有6个项目进入实质性洽谈阶段。", "zh", [(D(6), N, EXACT, "pipeline_count", {})]),
        # Projects brought in or landed: a work report's signed projects (corpus README)
        ("今年以来，全县共引进外省企业投资项目27个。", "zh", [
            (D(27), N, EXACT, "signed_count", {}),
        ]),
        ("上半年落地协作项目十四个，完成投资约6亿元。", "zh", [
            (D(14), N, EXACT, "signed_count", {}),
            (D("600000000"), Y, ABOUT, "other", {}),
        ]),
        ("Last year 18 projects from the partner city settled in the county.", "en", [
            (D(18), N, EXACT, "signed_count", {}),
        ]),
        ("明年计划新引进落地项目不少于30个。", "zh", [  # planned: not signed
            (D(30), N, AT_LEAST, "other", {}),
        ]),
        # … but enterprises brought in are organisations
        ("全年引进外省企业35家。", "zh", [(D(35), N, EXACT, "organization_count", {})]),
        # A data bulletin: a label and a colon, then the line's figures
        ("签约项目：共计24个，签约总额30亿元；\n现场签约：9个项目，金额12亿元；\n"
         "分领域：新型工业化项目10个、农业产业化项目8个，商贸物流项目6个；\n"
         "分县市：甲市9个、乙县7个。", "zh", [
            (D(24), N, EXACT, "signed_count", {}),
            (D("3000000000"), Y, EXACT, "signed_value", {}),
            (D(9), N, EXACT, "signed_count", {"signed_on_site": True}),
            (D("1200000000"), Y, EXACT, "signed_value", {"signed_on_site": True}),
            (D(10), N, EXACT, "signed_count", {"category": "industrial"}),
            (D(8), N, EXACT, "signed_count", {"category": "agricultural"}),
            (D(6), N, EXACT, "signed_count", {"category": "trade"}),
            (D(9), N, EXACT, "signed_count", {}),
            (D(7), N, EXACT, "signed_count", {}),
        ]),
        # A press conference's answer: places after a place's signed projects
        ("答：甲县最多，签了8个项目，签约额9亿元；乙县6个；丙县4个。", "zh", [
            (D(8), N, EXACT, "signed_count", {}),
            (D("900000000"), Y, EXACT, "signed_value", {}),
            (D(6), N, EXACT, "signed_count", {}),
            (D(4), N, EXACT, "signed_count", {}),
        ]),
        ("Li Ming, deputy mayor: The fair produced 15 signed projects. By county, Xian county "
         "signed 7, Yang district 5 and Lu county 3.", "en", [
            (D(15), N, EXACT, "signed_count", {}),
            (D(7), N, EXACT, "signed_count", {}),
            (D(5), N, EXACT, "signed_count", {}),
            (D(3), N, EXACT, "signed_count", {}),
        ]),
        # … a colon in running text is no bulletin label
        ("他说：3个是小事。", "zh", []),
        # Tenths, years as 个年头, events
        ("签约额同比增长近四成。", "zh", [
            (D(40), P, ABOUT, "growth", {}),
        ]),
        ("到位资金完成全年目标任务的七成。", "zh", [(D(70), P, EXACT, "share", {})]),
        ("两地合作已走过5个年头。", "zh", [(D(5), YRS, EXACT, "duration_years", {})]),
        ("The two cities have made more than 80 exchange visits.", "en", [
            (D(80), N, MORE, "event_count", {}),
        ]),
        # Ranks among regions
        ("该市利用江苏资金12亿元，居全省首位。", "zh", [
            (D("1200000000"), Y, EXACT, "funds_in_place", {}),
            (D(1), R, EXACT, "source_rank", {}),
        ]),
        ("浙江已成为该省第二大资金来源地。", "zh", [(D(2), R, EXACT, "source_rank", {})]),
        ("上海位列该市国内资金来源地第3位。", "zh", [(D(3), R, EXACT, "source_rank", {})]),
        ("Shanghai is the largest source of investment for the city.", "en", [
            (D(1), R, EXACT, "source_rank", {}),
        ]),
        ("Jiangsu ranks first among the cities of the region in exports.", "en", [
            (D(1), R, EXACT, "source_rank", {}),
        ]),
    ],
)  # fmt: skip
def test_news_style_rules(text, lang, expected):
    assert _readings(text, lang) == expected


def test_a_headline_rounding_a_figure_of_the_story_is_not_counted_twice():
    text = "沪喀合作推介会签约逾40亿元\n推介会上共签约项目12个，签约总额42.6亿元。"
    values = [(f.metric, f.value) for f in find_figures(text, "zh")]
    assert values == [("signed_count", D(12)), ("signed_value", D("4260000000"))]
    # far from the story's figure, it is another figure
    text = "沪喀合作推介会签约逾80亿元\n推介会上共签约项目12个，签约总额42.6亿元。"
    assert len(find_figures(text, "zh")) == 3


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("两地签约 30个项目落地\n来源：某某日报\n\n昨日，两地共签约项目30个，签约额12亿元。", "zh",
         ["共签约项目30个", "签约额12亿元"]),
        ("Harbin and Shenzhen sign 25 projects\nSource: City Daily\n\nOn Monday, a total of 25 "
         "projects were signed.", "en", ["a total of 25 projects were signed"]),
        # a headline figure the story does not repeat is kept
        ("签约额突破百亿元\n\n昨日，两地共签约项目30个。", "zh",
         ["签约额突破百亿元", "共签约项目30个"]),
        # nor one the story gives for another measure
        ("签约项目12个\n\n昨日，两地签约项目30个，12个代表团参加。", "zh",
         ["签约项目12个", "签约项目30个", "12个代表团参加"]),
    ],
)  # fmt: skip
def test_a_headline_repeating_the_story_is_not_counted_twice(text, lang, kept):
    assert [f.quote for f in find_figures(text, lang)] == kept


# ---------------------------------------------------------------------------- properties

amounts = st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2).map(
    lambda d: d.quantize(D(1)) if d == d.to_integral_value() else d
)


def _plain(amount: Decimal) -> str:
    return format(amount, "f")


@given(amounts, st.sampled_from([("亿元", D("1e8")), ("万元", D("1e4"))]))
def test_chinese_amounts_read_back(amount, unit):
    word, factor = unit
    text = f"此次大会共签约项目，签约金额为{_plain(amount)}{word}，创历史新高。"
    figure = _only(text, "zh")
    assert (figure.value, figure.unit) == (amount * factor, "yuan")
    assert figure.metric == "signed_value"


@given(amounts, st.sampled_from([("billion", D("1e9")), ("million", D("1e6"))]), st.booleans())
def test_english_amounts_read_back(amount, unit, grouped):
    word, factor = unit
    number = f"{amount:,}" if grouped else _plain(amount)
    text = f"The projects signed have a contract value of {number} {word} yuan in all."
    figure = _only(text, "en")
    assert (figure.value, figure.unit) == (amount * factor, "yuan")
    assert text[figure.number_start : figure.number_end] == f"{number} {word} yuan"


@given(st.integers(min_value=2, max_value=10**8), st.booleans())
def test_counts_read_back_in_arabic_and_chinese_numerals(count, chinese):
    number = cn2an.an2cn(count) if chinese else str(count)
    for text in (f"会上共签约{number}个项目。", f"此次签约项目{number}个，涉及多个领域。"):
        figure = _only(text, "zh")
        assert (figure.value, figure.unit, figure.metric) == (count, "count", "signed_count")


_PIECES = st.sampled_from(
    [
        *"0123456789,.%％１２ \n一二两三十百千万亿点第个家项元年来多余近约占，。；“”\"'-/:()",
        *("billion", "million", " yuan", " percent", " projects", " years", "over ", "the past "),
        *("more than ", "RMB ", "US$", "ranked ", "second", " among", "thirty-two", "a total of "),
        *(
            "百分之",
            "倍",
            "美元",
            "签约",
            "项目",
            "现场签约",
            "工业项目",
            "同比增长",
            "位列",
            "利用",
        ),
    ]
)


@given(st.lists(_PIECES, max_size=40).map("".join), st.sampled_from(["zh", "en"]))
def test_any_text_gives_well_formed_mentions(text, lang):
    for figure in find_figures(text, lang):
        assert figure.quote == text[figure.start : figure.end]
        assert figure.start <= figure.number_start < figure.number_end <= figure.end
        assert figure.unit in {"yuan", "count", "percent", "rank", "years"}
        assert figure.qualifier in {"exact", "approximate", "at_least", "more_than", "at_most"}


# ---------------------------------------------------------------------------- the seed articles

SEEDS = settings.SHARED_DIR / "seeds"
# FACTS.md's figures as each seed article states them: (value, unit, qualifier, metric).
SEED_FIGURES = {
    "000_345d701f25fdb56f.txt": (
        "en",
        [
            (D(192), "count", "exact", "signed_count"),
            (D("98238000000"), "yuan", "exact", "signed_value"),
            (D(32), "count", "exact", "signed_count"),
            (D("29293000000"), "yuan", "exact", "signed_value"),
            (D("185470000000"), "yuan", "exact", "indicator_value"),
            (D("41.3"), "percent", "exact", "growth"),
            (D("14.5"), "percent", "exact", "share"),
            (D(6), "years", "exact", "duration_years"),
        ],
    ),
    "001_5adf07a3c61a5c73.txt": (
        "zh",
        [
            (D("1950000000"), "yuan", "exact", "funds_in_place"),
            (D(2), "rank", "exact", "source_rank"),
            (D(132), "count", "exact", "pipeline_count"),
            (D(5), "count", "exact", "other"),
            (D(13), "count", "exact", "event_count"),
            (D(10), "count", "exact", "organization_count"),
            (D(200), "count", "more_than", "participant_count"),
        ],
    ),
}


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is absent")
@pytest.mark.parametrize("name", sorted(SEED_FIGURES))
def test_seed_articles_state_the_facts_figures(name):
    lang, expected = SEED_FIGURES[name]
    text = (SEEDS / name).read_text(encoding="utf-8")
    found = [(f.value, f.unit, f.qualifier, f.metric) for f in find_figures(text, lang)]
    for figure in expected:
        assert figure in found
    on_site = [f for f in find_figures(text, lang) if f.subset]
    if lang == "en":
        assert {f.value for f in on_site} == {D(32), D("29293000000")}
        assert all(f.subset == {"signed_on_site": True, "category": "industrial"} for f in on_site)


# Rules added after corpus batch 10 (own sentences).
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # every clause of a sentence listing targets after 目标是： is a target
        ("明年的主要目标是：进出口增长8%左右，新引进项目不少于25个。本月签约项目6个。", "zh", [
            (D(6), N, EXACT, "signed_count", {}),
        ]),
        ("Our goals are: funds up 5 percent, and 30 signed projects. So far 12 projects were "
         "signed.", "en", [
            (D(12), N, EXACT, "signed_count", {}),
        ]),
        # a bulletin's labelled lines of pipeline and events
        ("Key figures:\n- Projects under negotiation: 14\n- Promotion events held: 5", "en", [
            (D(14), N, EXACT, "pipeline_count", {}),
            (D(5), N, EXACT, "event_count", {}),
        ]),
        # 力争 goes on over the clauses after it, unless one reports what was done
        ("明年力争签约项目30个以上，到位资金增长10%以上。", "zh", []),
        ("今年力争签约项目30个，目前已签约项目12个。", "zh", [
            (D(12), N, EXACT, "signed_count", {}),
        ]),
        ("明年计划在沪举办推介活动不少于6场。", "zh", []),
        # a count of projects by size, and the size itself, with "each"
        ("Linfen signed 14 projects worth 6 billion yuan. Four of them are worth more than "
         "800 million yuan each.", "en", [
            (D(14), N, EXACT, "signed_count", {}),
            (D("6000000000"), Y, EXACT, "signed_value", {}),
            (D(4), N, EXACT, "other", {}),
        ]),
        ("The expo sealed 10 deals. Three of the deals exceed 1 billion yuan each.", "en", [
            (D(10), N, EXACT, "signed_count", {}),
            (D(3), N, EXACT, "other", {}),
        ]),
        ("推介会签约项目15个，签约额30亿元，其中投资额在2亿元以上的有4个。", "zh", [
            (D(15), N, EXACT, "signed_count", {}),
            (D("3000000000"), Y, EXACT, "signed_value", {}),
            (D(4), N, EXACT, "other", {}),
        ]),
        # "Of those projects" points back across a question
        ("The county signed 12 projects last year.\nQ: In which sectors?\nA: Mostly dairy. "
         "Of those projects, 7 were agricultural projects.", "en", [
            (D(12), N, EXACT, "signed_count", {}),
            (D(7), N, EXACT, "signed_count", {"category": "agricultural"}),
        ]),
        # "Of these," opening a later paragraph points back to the projects counted
        ("The county signed 25 projects on Tuesday, officials said.\n\nThe ceremony was the "
         "largest this year.\n\nOf these, six agricultural projects account for 2 billion yuan.",
         "en", [
            (D(25), N, EXACT, "signed_count", {}),
            (D(6), N, EXACT, "signed_count", {"category": "agricultural"}),
            (D("2000000000"), Y, EXACT, "signed_value", {"category": "agricultural"}),
        ]),
        # "Industrial projects numbered 29"; counted by size, it is other
        ("The expo signed 35 projects. Tourism projects numbered 12. Projects exceeding 500 "
         "million yuan each numbered 4.", "en", [
            (D(35), N, EXACT, "signed_count", {}),
            (D(12), N, EXACT, "signed_count", {"category": "tourism"}),
            (D(4), N, EXACT, "other", {}),
        ]),
        # 其中现场签约6个: the on-site part
        ("洽谈会签约项目20个，其中现场签约8个。", "zh", [
            (D(20), N, EXACT, "signed_count", {}),
            (D(8), N, EXACT, "signed_count", {"signed_on_site": True}),
        ]),
        # years of the pairing: 已走过 / 已有 / 整整, and decades
        ("江苏对口支援伊犁已走过27年。", "zh", [(D(27), YRS, EXACT, "duration_years", {})]),
        ("两市结对协作已有十八年。", "zh", [(D(18), YRS, EXACT, "duration_years", {})]),
        ("这家企业已有20年历史。", "zh", []),
        ("Fujian has supported the county for more than two decades.", "en", [
            (D(20), YRS, MORE, "duration_years", {}),
        ]),
        # enterprises that 投资兴业 in a place, counted after 累计达到
        ("目前，浙江在当地投资兴业的企业累计达到120家。", "zh", [
            (D(120), N, EXACT, "organization_count", {}),
        ]),
        # goods sold and tourists' visits are statistics
        ("两地企业帮助销售林芝特色农产品1.5亿元。", "zh", [
            (D("150000000"), Y, EXACT, "indicator_value", {}),
        ]),
        ("Tourists from Fujian made 2.4 million visits to the county.", "en", [
            (D(2400000), N, EXACT, "indicator_value", {}),
        ]),
        # a year labelling a list line is no time of day
        ("Projects signed by year:\n2022: 18 projects\n2023: 25 projects", "en", [
            (D(18), N, EXACT, "signed_count", {}),
            (D(25), N, EXACT, "signed_count", {}),
        ]),
        # the same count for another year, its noun left out
        ("Yutian signed 7 projects with Zhejiang firms in 2022, and 11 in 2023.", "en", [
            (D(7), N, EXACT, "signed_count", {}),
            (D(11), N, EXACT, "signed_count", {}),
        ]),
        # one named project's own investment
        ("洽谈会上，某某光伏组件项目正式签约，项目总投资2.4亿元。", "zh", [
            (D("240000000"), Y, EXACT, "other", {}),
        ]),
        ("洽谈会上共有9个项目成功签约，项目总投资21亿元。", "zh", [
            (D(9), N, EXACT, "signed_count", {}),
            (D("2100000000"), Y, EXACT, "signed_value", {}),
        ]),
        # the source named between 到位/引进 and 资金
        ("上半年，该市到位江苏资金6.3亿元。", "zh", [
            (D("630000000"), Y, EXACT, "funds_in_place", {}),
        ]),
        # an amount compared with a yuan amount, its "yuan" left out; not a physical quantity
        ("The county received 4.1 billion yuan of capital from Fujian in 2024, up from "
         "3.2 billion in 2023.", "en", [
            (D("4100000000"), Y, EXACT, "funds_in_place", {}),
            (D("3200000000"), Y, EXACT, "funds_in_place", {}),
        ]),
        ("Deals worth 2 billion yuan were signed, and the port handles over 200 million "
         "tonnes.", "en", [
            (D("2000000000"), Y, EXACT, "signed_value", {}),
        ]),
        # the signed projects' total investment or combined value
        ("The deals signed at the fair carry a total investment of 7.2 billion yuan.", "en", [
            (D("7200000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("Nine of the projects make auto parts; their combined value is 2.2 billion yuan.", "en",
         [
            (D(9), N, EXACT, "other", {}),
            (D("2200000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("The park signed 40 projects with a planned investment of 9 billion yuan.", "en", [
            (D(40), N, EXACT, "signed_count", {}),
            (D("9000000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("Five projects include a brewery with a planned investment of 300 million yuan.", "en",
         [
            (D(5), N, EXACT, "other", {}),
            (D("300000000"), Y, EXACT, "other", {}),
        ]),
    ],
)  # fmt: skip
def test_rules_of_batch_ten(text, lang, expected):
    assert _readings(text, lang) == expected


def test_a_count_by_size_is_marked_sized():
    sized = [f.sized for f in find_figures("会上签约项目20个，其中亿元以上项目6个。", "zh")]
    assert sized == [False, True]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # what a park produced is an indicator, not a contract
        ("The tech park now hosts 12 firms and produced output worth 800 million yuan "
         "last year.", "en", [
            (D(12), N, EXACT, "organization_count", {}),
            (D("800000000"), Y, EXACT, "indicator_value", {}),
        ]),
        # one plant or base named as the subject, then its worth
        ("Ten projects were signed, and a cold-chain logistics base to be built by a Shanghai "
         "firm is worth 260 million yuan.", "en", [
            (D(10), N, EXACT, "signed_count", {}),
            (D("260000000"), Y, EXACT, "other", {}),
        ]),
        # deals expected at an event to come: not a result
        ("The next fair opens in May, and the hosts expect deals worth over 2 billion yuan.",
         "en", []),
        # an amount describing the one project named after it
        ("大会签约项目12个，其中总投资8亿元的某某智能装备项目落户高新区。", "zh", [
            (D(12), N, EXACT, "signed_count", {}),
            (D("800000000"), Y, EXACT, "other", {}),
        ]),
        # "… yuan and more than 200 guests": the amount keeps its own qualifier, guests are
        # people however the clause speaks of projects
        ("The fair closed with 6 projects signed with a total investment of 900 million yuan "
         "and more than 150 guests from the province in attendance.", "en", [
            (D(6), N, EXACT, "signed_count", {}),
            (D("900000000"), Y, EXACT, "signed_value", {}),
            (D(150), N, MORE, "participant_count", {}),
        ]),
        ("Eight deals were signed that evening, and about 120 business people attended.", "en", [
            (D(8), N, EXACT, "signed_count", {}),
            (D(120), N, ABOUT, "participant_count", {}),
        ]),
        # "signings" as a noun says what was signed
        ("Last year the county's signings rose to 21 projects and 3.3 billion yuan.", "en", [
            (D(21), N, EXACT, "signed_count", {}),
            (D("3300000000"), Y, EXACT, "signed_value", {}),
        ]),
        # 确保 names a goal, like 力争
        ("下半年将举办专题推介会2场，确保全年新签约项目超过30个。", "zh", []),
        # a list of targets after 目标是： goes on past its semicolons
        ("全年主要目标是：外贸进出口增长4%左右；新签约项目80个以上，到位资金增长8%。", "zh", []),
        # bare parts named by their sector after "include" or "Of those … projects"
        ("The fair signed 20 projects. They include eight in advanced manufacturing and five "
         "in agriculture.", "en", [
            (D(20), N, EXACT, "signed_count", {}),
            (D(8), N, EXACT, "signed_count", {"category": "industrial"}),
            (D(5), N, EXACT, "signed_count", {"category": "agricultural"}),
        ]),
    ],
)  # fmt: skip
def test_rules_of_batch_eleven(text, lang, expected):
    assert _readings(text, lang) == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # 其中 opening the next paragraph points back at the total just counted
        ("推介会共签约项目24个，总投资88亿元。\n其中，新能源项目9个，现代农业项目5个。", "zh", [
            (D(24), N, EXACT, "signed_count", {}),
            (D("8800000000"), Y, EXACT, "signed_value", {}),
            (D(9), N, EXACT, "signed_count", {"category": "industrial"}),
            (D(5), N, EXACT, "signed_count", {"category": "agricultural"}),
        ]),
        # a place's share in a list of places, with 各 ("each"): one figure per place (batch 14)
        ("会上甲市签约项目8个，签约额10亿元；乙县6个；丙县和丁县各3个。", "zh", [
            (D(8), N, EXACT, "signed_count", {}),
            (D("1000000000"), Y, EXACT, "signed_value", {}),
            (D(6), N, EXACT, "signed_count", {}),
            (D(3), N, EXACT, "signed_count", {}),
            (D(3), N, EXACT, "signed_count", {}),
        ]),
        # a list of kinds goes on after the kind its words called signed
        ("从类别看，本次签约的新能源项目12个，涉及储能、光伏等领域；现代农业项目4个，文旅项目3个。",
         "zh", [
            (D(12), N, EXACT, "signed_count", {"category": "industrial"}),
            (D(4), N, EXACT, "signed_count", {"category": "agricultural"}),
            (D(3), N, EXACT, "signed_count", {"category": "tourism"}),
        ]),
        # … but not past a full stop
        ("本次签约的新能源项目12个。园区现有文旅项目3个。", "zh", [
            (D(12), N, EXACT, "signed_count", {"category": "industrial"}),
            (D(3), N, EXACT, "other", {}),
        ]),
        # the same count a period earlier, naming nothing: the count before it
        ("今年以来新签约项目52个，上年同期为41个；签约额120亿元。", "zh", [
            (D(52), N, EXACT, "signed_count", {}),
            (D(41), N, EXACT, "signed_count", {}),
            (D("12000000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("The county signed 30 projects this year, compared with 24 in 2023.", "en", [
            (D(30), N, EXACT, "signed_count", {}),
            (D(24), N, EXACT, "signed_count", {}),
        ]),
        ("The fair drew 300 guests, up from 250 last year.", "en", [
            (D(300), N, EXACT, "participant_count", {}),
            (D(250), N, EXACT, "participant_count", {}),
        ]),
        # … but a count a period earlier of something else named is not the same count
        ("会议签约项目20个，去年为3个工作组。", "zh", [(D(20), N, EXACT, "signed_count", {})]),
        # the count of projects a contract value covers, after the amount
        ("签约金额30亿元，涉及项目11个。", "zh", [
            (D("3000000000"), Y, EXACT, "signed_value", {}),
            (D(11), N, EXACT, "signed_count", {}),
        ]),
        ("The deals, worth 3 billion yuan in total, cover 11 projects.", "en", [
            (D("3000000000"), Y, EXACT, "signed_value", {}),
            (D(11), N, EXACT, "signed_count", {}),
        ]),
        # … not projects of another stage, nor those counted by size
        ("签约金额30亿元，已开工项目11个。", "zh", [
            (D("3000000000"), Y, EXACT, "signed_value", {}),
            (D(11), N, EXACT, "other", {}),
        ]),
        # "the number of … projects" as the subject, the count far after it
        ("It brought the number of projects signed this year to 42.", "en", [
            (D(42), N, EXACT, "signed_count", {}),
        ]),
        ("The number of projects under negotiation stood at 12.", "en", [
            (D(12), N, EXACT, "pipeline_count", {}),
        ]),
        ("The number of visitors rose to 4000.", "en", []),
        # "struck" deals and agreements "were concluded" are signed
        ("The companies struck 7 deals.", "en", [(D(7), N, EXACT, "signed_count", {})]),
        ("Some 25 cooperation agreements were concluded during the visit.", "en", [
            (D(25), N, ABOUT, "signed_count", {}),
        ]),
        # … but an event that concluded signed nothing
        ("The fair concluded on Sunday with 12 projects on display.", "en", [
            (D(12), N, EXACT, "other", {}),
        ]),
        # 项目签约N个: the projects named before the verb
        ("项目签约31个，金额80亿元。", "zh", [
            (D(31), N, EXACT, "signed_count", {}),
            (D("8000000000"), Y, EXACT, "signed_value", {}),
        ]),
        # 共N个 totalling the signed projects of the clause before
        ("活动现场集中签约一批项目，共18个。", "zh", [(D(18), N, EXACT, "signed_count", {})]),
        ("园区新建厂房，共12个。", "zh", [(D(12), N, EXACT, "other", {})]),
        # a gloss in brackets between the noun and the number
        ("共签约合作项目（协议）21个。", "zh", [(D(21), N, EXACT, "signed_count", {})]),
        # a sentence opening on the signed projects it divides
        ("Of the 40 projects signed at the fair, 12 are industrial.", "en", [
            (D(12), N, EXACT, "signed_count", {}),
        ]),
        ("Of the 40 projects discussed, 12 are industrial.", "en", [
            (D(12), N, EXACT, "other", {}),
        ]),
        # a sector with one word qualifying it; farming is agriculture
        ("The fair signed 20 projects. They include eight in advanced manufacturing and five "
         "in specialty farming.", "en", [
            (D(20), N, EXACT, "signed_count", {}),
            (D(8), N, EXACT, "signed_count", {"category": "industrial"}),
            (D(5), N, EXACT, "signed_count", {"category": "agricultural"}),
        ]),
        # 分两批: signed in two turns, not two things signed
        ("会上分两批签约项目26个。", "zh", [(D(26), N, EXACT, "signed_count", {})]),
        # a bulletin line's second label, after a semicolon
        ("Key figures for 2024:\n\nProjects signed: 30\nOf which manufacturing projects: 18; "
         "tourism projects: 7\n", "en", [
            (D(30), N, EXACT, "signed_count", {}),
            (D(18), N, EXACT, "signed_count", {"category": "industrial"}),
            (D(7), N, EXACT, "signed_count", {"category": "tourism"}),
        ]),
    ],
)  # fmt: skip
def test_rules_of_batch_twelve(text, lang, expected):
    assert _readings(text, lang) == expected


# fmt: off
@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # projects as the subject, the verb after a clause between
        ("Thirty-four investment projects, with total investment of 12 billion yuan, were "
         "signed at the expo.", "en", [
            (D(34), N, EXACT, "signed_count", {}),
            (D("12000000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("Eighteen deals, most of them in new materials, were inked on Friday.", "en", [
            (D(18), N, EXACT, "signed_count", {}),
        ]),
        ("Twelve projects, including a battery plant, are still under negotiation.", "en", [
            (D(12), N, EXACT, "pipeline_count", {}),
        ]),
        # what an event brought about, said of deals
        ("The roadshow yielded 14 agreements.", "en", [(D(14), N, EXACT, "signed_count", {})]),
        ("The summit netted 12 deals.", "en", [(D(12), N, EXACT, "signed_count", {})]),
        ("The two-day fair produced nine contracts worth 3 billion yuan.", "en", [
            (D(9), N, EXACT, "signed_count", {}),
            (D("3000000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("会上敲定合作项目9个。", "zh", [(D(9), N, EXACT, "signed_count", {})]),
        # … not of jobs, nor of people
        ("The trade week generated 3,000 jobs.", "en", [(D(3000), N, EXACT, "other", {})]),
        ("The conference brought together some 300 entrepreneurs and produced 20 signed deals.",
         "en", [
            (D(300), N, ABOUT, "participant_count", {}),
            (D(20), N, EXACT, "signed_count", {}),
        ]),
        ("The expo drew 40,000 visitors.", "en", [(D(40000), N, EXACT, "participant_count", {})]),
        # a total investment "of more than" is a total, not a size bound …
        ("The zone has brought in 57 projects, with total investment of more than 16 billion "
         "yuan.", "en", [
            (D(57), N, EXACT, "signed_count", {}),
            (D("16000000000"), Y, MORE, "signed_value", {}),
        ]),
        # … but projects "with investment of more than" a sum are a threshold
        ("Projects with investment of more than 500 million yuan get a subsidy.", "en", []),
        # a bulletin's label says the projects landed; "total investment" without "of"; an
        # X-invested project is no capital in place
        ("Projects landed in the zone: 57, total investment 16.5 billion yuan.", "en", [
            (D(57), N, EXACT, "signed_count", {}),
            (D("16500000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("Hong Kong-invested projects in the city: 12, total investment 3 billion yuan.", "en", [
            (D(12), N, EXACT, "other", {}),
            (D("3000000000"), Y, EXACT, "signed_value", {}),
        ]),
        # 承接 (took in) projects, their total investment after
        ("去年，该区承接产业转移项目42个，总投资达到96亿元。", "zh", [
            (D(42), N, EXACT, "signed_count", {}),
            (D("9600000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("力争全年承接产业转移项目50个以上。", "zh", []),
        # figures restated after 分别 / before "respectively" take the metrics of the figures
        # of their units before them, in order
        ("2020年甲县签约项目6个，签约额8亿元；到2022年，两项数字分别升至11个和15.5亿元。", "zh", [
            (D(6), N, EXACT, "signed_count", {}),
            (D("800000000"), Y, EXACT, "signed_value", {}),
            (D(11), N, EXACT, "signed_count", {}),
            (D("1550000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("上年签约项目9个，到位资金3亿元。今年分别为12个、4.5亿元。", "zh", [
            (D(9), N, EXACT, "signed_count", {}),
            (D("300000000"), Y, EXACT, "funds_in_place", {}),
            (D(12), N, EXACT, "signed_count", {}),
            (D("450000000"), Y, EXACT, "funds_in_place", {}),
        ]),
        ("In 2019 the county signed 9 projects worth 1.24 billion yuan. By 2021 the figures had "
         "risen to 14 and 2.17 billion yuan respectively.", "en", [
            (D(9), N, EXACT, "signed_count", {}),
            (D("1240000000"), Y, EXACT, "signed_value", {}),
            (D(14), N, EXACT, "signed_count", {}),
            (D("2170000000"), Y, EXACT, "signed_value", {}),
        ]),
        # a headline that exclaims on the way still heads the story, and its rounded amount
        # is the story's figure again; an unrounded different amount is not
        ("好消息！乙县赴沪招商 签约26亿元\n来源：某报\n"
         "会上签约项目9个，签约金额25.83亿元。", "zh", [
            (D(9), N, EXACT, "signed_count", {}),
            (D("2583000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("好消息！乙县赴沪招商 签约26亿元\n来源：某报\n"
         "会上签约项目9个，签约金额24.6亿元。", "zh", [
            (D("2600000000"), Y, EXACT, "signed_value", {}),
            (D(9), N, EXACT, "signed_count", {}),
            (D("2460000000"), Y, EXACT, "signed_value", {}),
        ]),
        # people counted by 位 / 名 are never the projects of the signing beside them
        ("八十余位客商出席对接会，会上签约项目12个。", "zh", [
            (D(80), N, MORE, "participant_count", {}),
            (D(12), N, EXACT, "signed_count", {}),
        ]),
        # deals, contracts and agreements are signed ones without a verb …
        ("Last year's fair ended with 40 cooperation agreements.", "en", [
            (D(40), N, EXACT, "signed_count", {}),
        ]),
        ("This compares with 31 deals at the previous edition.", "en", [
            (D(31), N, EXACT, "signed_count", {}),
        ]),
        # … not drafts, sales or purchase contracts
        ("Officials discussed 12 draft agreements.", "en", [(D(12), N, EXACT, "other", {})]),
        ("The plant holds 300 sales contracts.", "en", [(D(300), N, EXACT, "other", {})]),
        ("企业有采购合同300份。", "zh", [(D(300), N, EXACT, "other", {})]),
        # a part "of them", an aside with its worth, then "were signed" (its on-site subset
        # past the aside: batch 14)
        ("The fair produced 14 deals; eight of them, worth 2.5 billion yuan, were signed on "
         "site.", "en", [
            (D(14), N, EXACT, "signed_count", {}),
            (D(8), N, EXACT, "signed_count", {"signed_on_site": True}),
            (D("2500000000"), Y, EXACT, "signed_value", {"signed_on_site": True}),
        ]),
        # enterprises counted as signing: the firms the subject of the signing verb …
        ("现场有11家企业签约。", "zh", [(D(11), N, EXACT, "signed_count", {})]),
        ("9家苏州企业与丙市经开区签约，签约金额达20亿元。", "zh", [
            (D(9), N, EXACT, "signed_count", {}),
            (D("2000000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("Fourteen Shenzhen firms signed with the city.", "en", [
            (D(14), N, EXACT, "signed_count", {}),
        ]),
        # … not firms at a signing ceremony, nor firms signing up for a fair
        ("共有20家企业参加签约仪式。", "zh", [(D(20), N, EXACT, "participant_count", {})]),
        ("Some 60 companies signed up for the fair.", "en", [(D(60), N, ABOUT, "other", {})]),
        # projects secured, attracted or 招引…落地 are landed ones; their investment "with
        # investment of" is the signed value (a single one's "with an investment of" is not)
        ("The county secured 12 projects with investment of 3 billion yuan.", "en", [
            (D(12), N, EXACT, "signed_count", {}),
            (D("3000000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("The park attracted 30 projects last year.", "en", [
            (D(30), N, EXACT, "signed_count", {}),
        ]),
        ("The park attracted 30 companies last year.", "en", [
            (D(30), N, EXACT, "organization_count", {}),
        ]),
        ("招引项目落地29个，计划总投资41亿元。", "zh", [
            (D(29), N, EXACT, "signed_count", {}),
            (D("4100000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("The value of the contracts reached 7.7 billion yuan.", "en", [
            (D("7700000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("签下合作大单12个，合同总额40亿元。", "zh", [
            (D(12), N, EXACT, "signed_count", {}),
            (D("4000000000"), Y, EXACT, "signed_value", {}),
        ]),
        # projects discussed (对接洽谈) are the pipeline; the signed part of them is signed
        ("共洽谈对接项目40个，其中签约项目22个，签约金额35亿元。", "zh", [
            (D(40), N, EXACT, "pipeline_count", {}),
            (D(22), N, EXACT, "signed_count", {}),
            (D("3500000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("洽谈会上共签约项目12个。", "zh", [(D(12), N, EXACT, "signed_count", {})]),
        # deals expected, the number among the words after "expect": to come, not signed
        ("Organisers expect more than 50 deals to be signed.", "en", []),
        ("Organizers anticipate 30 new projects.", "en", []),
        # "40-odd": more than 40; a season's span "2023-24" is still no count
        ("The city inked 20-odd deals.", "en", [(D(20), N, MORE, "signed_count", {})]),
        ("Another 40-odd projects reached preliminary agreements.", "en", [
            (D(40), N, MORE, "pipeline_count", {}),
        ]),
        ("The 2023-24 season saw 12 deals.", "en", [(D(12), N, EXACT, "signed_count", {})]),
        # a price tag, 协议引资 / 合同引资: the amount signed
        ("The deals carry a combined price tag of 3 billion yuan.", "en", [
            (D("3000000000"), Y, EXACT, "signed_value", {}),
        ]),
        ("协议引资额36亿元。", "zh", [(D("3600000000"), Y, EXACT, "signed_value", {})]),
        ("合同引资32亿元。", "zh", [(D("3200000000"), Y, EXACT, "signed_value", {})]),
        # 超亿元项目, 超10亿元的重大项目: a size the projects are counted by, no amount …
        ("签约项目30个，其中超10亿元的重大项目5个。", "zh", [
            (D(30), N, EXACT, "signed_count", {}),
            (D(5), N, EXACT, "other", {}),
        ]),
        # … but 签约额超亿元 is the amount signed
        ("签约项目12个，签约额超亿元。", "zh", [
            (D(12), N, EXACT, "signed_count", {}),
            (D("100000000"), Y, MORE, "signed_value", {}),
        ]),
        # a part of the deals with its verb and noun left out, after "accounted for N of"
        ("The fair signed 27 projects. Manufacturing accounted for 15 of them, and services "
         "for 8, while the rest were in farming.", "en", [
            (D(27), N, EXACT, "signed_count", {}),
            (D(15), N, EXACT, "signed_count", {"category": "industrial"}),
            (D(8), N, EXACT, "signed_count", {"category": "service"}),
        ]),
        # … not a length after a sector
        ("The city has worked on tourism for two decades.", "en", [
            (D(20), YRS, EXACT, "duration_years", {}),
        ]),
        # … and nothing when nothing of their unit came before
        ("The two parks employ 300 and 450 people respectively.", "en", [
            (D(300), N, EXACT, "other", {}),
            (D(450), N, EXACT, "other", {}),
        ]),
    ],
)  # fmt: skip
def test_rules_of_batch_thirteen(text, lang, expected):
    assert _readings(text, lang) == expected


def _counts(text: str, lang: str) -> list[tuple]:
    return [(f.value, f.metric) for f in find_figures(text, lang) if f.unit == N]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # A paragraph opening on the dimension of a breakdown (分行业看, 从来源地看) divides the
        # projects counted a paragraph before, every clause of it, past other sentences
        ("今年以来全区新签约项目30个，签约总额120亿元。实际到位资金20亿元，同比增长8%。"
         "其中亿元以上项目9个。\n\n分行业看，数字经济项目11个；现代物流项目7个。\n\n"
         "从来源地看，来自珠三角的项目12个；来自长三角的项目6个。", "zh", [
            (D(30), "signed_count"), (D(9), "other"), (D(11), "signed_count"),
            (D(7), "signed_count"), (D(12), "signed_count"), (D(6), "signed_count"),
        ]),
        # … not when nothing was signed before it (a target is no total) …
        ("力争全年签约项目50个。\n\n分领域看，数字经济项目11个、现代物流项目7个。", "zh", [
            (D(11), "other"), (D(7), "other"),
        ]),
        # … and not for what is not projects
        ("全区新签约项目30个。\n\n从来源地看，来访企业12家，客商200人。", "zh", [
            (D(30), "signed_count"), (D(12), "other"), (D(200), "participant_count"),
        ]),
        # "Of the twelve agreements, seven …": the total named in words, then "the remaining"
        ("The two cities signed 12 agreements worth 9 billion yuan. Of the twelve agreements, "
         "seven cover new energy, with a combined value of 6 billion yuan. The remaining five "
         "are in food processing.", "en", [
            (D(12), "signed_count"), (D(7), "signed_count"), (D(5), "signed_count"),
        ]),
        ("The delegation met 12 companies. Of the twelve companies, seven are from Shenzhen.",
         "en", [(D(12), "other"), (D(7), "other")]),
        # "accounted for eight projects and tourism for three": the noun left out
        ("The expo signed 20 projects. Farming accounted for eight projects and tourism for "
         "three.", "en", [(D(20), "signed_count"), (D(8), "signed_count"), (D(3), "signed_count")]),
        # … not seats or guests
        ("The expo signed 20 projects. Guests from Guangdong accounted for 300 seats and those "
         "from Hunan for 200.", "en", [(D(20), "signed_count")]),
        # A place's share opening the next sentence, its noun left out …
        ("The expo signed 20 projects, and farming accounted for nine projects. Pingshan county "
         "signed four, more than any other county.", "en", [
            (D(20), "signed_count"), (D(9), "signed_count"), (D(4), "signed_count"),
        ]),
        # … only after projects were counted
        ("The delegation met 30 firms. Pingshan county signed four, more than expected.", "en",
         [(D(30), "other")]),
        # "Ten of the projects will be built in A and four in B": the same part in another place
        ("The city signed 14 projects. Ten of the projects will be built in the port area and "
         "four in the old town.", "en", [
            (D(14), "signed_count"), (D(10), "signed_count"), (D(4), "signed_count"),
        ]),
        # … visited projects stay unsigned, and a phase is no place
        ("The team visited 10 projects in Nanhai and four in Shunde.", "en", [
            (D(10), "other"), (D(4), "other"),
        ]),
        ("The city signed 14 projects. Ten of the projects are in the first phase and four in "
         "the second.", "en", [(D(14), "signed_count"), (D(10), "signed_count")]),
        # Projects above a size ("have an investment of over … each") are no part of a kind
        ("The city signed 14 projects. Six of the projects have a total investment of over 500 "
         "million yuan each.", "en", [(D(14), "signed_count"), (D(6), "other")]),
        ("The city signed 14 projects. Nine of them involve investment of more than 1 billion "
         "yuan each.", "en", [(D(14), "signed_count"), (D(9), "other")]),
    ],
)  # fmt: skip
def test_rules_of_batch_fourteen(text, lang, expected):
    assert _counts(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The on-site part named after an aside: both its count and the aside's amount
        ("The conference signed 30 projects worth 9 billion yuan. Twelve of the projects, worth "
         "3.5 billion yuan, were signed on site.", [
            (D(30), "signed_count", {}),
            (D("9000000000"), "signed_value", {}),
            (D(12), "signed_count", {"signed_on_site": True}),
            (D("3500000000"), "signed_value", {"signed_on_site": True}),
        ]),
        ("The forum signed 20 deals. Eight of them, including a battery plant, were inked on "
         "site.", [
            (D(20), "signed_count", {}),
            (D(8), "signed_count", {"signed_on_site": True}),
        ]),
        # "and 12 were signed on site" after the total, without "of which"
        ("The conference signed 30 projects worth 9 billion yuan, and 12 were signed on site.", [
            (D(30), "signed_count", {}),
            (D("9000000000"), "signed_value", {}),
            (D(12), "signed_count", {"signed_on_site": True}),
        ]),
        # … an aside before a predicate that is not on site, or a part after "and" signed later
        ("The fair signed 30 projects, worth 5 billion yuan, and most of them were signed "
         "later.", [
            (D(30), "signed_count", {}),
            (D("5000000000"), "signed_value", {}),
        ]),
        ("Twelve of the projects, worth 3 billion yuan, were signed in Shenzhen last week.", [
            (D(12), "signed_count", {}),
            (D("3000000000"), "signed_value", {}),
        ]),
    ],
)  # fmt: skip
def test_an_on_site_part_named_after_an_aside(text, expected):
    found = [(f.value, f.metric, f.subset) for f in find_figures(text, "en")]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # places sharing one count with 各: one figure for each place
        ("会上签约项目20个。分县看，甲县8个，乙县、丙县和丁县各4个。", [
            ("签约项目20个", D(20)), ("8个", D(8)), ("乙县、丙县和丁县各4个", D(4)),
            ("丙县和丁县各4个", D(4)), ("丁县各4个", D(4)),
        ]),
        ("会上签约项目20个。甲县与乙县各签约项目5个。", [
            ("签约项目20个", D(20)), ("甲县与乙县各签约项目5个", D(5)), ("乙县各签约项目5个", D(5)),
        ]),
        # … not what is not signed projects, nor one place's count
        ("甲县和乙县各有企业5家。", []),
        ("会上签约项目20个。举办推介活动10场，甲县和乙县各5场。", [("签约项目20个", D(20))]),
    ],
)  # fmt: skip
def test_places_sharing_a_count_each_have_it(text, expected):
    found = [(f.quote, f.value) for f in find_figures(text, "zh") if f.metric == "signed_count"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # Capital named by a province's one-character abbreviation and 资: funds in place
        ("今年以来该县签约项目25个，到位苏资64亿元。", "zh", [
            (D(25), "signed_count"), (D("6400000000"), "funds_in_place"),
        ]),
        ("会上签约项目12个，全年引进闽资38亿元。", "zh", [
            (D(12), "signed_count"), (D("3800000000"), "funds_in_place"),
        ]),
        # … not 投资 or 物资, whose first character names no province
        ("会上签约项目12个，总投资38亿元。", "zh", [
            (D(12), "signed_count"), (D("3800000000"), "signed_value"),
        ]),
        # Money said to have arrived after the amount: in place, not signed
        ("The county signed 15 deals worth 2.6 billion yuan, and 900 million yuan of it has "
         "arrived.", "en", [
            (D(15), "signed_count"), (D("2600000000"), "signed_value"),
            (D("900000000"), "funds_in_place"),
        ]),
        ("Investors signed 11 projects with a total value of 4 billion yuan; 1.3 billion yuan "
         "had been put in place by June.", "en", [
            (D(11), "signed_count"), (D("4000000000"), "signed_value"),
            (D("1300000000"), "funds_in_place"),
        ]),
        ("They inked 9 deals worth 800 million yuan, of which 350 million yuan is now in "
         "place.", "en", [
            (D(9), "signed_count"), (D("800000000"), "signed_value"),
            (D("350000000"), "funds_in_place"),
        ]),
    ],
)  # fmt: skip
def test_capital_named_in_place_is_not_signed(text, lang, expected):
    assert [(f.value, f.metric) for f in find_figures(text, lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # A size with words between it and the noun: a count by size, `other`
        ("全年签约项目90个，其中5亿元以上工业项目12个。", "zh", [
            (D(90), "signed_count"), (D(12), "other"),
        ]),
        ("新签约项目70个，新签约亿元以上外省项目31个。", "zh", [
            (D(70), "signed_count"), (D(31), "other"),
        ]),
        # "Nine of the 40 projects are worth more than … each": the total restated, then a size
        ("The fair signed 40 projects. Nine of the 40 projects are worth more than 500 million "
         "yuan each.", "en", [(D(40), "signed_count"), (D(9), "other")]),
        # Places that signed are not what was signed
        ("Five counties signed 33 projects with investors from the coast.", "en", [
            (D(5), "other"), (D(33), "signed_count"),
        ]),
        ("The two districts and three cities signed 18 agreements at the fair.", "en", [
            (D(3), "other"), (D(18), "signed_count"),
        ]),
        # … while firms counted as signing still are (README)
        ("Fourteen companies signed agreements at the fair.", "en", [(D(14), "signed_count")]),
    ],
)  # fmt: skip
def test_sizes_and_places_are_not_signed_counts(text, lang, expected):
    found = [(f.value, f.metric) for f in find_figures(text, lang) if f.unit == "count"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A place named by its name alone, signing a bare number, or listed with the verb left out
        ("Ordos signed 11 projects worth 16.5 billion yuan, Baotou signed eight and Hohhot six.",
         [D(11), D(8), D(6)]),
        ("Zhangye secured 9 deals, while Wuwei landed five and Jinchang three.",
         [D(9), D(5), D(3)]),
        # … a county's share of the projects counted two sentences before
        ("At the fair 14 projects were signed. Nine of them are in farming. Xichou county "
         "alone signed four.", [D(14), D(9), D(4)]),
        # … not a place's other counts, nor people's, nor days
        ("Ordos signed 11 projects, and Baotou hosted eight forums.", [D(11)]),
        ("The fair signed 11 projects, and Premier Li met six.", [D(11)]),
        ("Ordos signed 11 projects, and the team spent six days there.", [D(11)]),
        ("Wuwei signed five.", []),
        # The same count a period earlier, "in the same period last year"
        ("The zone signed 58 projects in the first half, up from 44 in the same period last "
         "year.", [D(58), D(44)]),
        ("The city inked 31 deals by June, compared with 25 during the corresponding period "
         "of 2025.", [D(31), D(25)]),
    ],
)  # fmt: skip
def test_places_named_alone_and_earlier_periods_keep_the_signed_count(text, expected):
    found = [f.value for f in find_figures(text, "en") if f.metric == "signed_count"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A kind of project said to lead, its count in the next clause: a part of the total
        ("会上签约项目30个。从行业看，装备制造业项目占了大头，达到17个，文旅项目8个。", [
            ("签约项目30个", D(30), "signed_count", {}),
            ("装备制造业项目占了大头，达到17个", D(17), "signed_count", {"category": "industrial"}),
            ("文旅项目8个", D(8), "signed_count", {"category": "tourism"}),
        ]),
        ("全年签约项目45个，其中农业项目最多，有19个。", [
            ("签约项目45个", D(45), "signed_count", {}),
            ("农业项目最多，有19个", D(19), "signed_count", {"category": "agricultural"}),
        ]),
        # … not a share, nor people leading
        ("全年签约项目45个，其中工业项目居多，达到六成。", [
            ("签约项目45个", D(45), "signed_count", {}),
        ]),
        ("会上签约项目20个，外地客商最多，有15个。", [("签约项目20个", D(20), "signed_count", {})]),
    ],
)  # fmt: skip
def test_a_leading_kind_then_its_count(text, expected):
    found = [
        (f.quote, f.value, f.metric, f.subset)
        for f in find_figures(text, "zh")
        if f.unit == "count"
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Projects the companies "agreed to build": signed
        ("The plant is one of seven projects Hunan companies agreed to build at the fair.",
         [(D(7), "signed_count")]),
        ("At the forum, investors agreed to invest in 14 projects worth 2 billion yuan.",
         [(D(14), "signed_count"), (D("2000000000"), "signed_value")]),
        # … not parks, companies or people agreed on
        ("The two sides agreed to build three logistics parks.", [(D(3), "other")]),
        ("Investors agreed to set up 12 companies in the zone.", [(D(12), "other")]),
    ],
)  # fmt: skip
def test_projects_agreed_to_are_signed(text, expected):
    assert [(f.value, f.metric) for f in find_figures(text, "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A kind's share "of the total" just counted: a part of the signed projects, and the
        # amount after it a part of their value
        ("The zone signed 40 projects worth 9 billion yuan this year. Manufacturing projects "
         "made up 22 of the total and 5.5 billion yuan of the value.", [
             (D(40), "signed_count", {}),
             (D("9000000000"), "signed_value", {}),
             (D(22), "signed_count", {"category": "industrial"}),
             (D("5500000000"), "signed_value", {"category": "industrial"}),
         ]),
        ("Hubei firms signed 31 deals at the fair; deals from Wuhan accounted for 12 of the "
         "total.", [(D(31), "signed_count", {}), (D(12), "signed_count", {})]),
        # … not "the total value" nor the total investment of a region
        ("The city signed 31 projects. Foreign firms put up 12 of the total investment.",
         [(D(31), "signed_count", {})]),
        # … nor a share of people
        ("More than 300 guests attended, and officials made up 40 of the total.",
         [(D(300), "participant_count", {}), (D(40), "participant_count", {})]),
    ],
)  # fmt: skip
def test_a_kinds_share_of_the_total_signed(text, expected):
    found = [(f.value, f.metric, f.subset) for f in find_figures(text, "en")]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "N of them" after a count of companies, in the same sentence: companies, even when
        # projects were signed before it
        ("The fair signed 12 projects. The park now hosts more than 90 companies, 25 of them "
         "from Shenzhen.", [
             (D(12), "signed_count"), (D(90), "organization_count"),
             (D(25), "organization_count"),
         ]),
        # … and after a count of projects, projects
        ("Firms from Anhui signed 27 projects, nine of them in new energy.",
         [(D(27), "signed_count"), (D(9), "signed_count")]),
    ],
)  # fmt: skip
def test_of_them_counts_what_its_sentence_counted(text, expected):
    assert [(f.value, f.metric) for f in find_figures(text, "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The rest of the projects counted before it: "the other N", "the remaining N"
        ("Thirteen projects were signed on Monday. Nine of the projects will be built in the "
         "port area; the other four, in the old town.", [D(13), D(9), D(4)]),
        ("The expo signed ten deals: seven deals went to local firms, the remaining three, to "
         "Hong Kong investors.", [D(10), D(7), D(3)]),
        # … not the rest of projects completed
        ("The district completed 13 projects. Nine of the projects are in the port area; the "
         "other four, in the old town.", []),
        # … not the rest of companies, cities or guests
        ("Three companies came from Shenzhen; the other two, from Zhuhai.", []),
        ("Five cities sent delegations, and the other four sent letters.", []),
    ],
)  # fmt: skip
def test_the_other_n_projects(text, expected):
    found = [f.value for f in find_figures(text, "en") if f.metric == "signed_count"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Places' shares of "N of them" signed, their counts left out
        ("Thirty agreements were signed. Hefei companies signed 12 of them, Wuhu nine and "
         "Bengbu five.", [D(30), D(12), D(9), D(5)]),
        # … not places listed with another count
        ("Thirty agreements were signed. Hefei sent 12 of the guests, Wuhu nine and Bengbu "
         "five.", [D(30)]),
    ],
)  # fmt: skip
def test_places_shares_of_them_signed(text, expected):
    found = [f.value for f in find_figures(text, "en") if f.metric == "signed_count"]
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "Our goals for next year are to sign at least 25 projects with Shanghai investors.",
        "The main objective is to sign 40 cooperation agreements by June.",
        "The county's goal: signing 18 projects worth 5 billion yuan.",
    ],
)
def test_goals_and_objectives_are_targets(text):
    assert [f for f in find_figures(text, "en") if f.metric.startswith("signed")] == []


def test_goals_reached_are_not_targets():
    text = "The park signed 25 projects last year, reaching the goals set in 2024."
    assert [(f.value, f.metric) for f in find_figures(text, "en")] == [(D(25), "signed_count")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # The signed projects as the subject, their count after "reached", "rose to"
        ("Signed projects reached 35 in the first half.", "en", [(D(35), "signed_count")]),
        ("Newly signed deals rose to 52 this year.", "en", [(D(52), "signed_count")]),
        ("Projects signed in the first three quarters hit 41.", "en",
         [(D(41), "signed_count")]),
        ("Contracted projects numbered 40 by June.", "en", [(D(40), "signed_count")]),
        # … not projects negotiated or planned, nor visitors
        ("Projects under negotiation reached 12.", "en", [(D(12), "pipeline_count")]),
        ("Planned projects rose to 30.", "en", [(D(30), "other")]),
        ("Visitors reached 3,000 on the first day.", "en", []),
        # "put pen to paper on": signed
        ("The two sides put pen to paper on 8 projects worth 1.1 billion yuan.", "en",
         [(D(8), "signed_count"), (D("1100000000"), "signed_value")]),
        # 签约N项: items signed are projects, as 签约N个
        ("活动当天共签约14项，签约额18亿元。", "zh",
         [(D(14), "signed_count"), (D("1800000000"), "signed_value")]),
        ("南岗区签约6项。", "zh", [(D(6), "signed_count")]),
        # … not items agreed or released, nor a plan
        ("两地在教育、医疗等领域达成合作9项。", "zh", [(D(9), "other")]),
        ("会上发布招商项目20项。", "zh", [(D(20), "other")]),
        ("明年计划签约15项。", "zh", []),
    ],
)  # fmt: skip
def test_more_ways_of_saying_projects_were_signed(text, lang, expected):
    assert [(f.value, f.metric) for f in find_figures(text, lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # The signed deals as the subject of "amount to", "add up to", "total": their value
        ("The 15 deals add up to 4.4 billion yuan.", "en",
         [(D(15), "signed_count", EXACT), (D("4400000000"), "signed_value", EXACT)]),
        ("Together the agreements amount to 11 billion yuan.", "en",
         [(D("11000000000"), "signed_value", EXACT)]),
        ("The contracts total 7 billion yuan, while trade adds up to 2 billion yuan.", "en", [
            (D("7000000000"), "signed_value", EXACT),
            (D("2000000000"), "indicator_value", EXACT),
        ]),
        # "agreed investment" (协议投资额)
        ("Agreed investment reached 6.6 billion yuan.", "en",
         [(D("6600000000"), "signed_value", EXACT)]),
        # … not trade under agreements, nor a fund's ceiling ("up to" still caps)
        ("Exports under the trade agreements amounted to 5 billion yuan.", "en",
         [(D("5000000000"), "indicator_value", EXACT)]),
        ("The fund will provide up to 2 billion yuan.", "en",
         [(D("2000000000"), "other", AT_MOST)]),
        # 签约项目计划总投资: what the projects signed plan to invest, their value
        ("签约项目计划总投资47亿元。", "zh", [(D("4700000000"), "signed_value", EXACT)]),
        # … not one project's plan, nor projects not signed
        ("其中一个签约项目计划投资3亿元。", "zh", [(D("300000000"), "other", EXACT)]),
        ("未签约项目计划总投资26亿元。", "zh", [(D("2600000000"), "other", EXACT)]),
    ],
)  # fmt: skip
def test_more_ways_of_saying_the_value_signed(text, lang, expected):
    assert [(f.value, f.metric, f.qualifier) for f in find_figures(text, lang)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # Projects still to sign: wanted, striven for, called for, or "to be signed"
        "Organizers are looking to sign 30 deals at the expo.",
        "Officials want to sign more than 20 agreements by June.",
        "The plan calls for signing 40 projects.",
        "The county is striving to sign 25 projects.",
        "Up to 30 projects could be signed at the event.",
        "The 40 projects due to be signed next week are worth 9 billion yuan.",
    ],
)
def test_projects_still_to_sign_are_targets(text):
    assert [f for f in find_figures(text, "en") if f.metric.startswith("signed")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # … but the ones signed stay, beside the ones to come
        ("The zone signed 18 projects, and 6 more are to be signed in May.",
         [(D(18), "signed_count")]),
        ("The 18 projects signed on Monday are expected to create 2,000 jobs.",
         [(D(18), "signed_count")]),
        # Meetings held after a signing are events, not what was signed
        ("The two provinces signed 3 framework agreements in 2019 and have since held 12 "
         "meetings.", [(D(3), "signed_count"), (D(12), "event_count")]),
        # The event's projects, named with a possessive, are projects
        ("The fair signed 20 projects. Separately, 6 of the fair's projects were signed by "
         "Minhang district.", [(D(20), "signed_count"), (D(6), "signed_count")]),
    ],
)  # fmt: skip
def test_signed_beside_targets_and_meetings(text, expected):
    assert [(f.value, f.metric) for f in find_figures(text, "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Still to come: 目标签约, 拟于…签约, 将推动签约
        ("明年目标签约项目40个。", []),
        ("拟于下月签约项目15个。", []),
        ("下一步，将推动签约项目30个以上。", []),
        # 待签约: awaiting their signing, in the pipeline
        ("会议期间签约项目12个，另有待签约项目6个。",
         [(D(12), "signed_count"), (D(6), "pipeline_count")]),
        # … while a goal reached is no target
        ("超额完成目标，签约项目45个。", [(D(45), "signed_count")]),
    ],
)  # fmt: skip
def test_zh_projects_still_to_sign(text, expected):
    assert [(f.value, f.metric) for f in find_figures(text, "zh")] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # Industries by name are their category: 集成电路, 精细化工, 汽车零部件 → industrial
        ("会上签约项目30个，其中集成电路项目9个，精细化工项目6个。", "zh",
         [{}, {"category": "industrial"}, {"category": "industrial"}]),
        ("签约项目25个，其中农副产品精深加工项目7个，航运类项目4个。", "zh",
         [{}, {"category": "agricultural"}, {"category": "service"}]),
        # A part said to "involve", "concern" or "cover" a sector
        ("The expo signed 20 deals. Eight of them concern semiconductors and auto parts, while "
         "five involve tea processing and specialty farming.", "en",
         [{}, {"category": "industrial"}, {"category": "agricultural"}]),
        # … but a total whose projects "cover" several sectors keeps no category
        ("The 12 agreements are valued at 3 billion yuan in total and cover textiles, farming "
         "and tourism.", "en", [{}, {}]),
    ],
)  # fmt: skip
def test_sectors_named_by_industry_or_verb(text, lang, expected):
    assert [f.subset for f in find_figures(text, lang)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "N more projects": a count like any other
        ("In October, the county signed 5 more projects.", [(D(5), "signed_count")]),
        ("Ten more deals were inked on Friday.", [(D(10), "signed_count")]),
        ("Three more projects were put on the negotiation list.", [(D(3), "pipeline_count")]),
        # … not a difference ("5 more than last year"), nor events still to come
        ("The zone signed 12 projects, 5 more than last year.", [(D(12), "signed_count")]),
        ("Officials said the city would host 5 more promotion events this year.", []),
    ],
)  # fmt: skip
def test_n_more_projects(text, expected):
    assert [(f.value, f.metric) for f in find_figures(text, "en")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The amount in the clause after projects still to sign is still to come too
        ("有望签约项目12个，金额30亿元。", []),
        ("The city hopes to sign 20 projects, worth 5 billion yuan.", []),
        # … not an amount after projects already signed, nor the signed ones before a target
        ("今年计划签约项目15个，已签约项目9个，金额12亿元。",
         [(D(9), "signed_count"), (D("1200000000"), "signed_value")]),
        ("签约项目12个，金额30亿元，明年有望签约项目20个。",
         [(D(12), "signed_count"), (D("3000000000"), "signed_value")]),
    ],
)  # fmt: skip
def test_the_value_of_projects_still_to_sign(text, expected):
    lang = "en" if text.isascii() else "zh"
    assert [(f.value, f.metric) for f in find_figures(text, lang)] == expected
