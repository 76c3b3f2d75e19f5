"""A figure's row ids are read when used, never before, and read the rows of its query."""

import pickle

import pytest

from counterpart.geo.models import Region
from counterpart.reports.ids import RowIds, SharedRows
from counterpart.reports.serialize import to_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def provinces(regions) -> list[int]:
    return sorted(Region.objects.filter(level="province").values_list("pk", flat=True))


def test_ids_are_not_read_until_used_and_a_known_count_costs_no_query(
    provinces, django_assert_num_queries
):
    with django_assert_num_queries(0):
        ids = RowIds(Region.objects.filter(level="province"), len(provinces))
        assert len(ids) == len(provinces)
        assert bool(ids) is bool(provinces)
        assert not ids.fetched
    with django_assert_num_queries(1):
        assert list(ids) == provinces
        assert ids == provinces
        assert ids[0] == provinces[0]
    assert ids.fetched


def test_ids_come_in_ascending_order_whatever_the_query_orders_by(provinces):
    ids = RowIds(Region.objects.filter(level="province").order_by("-code"))
    assert ids == provinces and len(ids) == len(provinces)


def test_ids_compare_equal_to_lists_tuples_and_other_row_ids():
    assert RowIds([1, 2]) == [1, 2] == RowIds((1, 2))
    assert RowIds([1, 2]) == (1, 2)
    assert RowIds([1, 2]) != [2, 1]
    assert RowIds() == [] and not RowIds()


def test_unfetched_ids_pickle_as_their_query_and_read_the_rows_when_used(
    provinces, django_assert_num_queries
):
    with django_assert_num_queries(0):
        copy = pickle.loads(pickle.dumps(RowIds(Region.objects.filter(level="province"), 3)))
    assert not copy.fetched and len(copy) == 3  # the count travels as it was
    assert copy == provinces


def test_fetched_ids_pickle_as_ids(provinces, django_assert_num_queries):
    ids = RowIds(Region.objects.filter(level="province"))
    list(ids)
    with django_assert_num_queries(0):
        copy = pickle.loads(pickle.dumps(ids))
        assert copy.fetched and copy == provinces


def test_json_renderer_writes_ids_as_a_list(provinces):
    assert to_data({"ids": RowIds(Region.objects.filter(level="province"))}) == {"ids": provinces}


def test_shared_rows_read_every_groups_ids_in_one_query(regions, django_assert_num_queries):
    rows = Region.objects.filter(level__in=["province", "city"])
    expected = {
        level: sorted(rows.filter(level=level).values_list("pk", flat=True))
        for level in ("province", "city")
    }
    with django_assert_num_queries(0):
        shared = SharedRows(rows, "level")
        groups = {level: shared.where(len(ids), level=level) for level, ids in expected.items()}
        everything = shared.where()
        assert [len(g) for g in groups.values()] == [len(ids) for ids in expected.values()]
    with django_assert_num_queries(1):
        assert {level: list(ids) for level, ids in groups.items()} == expected
        assert everything == sorted(expected["province"] + expected["city"])
    with pytest.raises(ValueError, match="shared fields"):
        shared.where(code="230000")


def test_shared_rows_pickle_once_as_their_query(regions, django_assert_num_queries):
    rows = Region.objects.filter(level__in=["province", "city"])
    expected = [
        sorted(rows.filter(level=level).values_list("pk", flat=True))
        for level in ("province", "city")
    ]
    shared = SharedRows(rows, "level")
    groups = [shared.where(level="province"), shared.where(level="city")]
    with django_assert_num_queries(0):
        copies = pickle.loads(pickle.dumps(groups))
    with django_assert_num_queries(1):  # the copies still share their rows
        assert copies == expected
    list(groups[0])  # read: both groups now pickle as the rows read
    with django_assert_num_queries(0):
        assert pickle.loads(pickle.dumps(groups)) == expected


def _province_or_none(level: str, province: int | None) -> int | None:
    """A city's province; None for everything else (rows in no group)."""
    return province if level == "city" else None


def test_keyed_shared_rows_group_ids_by_their_key_in_one_query(regions, django_assert_num_queries):
    rows = Region.objects.all()
    cities = rows.filter(level="city")
    expected = {
        province: sorted(cities.filter(province=province).values_list("pk", flat=True))
        for province in set(cities.values_list("province", flat=True))
    }
    city_ids = sorted(cities.values_list("pk", flat=True))
    with django_assert_num_queries(0):
        shared = SharedRows(rows, "level", "province", key=_province_or_none)
        groups = {province: shared.group(province) for province in expected}
        every = shared.group(None)
        nowhere = shared.group(-1)
    with django_assert_num_queries(1):
        assert {province: list(ids) for province, ids in groups.items()} == expected
        assert every == city_ids  # rows in no group left out
        assert nowhere == []


def test_keyed_shared_rows_pickle_as_their_query_then_as_their_ids(
    regions, django_assert_num_queries
):
    shared = SharedRows(Region.objects.all(), "level", "province", key=_province_or_none)
    every = shared.group(None)
    cities = sorted(Region.objects.filter(level="city").values_list("pk", flat=True))
    with django_assert_num_queries(0):
        copy = pickle.loads(pickle.dumps(every))
    with django_assert_num_queries(1):
        assert copy == cities
    list(every)
    with django_assert_num_queries(0):
        assert pickle.loads(pickle.dumps(every)) == cities


def test_a_group_needs_a_key():
    with pytest.raises(ValueError, match="key"):
        SharedRows(Region.objects.none(), "level").group("city")
