"""Project, task-force and follow-up pages: filters, search, export, forms, deletion, history."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from counterpart.core.choices import ChangeAction, Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.tests.admin_fixtures import one_of_everything, organization
from counterpart.geo.models import Region, RegionLevel
from counterpart.organizations.models import OrganizationAlias
from counterpart.projects.choices import Stage
from counterpart.projects.models import FollowUp, Project, StageChange
from counterpart.projects.tables import ProjectTable

LIST = reverse("projects:project_list")


@pytest.fixture
def rows(admin_user):
    rows = one_of_everything(admin_user)
    # A second project: a lead in a Harbin district, capital from Guangzhou.
    district = Region.objects.create(
        code="230102", name_zh="道里区", level=RegionLevel.COUNTY, parent=rows["harbin"]
    )
    guangzhou = Region.objects.create(
        code="440100", name_zh="广州市", level=RegionLevel.PREFECTURE, parent=rows["gd"]
    )
    lead = Project.objects.create(
        code="HLJ-2023-0002",
        name_zh="冰雪装备项目",
        name_en="Ice equipment project",
        stage=Stage.LEAD,
        source_region=guangzhou,
        destination_region=district,
    )
    other = organization('=HYPERLINK("http://evil")', rows["shenzhen"])
    lead.investors.add(other)
    OrganizationAlias.objects.create(organization=other, alias="冰雪集团", language="zh")
    return {**rows, "lead": lead, "district": district}


def codes(response) -> list[str]:
    return [p.code for p in response.context["table"].data]


# ---------------------------------------------------------------------------- list


@pytest.mark.django_db
def test_the_list_shows_money_the_chinese_way_and_links_each_project(admin_client, rows):
    response = admin_client.get(LIST)
    html = response.content.decode()
    assert codes(response) == ["HLJ-2023-0001", "HLJ-2023-0002"]
    assert "10亿元" in html
    assert reverse("projects:project", kwargs={"pk": rows["project"].pk}) in html


@pytest.mark.django_db
def test_money_in_english(admin_client, admin_user, rows):
    admin_user.language = "en"
    admin_user.save()
    assert "1 billion yuan" in admin_client.get(LIST).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"stage": "signed"}, ["HLJ-2023-0001"]),
        ({"stage": ["signed", "lead"]}, ["HLJ-2023-0001", "HLJ-2023-0002"]),
        # A city matches the projects in its districts too; a province those in its cities.
        ({"destination_region": "230100"}, ["HLJ-2023-0001", "HLJ-2023-0002"]),
        ({"destination_region": "230000"}, ["HLJ-2023-0001", "HLJ-2023-0002"]),
        ({"source_region": "440100"}, ["HLJ-2023-0002"]),
        ({"task_force": "TF-HRB"}, ["HLJ-2023-0001"]),
        ({"signed_event": "HLJ-GD-2023-CONF"}, ["HLJ-2023-0001"]),
        ({"signed_after": "2023-06-01", "signed_before": "2023-06-30"}, ["HLJ-2023-0001"]),
        ({"signed_after": "2023-07-01"}, []),
        ({"contract_value_min": "1000000000"}, ["HLJ-2023-0001"]),
        ({"contract_value_min": "1000000001"}, []),
        ({"signed_on_site": "true"}, ["HLJ-2023-0001"]),
        ({"signed_on_site": "false"}, ["HLJ-2023-0002"]),
        ({"taxonomy": "hlj-4567"}, ["HLJ-2023-0001"]),
    ],
)
def test_filters_by_codes(admin_client, rows, params, expected):
    assert codes(admin_client.get(LIST, params)) == expected


@pytest.mark.django_db
def test_filters_by_ids(admin_client, rows):
    project = rows["project"]
    both = ["HLJ-2023-0001", "HLJ-2023-0002"]
    assert codes(admin_client.get(LIST, {"destination_region_id": rows["harbin"].pk})) == both
    by_id = {
        "destination_region_id": rows["district"].pk + 1000,
        "task_force_id": project.task_force_id,
        "industry_id": project.industries.get().pk,
        "investor_id": rows["org"].pk,
        "signed_event_id": rows["event"].pk,
        "officer_id": project.officer_id,
        "id": project.pk,
    }
    assert codes(admin_client.get(LIST, {"destination_region_id": 10**6})) == []
    by_id.pop("destination_region_id")
    for name, value in by_id.items():
        assert codes(admin_client.get(LIST, {name: value})) == ["HLJ-2023-0001"], name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("新能源", ["HLJ-2023-0001"]),  # Chinese name
        ("ice equipment", ["HLJ-2023-0002"]),  # English name, any case
        ("0002", ["HLJ-2023-0002"]),  # code
        ("比亚迪", ["HLJ-2023-0001"]),  # the investor's alias
        ("byd", ["HLJ-2023-0001"]),  # the investor's English name
        ("冰雪集团", ["HLJ-2023-0002"]),  # the other investor's alias
        ("冰雪 装备", ["HLJ-2023-0002"]),  # every term must match
        ("冰雪 新能源", []),
    ],
)
def test_search(admin_client, rows, query, expected):
    assert codes(admin_client.get(LIST, {"q": query})) == expected


@pytest.mark.django_db
def test_an_invalid_filter_shows_no_rows_and_says_so(admin_client, rows):
    response = admin_client.get(LIST, {"contract_value_min": "lots"})
    assert codes(response) == []
    assert response.context["invalid_filters"]
    assert "is-invalid" in response.content.decode()


@pytest.mark.django_db
def test_active_filters_are_listed_with_a_link_to_remove_each(admin_client, rows):
    response = admin_client.get(LIST, {"stage": "signed", "q": "项目"})
    chips = {c["name"]: c for c in response.context["active_filters"]}
    assert chips["stage"]["value"] == "签约"
    assert chips["stage"]["remove_url"] == "?q=%E9%A1%B9%E7%9B%AE"


@pytest.mark.django_db
def test_sorting_and_pagination(admin_client, rows):
    response = admin_client.get(LIST, {"sort": "-contract_value", "per_page": 25})
    assert codes(response)[0] == "HLJ-2023-0001"
    assert response.context["per_page"] == 25
    assert admin_client.get(LIST, {"per_page": 7}).context["per_page"] == 50  # not offered


# ---------------------------------------------------------------------------- columns


@pytest.mark.django_db
def test_column_choice_is_kept_per_user_and_table(admin_client, admin_user, rows):
    response = admin_client.post(
        LIST, {"columns": ["stage", "contract_value", "nonsense"], "query": "stage=signed"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?stage=signed"
    admin_user.refresh_from_db()
    assert admin_user.preferences["tables"]["projects.ProjectTable"] == ["stage", "contract_value"]
    table = admin_client.get(LIST).context["table"]
    # The administrator may verify: the selection column for bulk verification leads.
    assert [c.name for c in table.columns] == [
        "select",
        "code",
        "stage",
        "contract_value",
        "actions",
    ]
    # The preferences are not a record: no change-log entry for them.
    records = ChangeRecord.objects.for_object(admin_user)
    assert not [r for r in records if "preferences" in r.changed_fields]

    admin_client.post(LIST, {"action": "reset"})
    table = admin_client.get(LIST).context["table"]
    assert [c.name for c in table.columns][2:5] == list(ProjectTable.default_columns[:3])


@pytest.mark.django_db
def test_choosing_no_column_is_refused(admin_client, admin_user, rows):
    admin_client.post(LIST, {"columns": []})
    admin_user.refresh_from_db()
    assert "tables" not in admin_user.preferences


# ---------------------------------------------------------------------------- export


@pytest.mark.django_db
def test_excel_export_has_the_filtered_rows_numbers_and_escaped_formulas(admin_client, rows):
    rows["lead"].contract_value = None
    response = admin_client.get(
        LIST, {"export": "xlsx", "page": 2, "per_page": 25, "q": "项目", "sort": "code"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    header = values[0]
    assert header[:3] == ("编码", "名称", "阶段")
    assert [r[0] for r in values[1:]] == ["HLJ-2023-0001", "HLJ-2023-0002"]  # all pages
    value_col = header.index("签约额（元）")
    assert values[1][value_col] == 1000000000  # a number, not "10亿元"
    assert sheet.cell(row=2, column=value_col + 1).number_format == "#,##0.00"
    investors = values[2][header.index("投资方")]
    assert investors.startswith("'=HYPERLINK")  # escaped, not a live formula
    assert values[1][header.index("签约日期")] == datetime.datetime(2023, 6, 15)


@pytest.mark.django_db
def test_csv_export_follows_the_filters_and_the_chosen_columns(admin_client, rows):
    admin_client.post(LIST, {"columns": ["stage", "contract_value"]})
    response = admin_client.get(LIST, {"export": "csv", "stage": "signed"})
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines == [["编码", "阶段", "签约额（元）"], ["HLJ-2023-0001", "签约", "1000000000.00"]]
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8


# ---------------------------------------------------------------------------- forms


def project_data(rows, **changes) -> dict:
    data = {
        "code": "HLJ-2023-0009",
        "name_zh": "试验项目",
        "project_type": "new",
        "stage": "negotiating",
        "status": "active",
        "contract_value_basis": "estimated",
        "planned_investment_basis": "estimated",
        "original_currency": "CNY",
        "destination_region": rows["harbin"].pk,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
def test_a_negative_contract_value_is_shown_beside_the_field(admin_client, rows):
    response = admin_client.post(
        reverse("projects:project_add"), project_data(rows, contract_value="-5")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_contract_value"' in html
    field = html[html.index('id="id_contract_value"') - 300 : html.index('id="id_contract_value"')]
    assert "is-invalid" in field and 'aria-describedby="id_contract_value_error' in field
    assert 'class="invalid-feedback" id="id_contract_value_error"' in html
    assert not Project.objects.filter(code="HLJ-2023-0009").exists()


@pytest.mark.django_db
def test_stage_requirements_are_shown_beside_each_missing_field(admin_client, rows):
    response = admin_client.post(
        reverse("projects:project_add"), project_data(rows, stage="signed")
    )
    errors = response.context["form"].errors
    assert set(errors) >= {"investors", "contract_value", "signed_date"}
    assert "处于“签约”阶段的项目须填写“签约额（元）”。" in response.content.decode()


@pytest.mark.django_db
def test_creating_a_project_records_who_and_the_ui_channel(admin_client, admin_user, rows):
    response = admin_client.post(
        reverse("projects:project_add"), project_data(rows, contract_value="5000")
    )
    project = Project.objects.get(code="HLJ-2023-0009")
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:project", kwargs={"pk": project.pk})
    record = ChangeRecord.objects.for_object(project).get(action=ChangeAction.CREATE)
    assert (record.user, record.channel) == (admin_user, Channel.UI)
    change = StageChange.objects.get(project=project)
    assert (change.to_stage, change.user) == (Stage.NEGOTIATING, admin_user)


@pytest.mark.django_db
def test_editing_shows_in_the_change_history(admin_client, admin_user, rows):
    lead = rows["lead"]
    edit = reverse("projects:project_edit", kwargs={"pk": lead.pk})
    data = project_data(
        rows,
        code=lead.code,
        name_zh="冰雪装备制造项目",
        name_en=lead.name_en,
        stage="lead",
        destination_region=rows["district"].pk,
        source_region=lead.source_region_id,
        investors=[o.pk for o in lead.investors.all()],
    )
    data["_version"] = lead.version
    assert admin_client.post(edit, data).status_code == 302
    page = admin_client.get(reverse("projects:project", kwargs={"pk": lead.pk}))
    history = page.context["history"]["rows"]
    assert history[0]["record"].changed_fields == ["name_zh"]
    change = history[0]["changes"][0]
    assert (change.label, change.before, change.after) == (
        "中文名称",
        "冰雪装备项目",
        "冰雪装备制造项目",
    )
    assert "网页界面" in page.content.decode()


@pytest.mark.django_db
def test_every_input_of_the_form_is_labelled(admin_client, rows):
    response = admin_client.get(reverse("projects:project_add"))
    html = response.content.decode()
    form = response.context["form"]
    for field in form:
        assert f'for="{field.id_for_label}"' in html, field.name
    assert form["signed_date"].field.widget.input_type == "date"


@pytest.mark.django_db
def test_a_follow_up_can_be_started_from_its_project(admin_client, rows):
    project = rows["project"]
    response = admin_client.get(reverse("projects:followup_add"), {"project": project.pk})
    assert response.context["form"].initial["project"] == str(project.pk)


@pytest.mark.django_db
def test_task_force_cities_are_edited_with_the_task_force(admin_client, rows):
    task_force = rows["project"].task_force
    url = reverse("projects:taskforce_edit", kwargs={"pk": task_force.pk})
    response = admin_client.get(url)
    formset = response.context["formsets"][0][1]
    data = {
        "code": task_force.code,
        "name_zh": task_force.name_zh,
        "lead_unit": task_force.lead_unit_id,
        "_version": task_force.version,
        **{
            f"cities-{k}": v
            for k, v in {
                "TOTAL_FORMS": "3",
                "INITIAL_FORMS": "1",
                "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "1000",
            }.items()
        },
        "cities-0-id": formset.forms[0].instance.pk,
        "cities-0-city": rows["harbin"].pk,
        "cities-1-city": rows["district"].pk,
    }
    assert admin_client.post(url, data).status_code == 302
    assert sorted(task_force.cities.values_list("city__code", flat=True)) == ["230100", "230102"]


# ---------------------------------------------------------------------------- delete


@pytest.mark.django_db
def test_deleting_lists_what_goes_with_the_project(admin_client, rows):
    lead = rows["lead"]
    FollowUp.objects.create(
        project=lead, date=datetime.date(2023, 1, 5), kind="call", summary="电话沟通"
    )
    url = reverse("projects:project_delete", kwargs={"pk": lead.pk})
    summary = admin_client.get(url).context["summary"]
    assert {str(g["meta"].verbose_name) for g in summary["cascades"]} >= {"对接记录", "阶段变更"}
    assert summary["protected"] == []
    response = admin_client.post(url)
    assert response["Location"] == LIST
    assert not Project.objects.filter(pk=lead.pk).exists()
    assert ChangeRecord.objects.filter(action=ChangeAction.DELETE, object_id=str(lead.pk))


@pytest.mark.django_db
def test_a_protected_project_is_not_deleted_and_the_page_says_why(admin_client, rows):
    project = rows["project"]  # it has funds in place, which protect it
    url = reverse("projects:project_delete", kwargs={"pk": project.pk})
    page = admin_client.get(url)
    assert page.context["summary"]["protected"][0]["meta"].model_name == "fundsinplace"
    assert "Yes, delete" not in page.content.decode() and "确定删除" not in page.content.decode()
    response = admin_client.post(url)
    assert response.status_code == 409
    assert "无法删除" in response.content.decode()
    assert Project.objects.filter(pk=project.pk).exists()


# ---------------------------------------------------------------------------- detail


@pytest.mark.django_db
def test_the_detail_page_shows_stages_funds_and_follow_ups(admin_client, rows):
    project = rows["project"]
    response = admin_client.get(reverse("projects:project", kwargs={"pk": project.pk}))
    html = response.content.decode()
    assert [c.to_stage for c in response.context["stages"]] == [Stage.SIGNED]
    assert response.context["funds_total"] == Decimal("50000000.00")
    assert "5000万元" in html
    assert "回访" in html
    assert f"?project_id={project.pk}" in html  # the follow-ups' full list


@pytest.mark.django_db
def test_follow_up_filters(admin_client, rows):
    url = reverse("projects:followup_list")
    assert len(admin_client.get(url, {"overdue": "true"}).context["table"].data) == 1
    assert len(admin_client.get(url, {"overdue": "false"}).context["table"].data) == 0
    assert len(admin_client.get(url, {"task_force": "TF-HRB"}).context["table"].data) == 1
    assert len(admin_client.get(url, {"q": "比亚迪"}).context["table"].data) == 1


@pytest.mark.django_db
def test_task_force_search_by_city(admin_client, rows):
    url = reverse("projects:taskforce_list")
    assert len(admin_client.get(url, {"q": "哈尔滨市"}).context["table"].data) == 1
    assert len(admin_client.get(url, {"city": "230100"}).context["table"].data) == 1
    assert len(admin_client.get(url, {"city": "440300"}).context["table"].data) == 0


@pytest.mark.django_db
def test_the_project_extended_is_given_by_its_code(admin_client, rows):
    base = rows["project"]
    data = project_data(
        rows,
        code="HLJ-2023-0010",
        project_type="capital_increase",
        extends=base.code,
        contract_value="1500000000",
    )
    response = admin_client.post(reverse("projects:project_add"), data)
    assert response.status_code == 302, response.context["form"].errors
    increase = Project.objects.get(code="HLJ-2023-0010")
    assert increase.extends == base
    edit = admin_client.get(reverse("projects:project_edit", kwargs={"pk": increase.pk}))
    assert f'value="{base.code}"' in edit.content.decode()
    data["extends"] = "NO-SUCH-CODE"
    response = admin_client.post(reverse("projects:project_add"), {**data, "code": "X-1"})
    assert "extends" in response.context["form"].errors
