"""Pairing league table: per city pairing, events, leads, signings and funds in place.

A project belongs to a pairing by the condition ``ReportFilters(pairing=...)`` uses: its
destination is the home region (or within it) and its source the partner region (or within it).
Every column is computed in a constant number of queries, whatever the number of pairings.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from counterpart.events.models import Event
from counterpart.geo.models import Pairing
from counterpart.projects.choices import Stage
from counterpart.projects.models import FundsInPlace, Project, StageChange

from .filters import ReportFilters, Unverified, pairing_condition
from .signing import ZERO, Tally


@dataclass
class LeagueFigures:
    """The figures of one pairing (or of all), each with the ids of the rows behind it."""

    event_ids: list[int] = field(default_factory=list)
    lead_ids: list[int] = field(default_factory=list)  # projects
    signed: Tally = field(default_factory=Tally)  # projects, counted value
    funds: Decimal = ZERO
    funds_ids: list[int] = field(default_factory=list)  # FundsInPlace rows

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


def in_period(filters: ReportFilters, name: str, month: bool = False) -> Q:
    """``name`` within the filters' period; a month field counts from the period's month."""
    condition = Q()
    if filters.period_start:
        start = filters.period_start.replace(day=1) if month else filters.period_start
        condition &= Q(**{f"{name}__gte": start})
    if filters.period_end:
        condition &= Q(**{f"{name}__lte": filters.period_end})
    return condition


def _projects(filters: ReportFilters) -> QuerySet:
    """Projects the filters allow, as a plain queryset (no joins left to multiply sums)."""
    allowed = filters.projects(Project.objects.all()).values("pk")
    return Project.objects.filter(pk__in=allowed)


def _members(rows: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
    """Group ``(pk, key)`` pairs by key, keeping the pk order."""
    members: dict[int, list[int]] = {}
    for pk, key in rows:
        members.setdefault(key, []).append(pk)
    return members


def _event_ids(pairings: list[Pairing], filters: ReportFilters) -> dict[int, list[int]]:
    events = Event.objects.filter(pairing__in=pairings).filter(in_period(filters, "start_date"))
    return _members(events.order_by("pk").values_list("pk", "pairing"))


def _lead_ids(pairings: list[Pairing], filters: ReportFilters) -> dict[int, list[int]]:
    """Projects that were ever at the lead stage (becoming one within the period, if given)."""
    was_lead = StageChange.objects.filter(
        in_period(filters, "date"), project=OuterRef("pk"), to_stage=Stage.LEAD
    )
    projects = _projects(filters).filter(Exists(was_lead)).annotate(pair=pairing_of(pairings))
    rows = projects.filter(pair__isnull=False).order_by("pk").values_list("pk", "pair")
    return _members(rows)


def _signed_candidates(pairings: list[Pairing], filters: ReportFilters) -> QuerySet:
    """Signed projects (confirmed values unless estimates are asked for) of the pairings,
    verified or not."""
    return (
        _projects(filters)
        .with_counted_value()
        .filter(filters.confirmed("contract_value_basis"), signed_date__isnull=False)
        .filter(in_period(filters, "signed_date"))
        .annotate(pair=pairing_of(pairings))
        .filter(pair__isnull=False)
    )


def _signed(pairings: list[Pairing], filters: ReportFilters) -> dict[int, Tally]:
    """Signed projects (confirmed and verified values unless asked otherwise), per pairing."""
    projects = _signed_candidates(pairings, filters).filter(filters.verified())
    totals = projects.values("pair").annotate(n=Count("pk"), value=Sum("counted_value"))
    members = _members(projects.order_by("pk").values_list("pk", "pair"))
    return {
        row["pair"]: Tally(row["n"], row["value"] or ZERO, members.get(row["pair"], []))
        for row in totals.order_by("pair")
    }


def _funds_candidates(pairings: list[Pairing], filters: ReportFilters) -> QuerySet:
    """Funds in place for the pairings' projects within the period, verified or not."""
    return (
        FundsInPlace.objects.filter(project__in=_projects(filters))
        .filter(filters.confirmed("amount_basis"), in_period(filters, "month", month=True))
        .annotate(pair=pairing_of(pairings, "project__"))
        .filter(pair__isnull=False)
    )


def _funds(pairings: list[Pairing], filters: ReportFilters) -> dict[int, tuple[Decimal, list[int]]]:
    """Funds in place for the pairings' projects within the period, per pairing."""
    funds = _funds_candidates(pairings, filters).filter(filters.verified())
    totals = funds.values("pair").annotate(amount=Sum("amount")).order_by("pair")
    members = _members(funds.order_by("pk").values_list("pk", "pair"))
    return {row["pair"]: (row["amount"] or ZERO, members.get(row["pair"], [])) for row in totals}


def _ranked(rows: list[PairingRow]) -> list[PairingRow]:
    """Signed value first, largest first; equal values share a rank (1, 2, 2, 4)."""
    rows.sort(key=lambda row: (-row.signed.value, row.pairing.code))
    for position, row in enumerate(rows, start=1):
        previous = rows[position - 2] if position > 1 else None
        tied = previous is not None and previous.signed.value == row.signed.value
        row.rank = previous.rank if tied else position
    return rows


def _total(rows: list[PairingRow]) -> LeagueFigures:
    signed_ids = sorted(pk for row in rows for pk in row.signed.project_ids)
    return LeagueFigures(
        event_ids=sorted(pk for row in rows for pk in row.event_ids),
        lead_ids=sorted(pk for row in rows for pk in row.lead_ids),
        signed=Tally(len(signed_ids), sum((r.signed.value for r in rows), ZERO), signed_ids),
        funds=sum((row.funds for row in rows), ZERO),
        funds_ids=sorted(pk for row in rows for pk in row.funds_ids),
    )


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
        Pairing.objects.filter(parent=parent_pairing).select_related(
            "home_region", "partner_region"
        )
    )
    events, leads = _event_ids(pairings, filters), _lead_ids(pairings, filters)
    signed, funds = _signed(pairings, filters), _funds(pairings, filters)
    rows = [
        PairingRow(
            pairing=p,
            event_ids=events.get(p.pk, []),
            lead_ids=leads.get(p.pk, []),
            signed=signed.get(p.pk, Tally()),
            funds=funds.get(p.pk, (ZERO, []))[0],
            funds_ids=funds.get(p.pk, (ZERO, []))[1],
        )
        for p in pairings
    ]
    rows = _ranked(rows)
    return PairingLeague(
        parent=parent_pairing,
        filters=filters,
        rows=rows,
        total=_total(rows),
        unverified=filters.left_out(_signed_candidates(pairings, filters), "counted_value"),
        unverified_funds=filters.left_out(_funds_candidates(pairings, filters), "amount"),
    )
