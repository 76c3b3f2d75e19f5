"""The dashboard's figures are the reports' figures, and each links to the rows behind it."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from counterpart.reports.dashboard import dashboard

pytestmark = pytest.mark.usefixtures("sample_data", "db")

APRIL = datetime.date(2023, 4, 1), datetime.date(2023, 4, 30)
YEAR = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)


def test_april_2023_is_the_conference():
    board = dashboard(*APRIL, "zh")
    assert board.headline("signed-count").value == 192
    assert board.headline("signed-value").value == Decimal("98238000000")
    assert board.headline("signed-value").link == {
        "signed_after": "2023-04-01",
        "signed_before": "2023-04-30",
    }
    assert [(p.label, p.value) for p in board.signed_by_month] == [
        ("2023-04", Decimal("98238000000"))
    ]
    assert board.latest_event.event.code == "HLJ-GD-2023-CONF"
    assert board.latest_event.total.count == 192


def test_funnel_and_capital_in_english_with_links():
    board = dashboard(*YEAR, "en")
    assert [p.key for p in board.funnel] == [
        "lead",
        "negotiating",
        "signed",
        "started",
        "operating",
    ]
    assert board.funnel[0].label.lower() == "lead"
    assert all(p.link["stage"] == p.key for p in board.funnel)
    assert board.capital_by_source[0].label.startswith("1. ")
    assert board.capital_by_source[0].link["source_region"] == board.capital_by_source[0].key
    assert sum(p.value for p in board.capital_by_source) <= board.headline("funds").value


def test_industry_bars_link_to_their_branch():
    board = dashboard(*APRIL, "zh")
    assert board.by_industry, "the conference's projects carry 4567 industries"
    values = [p.value for p in board.by_industry]
    assert values == sorted(values, reverse=True)
    assert all("industry_id" in p.link for p in board.by_industry)


def test_pairing_restricts_the_figures_and_the_graph_links_pairs():
    whole, harbin = dashboard(*APRIL, "zh"), dashboard(*APRIL, "zh", "PAIR-01")
    assert 0 < harbin.headline("signed-count").value < whole.headline("signed-count").value
    assert harbin.headline("signed-count").link["pairing"] == "PAIR-01"
    assert len(whole.graph_home) == 13
    link = next(g for g in whole.graph_links if g.source == "哈尔滨市")
    assert link.target == "深圳市" and link.link["pairing"] == "PAIR-01"


def test_query_count_does_not_grow_with_the_rows():
    counts = []
    for period in (APRIL, YEAR):  # 192 and 212 signed projects, 1 and 12 months of funds
        with CaptureQueriesContext(connection) as queries:
            dashboard(*period, "zh")
        counts.append(len(queries))
    # The event summary's walk down sub-events may take one query more; rows never add any.
    assert abs(counts[0] - counts[1]) <= 1 and max(counts) <= 45


def test_an_empty_period_is_all_zeros():
    board = dashboard(datetime.date(2010, 1, 1), datetime.date(2010, 1, 31), "en")
    assert board.headline("signed-count").value == 0
    assert board.headline("funds").value == 0
    assert board.signed_by_month == [] and board.latest_event is None
