"""An article as received — pasted text, a .txt or an .html page — read into the text that
extraction works on: where the content begins and ends, its language, title and publication date.

Page furniture (navigation, "related news" / 热门资讯 sidebars, footers) must yield nothing. In a
page it is whole elements, dropped by tag and by class/id words; in scraped plain text it is a
run of lines that begins at a heading such as 热门资讯 or "Related news", so the content ends
there. Offsets of quotes refer to ``Article.text``. The rules are written by hand: the
readability-style libraries score paragraphs for English pages and keep sidebars of short
Chinese news pages, and none handles furniture inside plain text.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from lxml import etree
from lxml import html as lxml_html

from counterpart.core.choices import Language

MAX_ARTICLE_BYTES = 2_000_000
ARTICLE_EXTENSIONS = ("txt", "html", "htm")
# Fewer letters than this in the story ("你好", "x") is a slip, not an article.
MIN_STORY_CHARACTERS = 10


class ArticleError(ValueError):
    """The input is not an article we can read (empty, binary, too large …)."""


@dataclass(frozen=True)
class Article:
    original: str  # as received (the page's HTML, or the text)
    text: str  # readable text; quotes' offsets refer to it
    content_start: int  # where the content begins in ``text`` (after a breadcrumb …)
    content_end: int  # where trailing furniture begins in ``text`` (its length when none)
    language: str  # "zh" | "en"
    title: str
    published: datetime.date | None
    format: str  # "text" | "html"
    publisher: str = ""  # the source a header line names (来源：…, "Source: …")
    detected_language: str = ""  # what the text reads as (``language`` may be imposed)

    @property
    def content(self) -> str:
        return self.text[self.content_start : self.content_end]


# ---------------------------------------------------------------------------- decoding


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK and GB2312)."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            _("The article is larger than %(limit)s MB.") % {"limit": MAX_ARTICLE_BYTES // 10**6}
        )
    if b"\x00" in data[:4096]:
        raise ArticleError(_("The file is not text (it holds binary data)."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ArticleError(_("The file is neither UTF-8 nor GB18030/GBK text."))


def looks_like_html(text: str, name: str = "") -> bool:
    if name.lower().endswith((".html", ".htm")):
        return True
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(body|p|div|article)[\s>]", head)
    )


def read_article(data: bytes | str, name: str = "", lang: str = "auto") -> Article:
    """Read an article; ``lang`` "zh" or "en" overrides the detected language."""
    text = decode(data) if isinstance(data, bytes) else data
    if len(text) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            _("The article is larger than %(limit)s MB.") % {"limit": MAX_ARTICLE_BYTES // 10**6}
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(_("The article is empty."))
    if lang not in ("auto", "zh", "en"):
        raise ArticleError(_("Unknown language “%(lang)s”: use zh, en or auto.") % {"lang": lang})
    article = _read_html(text) if looks_like_html(text, name) else _read_text(text)
    if not article.content.strip():
        raise ArticleError(_("The article has no text apart from page furniture."))
    letters = len("".join(article.content.split()))
    if letters < MIN_STORY_CHARACTERS:
        raise ArticleError(
            _(
                "The text is too short to be an article (%(count)s characters, at least "
                "%(least)s): an article has a headline and a story."
            )
            % {"count": letters, "least": MIN_STORY_CHARACTERS}
        )
    detected = detect_language(article.content)
    return Article(
        **{
            **article.__dict__,
            "language": detected if lang == "auto" else lang,
            "detected_language": detected,
            "publisher": publisher_in_header(article.content),
        }
    )


# ---------------------------------------------------------------------------- language


CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def language_warning(article: Article) -> str | None:
    """Why the language the user imposed may be wrong: the text reads as the other one.

    Kept a warning, not an error: a bilingual page may rightly be read in its minor language.
    """
    if not article.detected_language or article.detected_language == article.language:
        return None
    names = dict(Language.choices)
    return _(
        "The text reads as %(detected)s, but it was read as %(chosen)s as asked: its events, "
        "dates and figures may be missed or misread. If that is wrong, delete the article and "
        "ingest it again with the language detected from the text."
    ) % {"detected": names[article.detected_language], "chosen": names[article.language]}


def detect_language(text: str) -> str:
    """Chinese when Han characters outnumber a tenth of the Latin words' letters."""
    han = len(CJK.findall(text))
    latin = sum(len(word) for word in LATIN_WORD.findall(text))
    return "zh" if han * 10 >= latin else "en"


# ---------------------------------------------------------------------------- plain text

# A line that starts trailing furniture: what scraped pages append after the story.
FURNITURE_HEADINGS = re.compile(
    r"^\s*[【\[]?\s*(?:热门资讯|热点资讯|热门推荐|热点推荐|相关新闻|相关阅读|相关内容|相关链接|推荐阅读|"
    r"延伸阅读|猜你喜欢|更多新闻|更多阅读|精彩推荐|今日推荐|排行榜|阅读排行|"
    r"related (?:news|articles|stories|content|reading)|most (?:read|popular|viewed)|"
    r"you may also like|recommended(?: for you| reading)?|more (?:news|stories)|"
    r"trending|read more)\s*[】\]]?\s*[:：]?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# Lines that end a story without being content (kept out, with what follows them).
FOOTER_LINES = re.compile(
    r"^\s*(?:版权所有|copyright\s*©|©\s*\d{4}|all rights reserved|备案号|[京沪粤黑]ICP)",
    re.IGNORECASE | re.MULTILINE,
)
BREADCRUMB = re.compile(
    r"^\s*(?:当前位置|您的位置|首页\s*[>»/＞|｜›]|home\s*[>»/|›])[^\n]*\n",
    re.IGNORECASE | re.MULTILINE,
)


def _read_text(text: str) -> Article:
    start = 0
    while match := BREADCRUMB.match(text, start):
        start = match.end()
    end = len(text)
    # Furniture comes after the story: ignore a heading word in the first fifth of the text.
    floor = start + (len(text) - start) // 5
    for pattern in (FURNITURE_HEADINGS, FOOTER_LINES):
        match = pattern.search(text, floor)
        if match and match.start() < end:
            end = match.start()
    title = next((line.strip() for line in text[start:end].splitlines() if line.strip()), "")
    return Article(
        original=text,
        text=text,
        content_start=start,
        content_end=end,
        language="",
        title=title[:500],
        published=date_in_header(text[start:end]),
        format="text",
    )


# A date line at the top of a scraped story: "2023-04-07 13:33:26", "2023年04月07日 10:20",
# "发布时间：2023-04-07", "Published: April 7, 2023", "Updated 2023-04-07".
HEADER_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?=\s|$|[^\d])"
)
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
HEADER_DATE_EN = re.compile(
    r"\b(?:(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d{2})"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>[A-Za-z]{3,9})\.?\s+(?P<year2>(?:19|20)\d{2}))\b"
)
HEADER_LINES = 6


def _header_lines(text: str) -> list[str]:
    """The first lines of a story short enough to be its header (not a paragraph of it)."""
    lines = [line for line in text.splitlines() if line.strip()][:HEADER_LINES]
    return [line for line in lines if len(line) <= 120]


def date_in_header(text: str) -> datetime.date | None:
    """The publication date printed in the first lines of a story (not a date in its body)."""
    return next(filter(None, map(parse_date_text, _header_lines(text))), None)


# "来源：哈尔滨日报", "稿源: 新华社", "Source: China Daily", up to the next field of the line.
HEADER_SOURCE = re.compile(
    r"(?:^|[\s|｜])(?:来源|稿源|消息来源|source)\s*[:：]\s*"
    r"(?P<name>[^|｜\n]+?)\s*(?=$|[|｜]|\s{2,}|作者|编辑|责编|时间|发布|日期|"
    r"(?:author|editor|by|published|updated|date)\b|(?:19|20)\d{2}\s*[-/.年])",
    re.IGNORECASE | re.MULTILINE,
)


def publisher_in_header(text: str) -> str:
    """The source named in the first lines of a story (来源：…), else ""."""
    for line in _header_lines(text):
        match = HEADER_SOURCE.search(line)
        if match:
            return match["name"].strip(" ，,;；")[:200]
    return ""


def parse_date_text(text: str) -> datetime.date | None:
    """The first full date (with its year) in a short text, numeric or English."""
    match = HEADER_DATE.search(text)
    if match:
        return _date(int(match["y"]), int(match["m"]), int(match["d"]))
    match = HEADER_DATE_EN.search(text)
    if match:
        month = MONTHS.get((match["month"] or match["month2"] or "").lower())
        if month:
            day = int(match["day"] or match["day2"])
            return _date(int(match["year"] or match["year2"]), month, day)
    return None


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------- HTML

FURNITURE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                  "iframe", "template", "svg", "button", "select")  # fmt: skip
FURNITURE_WORDS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|sidebar|side|aside|related|relate|"
    r"recommend\w*|hot\w*|popular|rank\w*|footer|foot|copyright|share|social|comments?|"
    r"advert\w*|ads?|banner|toolbar|header|topbar|subscribe|newsletter|more-news|tags)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
              "li", "ul", "ol", "table", "tr", "blockquote", "pre", "figure", "figcaption",
              "dd", "dt", "br", "hr"}  # fmt: skip
# Compared without "-" and "_": publish-date, publish_date and publishdate are one name.
PUBLISHED_META = frozenset(
    {
        "article:publishedtime",
        "og:publishedtime",
        "pubdate",
        "publishdate",
        "publisheddate",
        "publicationdate",
        "date",
        "dc.date",
        "dc.date.issued",
        "datepublished",
    }
)


def _read_html(page: str) -> Article:
    try:
        root = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError) as error:
        raise ArticleError(
            _("The page cannot be read as HTML: %(error)s") % {"error": error}
        ) from None
    title = _html_title(root)
    published = _html_published(root)
    main = _main_element(root)
    _drop_furniture(main)
    text = _visible_text(main)
    if published is None:
        published = date_in_header(text)
    return Article(
        original=page,
        text=text,
        content_start=0,
        content_end=len(text),
        language="",
        title=title[:500],
        published=published,
        format="html",
    )


def _html_title(root) -> str:
    for xpath in ("//meta[@property='og:title']/@content", "//h1", "//title"):
        found = root.xpath(xpath)
        if found:
            value = found[0] if isinstance(found[0], str) else found[0].text_content()
            if value.strip():
                return " ".join(value.split())
    return ""


def _html_published(root) -> datetime.date | None:
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key.replace("-", "").replace("_", "") in PUBLISHED_META:
            found = parse_date_text(meta.get("content") or "")
            if found:
                return found
    for time in root.iter("time"):
        found = parse_date_text(time.get("datetime") or time.text_content())
        if found:
            return found
    return None


def _main_element(root):
    for xpath in ("//article", "//main", "//*[@role='main']"):
        found = root.xpath(xpath)
        if found:
            return max(found, key=lambda element: len(element.text_content()))
    body = root.find("body")
    return body if body is not None else root


def _drop_furniture(main) -> None:
    doomed = []
    for element in main.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            doomed.append(element)
            continue
        if element is main:
            continue
        words = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
        if element.tag in FURNITURE_TAGS or FURNITURE_WORDS.search(words):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the tail text, which belongs to the parent


TABLE_CELLS = frozenset({"td", "th"})


def _visible_text(main) -> str:
    """The element's text with a line break around each block, blank runs collapsed."""
    parts: list[str] = []

    def walk(element) -> None:
        block = element.tag in BLOCK_TAGS
        if block:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tag in TABLE_CELLS and child.getnext() is not None:
                parts.append(" | ")  # a table's cells stay apart, for the table reader
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(main)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n\n".join(line for line in lines if line)
