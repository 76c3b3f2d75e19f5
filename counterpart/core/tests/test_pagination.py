"""The object lists' pages (``core/pagination.py``): every row once, in a total order (ties by
id), filters with sorts, the last page, pages that do not exist, constant queries, and counts
cached until a committed write."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from counterpart.core import ledger
from counterpart.core.pagination import stable_order
from counterpart.core.testing import settle_ledger
from counterpart.projects.models import Project

pytestmark = pytest.mark.django_db

LIST = reverse("projects:project_list")
DATES = [datetime.date(2023, 4, 22), datetime.date(2023, 6, 1), None]  # many ties, and NULLs


@pytest.fixture
def projects(regions):
    """60 projects: 3 signing dates (ties), every 6th dormant, ids not in code order."""
    rows = [
        Project(
            code=f"P-{(n * 37) % 60:03d}",
            name_zh=f"项目{n}",
            stage="lead",
            status="dormant" if n % 6 == 0 else "active",
            status_reason="test" if n % 6 == 0 else "",
            signed_date=DATES[n % 3],
        )
        for n in range(60)
    ]
    return Project.objects.bulk_create(rows)


@pytest.fixture(autouse=True)
def fresh_cache():
    yield
    ledger.new_generation()


def page(client, **params):
    response = client.get(LIST, {"per_page": 25, **params})
    assert response.status_code == 200
    table = response.context["table"]
    return response, [row.record.code for row in table.page.object_list], table


def expected(**filters):
    rows = list(Project.objects.filter(**filters))
    # ascending, then reversed for -signed_date (ties by id, reversed too): PostgreSQL sorts
    # NULL as the largest value, SQLite as the smallest
    dated = sorted((p for p in rows if p.signed_date), key=lambda p: (p.signed_date, p.pk))
    undated = sorted((p for p in rows if not p.signed_date), key=lambda p: p.pk)
    ordered = dated + undated if connection.vendor == "postgresql" else undated + dated
    return [p.code for p in reversed(ordered)]


def test_pages_hold_every_row_once_in_a_total_order(admin_client, projects):
    first, second = (
        page(admin_client, status="active", sort="-signed_date", page=number) for number in (1, 2)
    )
    table = second[2]
    assert table.paginator.count == 50 and table.paginator.num_pages == 2
    assert len(first[1]) == 25 and len(second[1]) == 25
    assert first[1] + second[1] == expected(status="active")


def test_the_default_order_and_an_ascending_sort(admin_client, projects):
    _, codes, _ = page(admin_client)
    assert codes == sorted(p.code for p in projects)[:25]
    _, codes, _ = page(admin_client, sort="name", page=3)
    names = sorted(Project.objects.values_list("name_zh", "code"))
    assert codes == [code for _name, code in names][50:]


def test_a_page_that_does_not_exist_shows_the_last_with_a_message(admin_client, projects):
    response, codes, table = page(admin_client, page=99)
    assert table.page.number == 3 and len(codes) == 10
    assert "没有第99页" in response.content.decode()  # the interface speaks Chinese first


@pytest.mark.parametrize("asked", ["abc", "0", "-4"])
def test_a_page_number_that_is_not_one_shows_the_first(admin_client, projects, asked):
    response, _codes, table = page(admin_client, page=asked)
    assert table.page.number == 1
    text = response.content.decode()
    assert "不是整数" in text or "没有第" in text


def test_per_page_is_one_of_the_options(admin_client, projects):
    _, codes, _ = page(admin_client, per_page=100000)
    assert len(codes) == 50  # the default, not what the address asked for


def test_a_deep_page_costs_the_queries_of_the_first(admin_client, projects):
    page(admin_client, status="active", sort="-contract_value")  # warm the count
    counts = []
    for number in (1, 2):
        with CaptureQueriesContext(connection) as queries:
            page(admin_client, status="active", sort="-contract_value", page=number)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_count_is_cached_until_a_committed_write(
    admin_client, projects, django_capture_on_commit_callbacks
):
    settle_ledger()
    _, _, table = page(admin_client, status="active")
    assert table.paginator.count == 50
    with CaptureQueriesContext(connection) as queries:
        page(admin_client, status="active")
    assert not any("COUNT(" in q["sql"] for q in queries.captured_queries)
    with django_capture_on_commit_callbacks(execute=True):
        Project.objects.filter(code="P-000").update(status="active", status_reason="")
    _, _, table = page(admin_client, status="active")
    assert table.paginator.count == 51


def test_a_filter_through_a_relation_with_a_sort(admin_client, projects, investor):
    for project in projects[:30]:
        project.investors.add(investor)
    _, codes, table = page(admin_client, investor_id=investor.pk, sort="-signed_date", page=2)
    assert table.paginator.count == 30 and len(codes) == 5
    first = page(admin_client, investor_id=investor.pk, sort="-signed_date")[1]
    assert len(set(first + codes)) == 30


def test_stable_order_breaks_ties_in_the_direction_of_the_last_key():
    ordered = stable_order(Project.objects.order_by("-signed_date"))
    assert ordered.query.order_by == ("-signed_date", "-pk")
    ordered = stable_order(Project.objects.order_by("name_zh"))
    assert ordered.query.order_by == ("name_zh", "pk")
    assert stable_order(Project.objects.order_by("stage", "-id")).query.order_by == ("stage", "-id")
    assert stable_order(Project.objects.all()).query.order_by == ("code", "pk")
