"""Importing rows: dry run, row-level errors, all-or-nothing commits, idempotent upserts, round
trips of the sample data, and the command line."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook, load_workbook

from counterpart.core.choices import Channel
from counterpart.core.export import csv_bytes, xlsx_bytes
from counterpart.core.models import ChangeRecord
from counterpart.imports.entities import ENTITIES
from counterpart.imports.exports import export_queryset
from counterpart.imports.readers import read_table
from counterpart.imports.services import MappingError, Outcome, run_import
from counterpart.imports.workbooks import entity_rows, template_bytes
from counterpart.organizations.models import Contact, Organization
from counterpart.projects.models import Project

pytestmark = pytest.mark.usefixtures("sample_data", "db")

PROJECTS = ENTITIES["projects"]


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table(data: bytes, name: str = "rows.xlsx", entity=PROJECTS):
    headers = [h for column in entity.bound_columns() for h in column.headers()]
    return read_table(data, name, header_names=headers)


def run(data: bytes, entity=PROJECTS, name="rows.xlsx", **options):
    return run_import(table(data, name, entity), entity, **options)


NEW_PROJECTS = [
    ["项目编号", "项目名称", "项目阶段", "项目所在地", "投资方", "签约额（万元）", "签约日期"],
    ["IMP-0001", "导入测试项目一", "签约", "哈尔滨", "腾讯", 3000, "2023年4月22日"],
    ["IMP-0002", "导入测试项目二", "洽谈", "齐齐哈尔市", "", "", ""],
    ["IMP-0003", "导入测试项目三", "合作线索", "230700", "", "", ""],
]


def an_investor() -> Organization:
    return Organization.objects.filter(credit_code__isnull=False).order_by("pk").first()


def new_projects() -> bytes:
    rows = [list(row) for row in NEW_PROJECTS]
    rows[1][4] = an_investor().name_zh
    return workbook(rows)


# ---------------------------------------------------------------------------- dry run, commit


def test_a_dry_run_says_what_would_happen_and_writes_nothing():
    records = ChangeRecord.objects.count()
    result = run(new_projects())
    assert [row.outcome for row in result.rows] == [Outcome.CREATE] * 3
    assert not result.committed and result.dry_run
    assert not Project.objects.filter(code__startswith="IMP-").exists()
    assert ChangeRecord.objects.count() == records


def test_a_commit_writes_the_values_as_people_typed_them(admin_user):
    result = run(new_projects(), commit=True, user=admin_user)
    assert result.committed and result.counts[Outcome.CREATE] == 3
    signed = Project.objects.get(code="IMP-0001")
    assert signed.stage == "signed"
    assert signed.contract_value == Decimal("30000000")  # 3000 in a 万元 column
    assert signed.signed_date == datetime.date(2023, 4, 22)
    assert signed.destination_region.code == "230100"
    assert list(signed.investors.all()) == [an_investor()]
    assert Project.objects.get(code="IMP-0003").destination_region.code == "230700"
    record = ChangeRecord.objects.for_object(signed).first()
    assert (record.channel, record.user) == (Channel.IMPORT, admin_user)


def test_importing_the_same_file_twice_changes_nothing_the_second_time():
    run(new_projects(), commit=True)
    records = ChangeRecord.objects.count()
    again = run(new_projects(), commit=True)
    assert [row.outcome for row in again.rows] == [Outcome.UNCHANGED] * 3
    assert ChangeRecord.objects.count() == records


def test_an_update_names_what_changes():
    run(new_projects(), commit=True)
    rows = [list(row) for row in NEW_PROJECTS[:1]] + [
        ["IMP-0002", "导入测试项目二（调整）", "洽谈", "齐齐哈尔市"]
    ]
    result = run(workbook([row[:4] for row in rows]), commit=True)
    assert result.rows[0].outcome == Outcome.UPDATE
    assert result.rows[0].changes == ["中文名称"]


# ---------------------------------------------------------------------------- errors


def bad_projects() -> bytes:
    rows = [list(row) for row in NEW_PROJECTS]
    rows[1][4] = an_investor().name_zh
    rows[2][5] = "约3000万元"  # an estimate, not an amount
    rows[3][3] = "不存在市"
    return workbook(rows)


def test_each_error_names_its_row_column_and_what_is_wrong():
    result = run(bad_projects(), commit=True)
    assert not result.committed
    assert not Project.objects.filter(code__startswith="IMP-").exists()
    errors = {(row.number, e.column) for row in result.errors for e in row.errors}
    assert errors == {(3, "签约额（万元）"), (4, "项目所在地")}
    messages = " ".join(e.message for row in result.errors for e in row.errors)
    assert "约3000万元" in messages and "不存在市" in messages


def test_only_the_valid_rows_when_asked_for():
    result = run(bad_projects(), commit=True, valid_rows_only=True)
    assert result.committed
    assert list(Project.objects.filter(code__startswith="IMP-").values_list("code", flat=True)) == [
        "IMP-0001"
    ]


def test_the_model_rules_are_errors_of_the_row():
    """A signed project needs a contract value (Project.clean): the row says so, beside it."""
    rows = [
        NEW_PROJECTS[0],
        ["IMP-0009", "缺签约额", "签约", "哈尔滨市", an_investor().name_zh, "", "2023-04-22"],
    ]
    result = run(workbook(rows), commit=True)
    [row] = result.errors
    assert row.number == 2
    assert [e.column for e in row.errors] == ["签约额（万元）"]


def test_a_negative_amount_is_refused_beside_its_column():
    rows = [NEW_PROJECTS[0][:6], ["IMP-0010", "负数", "洽谈", "哈尔滨市", "", "-5"]]
    [row] = run(workbook(rows), commit=True).errors
    assert [(e.column, e.message) for e in row.errors] == [("签约额（万元）", "金额不能为负数。")]


def test_a_row_the_database_refuses_says_why():
    """An event that ends before it starts breaks a database check: the row says so."""
    rows = [
        ["活动编号", "活动类型", "活动名称", "开始日期", "结束日期", "举办地"],
        ["IMP-EV-1", "大会", "倒序活动", "2023-04-22", "2023-04-20", "哈尔滨市"],
    ]
    result = run(workbook(rows), ENTITIES["events"], commit=True)
    [row] = result.errors
    assert row.number == 2 and row.errors[0].message
    assert not result.committed


def test_a_row_refused_after_its_first_writes_leaves_no_change_records(monkeypatch):
    """Change records are held and written in batches. A row refused after its project was
    saved (its stage move dated before the last one) loses its records with its savepoint;
    those of the valid rows, before and after it, all land."""
    monkeypatch.setattr("counterpart.imports.services.RECORD_BATCH", 2)
    header = ["项目编号", "项目名称", "项目阶段", "阶段日期", "项目所在地"]
    first = ["IMP-R1", "阶段倒序", "合作线索", "2023-04-01", "哈尔滨市"]
    run(workbook([header, first]), commit=True)
    rows = [
        header,
        ["IMP-R2", "有效一", "洽谈", "2023-04-01", "哈尔滨市"],
        ["IMP-R1", "阶段倒序", "洽谈", "2023-01-01", "哈尔滨市"],
        ["IMP-R3", "有效二", "洽谈", "2023-04-01", "哈尔滨市"],
    ]
    before = ChangeRecord.objects.count()
    result = run(workbook(rows), commit=True, valid_rows_only=True)
    assert result.committed and [row.number for row in result.errors] == [3]
    assert "2023-04-01" in result.errors[0].errors[0].message
    refused = Project.objects.get(code="IMP-R1")
    assert refused.stage == "lead"
    new = ChangeRecord.objects.order_by("id")[before:]
    assert {record.object_id for record in new} >= {
        str(Project.objects.get(code=code).pk) for code in ("IMP-R2", "IMP-R3")
    }
    assert not ChangeRecord.objects.for_object(refused).filter(pk__in=[r.pk for r in new])


def test_the_queries_per_row_stay_few(django_assert_max_num_queries):
    """New projects with investors: a lookup, the project, its first stage change, the
    investors and savepoints; change records go in batches. Guards the import's speed."""
    rows = [NEW_PROJECTS[0]]
    for n in range(30):
        rows.append([f"IMP-Q{n:03d}", f"查询{n}", "签约", "哈尔滨市", an_investor().name_zh,
                     3000, "2023-04-22"])  # fmt: skip
    data = table(workbook(rows))
    with django_assert_max_num_queries(30 * 10 + 20):
        result = run_import(data, PROJECTS, commit=True)
    assert result.counts[Outcome.CREATE] == 30


def test_a_row_repeating_another_is_refused():
    rows = [
        NEW_PROJECTS[0][:4],
        ["IMP-0005", "甲", "洽谈", "哈尔滨市"],
        ["IMP-0005", "乙", "洽谈", "哈尔滨市"],
    ]
    result = run(workbook(rows))
    assert [row.outcome for row in result.rows] == [Outcome.CREATE, Outcome.ERROR]
    assert "2" in result.rows[1].errors[0].message


def test_messages_in_english_for_an_english_user():
    rows = [
        ["code", "name (Chinese)", "stage", "destination"],
        ["IMP-0006", "甲", "finished", "Harbin"],
    ]
    with translation.override("en"):
        result = run(workbook(rows))
    [error] = result.errors[0].errors
    assert error.column == "stage" and "is not one of" in error.message


def test_a_file_without_a_required_column_is_refused_before_any_row():
    with pytest.raises(MappingError) as error:
        run(workbook([["项目名称"], ["甲"]]))
    assert "code" in str(error.value)


# ---------------------------------------------------------------------------- keys


def test_an_organisation_found_by_name_and_region_is_flagged():
    organization = Organization.objects.filter(hq_region__isnull=False).order_by("pk").first()
    rows = [
        ["名称", "类别", "所在地"],
        [organization.name_zh, organization.get_kind_display(), organization.hq_region.code],
    ]
    result = run(workbook(rows), ENTITIES["organizations"])
    [row] = result.rows
    assert row.outcome == Outcome.UNCHANGED and row.note


def test_uniqueness_beyond_the_key_is_still_checked():
    """Found by its credit code, a row may not take the name and region of another
    organisation: the lookup answers only the uniqueness of the fields it used."""
    first, second = Organization.objects.filter(
        credit_code__isnull=False, hq_region__isnull=False
    ).order_by("pk")[:2]
    taken = [first.credit_code, second.name_zh, first.get_kind_display(), second.hq_region.code]
    rows = [["信用代码", "名称", "类别", "所在地"], taken]
    [row] = run(workbook(rows), ENTITIES["organizations"], commit=True).rows
    assert row.outcome == Outcome.ERROR and row.errors
    first.refresh_from_db()
    assert first.name_zh != second.name_zh


# ---------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", sorted(ENTITIES))
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_of_the_sample_data_imports_back_unchanged(name, fmt):
    entity = ENTITIES[name]
    rows = entity_rows(entity, export_queryset(entity), personal=True)
    assert len(rows) > 1, f"no sample {name}"
    data = csv_bytes(rows) if fmt == "csv" else xlsx_bytes(rows, entity.label, set())
    records = ChangeRecord.objects.count()
    result = run(data, entity, name=f"{name}.{fmt}", commit=True)
    problems = [(r.number, r.outcome, r.changes, [(e.column, e.message) for e in r.errors])
                for r in result.rows if r.outcome != Outcome.UNCHANGED]  # fmt: skip
    assert problems == []
    assert ChangeRecord.objects.count() == records


def test_contacts_personal_fields_are_masked_unless_asked_for():
    entity = ENTITIES["contacts"]
    contact = Contact.objects.create(
        organization=an_investor(), name="张测试", title="经理", phone="13800000000"
    )
    masked = entity_rows(entity, export_queryset(entity).filter(pk=contact.pk))
    shown = entity_rows(entity, export_queryset(entity).filter(pk=contact.pk), personal=True)
    phone = masked[0].index("电话")
    assert masked[1][phone] == "***" and shown[1][phone] == contact.phone


# ---------------------------------------------------------------------------- templates, CLI


@pytest.mark.parametrize("name", sorted(ENTITIES))
def test_a_template_has_both_languages_an_example_and_lists(name):
    book = load_workbook(io.BytesIO(template_bytes(ENTITIES[name])))
    data = book.worksheets[0]
    headers = [cell.value for cell in data[1]]
    assert headers == [c.label_zh for c in ENTITIES[name].bound_columns()]
    assert all(cell.comment for cell in data[1])  # the English header and how to write it
    assert any(cell.value not in (None, "") for cell in data[2])
    has_choices = any(c.kind in ("choice", "bool") for c in ENTITIES[name].bound_columns())
    assert bool(data.data_validations.dataValidation) == has_choices


def test_the_import_command_exit_codes(tmp_path, capsys):
    good, bad, broken = tmp_path / "good.xlsx", tmp_path / "bad.xlsx", tmp_path / "broken.xlsx"
    good.write_bytes(new_projects())
    bad.write_bytes(bad_projects())
    broken.write_bytes(b"%PDF-1.7 not a workbook")
    call_command("import", str(good), entity="projects", dry_run=True)
    assert "IMP-0001" in capsys.readouterr().out
    assert not Project.objects.filter(code="IMP-0001").exists()
    with pytest.raises(SystemExit) as exit_code:
        call_command("import", str(bad), entity="projects")
    assert exit_code.value.code == 1
    out = capsys.readouterr().out
    assert "第3行" in out or "row 3" in out
    with pytest.raises(CommandError) as error:
        call_command("import", str(broken), entity="projects")
    assert error.value.returncode == 2
    call_command("import", str(good), entity="projects")
    assert Project.objects.filter(code__startswith="IMP-").count() == 3


def test_export_and_template_commands(tmp_path):
    out = tmp_path / "harbin.xlsx"
    call_command("export", entity="projects", output=out, filter=["destination_region=230100"])
    sheet = load_workbook(out).active
    harbin = Project.objects.filter(destination_region__code="230100").count()
    assert sheet.max_row - 1 == harbin
    with pytest.raises(CommandError) as error:
        call_command("export", entity="projects", output=out, filter=["colour=red"])
    assert error.value.returncode == 2
    template = tmp_path / "t.xlsx"
    call_command("template", entity="funds", output=template, lang="en")
    assert load_workbook(template).worksheets[0]["A1"].value == "project"
