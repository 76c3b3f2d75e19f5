"""The reports through the API, on the sample ledger: the published figures, the ids behind
them, parameters validated with errors naming the parameter."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest

from counterpart.core.tests.api_fixtures import token_client
from counterpart.projects.models import FundsInPlace
from counterpart.reports.brief import event_brief
from counterpart.reports.filters import ReportFilters
from counterpart.reports.supervision import supervision
from counterpart.reports.time_in_stage import time_in_stage

pytestmark = pytest.mark.usefixtures("sample_data", "db")

URL = "/api/reports/"


@pytest.fixture
def api():
    client, _user = token_client()
    return client


def get(api, name: str, **params) -> dict:
    response = api.get(f"{URL}{name}/", params)
    assert response.status_code == 200, response.json()
    return response.json()


def test_event_summary_of_the_conference(api):
    body = get(api, "event-summary", event="HLJ-GD-2023-CONF")
    assert body["event"]["code"] == "HLJ-GD-2023-CONF"
    assert (body["total"]["count"], body["total"]["value"]) == (192, "98238000000.00")
    industrial = body["on_site_industrial"]
    assert (industrial["count"], Decimal(industrial["value"])) == (32, Decimal("29293000000"))
    assert len(industrial["project_ids"]) == 32
    assert sum(g["tally"]["count"] for g in body["by_category"]) == 192
    six = get(api, "event-summary", event="HLJ-GD-2023-CONF", field_taxonomy="hlj-gd-2023-fields")
    assert len(six["by_field"]) == 6


def test_capital_by_source_puts_guangdong_second(api):
    body = get(api, "capital-by-source", from_month="2023-01", to_month="2023-02", min_size=10**7)
    guangdong = next(row for row in body["rows"] if row["region"]["code"] == "440000")
    assert (guangdong["rank"], guangdong["amount"]) == (2, "1950000000.00")
    traced = FundsInPlace.objects.filter(pk__in=guangdong["funds_ids"])
    assert sum(f.amount for f in traced) == Decimal("1950000000")
    assert body["filters"]["period_end"] == "2023-02-28"
    assert Decimal(body["total"]) == sum(Decimal(row["amount"]) for row in body["rows"])


def test_indicator_with_growth_and_share(api):
    body = get(api, "indicator", indicator="trade-with-russia", year=2022)
    assert Decimal(body["value"]) == Decimal("185470000000")
    growth = Decimal(body["growth"]).quantize(Decimal("0.1"), ROUND_HALF_UP)
    share = Decimal(body["share"]).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert (growth, share) == (Decimal("41.3"), Decimal("14.5"))
    assert get(api, "indicator", indicator="trade-with-russia", year=2021)["growth"] is None


def test_pipeline_as_of_7_april_2023(api):
    body = get(api, "pipeline", as_of="2023-04-07", taxonomy="hlj-4567")
    assert body["well_formed"] == 132 and len(body["tagged_ids"]) == 132
    assert sum(city["count"] for city in body["by_city"]) == 132
    assert body["stages"][0]["stage"] == "lead"


def test_pairing_league(api):
    body = get(api, "pairings", from_month="2023-01", to_month="2023-12")
    assert body["parent"]["code"] == "PAIR-HLJ-GD" and body["rows"]
    assert body["rows"][0]["rank"] == 1
    assert body["total"]["signed"]["count"] == sum(r["signed"]["count"] for r in body["rows"])


def test_supervision_and_time_in_stage_match_the_report_functions(api):
    as_of = datetime.date(2023, 12, 31)
    body = get(api, "supervision", as_of=as_of.isoformat(), stale_days=60)
    report = supervision(as_of, ReportFilters(), 60)
    assert [a["follow_up_id"] for a in body["overdue"]] == [a.follow_up_id for a in report.overdue]
    assert [p["project_id"] for p in body["stale"]] == [p.project_id for p in report.stale]
    body = get(api, "time-in-stage", from_month="2023-01", to_month="2023-12")
    report = time_in_stage(
        ReportFilters(
            period_start=datetime.date(2023, 1, 1), period_end=datetime.date(2023, 12, 31)
        )
    )
    assert body["lead_to_signed"]["count"] == report.lead_to_signed.count
    assert body["lead_to_signed"]["median"] == report.lead_to_signed.median


def test_brief_is_the_json_sidecar(api):
    body = get(api, "brief", event="HLJ-GD-2023-CONF", lang="en")
    assert body == event_brief("HLJ-GD-2023-CONF", "en").to_sidecar()
    assert get(api, "brief", event="HLJ-GD-2023-CONF")["lang"] == "zh"
    period = get(api, "brief", from_month="2023-01", to_month="2023-02", lang="zh")
    assert "1950000000" in {f["value"] for p in period["paragraphs"] for f in p["figures"]}


def test_dashboard_of_april_2023(api):
    body = get(api, "dashboard", from_month="2023-04", to_month="2023-04", lang="en")
    headlines = {h["key"]: h for h in body["headlines"]}
    assert headlines["signed-count"]["value"] == "192" and not headlines["signed-count"]["money"]
    assert headlines["signed-value"]["value"] == "98238000000.00"
    assert headlines["signed-value"]["link"]["signed_after"] == "2023-04-01"
    assert [p["key"] for p in body["funnel"]][:2] == ["lead", "negotiating"]
    assert body["latest_event"]["event"]["code"] == "HLJ-GD-2023-CONF"
    assert body["league"]["parent"]["code"] == "PAIR-HLJ-GD"


@pytest.mark.parametrize(
    ("name", "params", "fields"),
    [
        ("event-summary", {}, {"event"}),
        ("event-summary", {"event": "NO-SUCH-EVENT"}, {"event"}),
        ("capital-by-source", {"from_month": "2023-13", "to_month": "2023-01"}, {"from_month"}),
        ("capital-by-source", {"from_month": "2023-03", "to_month": "2023-01"}, {"to_month"}),
        ("capital-by-source", {"from_month": "2023-01"}, {"to_month"}),
        (
            "capital-by-source",
            {"from_month": "2023-01", "to_month": "2023-02", "min_size": -1},
            {"min_size"},
        ),
        ("indicator", {"indicator": "nothing", "year": "twenty"}, {"indicator", "year"}),
        ("pipeline", {"as_of": "7 April", "city": "999999"}, {"as_of", "city"}),
        ("pairings", {"parent": "NO-PAIR", "pairing": "NO-PAIR"}, {"parent", "pairing"}),
        ("supervision", {"stale_days": 0, "task_force": "NONE"}, {"stale_days", "task_force"}),
        ("time-in-stage", {"estimates": "perhaps"}, {"estimates"}),
        ("brief", {}, {"event"}),
        ("brief", {"event": "HLJ-GD-2023-CONF", "pairing": "PAIR-01"}, {"event"}),
        ("brief", {"from_month": "2023-01"}, {"to_month"}),
        ("brief", {"event": "HLJ-GD-2023-CONF", "lang": "fr"}, {"lang"}),
        ("dashboard", {"from_month": "2023-04"}, {"to_month"}),
        ("dashboard", {"from_month": "2023-04", "to_month": "2023-03"}, {"to_month"}),
        (
            "dashboard",
            {"from_month": "2023-04", "to_month": "2023-04", "pairing": "X"},
            {"pairing"},
        ),
    ],
)
def test_parameters_are_validated_naming_each(api, name, params, fields):
    response = api.get(f"{URL}{name}/", params)
    assert response.status_code == 400
    assert set(response.json()) == fields
