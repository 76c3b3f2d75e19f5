"""Known names from the registry, proposed organisations, and regions' short names."""

import pytest

from counterpart.press.extract.names import (
    NameMention,
    Registry,
    propose_organizations,
    region_short_names,
)

pytestmark = []

ENTRIES = [
    ("华润集团", "organization", 1),
    ("华润", "organization", 1),
    ("China Resources Group", "organization", 1),
    ("腾讯", "organization", 2),
    ("Tencent", "organization", 2),
    ("深圳市黑龙江商会", "organization", 3),
    ("深圳市", "region", 10),
    ("深圳", "region", 10),
    ("Shenzhen", "region", 10),
    ("黑龙江省", "region", 20),
    ("黑龙江", "region", 20),
    ("Heilongjiang", "region", 20),
    ("龙", "region", 99),  # too short to match anything
]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry(ENTRIES)


def quotes(mentions: list[NameMention]) -> list[tuple[str, object, str]]:
    return [(m.quote, m.key, m.kind) for m in mentions]


def checked(text: str, mentions: list[NameMention]) -> list[NameMention]:
    for mention in mentions:
        assert mention.quote == text[mention.start : mention.end]
    return mentions


def test_longest_match_wins(registry):
    text = "佳木斯市与华润集团签约，华润还将扩大投资。"
    assert quotes(checked(text, registry.find(text))) == [
        ("华润集团", 1, "organization"),
        ("华润", 1, "organization"),
    ]


def test_an_organisation_named_after_a_region_is_the_organisation(registry):
    text = "对接走访深圳市黑龙江商会，深圳市与黑龙江省签约。"
    assert quotes(checked(text, registry.find(text))) == [
        ("深圳市黑龙江商会", 3, "organization"),
        ("深圳市", 10, "region"),
        ("黑龙江省", 20, "region"),
    ]


def test_chinese_names_match_anywhere(registry):
    text = "腾讯公司和华为"
    assert quotes(registry.find(text)) == [("腾讯", 2, "organization")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tencent's investment in Harbin", ["Tencent"]),
        ("TENCENT and tencent", ["TENCENT", "tencent"]),
        ("Tencentable is not a company", []),
        ("the Tencent-backed fund", ["Tencent"]),
        ("腾讯Tencent公司", ["腾讯", "Tencent"]),
        ("China Resources Group invested in Shenzhen.", ["China Resources Group", "Shenzhen"]),
        ("XShenzhen and Shenzhen2", []),
    ],
)
def test_latin_names_at_word_boundaries_in_any_case(registry, text, expected):
    assert [m.quote for m in checked(text, registry.find(text))] == expected


def test_the_first_entry_of_a_name_wins_and_short_names_are_ignored():
    registry = Registry(
        [("吉林", "region", "province"), ("吉林", "region", "city"), ("X", "region", 1)]
    )
    assert len(registry) == 1
    assert quotes(registry.find("吉林省X")) == [("吉林", "province", "region")]


def test_an_empty_registry_finds_nothing():
    assert Registry([]).find("腾讯 Tencent") == []


def test_a_registry_is_built_once_and_used_many_times(registry):
    texts = ["华润集团", "Tencent", "深圳"] * 100
    assert sum(len(registry.find(text)) for text in texts) == 300


# ---------------------------------------------------------------------------- proposals


def proposed(text: str, lang: str = "zh", known: list[NameMention] | None = None) -> list[str]:
    mentions = checked(text, propose_organizations(text, lang, known or []))
    assert all(m.kind == "proposed_organization" and m.key is None for m in mentions)
    return [m.quote for m in mentions]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "与深圳市工业设计行业协会、广东进出口商会、对俄贸易促进中心等商协会洽谈。",
            ["深圳市工业设计行业协会", "广东进出口商会", "对俄贸易促进中心"],
        ),
        (
            "先后走访了广州市健力宝集团、中山市中智药业集团和广州电子口岸公司。",
            ["广州市健力宝集团", "中山市中智药业集团", "广州电子口岸公司"],
        ),
        ("选择与香坊区深度合作的深圳灵狮文化产业集团负责人表示", ["深圳灵狮文化产业集团"]),
        ("考察调研华大基因公司", ["华大基因公司"]),
        ("由哈尔滨某某冷链物流有限公司承办", ["哈尔滨某某冷链物流有限公司"]),
        (
            "与三一重工股份有限公司、中国银行股份有限公司签约",
            ["三一重工股份有限公司", "中国银行股份有限公司"],
        ),
        ("在黑龙江省农业科学院研究院调研", ["黑龙江省农业科学院研究院"]),
    ],
)
def test_chinese_organisations_are_proposed(text, names):
    assert proposed(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "该公司负责人表示",
        "一批企业和两省企业纷纷布局",
        "多家上市公司和各商协会参加",
        "与当地重点商协会充分对接",
        "银行业金融机构",
        "相关公司、子公司",
    ],
)
def test_generic_chinese_phrases_are_not_names(text):
    assert proposed(text) == []


def test_a_proposal_inside_a_known_organisation_is_dropped_but_not_one_with_a_region(registry):
    text = "与腾讯公司、深圳市工业设计行业协会洽谈"
    assert proposed(text, known=registry.find(text)) == ["深圳市工业设计行业协会"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The conference gathered Tencent, Vanke Group, Nine Dragons Paper (Holdings) Co., Ltd. "
            "and CITIC Capital Holdings Co., Ltd. from the Greater Bay Area.",
            [
                "Vanke Group",
                "Nine Dragons Paper (Holdings) Co., Ltd.",
                "CITIC Capital Holdings Co., Ltd.",
            ],
        ),
        (
            "Liu Peng, Chairman of Shenzhen Gaofa Investment Co., Ltd., and the President of "
            "Heilongjiang Chamber of Commerce in Guangdong Province spoke.",
            [
                "Shenzhen Gaofa Investment Co., Ltd.",
                "Heilongjiang Chamber of Commerce in Guangdong Province",
            ],
        ),
        (
            "Leading enterprises such as Huawei, Guangxin Holdings, and China Resources Group "
            "invested.",
            ["Guangxin Holdings", "China Resources Group"],
        ),
        (
            "Harbin Electric Corp. and the Shenzhen Industrial Design Industry Association signed.",
            ["Harbin Electric Corp.", "Shenzhen Industrial Design Industry Association"],
        ),
        ("China's top 500 SEG Group signed.", ["SEG Group"]),
    ],
)
def test_english_organisations_are_proposed(text, names):
    assert proposed(text, "en") == names


@pytest.mark.parametrize(
    "text",
    [
        "the company said that the Group will invest",
        "The Association and the Chamber of Commerce welcomed it.",
        "enterprises of the two provinces signed contracts",
    ],
)
def test_generic_english_phrases_are_not_names(text):
    assert proposed(text, "en") == []


def test_a_known_english_name_is_not_proposed_again(registry):
    text = "Chairman of the Board of Directors of Tencent Group spoke, with China Resources Group."
    assert proposed(text, "en", known=registry.find(text)) == []


# ---------------------------------------------------------------------------- regions


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("哈尔滨市", ["哈尔滨"]),
        ("黑龙江省", ["黑龙江"]),
        ("香坊区", ["香坊"]),
        ("大兴安岭地区", ["大兴安岭"]),
        ("广西壮族自治区", ["广西"]),
        ("内蒙古自治区", ["内蒙古"]),
        ("新疆维吾尔自治区", ["新疆"]),
        ("延边朝鲜族自治州", ["延边"]),
        ("湘西土家族苗族自治州", ["湘西"]),
        ("香港特别行政区", ["香港"]),
        ("北京市", ["北京"]),
        ("沙县", []),  # one character would be left
        ("城区", []),
        ("哈尔滨新区", []),  # not 哈尔滨
        ("经济技术开发区", []),
        ("深圳", []),  # already short
        ("", []),
    ],
)
def test_region_short_names(name, short):
    assert region_short_names(name) == short
