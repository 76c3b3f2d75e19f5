"""The import's web pages: upload, preview (a dry run), column mapping, commit, permissions,
templates and the report."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.imports import progress as progress_module
from counterpart.imports.entities import ENTITIES
from counterpart.imports.models import ImportBatch, SavedMapping
from counterpart.imports.progress import Progress
from counterpart.imports.readers import read_table
from counterpart.imports.services import Outcome, run_import
from counterpart.imports.tests.test_import import (
    NEW_PROJECTS,
    an_investor,
    bad_projects,
    new_projects,
    workbook,
)
from counterpart.projects.models import Project, TaskForceCity

pytestmark = pytest.mark.usefixtures("sample_data", "db")

PROJECTS = ENTITIES["projects"]
HTMX = {"HTTP_HX_REQUEST": "true"}


def upload(client, data: bytes, name: str = "rows.xlsx", entity: str = "projects", sheet=""):
    return client.post(
        reverse("imports:upload"),
        {"entity": entity, "file": SimpleUploadedFile(name, data), "sheet": sheet},
    )


def uploaded(client, data: bytes, **options) -> ImportBatch:
    response = upload(client, data, **options)
    assert response.status_code == 302, response.content.decode()[:2000]
    pk = int(re.search(r"/imports/(\d+)/", response["Location"])[1])
    return ImportBatch.objects.get(pk=pk)


def preview(client, batch: ImportBatch, **data):
    url = reverse("imports:preview", kwargs={"pk": batch.pk})
    if data:
        return client.post(url, data, **HTMX)
    return client.get(url, **HTMX)


def counts(response) -> dict[str, int]:
    return {badge["outcome"]: badge["count"] for badge in response.context["badges"]}


def commit(client, batch: ImportBatch, valid_rows_only: bool = False):
    data = {"valid_rows_only": "on"} if valid_rows_only else {}
    return client.post(reverse("imports:commit", kwargs={"pk": batch.pk}), data)


def imported_codes() -> list[str]:
    return sorted(Project.objects.filter(code__startswith="IMP-").values_list("code", flat=True))


@pytest.fixture
def officer_client(client):
    """A sample task-force officer (Harbin's): writes only their task force's cities' work."""
    client.force_login(get_user_model().objects.get(username="officer-230100"))
    return client


# ---------------------------------------------------------------------------- upload, preview


def test_the_upload_page_offers_each_entity_and_its_templates(admin_client):
    html = admin_client.get(reverse("imports:upload")).content.decode()
    assert 'accept=".xlsx,.xls,.ods,.csv"' in html
    assert 'enctype="multipart/form-data"' in html
    for name in ENTITIES:
        assert f'value="{name}"' in html
        assert reverse("imports:template", kwargs={"entity": name, "lang": "zh"}) in html
        assert reverse("imports:template", kwargs={"entity": name, "lang": "en"}) in html
    assert reverse("imports:upload") in html  # the navbar's entry


def test_an_upload_is_stored_and_previewed_with_each_error_by_row_and_column(admin_client):
    batch = uploaded(admin_client, bad_projects())
    assert (batch.entity, batch.filename, batch.committed_at) == ("projects", "rows.xlsx", None)
    assert bytes(batch.data)[:2] == b"PK" and batch.size == len(bytes(batch.data))
    # The page shows at once and fetches the preview with htmx, saying what it is doing.
    page = admin_client.get(reverse("imports:batch", kwargs={"pk": batch.pk})).content.decode()
    assert f'hx-get="{reverse("imports:preview", kwargs={"pk": batch.pk})}"' in page
    assert "spinner-border" in page
    response = preview(admin_client, batch)
    assert counts(response) == {"create": 1, "update": 0, "unchanged": 0, "error": 2}
    lines = [(row.number, column) for row, column, _m in response.context["error_lines"]]
    assert lines == [(3, "签约额（万元）"), (4, "项目所在地")]
    html = response.content.decode()
    assert "约3000万元" in html and "不存在市" in html
    assert re.search(r'id="commit-button"[^>]*disabled', html)
    assert 'name="valid_rows_only"' in html
    assert imported_codes() == []
    batch.refresh_from_db()
    assert batch.summary["counts"] == {"create": 1, "update": 0, "unchanged": 0, "error": 2}


def test_the_preview_without_javascript_is_a_whole_page(admin_client):
    batch = uploaded(admin_client, new_projects())
    url = reverse("imports:preview", kwargs={"pk": batch.pk})
    html = admin_client.get(url).content.decode()
    assert "<html" in html and 'id="commit-form"' in html and 'hx-trigger="load"' not in html


def test_a_long_file_lists_a_few_hundred_rows_and_the_report_has_them_all(admin_client):
    rows = [NEW_PROJECTS[0][:4]]
    rows += [[f"IMP-{n:04d}", f"导入长表{n}", "洽谈", "哈尔滨市"] for n in range(1, 451)]
    rows += [[f"IMP-9{n:03d}", f"有误{n}", "洽谈", "不存在市"] for n in range(1, 251)]
    batch = uploaded(admin_client, workbook(rows))
    response = preview(admin_client, batch)
    assert counts(response)["create"] == 450 and counts(response)["error"] == 250
    assert len(response.context["error_lines"]) == 200
    assert len(response.context["other_rows"]) == 200
    html = response.content.decode()
    assert html.count("<tr") < 450
    report = admin_client.get(reverse("imports:report", kwargs={"pk": batch.pk}))
    assert report["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert len(lines) == 1 + 700
    assert lines[1][:3] == ["452", "有误", "项目所在地"]  # errors first
    assert lines[-1][:2] == ["451", "新增"]


# ---------------------------------------------------------------------------- mapping


ODD_HEADERS = [
    ["编码X", "项目名称", "项目阶段", "项目所在地"],
    ["IMP-0101", "映射测试项目", "洽谈", "哈尔滨市"],
]


def test_a_file_whose_columns_do_not_fit_says_so_and_the_user_maps_them(admin_client):
    batch = uploaded(admin_client, workbook(ODD_HEADERS))
    response = preview(admin_client, batch)
    assert response.context["preview"].mapping_error
    html = response.content.decode()
    assert 'id="mapping-error"' in html and 'name="column_0"' in html
    assert "IMP-0101" in html  # the first row helps to choose
    mapping = {"column_0": "code", "column_1": "name_zh", "column_2": "stage"}
    response = preview(admin_client, batch, **mapping, column_3="destination_region")
    assert not response.context["preview"].mapping_error
    assert counts(response)["create"] == 1
    batch.refresh_from_db()
    assert batch.column_mapping() == {
        0: "code",
        1: "name_zh",
        2: "stage",
        3: "destination_region",
    }
    assert not SavedMapping.objects.exists()
    # A column mapped twice is the mapping's error, not the page's.
    response = preview(admin_client, batch, **mapping, column_3="code")
    assert "code" in response.context["preview"].mapping_error


def test_a_saved_mapping_is_applied_to_the_next_file_with_the_same_headers(admin_client):
    batch = uploaded(admin_client, workbook(ODD_HEADERS))
    preview(
        admin_client,
        batch,
        column_0="code",
        column_1="name_zh",
        column_2="stage",
        column_3="destination_region",
        save="on",
    )
    saved = SavedMapping.objects.get()
    assert saved.mapping == {
        "编码X": "code",
        "项目名称": "name_zh",
        "项目阶段": "stage",
        "项目所在地": "destination_region",
    }
    rows = [ODD_HEADERS[0], ["IMP-0102", "另一个文件", "洽谈", "齐齐哈尔市"]]
    again = uploaded(admin_client, workbook(rows), name="next.xlsx")
    assert again.saved_mapping == saved and again.column_mapping()[0] == "code"
    response = preview(admin_client, again)
    assert counts(response)["create"] == 1
    assert response.context["mapping_saved"]
    assert "已套用您为此类表头保存的列对应" in response.content.decode()
    # Back to matching by headers: the code column is not found again.
    response = preview(admin_client, again, action="automatic")
    again.refresh_from_db()
    assert again.mapping is None and response.context["preview"].mapping_error


# ---------------------------------------------------------------------------- commit


def test_a_commit_writes_the_rows_with_change_records_once(admin_client, admin_user):
    batch = uploaded(admin_client, new_projects())
    response = commit(admin_client, batch)
    assert response.status_code == 302
    assert imported_codes() == ["IMP-0001", "IMP-0002", "IMP-0003"]
    record = ChangeRecord.objects.for_object(Project.objects.get(code="IMP-0001")).first()
    assert (record.channel, record.user) == (Channel.IMPORT, admin_user)
    batch.refresh_from_db()
    assert batch.committed_at is not None and batch.summary["committed"]
    assert batch.summary["counts"]["create"] == 3
    page = admin_client.get(response["Location"])
    html = page.content.decode()
    assert 'id="import-done"' in html and reverse("projects:project_list") in html
    assert 'id="commit-form"' not in html and "hx-get" not in html
    assert len(page.context["other_rows"]) == 3
    # Not twice.
    records = ChangeRecord.objects.count()
    response = commit(admin_client, batch)
    assert response.status_code == 302
    assert ChangeRecord.objects.count() == records
    messages = [str(m) for m in admin_client.get(response["Location"]).context["messages"]]
    assert messages and ("already" in messages[0] or "已导入" in messages[0])


def test_a_file_with_errors_commits_nothing_unless_the_valid_rows_are_chosen(admin_client):
    batch = uploaded(admin_client, bad_projects())
    records = ChangeRecord.objects.count()
    response = commit(admin_client, batch)
    assert imported_codes() == [] and ChangeRecord.objects.count() == records
    batch.refresh_from_db()
    assert batch.committed_at is None
    messages = [str(m) for m in admin_client.get(response["Location"]).context["messages"]]
    assert messages and "2" in messages[0]
    commit(admin_client, batch, valid_rows_only=True)
    assert imported_codes() == ["IMP-0001"]
    batch.refresh_from_db()
    assert batch.committed_at and batch.valid_rows_only
    page = admin_client.get(reverse("imports:batch", kwargs={"pk": batch.pk}))
    assert page.context["error_rows"] == 2 and len(page.context["error_lines"]) == 2
    report = admin_client.get(reverse("imports:report", kwargs={"pk": batch.pk}))
    lines = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert [line[0] for line in lines[1:]] == ["3", "4", "2"]


# ---------------------------------------------------------------------------- who may


def test_a_viewer_cannot_import(client):
    client.force_login(get_user_model().objects.create_user("reader", password="x"))
    assert upload(client, new_projects()).status_code == 403
    assert client.get(reverse("imports:upload")).status_code == 403
    template = reverse("imports:template", kwargs={"entity": "projects", "lang": "en"})
    assert client.get(template).status_code == 403
    assert ImportBatch.objects.count() == 0


def test_rows_outside_the_users_cities_are_refused_row_by_row(client):
    """An officer whose task force does not cover Harbin previews the Harbin projects: each row
    is an error naming the destination column, and nothing can be committed."""
    away = (
        TaskForceCity.objects.exclude(
            task_force__in=TaskForceCity.objects.filter(city__code="230100").values("task_force")
        )
        .select_related("officer")
        .first()
    )
    client.force_login(away.officer)
    batch = uploaded(client, new_projects())
    response = preview(client, batch)
    assert counts(response)["error"] == 3 and counts(response)["create"] == 0
    columns = {column for _row, column, _message in response.context["error_lines"]}
    assert columns == {"项目所在地"}
    commit(client, batch, valid_rows_only=True)
    assert imported_codes() == []


def test_an_officer_may_not_commit_an_entity_they_cannot_write(officer_client):
    batch = uploaded(officer_client, new_projects())
    batch.entity = "organizations"
    batch.save(update_fields=["entity"])
    assert preview(officer_client, batch).context["can_import"] is False
    assert commit(officer_client, batch).status_code == 403


def test_another_users_batch_does_not_exist_for_them(admin_client, officer_client):
    batch = uploaded(admin_client, new_projects())
    for name in ("batch", "preview", "report"):
        url = reverse(f"imports:{name}", kwargs={"pk": batch.pk})
        assert officer_client.get(url).status_code == 404
    assert commit(officer_client, batch).status_code == 404
    html = officer_client.get(reverse("imports:upload")).content.decode()
    assert batch.filename not in html


# ---------------------------------------------------------------------------- refused files


def test_a_file_that_is_not_a_spreadsheet_is_refused_beside_the_field(admin_client):
    batches = ImportBatch.objects.count()
    response = upload(admin_client, b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", name="scan.xlsx")
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert "scan.xlsx" in errors[0] and ("PDF" in errors[0])
    assert 'id="id_file_error"' in response.content.decode()
    assert ImportBatch.objects.count() == batches


def test_a_file_over_the_limit_is_dropped_as_it_arrives(admin_client, settings):
    settings.IMPORT_MAX_BYTES = 2000
    response = upload(admin_client, b"a,b\n" + b"1,2\n" * 2000, name="big.csv")
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert "big.csv" in error and "2.0" in error  # the limit, 2.0 KB
    assert not ImportBatch.objects.filter(filename="big.csv").exists()


def test_the_upload_checks_the_csrf_token(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert upload(client, new_projects()).status_code == 403
    html = client.get(reverse("imports:upload")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    response = client.post(
        reverse("imports:upload"),
        {
            "entity": "projects",
            "file": SimpleUploadedFile("rows.xlsx", new_projects()),
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302


def test_an_unknown_sheet_is_refused(admin_client):
    response = upload(admin_client, new_projects(), sheet="没有这个表")
    assert "没有这个表" in response.context["form"].errors["file"][0]


def test_old_unimported_files_of_the_user_go_when_another_is_uploaded(admin_client):
    old = uploaded(admin_client, new_projects())
    kept = uploaded(admin_client, new_projects())
    commit(admin_client, kept)
    day_ago = timezone.now() - datetime.timedelta(days=2)
    ImportBatch.objects.filter(pk__in=[old.pk, kept.pk]).update(created_at=day_ago)
    uploaded(admin_client, new_projects())
    assert not ImportBatch.objects.filter(pk=old.pk).exists()
    assert ImportBatch.objects.filter(pk=kept.pk).exists()


# ---------------------------------------------------------------------------- templates


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(ENTITIES))
def test_each_blank_template_downloads_and_opens(admin_client, name, lang):
    response = admin_client.get(reverse("imports:template", kwargs={"entity": name, "lang": lang}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".xlsx" in disposition
    if lang == "zh":
        assert "%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF" in disposition  # 导入模板
    else:
        assert "import-template" in disposition
    book = load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in book.worksheets[0][1]]
    columns = ENTITIES[name].bound_columns()
    expected = [c.label_zh if lang == "zh" else c.label_en for c in columns]
    assert headers == expected


def test_an_unknown_template_is_404(admin_client):
    url = reverse("imports:template", kwargs={"entity": "users", "lang": "zh"})
    assert admin_client.get(url).status_code == 404
    url = reverse("imports:template", kwargs={"entity": "projects", "lang": "fr"})
    assert admin_client.get(url).status_code == 404


# ---------------------------------------------------------------------------- English, cost


def test_the_pages_in_english(admin_client, admin_user):
    admin_user.language = "en"
    admin_user.save(update_fields=["language"])
    html = admin_client.get(reverse("imports:upload")).content.decode()
    assert "Upload and check" in html and "English headers" in html and "Projects" in html
    rows = [
        ["code", "name (Chinese)", "stage", "destination"],
        ["IMP-0006", "甲", "finished", "Harbin"],
    ]
    batch = uploaded(admin_client, workbook(rows))
    response = preview(admin_client, batch)
    html = response.content.decode()
    assert "1 row with errors" in html and "is not one of" in html
    assert ">error <" in html or "error" in [b["label"] for b in response.context["badges"]]


def test_the_preview_costs_the_import_and_a_fixed_number_of_queries(admin_client):
    def queries(count: int) -> tuple[int, int]:
        rows = [NEW_PROJECTS[0][:5]]
        rows += [
            [f"IMP-{count}{n:03d}", f"成本{n}", "洽谈", "哈尔滨市", an_investor().name_zh]
            for n in range(count)
        ]
        data = workbook(rows)
        batch = uploaded(admin_client, data)
        with CaptureQueriesContext(connection) as page:
            assert preview(admin_client, batch).status_code == 200
        headers = [h for c in PROJECTS.bound_columns() for h in c.headers()]
        with CaptureQueriesContext(connection) as alone:
            result = run_import(read_table(data, "rows.xlsx", header_names=headers), PROJECTS)
        assert result.counts[Outcome.CREATE] == count
        return len(page), len(alone)

    small_page, small_import = queries(3)
    large_page, large_import = queries(12)
    assert large_page - large_import == small_page - small_import


# ---------------------------------------------------------------------------- progress


def test_the_waiting_pages_poll_the_progress_of_their_batch(admin_client):
    batch = uploaded(admin_client, new_projects())
    url = reverse("imports:progress", kwargs={"pk": batch.pk})
    html = admin_client.get(reverse("imports:batch", kwargs={"pk": batch.pk})).content.decode()
    assert f'data-progress-url="{url}"' in html  # while the preview loads
    html = preview(admin_client, batch).content.decode()
    assert f'data-progress-url="{url}" data-progress-start="submit"' in html  # while importing


def test_the_progress_counts_the_rows_done_and_is_gone_when_the_import_ends(
    admin_client, monkeypatch
):
    seen = []
    publish = progress_module.Progress.publish

    def recording(self):
        seen.append((self.done, self.total, self.committing))
        publish(self)

    monkeypatch.setattr(progress_module, "STEP", 1)
    monkeypatch.setattr(progress_module.Progress, "publish", recording)
    batch = uploaded(admin_client, new_projects())
    preview(admin_client, batch)
    assert seen[0] == (0, None, False) and seen[-1] == (3, None, False)
    assert progress_module.progress_of(batch.pk) is None  # finished
    seen.clear()
    batch.refresh_from_db()
    commit(admin_client, batch)
    assert seen[-1] == (3, 3, True)  # the preview told the commit how many rows to expect


def test_the_progress_fragment(admin_client, officer_client):
    batch = uploaded(admin_client, new_projects())
    url = reverse("imports:progress", kwargs={"pk": batch.pk})
    assert admin_client.get(url).content.decode().strip() == ""  # nothing running
    tracker = Progress(batch.pk, 1000, committing=True)
    for number in range(400):
        tracker(number)
    html = admin_client.get(url).content.decode()  # in the user's language, Chinese
    assert 'value="400"' in html and "已完成400行，共1,000行" in html
    tracker.finish()
    Progress(batch.pk, None, committing=False)(1)
    assert officer_client.get(url).status_code == 404  # another user's batch
