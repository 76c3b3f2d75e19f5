"""Events reported in press articles (conferences, signings, promotions, visits, delegations,
forums, talks), proposed for a person to confirm, with their days, place and hosts.

An event is a clause (a sentence, or the part of one between semicolons) with an event word and
a verb of holding (推介会…在珠海举办, "the … Conference was held in Shenzhen"), or a visit
(赴广东开展上门招商, 走访了…, "went south to Guangdong for investigation", "visited …"), or talks
(与…座谈, "held talks with …"). Its days come from ``dates``: the day named nearest before it in
the clause, else in the sentence; a day of the month alone (19日上午) or a weekday ("on Tuesday",
from the dateline) is read against the days around it; a sentence that goes on from an earlier
one (会上, 当天下午, 次日, "On the same day", "A day earlier", "In the afternoon") takes the last
day reported, moved as it says.

No library finds events in Chinese and English government news: the sentence splitting,
triggers, titles, kinds, days, places and hosts below are rule work, written by hand.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from counterpart.core.formatting import MONTHS_EN

from .dates import DateMention, find_dates

__all__ = ["EVENT_KINDS", "EventMention", "find_events"]

CONFERENCE = "conference"
SIGNING = "signing"
PROMOTION = "promotion"
VISIT = "visit"
DELEGATION = "delegation"
FORUM = "forum"
TALKS = "talks"
OTHER = "other"
EVENT_KINDS = (CONFERENCE, SIGNING, PROMOTION, VISIT, DELEGATION, FORUM, TALKS, OTHER)


@dataclass(frozen=True)
class EventMention:
    start: int
    end: int
    quote: str  # the sentence or clause that reports the event, == text[start:end]
    title: str  # the event's name as written, without surrounding quotes
    title_start: int
    title_end: int
    kind: str  # one of EVENT_KINDS
    first: datetime.date | None
    last: datetime.date | None
    part_of_day: str  # "morning" | "afternoon" | "evening" | ""
    place: str  # where it was held, as written; "" if the article does not say
    hosts: tuple[str, ...]


# ---------------------------------------------------------------------------- vocabulary

# Event words by kind; matched longest first, so that 推介大会 wins over 大会. The kinds are the
# product's (EventKind): 座谈会 and matchmaking are forums ("论坛或座谈会"), fairs and expos,
# which no kind names, are other.
_ZH_EVENT_WORDS = {
    "签约仪式": SIGNING,
    "签约活动": SIGNING,
    "签约大会": SIGNING,
    "签约会": SIGNING,
    "推介大会": PROMOTION,
    "推介活动": PROMOTION,
    "推介会": PROMOTION,
    "招商大会": PROMOTION,
    "招商活动": PROMOTION,
    "展销活动": PROMOTION,
    "招商会": PROMOTION,
    "说明会": PROMOTION,
    "座谈会": FORUM,
    "研讨会": FORUM,
    "交流会": FORUM,
    "恳谈会": FORUM,
    "对接会": FORUM,
    "论坛": FORUM,
    "峰会": FORUM,
    "会谈": TALKS,
    "博览会": OTHER,
    "洽谈会": TALKS,
    "交易会": OTHER,
    "展览会": OTHER,
    "展销会": OTHER,
    "推进会": CONFERENCE,
    "年会": CONFERENCE,
    "大会": CONFERENCE,
    "开幕式": OTHER,
    "启动仪式": OTHER,
    # more ways official news names events: 路演, 见面会, 品鉴会, 联席会议, and the short names
    # of fairs (投洽会, 哈洽会, 进博会, 广交会, 服贸会).
    "路演活动": PROMOTION,
    "路演": PROMOTION,
    "推广活动": PROMOTION,
    "宣介会": PROMOTION,
    "推荐会": PROMOTION,
    "品鉴会": PROMOTION,
    "展示会": PROMOTION,
    "旅游周": PROMOTION,
    "活动周": PROMOTION,
    "宣传周": PROMOTION,
    "对接活动": FORUM,
    "交流活动": FORUM,
    "见面会": FORUM,
    "沙龙": FORUM,
    "圆桌会": FORUM,
    "联席会议": CONFERENCE,
    "工作会议": CONFERENCE,
    "现场会": CONFERENCE,
    "观摩会": CONFERENCE,
    "展会": OTHER,
    "洽会": OTHER,
    "博会": OTHER,
    "交会": OTHER,
    "贸会": OTHER,
    "发布会": OTHER,
    "文化节": OTHER,
    "旅游节": OTHER,
}
_EN_EVENT_WORDS = {
    "signing ceremony": SIGNING,
    "investment promotion conference": PROMOTION,
    "investment promotion meeting": PROMOTION,
    "promotion conference": PROMOTION,
    "promotion meeting": PROMOTION,
    "promotion event": PROMOTION,
    "tourism week": PROMOTION,
    "roadshow": PROMOTION,
    "symposium": FORUM,
    "seminar": FORUM,
    "summit": FORUM,
    "forum": FORUM,
    "roundtable": FORUM,
    "exchange meeting": FORUM,
    "matchmaking meeting": FORUM,
    "matchmaking session": FORUM,
    "talks": TALKS,
    "conference": CONFERENCE,
    "exposition": OTHER,
    "expo": OTHER,
    "trade fair": OTHER,
    "fair": OTHER,  # only capitalised (the … Commodities Fair), never "fair" the adjective
    "opening ceremony": OTHER,
    # more ways English reports name events
    "signing event": SIGNING,
    "promotion week": PROMOTION,
    "promotion fair": PROMOTION,
    "promotional event": PROMOTION,
    "promotion session": PROMOTION,
    "promotion activity": PROMOTION,
    "road show": PROMOTION,
    "investment briefing": PROMOTION,
    "matchmaking event": FORUM,
    "matchmaking conference": FORUM,
    "matchmaking fair": FORUM,
    "docking meeting": FORUM,
    "docking session": FORUM,
    "docking event": FORUM,
    "exchange event": FORUM,
    "exchange session": FORUM,
    "dialogue": FORUM,
    "workshop": FORUM,
    "salon": FORUM,
    "meeting": CONFERENCE,
    "exhibition": OTHER,
    "trade show": OTHER,
    "festival": OTHER,
    "launch ceremony": OTHER,
    "launching ceremony": OTHER,
    "video conference": CONFERENCE,
    "work meeting": CONFERENCE,
    "study tour": DELEGATION,
    "inspection tour": DELEGATION,
    "fact-finding trip": DELEGATION,
    "investment tour": DELEGATION,
    "business tour": DELEGATION,
    "investment trip": DELEGATION,
    "inspection trip": DELEGATION,
    "study trip": DELEGATION,
    "day trip": DELEGATION,
    "fact-finding tour": DELEGATION,
    "unveiling ceremony": OTHER,
    # a week of events under one name: "Guangzhou investment week", "Cooperation Week"
    "investment week": PROMOTION,
    "cooperation week": OTHER,
    "trade week": OTHER,
}
_EN_CAPITALISED_ONLY = frozenset({"fair", "fairs"})


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Whole-text scans begin with a literal (no \b, no lookbehind), which Python's re finds fast;
# word boundaries are checked afterwards (_whole_words).
_ZH_EVENT = re.compile(_alternation(_ZH_EVENT_WORDS))
# The whole-text scan looks for the last word of each event word only (forum, ceremony …), a
# short alternation that is fast, and then for the longest event word ending there.
_EN_BY_HEAD: dict[str, list[str]] = {}
for _word in sorted(_EN_EVENT_WORDS, key=len, reverse=True):
    _EN_BY_HEAD.setdefault(_word.rsplit(" ", 1)[-1], []).append(_word)
_EN_EVENT_SCAN = re.compile(rf"(?:{_alternation(_EN_BY_HEAD)})s?")  # on the lower-cased text
_EN_EVENT = re.compile(rf"\b(?:{_alternation(_EN_EVENT_WORDS)})s?\b", re.IGNORECASE)

_ZH_HOLDING = re.compile(
    r"举行|举办|召开|开幕(?!式|首日)|启幕|拉开帷幕|落下帷幕|闭幕(?!式)|走进|定在|亮相|出席"
    r"|参加|参与|参展|启动(?!仪式)|揭幕|开班|刚刚结束的|刚结束的"
)
# Active and passive voice: "Hohhot hosted a trade fair", "the expo was staged", "200 firms
# attended the matchmaking meeting", "took part in a roundtable".
_EN_HOLDING = re.compile(  # held|hosted|co-hosted|organised|attended|took place|took part in…
    r"held|hosted|opened|staged|attended|launched|convened|concluded|commenced"
    r"|co-(?:hosted|organi[sz]ed)|organi[sz]ed|kicked off|wrapped up|got under ?way"
    r"|took (?:place|part in)|participated in|w(?:as|ere) (?:launched|inaugurated)"
    r"|drew|attracted|brought together|gathered"
    # what ran its days or closed: "The … Expo, which ran from Aug 29 to Sept 2", "closed the
    # … Expo on Wednesday", "wound up"
    r"|ran from|ran through|ran until|closed|wound up|came to a close"
    # what it brought about: "the … Conference saw 19 projects signed", "yielded 22 deals"
    r"|saw|yielded|netted|produced"
    # scheduled: "will hold a promotion week in Kaifeng in December", "is scheduled for June"
    r"|will hold|will host|will stage|(?:is|are) scheduled for|(?:is|are) slated for"
)
_EN_LAST_EDITION = re.compile(r"\b(?:last|previous)\s+year['’]s\s+", re.IGNORECASE)
# "At a roundtable in Hangzhou on March 12, …", "At the 2024 China-Russia Expo, …": the event
# after it is reported when the clause names its day.
# "The biggest event was the Liaoning-Jiangsu … Meeting in Nanjing on September 12": the same.
_EN_AT = re.compile(r"\b(?:[Aa]t|was|were)\s+(?P<article>an?|the)\s+")
# "held 14 promotion events, including the X Conference in June": one of the events summed
# up, reported by name (and day) after them.
_EN_INCLUDING = re.compile(r"\b(?:including|such\s+as|notably)\s+(?P<article>an?|the)\s+")
# Events already held, referred to in the same clause: "held after the conference" (its day).
_EN_AFTER_EVENT = re.compile(
    r"\b(?:after|following|on\s+the\s+sidelines\s+of)\s+the\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<word>conference|meeting|forum|ceremony|expo|fair|symposium)\b"
)
_ZH_AFTER_EVENT = re.compile(r"(?P<word>会|会议|活动)(?:结束)?后")
# Plans are not events: 计划于10月在深圳举办推介会, "plans to host".
_ZH_PLAN = re.compile(r"计划|拟(?:于|在|举办|召开|举行)|打算|准备|筹备|谋划|争取|力争")
_EN_PLAN = re.compile(
    r"\b(?:plans?|planned|intends?|intended|hopes?|expected|set|scheduled|aims?)\s+to\b"
    r"|\bwill\b|\bwould\b|\bupcoming\b"
)
# "is held at a special time" describes an event already reported; it is not a report.
_EN_NOT_A_REPORT = re.compile(r"\b(?:is|are)\s+$")
# An event word followed by 上/期间 (推介会上, 大会期间) refers to an event, it does not report one;
# so does "at the conference". A count (座谈会3场, 21 events) sums events up.
_ZH_REFERENCE_AFTER = re.compile(r"上(?![海午])|期间|后|前|结束|现场|间隙")
# … unless the clause reports it there: 在5月8日召开的哈深合作座谈会上，….
# (刚刚结束的9月16日“…”签约会上: one just held is reported too)
_ZH_HELD_BEFORE = re.compile(r"(?:举行|举办|召开|开幕|结束|闭幕)的[^，。；,;！？]{0,36}$")
_EN_REFERENCE_BEFORE = re.compile(
    r"\b(?:at|after|during|before|following|since)\s+the\s+$", re.IGNORECASE
)
_ZH_COUNT_AFTER = re.compile(r"\s*[\d一二三四五六七八九十两百]+余?[场次]")
_ZH_COUNT_BEFORE = re.compile(r"[\d一二三四五六七八九十两几多]+余?[场次]|各类|系列")
_EN_COUNT_BEFORE = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+$"
)

# Every visit or talks pattern below holds one of these words.
_ZH_VISIT_TRIGGER = re.compile(
    r"赴|前往|南下|北上|走进|上门|敲门|登门|考察|调研|走访|拜访|座谈|会谈|洽谈|到访|来访|会见|会晤"
    r"|到(?=[^，。；,;]{2,24}?(?:考察|调研|招商|走访))"
)
_EN_VISIT_TRIGGER = re.compile(
    r"visit|investigat|inspect|study|research|investment|door|arrived|trip|tour|talks|met\b"
    r"|discussions|meetings?\s+with"
)
_ZH_HOSTS_TRIGGER = re.compile(r"主办")
_EN_HOSTS_TRIGGER = re.compile(r"hosted by|organi[sz]ed by|sponsored by")

# ---------------------------------------------------------------------------- visits and talks

_ZH_VISIT_NOUN = r"考察|调研|招商|走访|拜访"
_ZH_NOT_IN_PLACE = r"开展|进行|考察|调研|招商|走访|拜访|参观|对接|洽谈|学习|举办|举行|召开|与"
_ZH_TRAVEL = re.compile(
    rf"(?P<verb>赴|前往|南下|北上|走进|来(?!自|说|看|源|到)"
    r"|到(?!访|位|达|账|期|底|了|会|场|今|目前|[\d一二三四五六七八九十]))"
    rf"(?P<place>(?:(?!{_ZH_NOT_IN_PLACE})[^，。；,;：:！？!?\s“”\"]){{1,24}})"
)
_ZH_VISIT_AFTER = re.compile(
    rf"[^，。；,;]{{0,16}}?(?:{_ZH_VISIT_NOUN})(?:(?:{_ZH_VISIT_NOUN}|对接|洽谈|交流)+)?(?:活动)?"
)
_ZH_STAYING = re.compile(r"在(?P<place>[^，。；,;、\s]{2,12}?)(?:考察|调研)(?:调研|考察|对接)?")
_ZH_VISIT_STRONG = re.compile(r"(?:上门招商|敲门招商|上门走访|登门拜访)(?:活动)?")
_ZH_VISIT_OBJECT = re.compile(
    r"(?:考察)?(?:走访了?|考察了|实地考察了)(?P<object>[^，。；,;]{2,40})"
)
_ZH_TALKS = re.compile(
    r"(?:与|同)(?P<with>[^，。；,;]{2,30}?)(?:举行|进行|开展)?了?(?:工作|视频|深入)?"
    r"(?:座谈|会谈|洽谈|会晤|会面|交流座谈|对接交流)(?!会)(?:交流)?"
    r"|会见了?(?P<met>[^，。；,;]{2,30})|在(?P<at>[^，。；,;]{2,12}?)会见"
)
# 深圳市代表团一行到访哈尔滨: a visit to a region.
_ZH_CALLED_ON = re.compile(r"(?:到访|来访)(?P<place>[^，。；,;、\s]{2,12})")
# An invitation or a plan is not a visit that took place (邀请商协会赴我省考察).
_ZH_NOT_DONE = re.compile(r"邀请|欢迎|希望|计划|准备|打算|拟|将|诚邀")
_ZH_DELEGATION = re.compile(r"代表团|考察团")
_ZH_GROUP = re.compile(
    r"代表团|考察团|考察组|调研组|考察调研组|工作组|专班|一行|带队|率队|率团|领队"
)
# Where a visit goes to a site, not to a region: 肇庆高新区, 湛江国家农业科技园区, 企业.
_ZH_SITE = re.compile(r"园|高新区|开发区|新区|企业|公司|集团|基地|中心|基因库|港|口岸|工厂|车间")

_EN_WORD = r"(?:[A-Z][\w'’\-]*|\([A-Z][\w'’\-]*\))"
_EN_PLACE = rf"(?:the\s+)?{_EN_WORD}(?:\s+{_EN_WORD})*(?:\s+and\s+{_EN_WORD}(?:\s+{_EN_WORD})*)*"
_EN_TRAVEL = re.compile(
    rf"\b(?:went|travell?ed|came|headed)\s+(?:(?:south|north|east|west|on)\s+)?to\s+"
    rf"(?P<place>{_EN_PLACE})\s+(?:for|to)\s+[^,.;]{{0,30}}?"
    r"(?:investigation|inspection|visit|study|research|investment|talks|exchanges"
    r"|door[- ]to[- ]door"
    r"|door[- ]knocking)[^,.;]*"
    rf"|\b(?:(?:paid|made)\s+an?\s+(?:[\w-]+\s+){{0,2}}visits?\s+to"
    rf"|(?:[Oo]n|[Dd]uring|for|[Aa]fter)\s+(?:an?|his|her|their|its)\s+(?:[\w-]+\s+){{0,3}}"
    rf"(?:visit|trip|tour|mission)\s+to"
    rf"|(?:led|headed)\s+an?\s+(?:[\w-]+\s+){{0,4}}(?:delegation|team|group|mission)\s+to"
    rf"|arrived\s+in|went\s+on\s+an?\s+(?:[\w-]+\s+){{0,3}}(?:visit|trip|tour)\s+to)"
    rf"\s+(?P<place2>{_EN_PLACE})"
)
_EN_VISITED = re.compile(
    r"(?<!\bwas\s)(?<!\bwere\s)\b(?P<verb>visited|toured|inspected|called\s+on"
    r"|will\s+(?:visit|tour|inspect))\s+"
    r"(?P<object>[^,;.]{2,80}?)"
    r"(?=\s+(?:and|to)\s+(?:held|signed|met|discuss|learn|explore)|\s+(?:on|from|between|during)\s"
    # "visited six companies in the district to hear their concerns about …": the purpose
    r"|\s+(?:in\s+order\s+)?to\s+(?!the\b|an?\b)[a-z]+\b"
    r"|[,;.]|$)"
)
_EN_DOOR_KNOCKING = re.compile(r"\bdoor[- ](?:knocking|to[- ]door)\b[^,;.]{0,40}")
# "held talks with …", "met with …", "met Shenzhen entrepreneurs", "held in-depth discussions
# with …", "held talks in Harbin" (the two sides).
_EN_TALKS = re.compile(
    r"\b(?:held|had|conducted)\s+(?:[\w-]+\s+){0,2}?(?:talks|discussions|meetings?|consultations)"
    r"(?:\s+with\s+[^,;.]{2,120}?)?(?=\s+(?:in|at|on|from|during|to|and)\s|[,;.]|$)"
    r"|(?<!\bwas\s)(?<!\bwere\s)(?<!\bbe\s)\bmet\s+(?:with\s+(?=\S)|(?=[A-Z]|(?:a|the)\s+"
    r"(?:delegation|group|team)|(?:representatives|officials|leaders|executives|entrepreneurs)\b))"
    r"[^,;.]{2,120}?(?=\s+(?:in|at|on|from|during|to|and)\s|[,;.]|$)"
)
_EN_WENT_TO = re.compile(rf"\bwent\s+(?:on\s+)?to\s+(?P<place>{_EN_PLACE})")
_EN_NOT_DONE = re.compile(r"\b(?:invited|invite|will|plans?|planned|to be|would)\b")
_EN_DELEGATION = re.compile(r"\bdelegations?\b", re.IGNORECASE)
_EN_GROUP = re.compile(
    r"\b(?:delegations?|working group|group|team|led by|headed by)\b", re.IGNORECASE
)
_EN_SITE = re.compile(
    r"\b(?:Park|Zone|Area|enterprises?|compan(?:y|ies)|Group|Base|Cent(?:er|re)|Port|port"
    r"|Oilfield|factor(?:y|ies)|plants?)\b"
)

# ---------------------------------------------------------------------------- places and hosts

_ZH_ADVERBS = r"(?:隆重|成功|盛大|正式|顺利|密集|集中|分别|先后|同时|共|陆续|相继|还)?"
_ZH_HELD_AT = re.compile(
    rf"(?:在|于)(?P<place>[^，。；,;、\s“”\"]{{2,20}}?){_ZH_ADVERBS}"
    r"(?:举行|举办|召开|开幕|启幕|拉开帷幕|闭幕)"
)
_ZH_PLACE_AFTER = re.compile(r"(?:走进|定在|南下|北上)(?P<place>[^，。；,;：:！？!?\s]{2,16})")
# A venue is not a city: 深圳会展中心 → 深圳, 广州琶洲展馆 → 广州. Online is no place.
_ZH_VENUE = re.compile(
    r"(?:国际)?(?:会展|会议|博览|展览)中心|琶洲|展馆|宾馆|酒店|饭店|大厦|会堂|礼堂|剧院|体育馆"
    r"|广场|中心|福田区|天河区"
)
_ZH_NOT_PLACE = re.compile(
    r"(?:线上|网上|云端|现场|当地|两地|此|这里|[\d一二三四五六七八九十]+[月日])"
)
_EN_HELD_IN = re.compile(
    r"\b(?:held|took place|opened|kicked off|convened|launched|staged|hosted|organi[sz]ed"
    rf"|concluded|wrapped up|got under ?way)\s+(?:in|at)\s+"
    rf"(?P<place>{_EN_PLACE})"
)
_EN_IN_PLACE = re.compile(rf"\s+in\s+(?P<place>{_EN_PLACE})")
# "Hohhot hosted a trade fair …", "On May 8, Qiqihar City hosted …": a city as the subject.
_EN_HOST_CITY = re.compile(
    r"(?:(?:On|In|Last|This)\s+[\w ]{2,30},\s+)?"
    r"(?P<place>[A-Z][a-z]+(?:\s+(?:City|Province|District|County|New\s+Area))?)"
    r"\s+(?:hosted|played\s+host\s+to)\b"
)
_EN_VENUE = re.compile(
    r"\s+(?:International|Convention|Exhibition|Conference|Expo|Center|Centre|Hotel|Hall|Square"
    r"|Stadium|Theatre|Theater|Complex|Pavilion|Plaza|Building|Auditorium|Venue)\b.*"
)

_ZH_HOSTS = re.compile(r"由(?P<hosts>[^，。；,;！？!?：:]{2,80}?)(?:联合|共同)?主办")
_ZH_HOST_SPLIT = re.compile(r"以及|[、和与及]")
_EN_HOSTS = re.compile(
    r"\b(?:co-hosted|jointly\s+hosted|hosted|co-organi[sz]ed|organi[sz]ed|sponsored)\s+by\s+"
    r"(?P<hosts>[^.;]+)"
)
_EN_NAME_WORD = re.compile(r"[A-Z][\w'’\-]*")
_EN_NAME_JOINERS = frozenset({"of", "and", "for", "&"})

# ---------------------------------------------------------------------------- sentences and days

_ZH_SENTENCE = re.compile(r"[^。！？!?…\n]+(?:[。！？!?…]+[\"”’」』)]*)?")
_EN_SENTENCE_STOP = re.compile(r"[.!?\n]")
_CLOSING_MARKS = '。！？!?…."”’」』)'
_END_MARKS = "。！？!?….;；"
# A full stop after these is not the end of a sentence ("Co., Ltd. Zhilie").
_EN_ABBREVIATIONS = frozenset(
    [
        "co",
        "ltd",
        "corp",
        "inc",
        "mr",
        "ms",
        "mrs",
        "dr",
        "no",
        "st",
        "jr",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "e.g",
        "i.e",
        "vs",
    ]
)
_CLAUSE_END = re.compile(r"[；;]")
_HEADING_LONGEST = {True: 60, False: 160}

# A sentence that goes on from earlier ones takes the last day reported: the same (会上, 当天,
# "On the same day"), the next (次日, "The next day") or the one before (前一天, "A day earlier").
_ZH_RELATIVE = re.compile(
    r"(?:其中[，,])?(?:(?P<refers>[^，,。；;]{0,8}?)"
    r"(?:(?P<same>当天|当日|同日|同一天|同天|会上|会后|其间|活动期间|此行期间|期间|此间|先后|随后)"
    r"|(?P<next>次日|第二天|翌日)|(?P<before>前一天|前一日)))?"
    r"(?P<pod>上午|下午|晚上|晚间)?"
)
_EN_RELATIVE = re.compile(
    r"(?:(?P<same>(?:on\s+)?(?:the\s+)?(?:(?P<pod>morning|afternoon|evening)\s+of\s+)?"
    r"(?:the\s+)?same\s+day|(?:(?:earlier|later)\s+)?(?:on\s+)?that\s+day|at\s+the\s+(?:meeting|event|conference|ceremony"
    r"|forum|symposium)|during\s+the\s+(?:visit|trip|event|meeting|conference|fair|expo|week)"
    r"|afterwards|later"
    # "… signed 21 agreements on Wednesday. The deals were inked at the … Conference"
    r"|(?:the|these)\s+(?:deals|agreements|contracts|projects)\s+were\s+"
    r"(?:signed|inked|sealed|clinched)(?=\s+(?:at|during)\s))"
    r"|(?P<next>(?:on\s+)?the\s+(?:next|following)\s+day|the\s+day\s+after|(?:a|one)\s+day\s+later)"
    r"|(?P<before>(?:a|one)\s+day\s+earlier|the\s+day\s+before|the\s+previous\s+day"
    # "A day before the forum, …": the day before the forum reported
    r"|(?:a|one)\s+day\s+before\s+the\s+(?P<refers>[a-z-]+(?:\s+[a-z-]+){0,2}?)(?=\s*,))"
    r"|in\s+the\s+(?P<pod2>morning|afternoon|evening))\b",
    re.IGNORECASE,
)
_PARTS_OF_DAY = {
    "上午": "morning",
    "下午": "afternoon",
    "晚上": "evening",
    "晚间": "evening",
    "morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
}
_ZH_DAY_ONLY = re.compile(
    r"(?<![\d月〇一二三四五六七八九十])(?P<day>\d{1,2})日(?P<pod>上午|下午|晚上|晚间)?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_WEEKDAY = re.compile(
    r"(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
    r"(?:\s+(?P<pod>morning|afternoon|evening))?\b"
)
# "HANGZHOU, July 7 -- …": the day of the dispatch, not of an event; weekdays are counted from it.
_EN_DATELINE = re.compile(r"(?m)^[A-Z][A-Z .'’-]{1,40},\s+")
_DATELINE_DASH = re.compile(r"\s*(?:\([A-Za-z .]{2,30}\)\s*)?(?:--|—|–)")  # (Xinhua) --
# "opened here": in the dateline's city.
_EN_HERE = re.compile(
    r"\b(?:held|took place|opened|kicked off|convened|launched|staged|hosted|concluded)\s+here\b"
)

# ---------------------------------------------------------------------------- titles

_ZH_TITLE_CLOSERS = {"”": "“", "」": "「", "』": "『", "》": "《", ")": "(", "）": "（", '"': '"'}
_ZH_TITLE_STOPS = frozenset("，,。；;：:、！？!?\n\t 　")
# Words before an event's name that are not part of it (…为主题的2023年…推介会, 召开了座谈会),
# by length: a name begins after them.
_ZH_TITLE_STOP_1 = frozenset("的在于将了由是")
_ZH_TITLE_STOP_2 = frozenset(
    {"出席", "参加", "举行", "举办", "召开", "组织", "开展", "亮相", "参与", "主办", "承办", "——"}
)
_LEADING_TIME_ZH = re.compile(
    r"(?:当天|当日|日前|近日|今天|昨天|此前|同日|上午|下午|晚上|会上)*[,，\s]*"
)
_ZH_JOINS = frozenset("和与及、")  # 甲推介会和乙推介会: two events; 甲大会暨签约仪式: one
_TITLE_LONGEST = 60
_EN_TITLE_STOP_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "at",
        "in",
        "on",
        "to",
        "by",
        "from",
        "with",
        "into",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "held",
        "hosted",
        "attended",
        "organised",
        "organized",
        "jointly",
        "successfully",
        "also",
        "during",
        "after",
        "before",
        "which",
        "who",
        "where",
        "when",
        "as",
        "while",
        "then",
        "both",
        "such",
        "than",
        "said",
        "separately",
    ]
)
_EN_TITLE_TOKEN = re.compile(r"[\w'’\-]+|\([\w'’\-]+\)")
_EN_OF_NAME = re.compile(
    r"\s+(?:of|on|for|from|(?<=trip\s)to|(?<=tour\s)to)\s+(?:the\s+(?=[A-Z]))?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)"
    r"[A-Z][\w'’\-]*(?:\s+(?:(?:and|&)\s+)?[A-Z][\w'’\-]*)*"
    r"(?:\s+(?:products|enterprises|companies|businesses|firms|investors|entrepreneurs"
    r"|industries|cooperation))?"
    rf"|\s+of\s+the\s+(?:[\w-]+\s+){{0,3}}?(?:{_alternation(_EN_EVENT_WORDS)})\b"
    # "a roundtable with 12 logistics firms", "a symposium with members of the … Chamber"
    r"|(?:(?<=roundtable)|(?<=symposium)|(?<=dialogue))\s+with\s+[^,.;]{2,80}?"
    r"(?=\s+(?:on|in|at|to|about|during|and|after|before)\s|[,.;]|$)"
)
_EN_JOINED = re.compile(r"(?:\band|\bas well as)\s+(?:the\s+)?$")
_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("《", "》"), ("「", "」"))


@dataclass(frozen=True)
class _Day:
    first: datetime.date
    last: datetime.date
    part_of_day: str = ""

    @classmethod
    def of(cls, mention: DateMention) -> _Day:
        return cls(mention.first, mention.last, mention.part_of_day)

    def moved(self, days: int, part_of_day: str | None) -> _Day:
        """The day before or after (one day), or the same days at another part of the day."""
        if days:
            day = (self.last if days > 0 else self.first) + datetime.timedelta(days=days)
            return _Day(day, day, part_of_day or "")
        return _Day(self.first, self.last, self.part_of_day if part_of_day is None else part_of_day)


@dataclass
class _Found:
    """An event found in one clause, before its day is chosen and duplicates are merged."""

    start: int  # the clause
    end: int
    title_start: int
    title_end: int
    kind: str
    place: str
    hosts: tuple[str, ...]
    titled: bool  # named by an event word; otherwise a visit or talks
    anchor: int  # where the report begins, to choose the day named nearest before it
    has_group: bool = False  # a delegation or working group does it (代表团走访了…)
    delegation: tuple[int, int] | None = None  # the delegation's name, when the visit may be one
    to_region: bool = False  # a visit to a region (赴东莞), not to a site (走访了企业)
    heading: bool = False
    day: _Day | None = field(default=None)
    inherited: bool = False  # the day is the last one reported, not named for this event
    own_day: bool = False  # kept only with a day named in its own sentence (举行会谈)
    vague: bool = False  # … and only as "during the visit" (期间, 先后)
    takes_last_day: bool = False  # named where the deals of the day reported were signed


# ---------------------------------------------------------------------------- whole-text scans


@dataclass
class _Hits:
    """The matches of one pattern over the whole text, looked up clause by clause."""

    spans: list[tuple[int, int]]
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = [start for start, _ in self.spans]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        return [span for span in self.spans[low:high] if span[1] <= end]

    def any(self, start: int, end: int) -> bool:
        low = bisect.bisect_left(self.starts, start)
        return low < len(self.starts) and self.starts[low] < end


@dataclass
class _Scan:
    """What clauses are searched for, found once in the whole text."""

    text: str
    is_zh: bool
    words: _Hits  # event words that may report an event (not 推介会上, not "at the conference")
    verbs: _Hits  # verbs of holding
    visits: _Hits  # words that may begin a visit or talks
    hosts: _Hits  # 主办 / "hosted by"


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _whole_words(text: str, matches: Iterator[re.Match]) -> list[tuple[int, int]]:
    """Spans of the matches that are whole words (not "opened" in "reopened")."""
    spans = []
    for match in matches:
        start, end = match.span()
        if start > 0 and _is_word_char(text[start - 1]):
            continue
        if end < len(text) and _is_word_char(text[end]):
            continue
        spans.append((start, end))
    return spans


def _scan(text: str, is_zh: bool) -> _Scan:
    if is_zh:
        words = [
            m.span()
            for m in _ZH_EVENT.finditer(text)
            if not _ZH_REFERENCE_AFTER.match(text, m.end())
            or _ZH_HELD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        ]
        return _Scan(
            text,
            is_zh,
            words=_Hits(words),
            verbs=_Hits([m.span() for m in _ZH_HOLDING.finditer(text)]),
            visits=_Hits([m.span() for m in _ZH_VISIT_TRIGGER.finditer(text)]),
            hosts=_Hits([m.span() for m in _ZH_HOSTS_TRIGGER.finditer(text)]),
        )
    lowered = text.lower() if len(text.lower()) == len(text) else text
    words = [
        (start, end)
        for start, end in _en_event_words(
            lowered, _whole_words(text, _EN_EVENT_SCAN.finditer(lowered))
        )
        if not _EN_REFERENCE_BEFORE.search(text, max(0, start - 16), start)
        and (lowered[start:end] not in _EN_CAPITALISED_ONLY or text[start].isupper())
    ]
    verbs = [
        span
        for span in _whole_words(text, _EN_HOLDING.finditer(text))
        if not _EN_NOT_A_REPORT.search(text, max(0, span[0] - 6), span[0])
    ]
    return _Scan(
        text,
        is_zh,
        words=_Hits(words),
        verbs=_Hits(verbs),
        visits=_Hits([m.span() for m in _EN_VISIT_TRIGGER.finditer(text)]),
        hosts=_Hits([m.span() for m in _EN_HOSTS_TRIGGER.finditer(text)]),
    )


def _en_event_words(lowered: str, heads: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest event word ending at each head word found ("investment promotion
    conference" at "conference")."""
    spans = []
    for start, end in heads:
        head_end = end if lowered[start:end] in _EN_BY_HEAD else end - 1  # forums → forum
        for word in _EN_BY_HEAD.get(lowered[start:head_end], ()):
            word_start = head_end - len(word)
            if (
                word_start >= 0
                and lowered.startswith(word, word_start)
                and (word_start == 0 or not _is_word_char(lowered[word_start - 1]))
            ):
                spans.append((word_start, end))
                break
    return spans


# ---------------------------------------------------------------------------- splitting


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentences(text: str, is_zh: bool) -> list[tuple[int, int]]:
    """Sentence spans, trimmed of spaces; a new line always ends a sentence. An English full
    stop ends one only before a capital, a digit or an opening mark, and not after Co./Ltd."""
    if is_zh:
        spans = (_trimmed(text, *m.span()) for m in _ZH_SENTENCE.finditer(text))
        return [(s, e) for s, e in spans if e > s]
    spans = []
    start = 0
    for stop in _EN_SENTENCE_STOP.finditer(text):
        if stop.start() < start:
            continue
        end = _sentence_end(text, stop.start())
        if end is not None:
            spans.append(_trimmed(text, start, end))
            start = end
    spans.append(_trimmed(text, start, len(text)))
    return [(s, e) for s, e in spans if e > s]


def _sentence_end(text: str, stop: int) -> int | None:
    """Where the sentence whose end mark is at ``stop`` ends (after closing quotes), or None
    when the mark does not end one (98.238, "Co., Ltd. Zhilie")."""
    end = stop + 1
    while end < len(text) and text[end] in _CLOSING_MARKS:
        end += 1
    if text[stop] == "\n":
        return end
    if end < len(text) and not text[end].isspace():
        return None
    following = end
    while following < len(text) and text[following] in " \t":
        following += 1
    if following < len(text) and text[following] != "\n":
        char = text[following]
        if not (char.isupper() or char.isdigit() or char in '“"‘('):
            return None
    if text[stop] == "." and _after_abbreviation(text, stop):
        return None
    return end


def _after_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"[\w.]+$", text[max(0, dot - 6) : dot])
    return bool(word) and word.group().lower() in _EN_ABBREVIATIONS


def _clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    if ";" not in text[start:end] and "；" not in text[start:end]:
        yield start, end
        return
    for match in _CLAUSE_END.finditer(text, start, end):
        span = _trimmed(text, start, match.end())
        if span[1] > span[0]:
            yield span
        start = match.end()
    span = _trimmed(text, start, end)
    if span[1] > span[0]:
        yield span


def _is_heading(text: str, start: int, end: int, is_zh: bool) -> bool:
    """A line of its own without a sentence's end mark (a headline or a caption)."""
    alone = (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")
    return alone and text[end - 1] not in _END_MARKS and end - start <= _HEADING_LONGEST[is_zh]


# ---------------------------------------------------------------------------- kinds


def _kind_of_words(words: str, is_zh: bool) -> str | None:
    """The kind of the last event word in a title or part of one, None if it has none."""
    pattern, kinds = (_ZH_EVENT, _ZH_EVENT_WORDS) if is_zh else (_EN_EVENT, _EN_EVENT_WORDS)
    found = None
    for match in pattern.finditer(words):
        found = match.group().lower()
    if found is None:
        return None
    return kinds.get(found) or kinds.get(found[:-1], OTHER)


def _joined_kind(parts: list[str], is_zh: bool) -> str:
    """The kind of a title that joins events (…大会暨项目签约仪式, "… Conference and Project
    Signing Ceremony"): the first part's, unless it is only a signing or an opening, or names no
    event (…文旅宣传推广暨招商推介会)."""
    kinds = [_kind_of_words(part, is_zh) for part in parts]
    named = [kind for kind in kinds if kind]
    if not named:
        return OTHER
    if kinds[0] and kinds[0] not in (SIGNING, OTHER):
        return kinds[0]
    specific = [kind for kind in named if kind not in (SIGNING, OTHER)]
    return specific[0] if specific else named[0]


def _title_kind(title: str, is_zh: bool) -> str:
    parts = title.split("暨") if is_zh else re.split(r"\s+and\s+(?:the\s+)?", title)
    return _joined_kind(parts, is_zh)


def _is_bare(title: str, is_zh: bool) -> bool:
    """A title that is only a short event word (推介会, "the conference", "talks") names no
    event: it refers to one reported elsewhere, or to events in general."""
    if is_zh:
        return title in _ZH_EVENT_WORDS and len(title) <= 3
    plain = title.lower().removeprefix("the ").strip()
    return " " not in plain and (plain in _EN_EVENT_WORDS or plain[:-1] in _EN_EVENT_WORDS)


# ---------------------------------------------------------------------------- titles


def _quoted(text: str, start: int, end: int, limit: int, end_limit: int) -> tuple[int, int] | None:
    """The inside of the quotation marks around text[start:end], if it is quoted."""
    for opener, closer in _QUOTE_PAIRS:
        left = text.rfind(opener, limit, start)
        if left < 0:
            continue
        if opener == closer and text.count(opener, limit, left) % 2:
            continue  # that " closes an earlier quotation
        right = text.find(closer, end, end_limit)
        between = text.find(closer, left + 1, start)
        if right >= 0 and between < 0:
            return left + 1, right
    return None


def _zh_title_start(text: str, head_start: int, limit: int) -> int:
    """Where the noun phrase ending in an event word begins: after punctuation, 的, or a verb
    before it; quoted and bracketed parts are passed over whole ("美在牡丹江")."""
    i = head_start
    while i > limit and head_start - i < _TITLE_LONGEST:
        char = text[i - 1]
        opener = _ZH_TITLE_CLOSERS.get(char)
        if opener is not None:
            j = text.rfind(opener, limit, i - 1)
            if j < 0:
                break
            i = j
            continue
        if char in _ZH_TITLE_STOPS or char in _ZH_TITLE_STOP_1:
            break
        if i - 2 >= limit and text[i - 2 : i] in _ZH_TITLE_STOP_2:
            break
        i -= 1
    return i


def _zh_title(
    text: str, head: tuple[int, int], limit: int, end_limit: int, dates: list[DateMention]
) -> tuple[int, int]:
    quoted = _quoted(text, head[0], head[1], limit, end_limit)
    if quoted is not None and quoted[1] == head[1]:  # 召开“龙粤合作恳谈会”
        return quoted
    start = _zh_title_start(text, head[0], limit)
    for mention in dates:  # 4月22日上午黑龙江…大会: the day is not part of the name
        if mention.start <= start < mention.end:
            start = mention.end
    start += len(_LEADING_TIME_ZH.match(text, start).group())
    return _unquoted(text, start, head[1])


def _zh_joined_end(text: str, title_end: int, following: list[tuple[int, int]]) -> int:
    """举办甲论坛、乙交流会等: the names joined to the first by 、/和/与/及 after it."""
    for word_start, word_end in following:
        joint = text[title_end:word_start]
        if not joint or joint[0] not in _ZH_JOINS or len(joint) > _TITLE_LONGEST // 2:
            break
        if any(char in _ZH_TITLE_STOPS for char in joint[1:]):
            break
        title_end = word_end
    return title_end


def _zh_title_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """甲推介会和乙推介会 are two events (each named): split after an event word followed by
    和/与/及/、; 暨 joins two events into one and is not split."""
    parts = []
    for word in _ZH_EVENT.finditer(text, start, end):
        if word.end() < end and text[word.end()] in _ZH_JOINS:
            parts.append(_unquoted(text, start, word.end()))
            start = word.end() + 1
    parts.append(_unquoted(text, start, end))
    return [part for part in parts if part[1] > part[0]]


def _unquoted(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without quotation marks that enclose all of it (“…” → …)."""
    for opener, closer in _QUOTE_PAIRS:
        if (
            end - start > 2
            and text[start] == opener
            and text[end - 1] == closer
            and text.find(closer, start + 1, end - 1) < 0
        ):
            return start + 1, end - 1
    return start, end


# "the Jilin-Zhejiang economic and trade fair": words joined by "and" inside a plain name.
_EN_PAIRED = frozenset(
    {"economic", "economy", "culture", "cultural", "science", "industry", "industrial", "trade",
     "investment", "business", "tourism", "technology", "talent", "education"}
)  # fmt: skip


_EN_LENGTH_WORD = re.compile(
    r"(?:(?:two|three|four|five|six|seven|eight|nine|ten|[2-9]|1[0-9])-day|(?:week|day|month)-long)",
    re.IGNORECASE,
)


def _en_title_start(text: str, head_start: int, limit: int) -> int:
    """Where the noun phrase ending in an event word begins: the words before it up to an
    article, a preposition, a verb or punctuation ("the project signing ceremony")."""
    start = head_start
    pending = False
    capitalised = text[head_start].isupper()  # "… Culture and Tourism Week"
    tokens = list(re.finditer(r"\S+", text[limit:head_start]))
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        word = token.group()
        if word.lower() in _EN_NAME_JOINERS and word.lower() != "of":
            paired = index > 0 and tokens[index - 1].group().lower() in _EN_PAIRED
            if (start == head_start and not capitalised and not paired) or pending:
                break
            pending = True
            continue
        if not _EN_TITLE_TOKEN.fullmatch(word) or word.lower() in _EN_TITLE_STOP_WORDS:
            break
        if capitalised and _EN_LENGTH_WORD.fullmatch(word):
            # "the three-day … Expo": its length, not its name (a trip without a name is
            # titled with it: "three-day trip to …")
            break
        start = limit + token.start()
        pending = False
    return start


def _en_title(text: str, head: tuple[int, int], limit: int, end_limit: int) -> tuple[int, int]:
    quoted = _quoted(text, head[0], head[1], limit, end_limit)
    if quoted is not None:
        return quoted
    start = _en_title_start(text, head[0], limit)
    tail = _EN_OF_NAME.match(text, head[1], end_limit)  # "delegation of Heilongjiang Province"
    return start, tail.end() if tail else head[1]


def _en_first_part(text: str, start: int, limit: int, end_limit: int) -> tuple[int, int] | None:
    """The event a title is joined to by "and the" (the “… Conference” and the project signing
    ceremony): the first part's span, if it names an event."""
    joined = _EN_JOINED.search(text, limit, start)
    if joined is None:
        return None
    before = joined.start()
    while before > limit and text[before - 1].isspace():
        before -= 1
    if before > limit and text[before - 1] in '”"':
        inside = _quoted(text, before - 2, before - 1, limit, end_limit)
        if inside and _EN_EVENT.search(text, *inside):
            return inside
        return None
    head = None
    for match in _EN_EVENT.finditer(text, limit, before):
        head = match
    if head is None or head.end() != before:
        return None
    return _en_title_start(text, head.start(), limit), head.end()


def _before_quote(text: str, title_start: int) -> int:
    """A quoted title's opening mark, so that what joins it is looked for before the mark."""
    if title_start > 0 and text[title_start - 1] in '“"':
        return title_start - 1
    return title_start


# ---------------------------------------------------------------------------- named events


def _holding_head(scan: _Scan, start: int, end: int) -> tuple[int, int] | None:
    """The event word a verb of holding reports: the last one before the first such verb (the
    subject, 推介会在珠海举办), else the first after it (召开了座谈会)."""
    words = scan.words.within(start, end)
    if not words:
        return None
    for verb_start, verb_end in scan.verbs.within(start, end):
        before = [w for w in words if w[1] <= verb_start]
        if before:
            return before[-1]
        after = [w for w in words if w[0] >= verb_end]
        if after:
            return after[0]
    return None


def _at_head(
    scan: _Scan, start: int, end: int, lead: re.Pattern = _EN_AT
) -> tuple[int, int] | None:
    """The event word right after "At a" / "At the …" (within a name's length), if any."""
    for at in lead.finditer(scan.text, start, end):
        at_end = at.end()
        for word in scan.words.within(at_end, min(end, at_end + 110)):
            between = scan.text[at_end : word[0]]
            if not re.search(r"[,;:]|\b(?:of|in|on|with|by)\b", between):
                return word
            break
    return None


def _zh_named(scan: _Scan, start: int, end: int, days: _Days) -> list[_Found]:
    text = scan.text
    head = _holding_head(scan, start, end)
    if head is None or _ZH_COUNT_AFTER.match(text, head[1]):
        return []
    title_start, title_end = _zh_title(text, head, start, end, days.between(start, end))
    if _ZH_COUNT_BEFORE.match(text, title_start) or _zh_planned(text, start, end, head):
        return []
    if _ZH_HABITUAL.search(text, start, head[0]):
        return []
    if text[title_start:title_end].endswith("新闻发布会"):
        return []
    verb = _ZH_VERB_BEFORE_BARE.search(text, max(start, title_start - 6), title_start)
    if verb is not None and _is_bare(text[title_start:title_end], is_zh=True):
        # 双方在哈尔滨举行会谈, 两市召开座谈会: an unnamed event, named by its verb phrase, kept
        # only with a day of its own.
        talks = _zh_talks(text, start, end)  # 与广东省黑龙江商会举行座谈: named by whom with
        if talks is not None:
            return [talks]
        kind = _ZH_EVENT_WORDS[text[title_start:title_end]]
        place = _zh_place(text, start, end)
        found = _Found(start, end, verb.start(), title_end, kind, place, (), False, verb.start())
        found.own_day = True
        return [found]
    title_end = _zh_joined_end(text, title_end, scan.words.within(title_end, end))
    place = _zh_place(text, start, end)
    hosts = _zh_hosts(text, start, end) if scan.hosts.within(start, end) else ()
    found = []
    for part_start, part_end in _zh_title_parts(text, title_start, title_end):
        title = text[part_start:part_end]
        if _is_bare(title, is_zh=True):
            continue
        kind = _title_kind(title, is_zh=True)
        where = place or _place_in_brackets(title)
        found.append(
            _Found(start, end, part_start, part_end, kind, where, hosts, True, title_start)
        )
    return found


def _summed_up(word: str) -> bool:
    """A plural event word ("forums"): events counted together, not one reported."""
    word = word.lower()
    return word.endswith("s") and word != "talks" and word[:-1] in _EN_EVENT_WORDS


def _en_named(scan: _Scan, start: int, end: int, days: _Days) -> list[_Found]:
    text = scan.text
    head = _holding_head(scan, start, end)
    at = None
    if head is None:
        head = at = _at_head(scan, start, end)
    if head is None:
        return []
    if _EN_PLAN.search(text, start, head[0]) and not _names_a_day(days, text, start, end):
        return []  # "plans to host a forum"; but one scheduled for a day or month is reported

    if _summed_up(text[head[0] : head[1]]):
        # "held three forums": events summed up, not one reported; but "…, including the X
        # Conference in June" names one of them
        head = at = _at_head(scan, head[1], end, _EN_INCLUDING)
        if head is None or _summed_up(text[head[0] : head[1]]):
            return []
    word = text[head[0] : head[1]].lower()
    title_start, title_end = _en_title(text, head, start, end)
    if _EN_COUNT_BEFORE.search(text, max(start, title_start - 24), title_start):
        return []
    if _EN_LAST_EDITION.search(
        text, max(start, title_start - 16), max(title_end, title_start + 16)
    ) and not (_names_a_day(days, text, start, end)):
        return []  # "At last year's conference, held in Harbin, …": no event of its own
    if _EN_NOT_AN_EVENT.search(text, max(start, title_start - 8), title_end):
        return []
    if _EN_HABITUAL.search(text, start, end) or (
        _EN_PERFECT.search(text, start, end) and not days.between(start, end)
    ):
        return []  # "have held the forum every year": events summed up
    if _is_bare(text[title_start:title_end], is_zh=False):
        # "held talks in Harbin", "held a meeting", "At a roundtable in Hangzhou on March 12":
        # an unnamed event, kept only with a day of its own.
        verb = _EN_VERB_BEFORE_BARE.search(text, max(start, title_start - 24), title_start)
        if verb is None:
            return []
        talks = _en_talks(text, start, end)  # "held talks with …": named by whom with
        if talks is not None:
            return [talks]
        phrase_start = verb.start("verb") if verb.group("verb") else title_start
        plain = word.removesuffix("s") if word != "talks" else word
        kind = TALKS if plain in ("talks", "meeting", "dialogue") else _EN_EVENT_WORDS[plain]
        place = _en_place(text, start, end, title_end)
        found = _Found(start, end, phrase_start, title_end, kind, place, (), False, phrase_start)
        found.own_day = True
        return [found]
    signed_at = at is not None and _signed_at_name(text, start, title_start)
    if at is not None and not signed_at and not _names_a_day(days, text, start, end):
        return []  # "At the Harbin forum, …": an event referred to, not one reported
    if (
        at is not None
        and text[title_start].islower()
        and not _INDEFINITE.search(text, max(start, title_start - 4), title_start)
    ):
        return []  # "at the forum on Monday": referred to; "at a video conference on …": new
    first = _en_first_part(text, _before_quote(text, title_start), start, end)
    if first is not None:  # the first part names the event; the second only joins it
        parts = [text[first[0] : first[1]], text[title_start:title_end]]
        kind = _joined_kind(parts, is_zh=False)
        title_start, title_end = first
    else:
        kind = _title_kind(text[title_start:title_end], is_zh=False)
    if _is_bare(text[title_start:title_end], is_zh=False):
        return []
    hosts = _en_hosts(text, start, end) if scan.hosts.within(start, end) else ()
    place = _en_place(text, start, end, title_end) or _place_in_brackets(
        text[title_start:title_end]
    )
    if not place and days.here and _EN_HERE.search(text, start, end):
        place = days.here
    found = _Found(start, end, title_start, title_end, kind, place, hosts, True, title_start)
    found.takes_last_day = signed_at
    return [found]


# "The agreements were signed at the Alpha-Beta … Meeting in …", after a lede that gave the
# signing's day: the name of the event that day, reported here for the first time.
_EN_SIGNED_AT = re.compile(
    r"\b(?:signed|inked|sealed|clinched|concluded|struck)\s+at\s+the\s+(?:(?:19|20)[0-9]{2}\s+)?$"
)


def _signed_at_name(text: str, start: int, title_start: int) -> bool:
    if not _EN_SIGNED_AT.search(text, max(start, title_start - 40), title_start):
        return False
    return text[title_start].isupper() or text[title_start].isdigit()  # a name, not "the forum"


_ZH_VERB_BEFORE_BARE = re.compile(r"(?:举行|召开|举办|进行|开展)了?$")
_EN_VERB_BEFORE_BARE = re.compile(
    r"(?:(?P<verb>\b(?:held|hosted|convened|organi[sz]ed|had|attended)\s+)(?:an?\s+)?"
    r"|\b(?:[Aa]t|[Dd]uring)\s+an?\s+(?:(?:separate|special|dedicated|joint|second|first)\s+)?)$"
)
_INDEFINITE = re.compile(r"\ban?\s+$")
_EN_NOT_AN_EVENT = re.compile(r"\b(?:press|news)\s+(?:conference|briefing)", re.IGNORECASE)
# Events held again and again, summed up: "have held the forum every year", 连续六年举办.
_EN_HABITUAL = re.compile(r"\b(?:every\s+year|each\s+year|annually|consecutive|in\s+a\s+row)\b")
_EN_PERFECT = re.compile(
    r"\b(?:have|has)\s+(?:been\s+)?(?:\w+ly\s+)?(?:held|hosted|organi[sz]ed|staged|attended)\b"
)
_ZH_HABITUAL = re.compile(
    r"连续[\d一二三四五六七八九十两]+[年届次]|每年|历年|多次|累计|定期|常态化|已举办"
)


def _zh_planned(text: str, start: int, end: int, head: tuple[int, int]) -> bool:
    """计划于10月在深圳举办推介会: the part of the clause around the event word says a plan."""
    left = max(text.rfind("，", start, head[0]), text.rfind(",", start, head[0]), start - 1) + 1
    right = min(
        (i for i in (text.find("，", head[1], end), text.find(",", head[1], end)) if i >= 0),
        default=end,
    )
    return bool(_ZH_PLAN.search(text, left, right))


def _zh_place(text: str, start: int, end: int) -> str:
    match = _ZH_HELD_AT.search(text, start, end) or _ZH_PLACE_AFTER.search(text, start, end)
    if match is None:
        return ""
    return _zh_cleaned_place(match.group("place"))


# 黑河市（珠海）推介会, "Liaoning (Nanjing) Investment Promotion Conference": held in 珠海/Nanjing.
_BRACKETED_PLACE = re.compile(
    r"[（(](?P<place>[\u4e00-\u9fff]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)[）)]"
)
_NOT_BRACKETED_PLACE = frozenset({"招商", "线上", "线下", "第一", "暨"})


def _place_in_brackets(title: str) -> str:
    match = _BRACKETED_PLACE.search(title)
    if match is None or match.group("place") in _NOT_BRACKETED_PLACE:
        return ""
    return match.group("place")


def _zh_cleaned_place(place: str) -> str:
    venue = _ZH_VENUE.search(place)
    if venue is not None and venue.start() >= 2:
        place = place[: venue.start()]
    return "" if _ZH_NOT_PLACE.match(place) else place


def _zh_hosts(text: str, start: int, end: int) -> tuple[str, ...]:
    match = _ZH_HOSTS.search(text, start, end)
    if match is None:
        return ()
    names = (name.strip() for name in _ZH_HOST_SPLIT.split(match.group("hosts")))
    return tuple(name for name in names if len(name) >= 2)


def _en_place(text: str, start: int, end: int, title_end: int) -> str:
    """Where: "held in Shenzhen", "held at the Zhuhai … Center" (the venue dropped), "… promotion
    meeting in Tianjin", "went to Taishan"."""
    match = (
        _EN_HELD_IN.search(text, start, end)
        or _EN_IN_PLACE.match(text, title_end, end)
        or _EN_WENT_TO.search(text, start, end)
        or _EN_HOST_CITY.match(text, start, end)
    )
    if match is None:
        return ""
    place = match.group("place").removeprefix("the ").strip()
    venue = _EN_VENUE.search(place)
    if venue is not None and venue.start() > 0:
        place = place[: venue.start()]
    return place


def _en_hosts(text: str, start: int, end: int) -> tuple[str, ...]:
    """Hosts after "co-hosted by", each a run of capitalised words (Provincial Government);
    "and" between two such runs separates them, inside one (Industry and Commerce) it does not."""
    match = _EN_HOSTS.search(text, start, end)
    if match is None:
        return ()
    hosts = []
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+the\s+|\s*&\s*(?=the\s)", match.group("hosts")):
        name = _en_name_run(part)
        if name is None:
            break  # the list ended: ", attracting …"
        hosts.extend(_split_two_names(name))
    return tuple(hosts)


def _en_name_run(part: str) -> str | None:
    """The leading run of capitalised words (joined by of/and/for/&), without "the"."""
    words = part.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    run: list[str] = []
    for word in words:
        if _EN_NAME_WORD.fullmatch(word) or (run and word in _EN_NAME_JOINERS):
            run.append(word)
        else:
            break
    while run and run[-1] in _EN_NAME_JOINERS:
        run.pop()
    return " ".join(run) if run else None


def _split_two_names(name: str) -> list[str]:
    """ "Heilongjiang Government and Guangdong Government" is two names, "Federation of Industry
    and Commerce" one: split on "and" only when both sides have two words or more."""
    left, sep, right = name.partition(" and ")
    if sep and len(left.split()) >= 2 and len(right.split()) >= 2:
        return [left, *_split_two_names(right)]
    return [name]


# ---------------------------------------------------------------------------- visits and talks


def _zh_visit(text: str, start: int, end: int) -> _Found | None:
    """赴/前往/来/南下 + a region + 考察/调研/招商 (to a region); 在广州考察调研; 上门招商;
    走访了/考察了 + sites. Not what is only planned or an invitation (邀请…赴我省考察)."""
    span = place = None
    to_region = False
    for travel in _ZH_TRAVEL.finditer(text, start, end):
        after = _ZH_VISIT_AFTER.match(text, travel.end(), end)
        if after and not _zh_not_done(text, start, travel.start()):
            span, place = (travel.start(), after.end()), travel.group("place")
            to_region = not _ZH_SITE.search(place)
            break
    if span is None:
        called = _ZH_CALLED_ON.search(text, start, end)
        if called and not _zh_not_done(text, start, called.start()):
            span, place = called.span(), called.group("place")
            to_region = not _ZH_SITE.search(place)
    if span is None:
        staying = _ZH_STAYING.search(text, start, end)
        if staying and not _zh_not_done(text, start, staying.start()):
            span, place = staying.span(), staying.group("place")
            to_region = not _ZH_SITE.search(place)
    if span is None:
        for pattern in (_ZH_VISIT_STRONG, _ZH_VISIT_OBJECT):
            match = pattern.search(text, start, end)
            if match and not _zh_not_done(text, start, match.start()):
                span = match.span()
                break
    if span is None:
        return None
    delegation = _ZH_DELEGATION.search(text, start, end)
    found = _Found(start, end, *span, VISIT, _zh_cleaned_place(place or ""), (), False, span[0])
    found.has_group = bool(_ZH_GROUP.search(text, start, end))
    found.to_region = to_region
    if delegation is not None and delegation.start() < span[0]:
        found.delegation = (_zh_title_start(text, delegation.start(), start), span[1])
    return found


def _zh_talks(text: str, start: int, end: int) -> _Found | None:
    """与…座谈/会谈/洽谈: talks, unless only planned."""
    match = _ZH_TALKS.search(text, start, end)
    if match is None or _zh_not_done(text, start, match.start()):
        return None
    span = match.span()
    if match.group("at"):  # 在哈尔滨会见了…: the talks begin at 会见
        met = _ZH_MET.match(text, match.end())
        span = (match.end() - 2, met.end() if met else match.end())
    found = _Found(start, end, *span, TALKS, "", (), False, span[0])
    found.has_group = bool(_ZH_GROUP.search(text, start, end))
    place = match.group("at") or _place_of(_ZH_STAYING_PLACE, text, start, match.end())
    found.place = _zh_cleaned_place(place)
    return found


_ZH_MET = re.compile(r"了?[^，。；,;]{2,30}")


_ZH_STAYING_PLACE = re.compile(r"在(?P<place>[^，。；,;、\s与同]{2,8})(?=与|同)")


def _place_of(pattern: re.Pattern, text: str, start: int, end: int) -> str:
    match = pattern.search(text, start, end)
    return match.group("place") if match else ""


def _zh_not_done(text: str, start: int, verb: int) -> bool:
    """邀请/希望/计划… before the verb in the same part of the sentence."""
    comma = max(text.rfind("，", start, verb), text.rfind(",", start, verb))
    return bool(_ZH_NOT_DONE.search(text, max(start, comma + 1), verb))


def _en_visit(text: str, start: int, end: int) -> _Found | None:
    """ "went (south) to … for investigation", "paid a visit to …", "arrived in …", "visited …",
    door-knocking; not "invited … to visit"."""
    travel = _EN_TRAVEL.search(text, start, end)
    match = (
        travel or _EN_VISITED.search(text, start, end) or _EN_DOOR_KNOCKING.search(text, start, end)
    )
    if match is None or _EN_NOT_DONE.search(text, start, match.start()):
        return None
    place = ""
    if travel is not None:
        place = (travel.group("place") or travel.group("place2") or "").removeprefix("the ")
    elif match.re is _EN_VISITED:
        thing = match.group("object")
        if "for" in thing.split():
            place = thing.split(" for ")[0]  # visited Qiqihar for investigation
        elif not _EN_SITE.search(thing):
            region = _EN_REGION.match(thing)  # visited Shanghai, toured Guangdong Province
            place = region.group() if region else ""
    scheduled = match.re is _EN_VISITED and match["verb"].startswith("will")
    # "will visit …": still to come, titled from "visit", kept only with its day
    title_start = (
        match.start("verb") + match["verb"].rindex(" ") + 1 if scheduled else match.start()
    )
    found = _Found(start, end, title_start, match.end(), VISIT, place, (), False, title_start)
    found.own_day = scheduled
    found.has_group = bool(_EN_GROUP.search(text, start, end))
    found.to_region = bool(place) and not _EN_SITE.search(place)
    delegation = _EN_DELEGATION.search(text, start, end)
    if delegation is not None and delegation.start() < match.start():
        title_start, title_end = _en_title(text, delegation.span(), start, end)
        led = _EN_LED_BY.match(text, title_end, match.end())
        found.delegation = (title_start, led.end() if led else title_end)
    elif delegation is not None and delegation.end() <= match.end():  # led a delegation to …
        found.delegation = match.span()
    return found


# "a delegation led by the mayor of Dalian", "… headed by Vice Governor Li": part of its name.
_EN_LED_BY = re.compile(r"\s+(?:led|headed)\s+by\s+[^,;.]{2,60}?(?=\s+(?:also\s+)?[a-z]+ed\b)")


_EN_REGION = re.compile(
    r"[A-Z][a-z]+(?:\s+(?:Province|City|Municipality|Region|District|County|New\s+Area))?$"
)


def _en_talks(text: str, start: int, end: int) -> _Found | None:
    match = _EN_TALKS.search(text, start, end)
    if match is None or _EN_NOT_DONE.search(text, start, match.start()):
        return None
    title = match.span()
    at = _EN_AT_SESSION.match(text, match.end())
    if at is not None:  # "met executives … at a matchmaking session": the session is named
        title = at.span("title")
    found = _Found(start, end, *title, TALKS, "", (), False, match.start())
    found.has_group = bool(_EN_GROUP.search(text, start, end))
    found.place = _en_place(text, start, end, match.end())
    return found


_EN_AT_SESSION = re.compile(
    r"\s+at\s+an?\s+(?P<title>(?:[\w-]+\s+){0,3}?(?:session|meeting|symposium|roundtable"
    r"|seminar|forum|dialogue|event))\b"
)


def _clause_events(scan: _Scan, start: int, end: int, days: _Days) -> list[_Found]:
    """The events one clause reports: named ones, and a visit (or else talks) beside them."""
    text = scan.text
    found = []
    if scan.words.any(start, end):
        named = _zh_named if scan.is_zh else _en_named
        found = named(scan, start, end, days)
    if scan.visits.any(start, end):
        visit = _zh_visit(text, start, end) if scan.is_zh else _en_visit(text, start, end)
        if visit is not None and not any(
            f.title_start <= visit.anchor < f.title_end for f in found
        ):
            # "visited the park and held talks with 4 enterprises": one visit, talks and all
            found = [f for f in found if f.titled]
            found.append(visit)
        elif visit is None and not found:
            talks = _zh_talks(text, start, end) if scan.is_zh else _en_talks(text, start, end)
            if talks is not None:
                found.append(talks)
    return found


# ---------------------------------------------------------------------------- days


@dataclass
class _Days:
    """The days an article names, to give each event its own."""

    mentions: list[DateMention]  # not counting datelines
    starts: list[int]
    reference: datetime.date | None  # the dateline's day, else the publication date
    is_zh: bool
    here: str = ""  # the dateline's city ("HARBIN, June 6 --"), for "opened here"

    def between(self, start: int, end: int) -> list[DateMention]:
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        return self.mentions[low:high]


def _days(text: str, lang: str, published: datetime.date | None, is_zh: bool) -> _Days:
    mentions = find_dates(text, lang, published)
    if published is None:
        # No publication date: the latest full date the page gives (a date line, a signature
        # such as 2024年3月18日 at the end) stands for it, so that 3月13日 has a year.
        full = [m.last for m in mentions if m.year_given]
        if full:
            published = max(full)
            mentions = find_dates(text, lang, published)
    reference = published
    datelines = set()
    here = ""
    if not is_zh:
        for line in _EN_DATELINE.finditer(text):
            for mention in mentions:
                if mention.start == line.end() and _DATELINE_DASH.match(text, mention.end):
                    datelines.add(mention.start)
                    reference = mention.first
                    here = text[line.start() : line.end()].rstrip(", \t").title()
    kept = [m for m in mentions if m.start not in datelines]
    if published is not None:
        kept = [_still_to_come(text, m, published) for m in kept]
    if published is not None:  # 将于7月在天津举办, "held in Zhuhai in April": the month's days
        months = _months(text, published, is_zh, kept)
        if is_zh:
            months += _relative_months(text, published)
        kept = sorted([*kept, *months], key=lambda m: m.start)
    return _Days(kept, [m.start for m in kept], reference, is_zh, here)


# A day announced as still to come: 将于9月20日, "will be held on September 20".
_FUTURE_DAY_BEFORE = re.compile(
    r"(?:将|拟|计划|定|预计)(?:于|在)\s*$"
    r"|\b(?:will\s+(?:be\s+held|take\s+place|open|run|start)\s+(?:on|from)|scheduled\s+for"
    r"|set\s+for|slated\s+for)\s+$",
    re.IGNORECASE,
)


def _still_to_come(text: str, mention: DateMention, published: datetime.date) -> DateMention:
    """A day without its year that the text announces as to come (将于9月20日 in a June
    piece) is the next one after publication, not last year's (dates' inference looks only
    about two months ahead)."""
    if mention.year_given or mention.first >= published:
        return mention
    if not _FUTURE_DAY_BEFORE.search(text, max(0, mention.start - 24), mention.start):
        return mention
    try:
        first = mention.first.replace(year=mention.first.year + 1)
        last = mention.last.replace(year=mention.last.year + 1)
    except ValueError:  # 29 February
        return mention
    if first <= published:
        return mention
    return dataclasses.replace(mention, first=first, last=last)


# A month without a day (7月, 2025年5月, 10月中旬, "in April", "in September 2025"): the event
# took or takes place in those days (corpus README: its first and last day). Not a range's end
# (1—5月 is a period), not a month that a day follows (7月18日 is read by dates).
_ZH_MONTH = re.compile(
    r"(?<![0-9〇一二三四五六七八九十\-—–~～至到])(?:(?P<year>(?:19|20)[0-9]{2})年)?"
    r"(?P<month>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?(?P<part>上旬|中旬|下旬)?"
    r"(?![0-9〇一二三四五六七八九十]|份?以来|底|末|初|[-—–~～至到])"
)
_ZH_MONTH_NUMBERS = {
    "十": 10,
    "十一": 11,
    "十二": 12,
    **{c: i for i, c in enumerate("一二三四五六七八九", 1)},
}
_EN_MONTH_NAMES = MONTHS_EN
_EN_MONTH = re.compile(
    r"\b(?:[Ii]n|[Dd]uring|[Bb]y|[Uu]ntil|[Ff]rom|of|[Ee]arly|[Ll]ate|[Mm]id-?|[Ff]or"
    r"|(?P<rel>[Ll]ast|[Nn]ext|[Tt]his))\s+(?:the\s+)?"
    rf"(?P<month>{'|'.join(_EN_MONTH_NAMES)})(?:,?\s+(?P<year>(?:19|20)[0-9]{{2}}))?"
    r"(?!\s*[0-9]{1,2}\b(?!,?\s*(?:19|20)[0-9]{2}))(?![-–][0-9])"
)
_PARTS_OF_MONTH = {"上旬": (1, 10), "中旬": (11, 20)}
_FUTURE_WORDS = re.compile(r"将|计划|拟|准备|下一步|届时|\b(?:will|plans?|next|scheduled)\b", re.I)


def _months(
    text: str, published: datetime.date, is_zh: bool, dates: list[DateMention]
) -> list[DateMention]:
    """Months named without a day, as mentions of their days: the year written, else the
    publication's, the year before for a later month reported as past (a January work report's
    "in April"), the year after for an earlier month still to come."""
    found = []
    for match in (_ZH_MONTH if is_zh else _EN_MONTH).finditer(text):
        if any(m.start <= match.start("month") < m.end for m in dates):
            continue
        word = match["month"]
        if is_zh:
            month = int(word) if word.isdigit() else _ZH_MONTH_NUMBERS[word]
        else:
            month = _EN_MONTH_NAMES.index(word) + 1
        year = (
            int(match["year"])
            if match["year"]
            else _relative_year(match.groupdict().get("rel"), month, published)
            or _year_of_month(text, match, month, published)
        )
        last_day = (
            datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(1)
        ).day
        first, last = _PARTS_OF_MONTH.get(match.groupdict().get("part") or "", (1, last_day))
        if match.groupdict().get("part") == "下旬":
            first, last = 21, last_day
        start = match.start("year") if match["year"] and is_zh else match.start("month")
        found.append(
            DateMention(
                start,
                match.end(),
                text[start : match.end()],
                datetime.date(year, month, first),
                datetime.date(year, month, last),
                "",
                bool(match["year"]),
            )
        )
    return found


def _relative_year(word: str | None, month: int, published: datetime.date) -> int | None:
    """ "last November": the latest November before publication; "next March": the first after
    it; "this July": the publication's year."""
    word = (word or "").lower()
    if word == "last":
        return published.year - (month >= published.month)
    if word == "next":
        return published.year + (month <= published.month)
    if word == "this":
        return published.year
    return None


# 上个月在阿勒泰市举办的推介会, 下个月将举行: the month before or after publication's.
_ZH_RELATIVE_MONTH = re.compile(r"(?P<rel>上|下)个?月(?!份?以来|底|末|初)")


def _relative_months(text: str, published: datetime.date) -> list[DateMention]:
    found = []
    for match in _ZH_RELATIVE_MONTH.finditer(text):
        first = published.replace(day=1)
        if match["rel"] == "上":
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        else:
            first = (first + datetime.timedelta(days=32)).replace(day=1)
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        found.append(DateMention(match.start(), match.end(), match.group(), first, last, "", False))
    return found


def _year_of_month(text: str, match: re.Match, month: int, published: datetime.date) -> int:
    sentence_start = max(text.rfind(mark, 0, match.start()) for mark in "。！？.\n") + 1
    sentence_end = min(
        (at for at in (text.find(mark, match.end()) for mark in "。！？\n") if at >= 0),
        default=len(text),
    )
    if _FUTURE_WORDS.search(text, sentence_start, sentence_end):
        return published.year + (month < published.month)
    return published.year - (month > published.month)


def _candidates(
    days: _Days, text: str, start: int, end: int, base: _Day | None
) -> list[tuple[int, _Day]]:
    """The days named in text[start:end] with where they are: dates, days of the month alone
    (19日上午, in the month of the day before them) and weekdays ("on Tuesday")."""
    found = [(m.start, _Day.of(m)) for m in days.between(start, end)]
    if days.is_zh:
        found += _days_of_month(days, text, start, end, base)
    elif days.reference is not None:
        found += _weekdays(days.reference, text, start, end)
    return sorted(found, key=lambda c: c[0])


# A wire dateline opening the lede ("Chengdu, 14 June 2024 – The summit took place on 12 June"):
# the day of the report, not of the events the sentence names with days of their own.
_EN_DATELINE_BEFORE = re.compile(r"(?m)^[ \t]*[A-Z][A-Za-z'’. -]{1,30},[ \t]*$")
_EN_DATELINE_AFTER = re.compile(r"[^\n]{0,40}?(?:\s[–—]\s|\s--?\s|\)\s*[–—-]{1,2}\s)")


def _without_dateline(
    candidates: list[tuple[int, _Day]], text: str, is_zh: bool
) -> list[tuple[int, _Day]]:
    if is_zh or len(candidates) < 2:
        return candidates
    position = candidates[0][0]
    line = text.rfind("\n", 0, position) + 1
    if not _EN_DATELINE_BEFORE.search(text, line, position):
        return candidates
    if not _EN_DATELINE_AFTER.match(text, position):
        return candidates
    return candidates[1:]


def _days_of_month(
    days: _Days, text: str, start: int, end: int, base: _Day | None
) -> list[tuple[int, _Day]]:
    """19日上午 after 10月18日至20日: 19 October. Rule work: dates.py reads full dates only."""
    found = []
    mentions = days.between(start, end)
    for match in _ZH_DAY_ONLY.finditer(text, start, end):
        if any(m.start <= match.start() < m.end for m in mentions):
            continue
        before = [m for m in mentions if m.end <= match.start()]
        month_of = before[-1].first if before else (base.first if base else None)
        if month_of is None:
            continue
        try:
            day = month_of.replace(day=int(match["day"]))
        except ValueError:
            continue
        found.append((match.start(), _Day(day, day, _PARTS_OF_DAY.get(match["pod"] or "", ""))))
    return found


# "On Friday, Ngari officials will visit …": the verb after the weekday says it is to come.
_WILL_DO = re.compile(
    r"\bwill\s+(?:visit|tour|hold|host|meet|sign|travel|attend|open|inspect)\b", re.IGNORECASE
)


_EN_YESTERDAY = re.compile(r"\byesterday(?:\s+(?P<pod>morning|afternoon|evening))?\b")


def _weekdays(reference: datetime.date, text: str, start: int, end: int) -> list[tuple[int, _Day]]:
    """ "on Tuesday": the last Tuesday on or before the dateline (or publication) day; "is
    scheduled for Friday", "will open on Monday": the next one after it."""
    found = []
    for match in _EN_WEEKDAY.finditer(text, start, end):
        weekday = _WEEKDAYS.index(match["weekday"].lower())
        last = text[max(0, match.start() - 5) : match.start()].lower() == "last "
        ahead = _FUTURE_WORDS.search(text, max(start, match.start() - 40), match.start())
        if not last and (ahead or _WILL_DO.search(text, match.end(), min(end, match.end() + 40))):
            day = reference + datetime.timedelta(days=(weekday - reference.weekday()) % 7 or 7)
            found.append((match.start(), _Day(day, day, _PARTS_OF_DAY.get(match["pod"] or "", ""))))
            continue
        back = (reference.weekday() - weekday) % 7 or (7 if last else 0)
        day = reference - datetime.timedelta(days=back)
        found.append((match.start(), _Day(day, day, _PARTS_OF_DAY.get(match["pod"] or "", ""))))
    for match in _EN_YESTERDAY.finditer(text, start, end):  # "which closed yesterday"
        day = reference - datetime.timedelta(days=1)
        found.append((match.start(), _Day(day, day, _PARTS_OF_DAY.get(match["pod"] or "", ""))))
    return sorted(found, key=lambda c: c[0])


def _names_a_day(days: _Days, text: str, start: int, end: int) -> bool:
    """Whether text[start:end] names a day: a date, or a weekday ("on Wednesday evening")."""
    if days.between(start, end):
        return True
    return (
        not days.is_zh
        and days.reference is not None
        and bool(_EN_WEEKDAY.search(text, start, end) or _EN_YESTERDAY.search(text, start, end))
    )


def _nearest(candidates: list[tuple[int, _Day]], anchor: int) -> _Day | None:
    """The day named last before the anchor, else the first after it."""
    before = [day for position, day in candidates if position <= anchor]
    if before:
        return before[-1]
    return candidates[0][1] if candidates else None


@dataclass(frozen=True)
class _Moved:
    """How a sentence's opening moves the last day reported."""

    days: int  # -1, 0 or 1
    part_of_day: str | None  # None: the last day's own
    vague: bool = False  # "during the visit": somewhen in the days reported
    refers_to: str = ""  # the event word it counts from (推介会前一天), if it names one


def _relative(text: str, start: int, is_zh: bool) -> _Moved | None:
    """How a sentence's opening (当天下午, 次日, 会上, "A day earlier") moves the last day
    reported, or None when it does not go on from it. On "the same day" without a part of the
    day, the part of the day before is not kept; "at the meeting" keeps it."""
    match = (_ZH_RELATIVE if is_zh else _EN_RELATIVE).match(text, start)
    if (match is None or not match.group()) and not is_zh and _EN_THE_EVENT.match(text, start):
        return _Moved(0, None)  # "… signed 32 projects on Tuesday. The X Signing Ceremony, …"
    if match is None or not match.group():
        return None
    pod = match.groupdict().get("pod") or match.groupdict().get("pod2")
    part_of_day = _PARTS_OF_DAY.get(pod.lower()) if pod else None
    refers = match.groupdict().get("refers") or ""
    word = (_ZH_EVENT if is_zh else _EN_EVENT).search(refers) if refers else None
    refers_to = word.group() if word else ""
    if match.group("next"):
        return _Moved(1, part_of_day, refers_to=refers_to)
    if match.group("before"):
        return _Moved(-1, part_of_day, refers_to=refers_to)
    marker = (match.group("same") or "").lower()
    if marker:
        if _SAME_DAY.search(marker):
            return _Moved(0, part_of_day or "")
        return _Moved(0, part_of_day, vague=bool(_VAGUE.search(marker)))
    if part_of_day and (not is_zh or _after_comma(text, match.end())):
        return _Moved(0, part_of_day)  # 下午，… / "In the afternoon, …"
    return None


# A sentence opening with the event's name, or with "The signing ceremony", after a lede that
# gave the day: the event of that day (wire copy names the event in its second sentence).
_EN_EVENT_NOUNS = r"(?:Conference|Forum|Ceremony|Fair|Expo|Week|Meeting|Symposium|Summit|Talks)"
_EN_THE_EVENT = re.compile(
    r"\s*The\s+(?:[0-9]{4}\s+)?[A-Z][\w'’-]*(?:[ -]+(?:\([^)]{1,40}\)|[A-Z][\w'’-]*|and|of|for|on|"
    rf"the|in))*?[ -]+{_EN_EVENT_NOUNS}\b(?!\s+(?:will|is\s+(?:set|scheduled|expected)))"
    r"|\s*The\s+(?:signing\s+(?:ceremony|event)|ceremony)\b"
)
_SAME_DAY = re.compile(r"当天|当日|同日|同一天|同天|same day|that day")
_VAGUE = re.compile(r"期间|其间|此间|先后|随后|during|afterwards|later")
_FUTURE = re.compile(
    r"将(?:于|在)?[^，。；;,]{0,16}?(?:举行|举办|召开)|\bwill\s+(?:be\s+)?(?:held|hold|host|open)"
)


def _after_comma(text: str, position: int) -> bool:
    return position < len(text) and text[position] in "，,"


# ---------------------------------------------------------------------------- the article


def find_events(text: str, lang: str, published: datetime.date | None) -> list[EventMention]:
    """Events reported in the text, one per distinct event, in reading order.

    The same event named twice (or a headline and its report) is one event: its first
    report, with the days, place and hosts of later ones where it lacks them; visits without a
    name are one event when they have the same kind and days. A visit or talks is kept only
    with a day or a delegation doing it. Sentences that only say who hosted (大会由…主办, "The
    conference is co-hosted by …") give their hosts to the event reported before them."""
    is_zh = not (lang or "").lower().startswith("en")
    scan = _scan(text, is_zh)
    days = _days(text, lang, published, is_zh)
    found: list[_Found] = []
    last_day: _Day | None = None
    sentences = _sentences(text, is_zh)
    for start, end in _sentences_with(sentences, scan, days, text):
        events = []
        if scan.words.any(start, end) or scan.visits.any(start, end):
            events = [
                event
                for clause_start, clause_end in _clauses(text, start, end)
                for event in _clause_events(scan, clause_start, clause_end, days)
            ]
        heading = _is_heading(text, start, end, is_zh)
        reported = []
        if events:
            sentence_days = _without_dateline(
                _candidates(days, text, start, end, last_day), text, days.is_zh
            )
            moved = _relative(text, start, is_zh)
            base = _day_of_event(found, moved.refers_to, text) if moved else None
            after = _after_event(found, text, start, end, is_zh) if found else None
            for event in events:
                event.heading = heading
                _give_day(event, sentence_days, moved, base or last_day, text, after)
                _back_to_first_day(event, text, start, end, is_zh)
                if _is_kept(event, found, reported):
                    _settle_kind(event)
                    reported.append(event)
        if reported:
            found += reported
            last_day = next((e.day for e in reversed(reported) if e.day), last_day)
            continue
        if found and scan.hosts.any(start, end):
            _add_hosts(found[-1], (_zh_hosts if is_zh else _en_hosts)(text, start, end))
        if not heading and _names_a_day(days, text, start, end):
            last_day = _candidates(days, text, start, end, last_day)[-1][1]
    return [_mention(text, event) for event in _merged(found, text, is_zh)]


def _sentences_with(
    sentences: list[tuple[int, int]], scan: _Scan, days: _Days, text: str
) -> list[tuple[int, int]]:
    """The sentences that hold an event word, a visit's word, hosts or a day, in order: the
    others cannot report an event nor change the last day reported."""
    starts = [start for start, _ in sentences]
    positions = [*scan.words.starts, *scan.visits.starts, *scan.hosts.starts, *days.starts]
    if not days.is_zh and days.reference is not None:  # "signed … on Wednesday": a day too
        positions += [match.start() for match in _EN_WEEKDAY.finditer(text)]
        positions += [match.start() for match in _EN_YESTERDAY.finditer(text)]
    numbers = {bisect.bisect_right(starts, position) - 1 for position in positions}
    return [sentences[number] for number in sorted(numbers) if number >= 0]


def _day_of_event(found: list[_Found], word: str, text: str) -> _Day | None:
    """The day of the last event reported whose name has the word (推介会前一天: the 推介会's)."""
    if not word:
        return None
    word = word.lower()
    for event in reversed(found):
        if event.day is not None and word in text[event.title_start : event.title_end].lower():
            return event.day
    return None


def _after_event(found: list[_Found], text: str, start: int, end: int, is_zh: bool) -> _Day | None:
    """The day of the event a sentence says it follows ("held after the conference", 会后)."""
    match = (_ZH_AFTER_EVENT if is_zh else _EN_AFTER_EVENT).search(text, start, end)
    if match is None:
        return None
    return _day_of_event(found, match.group("word"), text)


def _give_day(
    event: _Found,
    sentence_days: list[tuple[int, _Day]],
    moved: _Moved | None,
    last_day: _Day | None,
    text: str,
    after: _Day | None = None,
) -> None:
    """The day named nearest before the event in its clause, else in its sentence, else the
    last day reported, moved as the sentence's opening says (当天下午, "A day earlier"); not
    for what is still to come (将举办…). One held "after the conference" (会后) takes the day of
    the conference reported."""
    in_clause = [c for c in sentence_days if event.start <= c[0] < event.end]
    event.day = _nearest(in_clause, event.anchor) or _nearest(sentence_days, event.anchor)
    if (
        event.day is None
        and moved is not None
        and last_day is not None
        and not _FUTURE.search(text, event.start, event.end)
    ):
        event.day = last_day.moved(moved.days, moved.part_of_day)
        event.inherited, event.vague = True, moved.vague
    elif event.day is None and after is not None:
        event.day, event.inherited = after.moved(0, None), True
    elif event.day is None and event.takes_last_day and last_day is not None:
        event.day, event.inherited = last_day.moved(0, None), True
    earlier = _EN_DAYS_EARLIER.match(text, event.title_end)
    if earlier and event.inherited and event.day is not None:
        # "The ceremony followed the matchmaking session a day earlier": the day before
        count = (earlier["n"] or "one").lower()
        back = int(count) if count.isdigit() else _EN_DAY_COUNTS.get(count, 1)
        event.day = event.day.moved(-back, None)


# Said right after an event's name: it took place that many days before the day reported.
_EN_DAYS_EARLIER = re.compile(
    r"\s*,?\s*(?:held\s+)?(?P<n>a|one|two|three|[1-3])\s+days?\s+(?:earlier|before)\b"
    r"|\s*,?\s*(?:held\s+)?(?:on\s+)?the\s+(?P<n2>day)\s+before\b",
    re.IGNORECASE,
)


# "concluded … on October 15 after five days": the event began four days before that day.
_EN_ENDED_AFTER_DAYS = re.compile(
    r"\b(?:concluded|ended|closed|wrapped\s+up|came\s+to\s+a\s+close)\b[^.;]{0,100}?"
    r"\bafter\s+(?P<n>two|three|four|five|six|seven|[2-7])\s+days\b",
    re.IGNORECASE,
)
# "wrapped up a three-day inspection tour … on Wednesday": the length before the event's noun.
_EN_ENDED_N_DAY = re.compile(
    r"\b(?:concluded|ended|closed|wrapped\s+up|wound\s+up|completed|rounded\s+off|finished)\s+"
    r"(?:(?:a|an|its|their|the|his|her)\s+)?(?P<n>two|three|four|five|six|seven|[2-7])-day\b",
    re.IGNORECASE,
)
_EN_CLOSED = re.compile(
    r"\b(?:closed|concluded|ended|wound\s+up|wrapped\s+up|came\s+to\s+a\s+close)\b", re.I
)
_EN_LASTED = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|[2-7])-day\b"
    r"|\b(?:over|for|in)\s+(?:the\s+)?(?P<n2>two|three|four|five|six|seven|[2-7])\s+days\b",
    re.IGNORECASE,
)
_EN_DAY_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _back_to_first_day(event: _Found, text: str, start: int, end: int, is_zh: bool) -> None:
    """An event dated by the day it ended, with its length ("concluded on October 15 after five
    days"), runs from the days before: its first day is the one reported."""
    day = event.day
    if is_zh or day is None or event.inherited or day.first != day.last:
        return
    ended = _EN_ENDED_AFTER_DAYS.search(text, start, end) or _EN_ENDED_N_DAY.search(
        text, start, end
    )
    closed = _EN_CLOSED.search(text, start, end) if ended is None else None
    if closed is not None:
        # "The three-day … Expo closed on Sunday": its length before the verb
        ended = _EN_LASTED.search(text, start, closed.start())
    if ended is None and closed is not None:
        # "closed the … Expo on Wednesday. The three-day expo opened on June 8": its length in
        # the next sentence
        following = text[end : end + 240].split(". ", 1)[0]
        ended = _EN_LASTED.search(following)
    if ended is None:
        return
    count = (ended["n"] or ended.groupdict().get("n2") or "").lower()
    length = int(count) if count.isdigit() else _EN_DAY_COUNTS[count]
    event.day = _Day(day.first - datetime.timedelta(days=length - 1), day.last)


def _is_kept(event: _Found, *earlier: list[_Found]) -> bool:
    """A named event always; a visit or talks only with a day or a delegation doing it (not a
    caption such as 对接走访深圳市黑龙江商会); a visit without a day of its own ("During the
    visit, the delegation also visited …", "The group visited …") is part of the trip reported
    before it, if there is one."""
    if event.own_day and (event.day is None or event.inherited):
        return False
    if event.titled:
        return True
    if event.day is None and not event.has_group:
        return False
    if event.kind == VISIT and (event.day is None or event.vague):
        return not any(
            not other.titled and other.kind in (VISIT, DELEGATION)
            for events in earlier
            for other in events
        )
    return True


def _settle_kind(event: _Found) -> None:
    """A delegation's trip (赴东莞考察, or over several days) is a delegation, named by it; its
    visit to a site on one day (走访了肇庆高新区) is a visit."""
    if event.titled or event.kind != VISIT or event.delegation is None:
        return
    several_days = event.day is not None and event.day.last > event.day.first
    if event.to_region or several_days:
        event.kind = DELEGATION
        event.title_start, event.title_end = event.delegation
        event.anchor = min(event.anchor, event.title_start)


def _add_hosts(event: _Found, hosts: tuple[str, ...]) -> None:
    event.hosts = event.hosts + tuple(h for h in hosts if h not in event.hosts)


_YEAR_PREFIX = re.compile(r"^(?:(?:19|20)\d{2}年?|第[\d一二三四五六七八九十]+届)")


def _title_key(title: str) -> str:
    """A title to compare: without quotation marks, spaces, punctuation, case or a leading
    year (2024吉浙…论坛 and 吉浙…论坛 are one)."""
    return _YEAR_PREFIX.sub("", re.sub(r"[\W_]+", "", title).lower())


def _same_event(key: str, other: str, headline: bool, is_zh: bool) -> bool:
    """The same title; for a headline, also one inside the other when the shorter is specific
    enough (齐齐哈尔市在广州举办投资环境推介会 heads “…”齐齐哈尔市（广州）投资环境推介会). In
    the body, 旅游招商推介会 and 鹤岗市汕头旅游(招商)推介会 are two events."""
    if key == other:
        return True
    shorter, longer = sorted((key, other), key=len)
    return headline and len(shorter) >= (6 if is_zh else 15) and shorter in longer


def _merged(found: list[_Found], text: str, is_zh: bool) -> list[_Found]:
    """One event per title (or, for visits without one, per kind and days). The first report
    stays and takes from later ones what it lacks; a headline yields to the report it heads."""
    kept: list[_Found] = []
    keys: list[object] = []
    by_key: dict[object, int] = {}
    for event in found:
        key = _merge_key(event, text)
        index = by_key.get(key) if key is not None else None
        if index is None and (event.heading or any(other.heading for other in kept)):
            index = _matching(kept, keys, event, key, is_zh)
        if index is None and not is_zh:
            index = _named_before(kept, event, text)
        if index is None and not is_zh:
            index = _trip_named_before(kept, event)
        if index is None and not is_zh:
            generic = _generic_before(kept, event, text)
            if generic is not None:  # "at a trade fair … on Tuesday", then its name
                unnamed = kept[generic]
                kept[generic], keys[generic] = event, key
                by_key[key] = generic
                _fill(event, unnamed)
                continue
        if index is None:
            by_key.setdefault(key, len(kept))
            kept.append(event)
            keys.append(key)
            continue
        earlier = kept[index]
        if earlier.heading and not event.heading:
            kept[index], keys[index] = event, key
            by_key[key] = index
            _fill(event, earlier)
        else:
            _fill(earlier, event)
    return sorted(kept, key=lambda e: e.start)


# "The three-day expo opened on June 8" after "closed the 4th … Expo": the event named before,
# referred to by its head word and its length.
_EN_LENGTH_AND_WORD = re.compile(
    r"(?:the\s+|this\s+year's\s+)?(?:(?:two|three|four|five|six|seven|[2-7])-day|week-long)\s+"
    r"(?P<word>[a-z]+)",
    re.IGNORECASE,
)


def _named_before(kept: list[_Found], event: _Found, text: str) -> int | None:
    bare = _EN_LENGTH_AND_WORD.fullmatch(text, event.title_start, event.title_end)
    if bare is None:
        return None
    word = bare["word"].lower()
    for index in range(len(kept) - 1, -1, -1):
        other = kept[index]
        title = text[other.title_start : other.title_end].lower()
        if other.titled and other.kind == event.kind and title.endswith(word) and title != word:
            return index
    return None


def _trip_named_before(kept: list[_Found], event: _Found) -> int | None:
    """A delegation's trip found again by its visits over the same days, named by the
    delegation ("wrapped up a three-day trip to Beta", then "The delegation visited …"): the
    trip named before."""
    if event.titled or event.kind != DELEGATION or event.day is None:
        return None
    for index in range(len(kept) - 1, -1, -1):
        other = kept[index]
        if other.titled and other.kind == DELEGATION and other.day == event.day:
            return index
    return None


_EN_GENERIC_TITLE = re.compile(r"[a-z-]+(?:\s+[a-z-]+){0,2}")


def _generic_before(kept: list[_Found], event: _Found, text: str) -> int | None:
    """A named event (capitalised) after an unnamed one of its kind and day ("a trade fair in
    Yushu on Tuesday", then "the Beta-Yushu … Investment Fair"): the same event, by name."""
    if not event.titled or not text[event.title_start].isupper():
        return None
    word = text[event.title_start : event.title_end].lower().rsplit(" ", 1)[-1]
    for index in range(len(kept) - 1, -1, -1):
        other = kept[index]
        title = text[other.title_start : other.title_end]
        if (
            other.titled
            and other.kind == event.kind
            and _EN_GENERIC_TITLE.fullmatch(title)
            and title.rsplit(" ", 1)[-1] == word
            and (event.day is None or event.inherited or event.day == other.day)
        ):
            return index
    return None


def _merge_key(event: _Found, text: str) -> object:
    if event.titled:
        return _title_key(text[event.title_start : event.title_end])
    day = event.day
    if day is None:
        return None
    return (event.kind, day.first, day.last)


def _matching(
    kept: list[_Found], keys: list[object], event: _Found, key: object, is_zh: bool
) -> int | None:
    for index, (other, other_key) in enumerate(zip(kept, keys, strict=True)):
        if key is None or other_key is None:
            continue
        if isinstance(key, str) and isinstance(other_key, str):
            if _same_event(key, other_key, other.heading or event.heading, is_zh):
                return index
        elif key == other_key:
            return index
    for index, other in enumerate(kept):  # a headline's event is the first of its kind
        if other.kind == event.kind and (other.heading or event.heading):
            return index
    return None


def _fill(kept: _Found, other: _Found) -> None:
    if kept.day is None or (kept.inherited and other.day is not None and not other.inherited):
        kept.day, kept.inherited = other.day, other.inherited
    elif other.day is not None and _within(other.day, kept.day) and other.day != kept.day:
        kept.day = other.day  # 将于9月举行 … 9月12日开幕: the day inside the month
    kept.place = kept.place or other.place
    _add_hosts(kept, other.hosts)


def _within(inner: _Day, outer: _Day) -> bool:
    return outer.first <= inner.first and inner.last <= outer.last


def _mention(text: str, event: _Found) -> EventMention:
    day = event.day
    return EventMention(
        start=event.start,
        end=event.end,
        quote=text[event.start : event.end],
        title=text[event.title_start : event.title_end],
        title_start=event.title_start,
        title_end=event.title_end,
        kind=event.kind,
        first=day.first if day else None,
        last=day.last if day else None,
        part_of_day=day.part_of_day if day else "",
        place=event.place,
        hosts=event.hosts,
    )
