"""Likely duplicate projects: an investor in common, the same destination and similar names;
the review list and the merge pages."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from counterpart.core.choices import ChangeAction
from counterpart.core.duplicates import mark_not_duplicates
from counterpart.core.models import ChangeRecord
from counterpart.core.tests.admin_fixtures import organization, regions
from counterpart.projects.choices import ProjectType, Stage
from counterpart.projects.duplicates import find_duplicates, phase, project_key
from counterpart.projects.models import FundsInPlace, Project


@pytest.fixture(autouse=True)
def in_english():
    """The finders' reasons are checked in English (a page's request sets its own language)."""
    with translation.override("en"):
        yield


DUPLICATES = reverse("projects:project_duplicates")
MERGE = reverse("projects:project_merge")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("冰雪大世界项目", "冰雪大世界建设项目"),
        ("冰雪大世界（一期）", "冰雪大世界"),
        ("Ice World Project", "ice world"),
    ],
)
def test_project_names_compare_without_project_words(a, b):
    assert project_key(a) == project_key(b)


def test_the_phase_of_a_project():
    assert phase("新能源汽车项目二期") == "二"
    assert phase("新能源汽车项目（3期）") == "3"
    assert phase("新能源汽车项目") is None


@pytest.fixture
def r(db):
    return regions()


@pytest.fixture
def investor(r):
    return organization("比亚迪股份有限公司", r["shenzhen"])


def project(code, name, investors, destination=None, **kwargs):
    row = Project.objects.create(code=code, name_zh=name, destination_region=destination, **kwargs)
    row.investors.add(*investors)
    return row


def pair_of(a, b, **kwargs):
    for candidate in find_duplicates(**kwargs):
        if {candidate.low_id, candidate.high_id} == {a.pk, b.pk}:
            return candidate
    return None


def test_an_investor_in_common_the_same_destination_and_similar_names(r, investor):
    a = project("HLJ-1", "哈尔滨新能源汽车产业园项目", [investor], r["harbin"])
    b = project("HLJ-2", "新能源汽车产业园建设项目", [investor], r["harbin"])
    candidate = pair_of(a, b)
    assert candidate.reasons == [
        "investor in common: 比亚迪股份有限公司",
        "same destination",
        "similar names 100%: “哈尔滨新能源汽车产业园项目” ~ “新能源汽车产业园建设项目”",
    ]
    assert candidate.score == 100


def test_a_city_inside_the_others_province(r, investor):
    a = project("HLJ-1", "新能源汽车产业园项目", [investor], r["harbin"])
    b = project("HLJ-2", "新能源汽车产业园", [investor], r["hlj"])
    candidate = pair_of(a, b)
    assert "one destination lies within the other" in candidate.reasons
    assert candidate.score == 100


def test_the_same_value_and_signing_date_add_to_the_score(r, investor):
    signed = {
        "stage": Stage.SIGNED,
        "contract_value": Decimal("100000000.00"),
        "signed_date": datetime.date(2023, 6, 15),
    }
    a = project("HLJ-1", "新能源电池材料项目", [investor], r["harbin"], **signed)
    b = project("HLJ-2", "新能源电池原材料项目", [investor], r["harbin"], **signed)
    candidate = pair_of(a, b)
    assert candidate.reasons[-2:] == ["same contract value", "same signing date"]
    similar = "similar names 93%: “新能源电池材料项目” ~ “新能源电池原材料项目”"
    assert candidate.reasons[2] == similar
    assert candidate.score == 100  # 93 + 5 + 3 + 3, at most 100


@pytest.mark.parametrize(
    "change",
    [
        "other_investor",
        "other_destination",
        "other_name",
        "phase",
        "extends",
        "dismissed",
    ],
)
def test_what_keeps_a_pair_out(r, investor, admin_user, change):
    other = organization("宁德时代新能源科技股份有限公司", r["shenzhen"])
    a = project("HLJ-1", "新能源汽车产业园一期项目", [investor], r["harbin"])
    b = project("HLJ-2", "新能源汽车产业园一期", [investor], r["harbin"])
    assert pair_of(a, b) is not None
    if change == "other_investor":
        b.investors.set([other])
    elif change == "other_destination":
        b.destination_region = r["shenzhen"]
        b.save()
    elif change == "other_name":
        b.name_zh = "农产品深加工基地"
        b.save()
    elif change == "phase":
        b.name_zh = "新能源汽车产业园二期"
        b.save()
    elif change == "extends":
        b.project_type, b.extends = ProjectType.EXPANSION, a
        b.save()
    else:
        mark_not_duplicates(a, b, admin_user)
    assert pair_of(a, b) is None


def test_a_destination_not_known_is_a_warning(r, investor):
    a = project("HLJ-1", "新能源汽车产业园项目", [investor], r["harbin"])
    b = project("HLJ-2", "新能源汽车产业园项目", [investor])
    candidate = pair_of(a, b)
    assert candidate.warnings == ["destination not known for both"]
    assert candidate.score == 95


# ---------------------------------------------------------------------------- pages


@pytest.fixture
def pair(r, investor):
    keep = project("HLJ-1", "哈尔滨新能源汽车产业园项目", [investor], r["harbin"])
    other = project(
        "HLJ-2",
        "新能源汽车产业园建设项目",
        [investor],
        r["harbin"],
        stage=Stage.SIGNED,
        contract_value=Decimal("200000000.00"),
        signed_date=datetime.date(2023, 6, 15),
        source_region=r["shenzhen"],
    )
    FundsInPlace.objects.create(
        project=other,
        month=datetime.date(2023, 9, 1),
        amount=Decimal("5000000.00"),
        source_region=r["gd"],
    )
    return keep, other


def test_the_project_list_links_to_the_review_list(admin_client, pair):
    html = admin_client.get(reverse("projects:project_list")).content.decode()
    assert DUPLICATES in html


def test_the_review_list_shows_the_pair(admin_client, pair):
    keep, other = pair
    response = admin_client.get(DUPLICATES)
    (shown,) = response.context["pairs"]
    assert {shown["left"], shown["right"]} == {keep, other}
    differs = {row["name"] for row in shown["rows"] if row["differs"]}
    assert {"code", "name_zh", "stage", "contract_value", "signed_date"} <= differs
    assert "investors" not in differs and "destination_region" not in differs
    assert "比亚迪股份有限公司" in response.content.decode()


def test_merging_two_projects(admin_client, pair):
    keep, other = pair
    preview = admin_client.get(MERGE, {"survivor": keep.pk, "duplicate": other.pk})
    plan = preview.context["plan"]
    filled = {fill.name for fill in plan.filled}
    # A lead has no signing date; the value and where it comes from are kept.
    assert {"contract_value", "source_region"} <= filled and "signed_date" not in filled
    response = admin_client.post(
        MERGE, {"survivor": keep.pk, "duplicate": other.pk, "confirm": "1"}
    )
    assert response.status_code == 302
    assert not Project.objects.filter(pk=other.pk).exists()
    assert keep.funds.count() == 1
    keep.refresh_from_db()
    assert keep.contract_value == Decimal("200000000.00") and keep.stage == Stage.LEAD
    assert ChangeRecord.objects.for_object(keep).filter(action=ChangeAction.MERGE).exists()


def test_a_refused_merge_says_why(admin_client, r, investor):
    base = project("HLJ-1", "新能源汽车产业园项目", [investor], r["harbin"])
    expansion = project(
        "HLJ-2",
        "新能源汽车产业园扩建",
        [investor],
        r["harbin"],
        project_type=ProjectType.EXPANSION,
        extends=base,
    )
    data = {"survivor": expansion.pk, "duplicate": base.pk}
    preview = admin_client.post(MERGE, data)
    assert preview.status_code == 200 and preview.context["refused"]
    assert 'name="confirm"' not in preview.content.decode()
    response = admin_client.post(MERGE, {**data, "confirm": "1"})
    assert response.status_code == 409
    assert Project.objects.filter(pk=base.pk).exists()
    # Keeping the base instead works: only the expansion referred to the other.
    swapped = admin_client.post(MERGE, {"survivor": base.pk, "duplicate": expansion.pk})
    assert swapped.status_code == 200 and swapped.context["refused"] is None
