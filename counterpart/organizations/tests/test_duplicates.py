"""Likely duplicate organisations: the name normaliser, the candidate pairs, the review list, the
merge and "not duplicates" pages."""

from unittest.mock import patch

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from counterpart.core.choices import ChangeAction, Channel
from counterpart.core.duplicates import mark_not_duplicates
from counterpart.core.models import ChangeRecord, NotDuplicate
from counterpart.core.tests.admin_fixtures import credit_code, organization, regions
from counterpart.organizations.duplicate_views import OrganizationDuplicateListView
from counterpart.organizations.duplicates import (
    EN_LEGAL_WORDS,
    ZH_LEGAL_FORMS,
    code_key,
    find_duplicates,
    name_key,
)
from counterpart.organizations.models import Contact, Organization, OrganizationAlias


@pytest.fixture(autouse=True)
def in_english():
    """The finders' reasons are checked in English (a page's request sets its own language)."""
    with translation.override("en"):
        yield


DUPLICATES = reverse("organizations:organization_duplicates")
MERGE = reverse("organizations:organization_merge")
NOT_DUPLICATES = reverse("organizations:organization_not_duplicates")


# ---------------------------------------------------------------------------- the normaliser


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("深圳市腾讯计算机系统有限公司", "深圳市腾讯计算机系统（控股）有限公司"),
        ("深圳市腾讯计算机系统有限公司", "深圳市腾讯计算机系统有限责任公司"),
        ("Tencent Holdings Ltd.", "Tencent Holdings Limited"),
        ("Tencent Holdings Ltd.", "TENCENT HOLDINGS CO., LTD"),
        ("比亚迪股份有限公司", "比亚迪"),
        ("腾讯控股有限公司", "腾讯"),
        ("中顺洁柔集团", "中顺洁柔有限公司"),
        ("万科集团有限公司", "万科股份有限公司"),
        ("CITIC Capital Holdings Co., Ltd.", "CITIC Capital"),
        ("The Bank of East Asia, Limited", "Bank of East Asia"),
        ("ＢＹＤ　Ｃｏ．，Ｌｔｄ．", "BYD Co.,Ltd"),
        ("华为技术有限公司(深圳)", "华为技术公司"),
        ("Alpha Inc.", "Alpha Corporation"),
    ],
)
def test_names_equal_without_their_legal_form(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("东莞博远电子有限公司", "中山博远电子有限公司"),
        ("比亚迪股份有限公司", "比亚迪汽车工业有限公司"),
        ("Group Alpha Ltd.", "Alpha Ltd."),
    ],
)
def test_different_names_stay_different(a, b):
    assert name_key(a) != name_key(b)


def test_a_name_that_is_only_a_legal_form_keeps_something():
    assert name_key("集团公司") == "集团"
    assert name_key("Holdings Limited") == "holdings"
    assert name_key("") == ""


ZH_BASE = st.text(alphabet="腾讯比亚迪华为万科美的格力海尔龙江冰城", min_size=2, max_size=8)
BRACKETS = st.sampled_from(["", "（控股）", "(控股)", "(中国)", "【深圳】", " "])


@given(base=ZH_BASE, bracket=BRACKETS, form=st.sampled_from(ZH_LEGAL_FORMS))
def test_any_chinese_legal_form_and_bracket_is_left_off(base, bracket, form):
    assert name_key(base + bracket + form) == name_key(base) == base


EN_WORD = st.sampled_from(["tencent", "alpha", "harbin", "grain", "north", "star", "bank"])
EN_SUFFIX = st.sampled_from(
    [
        " Co., Ltd.",
        " Co.,Ltd",
        " Ltd.",
        " Limited",
        " Inc.",
        " Corp.",
        " Corporation",
        " Group",
        " Holdings",
        " Holdings Limited",
        " Group Co., Ltd.",
        " (China) Co., Ltd.",
    ]
)


@given(
    words=st.lists(EN_WORD, min_size=1, max_size=3),
    suffix=EN_SUFFIX,
    the=st.booleans(),
    upper=st.booleans(),
)
def test_any_english_legal_form_case_and_the_are_left_off(words, suffix, the, upper):
    name = ("The " if the and len(words) else "") + " ".join(words) + suffix
    name = name.upper() if upper else name.title()
    assert name_key(name) == "".join(words)


def test_the_legal_words_are_lower_case():
    assert all(w == w.casefold() for w in EN_LEGAL_WORDS)


@pytest.mark.parametrize(
    "written",
    ["91440300MA5EXAMPLE", " 9144 0300 ma5e xample ", "９１４４０３００ＭＡ５ＥＸＡＭＰＬＥ"],
)
def test_credit_codes_compare_without_case_spaces_or_full_width(written):
    assert code_key(written) == "91440300MA5EXAMPLE"


# ---------------------------------------------------------------------------- candidates


@pytest.fixture
def r(db):
    return regions()


def pair_of(a, b):
    for candidate in find_duplicates():
        if {candidate.low_id, candidate.high_id} == {a.pk, b.pk}:
            return candidate
    return None


def test_same_name_without_legal_form_in_the_same_region(r):
    a = organization("深圳市腾讯计算机系统有限公司", r["shenzhen"])
    b = organization("深圳市腾讯计算机系统（控股）有限公司", r["shenzhen"])
    candidate = pair_of(a, b)
    assert candidate.score == 98  # 95 and 3 for the same region
    assert candidate.reasons == [
        "same name without legal form: “深圳市腾讯计算机系统有限公司” = "
        "“深圳市腾讯计算机系统（控股）有限公司”",
        "same region",
    ]
    assert candidate.warnings == []


def test_an_alias_matches_the_others_english_name(r):
    a = organization("腾讯控股", r["shenzhen"], name_en="Tencent Holdings Limited")
    b = organization("騰訊", None)
    OrganizationAlias.objects.create(organization=b, alias="Tencent Holdings Ltd.", language="en")
    candidate = pair_of(a, b)
    assert candidate.score == 95
    assert candidate.reasons == [
        "same name without legal form: “Tencent Holdings Limited” = “Tencent Holdings Ltd.”"
    ]


def test_a_name_without_the_place_name(r):
    a = organization("深圳市华强电子有限公司", r["shenzhen"])
    b = organization("华强电子有限公司", None)
    candidate = pair_of(a, b)
    assert candidate.score == 90
    assert candidate.reasons == [
        "same name but for the place name: “华强电子有限公司” = “深圳市华强电子有限公司”"
    ]


def test_the_same_trade_name_in_two_places_is_two_companies(r):
    a = organization("深圳博远电子有限公司", r["shenzhen"])
    b = organization("哈尔滨博远电子有限公司", r["harbin"])
    assert pair_of(a, b) is None


def test_similar_names_score_their_similarity(r):
    a = organization("深圳市腾讯计算机系统有限公司", r["shenzhen"])
    b = organization("深圳市腾迅计算机系统有限公司", r["shenzhen"])
    candidate = pair_of(a, b)
    assert candidate.reasons == [
        "similar names 86%: “深圳市腾讯计算机系统有限公司” ~ “深圳市腾迅计算机系统有限公司”",
        "same region",
    ]
    assert candidate.score == 89  # 86 and 3 for the same region


def test_names_alike_but_for_the_trade_name_are_not_proposed(r):
    a = organization("深圳博远供应链管理有限公司", r["shenzhen"])
    b = organization("深圳远航供应链管理有限公司", r["shenzhen"])
    assert pair_of(a, b) is None


def test_a_name_that_is_the_others_credit_code(r):
    code = credit_code("91440300192317458")
    a = organization("比亚迪股份有限公司", r["shenzhen"], credit_code=code)
    b = organization(code.lower(), None)
    candidate = pair_of(a, b)
    assert candidate.score == 100


def test_different_credit_codes_make_a_pair_unlikely(r):
    a = organization(
        "腾讯科技有限公司", r["shenzhen"], credit_code=credit_code("91440300192317458")
    )
    b = organization("腾讯科技集团", r["harbin"], credit_code=credit_code("91440300708461136"))
    candidate = pair_of(a, b)
    assert candidate is None  # 95 - 10 (provinces) - 40 (codes) is below 80
    low = [c for c in find_duplicates(min_score=0) if {c.low_id, c.high_id} == {a.pk, b.pk}]
    assert low and len(low[0].warnings) == 2


def test_a_parent_and_its_subsidiary_are_not_proposed(r):
    parent = organization("华强集团", r["shenzhen"])
    child = organization("华强有限公司", r["shenzhen"], parent=parent)
    assert pair_of(parent, child) is None


def test_a_pair_marked_not_duplicates_is_no_longer_proposed(r, admin_user):
    a = organization("深圳市腾讯计算机系统有限公司", r["shenzhen"])
    b = organization("深圳市腾讯计算机系统（控股）有限公司", r["shenzhen"])
    assert pair_of(a, b) is not None
    mark_not_duplicates(b, a, admin_user)
    assert pair_of(a, b) is None


# ---------------------------------------------------------------------------- pages


@pytest.fixture
def pair(r, admin_user):
    keep = organization("深圳市腾讯计算机系统有限公司", r["shenzhen"], name_en="Tencent")
    other = organization(
        "深圳市腾讯计算机系统（控股）有限公司", r["shenzhen"], website="https://tencent.example"
    )
    Contact.objects.create(organization=keep, name="张三")
    Contact.objects.create(organization=keep, name="李四")
    Contact.objects.create(organization=other, name="王五")
    return keep, other


def test_the_list_page_links_to_the_review_list(admin_client, pair):
    html = admin_client.get(reverse("organizations:organization_list")).content.decode()
    assert DUPLICATES in html


def test_the_review_list_shows_each_pair_side_by_side(admin_client, pair):
    keep, other = pair
    response = admin_client.get(DUPLICATES)
    assert response.status_code == 200
    (shown,) = response.context["pairs"]
    assert (shown["left"], shown["right"]) == (keep, other)  # more related rows first
    differs = {row["name"] for row in shown["rows"] if row["differs"]}
    assert differs == {"name_zh", "name_en", "website"}
    assert [(left, right) for _label, left, right in shown["counts"]] == [(2, 1)]
    html = response.content.decode()
    assert "98" in html and "table-warning" in html
    assert html.count('name="survivor"') == 2 and NOT_DUPLICATES in html


def test_a_high_lowest_score_hides_the_pair(admin_client, pair):
    response = admin_client.get(DUPLICATES, {"min_score": 99})
    assert response.context["pairs"] == [] and response.context["total"] == 0


def test_the_merge_page_shows_what_will_move_and_changes_nothing(admin_client, pair):
    keep, other = pair
    response = admin_client.post(MERGE, {"survivor": keep.pk, "duplicate": other.pk})
    assert response.status_code == 200
    plan = response.context["plan"]
    assert [(m.moved, m.kept) for m in plan.changes] == [(1, 0)]
    assert [f.name for f in plan.filled] == ["website"]
    assert Organization.objects.filter(pk=other.pk).exists()
    assert not ChangeRecord.objects.filter(action=ChangeAction.MERGE).exists()
    assert 'name="confirm"' in response.content.decode()


def test_merging_moves_everything_and_the_history_shows_it(admin_client, admin_user, pair):
    keep, other = pair
    response = admin_client.post(
        MERGE, {"survivor": keep.pk, "duplicate": other.pk, "confirm": "1"}
    )
    detail = reverse("organizations:organization", kwargs={"pk": keep.pk})
    assert response.status_code == 302 and response["Location"] == detail
    assert not Organization.objects.filter(pk=other.pk).exists()
    assert keep.contacts.count() == 3
    assert list(keep.aliases.values_list("alias", flat=True)) == [other.name_zh]
    record = ChangeRecord.objects.for_object(keep).get(action=ChangeAction.MERGE)
    assert record.user == admin_user and record.channel == Channel.UI
    html = admin_client.get(detail).content.decode()
    assert other.name_zh in html and f"#{other.pk}" in html
    assert record.get_action_display() in html


def test_merging_needs_the_change_and_delete_permissions(client, pair):
    keep, other = pair
    user = get_user_model().objects.create_user("officer", password="x")
    user.user_permissions.add(Permission.objects.get(codename="change_organization"))
    client.force_login(user)
    response = client.get(DUPLICATES)
    assert response.status_code == 200 and not response.context["can_merge"]
    assert 'name="survivor"' not in response.content.decode()
    data = {"survivor": keep.pk, "duplicate": other.pk, "confirm": "1"}
    assert client.post(MERGE, data).status_code == 403
    assert Organization.objects.filter(pk=other.pk).exists()


def test_unknown_objects_are_not_found(admin_client, pair):
    keep, _other = pair
    assert admin_client.post(MERGE, {"survivor": keep.pk, "duplicate": 999999}).status_code == 404
    assert admin_client.get(MERGE, {"survivor": "x"}).status_code == 404


def test_not_duplicates_is_remembered(admin_client, admin_user, pair):
    keep, other = pair
    response = admin_client.post(
        NOT_DUPLICATES, {"object": [keep.pk, other.pk], "return_url": DUPLICATES}
    )
    assert response.status_code == 302 and response["Location"] == DUPLICATES
    decision = NotDuplicate.objects.get()
    assert decision.user == admin_user
    assert (decision.low_id, decision.high_id) == tuple(sorted((keep.pk, other.pk)))
    assert admin_client.get(DUPLICATES).context["pairs"] == []


def test_the_preview_says_a_link_to_the_duplicate_is_emptied(admin_client, r):
    parent = organization("华强有限公司", r["shenzhen"])
    child = organization("华强电子有限公司", r["shenzhen"], parent=parent)
    # Kept, the child would be its own parent: the link is emptied (it may be), not refused.
    response = admin_client.post(MERGE, {"survivor": child.pk, "duplicate": parent.pk})
    assert response.status_code == 200 and response.context["refused"] is None
    (move,) = response.context["plan"].changes
    assert move.cleared == 1


def test_the_review_list_costs_the_same_for_one_pair_or_several(admin_client, r):
    for name in ("华强", "腾讯", "比亚迪"):
        keep = organization(f"深圳市{name}电子有限公司", r["shenzhen"])
        other = organization(f"深圳市{name}电子（控股）有限公司", r["shenzhen"])
        Contact.objects.create(organization=keep, name="张三")
        OrganizationAlias.objects.create(organization=other, alias=name, language="zh")
    admin_client.get(DUPLICATES)  # warm the content-type cache

    def queries(params) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(DUPLICATES, params)
        return len(response.context["pairs"]), len(captured)

    with patch.object(OrganizationDuplicateListView, "per_page", 1):
        one = queries({"page": 2})
    several = queries({})
    assert (one[0], several[0]) == (1, 3)
    assert one[1] == several[1] <= 30
