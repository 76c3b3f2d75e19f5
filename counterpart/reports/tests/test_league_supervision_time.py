"""Pairing league, supervision and time in stage: on the sample ledger and on a tiny one.

The tiny ledger uses regions, pairings and a task force of its own (codes 91xxxx/92xxxx, PAIR-T,
TF-T) and every check on it filters to them, so it is exact whether or not the sample is loaded.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from counterpart.core.choices import MoneyBasis
from counterpart.core.testing import verify_all
from counterpart.events.models import Event, EventKind
from counterpart.geo.models import Pairing, Region, RegionLevel
from counterpart.organizations.models import Organization, OrganizationKind
from counterpart.projects.choices import ProjectStatus, Stage
from counterpart.projects.models import FollowUp, FundsInPlace, Project, TaskForce, TaskForceCity
from counterpart.projects.services import create_with_history
from counterpart.reports.filters import ReportFilters
from counterpart.reports.pairings import pairing_league
from counterpart.reports.supervision import supervision
from counterpart.reports.time_in_stage import time_in_stage

pytestmark = pytest.mark.usefixtures("sample_data", "db")

D = datetime.date
YEAR_2023 = ReportFilters(period_start=D(2023, 1, 1), period_end=D(2023, 12, 31))
MID_2023 = D(2023, 6, 30)


def queries(function, *args) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as context:
        result = function(*args)
    return result, len(context.captured_queries)


# ------------------------------------------------------------------------------- sample ledger


def test_league_2023_totals_match_the_signed_projects_of_the_13_pairings():
    league = pairing_league(YEAR_2023)
    assert len(league.rows) == 13
    expected_ids, expected_value = [], Decimal(0)
    for row in league.rows:
        signed = (
            ReportFilters(pairing=row.pairing.code)
            .projects(Project.objects.with_counted_value())
            .filter(
                contract_value_basis=MoneyBasis.CONFIRMED,
                signed_date__gte=D(2023, 1, 1),
                signed_date__lte=D(2023, 12, 31),
            )
        )
        assert sorted(p.pk for p in signed) == row.signed.project_ids
        expected_ids += row.signed.project_ids
        expected_value += sum((p.counted_value for p in signed), Decimal(0))
    assert league.total.signed.value == expected_value > 0
    assert league.total.signed.count == len(expected_ids)
    traced = Project.objects.with_counted_value().filter(pk__in=league.total.signed.project_ids)
    assert sum(p.counted_value for p in traced) == league.total.signed.value
    funds = FundsInPlace.objects.filter(pk__in=league.total.funds_ids)
    assert sum(f.amount for f in funds) == league.total.funds


def test_league_2023_ranks_harbin_shenzhen_at_the_top():
    league = pairing_league(YEAR_2023)
    assert league.row_for("PAIR-01").rank <= 3
    values = [row.signed.value for row in league.rows]
    assert values == sorted(values, reverse=True)
    assert [row.rank for row in league.rows] == sorted(row.rank for row in league.rows)
    assert league.total.events == sum(row.events for row in league.rows) > 0
    assert all(
        Event.objects.get(pk=pk).pairing_id == row.pairing.pk
        for row in league.rows
        for pk in row.event_ids
    )


def test_league_takes_a_constant_number_of_queries():
    _, on_sample = queries(pairing_league, YEAR_2023)
    _, without_period = queries(pairing_league, ReportFilters())
    assert on_sample == without_period <= 10


def test_supervision_mid_2023_finds_overdue_follow_ups():
    report, count = queries(supervision, MID_2023, ReportFilters())
    assert count <= 6
    assert report.overdue and all(action.days_overdue > 0 for action in report.overdue)
    expected = FollowUp.objects.filter(next_action_due__lt=MID_2023).filter(
        Q(next_action_done__isnull=True) | Q(next_action_done__gt=MID_2023)
    )
    assert sorted(a.follow_up_id for a in report.overdue) == sorted(e.pk for e in expected)
    for action in report.overdue:
        assert action.days_overdue == (MID_2023 - action.due).days
    assert sum(g.overdue_count for g in report.by_task_force) == len(report.overdue)
    assert sum(g.overdue_count for g in report.by_officer) == len(report.overdue)
    assert sum(g.stale_count for g in report.by_officer) == len(report.stale)
    assert all(project.days_in_stage > 90 for project in report.stale)
    assert all(group.name_zh for group in report.by_officer if group.key)


def test_time_in_stage_on_the_sample_covers_every_city_with_signings():
    report, count = queries(time_in_stage, ReportFilters())
    assert count <= 3
    assert report.lead_to_signed.count >= sum(c.lead_to_signed.count for c in report.cities) > 0
    assert report.lead_to_signed.median > 0 and report.signed_to_started.median > 0
    assert all(c.lead_to_signed.count or c.signed_to_started.count for c in report.cities)


# --------------------------------------------------------------------------------- tiny ledger


@pytest.fixture
def ledger(db) -> dict:
    """Two provinces, their cities, a provincial pairing with three city pairings, projects."""

    def region(code: str, name: str, parent: Region | None = None) -> Region:
        level = RegionLevel.PREFECTURE if parent else RegionLevel.PROVINCE
        return Region.objects.create(code=code, name_zh=name, level=level, parent=parent)

    home, partner = region("910000", "甲省"), region("920000", "乙省")
    a, a2, a3 = (region(code, name, home) for code, name in [
        ("910100", "甲一市"), ("910200", "甲二市"), ("910300", "甲三市")
    ])  # fmt: skip
    b, c, c3 = (region(code, name, partner) for code, name in [
        ("920100", "乙一市"), ("920200", "乙二市"), ("920300", "乙三市")
    ])  # fmt: skip
    parent = Pairing.objects.create(
        code="PAIR-T", home_region=home, partner_region=partner, since_year=2020
    )
    pairings = {
        code: Pairing.objects.create(
            code=code, home_region=h, partner_region=p, since_year=2020, parent=parent
        )
        for code, h, p in [("PAIR-T1", a, b), ("PAIR-T2", a2, c), ("PAIR-T3", a3, c3)]
    }
    users = get_user_model().objects
    officer = users.create(username="officer-t1", display_name="甲官员")
    other = users.create(username="officer-t2", first_name="Li", last_name="Wei")
    task_force = TaskForce.objects.create(code="TF-T", name_zh="测试专班", name_en="Test TF")
    TaskForceCity.objects.create(task_force=task_force, city=a, officer=officer)
    investor = Organization.objects.create(
        kind=OrganizationKind.ENTERPRISE, name_zh="乙一投资有限公司", hq_region=b
    )

    def project(code, history, destination=a, source=b, value=None, **extra) -> Project:
        dates = dict(history)
        in_a = destination == a
        fields = {
            "code": code,
            "name_zh": f"{code}项目",
            "destination_region": destination,
            "source_region": source,
            "task_force": task_force if in_a else None,
            "officer": officer if in_a else None,
            "signed_date": dates.get(Stage.SIGNED),
            "start_date": dates.get(Stage.STARTED),
            "operating_date": dates.get(Stage.OPERATING),
            "contract_value": Decimal(value) if value else None,
            "contract_value_basis": MoneyBasis.CONFIRMED,
            **extra,
        }
        signed = Stage.SIGNED in dates
        return create_with_history(
            Project(**fields), history, {"investors": [investor] if signed else []}
        )

    lead, talks, signed, started, operating = (
        Stage.LEAD, Stage.NEGOTIATING, Stage.SIGNED, Stage.STARTED, Stage.OPERATING
    )  # fmt: skip
    p = {
        # lead→signed 50 days, signed→started 61 days
        "1": project(
            "TST-1",
            [(lead, D(2023, 1, 10)), (talks, D(2023, 2, 1)), (signed, D(2023, 3, 1)),
             (started, D(2023, 5, 1))],
            value="100000000",
        ),
        # lead→signed 30 days
        "2": project(
            "TST-2", [(lead, D(2023, 1, 1)), (signed, D(2023, 1, 31))], value="50000000"
        ),
        # a lead of 2022: lead→signed 130 days, signed→started 10; an estimated value
        "3": project(
            "TST-3",
            [(lead, D(2022, 12, 1)), (signed, D(2023, 4, 10)), (started, D(2023, 4, 20))],
            value="30000000",
            contract_value_basis=MoneyBasis.ESTIMATED,
        ),
        "4": project("TST-4", [(lead, D(2023, 2, 1))]),
        # city pairing T2: lead→signed 41 days
        "5": project(
            "TST-5",
            [(lead, D(2023, 1, 5)), (signed, D(2023, 2, 15))],
            destination=a2,
            source=c,
            value="200000000",
        ),
        "6": project(
            "TST-6",
            [(lead, D(2022, 1, 1))],
            status=ProjectStatus.DORMANT,
            status_reason="投资方暂停。",
        ),
        # 2021: lead→signed 59 days, signed→started 92 days; operating since 2022
        "7": project(
            "TST-7",
            [(lead, D(2021, 1, 1)), (signed, D(2021, 3, 1)), (started, D(2021, 6, 1)),
             (operating, D(2022, 1, 1))],
            value="70000000",
        ),
        # capital from the partner province itself, not from a paired city: lead→signed 20
        "8": project(
            "TST-8",
            [(lead, D(2023, 3, 1)), (signed, D(2023, 3, 21))],
            source=partner,
            value="10000000",
        ),
    }  # fmt: skip
    funds = [
        FundsInPlace.objects.create(
            project=p["1"],
            month=month,
            amount=Decimal(amount),
            amount_basis=MoneyBasis.CONFIRMED,
            source_region=b,
        )
        for month, amount in [(D(2023, 4, 1), "20000000"), (D(2022, 12, 1), "5000000")]
    ]
    events = [
        Event.objects.create(
            code=code, kind=EventKind.PROMOTION, title_zh=code, start_date=day, region=a,
            pairing=pairings["PAIR-T1"],
        )
        for code, day in [("EV-T-2023", D(2023, 3, 1)), ("EV-T-2022", D(2022, 6, 1))]
    ]  # fmt: skip

    def follow_up(project, date, due, done=None, by=officer) -> FollowUp:
        return FollowUp.objects.create(
            project=project, date=date, kind="call", officer=by, summary="联系。",
            next_action="跟进。", next_action_due=due, next_action_done=done,
        )  # fmt: skip

    follow_ups = {
        "late": follow_up(p["1"], D(2023, 5, 10), D(2023, 6, 1)),  # 29 days overdue
        "done_later": follow_up(p["4"], D(2023, 6, 1), D(2023, 6, 20), D(2023, 7, 5)),  # 10
        "done": follow_up(p["2"], D(2023, 6, 1), D(2023, 6, 10), D(2023, 6, 15)),
        "due_today": follow_up(p["1"], D(2023, 6, 1), MID_2023),
        "other_officer": follow_up(p["2"], D(2023, 6, 1), D(2023, 6, 29), by=other),  # 1
    }
    verify_all(*p.values(), *funds)  # the official figures count only verified ones
    return {
        "projects": p,
        "funds": funds,
        "events": events,
        "follow_ups": follow_ups,
        "officer": officer,
        "other": other,
        "pairings": pairings,
    }


TINY = ReportFilters(pairing="PAIR-T")  # destination in 甲省, source in 乙省: the tiny ledger


def ids(ledger: dict, *keys: str) -> list[int]:
    return sorted(ledger["projects"][key].pk for key in keys)


def test_tiny_league_2023(ledger):
    league = pairing_league(YEAR_2023, parent="PAIR-T")
    assert [(r.pairing.code, r.rank) for r in league.rows] == [
        ("PAIR-T2", 1),
        ("PAIR-T1", 2),
        ("PAIR-T3", 3),
    ]
    t2, t1, t3 = league.rows
    assert (t2.signed.count, t2.signed.value) == (1, Decimal("200000000"))
    # TST-3 is estimated, TST-7 signed in 2021, TST-8's capital comes from the province.
    assert (t1.signed.count, t1.signed.value) == (2, Decimal("150000000"))
    assert t1.signed.project_ids == ids(ledger, "1", "2")
    assert t1.lead_ids == ids(ledger, "1", "2", "4")  # TST-3 became a lead in 2022
    assert t1.event_ids == [ledger["events"][0].pk]
    assert (t1.funds, t1.funds_ids) == (Decimal("20000000"), [ledger["funds"][0].pk])
    assert (t3.events, t3.leads, t3.signed.count, t3.signed.value, t3.funds) == (0, 0, 0, 0, 0)
    assert league.total.signed.value == Decimal("350000000")
    assert league.total.signed.project_ids == ids(ledger, "1", "2", "5")
    assert (league.total.events, league.total.leads) == (1, 4)


def test_tiny_league_without_period_and_with_estimates(ledger):
    league = pairing_league(ReportFilters(include_estimates=True), parent="PAIR-T")
    t1 = league.row_for("PAIR-T1")
    assert t1.rank == 1 and t1.signed.value == Decimal("250000000")  # 100 + 50 + 30 + 70
    assert t1.lead_ids == ids(ledger, "1", "2", "3", "4", "6", "7")
    assert (t1.events, t1.funds) == (2, Decimal("25000000"))
    assert league.row_for("PAIR-T2").rank == 2


def test_tiny_league_tie_shares_a_rank(ledger):
    league = pairing_league(ReportFilters(period_end=D(2022, 12, 31)), parent="PAIR-T")
    # Only TST-7 (2021) is signed by the end of 2022: T1 first, T2 and T3 tied at zero.
    assert [(r.pairing.code, r.rank) for r in league.rows] == [
        ("PAIR-T1", 1),
        ("PAIR-T2", 2),
        ("PAIR-T3", 2),
    ]


def test_tiny_league_query_count_matches_the_sample(ledger):
    _, tiny = queries(pairing_league, YEAR_2023, "PAIR-T")
    _, sample = queries(pairing_league, YEAR_2023)
    assert tiny == sample


def test_tiny_supervision_mid_2023(ledger):
    report = supervision(MID_2023, ReportFilters(task_force="TF-T"))
    f = ledger["follow_ups"]
    assert [(a.follow_up_id, a.days_overdue) for a in report.overdue] == [
        (f["late"].pk, 29),
        (f["done_later"].pk, 10),
        (f["other_officer"].pk, 1),
    ]
    p = ledger["projects"]
    # TST-1 and TST-3 moved recently, TST-6 is dormant, TST-7 operating, TST-5 elsewhere.
    assert [(s.code, s.stage, s.days_in_stage) for s in report.stale] == [
        ("TST-2", Stage.SIGNED, 150),
        ("TST-4", Stage.LEAD, 149),
        ("TST-8", Stage.SIGNED, 101),
    ]
    assert report.stale[0].project_id == p["2"].pk and report.stale[0].since == D(2023, 1, 31)
    [group] = report.by_task_force
    assert (group.key, group.name_zh, group.overdue_count, group.stale_count) == (
        "TF-T",
        "测试专班",
        3,
        3,
    )
    assert group.project_ids == [p["2"].pk, p["4"].pk, p["8"].pk]  # longest in stage first
    officers = [(g.key, g.name_zh, g.overdue_count, g.stale_count) for g in report.by_officer]
    assert officers == [("officer-t1", "甲官员", 2, 3), ("officer-t2", "Li Wei", 1, 0)]
    assert report.by_officer[1].follow_up_ids == [f["other_officer"].pk]


def test_tiny_supervision_uses_the_stage_as_of_the_day_and_a_strict_threshold(ledger):
    # On 30 June TST-1 has been started for 60 days: not stale at 60, stale at 59.
    at_60 = supervision(MID_2023, ReportFilters(task_force="TF-T"), stale_days=60)
    assert "TST-1" not in [s.code for s in at_60.stale]
    at_59 = supervision(MID_2023, ReportFilters(task_force="TF-T"), stale_days=59)
    stale = [(s.code, s.stage, s.days_in_stage) for s in at_59.stale]
    assert ("TST-1", Stage.STARTED, 60) in stale
    # On 1 December 2021 TST-7 was started (operating from 2022), since 1 June 2021.
    early = supervision(D(2021, 12, 1), ReportFilters(task_force="TF-T"))
    assert [(s.code, s.stage, s.days_in_stage) for s in early.stale] == [
        ("TST-7", Stage.STARTED, 183)
    ]
    assert early.overdue == []


@pytest.mark.parametrize("stale_days", [0, -5, 1.5, True])
def test_supervision_refuses_a_threshold_below_one_day(stale_days):
    with pytest.raises(ValueError, match="stale_days must be a whole number of days, at least 1"):
        supervision(MID_2023, ReportFilters(), stale_days=stale_days)


def test_tiny_time_in_stage(ledger):
    report = time_in_stage(TINY)
    a, a2 = report.cities
    assert (a.region.code, a2.region.code) == ("910100", "910200")
    assert (a.lead_to_signed.days, a.lead_to_signed.median) == ([50, 30, 130, 59, 20], 50.0)
    assert a.lead_to_signed.project_ids == ids(ledger, "1", "2", "3", "7", "8")
    assert (a.signed_to_started.median, a.signed_to_started.count) == (61.0, 3)  # 61, 10, 92
    assert (a2.lead_to_signed.median, a2.lead_to_signed.count) == (41.0, 1)
    assert (a2.signed_to_started.median, a2.signed_to_started.count) == (None, 0)
    assert (report.lead_to_signed.median, report.lead_to_signed.count) == (45.5, 6)
    assert (report.signed_to_started.median, report.signed_to_started.count) == (61.0, 3)


def test_tiny_time_in_stage_within_a_period_and_as_of_a_day(ledger):
    in_2023 = time_in_stage(
        ReportFilters(period_start=D(2023, 1, 1), period_end=D(2023, 12, 31), pairing="PAIR-T1")
    )
    [a] = in_2023.cities
    # Signed in 2023: TST-1 50, TST-2 30, TST-3 130 (TST-8 is not of pairing T1).
    assert (a.lead_to_signed.median, a.lead_to_signed.count) == (50.0, 3)
    assert (a.signed_to_started.median, a.signed_to_started.count) == (35.5, 2)  # 61 and 10
    as_of = time_in_stage(ReportFilters(pairing="PAIR-T", as_of=D(2023, 4, 15)))
    a = as_of.cities[0]
    assert a.signed_to_started.days == [92]  # TST-7 only: the others started later
    assert a.lead_to_signed.count == 5


def test_empty_reports(ledger):
    league = pairing_league(YEAR_2023, parent="PAIR-T1")  # a city pairing has none under it
    assert league.is_empty and league.rows == []
    assert (league.total.events, league.total.leads, league.total.signed.value) == (0, 0, 0)
    assert league.total.funds == 0 and league.row_for("PAIR-T1") is None
    nothing = supervision(D(2000, 1, 1), ReportFilters(task_force="TF-T"))
    assert nothing.is_empty and nothing.by_task_force == [] and nothing.by_officer == []
    no_time = time_in_stage(ReportFilters(city="920100"))  # no project goes to the partner city
    assert no_time.is_empty and no_time.cities == []
    assert no_time.lead_to_signed.median is None and no_time.signed_to_started.count == 0
