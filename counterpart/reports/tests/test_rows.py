"""A report's rows are read as they are used, in the report's order, a slice by its rows only."""

import pickle

import pytest

from counterpart.geo.models import Region, RegionLevel
from counterpart.reports.rows import LazyRows
from counterpart.reports.serialize import to_data

pytestmark = pytest.mark.django_db


def label(code: str, name: str) -> str:
    return f"{code} {name}"


def provinces_by_code():
    return Region.objects.filter(level="province").order_by("-code").values_list("code", "name_zh")


@pytest.fixture
def provinces(db) -> list[Region]:
    """Eight provinces; the first three with 1, 3 and 5 cities."""
    made = [
        Region.objects.create(code=f"{n}0000", name_zh=f"省{n}", level=RegionLevel.PROVINCE)
        for n in range(11, 19)
    ]
    for cities, province in zip((1, 3, 5), made, strict=False):
        for n in range(cities):
            Region.objects.create(
                code=f"{province.code[:2]}{n + 1:02d}00",
                name_zh=f"市{n}",
                level=RegionLevel.PREFECTURE,
                parent=province,
            )
    return made


@pytest.fixture
def expected(provinces) -> list[str]:
    return [label(code, name) for code, name in provinces_by_code()]


def rows(count: int) -> LazyRows:
    return LazyRows(provinces_by_code(), count, label)


def test_the_count_costs_no_query_and_the_rows_come_in_the_query_order(
    expected, django_assert_num_queries
):
    with django_assert_num_queries(0):
        lazy = rows(len(expected))
        assert len(lazy) == len(expected) and bool(lazy)
    with django_assert_num_queries(1):
        assert list(lazy) == expected
    assert lazy == expected and expected == lazy  # each way round
    assert lazy != list(reversed(expected))


def test_a_slice_or_an_item_reads_only_its_rows(expected, django_assert_num_queries):
    lazy = rows(len(expected))
    with django_assert_num_queries(1) as captured:
        assert lazy[:3] == expected[:3]
    assert "LIMIT 3" in captured.captured_queries[0]["sql"]
    assert lazy[2] == expected[2] and lazy[-1] == expected[-1]
    assert lazy[1:7:2] == expected[1:7:2]
    with django_assert_num_queries(0):
        assert lazy[len(expected) :] == [] and not rows(0) and list(rows(0)) == []
    with pytest.raises(IndexError):
        lazy[len(expected)]


def test_a_flat_query_gives_its_values_and_ids_keep_the_order(expected):
    lazy = rows(len(expected))
    codes = Region.objects.filter(level="province").order_by("-code")
    assert lazy.ids() == list(codes.values_list("pk", flat=True))
    flat = LazyRows(codes.values_list("code", flat=True), len(expected))
    assert list(flat) == [item.split()[0] for item in expected]


def test_the_first_rows_of_each_group_in_one_query(provinces, django_assert_num_queries):
    cities = (
        Region.objects.filter(level="prefecture").order_by("code").values_list("code", "parent")
    )
    lazy = LazyRows(cities, cities.count())
    every = list(cities)
    with django_assert_num_queries(1):
        first = lazy.first_per("parent", 2)
    assert len(first) == 1 + 2 + 2
    parents = {parent for _code, parent in every}
    expected = [
        row for row in every if [r for r in every if r[1] == row[1]].index(row) < 2
    ]  # the first two of each parent, in the query's order
    assert first == expected and {parent for _code, parent in first} == parents
    # A group of at most ``whole_up_to`` rows comes whole.
    biggest = max(parents, key=lambda p: sum(1 for r in every if r[1] == p))
    size = sum(1 for r in every if r[1] == biggest)
    whole = lazy.first_per("parent", 1, whole_up_to=size)
    assert whole == every


def test_unordered_rows_are_refused(provinces):
    with pytest.raises(ValueError):
        LazyRows(Region.objects.order_by().values_list("code"), 1)


def test_rows_pickle_as_their_query_and_render_as_a_list(expected, django_assert_num_queries):
    with django_assert_num_queries(0):
        copy = pickle.loads(pickle.dumps(rows(len(expected))))
    assert len(copy) == len(expected) and copy == expected
    assert to_data(rows(len(expected))) == expected
