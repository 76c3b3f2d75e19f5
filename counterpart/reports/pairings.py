"""Pairing league table: per city pairing, events, leads, signings and funds in place.

A project belongs to a pairing by the condition ``ReportFilters(pairing=...)`` uses: its
destination is the home region (or within it) and its source the partner region (or within it);
where two pairings' conditions both hold, to the first by code. Every figure is computed in one
database statement (a UNION ALL of one grouped query per column), whatever the number of
pairings; the rows behind each figure are kept as queries (``RowIds``), read only if a renderer
asks for them.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast

from counterpart.events.models import Event
from counterpart.geo.models import Pairing
from counterpart.projects.choices import Stage
from counterpart.projects.models import FundsInPlace, Project, StageChange

from .filters import ReportFilters, Unverified, pairing_condition
from .ids import RowIds
from .signing import ZERO, Tally


@dataclass
class LeagueFigures:
    """The figures of one pairing (or of all), each with the ids of the rows behind it."""

    event_ids: RowIds = field(default_factory=RowIds)
    lead_ids: RowIds = field(default_factory=RowIds)  # projects
    signed: Tally = field(default_factory=Tally)  # projects, counted value
    funds: Decimal = ZERO
    funds_ids: RowIds = field(default_factory=RowIds)  # FundsInPlace rows

    @property
    def events(self) -> int:
        return len(self.event_ids)

    @property
    def leads(self) -> int:
        return len(self.lead_ids)


@dataclass
class PairingRow(LeagueFigures):
    pairing: Pairing | None = None
    rank: int = 0


@dataclass
class PairingLeague:
    parent: Pairing
    filters: ReportFilters
    rows: list[PairingRow]
    total: LeagueFigures
    unverified: Unverified = field(default_factory=Unverified)  # signed projects left out
    unverified_funds: Unverified = field(default_factory=Unverified)  # funds left out

    @property
    def is_empty(self) -> bool:
        return not self.rows

    def row_for(self, code: str) -> PairingRow | None:
        return next((row for row in self.rows if row.pairing.code == code), None)


def pairing_of(pairings: list[Pairing], prefix: str = "") -> Case:
    """An expression giving the id of the pairing a project (through ``prefix``) falls under."""
    whens = [When(pairing_condition(p, prefix), then=Value(p.pk)) for p in pairings]
    return Case(*whens, default=None, output_field=IntegerField())


def member_condition(pairings: list[Pairing], pairing: Pairing, prefix: str = "") -> Q:
    """The rows ``pairing_of`` gives ``pairing``: its condition and none of an earlier one's
    (a filter the database can serve from its indexes, where the CASE cannot)."""
    condition = pairing_condition(pairing, prefix)
    for earlier in pairings[: pairings.index(pairing)]:
        condition &= ~pairing_condition(earlier, prefix)
    return condition


def any_pairing(pairings: list[Pairing], prefix: str = "") -> Q:
    """The rows that fall under one of ``pairings``."""
    condition = Q(pk__in=[])
    for pairing in pairings:
        condition |= pairing_condition(pairing, prefix)
    return condition


def in_period(filters: ReportFilters, name: str, month: bool = False) -> Q:
    """``name`` within the filters' period; a month field counts from the period's month."""
    condition = Q()
    if filters.period_start:
        start = filters.period_start.replace(day=1) if month else filters.period_start
        condition &= Q(**{f"{name}__gte": start})
    if filters.period_end:
        condition &= Q(**{f"{name}__lte": filters.period_end})
    return condition


def _restricted(queryset: QuerySet, filters: ReportFilters, prefix: str = "") -> QuerySet:
    """The filters' projects (through ``prefix``); without joins that could repeat rows (the
    taxonomy's), through a subquery then, so that sums count each row once."""
    if not filters.taxonomy:
        return filters.projects(queryset, prefix)
    allowed = filters.projects(Project.objects.all()).values("pk")
    return queryset.filter(**{f"{prefix}pk__in" if prefix else "pk__in": allowed})


def _leads(filters: ReportFilters) -> QuerySet:
    """Projects that were ever at the lead stage (becoming one within the period, if given)."""
    was_lead = StageChange.objects.filter(
        in_period(filters, "date"), project=OuterRef("pk"), to_stage=Stage.LEAD
    )
    return _restricted(Project.objects.all(), filters).filter(Exists(was_lead))


def _signed(filters: ReportFilters) -> QuerySet:
    """Signed projects within the period (confirmed values unless estimates are asked for),
    verified or not."""
    return (
        _restricted(Project.objects.all(), filters)
        .with_counted_value()
        .filter(filters.confirmed("contract_value_basis"), signed_date__isnull=False)
        .filter(in_period(filters, "signed_date"))
    )


def _funds(filters: ReportFilters) -> QuerySet:
    """Funds in place within the period's months (confirmed unless asked), verified or not."""
    return _restricted(FundsInPlace.objects.all(), filters, "project__").filter(
        filters.confirmed("amount_basis"), in_period(filters, "month", month=True)
    )


def _events(filters: ReportFilters) -> QuerySet:
    return Event.objects.filter(in_period(filters, "start_date"))


# ------------------------------------------------------------------ the figures in one statement

NO_VALUE = Cast(Value(None), DecimalField(max_digits=20, decimal_places=2))


def _grouped(kind: str, rows: QuerySet, pair: Any, value: str | None, counted: Q) -> QuerySet:
    """One branch of the statement: (kind, pairing id, n, value, n left out, value left out),
    per pairing; "left out" are the rows ``counted`` excludes (unverified ones), if it does."""
    figures: dict[str, Any] = {
        "n": Count("pk", filter=counted),
        "value": Sum(value, filter=counted) if value else NO_VALUE,
        "n_out": Count("pk", filter=~counted) if counted else Value(0),
        "value_out": Sum(value, filter=~counted) if value and counted else NO_VALUE,
    }
    return (
        rows.annotate(figure=Value(kind), pair=pair)
        .filter(pair__isnull=False)
        .values("figure", "pair")
        .annotate(**figures)
        .values("figure", "pair", *figures)
        .order_by()
    )


def _figures(pairings: list[Pairing], filters: ReportFilters) -> dict[tuple[str, int], tuple]:
    """(kind, pairing id) → (n, value, n left out, value left out) for events, leads, signed
    projects and funds in place: one statement."""
    verified = filters.verified()
    branches = [
        _grouped("events", _events(filters).filter(pairing__in=pairings), F("pairing"), None, Q()),
        _grouped("leads", _leads(filters), pairing_of(pairings), None, Q()),
        _grouped("signed", _signed(filters), pairing_of(pairings), "counted_value", verified),
        _grouped("funds", _funds(filters), pairing_of(pairings, "project__"), "amount", verified),
    ]
    rows = branches[0].union(*branches[1:], all=True)
    return {
        (r["figure"], r["pair"]): (r["n"], r["value"], r["n_out"], r["value_out"]) for r in rows
    }


# ----------------------------------------------------------------------------- rows and total


def _row(pairings: list[Pairing], pairing: Pairing, filters: ReportFilters, figures) -> PairingRow:
    """The pairing's figures, each with its rows as a query read only if used."""
    member = member_condition(pairings, pairing)
    verified = filters.verified()

    def n(kind: str) -> int:
        return figures.get((kind, pairing.pk), (0,))[0]

    def value(kind: str) -> Decimal:
        return figures.get((kind, pairing.pk), (0, None))[1] or ZERO

    return PairingRow(
        pairing=pairing,
        event_ids=RowIds(_events(filters).filter(pairing=pairing), n("events")),
        lead_ids=RowIds(_leads(filters).filter(member), n("leads")),
        signed=Tally(
            n("signed"),
            value("signed"),
            RowIds(_signed(filters).filter(member, verified), n("signed")),
        ),
        funds=value("funds"),
        funds_ids=RowIds(
            _funds(filters).filter(member_condition(pairings, pairing, "project__"), verified),
            n("funds"),
        ),
    )


def _ranked(rows: list[PairingRow]) -> list[PairingRow]:
    """Signed value first, largest first; equal values share a rank (1, 2, 2, 4)."""
    rows.sort(key=lambda row: (-row.signed.value, row.pairing.code))
    for position, row in enumerate(rows, start=1):
        previous = rows[position - 2] if position > 1 else None
        tied = previous is not None and previous.signed.value == row.signed.value
        row.rank = previous.rank if tied else position
    return rows


def _total(pairings: list[Pairing], rows: list[PairingRow], filters: ReportFilters):
    """The rows' figures added up; their ids as one query over every pairing's rows."""
    every, verified = any_pairing(pairings), filters.verified()
    signed = sum(row.signed.count for row in rows)
    return LeagueFigures(
        event_ids=RowIds(
            _events(filters).filter(pairing__in=pairings), sum(row.events for row in rows)
        ),
        lead_ids=RowIds(_leads(filters).filter(every), sum(row.leads for row in rows)),
        signed=Tally(
            signed,
            sum((row.signed.value for row in rows), ZERO),
            RowIds(_signed(filters).filter(every, verified), signed),
        ),
        funds=sum((row.funds for row in rows), ZERO),
        funds_ids=RowIds(
            _funds(filters).filter(any_pairing(pairings, "project__"), verified),
            sum(len(row.funds_ids) for row in rows),
        ),
    )


def _left_out(kind: str, rows: QuerySet, figures: dict, filters: ReportFilters) -> Unverified:
    """The unverified rows of ``kind`` the figures leave out, from the statement's counts."""
    if filters.include_unverified:
        return Unverified()
    found = [figure for (k, _pair), figure in figures.items() if k == kind]
    count = sum(figure[2] for figure in found)
    value = sum((figure[3] or ZERO for figure in found), ZERO)
    return Unverified(count, value, RowIds(rows.filter(verified_at__isnull=True), count))


def pairing_league(filters: ReportFilters, parent: str = "PAIR-HLJ-GD") -> PairingLeague:
    """One ranked row per city pairing under ``parent``, with totals.

    Events are those of the pairing starting within the period; leads are projects that became
    leads within it; signings count projects signed within it (confirmed values unless
    ``filters.include_estimates``, capital increases by their increment); funds in place are
    the confirmed amounts of the period's months. The other filters narrow the projects.
    """
    parent_pairing = Pairing.objects.select_related("home_region", "partner_region").get(
        code=parent
    )
    pairings = list(
        Pairing.objects.filter(parent=parent_pairing)
        .select_related("home_region", "partner_region")
        .order_by("code")
    )
    figures = _figures(pairings, filters) if pairings else {}
    rows = _ranked([_row(pairings, p, filters, figures) for p in pairings])
    return PairingLeague(
        parent=parent_pairing,
        filters=filters,
        rows=rows,
        total=_total(pairings, rows, filters),
        unverified=_left_out(
            "signed", _signed(filters).filter(any_pairing(pairings)), figures, filters
        ),
        unverified_funds=_left_out(
            "funds", _funds(filters).filter(any_pairing(pairings, "project__")), figures, filters
        ),
    )
