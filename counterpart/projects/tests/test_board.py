"""The pipeline board and the move of a project to another stage, on the sample data."""

import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from counterpart.geo.models import Region
from counterpart.industries.models import Industry
from counterpart.projects.choices import ProjectStatus, Stage
from counterpart.projects.filtersets import ProjectFilterSet
from counterpart.projects.models import Project, StageChange

pytestmark = pytest.mark.usefixtures("sample_data", "db")

BOARD = reverse("projects:board")
BOARD_BUDGET = 20


def move_url(project: Project) -> str:
    return reverse("projects:project_move", args=[project.pk])


def columns(response) -> dict[str, object]:
    return {column.stage.value: column for column in response.context["columns"]}


def rows_behind(url: str):
    """The projects the project list shows at ``url``."""
    params = parse_qs(urlsplit(url).query)
    return ProjectFilterSet(params, queryset=Project.objects.all()).qs


def a_project(stage: str, **filters) -> Project:
    return (
        Project.objects.filter(stage=stage, status=ProjectStatus.ACTIVE, **filters)
        .order_by("code")
        .first()
    )


# ---------------------------------------------------------------------------- the board


def test_the_board_counts_every_live_project_once_per_stage(admin_client):
    response = admin_client.get(BOARD)
    assert response.status_code == 200
    live = Project.objects.exclude(status=ProjectStatus.DROPPED)
    expected = dict(live.values_list("stage").annotate(n=Count("pk")))
    assert {stage: c.count for stage, c in columns(response).items() if c.count} == expected
    assert response.context["total"] == live.count()
    for column in columns(response).values():
        assert len(column.cards) == min(column.count, 12)
        assert {card.stage for card in column.cards} <= {column.stage}


def test_each_column_links_to_the_list_of_its_projects(admin_client):
    response = admin_client.get(BOARD)
    html = response.content.decode()
    for stage, column in columns(response).items():
        start = html.index('href="', html.index(f'id="stage-{stage}"')) + len('href="')
        href = html[start : html.index('"', start)].replace("&amp;", "&")
        assert rows_behind(href).count() == column.count, stage


def test_signed_column_value_is_the_counted_value(admin_client):
    signed = columns(admin_client.get(BOARD))["signed"]
    projects = Project.objects.with_counted_value().filter(stage=Stage.SIGNED)
    total = sum(
        (p.counted_value for p in projects.exclude(status=ProjectStatus.DROPPED)
         if p.counted_value is not None),
        start=Decimal(0),
    )  # fmt: skip
    assert signed.value == total


def test_filter_by_city_task_force_and_industry(admin_client):
    harbin = Region.objects.get(code="230100")
    response = admin_client.get(BOARD, {"destination_region_id": harbin.pk})
    cards = [card for c in columns(response).values() for card in c.cards]
    assert cards and all(
        harbin.pk in (card.destination_region_id, card.destination_region.parent_id)
        for card in cards
    )
    project = Project.objects.filter(task_force__isnull=False, industries__isnull=False).first()
    industry = project.industries.first()
    response = admin_client.get(
        BOARD,
        {"task_force_id": project.task_force_id, "industry_id": industry.pk, "status": "active"},
    )
    expected = Project.objects.filter(
        task_force=project.task_force, industries=industry, status=ProjectStatus.ACTIVE
    ).distinct()
    assert response.context["total"] == expected.count()
    shown = {card.pk for c in columns(response).values() for card in c.cards}
    assert project.pk in shown or project.status != ProjectStatus.ACTIVE


def test_an_industry_with_children_counts_a_project_once(admin_client):
    parent = Industry.objects.filter(children__isnull=False).first()
    response = admin_client.get(BOARD, {"industry_id": parent.pk})
    ids = [card.pk for c in columns(response).values() for card in c.cards]
    assert len(ids) == len(set(ids))


def test_cards_can_be_ordered_by_value(admin_client):
    signed = columns(admin_client.get(BOARD, {"order": "value"}))["signed"]
    values = [card.counted_value for card in signed.cards]
    assert values == sorted(values, reverse=True)
    biggest = (
        Project.objects.with_counted_value()
        .filter(stage=Stage.SIGNED)
        .exclude(status=ProjectStatus.DROPPED)
        .order_by("-counted_value")
        .first()
    )
    assert signed.cards[0].counted_value == biggest.counted_value


def test_an_unknown_order_falls_back_and_bad_filters_say_so(admin_client):
    assert admin_client.get(BOARD, {"order": "nonsense"}).context["order"] == "recent"
    response = admin_client.get(BOARD, {"destination_region_id": "x"})
    assert response.status_code == 200
    assert response.context["invalid_filters"] and response.context["total"] == 0


def test_dropped_projects_show_only_when_asked_for(admin_client):
    project = a_project(Stage.NEGOTIATING)
    project.status, project.status_reason = ProjectStatus.DROPPED, "投资方撤回"
    project.save()
    shown = admin_client.get(BOARD)
    assert project.code not in shown.content.decode()
    asked = admin_client.get(BOARD, {"status": "dropped"})
    assert asked.context["total"] == Project.objects.filter(status="dropped").count() >= 1


def test_the_board_costs_the_same_queries_for_few_or_many_cards(admin_client):
    admin_client.get(BOARD)  # warm caches
    with CaptureQueriesContext(connection) as province:
        many = admin_client.get(BOARD, {"destination_region": "230000"})
    with CaptureQueriesContext(connection) as one_city:
        few = admin_client.get(BOARD, {"destination_region": "230700"})
    assert many.context["total"] > 300 and few.context["total"] < 20
    assert len(province) == len(one_city) <= BOARD_BUDGET


def test_the_board_in_english(admin_client):
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = admin_client.get(BOARD).content.decode()
    assert "Pipeline board" in html and "Negotiating" in html


def test_read_only_users_see_no_move_buttons_and_cannot_move(client):
    user = get_user_model().objects.create_user("reader", password="pw-123456-xyz")
    client.force_login(user)
    response = client.get(BOARD)
    assert response.status_code == 200 and not response.context["can_move"]
    assert "board-move" not in response.content.decode()
    project = a_project(Stage.LEAD)
    assert client.get(move_url(project)).status_code == 403
    posted = client.post(move_url(project), {"stage": "negotiating", "date": "2023-05-01"})
    assert posted.status_code == 403
    assert not StageChange.objects.filter(project=project, to_stage="negotiating").exists()


# ---------------------------------------------------------------------------- moving


def test_the_move_form_asks_for_what_the_target_stage_lacks(admin_client):
    project = a_project(Stage.NEGOTIATING, contract_value__isnull=True)
    response = admin_client.get(move_url(project), {"stage": "signed"})
    form = response.context["form"]
    assert form.target == "signed"
    assert "contract_value" in form.missing
    assert "signed_date" not in form.fields  # the move's date is the signing date
    html = response.content.decode()
    assert 'name="contract_value"' in html and "<html" in html


def test_the_default_target_is_the_next_stage_and_htmx_gets_the_form_alone(admin_client):
    project = a_project(Stage.LEAD)
    response = admin_client.get(move_url(project), headers={"HX-Request": "true"})
    assert response.context["form"].target == "negotiating"
    html = response.content.decode()
    assert "<html" not in html and 'class="move-form"' in html


def test_a_move_missing_a_field_shows_the_error_beside_it_and_writes_nothing(admin_client):
    project = a_project(Stage.NEGOTIATING, contract_value__isnull=True)
    before = StageChange.objects.count()
    response = admin_client.post(
        move_url(project), {"stage": "signed", "date": "2024-01-05", "note": "签约"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_contract_value_error"' in html
    assert 'aria-describedby="id_contract_value_error"' in html
    assert StageChange.objects.count() == before
    project.refresh_from_db()
    assert project.stage == Stage.NEGOTIATING and project.signed_date is None


def test_a_move_records_the_stage_change_and_what_the_stage_needed(admin_client, admin_user):
    project = a_project(Stage.NEGOTIATING, contract_value__isnull=True)
    return_url = f"{BOARD}?order=value"
    response = admin_client.post(
        move_url(project),
        {
            "stage": "signed",
            "date": "2024-01-05",
            "note": "在深圳签约",
            "contract_value": "300000000",
            "return_url": return_url,
        },
    )
    assert response.status_code == 302 and response["Location"] == return_url
    project.refresh_from_db()
    assert project.stage == Stage.SIGNED
    assert project.signed_date == datetime.date(2024, 1, 5)
    assert project.contract_value == Decimal("300000000")
    change = project.stage_changes.order_by("-date", "-id").first()
    assert (change.from_stage, change.to_stage, change.date, change.note, change.user) == (
        "negotiating",
        "signed",
        datetime.date(2024, 1, 5),
        "在深圳签约",
        admin_user,
    )


def test_an_htmx_move_redirects_the_page(admin_client):
    project = a_project(Stage.LEAD)
    response = admin_client.post(
        move_url(project),
        {"stage": "negotiating", "date": "2024-01-05", "return_url": BOARD},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204 and response["HX-Redirect"] == BOARD


def test_a_negative_amount_is_refused_beside_its_field(admin_client):
    project = a_project(Stage.NEGOTIATING, contract_value__isnull=True)
    response = admin_client.post(
        move_url(project), {"stage": "signed", "date": "2024-01-05", "contract_value": "-1"}
    )
    assert "contract_value" in response.context["form"].errors
    assert Project.objects.get(pk=project.pk).stage == Stage.NEGOTIATING


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2000-01-01", "不能早于上一次"),
        ("2999-01-01", "不能晚于今天"),
        ("not a date", "有效的日期"),
    ],
)
def test_the_date_of_a_move_is_checked(admin_client, date, message):
    project = a_project(Stage.LEAD)
    response = admin_client.post(move_url(project), {"stage": "negotiating", "date": date})
    errors = " ".join(response.context["form"].errors["date"])
    assert message in errors
    assert Project.objects.get(pk=project.pk).stage == Stage.LEAD


def test_a_move_to_the_same_or_an_unknown_stage_is_refused(admin_client):
    project = a_project(Stage.LEAD)
    for stage in ("lead", "finished"):
        response = admin_client.post(move_url(project), {"stage": stage, "date": "2024-01-05"})
        assert "stage" in response.context["form"].errors


def test_a_move_back_needs_a_reason_and_clears_the_later_dates(admin_client):
    project = a_project(Stage.SIGNED, signed_event__isnull=True)
    assert project.signed_date is not None
    data = {"stage": "negotiating", "date": timezone.localdate().isoformat()}
    refused = admin_client.post(move_url(project), data)
    assert "note" in refused.context["form"].errors
    assert refused.context["form"].cleared == ["signed_date"]
    admin_client.post(move_url(project), {**data, "note": "签约撤回，重新洽谈"})
    project.refresh_from_db()
    assert project.stage == Stage.NEGOTIATING and project.signed_date is None


def test_an_unsafe_return_address_is_ignored(admin_client):
    project = a_project(Stage.LEAD)
    response = admin_client.post(
        move_url(project),
        {"stage": "negotiating", "date": "2024-01-05", "return_url": "https://evil.example/"},
    )
    assert response["Location"] == reverse("projects:project", args=[project.pk])
