"""Events in articles: each kind, titles (暨, quotes), days, places, hosts, and what is no event."""

import datetime
from pathlib import Path

import pytest

from counterpart.press.extract.events import EVENT_KINDS, find_events

pytestmark = []

D = datetime.date
PUBLISHED = D(2024, 9, 20)
SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"


def events(text: str, lang: str = "zh", published=PUBLISHED):
    found = find_events(text, lang, published)
    for event in found:
        assert event.quote == text[event.start : event.end]
        assert event.title == text[event.title_start : event.title_end]
        assert event.kind in EVENT_KINDS
    return found


def one(text: str, lang: str = "zh", published=PUBLISHED):
    found = events(text, lang, published)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------- Chinese


def test_conference_joined_to_a_signing_by_ji_is_a_conference_with_its_hosts():
    text = (
        "2024年5月10日上午，2024年吉黑产业合作交流大会暨重点项目签约仪式在长春举行。"
        "大会由吉林省人民政府、黑龙江省人民政府共同主办，两省企业代表600余人参加。"
    )
    event = one(text)
    assert event.title == "2024年吉黑产业合作交流大会暨重点项目签约仪式"
    assert (event.kind, event.first, event.last) == ("conference", D(2024, 5, 10), D(2024, 5, 10))
    assert (event.part_of_day, event.place) == ("morning", "长春")
    assert event.hosts == ("吉林省人民政府", "黑龙江省人民政府")
    assert event.quote.startswith("2024年5月10日上午") and event.quote.endswith("举行。")


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("重点项目签约仪式暨招商推介大会", "promotion"),  # the first part only a signing
        ("旅游季开幕式暨夏季旅游推介会", "promotion"),  # … or an opening
        ("“美在龙江”文旅宣传推广暨招商推介会", "promotion"),  # … or no event at all
        ("龙粤对口合作项目签约仪式", "signing"),
        ("深哈对口合作交流座谈会", "forum"),
        ("龙粤冰雪产业发展论坛", "forum"),
        ("2024中国—俄罗斯博览会", "other"),  # no kind names fairs and expos
        ("第三届龙粤经贸洽谈会", "talks"),
        ("龙粤合作推进会", "conference"),
    ],
)
def test_kind_from_the_title(title, kind):
    event = one(f"6月3日，{title}在哈尔滨举行。")
    assert (event.title, event.kind) == (title, kind)


def test_title_after_a_theme_and_with_inner_quotes():
    text = "6月3日，以“冰城夏都”为主题的“避暑胜地 清凉龙江”哈尔滨文旅推介会在深圳市举办。"
    event = one(text)
    assert event.title == "“避暑胜地 清凉龙江”哈尔滨文旅推介会"
    assert (event.kind, event.place, event.first) == ("promotion", "深圳市", D(2024, 6, 3))


def test_a_quoted_title_loses_its_quotes():
    event = one("9月5日，双方在广州召开“龙粤合作恳谈会”。")
    assert (event.title, event.kind, event.place) == ("龙粤合作恳谈会", "forum", "广州")


def test_title_after_a_dash_and_a_venue_is_not_a_place():
    event = one("8月23日，“石墨新材 共赢未来”——鸡西石墨产业招商推介会在肇庆国际会展中心举行。")
    assert (event.title, event.place) == ("鸡西石墨产业招商推介会", "肇庆")


def test_two_events_joined_by_he_are_two_with_places_from_their_names():
    found = events("5月6日，伊春市（佛山）森林食品推介会和七台河市（江门）招商推介会分别举行。")
    assert [(e.title, e.place, e.first) for e in found] == [
        ("伊春市（佛山）森林食品推介会", "佛山", D(2024, 5, 6)),
        ("七台河市（江门）招商推介会", "江门", D(2024, 5, 6)),
    ]


def test_clauses_between_semicolons_share_the_sentences_day():
    text = "4月3日，甲市文旅推介会在珠海举办；乙市文旅招商推介会在汕头举行。"
    found = events(text)
    assert [(e.title, e.place, e.first) for e in found] == [
        ("甲市文旅推介会", "珠海", D(2024, 4, 3)),
        ("乙市文旅招商推介会", "汕头", D(2024, 4, 3)),
    ]
    assert found[1].quote == "乙市文旅招商推介会在汕头举行。"


def test_visit_to_a_region():
    event = one("3月12日至15日，省商务厅主要负责同志带队赴浙江省开展上门招商活动。")
    assert (event.kind, event.title) == ("visit", "赴浙江省开展上门招商活动")
    assert (event.first, event.last, event.place) == (D(2024, 3, 12), D(2024, 3, 15), "浙江省")


def test_delegation_is_named_by_the_delegation():
    event = one("7月8日至10日，大庆市党政代表团赴惠州市考察调研。")
    assert (event.kind, event.title, event.place) == (
        "delegation",
        "大庆市党政代表团赴惠州市考察调研",
        "惠州市",
    )
    assert (event.first, event.last) == (D(2024, 7, 8), D(2024, 7, 10))


def test_days_that_go_on_from_the_sentence_before():
    text = (
        "7月9日上午，大庆—惠州石化产业合作推介会在惠州举行。"
        "当天下午，龙江—粤港澳科技合作论坛在深圳召开。"
        "次日，考察组在广州与广东省黑龙江商会座谈。"
        "推介会前一天，代表团走访了惠州大亚湾石化区。"
    )
    found = {e.kind: e for e in events(text)}
    assert (found["promotion"].first, found["promotion"].part_of_day) == (D(2024, 7, 9), "morning")
    assert (found["forum"].first, found["forum"].part_of_day) == (D(2024, 7, 9), "afternoon")
    talks = found["talks"]
    assert (talks.title, talks.first, talks.place) == (
        "与广东省黑龙江商会座谈",
        D(2024, 7, 10),
        "广州",
    )
    visit = found["visit"]
    assert (visit.title, visit.first) == ("走访了惠州大亚湾石化区", D(2024, 7, 8))


def test_a_day_of_the_month_alone_is_read_in_the_month_before_it():
    text = "10月18日至20日，天津市代表团来长春考察，19日上午出席2023长春—天津对口合作推进会。"
    found = {e.kind: e for e in events(text, published=D(2024, 1, 18))}
    assert (found["delegation"].first, found["delegation"].last) == (
        D(2023, 10, 18),
        D(2023, 10, 20),
    )
    conference = found["conference"]
    assert (conference.title, conference.first) == ("2023长春—天津对口合作推进会", D(2023, 10, 19))
    assert conference.part_of_day == "morning"


@pytest.mark.parametrize(
    "text",
    [
        "会上，邀请广东企业赴龙江考察投资环境。",  # an invitation
        "今年以来，我省在粤共举办推介活动12场。",  # a count of events
        "此行期间，考察组共召开座谈会3场。",
        "推介会上，双方签约项目8个，签约额12亿元。",  # an event referred to
        "大会期间还举办了特色产品展示。",
        "有关部门负责同志出席推介会。",  # only an event word, named nowhere
        "对接走访深圳市黑龙江商会",  # a caption: a visit without day or delegation
        "黑龙江赴广东精准招商步履坚实。",
    ],
)
def test_no_event(text):
    assert events(text) == []


def test_a_headline_yields_to_the_report_it_heads():
    text = "鸡西石墨推介会在肇庆举办\n8月23日，“新材未来”鸡西石墨推介会在广东省肇庆市举办。"
    event = one(text)
    assert (event.title, event.first, event.place) == (
        "“新材未来”鸡西石墨推介会",
        D(2024, 8, 23),
        "广东省肇庆市",
    )


def test_the_same_title_twice_is_one_event_with_the_later_day():
    text = (
        "2024龙粤经贸洽谈会将于9月在哈尔滨举行。据介绍，9月12日，2024龙粤经贸洽谈会在哈尔滨开幕。"
    )
    event = one(text)
    assert event.start == 0
    assert (event.title, event.first, event.place) == (
        "2024龙粤经贸洽谈会",
        D(2024, 9, 12),
        "哈尔滨",
    )


def test_a_planned_event_takes_no_day_from_before_it():
    text = (
        "5月18日，2023龙粤经贸博览会在广州开幕。"
        "博览会期间还将举办龙粤冰雪产业论坛、对俄跨境电商交流会等配套活动。"
        "其中，龙粤冰雪产业论坛定于5月19日下午举行。"
    )
    found = {e.title: e for e in events(text, published=D(2023, 5, 19))}
    assert set(found) == {"2023龙粤经贸博览会", "龙粤冰雪产业论坛", "对俄跨境电商交流会"}
    assert (found["龙粤冰雪产业论坛"].first, found["龙粤冰雪产业论坛"].part_of_day) == (
        D(2023, 5, 19),
        "afternoon",
    )
    assert found["对俄跨境电商交流会"].first is None


def test_events_without_a_day_or_a_publication_date():
    event = one("日前，哈尔滨市道里区首场域外招商推介会在深圳举办。", published=None)
    assert (event.title, event.first, event.place) == (
        "哈尔滨市道里区首场域外招商推介会",
        None,
        "深圳",
    )


# ---------------------------------------------------------------------------- English


def test_a_quoted_conference_and_the_signing_ceremony_is_a_conference():
    text = (
        "On the afternoon of May 8, the “Jilin-Zhejiang Digital Economy Conference” and the "
        "project signing ceremony were held in Changchun. The conference was co-hosted by the "
        "Jilin Provincial Government and the Zhejiang Provincial Government."
    )
    event = one(text, "en")
    assert event.title == "Jilin-Zhejiang Digital Economy Conference"
    assert (event.kind, event.first, event.part_of_day) == (
        "conference",
        D(2024, 5, 8),
        "afternoon",
    )
    assert event.place == "Changchun"
    assert event.hosts == ("Jilin Provincial Government", "Zhejiang Provincial Government")


@pytest.mark.parametrize(
    ("sentence", "title", "kind", "place"),
    [
        (
            "On June 3, the Harbin-Shenzhen Project Signing Ceremony was held in Shenzhen.",
            "Harbin-Shenzhen Project Signing Ceremony",
            "signing",
            "Shenzhen",
        ),
        (
            "On June 3, the Liaoning (Nanjing) Investment Promotion Conference and Project Signing "
            "Ceremony was held.",
            "Liaoning (Nanjing) Investment Promotion Conference and Project Signing Ceremony",
            "promotion",
            "Nanjing",
        ),
        (
            "On June 3, the park held an investment promotion meeting in Tianjin.",
            "investment promotion meeting",
            "promotion",
            "Tianjin",
        ),
        (
            "On June 3, the Qitaihe-Jiangmen Cooperation Symposium took place in Jiangmen.",
            "Qitaihe-Jiangmen Cooperation Symposium",
            "forum",
            "Jiangmen",
        ),
        (
            "On June 3, the 2024 Heihe (Zhuhai) Commodities Fair opened at the Zhuhai "
            "International Convention and Exhibition Center.",
            "2024 Heihe (Zhuhai) Commodities Fair",
            "other",
            "Zhuhai",
        ),
        (
            "On June 3, the Mudanjiang Culture and Tourism Week was held in Dongguan.",
            "Mudanjiang Culture and Tourism Week",
            "promotion",
            "Dongguan",
        ),
    ],
)
def test_english_events(sentence, title, kind, place):
    event = one(sentence, "en")
    assert (event.title, event.kind, event.place, event.first) == (
        title,
        kind,
        place,
        D(2024, 6, 3),
    )


def test_delegation_visit_and_talks():
    text = (
        "From July 8 to 10, a party and government delegation of Daqing went to Huizhou for "
        "investigation. On July 9, the delegation visited the Huizhou High-tech Zone. On July 10, "
        "the delegation held talks with the Guangdong Chamber of Commerce in Guangzhou."
    )
    delegation, visit, talks = events(text, "en")
    assert (delegation.kind, delegation.title, delegation.place) == (
        "delegation",
        "party and government delegation of Daqing",
        "Huizhou",
    )
    assert (delegation.first, delegation.last) == (D(2024, 7, 8), D(2024, 7, 10))
    assert (visit.kind, visit.title, visit.first) == (
        "visit",
        "visited the Huizhou High-tech Zone",
        D(2024, 7, 9),
    )
    assert (talks.kind, talks.first, talks.place) == ("talks", D(2024, 7, 10), "Guangzhou")


def test_door_knocking_visit():
    text = (
        "During March 24-28, a working group went to Shenzhen for door-knocking investment "
        "promotion."
    )
    event = one(text, "en")
    assert (event.kind, event.place) == ("visit", "Shenzhen")
    assert (event.first, event.last) == (D(2024, 3, 24), D(2024, 3, 28))


def test_dateline_weekday_and_a_day_earlier():
    text = (
        "HARBIN, June 6 -- The Northeast Asia Trade Forum was held in Harbin on Tuesday morning. "
        "A day earlier, the Jilin delegation visited the Harbin New Area."
    )
    forum, visit = events(text, "en")
    assert (forum.first, forum.part_of_day) == (D(2024, 6, 4), "morning")  # the Tuesday before
    assert (visit.kind, visit.first) == ("visit", D(2024, 6, 3))


def test_on_the_same_day_keeps_the_day_not_its_part():
    text = (
        "On the morning of November 7, the Shuangyashan-Foshan Signing Ceremony was held in "
        "Foshan. On the same day, Jixi and Zhaoqing held a separate signing event in Zhaoqing."
    )
    first, second = events(text, "en")
    assert (second.title, second.kind, second.first) == (
        "separate signing event",
        "signing",
        D(2024, 11, 7),
    )
    assert (first.part_of_day, second.part_of_day) == ("morning", "")


@pytest.mark.parametrize(
    "text",
    [
        "This “Heilongjiang-Guangdong Conference” is held at a special time.",
        "At the conference, 192 projects were signed.",
        "The two cities have held 18 docking events and three forums in total.",
        "Enterprises were invited to visit Qitaihe.",
        "In 2023, the cooperation has opened a new chapter.",
    ],
)
def test_no_english_event(text):
    assert events(text, "en") == []


# ---------------------------------------------------------------------------- seed articles


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles (../shared/seeds) are absent")
def test_events_of_the_facts_in_the_english_seed():
    found = events(seed("000_345d701f25fdb56f.txt"), "en", D(2023, 4, 24))
    by_kind = {e.kind: e for e in found}
    delegation = by_kind["delegation"]
    assert (delegation.first, delegation.last, delegation.place) == (
        D(2023, 4, 20),
        D(2023, 4, 23),
        "Guangdong",
    )
    conference = by_kind["conference"]
    assert "Industrial Cooperation and Open Exchange Conference" in conference.title
    assert (conference.first, conference.part_of_day, conference.place) == (
        D(2023, 4, 22),
        "morning",
        "Shenzhen",
    )
    assert conference.hosts == (
        "Heilongjiang Provincial Government",
        "Guangdong Provincial Government",
    )
    assert len(found) == 2


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles (../shared/seeds) are absent")
def test_events_of_the_facts_in_the_chinese_seed():
    found = events(seed("001_5adf07a3c61a5c73.txt"), "zh", D(2023, 4, 7))

    def event(part: str):
        matching = [e for e in found if part in e.title]
        assert len(matching) == 1, (part, found)
        return matching[0]

    expected = [
        ("旅游季开幕式暨", D(2023, 4, 4), D(2023, 4, 4), "广州", "promotion"),
        ("绥化市文旅推介活动", D(2023, 4, 2), D(2023, 4, 2), "广东省湛江市", "promotion"),
        (
            "黑河市文旅资源产品(招商)推介会",
            D(2023, 4, 3),
            D(2023, 4, 3),
            "广东省珠海市",
            "promotion",
        ),
        ("鹤岗市汕头旅游(招商)推介会", D(2023, 4, 3), D(2023, 4, 3), "", "promotion"),
        (
            "“美在牡丹江”文旅宣传推广暨招商推介会",
            D(2023, 4, 3),
            D(2023, 4, 3),
            "广东省东莞市",
            "promotion",
        ),
        ("上门走访", D(2023, 3, 7), D(2023, 3, 10), "广东省广州市、深圳市", "visit"),
        ("上门招商", D(2023, 3, 23), D(2023, 3, 31), "广东省", "visit"),
        ("首场域外大型招商会", None, None, "深圳", "promotion"),
    ]
    for part, first, last, place, kind in expected:
        found_event = event(part)
        assert (found_event.first, found_event.last, found_event.place, found_event.kind) == (
            first,
            last,
            place,
            kind,
        ), part
    assert event("深哈对口合作交流座谈会").kind == "forum"


# ---------------------------------------------------------------------- more ways of reporting
# Sentences written for these rules in styles the corpus does not use (active voice, Xinhua
# datelines, "At a …", 到访, 会见, 举行会谈, events without quotation marks), so that the rules
# stay general rather than fitted to the corpus.


@pytest.mark.parametrize(
    ("sentence", "title", "kind", "first", "place"),
    [
        (
            "Hohhot hosted a trade fair for Beijing enterprises on Tuesday.",
            "trade fair for Beijing enterprises",
            "other",
            D(2024, 9, 17),  # the Tuesday before publication (Friday 20 September)
            "Hohhot",
        ),
        (
            "The two cities held a promotion conference in Ningbo on May 8, at which 23 projects "
            "were signed.",
            "promotion conference",
            "promotion",
            D(2024, 5, 8),
            "Ningbo",
        ),
        (
            "More than 200 entrepreneurs attended the Jilin-Zhejiang investment matchmaking "
            "meeting on Friday.",
            "Jilin-Zhejiang investment matchmaking meeting",
            "forum",
            D(2024, 9, 20),
            "",
        ),
        (
            "On May 8, the signing ceremony took place at the Shenzhen Convention Center.",
            "signing ceremony",
            "signing",
            D(2024, 5, 8),
            "Shenzhen",
        ),
        (
            "The 2024 China-Russia Expo opened in Harbin on May 17.",
            "2024 China-Russia Expo",
            "other",
            D(2024, 5, 17),
            "Harbin",
        ),
        (
            "The Jilin-Zhejiang economic and trade fair was staged in Hangzhou on April 3.",
            "Jilin-Zhejiang economic and trade fair",
            "other",
            D(2024, 4, 3),
            "Hangzhou",
        ),
        (
            "A work meeting on counterpart cooperation was convened in Changchun on March 5.",
            "work meeting",
            "conference",
            D(2024, 3, 5),
            "Changchun",
        ),
        (
            "On March 5, Qiqihar organised an investment promotion week in Guangzhou.",
            "investment promotion week",
            "promotion",
            D(2024, 3, 5),
            "Guangzhou",
        ),
        (
            "On May 8, a business matchmaking event was held in Dalian.",
            "business matchmaking event",
            "forum",
            D(2024, 5, 8),
            "Dalian",
        ),
        (
            "On May 8, representatives from 30 Shenzhen firms took part in a matchmaking "
            "conference in Harbin.",
            "matchmaking conference",
            "forum",
            D(2024, 5, 8),
            "Harbin",
        ),
        (
            "The 5th Harbin-Shenzhen Cooperation Dialogue wrapped up in Shenzhen on November 2.",
            "5th Harbin-Shenzhen Cooperation Dialogue",
            "forum",
            D(2024, 11, 2),
            "Shenzhen",
        ),
        (
            "An exhibition of Heilongjiang products opened at the Guangzhou Pazhou Complex on "
            "Aug 8.",
            "exhibition of Heilongjiang products",
            "other",
            D(2024, 8, 8),
            "Guangzhou Pazhou",
        ),
        (
            "Last Friday, the city hosted an investment forum for Hong Kong businesses.",
            "investment forum for Hong Kong businesses",
            "forum",
            D(2024, 9, 13),  # "last Friday" on a Friday: the week before
            "",
        ),
    ],
)
def test_english_events_in_active_and_passive_voice(sentence, title, kind, first, place):
    event = one(sentence, "en")
    assert (event.title, event.kind, event.first, event.place) == (title, kind, first, place)


@pytest.mark.parametrize(
    ("sentence", "title", "kind", "first", "place"),
    [
        (
            "At a roundtable in Hangzhou on March 12, entrepreneurs from both provinces "
            "exchanged views.",
            "roundtable",
            "forum",
            D(2024, 3, 12),
            "Hangzhou",
        ),
        (
            "On July 9, the two sides held talks in Harbin.",
            "held talks",
            "talks",
            D(2024, 7, 9),
            "Harbin",
        ),
        (
            "Leaders of the two cities held a meeting in Harbin on July 8.",
            "held a meeting",
            "talks",
            D(2024, 7, 8),
            "Harbin",
        ),
        (
            "Officials from Songbei District met with Nanshan companies on July 2.",
            "met with Nanshan companies",
            "talks",
            D(2024, 7, 2),
            "",
        ),
        (
            "On June 4, the vice mayor met executives of Shenzhen XX Group in Harbin.",
            "met executives of Shenzhen XX Group",
            "talks",
            D(2024, 6, 4),
            "Harbin",
        ),
    ],
)
def test_unnamed_english_meetings_need_a_day_of_their_own(sentence, title, kind, first, place):
    event = one(sentence, "en")
    assert (event.title, event.kind, event.first, event.place) == (title, kind, first, place)


@pytest.mark.parametrize(
    ("sentence", "kind", "first", "last", "place"),
    [
        (
            "A delegation led by the mayor of Dalian visited Shanghai from June 3 to 5.",
            "delegation",
            D(2024, 6, 3),
            D(2024, 6, 5),
            "Shanghai",
        ),
        (
            "During a three-day visit to Guangdong starting April 10, the delegation toured six "
            "companies.",
            "visit",
            D(2024, 4, 10),
            D(2024, 4, 10),
            "Guangdong",
        ),
        (
            "On Nov 2, a delegation from Jilin Province paid a visit to Zhejiang.",
            "delegation",
            D(2024, 11, 2),
            D(2024, 11, 2),
            "Zhejiang",
        ),
        (
            "On April 2, Mayor Zhang Wei led a delegation to Shenzhen for an inspection tour.",
            "delegation",
            D(2024, 4, 2),
            D(2024, 4, 2),
            "Shenzhen",
        ),
    ],
)
def test_english_visits(sentence, kind, first, last, place):
    event = one(sentence, "en")
    assert (event.kind, event.first, event.last, event.place) == (kind, first, last, place)


def test_a_delegation_is_named_with_who_leads_it():
    event = one("A delegation led by the mayor of Dalian visited Shanghai from June 3 to 5.", "en")
    assert event.title == "delegation led by the mayor of Dalian"


def test_a_xinhua_dateline_a_bare_weekday_and_here():
    text = "HARBIN, June 6 (Xinhua) -- The Northeast Asia Trade Forum kicked off here Tuesday."
    event = one(text, "en")
    assert (event.title, event.first, event.place) == (
        "Northeast Asia Trade Forum",
        D(2024, 6, 4),
        "Harbin",
    )


def test_a_session_held_after_the_conference_takes_the_conferences_day():
    text = (
        "JIAMUSI, March 18 -- The Jiamusi-Zhongshan Work Conference was held in Jiamusi on "
        "Tuesday. A Zhongshan delegation arrived in Jiamusi on Monday. Thirty firms took part "
        "in the matchmaking session held after the conference."
    )
    found = {e.title: e for e in events(text, "en", D(2024, 3, 20))}
    assert found["matchmaking session"].first == D(2024, 3, 12)
    assert found["Jiamusi-Zhongshan Work Conference"].first == D(2024, 3, 12)


def test_a_visit_with_talks_in_the_same_clause_is_one_visit():
    text = (
        "On April 11, the investment team visited the Tianjin Binhai New Area and held talks "
        "with 4 enterprises."
    )
    event = one(text, "en")
    assert (event.kind, event.title) == ("visit", "visited the Tianjin Binhai New Area")


def test_at_a_named_event_with_its_day_reports_it():
    text = "At the 2024 Harbin-Shenzhen Expo on May 17, the two cities signed 12 projects."
    event = one(text, "en")
    assert (event.title, event.first) == ("2024 Harbin-Shenzhen Expo", D(2024, 5, 17))


@pytest.mark.parametrize(
    "text",
    [
        "The city plans to host an investment forum in Harbin on October 10.",
        "The city will hold a promotion conference in Shenzhen next month.",
        "The forum is scheduled to open in Harbin on October 10.",
        "The two cities have held the forum every year since 2018.",
        "The two sides have held 12 matchmaking meetings in total.",
        "Officials attended the meeting.",
        "At the forum, the mayor delivered a speech.",
        "At the Harbin forum, the mayor delivered a speech.",  # named, but no day of its own
        "He spoke at a press conference on Monday.",
        "The proposal was met with enthusiasm on Monday.",
        "Leaders of the two cities held a meeting.",  # unnamed and without a day
    ],
)
def test_no_english_event_in_plans_habits_and_references(text):
    assert events(text, "en") == []


@pytest.mark.parametrize(
    ("sentence", "title", "kind", "first", "place"),
    [
        ("7月9日，双方在哈尔滨举行会谈。", "举行会谈", "talks", D(2024, 7, 9), "哈尔滨"),
        (
            "5月17日，我市组织30家企业参加了第八届中俄博览会。",
            "第八届中俄博览会",
            "other",
            D(2024, 5, 17),
            "",
        ),
        (
            "在5月8日召开的哈深合作座谈会上，双方签约项目12个。",
            "哈深合作座谈会",
            "forum",
            D(2024, 5, 8),
            "",
        ),
        ("5月12日，大连市举办项目路演活动。", "项目路演活动", "promotion", D(2024, 5, 12), ""),
        (
            "6月2日，哈尔滨新区在深圳举办投资说明会。",
            "投资说明会",
            "promotion",
            D(2024, 6, 2),
            "深圳",
        ),
        (
            "6月2日上午，双鸭山市农产品品鉴会在佛山举行。",
            "双鸭山市农产品品鉴会",
            "promotion",
            D(2024, 6, 2),
            "佛山",
        ),
        (
            "9月2日，黑龙江企业组团亮相第二十届东博会。",
            "第二十届东博会",
            "other",
            D(2024, 9, 2),
            "",
        ),
        (
            "5月12日，市长李明会见了深圳某某集团董事长一行。",
            "会见了深圳某某集团董事长一行",
            "talks",
            D(2024, 5, 12),
            "",
        ),
        (
            "5月12日，深圳市代表团一行到访哈尔滨。",
            "深圳市代表团一行到访哈尔滨",
            "delegation",
            D(2024, 5, 12),
            "哈尔滨",
        ),
        ("5月12日，市委书记率队到长春考察。", "到长春考察", "visit", D(2024, 5, 12), "长春"),
        (
            "4月9日，吉林省与浙江省产业合作对接会在杭州召开。",
            "吉林省与浙江省产业合作对接会",
            "forum",
            D(2024, 4, 9),
            "杭州",
        ),
    ],
)
def test_more_chinese_events(sentence, title, kind, first, place):
    event = one(sentence)
    assert (event.title, event.kind, event.first, event.place) == (title, kind, first, place)


def test_a_visit_led_by_someone_is_kept_without_a_day():
    event = one("近日，市委书记带队赴深圳开展招商考察。")
    assert (event.kind, event.title, event.first, event.place) == (
        "visit",
        "赴深圳开展招商考察",
        None,
        "深圳",
    )


def test_without_a_publication_date_the_pages_latest_full_date_gives_the_year():
    text = "3月13日，吉林—宁波产业合作座谈会在宁波召开。\n吉林省商务厅\n2024年3月18日"
    event = one(text, published=None)
    assert (event.title, event.first) == ("吉林—宁波产业合作座谈会", D(2024, 3, 13))


@pytest.mark.parametrize(
    "text",
    [
        "计划于10月在深圳举办招商推介会。",  # a plan
        "拟于下半年赴广东开展招商考察。",
        "两市已连续六年举办石化产业对接活动。",  # held again and again
        "欢迎广东企业到黑龙江考察投资。",  # an invitation
        "有关负责同志参加推介会。",  # a bare event word
        "6月1日，市政府召开新闻发布会。",  # a press conference
        "会上，双方举行会谈。",  # unnamed, and no day of its own
        "双方在哈尔滨举行会谈。",
    ],
)
def test_no_chinese_event_in_plans_habits_and_references(text):
    assert events(text) == []


def test_an_event_named_after_a_signing_on_a_weekday_takes_that_day():
    # 2024-09-20 is a Friday: "on Wednesday" is the 18th.
    text = (
        "XIAN, Sept. 20 (Xinhua) -- Two cities signed 12 agreements worth 3 billion yuan on "
        "Wednesday, officials said. The deals were inked at the Alpha-Beta Industrial "
        "Cooperation Promotion Conference in Xi'an, which drew 200 guests."
    )
    event = one(text, "en")
    assert event.title == "Alpha-Beta Industrial Cooperation Promotion Conference"
    assert (event.first, event.last) == (D(2024, 9, 18), D(2024, 9, 18))


def test_a_just_ended_event_named_with_its_day_is_reported():
    text = "记者：成果如何？负责人：刚刚结束的9月12日两市产业合作签约会上，共签约项目10个。"
    event = one(text)
    assert event.title == "两市产业合作签约会"
    assert event.first == D(2024, 9, 12)


def test_a_month_without_a_day_gives_the_months_days():
    # published 2024-09-20: a later month still to come is this year's
    event = one("下一步，我市将于11月在深圳举办甲乙两市产业合作推介会。")
    assert (event.first, event.last) == (D(2024, 11, 1), D(2024, 11, 30))
    # … a later month reported as past is last year's (a January work report's "in April")
    text = "At the Alpha-Beta Investment Promotion Conference held in Beta in April, we signed."
    event = one(text, "en", published=D(2025, 1, 28))
    assert (event.first, event.last) == (D(2024, 4, 1), D(2024, 4, 30))
    # … a written year is kept, and 中旬 is the 11th to the 20th
    event = one("2023年5月中旬，甲乙两市产业合作推介会在乙市举办。")
    assert (event.first, event.last) == (D(2023, 5, 11), D(2023, 5, 20))


def test_a_range_of_months_is_no_events_day():
    found = one("今年1—5月，两市签约项目20个。7月8日，甲乙两市产业合作推介会在乙市举办。")
    assert found.first == D(2024, 7, 8)


def test_a_sentence_opening_with_the_events_name_goes_on_from_the_lede():
    # 2024-09-20 is a Friday: "on Tuesday" is the 17th.
    text = (
        "Two cities signed 20 projects with investors on Tuesday, officials said. The "
        "Alpha-Beta Industrial Cooperation Signing Ceremony, held in Alpha, was the largest yet."
    )
    event = one(text, "en")
    assert event.title == "Alpha-Beta Industrial Cooperation Signing Ceremony"
    assert event.first == D(2024, 9, 17)


# ---------------------------------------------------------------------------- rules of batch 10


@pytest.mark.parametrize(
    ("sentence", "title", "first", "last"),
    [
        # a week of events under one name, dated by its month (capitalised "In")
        (
            "In June, the city held the Kashgar (Ningbo) Investment Week at a riverside hall.",
            "Kashgar (Ningbo) Investment Week",
            D(2024, 6, 1),
            D(2024, 6, 30),
        ),
        # dated by its last day and its length
        (
            "The Yanbian-Ningbo Cooperation Week concluded in Yanji on September 12 after four "
            "days of talks and visits.",
            "Yanbian-Ningbo Cooperation Week",
            D(2024, 9, 9),
            D(2024, 9, 12),
        ),
        # scheduled with a month: reported, though still to come
        (
            "A textile matchmaking session is scheduled for Aksu in November.",
            "textile matchmaking session",
            D(2024, 11, 1),
            D(2024, 11, 30),
        ),
        # a weekday after "scheduled for" is the next one (20 September 2024 is a Friday)
        (
            "A dairy promotion conference is scheduled for Tuesday morning at the fair.",
            "dairy promotion conference",
            D(2024, 9, 24),
            D(2024, 9, 24),
        ),
    ],
)
def test_english_weeks_months_lengths_and_schedules(sentence, title, first, last):
    event = one(sentence, "en")
    assert (event.title, event.first, event.last) == (title, first, last)


def test_a_plan_without_a_day_is_still_no_event():
    assert events("The county plans to host a tea forum in Hangzhou.", "en") == []


def test_a_visit_with_its_purpose_and_one_earlier_that_day():
    text = (
        "The Hotan (Tianjin) Investment Promotion Conference was held in Tianjin on Thursday. "
        "Earlier that day, Hotan officials visited four companies in the Binhai district to "
        "learn about their plans for new textile lines in western China."
    )
    conference, visit = events(text, "en")
    assert (visit.title, visit.first) == (
        "visited four companies in the Binhai district",
        conference.first,
    )


def test_a_visit_scheduled_for_a_weekday_is_the_next_one():
    visit = one("On Monday, Hotan officials will visit companies in Tianjin.", "en")
    assert (visit.title, visit.first) == ("visit companies in Tianjin", D(2024, 9, 23))
    assert events("Hotan officials will visit companies in Tianjin.", "en") == []


def test_a_day_announced_as_to_come_is_after_publication():
    event = one("双方将于10月28日在林芝举办闽林产业合作推介会。", "zh", D(2024, 6, 18))
    assert (event.title, event.first) == ("闽林产业合作推介会", D(2024, 10, 28))


def test_a_day_before_the_forum_and_talks_at_a_named_session():
    text = (
        "The Tacheng-Liaoning Trade Forum was held in Shenyang on June 12. A day before the "
        "forum, Tacheng officials met executives of Liaoning firms at a matchmaking session."
    )
    _forum, session = events(text, "en")
    assert (session.title, session.first) == ("matchmaking session", D(2024, 6, 11))


def test_last_years_edition_without_a_day_is_no_event():
    text = "At last year's conference, held in Harbin, the two cities signed 9 projects."
    assert events(text, "en") == []


def test_last_next_or_for_a_month_and_the_month_before_or_after():
    # "last November" in a March piece: the November before
    text = "The Alpha-Beta Investment Promotion Conference, held last November, drew 90 firms."
    event = one(text, "en", published=D(2025, 3, 10))
    assert (event.first, event.last) == (D(2024, 11, 1), D(2024, 11, 30))
    # "scheduled for July": the July to come
    text = "An Alpha-Beta investment matchmaking conference is scheduled for July in Beta."
    event = one(text, "en", published=D(2025, 3, 10))
    assert (event.first, event.last) == (D(2025, 7, 1), D(2025, 7, 31))
    # 上个月 in a January piece: last December
    event = one("上个月在乙市举办的甲乙两市产业合作推介会签约项目8个。", published=D(2025, 1, 15))
    assert (event.first, event.last) == (D(2024, 12, 1), D(2024, 12, 31))


def test_a_wire_dateline_gives_way_to_the_day_the_lede_names_for_the_event():
    text = (
        "Xiamen, 20 May 2025 – The Alpha-Beta Industrial Cooperation Forum took place on 18 May "
        "2025 in Xiamen."
    )
    event = one(text, "en", published=D(2025, 5, 20))
    assert event.first == D(2025, 5, 18)


def test_an_event_wrapped_up_after_so_many_days_began_that_many_days_before():
    text = "An Alpha delegation wrapped up a four-day inspection tour of Beta on Friday."
    event = one(text, "en", published=D(2025, 5, 17))
    assert (event.first, event.last) == (D(2025, 5, 13), D(2025, 5, 16))


def test_an_event_named_a_day_earlier_than_the_one_reported():
    text = (
        "The Alpha-Beta Signing Ceremony was held in Beta on Thursday. The ceremony followed "
        "the Alpha-Beta Investment Matchmaking Meeting a day earlier, which drew 80 firms."
    )
    _ceremony, meeting = events(text, "en", published=D(2025, 5, 17))
    assert (meeting.title, meeting.first) == (
        "Alpha-Beta Investment Matchmaking Meeting",
        D(2025, 5, 14),
    )
    # "held two days earlier"
    text = text.replace("a day earlier", "held two days earlier")
    assert events(text, "en", published=D(2025, 5, 17))[1].first == D(2025, 5, 13)


def test_an_event_that_ran_from_one_day_to_another_or_closed_is_reported():
    text = (
        "The Alpha-Beta Commodities Expo, which ran from May 8 to May 12 at the Beta "
        "Exhibition Centre, drew 200 exhibitors."
    )
    event = one(text, "en", published=D(2025, 5, 14))
    assert (event.title, event.first) == ("Alpha-Beta Commodities Expo", D(2025, 5, 8))
    # closed on a weekday, its length in the next sentence: from its first day; the expo
    # referred to by its length is the one named
    text = (
        "Beta closed the 3rd Alpha-Beta Industrial Cooperation Expo on Wednesday with 30 "
        "contracts. The three-day expo opened on May 12."
    )
    event = one(text, "en", published=D(2025, 5, 16))
    assert (event.title, event.first) == (
        "3rd Alpha-Beta Industrial Cooperation Expo",
        D(2025, 5, 12),
    )


def test_yesterday_is_the_day_before_the_dateline_and_over_two_days_its_length():
    text = (
        "Today's briefing covers the Alpha-Beta Trade Fair, which closed in Beta yesterday. "
        "Over two days the fair produced 34 signed projects."
    )
    event = one(text, "en", published=D(2025, 6, 20))
    assert (event.first, event.last) == (D(2025, 6, 18), D(2025, 6, 19))
    # "closed" with no length said: the closing day alone
    text = "The Alpha-Beta Trade Fair closed in Beta yesterday with 34 signed projects."
    assert one(text, "en", published=D(2025, 6, 20)).first == D(2025, 6, 19)


def test_the_event_named_where_the_days_deals_were_signed_takes_that_day():
    text = (
        "BETA, May 14 (Xinhua) -- Beta signed 12 projects with investors from Alpha on "
        "Wednesday. The agreements were signed at the Alpha-Beta Industrial Matchmaking "
        "Meeting in Beta's new district."
    )
    event = one(text, "en", published=D(2025, 5, 14))
    assert (event.title, event.first) == (
        "Alpha-Beta Industrial Matchmaking Meeting",
        D(2025, 5, 14),
    )
    # "signed at the forum" names no event of its own
    text = "Beta signed 12 projects on Wednesday. The agreements were signed at the forum."
    assert events(text, "en", published=D(2025, 5, 14)) == []


def test_an_unnamed_event_then_its_name_is_one_event_by_its_name():
    text = (
        "Alpha firms signed 18 projects at a trade fair in Beta on Tuesday. Of the projects "
        "signed at the Alpha-Beta Ecological Industry Investment Fair, 11 involve food."
    )
    event = one(text, "en", published=D(2025, 5, 22))
    assert (event.title, event.first) == (
        "Alpha-Beta Ecological Industry Investment Fair",
        D(2025, 5, 20),
    )


def test_an_event_that_saw_or_yielded_deals_is_reported_but_not_last_years():
    text = "In April, the Alpha (Beta) Investment Promotion Conference saw 19 projects signed."
    event = one(text, "en", published=D(2025, 12, 20))
    assert (event.title, event.first) == (
        "Alpha (Beta) Investment Promotion Conference",
        D(2025, 4, 1),
    )
    text = "The event built on the momentum of last year's symposium, which saw 25 deals signed."
    assert events(text, "en", published=D(2025, 12, 20)) == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a trip named by its kind and where it went: "tour of the …", "trip to …"
        (
            "A Gamma delegation wrapped up a two-day inspection tour of the Delta New Area on "
            "Thursday, signing five agreements.",
            "two-day inspection tour of the Delta New Area",
        ),
        (
            "A Gamma delegation wrapped up a three-day trip to Delta on Saturday, signing 12 "
            "projects.",
            "three-day trip to Delta",
        ),
        (
            "A Gamma government delegation wrapped up a three-day investment tour of Delta "
            "province on Wednesday.",
            "three-day investment tour of Delta",
        ),
    ],
)
def test_a_trip_is_titled_with_where_it_went(text, title):
    event = one(text, "en", D(2024, 9, 20))
    assert event.title == title
    assert event.kind == "delegation"


def test_a_trip_word_alone_or_a_trip_planned_is_no_event():
    assert events("The road trip took three hours.", "en") == []
    assert events("The forum will be followed by a trip to Delta next month.", "en") == []


def test_a_roundtable_is_titled_with_whom_it_was_held():
    text = (
        "On Tuesday, officials from Alpha visited four companies in Beta and held a roundtable "
        "with 15 food processing firms on cold-chain logistics."
    )
    titles = [event.title for event in events(text, "en", D(2024, 9, 20))]
    assert "roundtable with 15 food processing firms" in titles
    # the roundtable of a named forum keeps its own name, with nothing after
    named = one("The Alpha-Beta Roundtable was held in Beta on Tuesday.", "en")
    assert named.title == "Alpha-Beta Roundtable"


def test_a_trip_named_and_then_found_again_by_its_visits_is_one_event():
    text = (
        "A delegation from Gamma wrapped up a three-day trip to Delta on Saturday, lining up 12 "
        "projects.\n\nDuring the visit, the delegation called on nine companies in Delta's port "
        "area and held talks with city officials."
    )
    trips = [e for e in events(text, "en", D(2025, 9, 15)) if e.kind == "delegation"]
    assert [e.title for e in trips] == ["three-day trip to Delta"]


@pytest.mark.parametrize(
    ("text", "title", "first", "last"),
    [
        # The length before the name, the day it closed after: from its first day, the length
        # no part of its name
        ("The three-day Gamma-Delta Machinery Expo closed in Delta on Sunday, with 12 deals "
         "signed.", "Gamma-Delta Machinery Expo", D(2025, 5, 9), D(2025, 5, 11)),
        ("The two-day Gamma Tea Fair concluded in Delta on Saturday.", "Gamma Tea Fair",
         D(2025, 5, 9), D(2025, 5, 10)),
        # … opened on a day: that day is its first, whatever its length
        ("The three-day Gamma-Delta Machinery Expo opened in Delta on Friday.",
         "Gamma-Delta Machinery Expo", D(2025, 5, 9), D(2025, 5, 9)),
    ],
)  # fmt: skip
def test_an_event_of_some_days_that_closed_runs_back_from_that_day(text, title, first, last):
    event = one(text, "en", published=D(2025, 5, 12))
    assert (event.title, event.first, event.last) == (title, first, last)


@pytest.mark.parametrize(
    ("text", "title", "first"),
    [
        # One of the events summed up, named after "including" with its day: reported
        ("The county held eleven promotion events in the first half, including the Gamma "
         "(Delta) Investment Promotion Conference in Delta on May 14, where 6 deals were "
         "signed.", "Gamma (Delta) Investment Promotion Conference", D(2025, 5, 14)),
        ("The zone held seven events this spring, including a matchmaking session in Delta on "
         "April 3.", "matchmaking session", D(2025, 4, 3)),
    ],
)  # fmt: skip
def test_an_event_named_among_those_summed_up(text, title, first):
    event = one(text, "en", published=D(2025, 7, 2))
    assert (event.title, event.first) == (title, first)


@pytest.mark.parametrize(
    "text",
    [
        # … not events summed up with no name or day of their own
        "The county held eleven promotion events in the first half, including several forums.",
        "The zone held seven events this spring, such as the annual roadshows.",
    ],
)
def test_events_summed_up_stay_unreported(text):
    assert events(text, "en", D(2025, 7, 2)) == []
