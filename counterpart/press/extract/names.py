"""Organisations and regions named in press articles: known ones from a registry, unknown ones
proposed from how organisations are named (…集团, …有限公司, "… Co., Ltd.", "… Chamber of
Commerce"), for a person to confirm.

Known names are matched in one pass over the text by an Aho-Corasick automaton (pyahocorasick),
built once and used for every article. Choosing among overlapping matches, word boundaries for
Latin names, short names of regions and the naming patterns are ours (hand-written).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

__all__ = ["NameMention", "Registry", "propose_organizations", "region_short_names"]

ORGANIZATION = "organization"
REGION = "region"
PROPOSED = "proposed_organization"


@dataclass(frozen=True)
class NameMention:
    start: int
    end: int
    quote: str  # == text[start:end]
    key: object  # the registry entry's key (an id); None for a proposed organisation
    kind: str  # "organization" | "region" | "proposed_organization"


# ---------------------------------------------------------------------------- registry


def _is_word_char(char: str) -> bool:
    """A letter or digit of a Latin-like script: what a Latin name must not run into.
    CJK characters are not, so "Tencent" is found in "Tencent公司" and "Tencent's"."""
    return char.isalnum() and ord(char) < 0x2E80


def _lowered(text: str) -> str:
    """The text in lower case, character for character (so that offsets stay the same)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower to two ("İ"); keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True)
class _Entry:
    length: int
    kind: str
    key: object
    bounded_left: bool  # the name starts with a Latin letter or digit: needs a word boundary
    bounded_right: bool


class Registry:
    """Names and aliases of known organisations and regions, matched in one pass (Aho-Corasick).

    Build it once (it compiles an automaton) and call ``find`` for each article. Latin names are
    matched case-insensitively and only at word boundaries; Chinese names anywhere. Names
    shorter than 2 characters are ignored. When two entries have the same name (compared
    without case), the first one given wins: give full names before short names and aliases.
    """

    def __init__(self, entries: Iterable[tuple[str, str, object]]):
        self._automaton = ahocorasick.Automaton()
        self.size = 0
        for name, kind, key in entries:
            name = (name or "").strip()
            if len(name) < 2:
                continue
            folded = _lowered(name)
            if folded in self._automaton:
                continue
            entry = _Entry(
                length=len(folded),
                kind=kind,
                key=key,
                bounded_left=_is_word_char(name[0]),
                bounded_right=_is_word_char(name[-1]),
            )
            self._automaton.add_word(folded, entry)
            self.size += 1
        if self.size:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return self.size

    def find(self, text: str) -> list[NameMention]:
        """Known names in the text, longest first then leftmost, not overlapping, in reading
        order ("华润集团" rather than "华润" inside it)."""
        if not self.size or not text:
            return []
        candidates = []
        for last, entry in self._automaton.iter(_lowered(text)):
            start = last + 1 - entry.length
            if self._at_boundaries(text, start, last + 1, entry):
                candidates.append((start, last + 1, entry))
        chosen = _longest_first(candidates)
        return [
            NameMention(start, end, text[start:end], entry.key, entry.kind)
            for start, end, entry in chosen
        ]

    @staticmethod
    def _at_boundaries(text: str, start: int, end: int, entry: _Entry) -> bool:
        if entry.bounded_left and start > 0 and _is_word_char(text[start - 1]):
            return False
        return not (entry.bounded_right and end < len(text) and _is_word_char(text[end]))


def _longest_first(candidates: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Longest spans first (then leftmost), each kept only if it overlaps none kept before."""
    taken = bytearray()
    chosen = []
    for start, end, value in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if len(taken) < end:
            taken.extend(bytes(end - len(taken)))
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, value))
    chosen.sort(key=lambda c: c[0])
    return chosen


# ---------------------------------------------------------------------------- region short names

# Longest first, so that 壮族自治区 goes before 自治区 and 地区 before 区.
_REGION_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "省",
    "市",
    "区",
    "县",
    "盟",
    "旗",
)
# Peoples named in autonomous regions' and prefectures' names, stripped after 自治区/州/县/旗
# (广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边); one or more may stand before the suffix.
_PEOPLES = (
    "维吾尔",
    "蒙古族",
    "朝鲜族",
    "土家族",
    "哈萨克",
    "柯尔克孜",
    "布依族",
    "傈僳族",
    "哈尼族",
    "景颇族",
    "达斡尔族",
    "鄂温克族",
    "鄂伦春",
    "壮族",
    "回族",
    "藏族",
    "苗族",
    "彝族",
    "侗族",
    "白族",
    "傣族",
    "羌族",
    "黎族",
    "满族",
    "瑶族",
    "畲族",
    "土族",
    "各族",
)
# Districts whose name is not a place plus 区: 哈尔滨新区 is not 哈尔滨.
_NOT_SHORTENED = (
    "新区",
    "开发区",
    "高新区",
    "示范区",
    "实验区",
    "合作区",
    "保税区",
    "园区",
    "矿区",
)


def region_short_names(name_zh: str) -> list[str]:
    """The short names a region goes by in articles: 哈尔滨 for 哈尔滨市, 黑龙江 for 黑龙江省,
    广西 for 广西壮族自治区, 香坊 for 香坊区. Empty when stripping would leave fewer than two
    characters (沙县) or would change the meaning (哈尔滨新区)."""
    name = (name_zh or "").strip()
    if name.endswith(_NOT_SHORTENED):
        return []
    for suffix in _REGION_SUFFIXES:
        if name.endswith(suffix):
            short = name[: -len(suffix)]
            if "自治" in suffix:
                short = _without_peoples(short)
            usable = len(short) >= 2 and not short.endswith("族")
            return [short] if usable else []
    return []


def _without_peoples(stem: str) -> str:
    """延边朝鲜族 → 延边; stops when nothing known is left to strip."""
    stripped = True
    while stripped:
        stripped = False
        for people in _PEOPLES:
            if stem.endswith(people) and len(stem) > len(people):
                stem = stem[: -len(people)]
                stripped = True
    return stem


# ---------------------------------------------------------------------------- proposals

_CJK_NAME_CHARS = r"\u3400-\u9fffA-Za-z0-9０-９()（）·"
# Longest first; a group's company suffix (集团有限公司) is one suffix, not two names.
_ZH_SUFFIX = re.compile(
    r"(?:集团(?:股份有限公司|有限责任公司|有限公司|公司)?|股份有限公司|有限责任公司|有限公司|公司"
    r"|商会|协会|联合会|促进会|研究院|研究所|银行|基金会|产业园区|产业园|促进中心)"
    r"(?![业化界内])"  # 银行业, 公司化, 商界: not a name's end
)
# Words after which a name begins: verbs and prepositions that stand before one. Rule work.
_ZH_LEFT_BOUNDARY = re.compile(
    r"走访了|走访|考察了|考察|调研|参观了|参观|洽谈|对接|拜访了|拜访|前往|来自|位于|包括|邀请"
    r"|联合|携手|组织|带领|率领|选择|落户|签约|以及|与|和|及|在|由|赴|到|了|的|是|为|向|将|被|等"
    r"|[^" + _CJK_NAME_CHARS + r"]"
)
_ZH_NAME_WINDOW = 24  # characters before the suffix; longer names are rare and riskier
# Phrases that are not names: 该公司, 一批企业, 两省企业, 相关协会, 上市公司, 子公司 …
_ZH_GENERIC_START = re.compile(
    r"^(?:该|本|各|此|这|那|其|我|贵|某|"
    r"一批|一些|一家|多家|数家|几家|部分|全部|相关|有关|重点|头部|龙头|知名|大型|中小|小型|民营|国有"
    r"|上市|外资|合资|当地|本地|国内|国外|境内|境外|海外|全省|全市|全国|两省|两地|双方|各地|众多|多个"
    r"|[\d一二三四五六七八九十百千两几数多]+[家个批些类])"
)
_ZH_GENERIC = frozenset(
    {"商协", "行业", "企业", "集团", "控股", "投资", "贸易", "科技", "文化", "物流", "实业", "发展"}
)
_ZH_SHORTEST_STEM = 2

_EN_SUFFIX = re.compile(
    r"(?:\s+(?:Group|Holdings|\(Holdings\)|Co\.,?\s*Ltd\.?|Co\.|Company(?:\s+Limited)?|"
    r"Corporation|Corp\.|Inc\.|Limited|Ltd\.?|Association|Chamber\s+of\s+Commerce|Bank))+"
    r"(?:\s+in\s+(?:[A-Z][\w-]*\s+)+(?:Province|City))?"
    r"(?![\w-])"
)
_EN_TOKEN = re.compile(r"\S+")
_EN_NAME_TOKEN = re.compile(r"(?:[A-Z0-9][\w&'’.\-]*|\([A-Z][\w\-]*\))")
_EN_CONNECTORS = frozenset({"of", "and", "&", "for"})
# Capitalised words that begin a sentence or name a person's post, never part of a name.
_EN_STOP = frozenset(
    {
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "Its",
        "Their",
        "Our",
        "At",
        "In",
        "On",
        "By",
        "For",
        "From",
        "With",
        "And",
        "Of",
        "As",
        "To",
        "Such",
        "Both",
        "Each",
        "Every",
        "Other",
        "Many",
        "Some",
        "Meanwhile",
        "Chairman",
        "Chairwoman",
        "President",
        "Vice",
        "Director",
        "Directors",
        "Board",
        "Secretary",
        "Manager",
        "CEO",
        "Founder",
        "Founding",
        "Honorary",
        "Executive",
        "Head",
        "Leader",
        "Mayor",
        "Governor",
        "Deputy",
        "Member",
        "Representative",
        "Representatives",
    }
)


def propose_organizations(text: str, lang: str, known: list[NameMention]) -> list[NameMention]:
    """Unknown organisations from naming patterns (…集团/…有限公司/…商会/…协会/…研究院/…银行;
    "… Co., Ltd.", "… Group", "… Holdings", "… Chamber of Commerce", "… Association",
    "… Corporation"/"Corp."), for a person to confirm.

    Conservative (precision over recall): a Chinese name starts after the punctuation, verb or
    preposition before it (走访了/与/和/、/，/在/由); generic phrases (该公司, 两省企业,
    "the company") are not names; a proposal inside or overlapping a known organisation is
    dropped, while one that merely contains a known region (深圳市黑龙江商会) is kept."""
    lang = (lang or "").lower()
    proposals: list[tuple[int, int]] = []
    if not lang.startswith("en"):
        proposals.extend(_zh_proposals(text))
    if not lang.startswith("zh"):
        proposals.extend(_en_proposals(text))
    nearby = _Nearby(known)
    found = []
    for start, end in _outermost(proposals):
        around = nearby.overlapping(start, end)
        if any(m.kind != REGION or _overlaps_partly(m, start, end) for m in around):
            continue
        found.append(NameMention(start, end, text[start:end], None, PROPOSED))
    return found


class _Nearby:
    """Known mentions looked up by position (an article names regions many times)."""

    def __init__(self, mentions: list[NameMention]):
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.longest = max((m.end - m.start for m in self.mentions), default=0)

    def overlapping(self, start: int, end: int) -> list[NameMention]:
        low = bisect.bisect_left(self.starts, start - self.longest)
        high = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[low:high] if m.start < end and start < m.end]


def _overlaps_partly(mention: NameMention, start: int, end: int) -> bool:
    overlaps = mention.start < end and start < mention.end
    inside = start <= mention.start and mention.end <= end
    return overlaps and not inside


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in reading order, without those inside a longer one (中国银行 inside
    中国银行股份有限公司)."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            if end > kept[-1][1] and start == kept[-1][0]:
                kept[-1] = (start, end)
            continue
        kept.append((start, end))
    return kept


def _zh_proposals(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _ZH_SUFFIX.finditer(text):
        start = _zh_name_start(text, match.start())
        stem = text[start : match.start()]
        if _is_zh_name(stem):
            spans.append((start, match.end()))
    return spans


def _zh_name_start(text: str, suffix_start: int) -> int:
    """Where a Chinese name ending at the suffix begins: after the last boundary word or
    punctuation in the few characters before it."""
    window_start = max(0, suffix_start - _ZH_NAME_WINDOW)
    start = window_start
    for boundary in _ZH_LEFT_BOUNDARY.finditer(text, window_start, suffix_start):
        start = boundary.end()
    return start


def _is_zh_name(stem: str) -> bool:
    """The part before the suffix names something: long enough and not a generic phrase."""
    if len(stem) < _ZH_SHORTEST_STEM or stem in _ZH_GENERIC:
        return False
    return not _ZH_GENERIC_START.match(stem)


def _en_proposals(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _EN_SUFFIX.finditer(text):
        start = _en_name_start(text, match.start())
        if start is not None:
            spans.append((start, match.end()))
    return spans


def _en_name_start(text: str, suffix_start: int) -> int | None:
    """Where an English name ending at the suffix begins: the run of capitalised words before
    it, joined by of/and/&/for, stopping at punctuation, a lower-case word or a post
    ("Chairman of …"). None when there is no such word ("the Group")."""
    window_start = text.rfind(" ", 0, max(0, suffix_start - 120)) + 1
    tokens = list(_EN_TOKEN.finditer(text, window_start, suffix_start))
    words: list[re.Match] = []
    pending_connector = False
    for token in reversed(tokens):
        word = token.group()
        if word in _EN_CONNECTORS:
            if not words or pending_connector:
                break
            pending_connector = True
            continue
        if word in _EN_STOP or not _EN_NAME_TOKEN.fullmatch(word) or word.endswith("."):
            break
        words.append(token)
        pending_connector = False
    while words and words[-1].group().isdecimal():  # "top 500 SEG Group" starts at SEG
        words.pop()
    return words[-1].start() if words else None
