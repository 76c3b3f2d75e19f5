"""The object lists' pages (``core/pagination.py``): every row once, in a total order (ties by
id), filters with sorts, the last page, pages that do not exist, constant queries, and counts
cached until a committed write."""

import datetime
from decimal import Decimal
from html import unescape
from urllib.parse import unquote

import pytest
from django.db import connection
from django.db.models import F
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from counterpart.core import ledger
from counterpart.core.pagination import SeekPaginator, sort_keys, stable_order
from counterpart.core.testing import settle_ledger
from counterpart.organizations.models import Organization, OrganizationKind
from counterpart.projects.models import Project
from counterpart.projects.views import PROJECTS

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


# --- cursors: the "next" and "previous" links -----------------------------------------------

MONEY = [Decimal("1.00"), Decimal("2.50"), None]
ORDERS = {  # the orders the lists use: table sorts (money columns put NULLs last both ways)
    "-signed_date": ("-signed_date",),
    "signed_date": ("signed_date",),
    "-contract_value": (F("contract_value").desc(nulls_last=True), "pk"),
    "contract_value": (F("contract_value").asc(nulls_last=True), "pk"),
    "name": ("name_zh",),
    "-stage, signed_date": ("-stage", "signed_date"),
    "destination_region": ("destination_region",),  # a relation: its model's ordering (code)
    "default": (),  # Project.Meta.ordering (code)
}


def numbered_pages(queryset, per_page: int) -> list[list[int]]:
    paginator = SeekPaginator(queryset, per_page)
    return [[row.pk for row in paginator.page(n).object_list] for n in paginator.page_range]


def walked_pages(queryset, per_page: int, backward: bool = False) -> list[list[int]]:
    """Every page reached by following the cursors (a new paginator each time, as a new
    request would make) from page 1 forward or from the last page back."""
    paginator = SeekPaginator(queryset, per_page)
    page = paginator.page(paginator.num_pages if backward else 1)
    pages = [page]
    while cursor := (page.previous_cursor if backward else page.next_cursor):
        page = SeekPaginator(queryset, per_page).page_from_cursor(cursor)
        assert page.number == pages[-1].number + (-1 if backward else 1)
        pages.append(page)
    if backward and pages[-1].number == 2:  # page 1 is linked by its number
        pages.append(paginator.page(1))
    ordered = reversed(pages) if backward else pages
    return [[row.pk for row in page.object_list] for page in ordered]


def fill(rows: list[tuple], regions) -> list[Organization]:
    """Projects of ``rows``, each invested in by one, the other or both of two investors."""
    ledger.new_generation()
    Project.objects.all().delete()
    places = [None, regions["hlj"], regions["harbin"]]
    projects = Project.objects.bulk_create(
        Project(
            code=f"Q-{(n * 7919) % 1000:03d}",
            name_zh=f"项目{n % 4}",  # ties
            stage=stage,
            status=status,
            status_reason="test" if status != "active" else "",
            signed_date=DATES[date],
            contract_value=MONEY[value],
            destination_region=places[place],
        )
        for n, (stage, status, date, value, place) in enumerate(rows)
    )
    investors = [
        Organization.objects.get_or_create(
            name_zh=f"投资者{n}", defaults={"kind": OrganizationKind.ENTERPRISE}
        )[0]
        for n in range(2)
    ]
    Link = Project.investors.through
    Link.objects.bulk_create(
        Link(project=project, organization=investors[who])
        for n, project in enumerate(projects)
        for who in ((0,), (1,), (0, 1))[n % 3]
    )
    return investors


ROWS = st.lists(
    st.tuples(
        st.sampled_from(["lead", "signed", "started"]),
        st.sampled_from(["active", "dormant"]),
        st.integers(0, 2),
        st.integers(0, 2),
        st.integers(0, 2),
    ),
    max_size=40,
)


@hyp_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=ROWS,
    order=st.sampled_from(sorted(ORDERS)),
    per_page=st.integers(1, 7),
    through_investors=st.booleans(),
)
def test_cursors_reach_the_rows_of_the_numbered_pages(
    regions, rows, order, per_page, through_investors
):
    """With ties and NULLs, in every order, on SQLite and PostgreSQL (NULLs where each puts
    them), with a filter through a to-many relation (``DISTINCT``, rows joined twice): the
    pages walked by cursor, forward and back, are the pages by number."""
    investors = fill(rows, regions)
    listed = PROJECTS.filter(status="active")
    if through_investors:
        listed = listed.filter(investors__in=investors).distinct()
    queryset = stable_order(listed.order_by(*ORDERS[order]))
    numbered = numbered_pages(queryset, per_page)
    assert walked_pages(queryset, per_page) == numbered
    assert walked_pages(queryset, per_page, backward=True) == numbered


def test_sort_keys_expand_relations_and_keep_the_nulls_as_said():
    keys = sort_keys(Project.objects.order_by("destination_region"))
    assert [k.path for k in keys] == ["destination_region__code", "pk"]
    assert keys[0].nullable and not keys[1].nullable
    (value, pk) = sort_keys(Project.objects.order_by(F("contract_value").desc(nulls_last=True)))
    assert (value.descending, value.nulls, pk.descending) == (True, "last", True)
    assert value.reversed().nulls == "first" and not value.reversed().descending
    assert sort_keys(Project.objects.order_by("?")) is None


@pytest.fixture
def many(regions):
    """130 projects, 110 active: five pages of 25 with ties and NULLs in dates and values."""
    fill(
        [
            ("signed", "dormant" if n % 13 == 0 else "active", n % 3, n % 3, n % 3)
            for n in range(130)
        ],
        regions,
    )


def link_query(response, rel: str) -> dict:
    """The query of the page's ``rel="next"`` or ``"prev"`` link."""
    html = response.content.decode()
    href = html.split(f'rel="{rel}" href="?')[1].split('"')[0]
    return QueryDict(unescape(href)).dict()


def view_page(client, **params):
    response = client.get(LIST, {"per_page": 25, **params})
    assert response.status_code == 200
    table = response.context["table"]
    return response, [row.record.code for row in table.page.object_list], table.page


def test_the_next_and_previous_links_carry_cursors(admin_client, many):
    query = {"status": "active", "sort": "-signed_date"}
    response, codes, page = view_page(admin_client, **query)
    assert page.next_cursor and page.previous_cursor is None
    assert link_query(response, "next") == {
        **query,
        "per_page": "25",
        "page": "2",
        "cursor": page.next_cursor,
    }
    by_cursor = [codes]
    while page.next_cursor:
        _, codes, page = view_page(
            admin_client, **query, page=page.number + 1, cursor=page.next_cursor
        )
        by_cursor.append(codes)
    by_number = [view_page(admin_client, **query, page=n)[1] for n in range(1, 6)]
    assert by_cursor == by_number and page.number == 5
    response, codes, back = view_page(admin_client, **query, page=4, cursor=page.previous_cursor)
    assert link_query(response, "prev")["cursor"] == back.previous_cursor
    assert back.number == 4 and codes == by_number[3]


def test_a_cursor_page_costs_the_same_queries_deep_or_shallow(admin_client, many):
    query = {"status": "active", "sort": "-contract_value"}
    page = view_page(admin_client, **query)[2]
    counts = []
    while page.next_cursor:
        with CaptureQueriesContext(connection) as queries:
            page = view_page(admin_client, **query, page=page.number + 1, cursor=page.next_cursor)[
                2
            ]
        counts.append(len(queries))
    assert len(counts) == 4 and len(set(counts)) == 1


@pytest.mark.parametrize("damage", ["altered", "another sort", "another filter", "garbage"])
def test_an_altered_or_stale_cursor_shows_the_first_page_with_a_message(admin_client, many, damage):
    query = {"status": "active", "sort": "-signed_date"}
    cursor = view_page(admin_client, **query)[2].next_cursor
    asked = {**query, "page": 2, "cursor": cursor}
    if damage == "altered":
        asked["cursor"] = cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")
    elif damage == "another sort":
        asked["sort"] = "signed_date"
    elif damage == "another filter":
        asked["status"] = "dormant"
    else:
        asked["cursor"] = "not-a-cursor"
    response, _codes, page = view_page(admin_client, **asked)
    assert page.number == 1
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]


def test_links_that_change_the_list_drop_the_cursor(admin_client, many):
    query = {"status": "active", "sort": "-signed_date"}
    cursor = view_page(admin_client, **query)[2].next_cursor
    response, _codes, _page = view_page(admin_client, **query, page=2, cursor=cursor)
    html = response.content.decode().replace("&amp;", "&")
    links = [unquote(part.split('"')[0]) for part in html.split('href="?')[1:]]
    with_cursor = [link for link in links if "cursor=" in link]
    assert len(with_cursor) == 1 and "page=3" in with_cursor[0]  # "next" only (page 1: by number)
    others = [link for link in links if "cursor=" not in link]
    assert sum("sort=signed_date" in link for link in others) == 1  # the date's header link
    assert sum("per_page=50" in link for link in others) == 1  # a page size
