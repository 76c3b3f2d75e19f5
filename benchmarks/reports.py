"""Every report function against one hand-written SQL query computing the same numbers.

    .venv/bin/python benchmarks/reports.py --database-url sqlite:///var/bench/bench-20000-1.sqlite3
    .venv/bin/python benchmarks/reports.py --database-url postgresql://postgres@127.0.0.1/counterpart_bench

For each report in ``counterpart/reports/`` (event signing summary, capital by source,
indicator, pipeline as of a date, pairing league table, supervision, time in stage, the
dashboard's figures) the script calls the report function and runs ONE SQL statement written by
hand for the same numbers; it checks that both give the same numbers (and stops, naming the
differences, when they do not: comparing the speed of different answers is worthless), then
times each (median of ``--runs`` after a warm-up) and prints report ms, SQL ms and their ratio
(target: at most 1.2). The report's peak memory is measured once in a forked child.

Generated projects are not verified, so every report runs with ``include_unverified`` (a working
view's filters), over the period 2020-01-01 … 2025-12-31 where it takes one; generated funds in
place are estimates, so capital by source and the league also count estimates. The numbers
compared are the figures a reader sees (counts, sums, medians, ranks), not the lists of row
ids behind them, which the SQL does not build (the report does, for its links).
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from common import (
    Result,
    arguments,
    check_arguments,
    measure,
    median_ms,
    setup_django,
    write_results,
)

TARGET = 1.2
START = datetime.date(2020, 1, 1)
END = datetime.date(2025, 12, 31)
STALE_DAYS = 90
TAXONOMY = "hlj-4567"
PARENT_PAIRING = "PAIR-HLJ-GD"
RECEIVING = "230000"
SOURCE_PROVINCE = "440000"
NOT_DOMESTIC = ("710000", "810000", "820000")

Numbers = dict[tuple[str, str], tuple]  # (section, key) -> figures, comparable exactly
# A branch without a sum; typed, so that PostgreSQL can unite it with branches that have one.
NO_VALUE = "CAST(NULL AS NUMERIC)"


# --- the SQL, per vendor where the spelling differs ---------------------------------------------


@dataclass(frozen=True)
class Spelling:
    vendor: str

    def days(self, later: str, earlier: str) -> str:
        """Whole days from ``earlier`` to ``later`` (dates or date parameters)."""
        if self.vendor == "postgresql":
            return f"(CAST({later} AS date) - CAST({earlier} AS date))"
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"

    def month(self, column: str) -> str:
        """'YYYY-MM' of a date column."""
        if self.vendor == "postgresql":
            return f"to_char({column}, 'YYYY-MM')"
        return f"substr({column}, 1, 7)"


COUNTED = (
    "CASE WHEN {p}.project_type = 'capital_increase' "
    "THEN {p}.contract_value - COALESCE({b}.contract_value, 0) ELSE {p}.contract_value END"
)


def counted(p: str, b: str) -> str:
    return COUNTED.format(p=p, b=b)


def latest_stage_cte(name: str, as_of: str) -> str:
    """The latest stage change of each project on or before ``as_of`` (a window function,
    where the ORM's ``with_stage_as_of`` uses a correlated subquery)."""
    return (
        f"{name} AS (SELECT sc.project_id, sc.to_stage, sc.date, ROW_NUMBER() OVER ("
        f"PARTITION BY sc.project_id ORDER BY sc.date DESC, sc.id DESC) AS rn "
        f"FROM projects_stagechange sc WHERE sc.date <= {as_of})"
    )


@dataclass
class Query:
    """Common table expressions and SELECT branches (kind, key, n, value), joined by UNION
    ALL into one statement; reports' queries are combined into the dashboard's."""

    ctes: list[str]
    selects: list[str]

    def __add__(self, other: Query) -> Query:
        return Query(self.ctes + other.ctes, self.selects + other.selects)

    def sql(self) -> str:
        head = "WITH RECURSIVE " + ",\n".join(self.ctes) + "\n" if self.ctes else ""
        return head + "\nUNION ALL\n".join(self.selects)


def signing_sql(s: Spelling, prefix: str = "sg") -> Query:
    """Event signing summary (``event_signing_summary``): total, on-site, by category, by
    field (industries of the taxonomy), by destination."""
    ev, p = f"{prefix}_ev", f"{prefix}_p"
    return Query(
        [
            f"{ev}(id) AS (SELECT id FROM events_event WHERE id = %(event)s UNION ALL "
            f"SELECT e.id FROM events_event e JOIN {ev} ON e.parent_id = {ev}.id)",
            f"{p} AS (SELECT p.id, p.category, p.signed_on_site, p.destination_region_id, "
            f"{counted('p', 'b')} AS v FROM projects_project p "
            f"LEFT JOIN projects_project b ON b.id = p.extends_id "
            f"WHERE p.signed_event_id IN (SELECT id FROM {ev}) "
            f"AND p.contract_value_basis = 'confirmed')",
        ],
        [
            f"SELECT '{prefix}-total', '', COUNT(*), SUM(v) FROM {p}",
            f"SELECT '{prefix}-on-site', '', COUNT(*), SUM(v) FROM {p} WHERE signed_on_site",
            f"SELECT '{prefix}-on-site-industrial', '', COUNT(*), SUM(v) FROM {p} "
            f"WHERE signed_on_site AND category = 'industrial'",
            f"SELECT '{prefix}-category', category, COUNT(*), SUM(v) FROM {p} GROUP BY category",
            f"SELECT '{prefix}-destination', COALESCE(r.code, ''), COUNT(*), SUM(v) FROM {p} "
            f"LEFT JOIN geo_region r ON r.id = {p}.destination_region_id GROUP BY r.code",
            f"SELECT '{prefix}-field', i.code, COUNT(DISTINCT {p}.id), SUM(v) FROM {p} "
            f"JOIN projects_project_industries pi ON pi.project_id = {p}.id "
            f"JOIN industries_industry i ON i.id = pi.industry_id "
            f"JOIN industries_taxonomy t ON t.id = i.taxonomy_id "
            f"WHERE t.code = %(taxonomy)s GROUP BY i.code",
        ],
    )


def capital_sql(s: Spelling, prefix: str = "cap", estimates: bool = False) -> Query:
    """Capital by source province (``capital_by_source``): amounts ranked, ties sharing;
    confirmed amounts only unless ``estimates``."""
    basis = "" if estimates else "AND fp.amount_basis = 'confirmed' "
    not_domestic = ", ".join(f"'{code}'" for code in NOT_DOMESTIC)
    f = f"{prefix}_f"
    return Query(
        [
            f"{f} AS (SELECT sp.code AS province, SUM(fp.amount) AS amount, COUNT(*) AS n "
            f"FROM projects_fundsinplace fp "
            f"JOIN projects_project p ON p.id = fp.project_id "
            f"JOIN geo_region d ON d.id = p.destination_region_id "
            f"JOIN geo_region s ON s.id = fp.source_region_id "
            f"JOIN geo_region sp ON sp.id = s.province_id "
            f"WHERE d.province_id = (SELECT id FROM geo_region WHERE code = %(receiving)s) "
            f"AND fp.month >= %(start_month)s "
            f"AND fp.month <= %(end)s {basis}"
            f"AND sp.code <> %(receiving)s AND sp.code NOT IN ({not_domestic}) "
            f"GROUP BY sp.code)"
        ],
        [
            f"SELECT '{prefix}-source', province, RANK() OVER (ORDER BY amount DESC), amount "
            f"FROM {f}",
        ],
    )


def indicator_sql(s: Spelling) -> Query:
    """An indicator's yearly value for a region, the year before, and the nation's."""
    return Query(
        [],
        [
            "SELECT 'indicator', r.code, COUNT(*), SUM(o.value) FROM indicators_observation o "
            "JOIN indicators_indicator i ON i.id = o.indicator_id "
            "JOIN geo_region r ON r.id = o.region_id "
            "WHERE i.code = %(indicator)s AND o.period_type = 'year' "
            "AND o.period_start >= %(indicator_from)s AND o.period_start <= %(indicator_to)s "
            "AND r.code IN (%(indicator_region)s, '000000') "
            "GROUP BY r.code"
        ],
    )


def pipeline_sql(s: Spelling, prefix: str = "pl", source_province: bool = True) -> Query:
    """Pipeline as of a date (``pipeline``): projects per stage, negotiating ones per city."""
    latest, p = f"{prefix}_latest", f"{prefix}_p"
    source = (
        "JOIN geo_region s ON s.id = p.source_region_id "
        "JOIN geo_region sp ON sp.id = s.province_id WHERE sp.code = %(source_province)s"
        if source_province
        else ""
    )
    return Query(
        [
            latest_stage_cte(latest, "%(end)s"),
            f"{p} AS (SELECT p.id, l.to_stage AS stage, p.destination_region_id "
            f"FROM projects_project p JOIN {latest} l ON l.project_id = p.id AND l.rn = 1 "
            f"{source})",
        ],
        [
            f"SELECT '{prefix}-stage', stage, COUNT(*), {NO_VALUE} FROM {p} GROUP BY stage",
            f"SELECT '{prefix}-city', COALESCE(r.code, ''), COUNT(*), {NO_VALUE} FROM {p} "
            f"LEFT JOIN geo_region r ON r.id = {p}.destination_region_id "
            f"WHERE stage = 'negotiating' GROUP BY r.code",
        ],
    )


def league_sql(s: Spelling, prefix: str = "lg", estimates: bool = False) -> Query:
    """Pairing league table (``pairing_league``): events, leads, signings, funds per pairing;
    confirmed figures only unless ``estimates``."""
    pr, pp = f"{prefix}_pr", f"{prefix}_pp"
    contract = "1 = 1" if estimates else f"{pp}.contract_value_basis = 'confirmed'"
    amount = "1 = 1" if estimates else "f.amount_basis = 'confirmed'"
    return Query(
        [
            f"{pr} AS (SELECT id, code, home_region_id AS home, partner_region_id AS partner "
            f"FROM geo_pairing WHERE parent_id = "
            f"(SELECT id FROM geo_pairing WHERE code = %(parent_pairing)s))",
            f"{pp} AS (SELECT p.id, p.extends_id, p.project_type, p.contract_value, "
            f"p.contract_value_basis, p.signed_date, {pr}.code AS pairing "
            f"FROM projects_project p "
            f"JOIN geo_region d ON d.id = p.destination_region_id "
            f"JOIN geo_region s ON s.id = p.source_region_id "
            f"JOIN {pr} ON (d.id = {pr}.home OR d.province_id = {pr}.home) "
            f"AND (s.id = {pr}.partner OR s.province_id = {pr}.partner))",
        ],
        [
            f"SELECT '{prefix}-events', {pr}.code, COUNT(*), {NO_VALUE} FROM events_event e "
            f"JOIN {pr} ON e.pairing_id = {pr}.id "
            f"WHERE e.start_date >= %(start)s AND e.start_date <= %(end)s GROUP BY {pr}.code",
            f"SELECT '{prefix}-leads', pairing, COUNT(*), {NO_VALUE} FROM {pp} WHERE EXISTS ("
            f"SELECT 1 FROM projects_stagechange sc WHERE sc.project_id = {pp}.id "
            f"AND sc.to_stage = 'lead' AND sc.date >= %(start)s AND sc.date <= %(end)s) "
            f"GROUP BY pairing",
            f"SELECT '{prefix}-signed', {pp}.pairing, COUNT(*), SUM({counted(pp, 'b')}) "
            f"FROM {pp} LEFT JOIN projects_project b ON b.id = {pp}.extends_id "
            f"WHERE {contract} "
            f"AND {pp}.signed_date >= %(start)s AND {pp}.signed_date <= %(end)s "
            f"GROUP BY {pp}.pairing",
            f"SELECT '{prefix}-funds', {pp}.pairing, COUNT(*), SUM(f.amount) "
            f"FROM projects_fundsinplace f JOIN {pp} ON {pp}.id = f.project_id "
            f"WHERE {amount} AND f.month >= %(start_month)s "
            f"AND f.month <= %(end)s GROUP BY {pp}.pairing",
        ],
    )


def supervision_sql(s: Spelling) -> Query:
    """Supervision (``supervision``): overdue actions and stale projects, counted with their
    days, per task force and per officer."""
    overdue_days = s.days("%(end)s", "f.next_action_due")
    stale_days = s.days("%(end)s", "l.date")
    selects = []
    for kind in ("overdue", "stale"):
        for group in ("task_force", "officer"):
            selects.append(
                f"SELECT 'sv-{kind}-{group}', COALESCE({group}, ''), COUNT(*), SUM(days) "
                f"FROM sv_{kind} GROUP BY {group}"
            )
    return Query(
        [
            f"sv_overdue AS (SELECT tf.code AS task_force, u.username AS officer, "
            f"{overdue_days} AS days FROM projects_followup f "
            f"LEFT JOIN projects_project p ON p.id = f.project_id "
            f"LEFT JOIN projects_taskforce tf ON tf.id = p.task_force_id "
            f"LEFT JOIN users_user u ON u.id = f.officer_id "
            f"WHERE f.next_action_due < %(end)s "
            f"AND (f.next_action_done IS NULL OR f.next_action_done > %(end)s))",
            latest_stage_cte("sv_latest", "%(end)s"),
            f"sv_stale AS (SELECT tf.code AS task_force, u.username AS officer, "
            f"{stale_days} AS days FROM projects_project p "
            f"JOIN sv_latest l ON l.project_id = p.id AND l.rn = 1 "
            f"LEFT JOIN projects_taskforce tf ON tf.id = p.task_force_id "
            f"LEFT JOIN users_user u ON u.id = p.officer_id "
            f"WHERE p.status IN ('active', 'delayed') AND l.to_stage <> 'operating' "
            f"AND l.date < %(stale_before)s)",
        ],
        selects,
    )


def time_in_stage_sql(s: Spelling) -> Query:
    """Time in stage (``time_in_stage``): median days lead → signed and signed → started,
    overall (key "") and per destination city, durations ending within the period."""
    return Query(
        [
            "ts_first AS (SELECT project_id, "
            "MIN(CASE WHEN to_stage = 'lead' THEN date END) AS lead, "
            "MIN(CASE WHEN to_stage = 'signed' THEN date END) AS signed, "
            "MIN(CASE WHEN to_stage = 'started' THEN date END) AS started "
            "FROM projects_stagechange GROUP BY project_id)",
            f"ts_d AS (SELECT 'ts-lead-signed' AS kind, p.destination_region_id AS city, "
            f"{s.days('f.signed', 'f.lead')} AS days FROM ts_first f "
            f"JOIN projects_project p ON p.id = f.project_id WHERE f.lead IS NOT NULL "
            f"AND f.signed >= %(start)s AND f.signed <= %(end)s "
            f"UNION ALL SELECT 'ts-signed-started', p.destination_region_id, "
            f"{s.days('f.started', 'f.signed')} FROM ts_first f "
            f"JOIN projects_project p ON p.id = f.project_id WHERE f.signed IS NOT NULL "
            f"AND f.started >= %(start)s AND f.started <= %(end)s)",
            "ts_scoped AS (SELECT kind, '' AS scope, days FROM ts_d UNION ALL "
            "SELECT kind, r.code, days FROM ts_d JOIN geo_region r ON r.id = ts_d.city)",
            "ts_ranked AS (SELECT kind, scope, days, ROW_NUMBER() OVER ("
            "PARTITION BY kind, scope ORDER BY days) AS rn, "
            "COUNT(*) OVER (PARTITION BY kind, scope) AS n FROM ts_scoped)",
        ],
        [
            "SELECT kind, scope, MAX(n), AVG(days) FROM ts_ranked "
            "WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY kind, scope"
        ],
    )


def dashboard_sql(s: Spelling) -> Query:
    """The dashboard's figures (``dashboard``): headlines, funnel, signed value per month,
    per top-level industry, capital by source, the league and the latest event's total."""
    signed = (
        f"db_signed AS (SELECT p.id, p.signed_date, p.verified_at, {counted('p', 'b')} AS v "
        "FROM projects_project p LEFT JOIN projects_project b ON b.id = p.extends_id "
        "WHERE p.signed_date >= %(start)s AND p.signed_date <= %(end)s "
        "AND p.contract_value_basis = 'confirmed')"
    )
    roots = (
        "db_root(id, root) AS (SELECT i.id, i.id FROM industries_industry i "
        "JOIN industries_taxonomy t ON t.id = i.taxonomy_id WHERE t.code = %(taxonomy)s "
        "AND (i.parent_id IS NULL OR i.parent_id NOT IN (SELECT id FROM industries_industry "
        "WHERE taxonomy_id = t.id)) UNION ALL SELECT c.id, db_root.root FROM industries_industry c "
        "JOIN db_root ON c.parent_id = db_root.id)"
    )
    latest_event = (
        "db_ev(id) AS (SELECT id FROM (SELECT e.id FROM events_event e WHERE e.start_date <= "
        "%(end)s AND EXISTS (SELECT 1 FROM projects_project p WHERE p.signed_event_id = e.id) "
        "ORDER BY e.start_date DESC, e.id DESC LIMIT 1) AS last_event UNION ALL "
        "SELECT e.id FROM events_event e JOIN db_ev ON e.parent_id = db_ev.id)"
    )
    own = Query(
        [signed, roots, latest_event],
        [
            "SELECT 'db-signed', '', COUNT(*), SUM(v) FROM db_signed",
            f"SELECT 'db-signed-unverified', '', COUNT(*), {NO_VALUE} FROM db_signed "
            "WHERE verified_at IS NULL",
            "SELECT 'db-funds', '', COUNT(*), SUM(amount) FROM projects_fundsinplace "
            "WHERE month >= %(start_month)s AND month <= %(end)s",
            f"SELECT 'db-funds-unverified', '', COUNT(*), {NO_VALUE} FROM projects_fundsinplace "
            "WHERE month >= %(start_month)s AND month <= %(end)s AND verified_at IS NULL",
            f"SELECT 'db-month', {s.month('signed_date')}, COUNT(*), SUM(v) FROM db_signed "
            f"GROUP BY {s.month('signed_date')}",
            "SELECT 'db-industry', i.code, COUNT(*), SUM(v) FROM (SELECT DISTINCT db_root.root, "
            "db_signed.id, db_signed.v FROM db_signed "
            "JOIN projects_project_industries pi ON pi.project_id = db_signed.id "
            "JOIN db_root ON db_root.id = pi.industry_id) AS branch "
            "JOIN industries_industry i ON i.id = branch.root GROUP BY i.code",
            f"SELECT 'db-latest-event', '', COUNT(*), SUM({counted('p', 'b')}) "
            "FROM projects_project p LEFT JOIN projects_project b ON b.id = p.extends_id "
            "WHERE p.signed_event_id IN (SELECT id FROM db_ev) "
            "AND p.contract_value_basis = 'confirmed'",
        ],
    )
    funnel = pipeline_sql(s, "dbpl", source_province=False)
    funnel.selects = funnel.selects[:1]  # stages only: the funnel and the pipeline headline
    return own + funnel + capital_sql(s, "dbcap") + league_sql(s, "dblg")


# --- the report functions' numbers, in the SQL's shape --------------------------------------


def money(value: Any) -> Decimal:
    """A sum as a Decimal to the fen, whatever type the database returned it as."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def from_sql(rows: list[tuple]) -> Numbers:
    numbers: Numbers = {}
    for kind, key, n, value in rows:
        if not n and kind.endswith(("-total", "-on-site", "-on-site-industrial", "-latest-event")):
            n = 0
        if n is None:
            continue
        if kind.startswith("ts-"):
            numbers[(kind, key or "")] = (int(n), float(value))
        elif kind.startswith(("sv-",)):
            numbers[(kind, key or "")] = (int(n), int(value or 0))
        else:
            numbers[(kind, key or "")] = (int(n), money(value) if value is not None else None)
    return {k: v for k, v in numbers.items() if v[0] or k[0].endswith("total")}


def tally(kind: str, key: str, t) -> tuple[tuple[str, str], tuple]:
    return (kind, key), (t.count, money(t.value))


def signing_numbers(summary, prefix: str = "sg") -> Numbers:
    numbers = dict(
        [
            tally(f"{prefix}-total", "", summary.total),
            tally(f"{prefix}-on-site", "", summary.on_site),
            tally(f"{prefix}-on-site-industrial", "", summary.on_site_industrial),
        ]
    )
    for section, groups in (
        ("category", summary.by_category),
        ("destination", summary.by_destination),
        ("field", summary.by_field),
    ):
        numbers.update(tally(f"{prefix}-{section}", g.key, g.tally) for g in groups)
    return {k: v for k, v in numbers.items() if v[0] or k[0].endswith("total")}


def capital_numbers(report, prefix: str = "cap") -> Numbers:
    return {(f"{prefix}-source", r.region.code): (r.rank, money(r.amount)) for r in report.rows}


def indicator_numbers(figure) -> Numbers:
    numbers: Numbers = {}
    for code, value in ((figure.region_code, figure.value), (figure.region_code, figure.previous)):
        if value is not None:
            n, total = numbers.get(("indicator", code), (0, Decimal(0)))
            numbers[("indicator", code)] = (n + 1, money(total + value))
    if figure.parent_total is not None:
        numbers[("indicator", "000000")] = (1, money(figure.parent_total))
    return numbers


def pipeline_numbers(report, prefix: str = "pl", cities: bool = True) -> Numbers:
    numbers = {(f"{prefix}-stage", str(s.stage)): (s.count, None) for s in report.stages}
    if cities:
        numbers.update({(f"{prefix}-city", code): (n, None) for code, _, _, n in report.by_city})
    return {k: v for k, v in numbers.items() if v[0]}


def league_numbers(league, prefix: str = "lg") -> Numbers:
    numbers: Numbers = {}
    for row in league.rows:
        code = row.pairing.code
        numbers[(f"{prefix}-events", code)] = (row.events, None)
        numbers[(f"{prefix}-leads", code)] = (row.leads, None)
        numbers[(f"{prefix}-signed", code)] = (row.signed.count, money(row.signed.value))
        numbers[(f"{prefix}-funds", code)] = (len(row.funds_ids), money(row.funds))
    return {k: v for k, v in numbers.items() if v[0]}


def supervision_numbers(report) -> Numbers:
    numbers: Numbers = {}
    for group_kind, groups in (
        ("task_force", report.by_task_force),
        ("officer", report.by_officer),
    ):
        for group in groups:
            if group.overdue:
                days = sum(a.days_overdue for a in group.overdue)
                numbers[(f"sv-overdue-{group_kind}", group.key)] = (group.overdue_count, days)
            if group.stale:
                days = sum(p.days_in_stage for p in group.stale)
                numbers[(f"sv-stale-{group_kind}", group.key)] = (group.stale_count, days)
    return numbers


def time_in_stage_numbers(report) -> Numbers:
    numbers: Numbers = {}
    scopes = [("", report.lead_to_signed, report.signed_to_started)] + [
        (c.region.code, c.lead_to_signed, c.signed_to_started) for c in report.cities
    ]
    for scope, lead_signed, signed_started in scopes:
        for kind, durations in (
            ("ts-lead-signed", lead_signed),
            ("ts-signed-started", signed_started),
        ):
            if durations.count:
                numbers[(kind, scope)] = (durations.count, float(durations.median))
    return numbers


def dashboard_numbers(board) -> Numbers:
    signed, funds = board.headline("signed-value"), board.headline("funds")
    numbers: Numbers = {
        ("db-signed", ""): (board.headline("signed-count").value, money(signed.value)),
        ("db-signed-unverified", ""): (signed.unverified, None),
        ("db-funds-unverified", ""): (funds.unverified, None),
    }
    numbers.update({("db-month", p.label): (None, money(p.value)) for p in board.signed_by_month})
    numbers.update({("db-industry", p.key): (None, money(p.value)) for p in board.by_industry})
    numbers.update(
        {("dbpl-stage", p.key): (p.value, None) for p in board.funnel if p.value},
    )
    numbers.update(
        {("dbcap-source", p.key): (int(p.label.split(".")[0]), money(p.value))
         for p in board.capital_by_source}
    )  # fmt: skip
    if board.league:
        numbers.update(league_numbers(board.league, "dblg"))
    if board.latest_event:
        numbers.update(tally("db-latest-event", "", board.latest_event.total) for _ in [0])
    numbers = {k: v for k, v in numbers.items() if v[0] != 0}
    numbers[("db-funds", "")] = money(funds.value)
    numbers[("db-pipeline", "")] = board.headline("pipeline").value
    return numbers


def dashboard_from_sql(rows: list[tuple]) -> Numbers:
    """The SQL's rows in the dashboard's shape: counts the dashboard does not show are dropped,
    the pipeline headline is the lead and negotiating stages together."""
    numbers = from_sql(rows)
    funds = numbers.pop(("db-funds", ""), (0, money(0)))
    for key in [k for k in numbers if k[0] in ("db-month", "db-industry")]:
        numbers[key] = (None, numbers[key][1])
    numbers[("db-funds", "")] = funds[1]
    numbers[("db-pipeline", "")] = sum(
        numbers.get(("dbpl-stage", stage), (0,))[0] for stage in ("lead", "negotiating")
    )
    return numbers


# --- the cases ----------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    report: Callable[[], Any]
    numbers: Callable[[Any], Numbers]
    query: Query
    from_rows: Callable[[list[tuple]], Numbers] = from_sql


def scenario() -> dict[str, Any]:
    """The parameters shared by the report calls and the SQL, read from the database."""
    from django.db.models import Count

    from counterpart.events.models import Event
    from counterpart.indicators.models import Observation

    event = (
        Event.objects.annotate(n=Count("signed_projects"))
        .filter(n__gt=0)
        .order_by("-n", "code")
        .first()
    )
    observation = (
        Observation.objects.filter(period_type="year", region__code=RECEIVING)
        .select_related("indicator")
        .order_by("-period_start", "indicator__code")
        .first()
    )
    year = observation.period_start.year if observation else END.year
    return {
        "start": START.isoformat(),
        "end": END.isoformat(),
        "start_month": START.replace(day=1).isoformat(),
        "stale_before": (END - datetime.timedelta(days=STALE_DAYS)).isoformat(),
        "event": event.pk if event else None,
        "event_code": event.code if event else "",
        "taxonomy": TAXONOMY,
        "receiving": RECEIVING,
        "source_province": SOURCE_PROVINCE,
        "parent_pairing": PARENT_PAIRING,
        "indicator": observation.indicator.code if observation else "",
        "indicator_year": year,
        "indicator_region": RECEIVING,
        "indicator_from": f"{year - 1}-01-01",
        "indicator_to": f"{year}-12-31",
    }


def cases(params: dict[str, Any], vendor: str) -> list[Case]:
    from counterpart.reports.capital import capital_by_source
    from counterpart.reports.dashboard import dashboard
    from counterpart.reports.filters import ReportFilters
    from counterpart.reports.indicator import indicator_figure
    from counterpart.reports.pairings import pairing_league
    from counterpart.reports.pipeline import pipeline
    from counterpart.reports.signing import event_signing_summary
    from counterpart.reports.supervision import supervision
    from counterpart.reports.time_in_stage import time_in_stage

    s = Spelling(vendor)
    # Generated funds in place are estimates: counted, so that these reports have volume.
    estimated = ReportFilters(
        period_start=START, period_end=END, include_unverified=True, include_estimates=True
    )
    everything = ReportFilters(include_unverified=True)
    found: list[Case] = []
    if params["event"]:
        found.append(
            Case(
                f"signing summary ({params['event_code']})",
                lambda: event_signing_summary(params["event_code"], everything, TAXONOMY),
                signing_numbers,
                signing_sql(s),
            )
        )
    else:
        print("signing summary: no event has signed projects (generate --events); left out")
    found.append(
        Case(
            "capital by source",
            lambda: capital_by_source(estimated, RECEIVING),
            capital_numbers,
            capital_sql(s, estimates=True),
        )
    )
    if params["indicator"]:
        found.append(
            Case(
                f"indicator ({params['indicator']} {params['indicator_year']})",
                lambda: indicator_figure(
                    params["indicator"], params["indicator_year"], RECEIVING, everything
                ),
                indicator_numbers,
                indicator_sql(s),
            )
        )
    else:
        print("indicator: no yearly observation of the receiving province; left out")
    found += [
        Case(
            "pipeline as of a date",
            lambda: pipeline(END, everything, SOURCE_PROVINCE),
            pipeline_numbers,
            pipeline_sql(s),
        ),
        Case(
            "pairings league table",
            lambda: pairing_league(estimated, PARENT_PAIRING),
            league_numbers,
            league_sql(s, estimates=True),
        ),
        Case(
            "supervision",
            lambda: supervision(END, everything, STALE_DAYS),
            supervision_numbers,
            supervision_sql(s),
        ),
        Case(
            "time in stage",
            lambda: time_in_stage(
                ReportFilters(period_start=START, period_end=END, include_unverified=True)
            ),
            time_in_stage_numbers,
            time_in_stage_sql(s),
        ),
        Case(
            "dashboard figures",
            lambda: dashboard(START, END, "en", taxonomy=TAXONOMY),
            dashboard_numbers,
            dashboard_sql(s),
            dashboard_from_sql,
        ),
    ]
    return found


def run_sql(query: Query, params: dict[str, Any]) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query.sql(), params)
        return cursor.fetchall()


def differences(expected: Numbers, got: Numbers) -> list[str]:
    """What differs between the report's numbers and the SQL's, one line per key."""
    lines = []
    for key in sorted(set(expected) | set(got), key=str):
        if expected.get(key) != got.get(key):
            lines.append(f"  {key}: report {expected.get(key)!r}, SQL {got.get(key)!r}")
    return lines


def check(case: Case, params: dict[str, Any]) -> Numbers:
    """The case's numbers; raises SystemExit naming the differences if report and SQL differ."""
    expected = case.numbers(case.report())
    got = case.from_rows(run_sql(case.query, params))
    diff = differences(expected, got)
    if diff:
        raise SystemExit(f"{case.name}: the SQL and the report disagree:\n" + "\n".join(diff))
    return expected


def main(argv: list[str] | None = None) -> int:
    parser = arguments(__doc__)
    parser.add_argument("--only", default="", help="run the reports whose name contains this")
    args = parser.parse_args(argv)
    check_arguments(parser, args)
    setup_django(args.database_url)
    from django.db import connection

    params = scenario()
    results: list[Result] = []
    for case in cases(params, connection.vendor):
        if args.only and args.only not in case.name:
            continue
        numbers = check(case, params)
        report = median_ms(case.report, args.runs)
        sql = median_ms(lambda case=case: run_sql(case.query, params), args.runs)
        peak = measure(case.report).peak_mib
        ratio = report.median / sql.median if sql.median else None
        results.append(
            Result(
                f"{case.name}: report/SQL",
                round(report.median, 2),
                "ms",
                ratio=round(ratio, 2) if ratio is not None else None,
                target=TARGET,
                note=f"{len(numbers)} figures equal",
                extra={"sql_ms": round(sql.median, 2), "peak_mib": round(peak, 1)},
            )
        )
        print(
            f"{case.name}: report {report.median:,.1f} ms, SQL {sql.median:,.1f} ms, "
            f"ratio {ratio:.2f}, peak {peak:,.1f} MiB, {len(numbers)} figures equal",
            flush=True,
        )
    extra_rows = [
        Result(f"{r.name.split(':')[0]}: SQL", r.extra["sql_ms"], "ms") for r in results
    ] + [Result(f"{r.name.split(':')[0]}: peak", r.extra["peak_mib"], "MiB") for r in results]
    write_results("reports", args, results + extra_rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
