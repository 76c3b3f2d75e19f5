"""Briefing paragraphs read like the published ones, and every number traces to its rows."""

import datetime
import json
from decimal import Decimal

import pytest

from counterpart.events.models import Event
from counterpart.geo.models import Pairing, Region
from counterpart.projects.models import FundsInPlace, Project
from counterpart.reports.brief import (
    Brief,
    Figure,
    Paragraph,
    event_brief,
    pairing_brief,
    period_brief,
)
from counterpart.reports.filters import ReportFilters

pytestmark = pytest.mark.usefixtures("sample_data", "db")

CONF = "HLJ-GD-2023-CONF"
JAN, FEB_END = datetime.date(2023, 1, 1), datetime.date(2023, 2, 28)

CONF_ZH = (
    "4月22日，黑龙江—广东产业合作与开放交流大会暨项目签约仪式在深圳市举行。"
    "活动共签约项目192个，签约额982.38亿元；其中现场签约工业项目32个，签约额292.93亿元。"
)
CONF_EN = (
    "On 22 April 2023, the Heilongjiang-Guangdong Industrial Cooperation and Open Exchange "
    "Conference and project signing ceremony was held in Shenzhen. 192 projects were signed, "
    "with a total contract value of 98.238 billion yuan, of which 32 industrial projects were "
    "signed on site, worth 29.293 billion yuan."
)
PERIOD_ZH = (
    "1-2月份，黑龙江省千万元及以上利用内资项目中，利用广东省资金19.5亿元，从资金来源看，位列第2位。"
)
PERIOD_EN = (
    "In January–February 2023, among Heilongjiang's domestic-capital projects of 10 million "
    "yuan and above, capital from Guangdong came to 1.95 billion yuan, ranking 2nd among "
    "source regions."
)


def _figures(brief: Brief) -> dict[str, dict]:
    return {
        figure["text"]: figure
        for paragraph in brief.to_sidecar()["paragraphs"]
        for figure in paragraph["figures"]
    }


def _assert_traceable(brief: Brief) -> None:
    """Every figure's text is in its paragraph where the sidecar says, with rows behind it."""
    for paragraph in brief.to_sidecar()["paragraphs"]:
        for figure in paragraph["figures"]:
            start = figure["offset"]
            assert paragraph["text"][start : start + len(figure["text"])] == figure["text"]
            assert figure["ids"] and figure["source"]


# ---------------------------------------------------------------------------- event brief


def test_event_brief_in_chinese_reads_like_the_press_release():
    brief = event_brief(CONF, "zh")
    assert brief.lang == "zh" and brief.title == "黑龙江—广东产业合作与开放交流大会暨项目签约仪式"
    assert brief.paragraphs[0].text == CONF_ZH
    _assert_traceable(brief)


def test_event_brief_in_english_reads_like_the_press_release():
    brief = event_brief(CONF, "en")
    assert brief.paragraphs[0].text == CONF_EN
    _assert_traceable(brief)


def test_event_brief_names_the_three_largest_fields_by_value():
    zh, en = event_brief(CONF, "zh").paragraphs[1], event_brief(CONF, "en").paragraphs[1]
    assert zh.text.startswith("签约项目主要集中在") and zh.text.endswith("等领域。")
    assert zh.text.index("现代物流") < zh.text.index("食品") < zh.text.index("旅游康养")
    assert "电子信息" not in zh.text
    assert en.text.startswith("The signed projects were concentrated mainly in modern logistics")
    assert "(health/recreation)" not in en.text
    values = [f.value for f in zh.figures if f.key.endswith("-value")]
    assert len(values) == 3 and values == sorted(values, reverse=True)
    for figure in zh.figures:
        assert figure.source == "projects" and figure.ids


def test_sidecar_figures_list_the_projects_behind_them():
    sidecar = event_brief(CONF, "zh").to_sidecar()
    json.dumps(sidecar)  # JSON-ready
    figures = _figures(event_brief(CONF, "zh"))
    total, industrial = figures["982.38亿元"], figures["292.93亿元"]
    assert total["value"] == "98238000000" and total["source"] == "projects"
    assert len(total["ids"]) == 192 and len(industrial["ids"]) == 32
    assert figures["192个"]["ids"] == total["ids"] and figures["192个"]["value"] == "192"
    traced = Project.objects.with_counted_value().filter(pk__in=industrial["ids"])
    assert sum(p.counted_value for p in traced) == Decimal(industrial["value"])
    assert {p.category for p in traced} == {"industrial"} and all(p.signed_on_site for p in traced)
    assert sidecar["title"] and sidecar["lang"] == "zh"


def test_html_links_every_number_to_its_rows():
    brief = event_brief(CONF, "zh")
    html = brief.to_html()
    industrial_ids = ",".join(str(pk) for pk in brief.figure("on-site-industrial-value").ids)
    assert html.startswith('<section class="brief" lang="zh">')
    assert "<h1>黑龙江—广东产业合作与开放交流大会暨项目签约仪式</h1>" in html
    assert (
        f'<a class="figure" data-source="projects" data-ids="{industrial_ids}" '
        'href="#figure-on-site-industrial-value">292.93亿元</a>'
    ) in html
    assert html.count('<a class="figure"') == len(brief.figures)
    assert html.count("<p>") == len(brief.paragraphs)


def test_html_escapes_the_text():
    figure = Figure("total", "3个", 3, "projects", [1, 2, 3])
    paragraph = Paragraph("<b>A&B</b> signed 3个 “x”", [figure])
    html = Brief('Title "<i>"', "en", [paragraph]).to_html()
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;A&amp;B&lt;/b&gt; signed " in html
    assert "<h1>Title &quot;&lt;i&gt;&quot;</h1>" in html
    assert 'data-ids="1,2,3" href="#figure-total">3个</a> “x”</p>' in html
    offset = Brief("t", "en", [paragraph]).to_sidecar()["paragraphs"][0]["figures"][0]["offset"]
    assert offset == paragraph.text.index("3个")


def test_event_without_signings_says_none_are_recorded():
    zh = event_brief("HLJ-COM-2023-03-GD-VISIT", "zh")
    en = event_brief("HLJ-COM-2023-03-GD-VISIT", "en")
    assert len(zh.paragraphs) == 1 and zh.paragraphs[0].figures == []
    assert zh.paragraphs[0].text == (
        "3月7日至10日，省商务厅赴广东考察调研暨上门招商在广东省举行。活动暂无签约项目记录。"
    )
    assert en.paragraphs[0].text.startswith("From 7 to 10 March 2023, the Heilongjiang ")
    assert en.paragraphs[0].text.endswith("No signed projects are recorded for the event.")


def test_event_brief_applies_the_filters():
    brief = event_brief(CONF, "zh", ReportFilters(pairing="PAIR-01"))
    count = brief.figure("signed-count")
    assert 0 < count.value < 192
    assert set(count.ids) == set(
        Project.objects.filter(pk__in=count.ids, destination_region__code="230100").values_list(
            "pk", flat=True
        )
    )


# ---------------------------------------------------------------------------- period brief


def test_period_brief_in_chinese():
    brief = period_brief(JAN, FEB_END, "zh")
    assert brief.paragraphs[0].text == PERIOD_ZH
    amount = brief.figure("partner-amount")
    assert amount.source == "funds_in_place" and amount.value == Decimal("1950000000")
    assert sum(f.amount for f in FundsInPlace.objects.filter(pk__in=amount.ids)) == amount.value
    rank = brief.figure("partner-rank")
    assert rank.text == "第2位" and rank.value == 2 and set(amount.ids) < set(rank.ids)
    assert brief.title == "2023年1-2月份黑龙江省利用广东省资金情况"
    _assert_traceable(brief)


def test_period_brief_in_english():
    brief = period_brief(JAN, FEB_END, "en")
    assert brief.paragraphs[0].text == PERIOD_EN
    _assert_traceable(brief)


def test_period_brief_adds_the_well_formed_pipeline():
    brief = period_brief(JAN, FEB_END, "zh", as_of=datetime.date(2023, 4, 7))
    assert brief.paragraphs[1].text == (
        '目前，比较成形的合作项目132个，全部为黑龙江省"4567"现代产业体系项目。'
    )
    assert len(brief.figure("well-formed-count").ids) == 132
    english = period_brief(JAN, FEB_END, "en", as_of=datetime.date(2023, 4, 7))
    assert english.paragraphs[1].text.startswith(
        "At present, 132 well-formed cooperation projects are in negotiation, all of them in"
    )
    at_period_end = period_brief(JAN, FEB_END, "zh")
    assert at_period_end.paragraphs[1].text.startswith("目前，比较成形的合作项目96个")


def test_period_brief_with_another_threshold_or_none():
    brief = period_brief(JAN, FEB_END, "zh", min_project_size=Decimal(50_000_000))
    assert brief.paragraphs[0].text.startswith("1-2月份，黑龙江省5000万元及以上利用内资项目中，")
    unrestricted = period_brief(JAN, FEB_END, "en", min_project_size=None)
    assert unrestricted.paragraphs[0].text.startswith(
        "In January–February 2023, among Heilongjiang's domestic-capital projects, capital from"
    )
    assert unrestricted.figure("partner-amount").value > Decimal("1950000000")


def test_period_brief_without_capital_from_the_partner():
    brief = period_brief(datetime.date(2010, 3, 1), datetime.date(2010, 3, 31), "zh")
    assert brief.paragraphs[0].text == (
        "3月份，黑龙江省千万元及以上利用内资项目中，暂无利用广东省资金记录。"
    )
    assert brief.figures == []


# ---------------------------------------------------------------------------- pairing brief


def test_pairing_brief_in_chinese():
    filters = ReportFilters(as_of=datetime.date(2023, 4, 7))
    brief = pairing_brief("PAIR-01", "zh", filters)
    first = brief.paragraphs[0].text
    assert "哈尔滨市" in first and "深圳市" in first and "对口合作以来" in first
    assert first.startswith("哈尔滨市与深圳市于2017年建立对口合作关系，截至2023年已合作6年。")
    assert brief.paragraphs[1].text.startswith("截至2023年4月7日，比较成形的合作项目14个")
    signed = brief.figure("signed-count")
    assert signed.source == "projects" and signed.value == len(signed.ids)
    pairing = Pairing.objects.get(code="PAIR-01")
    assert brief.figure("since-year").ids == [pairing.pk]
    _assert_traceable(brief)


def test_pairing_brief_in_english():
    brief = pairing_brief("PAIR-01", "en", ReportFilters(as_of=datetime.date(2023, 4, 7)))
    text = brief.text
    assert "Harbin" in text and "Shenzhen" in text and "since 2017" in text
    assert brief.title == "Harbin–Shenzhen counterpart cooperation"
    assert brief.paragraphs[1].text.startswith(
        "As of 7 April 2023, 14 well-formed cooperation projects were in"
    )


def test_pairing_brief_counts_only_signings_under_the_pairing():
    brief = pairing_brief("PAIR-01", "zh", ReportFilters(as_of=datetime.date(2023, 4, 30)))
    projects = Project.objects.filter(pk__in=brief.figure("signed-count").ids)
    assert projects.exists()
    assert not projects.exclude(destination_region__code__startswith="2301").exists()
    assert not projects.exclude(source_region__code__startswith="4403").exists()


def test_pairing_brief_defaults_to_today():
    brief = pairing_brief("PAIR-01", "en")
    years = datetime.date.today().year - 2017
    assert brief.figure("years").value == years


# ---------------------------------------------------------------------------- errors


@pytest.mark.parametrize("lang", ["fr", "", "ZH"])
def test_unknown_language_is_refused(lang):
    with pytest.raises(ValueError, match="unsupported language"):
        event_brief(CONF, lang)
    with pytest.raises(ValueError, match="unsupported language"):
        period_brief(JAN, FEB_END, lang)
    with pytest.raises(ValueError, match="unsupported language"):
        pairing_brief("PAIR-01", lang)


def test_unknown_codes_raise_does_not_exist():
    with pytest.raises(Event.DoesNotExist):
        event_brief("NO-SUCH-EVENT", "zh")
    with pytest.raises(Pairing.DoesNotExist):
        pairing_brief("PAIR-99", "zh")
    with pytest.raises(Region.DoesNotExist):
        period_brief(JAN, FEB_END, "zh", partner_province="999999")
