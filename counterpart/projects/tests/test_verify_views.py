"""Verifying figures from the pages (decision 0009): the button on a row's page, bulk
verification from the lists, the "verified" filter and column, the admin's actions, and imports
that leave rows unverified."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord, Verifiable
from counterpart.geo.models import Region
from counterpart.imports.entities import ENTITIES
from counterpart.imports.readers import read_table
from counterpart.imports.services import run_import
from counterpart.imports.summary import summary_line
from counterpart.projects.models import FundsInPlace, Project, TaskForceCity
from counterpart.users.choices import Role

pytestmark = pytest.mark.usefixtures("sample_data", "db")

HARBIN = "230100"
FUNDS_LIST = reverse("projects:fundsinplace_list")
PROJECT_LIST = reverse("projects:project_list")


@pytest.fixture
def users() -> dict:
    User = get_user_model()
    harbin = Region.objects.get(code=HARBIN)
    task_force = TaskForceCity.objects.get(city=harbin).task_force
    return {
        Role.ADMINISTRATOR: User.objects.create_user("u-admin", role=Role.ADMINISTRATOR),
        Role.DEPARTMENT_STAFF: User.objects.create_user("u-staff", role=Role.DEPARTMENT_STAFF),
        Role.TASK_FORCE_OFFICER: User.objects.create_user(
            "u-officer", role=Role.TASK_FORCE_OFFICER, task_force=task_force
        ),
        Role.CITY_STAFF: User.objects.create_user("u-city", role=Role.CITY_STAFF, city=harbin),
        Role.VIEWER: User.objects.create_user("u-viewer", role=Role.VIEWER),
    }


@pytest.fixture
def fresh() -> list[FundsInPlace]:
    """Three new funds rows of a Harbin project, unverified as entered."""
    project = Project.objects.filter(destination_region__code=HARBIN).order_by("pk").first()
    source = Region.objects.get(code="440300")
    return [
        FundsInPlace.objects.create(
            project=project,
            month=datetime.date(2024, month, 1),
            amount=Decimal(month * 1000),
            source_region=source,
        )
        for month in (1, 2, 3)
    ]


def verify_url(obj) -> str:
    return reverse(f"projects:{obj._meta.model_name}_verify", kwargs={"pk": obj.pk})


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# ---------------------------------------------------------------------------- one row


def test_staff_verify_a_row_from_its_page(client, users, fresh):
    staff = users[Role.DEPARTMENT_STAFF]
    client.force_login(staff)
    row = fresh[0]
    detail = reverse("projects:fundsinplace", kwargs={"pk": row.pk})
    html = page(client, detail)
    assert "unverified-badge" in html and 'value="verify"' in html and verify_url(row) in html
    response = client.post(verify_url(row), {"action": "verify", "return_url": detail})
    assert response.status_code == 302 and response["Location"] == detail
    row.refresh_from_db()
    assert row.verified_by == staff and row.verified_at is not None
    record = ChangeRecord.objects.for_object(row).order_by("-id").first()
    assert (record.user, record.channel) == (staff, Channel.UI)
    assert "verified_at" in record.changed_fields
    html = page(client, detail)
    assert "unverified-badge" not in html and 'value="unverify"' in html and "u-staff" in html
    client.post(verify_url(row), {"action": "unverify"})
    row.refresh_from_db()
    assert row.verified_at is None
    assert ChangeRecord.objects.for_object(row).order_by("-id").first().user == staff


def test_a_row_changed_since_its_page_was_opened_is_not_verified(client, users, fresh):
    client.force_login(users[Role.DEPARTMENT_STAFF])
    row = fresh[0]
    html = page(client, reverse("projects:fundsinplace", kwargs={"pk": row.pk}))
    assert f'name="_version" value="{row.version}"' in html
    row.amount += 1
    row.save()  # someone else corrects the amount meanwhile
    client.post(verify_url(row), {"action": "verify", "_version": str(row.version - 1)})
    row.refresh_from_db()
    assert row.verified_at is None
    client.post(verify_url(row), {"action": "verify", "_version": str(row.version)})
    row.refresh_from_db()
    assert row.verified_at is not None


def test_a_project_page_shows_its_verification(client, users):
    client.force_login(users[Role.ADMINISTRATOR])
    project = Project.objects.filter(stage="signed").order_by("pk").first()
    html = page(client, reverse("projects:project", kwargs={"pk": project.pk}))
    assert "verified-badge" in html and 'value="unverify"' in html  # the sample is verified
    project.unverify()
    html = page(client, reverse("projects:project", kwargs={"pk": project.pk}))
    assert "unverified-badge" in html and 'value="verify"' in html


@pytest.mark.parametrize(
    "role, status",
    [(Role.TASK_FORCE_OFFICER, 403), (Role.CITY_STAFF, 403), (Role.VIEWER, 403)],
)
def test_others_see_the_badge_but_may_not_verify(client, users, fresh, role, status):
    client.force_login(users[role])
    row = fresh[0]
    html = page(client, reverse("projects:fundsinplace", kwargs={"pk": row.pk}))
    assert "unverified-badge" in html and verify_url(row) not in html
    assert client.post(verify_url(row), {"action": "verify"}).status_code == status
    assert client.get(verify_url(row)).status_code == 405  # POST only
    row.refresh_from_db()
    assert row.verified_at is None


def test_a_row_out_of_read_scope_is_not_found(client, users):
    client.force_login(users[Role.CITY_STAFF])
    away = FundsInPlace.objects.exclude(project__destination_region__code=HARBIN).first()
    assert client.post(verify_url(away), {"action": "verify"}).status_code == 404


def test_the_form_needs_the_csrf_token(users, fresh):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users[Role.DEPARTMENT_STAFF])
    assert client.post(verify_url(fresh[0]), {"action": "verify"}).status_code == 403
    fresh[0].refresh_from_db()
    assert fresh[0].verified_at is None


# ---------------------------------------------------------------------------- lists


def test_the_list_filters_shows_the_column_and_the_checkboxes(client, users, fresh):
    client.force_login(users[Role.DEPARTMENT_STAFF])
    response = client.get(FUNDS_LIST, {"verified": "false"})
    assert {r.pk for r in response.context["table"].data} == {r.pk for r in fresh}
    html = response.content.decode()
    assert html.count("unverified-badge") == 3
    assert 'id="bulk-verify"' in html and html.count('form="bulk-verify"') == 3
    verified = client.get(FUNDS_LIST, {"verified": "true", "per_page": 250})
    assert not {r.pk for r in verified.context["table"].data} & {r.pk for r in fresh}
    projects = client.get(PROJECT_LIST, {"verified": "false"})
    assert list(projects.context["table"].data) == []  # the sample is verified


def test_no_checkboxes_for_those_who_may_not_verify(client, users, fresh):
    client.force_login(users[Role.TASK_FORCE_OFFICER])
    html = page(client, f"{FUNDS_LIST}?verified=false")
    assert "unverified-badge" in html
    assert 'id="bulk-verify"' not in html and 'form="bulk-verify"' not in html


def test_bulk_verification(client, users, fresh):
    staff = users[Role.DEPARTMENT_STAFF]
    client.force_login(staff)
    bulk = reverse("projects:fundsinplace_bulk_verify")
    response = client.post(
        bulk,
        {"pk": [fresh[0].pk, fresh[1].pk, "999999999"], "action": "verify"},
        follow=True,
    )
    assert response.status_code == 200
    assert [r.pk for r in FundsInPlace.objects.unverified()] == [fresh[2].pk]
    for row in fresh[:2]:
        record = ChangeRecord.objects.for_object(row).order_by("-id").first()
        assert record.user == staff and record.channel == Channel.UI
    text = " ".join(str(m) for m in response.context["messages"])
    assert "2" in text and "1" in text  # two verified, one that could not be


def test_bulk_verification_is_all_or_nothing(client, users, fresh, monkeypatch):
    client.force_login(users[Role.DEPARTMENT_STAFF])
    original = Verifiable.verify

    def failing(self, user, when=None):
        if self.pk == fresh[1].pk:
            raise RuntimeError("disk full")
        return original(self, user, when)

    monkeypatch.setattr(Verifiable, "verify", failing)
    with pytest.raises(RuntimeError):
        client.post(
            reverse("projects:fundsinplace_bulk_verify"),
            {"pk": [r.pk for r in fresh], "action": "verify"},
        )
    assert FundsInPlace.objects.unverified().count() == 3


def test_bulk_verification_is_refused_to_others(client, users, fresh):
    client.force_login(users[Role.CITY_STAFF])
    response = client.post(
        reverse("projects:fundsinplace_bulk_verify"), {"pk": [fresh[0].pk], "action": "verify"}
    )
    assert response.status_code == 403
    assert FundsInPlace.objects.unverified().count() == 3


def test_bulk_verification_without_rows_says_so(client, users):
    client.force_login(users[Role.DEPARTMENT_STAFF])
    response = client.post(reverse("projects:project_bulk_verify"), {}, follow=True)
    assert any("先" in str(m) or "first" in str(m) for m in response.context["messages"])


# ---------------------------------------------------------------------------- admin, imports


def test_the_admin_verifies_the_selected_rows(client, users, fresh):
    staff = users[Role.DEPARTMENT_STAFF]
    client.force_login(staff)
    changelist = reverse("admin:projects_fundsinplace_changelist")
    html = page(client, f"{changelist}?verified=no")
    assert "verify_selected" in html
    client.post(
        changelist,
        {"action": "verify_selected", "_selected_action": [r.pk for r in fresh]},
    )
    assert not FundsInPlace.objects.unverified().exists()
    assert ChangeRecord.objects.for_object(fresh[0]).order_by("-id").first().user == staff


def test_imported_rows_are_unverified_and_the_summary_says_so(users):
    entity = ENTITIES["projects"]
    staff = users[Role.DEPARTMENT_STAFF]
    project = Project.objects.filter(stage="signed", project_type="new").order_by("pk").first()
    rows = [
        ["项目编号", "项目名称", "项目阶段", "项目所在地", "签约额（元）"],
        [project.code, project.name_zh, "签约", project.destination_region.code, "123456789"],
    ]
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    headers = [h for column in entity.bound_columns() for h in column.headers()]
    table = read_table(data.getvalue(), "rows.xlsx", header_names=headers)
    result = run_import(table, entity, commit=True, user=staff)
    assert result.committed, [e.message for r in result.errors for e in r.errors]
    project.refresh_from_db()
    assert project.contract_value == Decimal("123456789") and project.verified_at is None
    assert result.rows[0].unverified
    with translation.override("en"):
        assert "1 row carries figures not verified" in summary_line(result)


def test_the_dashboard_counts_and_marks_unverified_rows(client, users):
    client.force_login(users[Role.VIEWER])
    period = {"start": "2023-04", "end": "2023-04"}
    html = page(client, f"{reverse('home')}?start={period['start']}&end={period['end']}")
    assert 'id="working-view-note"' in html and "unverified-count" not in html
    project = Project.objects.filter(signed_event__code="HLJ-GD-2023-CONF").order_by("pk").first()
    project.unverify()
    response = client.get(reverse("home"), period)
    cards = response.context["cards"]
    assert cards[0]["text"] == "192个"  # still counted: a working view
    assert cards[0]["unverified"] and "unverified-count" in response.content.decode()


def test_the_project_page_marks_its_unverified_funds(client, users, fresh):
    client.force_login(users[Role.VIEWER])
    url = reverse("projects:project", kwargs={"pk": fresh[0].project_id})
    html = page(client, url)
    assert html.count("unverified-badge") == 3  # the three new rows, the project is verified
    for row in fresh:
        row.verify(users[Role.DEPARTMENT_STAFF])
    assert "unverified-badge" not in page(client, url)
