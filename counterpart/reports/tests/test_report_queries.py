"""Reports count in the database in a fixed number of queries and fetch no ids until read.

Each report is checked against the same figures computed the slow way (one row per project
in Python), on the sample ledger.
"""

import dataclasses
import datetime
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from counterpart.core.choices import MoneyBasis
from counterpart.events.models import Event
from counterpart.geo.models import Region
from counterpart.indicators.models import Indicator, Observation
from counterpart.industries.models import Industry
from counterpart.projects.models import Project
from counterpart.reports.brief import signed_for, signed_projects_for
from counterpart.reports.capital import capital_by_source, domestic_funds
from counterpart.reports.filters import ReportFilters
from counterpart.reports.indicator import indicator_figure
from counterpart.reports.pipeline import pipeline
from counterpart.reports.signing import event_and_sub_events, event_signing_summary

pytestmark = pytest.mark.usefixtures("sample_data", "db")

CONFERENCE = "HLJ-GD-2023-CONF"
DELEGATION = "HLJ-GD-2023-DELEGATION"
WORKING = ReportFilters(include_unverified=True)


def queries(function, *args, **kwargs) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as context:
        result = function(*args, **kwargs)
    return result, len(context.captured_queries)


# ------------------------------------------------------------------------------------ signing


def signed_at(code: str, taxonomy: str = "") -> list[Project]:
    """The projects the summary counts at the event, found one by one in Python."""
    events = event_and_sub_events(Event.objects.get(code=code))
    projects = Project.objects.with_counted_value().filter(
        signed_event__in=events, contract_value_basis=MoneyBasis.CONFIRMED
    )
    if taxonomy:
        projects = projects.filter(industries__taxonomy__code=taxonomy).distinct()
    return list(projects.order_by("pk"))


def per(projects: list[Project], key) -> dict:
    counts, values = Counter(), defaultdict(Decimal)
    for project in projects:
        counts[key(project)] += 1
        values[key(project)] += project.counted_value or 0
    return {k: (counts[k], values[k]) for k in counts}


def test_the_summary_is_two_queries_and_fetches_no_ids():
    summary, count = queries(event_signing_summary, DELEGATION, WORKING, "hlj-gd-2023-fields")
    assert count == 2
    groups = summary.by_category + summary.by_field + summary.by_destination
    assert not any(g.tally.project_ids.fetched for g in groups)
    assert not summary.total.project_ids.fetched and summary.total.count == 192
    _, official = queries(event_signing_summary, DELEGATION)
    assert official == 3  # and the unverified projects left out (the first taxonomy: a subquery)


def test_the_summary_figures_and_ids_are_those_of_the_projects():
    summary = event_signing_summary(DELEGATION, WORKING, "hlj-gd-2023-fields")
    projects = signed_at(CONFERENCE)
    assert summary.total.project_ids == [p.pk for p in projects]
    assert summary.total.value == sum(p.counted_value for p in projects)
    on_site = [p for p in projects if p.signed_on_site]
    industrial = [p for p in on_site if p.category == "industrial"]
    assert (summary.on_site.count, summary.on_site.project_ids) == (
        len(on_site),
        [p.pk for p in on_site],
    )
    assert summary.on_site_industrial.project_ids == [p.pk for p in industrial]
    assert summary.on_site_industrial.value == sum(p.counted_value for p in industrial)
    by_category = per(projects, lambda p: p.category)
    assert {g.key: (g.tally.count, g.tally.value) for g in summary.by_category} == by_category
    for group in summary.by_category:
        assert group.tally.project_ids == [p.pk for p in projects if p.category == group.key]
    by_city = per(projects, lambda p: p.destination_region.code)
    assert {g.key: (g.tally.count, g.tally.value) for g in summary.by_destination} == by_city
    values = [g.tally.value for g in summary.by_destination]
    assert values == sorted(values, reverse=True)


def test_a_taxonomy_filter_counts_a_project_with_two_of_its_industries_once():
    projects = signed_at(CONFERENCE, "hlj-4567")
    first = projects[0]
    other = Industry.objects.filter(taxonomy__code="hlj-4567").exclude(projects=first).first()
    first.industries.add(other)
    summary = event_signing_summary(CONFERENCE, ReportFilters(taxonomy="hlj-4567"))
    assert summary.total.count == len(projects)
    assert sum(g.tally.count for g in summary.by_category) == len(projects)
    by_category = per(projects, lambda p: p.category)
    assert {g.key: (g.tally.count, g.tally.value) for g in summary.by_category} == by_category
    by_city = per(projects, lambda p: p.destination_region.code)
    assert {g.key: (g.tally.count, g.tally.value) for g in summary.by_destination} == by_city


def test_an_unknown_event_is_not_found():
    with pytest.raises(Event.DoesNotExist):
        event_signing_summary("NO-SUCH-EVENT")


def test_the_summary_pickles_as_queries(django_assert_num_queries):
    import pickle

    summary = event_signing_summary(CONFERENCE, WORKING)
    with django_assert_num_queries(0):
        copy = pickle.loads(pickle.dumps(summary))
    assert copy.on_site.project_ids == summary.on_site.project_ids
    assert copy.by_field[0].tally.project_ids == summary.by_field[0].tally.project_ids


# ------------------------------------------------------------------------ capital by source

YEAR_2023 = ReportFilters(
    period_start=datetime.date(2023, 1, 1), period_end=datetime.date(2023, 12, 31)
)


def test_capital_is_three_queries_and_its_ids_are_each_provinces_funds():
    working = dataclasses.replace(YEAR_2023, include_unverified=True)
    report, count = queries(capital_by_source, working)
    assert count == 3  # the receiving province, the ranked amounts, the source provinces
    assert report.rows and not any(row.funds_ids.fetched for row in report.rows)
    funds = domestic_funds(working, Region.objects.get(code="230000"))
    for row in report.rows:
        expected = funds.filter(source_region__province=row.region).order_by("pk")
        assert row.funds_ids == [f.pk for f in expected]
        assert row.amount == sum(f.amount for f in expected)
    _, official = queries(capital_by_source, YEAR_2023)
    assert official == 4  # and the unverified funds left out


def test_capital_ranks_share_equal_amounts():
    report = capital_by_source(dataclasses.replace(YEAR_2023, include_unverified=True))
    amounts = [row.amount for row in report.rows]
    expected = [1 + sum(other > amount for other in amounts) for amount in amounts]
    assert [row.rank for row in report.rows] == expected
    assert amounts == sorted(amounts, reverse=True)


# -------------------------------------------------------------------------------- indicator


def test_the_indicator_is_one_query_with_what_it_left_out():
    figure, count = queries(indicator_figure, "trade-with-russia", 2022)
    assert count == 1 and len(figure.observation_ids) == 3 and not figure.unverified
    national = Observation.objects.get(
        indicator__code="trade-with-russia", region__code="000000", period_start__year=2022
    )
    Observation.objects.filter(pk=national.pk).update(verified_at=None)
    figure, count = queries(indicator_figure, "trade-with-russia", 2022)
    assert count == 1 and figure.parent_total is None and figure.value is not None
    assert (figure.unverified.count, figure.unverified.ids) == (1, [national.pk])
    assert national.pk not in figure.observation_ids
    working = indicator_figure("trade-with-russia", 2022, filters=WORKING)
    assert working.parent_total == national.value and not working.unverified


def test_an_indicator_without_observations_that_year_has_no_values():
    figure, count = queries(indicator_figure, "trade-with-russia", 1990)
    assert count == 2 and figure.indicator.code == "trade-with-russia"
    assert (figure.value, figure.previous, figure.parent_total) == (None, None, None)
    with pytest.raises(Indicator.DoesNotExist):
        indicator_figure("no-such-indicator", 2022)


# --------------------------------------------------------------------------------- pipeline

APRIL = datetime.date(2023, 4, 7)


def test_the_pipeline_is_one_query_and_its_ids_are_each_stages_projects():
    report, count = queries(pipeline, APRIL, ReportFilters(), "")
    assert count == 1
    assert not any(s.project_ids.fetched for s in report.stages)
    stages = {
        p.pk: p.stage_as_of
        for p in Project.objects.with_stage_as_of(APRIL).filter(stage_as_of__isnull=False)
    }
    for stage in report.stages:
        assert stage.project_ids == sorted(pk for pk, s in stages.items() if s == stage.stage)
        assert stage.count == len(stage.project_ids)
    assert report.well_formed_ids == report.stages[1].project_ids
    assert sum(n for *_, n in report.by_city) == report.well_formed


def test_the_pipeline_counts_the_tagged_well_formed_projects():
    report, count = queries(pipeline, APRIL, ReportFilters(taxonomy="hlj-4567"))
    assert count == 2  # and the taxonomy's name
    tagged = (
        Project.objects.filter(pk__in=report.well_formed_ids)
        .filter(industries__taxonomy__code="hlj-4567")
        .distinct()
    )
    assert report.tagged_ids == sorted(p.pk for p in tagged)
    assert len(report.tagged_ids) == tagged.count() > 0


# --------------------------------------------------------------------- signed (brief, dashboard)


def test_signed_for_is_one_query_without_its_ids():
    filters = ReportFilters(taxonomy="hlj-4567")  # a join that repeats projects
    tally, count = queries(signed_for, filters, datetime.date(2023, 12, 31))
    assert count == 1 and not tally.project_ids.fetched
    expected = sorted(
        set(signed_projects_for(filters, datetime.date(2023, 12, 31)).values_list("pk", flat=True))
    )
    assert tally.count == len(expected) > 0 and tally.project_ids == expected
