"""Every page costs as many SQL queries on 10,000 more projects as on the sample alone.

The issue's acceptance: "every page renders in a constant number of SQL queries whatever the
number of rows". ``test_views_budget`` checks it within the sample (a few hundred projects);
this module measures each page on the sample, then adds 10,000 synthetic projects with their
stage history, follow-ups and funds (the ``generate`` command, in process), gives a share of
them task forces and officers and the busiest project a thousand more follow-ups, and measures
again. Everything is rolled back after the module.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from counterpart.core.testing import run_command
from counterpart.projects import synthetic
from counterpart.projects.models import FollowUp, Project, TaskForce
from counterpart.web.tests.test_views_budget import DETAIL_BUDGET, LIST_BUDGET, LISTS

# The marker makes pytest-django create the test database (the fixture below fills it).
pytestmark = pytest.mark.django_db

EXTRA_PROJECTS = 10_000
EXTRA_FOLLOW_UPS = 6_000
EXTRA_FUNDS = 4_000
SEED = 20_231
DASHBOARD_BUDGET = 60  # as test_dashboard
SUPERVISION_BUDGET = 20  # as test_supervision_page
BOARD_BUDGET = 20  # as projects/tests/test_board
BUSIEST = "projects:project (busiest)"

# (name, URL name, query, budget); the busiest project's address is found when measuring.
PAGES = [
    ("home", "home", {"start": "2018-01", "end": "2025-12"}, DASHBOARD_BUDGET),
    *[(name, name, {}, LIST_BUDGET) for name in LISTS],
    (BUSIEST, "projects:project", {}, DETAIL_BUDGET),
    ("projects:board", "projects:board", {}, BOARD_BUDGET),
    ("projects:board (by value)", "projects:board", {"order": "value"}, BOARD_BUDGET),
    ("projects:supervision", "projects:supervision", {}, SUPERVISION_BUDGET),
    (
        "projects:supervision (by officer, 2025)",
        "projects:supervision",
        {"group": "officer", "as_of": "2025-12-31"},
        SUPERVISION_BUDGET,
    ),
]


def busiest_project() -> Project:
    return Project.objects.annotate(n=Count("follow_ups")).order_by("-n", "pk").first()


def measure(client: Client, busiest: Project) -> tuple[dict[str, int], dict[str, int]]:
    """The queries each page costs, after a first request has warmed the caches; and, for
    the supervision page, the rows it counts and the size of its HTML."""
    counts, supervision = {}, {}
    for name, url_name, params, _budget in PAGES:
        kwargs = {"pk": busiest.pk} if name == BUSIEST else None
        url = reverse(url_name, kwargs=kwargs)
        assert client.get(url, params).status_code == 200, name
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
        assert response.status_code == 200, name
        counts[name] = len(captured)
        if name == "projects:supervision":
            report = response.context["report"]
            supervision["rows"] = len(report.overdue) + len(report.stale)
            supervision["bytes"] = len(response.content)
    return counts, supervision


def spread(projects: list[int], task_forces: list[TaskForce], officers: list) -> None:
    """Give half of the synthetic projects a task force and an officer, in long runs, so that
    groups of the supervision page hold thousands of rows."""
    half = projects[: len(projects) // 2]
    runs = len(task_forces)
    for index, task_force in enumerate(task_forces):
        chunk = half[index * len(half) // runs : (index + 1) * len(half) // runs]
        Project.objects.filter(pk__in=chunk).update(
            task_force=task_force, officer=officers[index % len(officers)]
        )


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker) -> dict:
    """Query counts per page on the sample, then with 10,000 synthetic projects more."""
    with django_db_blocker.unblock(), transaction.atomic():
        run_command("load_refdata")
        run_command("load_sample")
        user = get_user_model().objects.create_superuser("budget-at-scale", password="x")
        client = Client()
        client.force_login(user)
        busiest = busiest_project()
        before, supervision_before = measure(client, busiest)
        rows_before = {"projects": Project.objects.count(), "follow_ups": FollowUp.objects.count()}

        run_command(
            "generate",
            "--projects",
            str(EXTRA_PROJECTS),
            "--followups",
            str(EXTRA_FOLLOW_UPS),
            "--funds",
            str(EXTRA_FUNDS),
            "--seed",
            str(SEED),
        )
        generated = list(
            synthetic.synthetic_projects(SEED).order_by("pk").values_list("pk", flat=True)
        )
        officers = list(get_user_model().objects.filter(username__startswith="officer-"))
        spread(generated, list(TaskForce.objects.order_by("code")), officers)
        moved = list(
            FollowUp.objects.filter(project__in=generated).order_by("pk").values_list("pk")[:1000]
        )
        FollowUp.objects.filter(pk__in=[pk for (pk,) in moved]).update(project=busiest)
        assert busiest_project() == busiest

        after, supervision_after = measure(client, busiest)
        rows_after = {"projects": Project.objects.count(), "follow_ups": FollowUp.objects.count()}
        yield {
            "before": before,
            "after": after,
            "rows": (rows_before, rows_after),
            "supervision": (supervision_before, supervision_after),
        }
        transaction.set_rollback(True)


def test_the_generated_rows_are_there(measured):
    before, after = measured["rows"]
    assert after["projects"] == before["projects"] + EXTRA_PROJECTS
    assert after["follow_ups"] == before["follow_ups"] + EXTRA_FOLLOW_UPS
    assert datetime.date(2018, 1, 1) <= synthetic.FIRST_SIGNING  # in the dashboard's period
    assert datetime.date(2025, 12, 31) >= synthetic.AS_OF


def test_the_supervision_page_stays_small_with_thousands_of_rows(measured):
    before, after = measured["supervision"]
    assert after["rows"] > before["rows"] + 3_000
    assert after["bytes"] < 1.5 * before["bytes"]  # ten rows of each kind per group


@pytest.mark.parametrize(
    ("name", "budget"), [(p[0], p[3]) for p in PAGES], ids=[p[0] for p in PAGES]
)
def test_a_page_costs_the_same_on_10000_more_projects(measured, name, budget):
    before, after = measured["before"][name], measured["after"][name]
    assert after == before, f"{name}: {before} queries on the sample, {after} at scale"
    assert after <= budget
