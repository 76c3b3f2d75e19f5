"""The supervision page shows the supervision report's figures, links each to its rows, refuses
bad input beside the field, and costs the same number of queries for few or many rows."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from counterpart.geo.models import Region
from counterpart.projects import supervision_views
from counterpart.projects.filtersets import FollowUpFilterSet, ProjectFilterSet
from counterpart.projects.models import FollowUp, Project, TaskForce
from counterpart.reports.filters import ReportFilters
from counterpart.reports.supervision import supervision

pytestmark = pytest.mark.usefixtures("sample_data", "db")

URL = "/projects/supervision/"
MID_2023 = datetime.date(2023, 6, 30)


def page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def rows_behind(url: str, filterset_class, model) -> set[int]:
    """The ids a list address shows, filtered as the list filters them."""
    parts = urlsplit(url)
    assert parts.path == reverse(
        "projects:followup_list" if model is FollowUp else "projects:project_list"
    )
    data = QueryDict(parts.query)
    filterset = filterset_class(data, queryset=model.objects.all())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("pk", flat=True))


def queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        page(client, **params)
    return len(captured)


def test_the_address_is_its_own():
    assert reverse("projects:supervision") == URL
    assert resolve(URL).func is supervision_views.supervision


def test_mid_2023_figures_match_the_report(admin_client):
    response = page(admin_client, as_of="2023-06-30")
    report = supervision(MID_2023, ReportFilters())
    shown = response.context["report"]
    assert [a.follow_up_id for a in shown.overdue] == [a.follow_up_id for a in report.overdue]
    assert [p.project_id for p in shown.stale] == [p.project_id for p in report.stale]
    html = response.content.decode()
    assert f"{len(report.overdue)}项" in html and f"{len(report.stale)}个" in html
    groups = response.context["groups"]
    assert [g.code for g in groups] == [g.key for g in report.by_task_force]
    for group, expected in zip(groups, report.by_task_force, strict=True):
        assert (group.overdue.count, group.stale.count) == (
            expected.overdue_count,
            expected.stale_count,
        )
        assert len(group.overdue.rows) == min(10, expected.overdue_count)
        assert len(group.stale.rows) == min(10, expected.stale_count)
        # The first rows are the report's, most overdue and longest in stage first.
        shown_overdue = [row["item"].follow_up_id for row in group.overdue.rows]
        assert shown_overdue == expected.follow_up_ids[:10]
        assert [row["item"].project_id for row in group.stale.rows] == expected.project_ids[:10]
    first = groups[0]
    assert first.name == TaskForce.objects.get(code=first.code).name_zh
    task_force = TaskForce.objects.get(code=first.code)
    assert first.url == reverse("projects:taskforce", kwargs={"pk": task_force.pk})
    assert first.stale.more == first.stale.count - 10 > 0


def test_every_count_links_to_exactly_its_rows_when_it_can(admin_client):
    response = page(admin_client, as_of="2023-06-30")
    report = response.context["report"]
    overdue, stale = response.context["overdue_link"], response.context["stale_link"]
    assert overdue.exact and stale.exact  # 50 and 160 rows: by ids
    assert rows_behind(overdue.url, FollowUpFilterSet, FollowUp) == {
        a.follow_up_id for a in report.overdue
    }
    assert rows_behind(stale.url, ProjectFilterSet, Project) == {p.project_id for p in report.stale}
    for group, expected in zip(response.context["groups"], report.by_task_force, strict=True):
        if group.overdue.link:
            behind = rows_behind(group.overdue.link.url, FollowUpFilterSet, FollowUp)
            assert behind == set(expected.follow_up_ids)
        behind = rows_behind(group.stale.link.url, ProjectFilterSet, Project)
        assert behind == set(expected.project_ids)
    html = response.content.decode()
    assert html.count('supervision-group"') == len(report.by_task_force)


def test_today_links_the_overdue_filter_and_beyond_200_ids_the_nearest_filters(admin_client):
    response = page(admin_client, stale_days=30)
    report = response.context["report"]
    overdue = response.context["overdue_link"]
    assert "overdue=true" in overdue.url and overdue.exact
    assert rows_behind(overdue.url, FollowUpFilterSet, FollowUp) == {
        a.follow_up_id for a in report.overdue
    }
    stale = response.context["stale_link"]
    assert len(report.stale) > supervision_views.ID_LIMIT and not stale.exact
    # Today's stage and status are the ones the page judged: the list is a wider selection.
    assert rows_behind(stale.url, ProjectFilterSet, Project) >= {p.project_id for p in report.stale}
    with translation.override("zh-hans"):
        assert gettext("The list shows a wider selection.") in response.content.decode()


def test_2023_and_today_differ_as_the_day_says(admin_client):
    mid_2023 = page(admin_client, as_of="2023-06-30").context["report"]
    today = page(admin_client).context["report"]
    assert today.as_of == timezone.localdate()
    assert len(today.overdue) != len(mid_2023.overdue)
    assert len(today.stale) > len(mid_2023.stale)
    for report in (mid_2023, today):
        assert all(a.due < report.as_of for a in report.overdue)
        assert all(a.days_overdue == (report.as_of - a.due).days for a in report.overdue)
        assert all(p.since < report.as_of for p in report.stale)
    # Before the ledger begins there is nothing to supervise.
    response = page(admin_client, as_of="2000-01-01")
    assert response.context["groups"] == []
    assert 'id="nothing-to-supervise"' in response.content.decode()


def test_grouping_by_officer_puts_unnamed_items_last(admin_client):
    response = page(admin_client, as_of="2023-06-30", group="officer")
    report = supervision(MID_2023, ReportFilters())
    groups = response.context["groups"]
    assert [g.code for g in groups] == [g.key for g in report.by_officer]
    officer = get_user_model().objects.get(username=groups[0].code)
    assert groups[0].name == str(officer)
    behind = rows_behind(groups[0].stale.link.url, ProjectFilterSet, Project)
    assert behind == set(report.by_officer[0].project_ids)
    # A project without an officer lands in the last group, "No officer".
    Project.objects.filter(pk=report.stale[0].project_id).update(officer=None)
    groups = page(admin_client, as_of="2023-06-30", group="officer").context["groups"]
    with translation.override("zh-hans"):
        assert groups[-1].code == "" and groups[-1].name == gettext("No officer")
    assert [row["item"].project_id for row in groups[-1].stale.rows] == [report.stale[0].project_id]


def test_a_task_force_and_a_city_narrow_the_figures(admin_client):
    task_force = TaskForce.objects.get(code="TF-1")
    response = page(admin_client, as_of="2023-06-30", task_force="TF-1")
    report = supervision(MID_2023, ReportFilters(task_force="TF-1"))
    assert [g.code for g in response.context["groups"]] == ["TF-1"]
    assert len(response.context["report"].stale) == len(report.stale)
    link = response.context["groups"][0].overdue.link
    assert rows_behind(link.url, FollowUpFilterSet, FollowUp) == set(
        report.by_task_force[0].follow_up_ids
    )
    assert task_force.name_zh in response.content.decode()

    harbin = Region.objects.get(code="230100")
    district = Region.objects.filter(parent=harbin).order_by("code").first()
    qiqihar_project = Project.objects.filter(destination_region__code="230200").first()
    by_city = supervision(MID_2023, ReportFilters(), region_id=harbin.pk)
    assert by_city.stale and all(
        Project.objects.get(pk=p.project_id).destination_region_id == harbin.pk
        for p in by_city.stale
    )
    shown = page(admin_client, as_of="2023-06-30", city="230100").context["report"]
    assert [p.project_id for p in shown.stale] == [p.project_id for p in by_city.stale]
    # A project in one of Harbin's districts is Harbin's too (the project list's rule).
    moved = by_city.stale[0].project_id
    Project.objects.filter(pk=moved).update(destination_region=district)
    shown = page(admin_client, as_of="2023-06-30", city="230100").context["report"]
    assert moved in [p.project_id for p in shown.stale]
    province = page(admin_client, as_of="2023-06-30", city="230000").context["report"]
    assert len(province.stale) == len(supervision(MID_2023, ReportFilters()).stale)
    assert qiqihar_project.pk not in [p.project_id for p in shown.stale]


def test_only_mine_is_offered_to_officers_and_keeps_their_items(client, admin_client):
    assert "mine" not in page(admin_client).context["form"].fields
    officer = get_user_model().objects.get(username="officer-230100")
    client.force_login(officer)
    assert "mine" in page(client).context["form"].fields
    response = page(client, as_of="2023-06-30", mine="on")
    full = supervision(MID_2023, ReportFilters())
    [own] = [g for g in full.by_officer if g.key == "officer-230100"]
    report = response.context["report"]
    assert [a.follow_up_id for a in report.overdue] == own.follow_up_ids
    assert [p.project_id for p in report.stale] == own.project_ids
    for group in response.context["groups"]:
        assert rows_behind(group.stale.link.url, ProjectFilterSet, Project) == {
            p.project_id for p in report.stale if p.task_force_id == group_id(group)
        }
    response = page(client, mine="on")  # today: the follow-up list's own filters
    link = response.context["overdue_link"]
    assert f"officer_id={officer.pk}" in link.url and link.exact
    assert rows_behind(link.url, FollowUpFilterSet, FollowUp) == {
        a.follow_up_id for a in response.context["report"].overdue
    }


def group_id(group) -> int | None:
    return TaskForce.objects.get(code=group.code).pk if group.code else None


@pytest.mark.parametrize(
    "params",
    [
        {"stale_days": "0"},
        {"stale_days": "99999"},
        {"stale_days": "many"},
        {"as_of": "2023-02-30"},
        {"as_of": "1900-01-01"},
        {"task_force": "NO-SUCH-TF"},
        {"city": "999999"},
        {"group": "nobody"},
    ],
)
def test_invalid_input_is_shown_beside_its_field(admin_client, params):
    response = page(admin_client, **params)
    [name] = params
    assert "report" not in response.context
    assert response.context["form"].errors[name]
    html = response.content.decode()
    assert f'id="id_{name}_error"' in html
    assert "is-invalid" in html


def test_empty_fields_take_the_defaults(admin_client):
    response = page(admin_client, as_of="", stale_days="", group="")
    report = response.context["report"]
    assert (report.as_of, report.stale_days) == (timezone.localdate(), 90)
    assert response.context["by_officer"] is False


def test_in_english(admin_client, admin_user):
    admin_user.language = "en"
    admin_user.save(update_fields=["language"])
    try:
        response = page(admin_client, as_of="2023-06-30")
        html = response.content.decode()
        assert "<h1" in html and "Supervision" in html and "Overdue actions" in html
        assert "Counterpart cooperation task force 1" in html  # the task force's English name
        assert "督办" not in html and "逾期" not in html
        first = response.context["groups"][0].stale.rows[0]
        assert str(first["stage"]) in {"lead", "negotiating", "signed", "started"}
        project = Project.objects.get(pk=first["item"].project_id)
        assert first["name"] == (project.name_en or project.name_zh)
        assert f"{len(response.context['report'].overdue)}</span>" in html
    finally:
        admin_user.language = ""
        admin_user.save(update_fields=["language"])


def test_in_chinese_by_default(admin_client):
    html = page(admin_client, as_of="2023-06-30").content.decode()
    assert "督办" in html and "对口合作第一专班" in html and "开工" in html


def test_few_or_many_stale_projects_cost_the_same_queries(admin_client):
    page(admin_client)  # warm the content-type and session caches
    few = queries(admin_client, stale_days=1500)
    many = queries(admin_client, stale_days=30)
    few_report = page(admin_client, stale_days=1500).context["report"]
    many_report = page(admin_client, stale_days=30).context["report"]
    assert 0 < len(few_report.stale) < 60 < 300 < len(many_report.stale)
    assert few == many
    assert queries(admin_client, stale_days=30, group="officer") == many
    assert queries(admin_client, as_of="2023-06-30", city="230100", task_force="TF-1") <= many + 2
    assert many <= 20
