import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.tests.admin_fixtures import form_data, organization, regions
from counterpart.projects.choices import ProjectType, Stage
from counterpart.projects.forms import ProjectForm
from counterpart.projects.models import Project, StageChange, TaskForce

pytestmark = pytest.mark.django_db

ADD = reverse("admin:projects_project_add")
CHANGELIST = reverse("admin:projects_project_changelist")


@pytest.fixture
def places():
    return regions()


@pytest.fixture
def investor(places):
    return organization("测试投资有限公司", places["shenzhen"])


def add_page_data(client, **values) -> dict:
    data = form_data(client.get(ADD, HTTP_ACCEPT_LANGUAGE="en"))
    for name, value in values.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def signed_values(places, investor, **overrides) -> dict:
    values = {
        "code": "HLJ-2023-0001",
        "name_zh": "新能源汽车项目",
        "stage": Stage.SIGNED,
        "investors": [str(investor.pk)],
        "source_region": str(places["shenzhen"].pk),
        "destination_region": str(places["harbin"].pk),
        "contract_value": "1000000000.00",
        "signed_date": "2023-06-15",
    }
    values.update(overrides)
    return values


def make_projects(count: int, start: int, places, investor, task_force) -> None:
    for i in range(start, start + count):
        base = Project.objects.create(
            code=f"P-{i:04d}",
            name_zh=f"项目{i}",
            stage=Stage.SIGNED,
            source_region=places["shenzhen"],
            destination_region=places["harbin"],
            contract_value=Decimal("100.00"),
            signed_date=datetime.date(2023, 6, 15),
            task_force=task_force,
        )
        base.investors.add(investor)
        Project.objects.create(
            code=f"P-{i:04d}-X",
            name_zh=f"项目{i}增资",
            project_type=ProjectType.CAPITAL_INCREASE,
            extends=base,
            contract_value=Decimal("150.00"),
            source_region=places["gd"],
            destination_region=places["harbin"],
        )


def test_project_changelist_query_count_does_not_grow_with_rows(admin_client, places, investor):
    task_force = TaskForce.objects.create(code="TF-1", name_zh="专班")
    make_projects(3, 0, places, investor, task_force)
    admin_client.get(CHANGELIST)  # warm caches
    with CaptureQueriesContext(connection) as few:
        response = admin_client.get(CHANGELIST)
    assert response.context["cl"].result_count == 6

    make_projects(27, 3, places, investor, task_force)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(CHANGELIST)
    assert response.context["cl"].result_count == 60
    assert len(many) == len(few)
    assert "50.00" in response.content.decode()  # the counted value of a capital increase


def test_signed_without_contract_value_is_refused_naming_the_field(admin_client, places, investor):
    data = add_page_data(admin_client, **signed_values(places, investor, contract_value=None))
    response = admin_client.post(ADD, data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == ["contract_value"]
    with translation.override("en"):
        label = str(Project._meta.get_field("contract_value").verbose_name)
        assert label in form.errors["contract_value"][0]
        assert label in response.content.decode()
    assert not Project.objects.exists()


def test_signed_needs_investors_and_sees_those_in_the_form(admin_client, places, investor):
    without = add_page_data(admin_client, **signed_values(places, investor, investors=None))
    response = admin_client.post(ADD, without)
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["investors"]

    # A new project has no saved investors: only ProjectForm's pending_investors lets it pass.
    response = admin_client.post(
        ADD, add_page_data(admin_client, **signed_values(places, investor))
    )
    assert response.status_code == 302
    assert list(Project.objects.get().investors.all()) == [investor]


def test_valid_admin_save_is_recorded_with_the_admin_channel(
    admin_client, admin_user, places, investor
):
    data = add_page_data(admin_client, **signed_values(places, investor))
    response = admin_client.post(ADD, data)
    assert response.status_code == 302

    project = Project.objects.get(code="HLJ-2023-0001")
    records = ChangeRecord.objects.for_object(project)
    assert records.filter(action="create", channel=Channel.ADMIN, user=admin_user).exists()
    assert set(records.values_list("channel", flat=True)) == {Channel.ADMIN}
    stage_change = project.stage_changes.get()
    assert (stage_change.to_stage, stage_change.user) == (Stage.SIGNED, admin_user)
    assert stage_change.date == datetime.date(2023, 6, 15)


def test_stage_change_through_the_project_page_is_attributed(
    admin_client, admin_user, places, investor
):
    project = Project.objects.create(code="P-1", name_zh="项目", stage=Stage.LEAD)
    change = reverse("admin:projects_project_change", args=[project.pk])
    data = form_data(admin_client.get(change))
    data["stage"] = Stage.NEGOTIATING
    response = admin_client.post(change, data)
    assert response.status_code == 302

    latest = project.stage_changes.order_by("-date", "-id").first()
    assert (latest.from_stage, latest.to_stage, latest.user) == (
        Stage.LEAD,
        Stage.NEGOTIATING,
        admin_user,
    )


def test_project_page_shows_counted_value_and_stage_history(admin_client, places):
    base = Project.objects.create(code="P-1", name_zh="一期", contract_value=Decimal("1000.00"))
    increase = Project.objects.create(
        code="P-2",
        name_zh="增资",
        project_type=ProjectType.CAPITAL_INCREASE,
        extends=base,
        contract_value=Decimal("1500.00"),
    )
    response = admin_client.get(reverse("admin:projects_project_change", args=[increase.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "field-counted_value_display" in html
    assert "500.00" in html
    stage_inline = next(
        i for i in response.context["inline_admin_formsets"] if i.formset.model is StageChange
    )
    assert not stage_inline.has_add_permission
    assert not stage_inline.has_change_permission
    assert not stage_inline.has_delete_permission


def test_project_form_covers_every_editable_field():
    editable = {
        f.name
        for f in Project._meta.get_fields()
        if getattr(f, "editable", False) and not f.auto_created and (f.concrete or f.many_to_many)
    } - {"created_at", "updated_at"}
    assert editable == set(ProjectForm._meta.fields)


def test_stage_changes_are_read_only_except_the_note(admin_client):
    project = Project.objects.create(code="P-1", name_zh="项目")
    stage_change = project.stage_changes.get()
    change = reverse("admin:projects_stagechange_change", args=[stage_change.pk])

    assert admin_client.get(reverse("admin:projects_stagechange_add")).status_code == 403
    delete = reverse("admin:projects_stagechange_delete", args=[stage_change.pk])
    assert admin_client.get(delete).status_code == 403
    response = admin_client.get(change)
    assert response.status_code == 200
    assert delete not in response.content.decode()

    response = admin_client.post(change, {"note": "首次录入", "to_stage": Stage.OPERATING})
    assert response.status_code == 302
    stage_change.refresh_from_db()
    assert (stage_change.note, stage_change.to_stage) == ("首次录入", Stage.LEAD)


def test_a_project_can_still_be_deleted_with_its_stage_history(admin_client):
    project = Project.objects.create(code="P-1", name_zh="项目")
    delete = reverse("admin:projects_project_delete", args=[project.pk])
    response = admin_client.get(delete)
    assert response.status_code == 200
    assert not response.context["perms_lacking"]
    response = admin_client.post(delete, {"post": "yes"})
    assert response.status_code == 302
    assert not Project.objects.exists()
    assert not StageChange.objects.exists()


def test_follow_up_overdue_filter(admin_client, investor):
    from counterpart.projects.models import FollowUp

    def follow_up(due, done=None):
        return FollowUp.objects.create(
            organization=investor,
            date=datetime.date(2020, 1, 1),
            kind="call",
            summary="电话",
            next_action="回访" if due else "",
            next_action_due=due,
            next_action_done=done,
        )

    overdue = follow_up(datetime.date(2020, 2, 1))
    follow_up(datetime.date(2020, 2, 1), done=datetime.date(2020, 2, 1))
    follow_up(datetime.date.today() + datetime.timedelta(days=30))
    follow_up(None)
    response = admin_client.get(
        reverse("admin:projects_followup_changelist"), {"next_action": "overdue"}
    )
    assert list(response.context["cl"].result_list) == [overdue]
