"""Funds-in-place pages: the list (filters that reproduce the dashboard's figures, search,
export, the total of the filtered rows), the form's errors beside its fields, and the change
history of what the pages write."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook

from counterpart.core import formatting
from counterpart.core.choices import ChangeAction, Channel
from counterpart.core.models import ChangeRecord
from counterpart.geo.models import Region
from counterpart.projects.choices import Stage
from counterpart.projects.models import FundsInPlace, Project
from counterpart.reports.dashboard import dashboard
from counterpart.web.dashboard import projects_url

pytestmark = pytest.mark.usefixtures("sample_data", "db")

LIST = reverse("projects:fundsinplace_list")
ADD = reverse("projects:fundsinplace_add")
APRIL = datetime.date(2023, 4, 1), datetime.date(2023, 4, 30)
MARCH = datetime.date(2023, 3, 1), datetime.date(2023, 3, 31)
YEAR = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)


def listed(client, params=None) -> list[FundsInPlace]:
    response = client.get(LIST, params or {})
    assert response.status_code == 200
    return list(response.context["table"].data)


def list_total(client, url: str) -> Decimal:
    """The sum of the amounts the list at ``url`` shows (every page), checked against its
    footer."""
    response = client.get(url)
    assert response.status_code == 200, url
    table = response.context["table"]
    total = sum((row.amount for row in table.data), Decimal(0))
    assert table.columns["amount"].footer == formatting.money(total, "zh")
    return total


def pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def region(code: str) -> Region:
    return Region.objects.get(code=code)


# ---------------------------------------------------------------------------- list


def test_the_list_shows_every_row_with_the_total_of_all_pages(admin_client):
    response = admin_client.get(LIST, {"per_page": 25})
    table = response.context["table"]
    assert response.context["total"] == FundsInPlace.objects.count() > 25
    assert len(table.page.object_list) == 25
    whole = FundsInPlace.objects.aggregate(total=Sum("amount"))["total"]
    html = response.content.decode()
    assert formatting.money(whole, "zh") in html  # in the footer, though the page shows 25
    row = table.page.object_list[0].record
    assert reverse("projects:fundsinplace", kwargs={"pk": row.pk}) in html
    assert reverse("projects:project", kwargs={"pk": row.project_id}) in html
    assert row.month.strftime("%Y-%m") in html
    # Newest month first, as the model orders funds.
    months = [r.month for r in table.data]
    assert months == sorted(months, reverse=True)


def test_the_navbar_links_the_list(admin_client):
    html = admin_client.get(reverse("projects:project_list")).content.decode()
    assert f'href="{LIST}"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # A month is its first day, given as a month or as any date of it.
        (
            {"month_after": "2023-02", "month_before": "2023-02"},
            {"month": datetime.date(2023, 2, 1)},
        ),
        (
            {"month_after": "2023-02-15", "month_before": "2023-02-28"},
            {"month": datetime.date(2023, 2, 1)},
        ),
        ({"month_after": "2023-03"}, {"month__gte": datetime.date(2023, 3, 1)}),
        ({"month_before": "2023-01-31"}, {"month__lte": datetime.date(2023, 1, 1)}),
        # A province matches its cities; a city itself.
        ({"source_region": "440000"}, {"source_region__province__code": "440000"}),
        ({"source_region": "440300"}, {"source_region__code": "440300"}),
        (
            {"destination_region": "230000"},
            {"project__destination_region__province__code": "230000"},
        ),
        ({"destination_region": "230100"}, {"project__destination_region__code": "230100"}),
        ({"task_force": "TF-1"}, {"project__task_force__code": "TF-1"}),
        ({"amount_basis": "confirmed"}, {"amount_basis": "confirmed"}),
        ({"amount_basis": "estimated"}, {"amount_basis": "estimated"}),
        ({"is_sample": "true"}, {"is_sample": True}),
        ({"is_sample": "false"}, {"is_sample": False}),
        # The pairing's rule is the reports': the project's destination and source.
        (
            {"pairing": "PAIR-01"},
            {
                "project__destination_region__code": "230100",
                "project__source_region__code": "440300",
            },
        ),
    ],
)
def test_filters(admin_client, params, expected):
    rows = pks(FundsInPlace.objects.filter(**expected))
    assert {r.pk for r in listed(admin_client, params)} == rows
    assert rows or params.get("amount_basis") == "estimated" or "false" in params.values()


def test_filters_by_ids_and_by_project(admin_client):
    funds = FundsInPlace.objects.select_related("project").order_by("pk").first()
    project = funds.project
    of_project = pks(project.funds.all())
    assert {r.pk for r in listed(admin_client, {"project": project.code})} == of_project
    assert {r.pk for r in listed(admin_client, {"project_id": project.pk})} == of_project
    by_id = {r.pk for r in listed(admin_client, {"source_region_id": region("440000").pk})}
    assert by_id == pks(FundsInPlace.objects.filter(source_region__province__code="440000"))
    task_force = project.task_force
    by_task_force = {r.pk for r in listed(admin_client, {"task_force_id": task_force.pk})}
    assert by_task_force == pks(FundsInPlace.objects.filter(project__task_force=task_force))
    assert listed(admin_client, {"pairing": "NO-SUCH-PAIRING"}) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("code", "project__code__icontains"),
        ("name", "project__name_zh__icontains"),
        ("region", "source_region__name_zh__icontains"),
    ],
)
def test_search(admin_client, query, field):
    funds = FundsInPlace.objects.select_related("project", "source_region").order_by("pk").first()
    term = {
        "code": funds.project.code,
        "name": funds.project.name_zh,
        "region": funds.source_region.name_zh,
    }[query]
    found = {r.pk for r in listed(admin_client, {"q": term})}
    assert funds.pk in found and found == pks(FundsInPlace.objects.filter(**{field: term}))


def test_an_invalid_month_shows_no_rows_and_says_so(admin_client):
    response = admin_client.get(LIST, {"month_after": "2023-13"})
    assert list(response.context["table"].data) == []
    assert response.context["invalid_filters"]
    assert "is-invalid" in response.content.decode()


def test_month_filters_show_as_months(admin_client):
    response = admin_client.get(LIST, {"month_after": "2023-01-01", "month_before": "2023-03-31"})
    chips = {c["name"]: c["value"] for c in response.context["active_filters"]}
    assert chips == {"month_after": "2023-01", "month_before": "2023-03"}
    html = response.content.decode()
    # The month input can show a date given in the link (a month picker takes YYYY-MM only).
    assert 'type="month" name="month_before" value="2023-03"' in html


def test_sorting_by_amount(admin_client):
    amounts = [r.amount for r in listed(admin_client, {"sort": "-amount"})]
    assert amounts == sorted(amounts, reverse=True)


# ---------------------------------------------------------------------------- the dashboard


def add_rows_the_capital_report_leaves_out() -> None:
    """Funds the headline counts and the capital bars do not: an estimate, capital from the
    receiving province itself and from Hong Kong, and capital for a project outside it."""
    project = Project.objects.filter(  # a project of the pairing PAIR-01
        destination_region__code="230100", source_region__code="440300", funds__isnull=False
    ).first()
    elsewhere = Project.objects.create(
        code="TEST-GD-0001",
        name_zh="广州测试项目",
        stage=Stage.LEAD,
        source_region=region("440300"),
        destination_region=region("440100"),
    )
    month = datetime.date(2023, 3, 1)
    for target, source, basis in (
        (project, "440100", "estimated"),
        (project, "230100", "confirmed"),
        (project, "810000", "confirmed"),
        (elsewhere, "440300", "confirmed"),
    ):
        FundsInPlace.objects.create(
            project=target,
            month=month,
            source_region=region(source),
            amount=Decimal("12345678.90"),
            amount_basis=basis,
        )


@pytest.mark.parametrize("period", [APRIL, MARCH, YEAR], ids=["april", "march", "year"])
@pytest.mark.parametrize("pairing", ["", "PAIR-01"])
def test_the_list_behind_each_dashboard_figure_sums_to_it(admin_client, period, pairing):
    add_rows_the_capital_report_leaves_out()
    board = dashboard(*period, "zh", pairing)
    headline = board.headline("funds")
    assert list_total(admin_client, projects_url(headline.link, headline.target)) == (
        headline.value
    )
    if period != APRIL:  # the sample's funds arrived from January to March
        assert headline.value > 0 and board.capital_by_source
    for bar in board.capital_by_source:
        assert bar.target == "funds"
        assert list_total(admin_client, projects_url(bar.link, bar.target)) == bar.value, bar
    if period != APRIL:  # the rows added count in the headline only
        assert sum((bar.value for bar in board.capital_by_source), Decimal(0)) < headline.value


# ---------------------------------------------------------------------------- export


def test_csv_export_has_the_filtered_rows_as_numbers(admin_client):
    response = admin_client.get(LIST, {"export": "csv", "source_region": "440300"})
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, rows = lines[0], lines[1:]
    assert header[:4] == ["月份", "项目", "来源地", "金额（元）"]
    expected = FundsInPlace.objects.filter(source_region__code="440300")
    assert len(rows) == expected.count()
    assert {r[2] for r in rows} == {"深圳市"}
    assert sum(Decimal(r[3]) for r in rows) == expected.aggregate(t=Sum("amount"))["t"]


def test_excel_export_keeps_months_as_dates_and_amounts_as_numbers(admin_client):
    response = admin_client.get(LIST, {"export": "xlsx", "month_after": "2023-02", "per_page": 25})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    expected = FundsInPlace.objects.filter(month__gte=datetime.date(2023, 2, 1))
    assert len(values) - 1 == expected.count() > 25  # every page
    amount = values[0].index("金额（元）")
    assert isinstance(values[1][amount], int | float)
    assert sheet.cell(row=2, column=amount + 1).number_format == "#,##0.00"
    assert isinstance(values[1][0], datetime.datetime)


# ---------------------------------------------------------------------------- form


def form_data(**changes) -> dict:
    project = Project.objects.filter(funds__isnull=False).order_by("code").first()
    data = {
        "project": project.code,
        "month": "2024-05",
        "source_region": region("440300").pk,
        "amount": "30000000",
        "amount_basis": "confirmed",
        "note": "",
    }
    data.update(changes)
    return data


def error_beside(html: str, name: str) -> bool:
    """The field is marked invalid and points at its error, which follows it."""
    at = html.index(f'id="id_{name}"')
    tag = html[html.rindex("<", 0, at) : html.index(">", at)]
    return (
        "is-invalid" in tag
        and f'aria-describedby="id_{name}_error' in tag
        and f'class="invalid-feedback" id="id_{name}_error"' in html[at:]
    )


def test_the_form_asks_for_a_month_and_a_project_code(admin_client):
    project = Project.objects.order_by("code").first()
    response = admin_client.get(ADD, {"project": project.code})
    form = response.context["form"]
    assert form["month"].field.widget.input_type == "month"
    assert form["project"].field.widget.input_type == "text"  # not a select of every project
    html = response.content.decode()
    assert f'value="{project.code}"' in html
    for field in form:
        assert f'for="{field.id_for_label}"' in html, field.name


def test_a_negative_amount_is_shown_beside_the_field(admin_client):
    response = admin_client.post(ADD, form_data(amount="-5"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"amount"}
    assert error_beside(response.content.decode(), "amount")
    assert not FundsInPlace.objects.filter(month=datetime.date(2024, 5, 1)).exists()


def test_a_date_within_the_month_is_taken_for_the_month(admin_client):
    response = admin_client.post(ADD, form_data(month="2024-05-17"))
    assert response.status_code == 302, response.context["form"].errors
    assert FundsInPlace.objects.filter(month=datetime.date(2024, 5, 1)).count() == 1


@pytest.mark.parametrize("month", ["2024-13", "May 2024", ""])
def test_a_month_that_is_not_one_is_shown_beside_the_field(admin_client, month):
    response = admin_client.post(ADD, form_data(month=month))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"month"}
    assert error_beside(response.content.decode(), "month")


def test_an_unknown_project_code_is_shown_beside_the_field(admin_client):
    response = admin_client.post(ADD, form_data(project="NO-SUCH-CODE"))
    assert response.context["form"].errors["project"] == ["没有此编码的项目。"]
    assert error_beside(response.content.decode(), "project")


def test_a_second_entry_for_the_same_project_month_and_source_is_refused_beside_the_month(
    admin_client,
):
    existing = FundsInPlace.objects.select_related("project").order_by("pk").first()
    data = form_data(
        project=existing.project.code,
        month=existing.month.replace(day=9).isoformat(),  # the same month
        source_region=existing.source_region_id,
    )
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["month"] and "已录入" in errors["month"][0]
    assert error_beside(response.content.decode(), "month")
    # Editing the existing entry itself is no clash.
    edit = reverse("projects:fundsinplace_edit", kwargs={"pk": existing.pk})
    data["amount"] = str(existing.amount)
    data["_version"] = existing.version
    assert admin_client.post(edit, data).status_code == 302


def test_creating_editing_and_deleting_leave_a_history(admin_client, admin_user):
    response = admin_client.post(ADD, form_data())
    funds = FundsInPlace.objects.get(month=datetime.date(2024, 5, 1))
    detail = reverse("projects:fundsinplace", kwargs={"pk": funds.pk})
    assert response["Location"] == detail
    record = ChangeRecord.objects.for_object(funds).get(action=ChangeAction.CREATE)
    assert (record.user, record.channel) == (admin_user, Channel.UI)

    edit = reverse("projects:fundsinplace_edit", kwargs={"pk": funds.pk})
    page = admin_client.get(edit)
    assert f'value="{funds.project.code}"' in page.content.decode()
    assert 'value="2024-05"' in page.content.decode()
    data = {**form_data(amount="35000000"), "_version": funds.version}
    assert admin_client.post(edit, data).status_code == 302
    page = admin_client.get(detail)
    html = page.content.decode()
    history = page.context["history"]["rows"]
    assert history[0]["record"].changed_fields == ["amount"]
    assert "3500万元" in html and "2024-05" in html and "深圳市" in html
    assert funds.project.code in page.context["title"]

    delete = reverse("projects:fundsinplace_delete", kwargs={"pk": funds.pk})
    assert admin_client.get(delete).status_code == 200
    response = admin_client.post(delete)
    assert response["Location"] == LIST
    assert not FundsInPlace.objects.filter(pk=funds.pk).exists()
    assert ChangeRecord.objects.filter(action=ChangeAction.DELETE, object_id=str(funds.pk))


def test_the_project_page_links_its_funds_to_the_list_and_the_form(admin_client):
    project = Project.objects.filter(funds__isnull=False).order_by("code").first()
    html = admin_client.get(reverse("projects:project", kwargs={"pk": project.pk})).content.decode()
    assert f"{LIST}?project_id={project.pk}" in html
    assert f"{ADD}?project={project.code}" in html
    funds = project.funds.order_by("pk").first()
    assert reverse("projects:fundsinplace", kwargs={"pk": funds.pk}) in html


# ---------------------------------------------------------------------------- English


def test_the_pages_in_english(admin_client, admin_user):
    admin_user.language = "en"
    admin_user.save(update_fields=["language"])
    html = admin_client.get(LIST, {"source_region": "440300"}).content.decode()
    total = FundsInPlace.objects.filter(source_region__code="440300").aggregate(t=Sum("amount"))
    assert formatting.money(total["t"], "en") in html
    assert "Total of the filtered rows" in html and "Funds in place" in html
    assert "Source region" in html and "confirmed" in html.lower()
    funds = FundsInPlace.objects.order_by("pk").first()
    html = admin_client.get(reverse("projects:fundsinplace", kwargs={"pk": funds.pk})).content
    assert "Amount (yuan)" in html.decode() and "yuan" in html.decode()
    html = admin_client.post(ADD, form_data(amount="-1")).content.decode()
    assert "Ensure this value is greater than or equal to 0." in html
