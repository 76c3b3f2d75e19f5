"""Official reports count verified figures only and say what they left out; working views
(``include_unverified``, ``--unverified``, the dashboard) count every figure (decision 0009)."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from counterpart.core.testing import run_command
from counterpart.indicators.models import Observation
from counterpart.projects.models import FundsInPlace, Project
from counterpart.reports import html, text, word, xlsx
from counterpart.reports.brief import event_brief, period_brief
from counterpart.reports.capital import capital_by_source
from counterpart.reports.dashboard import dashboard
from counterpart.reports.document import report_document
from counterpart.reports.filters import ReportFilters
from counterpart.reports.indicator import indicator_figure
from counterpart.reports.pairings import pairing_league
from counterpart.reports.serialize import to_data
from counterpart.reports.signing import event_signing_summary

pytestmark = pytest.mark.usefixtures("sample_data", "db")

CONFERENCE = "HLJ-GD-2023-CONF"
JAN_FEB = ReportFilters(
    period_start=datetime.date(2023, 1, 1),
    period_end=datetime.date(2023, 2, 28),
    min_project_size=Decimal("10000000"),
)


def test_the_sample_is_loaded_verified():
    """Every figure the sample loads counts in official reports (facts reproduced)."""
    assert not Project.objects.filter(is_sample=True).unverified().exists()
    assert not FundsInPlace.objects.unverified().exists()
    assert not Observation.objects.unverified().exists()
    summary = event_signing_summary(CONFERENCE)
    assert (summary.total.count, summary.total.value) == (192, Decimal("98238000000"))
    assert not summary.unverified and summary.unverified.note("zh") == ""
    assert "未核实" not in text.event_summary(summary, "zh")


@pytest.fixture
def withdrawn():
    """The largest project signed at the conference, its verification withdrawn."""
    project = (
        Project.objects.with_counted_value()
        .filter(signed_event__code=CONFERENCE, project_type="new")
        .order_by("-contract_value", "pk")
        .first()
    )
    project.unverify()
    return project


def test_the_event_summary_leaves_an_unverified_project_out_and_says_so(withdrawn):
    value = withdrawn.counted_value
    summary = event_signing_summary(CONFERENCE)
    assert summary.total.count == 191
    assert summary.total.value == Decimal("98238000000") - value
    assert withdrawn.pk not in summary.total.project_ids
    assert (summary.unverified.count, summary.unverified.value) == (1, value)
    assert summary.unverified.ids == [withdrawn.pk]
    working = event_signing_summary(CONFERENCE, ReportFilters(include_unverified=True))
    assert (working.total.count, working.total.value) == (192, Decimal("98238000000"))
    assert not working.unverified


def test_every_renderer_says_what_was_left_out(withdrawn):
    summary = event_signing_summary(CONFERENCE)
    zh = f"另有1项未核实数据（{_money(withdrawn.counted_value, 'zh')}）未计入。"
    en = f"1 unverified figure ({_money(withdrawn.counted_value, 'en')}) not counted."
    assert summary.unverified.note("zh") == zh and summary.unverified.note("en") == en
    assert text.event_summary(summary, "zh").endswith(zh)
    assert text.event_summary(summary, "en").endswith(en)
    assert zh in html.render(summary, "zh")
    book = load_workbook(io.BytesIO(xlsx.render(summary, "zh")))
    cells = [c.value for sheet in book for row in sheet.iter_rows() for c in row]
    assert zh in cells
    document = report_document(summary, "zh", "活动签约情况")
    docx = Document(io.BytesIO(word.render_docx([document])))
    assert zh in [p.text for p in docx.paragraphs]
    data = to_data(summary)
    assert data["unverified"]["count"] == 1 and data["unverified"]["ids"] == [withdrawn.pk]
    brief = event_brief(CONFERENCE, "zh")
    assert brief.text.endswith(zh)


def test_the_capital_report_leaves_unverified_funds_out():
    report = capital_by_source(JAN_FEB)
    guangdong = report.row_for("440000")
    assert (guangdong.rank, guangdong.amount) == (2, Decimal("1950000000"))
    row = FundsInPlace.objects.get(pk=guangdong.funds_ids[0])
    row.unverify()
    report = capital_by_source(JAN_FEB)
    assert report.row_for("440000").amount == Decimal("1950000000") - row.amount
    assert (report.unverified.count, report.unverified.value) == (1, row.amount)
    assert "另有1项未核实数据" in text.capital_by_source(report, "zh")
    assert "另有1项未核实数据" in period_brief(JAN_FEB.period_start, JAN_FEB.period_end, "zh").text
    working = capital_by_source(ReportFilters(**{**JAN_FEB.__dict__, "include_unverified": True}))
    assert working.row_for("440000").amount == Decimal("1950000000")


def test_the_league_names_both_kinds_left_out():
    year = ReportFilters(
        period_start=datetime.date(2023, 1, 1), period_end=datetime.date(2023, 12, 31)
    )
    working_year = ReportFilters(**{**year.__dict__, "include_unverified": True})
    before = pairing_league(working_year)
    project = Project.objects.get(pk=before.total.signed.project_ids[0])
    funds = FundsInPlace.objects.get(pk=before.total.funds_ids[0])
    project.unverify()
    funds.unverify()
    league = pairing_league(year)
    assert league.unverified.ids == [project.pk] and league.unverified_funds.ids == [funds.pk]
    assert league.total.signed.value == before.total.signed.value - league.unverified.value
    assert league.total.funds == before.total.funds - funds.amount
    note = text.pairing_league(league, "zh")
    assert "另有1项未核实签约数据" in note and "另有1项未核实到位资金数据" in note
    working = pairing_league(working_year)
    assert working.total.signed.value == before.total.signed.value
    assert not working.unverified and not working.unverified_funds


def test_an_unverified_observation_is_no_official_value():
    figure = indicator_figure("trade-with-russia", 2022)
    assert figure.value == Decimal("185470000000") and not figure.unverified
    observation = Observation.objects.get(pk=figure.observation_ids[-1])
    observation.unverify()
    figure = indicator_figure("trade-with-russia", 2022)
    assert observation.pk not in figure.observation_ids
    assert figure.unverified.count == 1 and figure.unverified.value is None
    assert text.indicator(figure, "zh").endswith("另有1项未核实数据未计入。")
    working = indicator_figure(
        "trade-with-russia", 2022, filters=ReportFilters(include_unverified=True)
    )
    assert observation.pk in working.observation_ids


def test_the_command_counts_unverified_figures_when_asked(withdrawn):
    official = run_command("report", "event-summary", "--event", CONFERENCE, "--lang", "zh")
    assert "共签约项目191个" in official and "另有1项未核实数据" in official
    working = run_command(
        "report", "event-summary", "--event", CONFERENCE, "--lang", "zh", "--unverified"
    )
    assert "共签约项目192个，签约额982.38亿元" in working and "未核实" not in working
    data = json.loads(
        run_command("report", "event-summary", "--event", CONFERENCE, "--format", "json")
    )
    assert data["unverified"]["count"] == 1
    brief = run_command("report", "brief", "--event", CONFERENCE, "--lang", "zh", "--unverified")
    assert "192个" in brief and "未核实" not in brief


def test_the_dashboard_is_a_working_view_that_marks_unverified_rows(withdrawn):
    board = dashboard(datetime.date(2023, 4, 1), datetime.date(2023, 4, 30), "zh")
    signed = board.headline("signed-count")
    assert signed.value == 192 and signed.unverified == 1
    assert board.headline("funds").unverified == 0
    assert board.latest_event.total.count == 192


def _money(value, lang):
    from counterpart.core import formatting

    return formatting.money(value, lang)
