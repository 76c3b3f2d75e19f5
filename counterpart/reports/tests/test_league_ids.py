"""The league tells a row's pairing by region pair as ``pairing_condition`` does, and reads the
ids behind its figures in one query per figure, whatever the number of pairings."""

import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from counterpart.geo.models import Pairing
from counterpart.projects.models import Project
from counterpart.reports.filters import ReportFilters, pairing_condition
from counterpart.reports.pairings import Regions, pairing_league
from counterpart.reports.serialize import to_data

pytestmark = pytest.mark.usefixtures("sample_data", "db")


def test_a_projects_pairing_by_region_pair_is_the_first_whose_condition_holds():
    pairings = list(Pairing.objects.filter(parent__code="PAIR-HLJ-GD").order_by("code"))
    regions = Regions.of(pairings)
    expected = {}
    for pairing in reversed(pairings):  # the first by code wins
        for pk in Project.objects.filter(pairing_condition(pairing)).values_list("pk", flat=True):
            expected[pk] = pairing.pk
    found = {
        pk: regions.pairing(destination, source)
        for pk, destination, source in Project.objects.values_list(
            "pk", "destination_region", "source_region"
        )
    }
    assert {pk: p for pk, p in found.items() if p is not None} == expected
    assert len(expected) > 50


def test_every_pairings_ids_are_read_in_one_query_per_figure():
    league = pairing_league(ReportFilters())
    with CaptureQueriesContext(connection) as captured:
        data = to_data(league)
    # Events, leads, signed projects, funds in place; the unverified ones left out (two).
    assert len(captured) == 6
    for row in data["rows"]:
        code = row["pairing"]["code"]
        condition = pairing_condition(Pairing.objects.get(code=code))
        leads = set(Project.objects.filter(condition).values_list("pk", flat=True))
        assert set(row["lead_ids"]) <= leads and len(row["lead_ids"]) == row_of(league, code).leads
    total = data["total"]
    assert total["signed"]["project_ids"] == sorted(
        pk for row in data["rows"] for pk in row["signed"]["project_ids"]
    )


def row_of(league, code):
    return league.row_for(code)


def test_a_pickled_league_keeps_its_queries_and_reads_them_after():
    league = pairing_league(ReportFilters())
    copy = pickle.loads(pickle.dumps(league))
    assert not copy.total.lead_ids.fetched
    with CaptureQueriesContext(connection) as captured:
        assert copy.total.lead_ids == league.total.lead_ids
    assert len(captured) == 2  # one per league
    assert [r.lead_ids for r in copy.rows] == [r.lead_ids for r in league.rows]
