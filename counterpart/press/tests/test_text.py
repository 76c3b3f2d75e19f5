"""Reading articles: content and furniture, language, title, publication date, bad input."""

import datetime

import pytest
from django.utils import translation

from counterpart.press.text import ArticleError, detect_language, language_warning, read_article

pytestmark = []

PLAIN = """首页 > 新闻 > 经济
牡丹江东莞合作再上新台阶
牡丹江日报
2024-06-18 09:12:45

6月16日，牡丹江—东莞对口合作项目推介会在东莞举行，现场签约项目12个，签约额36.5亿元。

记者：王明

热门资讯

某地文旅火出圈，签约项目300个……
另一条新闻 50亿元
"""

PAGE = """<!doctype html><html><head><title>站点 | 吉浙合作</title>
<meta property="og:title" content="吉浙合作论坛举行">
<meta name="pubdate" content="2024-09-03 10:00">
<style>.x{}</style><script>var n = "签约项目999个";</script></head>
<body><nav>首页 | 新闻 | 签约100个</nav>
<header class="site-header">吉林日报</header>
<article><h1>吉浙合作论坛举行</h1>
<p>9月2日，吉林—浙江对口合作论坛在杭州举办。</p>
<p>论坛上签约项目<b>21</b>个，签约额<span>88.2亿元</span>。</p>
<div class="related-news"><h3>相关新闻</h3><ul><li>另一论坛签约项目40个</li></ul></div>
</article>
<aside class="sidebar">排行榜 1. 某新闻 7亿元</aside>
<footer>版权所有 © 2024 吉林日报 吉ICP备000号</footer></body></html>"""


def test_plain_text_ends_where_the_sidebar_begins():
    article = read_article(PLAIN.encode("utf-8"), "story.txt")
    assert article.format == "text" and article.language == "zh"
    assert article.published == datetime.date(2024, 6, 18)
    assert article.title == "牡丹江东莞合作再上新台阶"  # after the breadcrumb
    assert "签约额36.5亿元" in article.content
    assert "300个" not in article.content and "300个" in article.text
    assert article.text[: article.content_start].startswith("首页 >")


def test_a_page_loses_its_furniture_and_keeps_its_story():
    article = read_article(PAGE.encode("utf-8"), "story.html")
    assert article.format == "html" and article.original == PAGE
    assert article.title == "吉浙合作论坛举行"
    assert article.published == datetime.date(2024, 9, 3)
    assert "签约项目21个，签约额88.2亿元" in article.text
    for furniture in ("999个", "100个", "40个", "7亿元", "版权所有", "吉林日报"):
        assert furniture not in article.text, furniture


def test_the_page_date_comes_from_a_time_element_or_the_first_lines():
    page = '<html><body><article><time datetime="2023-04-07T13:33">4月7日</time>' \
           "<p>正文 签约项目5个。</p></article></body></html>"  # fmt: skip
    assert read_article(page).published == datetime.date(2023, 4, 7)
    english = "Harbin and Shenzhen sign 12 projects\nPublished: April 7, 2023\n\nOn April 5, ..."
    assert read_article(english).published == datetime.date(2023, 4, 7)
    undated = "On April 22, 2023, a conference was held in Shenzhen. " * 5
    assert read_article(undated).published is None  # a date in the story is not its date


def test_encodings_and_language():
    text = "哈尔滨市与深圳市签约项目十二个。"
    assert read_article(text.encode("gb18030")).content.strip() == text
    assert read_article(("\ufeff" + text).encode("utf-8")).language == "zh"
    assert detect_language("A total of 192 projects were signed in Shenzhen.") == "en"
    assert read_article(text, lang="en").language == "en"  # the caller's choice wins


def test_a_language_imposed_against_the_text_is_warned_about():
    chinese = "哈尔滨市与深圳市签约项目十二个，签约额98.5亿元。"
    with translation.override("en"):
        warning = language_warning(read_article(chinese, lang="en"))
    assert warning is not None and warning.startswith("The text reads as Chinese")
    assert "read as English" in warning
    assert language_warning(read_article(chinese, lang="zh")) is None
    assert language_warning(read_article(chinese)) is None  # detected: nothing imposed


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n  ", "empty"),
        (b"\x00\x01\x02PK binary", "binary"),
        (b"\xff\xfe\xfa\xfb" * 10, "UTF-8"),
        (b"x" * 2_000_001, "larger"),
        ("<html><body><nav>only a menu</nav></body></html>", "furniture"),
        ("你好", "too short"),
        ("Hello\n", "too short"),
    ],
)
def test_what_is_not_an_article_is_refused_with_a_reason(data, message):
    with translation.override("en"), pytest.raises(ArticleError) as error:
        read_article(data)
    assert message in str(error.value)


def test_an_unknown_language_is_refused():
    with pytest.raises(ArticleError):
        read_article("text", lang="fr")


def test_an_english_breadcrumb_with_bars_is_furniture_and_the_headline_follows_it():
    text = "Home | News | Provinces\nHarbin signs 12 projects\n\nHarbin signed 12 projects."
    article = read_article(text)
    assert article.title == "Harbin signs 12 projects"
    assert not article.content.startswith("Home")


@pytest.mark.parametrize(
    ("header", "publisher"),
    [
        ("来源：黑龙江日报  编辑：张三", "黑龙江日报"),
        ("2024-06-18 09:12 来源: 新华社 作者：李四", "新华社"),
        ("Source: China Daily | Updated: 2024-06-18", "China Daily"),
        ("稿源：大庆日报 2024年6月18日", "大庆日报"),
        ("牡丹江日报", ""),  # a name without "来源" may be the author's or the paper's
    ],
)
def test_the_publisher_is_the_source_a_header_line_names(header, publisher):
    text = f"牡丹江东莞签约12个项目\n{header}\n\n6月16日，双方签约项目12个。"
    assert read_article(text).publisher == publisher


def test_a_source_named_in_the_story_is_not_the_publisher():
    story = "签约项目12个，" * 30
    text = f"标题\n\n{story}来源：某报。"
    assert read_article(text).publisher == ""


@pytest.mark.parametrize("name", ["publish-date", "publish_date", "publishdate", "Publish-Date"])
def test_a_date_meta_is_read_however_its_name_is_joined(name):
    page = (
        f'<html><head><meta name="{name}" content="2026-03-05"></head>'
        "<body><article><h1>Gamma signs deals</h1><p>Gamma and Delta signed 8 projects in "
        "2024, and more since.</p></article></body></html>"
    )
    assert read_article(page).published == datetime.date(2026, 3, 5)
