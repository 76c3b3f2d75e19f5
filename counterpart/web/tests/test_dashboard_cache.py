"""The dashboard's figures are cached per ledger generation (``core/ledger.py``): a second load
costs fewer queries, and a committed write by any path shows on the next load.

A test's writes never commit (the test runs in a transaction that is rolled back), so each
write here runs inside ``django_capture_on_commit_callbacks(execute=True)``: the callbacks a
commit would run, run. Without them, or with a write path that forgot to touch the ledger, the
next load shows the cached figure and the test fails.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from counterpart.core import ledger
from counterpart.core.testing import run_command, settle_ledger
from counterpart.industries.models import Industry
from counterpart.projects.models import Project

pytestmark = pytest.mark.usefixtures("sample_data", "db")

PERIOD = {"start": "2023-04", "end": "2023-04"}
WIDE = {"start": "2000-01", "end": "2030-12"}
ONE_HUNDRED_MILLION = Decimal("100000000")


@pytest.fixture(autouse=True)
def settled(admin_client):
    """The sample data count as committed; afterwards no other test sees this test's cache."""
    settle_ledger()
    yield
    ledger.new_generation()


def load(client, params=PERIOD):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"), params)
    assert response.status_code == 200
    return response.context["board"], len(queries)


def april_project() -> Project:
    return Project.objects.filter(signed_date__range=("2023-04-01", "2023-04-30")).order_by("pk")[0]


def test_the_second_load_is_served_from_the_cache(admin_client):
    first, computed = load(admin_client)
    second, cached = load(admin_client)
    assert cached < computed
    assert second.headline("signed-value").value == first.headline("signed-value").value


def test_a_write_that_does_not_touch_the_ledger_is_not_seen(admin_client, monkeypatch):
    """Proof that the cache serves the figures (and so that the tests below can fail)."""
    before, _ = load(admin_client)
    monkeypatch.setattr(ledger, "touch", lambda *args, **kwargs: None)
    monkeypatch.setattr(ledger.WriteWatcher, "__call__", lambda self, execute, *a: execute(*a))
    project = april_project()
    project.contract_value += ONE_HUNDRED_MILLION
    project.save()
    after, _ = load(admin_client)
    assert after.headline("signed-value").value == before.headline("signed-value").value


def save_a_value(project: Project) -> None:
    project.contract_value += ONE_HUNDRED_MILLION
    project.save()


def update_a_value(project: Project) -> None:
    Project.objects.filter(pk=project.pk).update(
        contract_value=F("contract_value") + ONE_HUNDRED_MILLION
    )


def raw_sql(project: Project) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE projects_project SET contract_value = contract_value + %s WHERE id = %s",
            [ONE_HUNDRED_MILLION, project.pk],
        )


def delete(project: Project) -> None:
    project.stage_changes.all().delete()
    project.later_signing_events.clear()
    project.delete()


@pytest.mark.parametrize("write", [save_a_value, update_a_value, raw_sql, delete])
def test_a_write_shows_on_the_next_load(admin_client, django_capture_on_commit_callbacks, write):
    before, _ = load(admin_client)
    load(admin_client)  # cached now
    with django_capture_on_commit_callbacks(execute=True):
        write(april_project())
    after, _ = load(admin_client)
    assert after.headline("signed-value").value != before.headline("signed-value").value


def test_a_many_to_many_change_shows(admin_client, django_capture_on_commit_callbacks):
    before, _ = load(admin_client)
    load(admin_client)
    project = april_project()
    used = set(Industry.objects.filter(projects__isnull=False).values_list("pk", flat=True))
    other = Industry.objects.filter(taxonomy__code="hlj-4567").exclude(pk__in=used).first()
    assert other is not None
    with django_capture_on_commit_callbacks(execute=True):
        project.industries.set([other])
    after, _ = load(admin_client)
    assert [(p.key, p.value) for p in after.by_industry] != [
        (p.key, p.value) for p in before.by_industry
    ]


def test_a_form_save_through_the_web_shows(admin_client, django_capture_on_commit_callbacks):
    """A write through a page (here the bulk verification of the project list)."""
    project = april_project()
    Project.objects.filter(pk=project.pk).update(verified_at=None, verified_by=None)
    settle_ledger()
    before, _ = load(admin_client)
    load(admin_client)
    url = reverse("projects:project_bulk_verify")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"pk": [project.pk]})
    assert response.status_code == 302
    after, _ = load(admin_client)
    unverified = before.headline("signed-value").unverified
    assert after.headline("signed-value").unverified == unverified - 1


def test_generated_rows_show(admin_client, django_capture_on_commit_callbacks):
    before, _ = load(admin_client, WIDE)
    load(admin_client, WIDE)
    with django_capture_on_commit_callbacks(execute=True):
        run_command("generate", "--projects", "200", "--seed", "4711")
    after, _ = load(admin_client, WIDE)
    assert after.headline("signed-count").value > before.headline("signed-count").value


def test_uncommitted_writes_are_not_cached_for_others(admin_client):
    """A transaction that wrote reads around the cache: its figures are nobody else's."""
    load(admin_client)
    save_a_value(april_project())  # not committed: its callback is pending
    assert ledger.in_dirty_transaction()
    fresh, _ = load(admin_client)
    with CaptureQueriesContext(connection) as queries:
        again, _ = load(admin_client)
    assert len(queries) > 10  # computed again, not served from the cache
    assert again.headline("signed-value").value == fresh.headline("signed-value").value


def test_the_default_period_follows_the_latest_signing(
    admin_client, django_capture_on_commit_callbacks
):
    admin_client.get(reverse("home"))
    with django_capture_on_commit_callbacks(execute=True):
        Project.objects.filter(
            pk=Project.objects.filter(stage="signed", start_date__isnull=True)[0].pk
        ).update(signed_date=datetime.date(2029, 6, 1))
    response = admin_client.get(reverse("home"))
    assert response.context["form"].initial["start"] == datetime.date(2029, 1, 1)


def test_the_api_shares_the_cache_and_its_invalidation(
    admin_client, django_capture_on_commit_callbacks
):
    url = "/api/reports/dashboard/"
    params = {"from_month": "2023-04", "to_month": "2023-04"}
    first = admin_client.get(url, params)
    assert first.status_code == 200, first.content
    with CaptureQueriesContext(connection) as queries:
        second = admin_client.get(url, params)
    assert second.json() == first.json()
    # Served from the cache: no figure is computed again. The ids behind the figures are read
    # when the API writes them (``reports/ids.py``), one query per column of ids, however many
    # rows: the league's four and its two left-out lists, the latest event's two.
    computed = [q["sql"] for q in queries.captured_queries if "SUM(" in q["sql"].upper()]
    assert not computed
    assert len(queries) <= 12
    with django_capture_on_commit_callbacks(execute=True):
        update_a_value(april_project())
    assert admin_client.get(url, params).json() != first.json()


def test_an_import_shows(admin_client, django_capture_on_commit_callbacks):
    import io

    from openpyxl import Workbook

    from counterpart.imports.entities import ENTITIES
    from counterpart.imports.readers import read_table
    from counterpart.imports.services import run_import

    project = april_project()
    before, _ = load(admin_client)
    load(admin_client)
    book = Workbook()
    rows = [
        ["项目编号", "项目名称", "项目阶段", "项目所在地", "签约额（元）"],
        [
            project.code,
            project.name_zh,
            "签约",
            project.destination_region.code,
            str(project.contract_value + ONE_HUNDRED_MILLION),
        ],
    ]
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    entity = ENTITIES["projects"]
    headers = [h for column in entity.bound_columns() for h in column.headers()]
    table = read_table(data.getvalue(), "rows.xlsx", header_names=headers)
    with django_capture_on_commit_callbacks(execute=True):
        result = run_import(table, entity, commit=True, user=None)
    assert result.committed, [e.message for r in result.errors for e in r.errors]
    after, _ = load(admin_client)
    assert after.headline("signed-value").value != before.headline("signed-value").value


def test_a_merge_shows(admin_client, django_capture_on_commit_callbacks):
    """Merging a duplicate project into another: the duplicate's signing stops counting."""
    from counterpart.core.merge import merge

    first, second = Project.objects.filter(
        signed_date__range=("2023-04-01", "2023-04-30"), project_type="new"
    ).order_by("pk")[:2]
    before, _ = load(admin_client)
    load(admin_client)
    with django_capture_on_commit_callbacks(execute=True):
        merge(first, [second])
    after, _ = load(admin_client)
    assert after.headline("signed-count").value == before.headline("signed-count").value - 1
