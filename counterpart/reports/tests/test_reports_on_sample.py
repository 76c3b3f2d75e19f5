"""The report functions reproduce the published figures from the sample ledger."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest

from counterpart.projects.models import FundsInPlace, Project
from counterpart.reports.capital import capital_by_source
from counterpart.reports.filters import ReportFilters
from counterpart.reports.indicator import indicator_figure
from counterpart.reports.pipeline import pipeline
from counterpart.reports.signing import event_signing_summary

pytestmark = pytest.mark.usefixtures("sample_data", "db")


def test_event_summary_of_the_conference():
    summary = event_signing_summary("HLJ-GD-2023-CONF")
    assert (summary.total.count, summary.total.value) == (192, Decimal("98238000000"))
    industrial = summary.on_site_industrial
    assert (industrial.count, industrial.value) == (32, Decimal("29293000000"))
    assert summary.on_site.count == 42
    assert sum(g.tally.count for g in summary.by_category) == 192
    assert sum(g.tally.value for g in summary.by_destination) == Decimal("98238000000")
    traced = Project.objects.with_counted_value().filter(pk__in=industrial.project_ids)
    assert sum(p.counted_value for p in traced) == industrial.value


def test_event_summary_by_the_six_fields():
    summary = event_signing_summary("HLJ-GD-2023-CONF", field_taxonomy="hlj-gd-2023-fields")
    assert len(summary.by_field) == 6
    assert sum(g.tally.count for g in summary.by_field) == 192


def test_event_summary_of_an_event_without_signings_is_empty():
    summary = event_signing_summary("HLJ-COM-2023-03-GD-VISIT")
    assert summary.is_empty and summary.total.value == 0 and summary.by_field == []


def test_the_parent_delegation_includes_the_conference_signings():
    assert event_signing_summary("HLJ-GD-2023-DELEGATION").total.count == 192


def test_capital_by_source_puts_guangdong_second_with_1_95_billion():
    filters = ReportFilters(
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 2, 28),
        min_project_size=Decimal("10000000"),
    )
    report = capital_by_source(filters)
    guangdong = report.row_for("440000")
    assert (guangdong.rank, guangdong.amount) == (2, Decimal("1950000000"))
    assert report.rows[0].rank == 1 and report.rows[0].amount > guangdong.amount
    traced = FundsInPlace.objects.filter(pk__in=guangdong.funds_ids)
    assert sum(f.amount for f in traced) == guangdong.amount
    without_threshold = capital_by_source(ReportFilters(filters.period_start, filters.period_end))
    assert without_threshold.row_for("440000").amount > guangdong.amount


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends"):
        ReportFilters(period_start=datetime.date(2023, 3, 1), period_end=datetime.date(2023, 1, 1))


def test_indicator_trade_with_russia_2022():
    figure = indicator_figure("trade-with-russia", 2022)
    assert figure.value == Decimal("185470000000")
    assert figure.growth.quantize(Decimal("0.1"), ROUND_HALF_UP) == Decimal("41.3")
    assert figure.share.quantize(Decimal("0.1"), ROUND_HALF_UP) == Decimal("14.5")
    assert len(figure.observation_ids) == 3


def test_indicator_without_the_year_before_has_no_growth():
    figure = indicator_figure("trade-with-russia", 2021)
    assert figure.value is not None and figure.growth is None and figure.share is None


def test_pipeline_as_of_7_april_2023():
    report = pipeline(datetime.date(2023, 4, 7), ReportFilters(taxonomy="hlj-4567"))
    assert report.well_formed == 132
    assert len(report.tagged_ids) == 132
    assert sum(n for *_, n in report.by_city) == 132
    later = pipeline(datetime.date(2023, 4, 30), ReportFilters(taxonomy="hlj-4567"))
    assert later.count("signed") >= 192


def test_pipeline_for_one_city_pairing():
    harbin = pipeline(datetime.date(2023, 4, 7), ReportFilters(pairing="PAIR-01"))
    shenzhen_projects = Project.objects.filter(
        pk__in=harbin.well_formed_ids, source_region__code="440300"
    ).count()
    assert 0 < harbin.well_formed == shenzhen_projects < 132
