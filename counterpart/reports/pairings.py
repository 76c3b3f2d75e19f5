"""Pairing league table: per city pairing, events, leads, signings and funds in place.

A project belongs to a pairing by the condition ``ReportFilters(pairing=...)`` uses: its
destination is the home region (or within it) and its source the partner region (or within it);
where two pairings' conditions both hold, to the first by code. Every figure is computed in one
database statement (a UNION ALL of one grouped query per column, grouped by region pair and
added up per pairing: ``Regions``), whatever the number of pairings; the rows behind each
figure are kept as queries and read, for every pairing at once, only if a renderer asks for
them (``SharedRows`` keyed by ``Regions.pairing``).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
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
)
from django.db.models.functions import Cast

from counterpart.events.models import Event
from counterpart.geo.models import Pairing, Region
from counterpart.projects.choices import Stage
from counterpart.projects.models import FundsInPlace, Project, StageChange

from .filters import ReportFilters, Unverified
from .ids import RowIds, SharedRows
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


def in_period(filters: ReportFilters, name: str, month: bool = False) -> Q:
    """``name`` within the filters' period; a month field counts from the period's month."""
    condition = Q()
    if filters.period_start:
        start = filters.period_start.replace(day=1) if month else filters.period_start
        condition &= Q(**{f"{name}__gte": start})
    if filters.period_end:
        condition &= Q(**{f"{name}__lte": filters.period_end})
    return condition


# ------------------------------------------------------------------------ which pairing a row is
#
# Which pairing a row falls under is decided per (destination, source) region pair, not per row:
# the statement counts and sums per region pair (a plain GROUP BY on two columns, which the
# database does fastest) and ``Regions.pairing`` assigns each pair to its pairing by
# ``pairing_condition``'s rule. A CASE choosing the pairing of every row cost more than the rest
# of the query.


@dataclass
class Regions:
    """The pairings' regions and those within them, with their provinces: enough to tell
    the pairing of any (destination, source) region pair."""

    ends: list[tuple[int, int, int]]  # (pairing id, home region id, partner region id), by code
    provinces: dict[int, int | None]  # region id → its province's id

    @classmethod
    def of(cls, pairings: list[Pairing]) -> "Regions":
        ends = [(p.pk, p.home_region_id, p.partner_region_id) for p in pairings]
        ids = {home for _, home, _ in ends} | {partner for _, _, partner in ends}
        regions = Region.objects.filter(Q(pk__in=ids) | Q(province__in=ids))
        return cls(ends, dict(regions.values_list("pk", "province")))

    def _within(self, region: int | None, end: int) -> bool:
        return region is not None and (region == end or self.provinces.get(region) == end)

    def pairing(self, destination: int | None, source: int | None) -> int | None:
        """``pairing_condition``: destination within the home region and source within the
        partner region; the first pairing by code where two would hold."""
        return next(
            (
                pk
                for pk, home, partner in self.ends
                if self._within(destination, home) and self._within(source, partner)
            ),
            None,
        )

    def candidates(self, rows: QuerySet, prefix: str = "") -> QuerySet:
        """``rows`` whose regions could fall under a pairing (a filter on two indexed
        columns, so that the database groups only those)."""
        homes = {home for _, home, _ in self.ends}
        partners = {partner for _, _, partner in self.ends}
        return rows.filter(
            **{
                f"{prefix}destination_region__in": self._inside(homes),
                f"{prefix}source_region__in": self._inside(partners),
            }
        )

    def _inside(self, ends: set[int]) -> list[int]:
        return sorted(r for r, province in self.provinces.items() if r in ends or province in ends)


# --------------------------------------------------------------------------- the rows of a figure


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
    """Funds in place (confirmed unless asked), verified or not; ``_funds_period`` says which
    months count."""
    return _restricted(FundsInPlace.objects.all(), filters, "project__").filter(
        filters.confirmed("amount_basis")
    )


def _funds_period(filters: ReportFilters) -> Q:
    return in_period(filters, "month", month=True)


def _events(filters: ReportFilters, pairings: list[Pairing]) -> QuerySet:
    return Event.objects.filter(in_period(filters, "start_date"), pairing__in=pairings)


@dataclass
class Figure:
    """One column of the league: its rows (of every pairing that could hold them), the
    field summed (if any), and the region fields through ``prefix`` (None: by ``pairing``)."""

    kind: str
    rows: QuerySet
    value: str | None = None
    prefix: str | None = ""
    verified: bool = False  # only verified rows count (the rest is left out)
    # Which of the rows count, as a condition of the statement's aggregates rather than of its
    # WHERE: for funds, whose month index SQLite would otherwise read row by row (10x slower).
    within: Q = field(default_factory=Q)

    def counted(self, verified: Q) -> Q:
        """The rows counted, of those ``within``: the verified ones (``verified``) if asked."""
        return self.within & verified if self.verified else self.within

    def left_out(self, verified: Q) -> Q | None:
        """The rows ``within`` that ``verified`` leaves out, if anything can be."""
        return self.within & ~verified if self.verified and verified else None


def _figures_of(pairings: list[Pairing], filters: ReportFilters, regions: Regions) -> list[Figure]:
    return [
        Figure("events", _events(filters, pairings), prefix=None),
        Figure("leads", regions.candidates(_leads(filters))),
        Figure("signed", regions.candidates(_signed(filters)), "counted_value", verified=True),
        Figure(
            "funds",
            regions.candidates(_funds(filters), "project__"),
            "amount",
            "project__",
            verified=True,
            within=_funds_period(filters),
        ),
    ]


# ------------------------------------------------------------------ the figures in one statement

NO_VALUE = Cast(Value(None), DecimalField(max_digits=20, decimal_places=2))
NO_KEY = Cast(Value(None), IntegerField())
COLUMNS = ("figure", "first", "second", "n", "value", "n_out", "value_out")
Numbers = dict[tuple[str, int], tuple]  # (kind, pairing id) → (n, value, n out, value out)


def _grouped(figure: Figure, verified: Q) -> QuerySet:
    """One branch of the statement: (kind, first key, second key, n, value, n left out, value
    left out); "left out" are the unverified rows the figure does not count, if any."""
    value, counted, left_out = figure.value, figure.counted(verified), figure.left_out(verified)
    numbers: dict[str, Any] = {
        "n": Count("pk", filter=counted),
        "value": Sum(value, filter=counted) if value else NO_VALUE,
        "n_out": Count("pk", filter=left_out) if left_out else Value(0),
        "value_out": Sum(value, filter=left_out) if value and left_out else NO_VALUE,
    }
    if figure.prefix is None:
        keys = {"first": F("pairing"), "second": NO_KEY}
    else:
        keys = {
            "first": F(f"{figure.prefix}destination_region"),
            "second": F(f"{figure.prefix}source_region"),
        }
    grouped = figure.rows.annotate(figure=Value(figure.kind)).values("figure", **keys)
    return grouped.annotate(**numbers).values(*COLUMNS).order_by()


def _numbers(figures: list[Figure], filters: ReportFilters, regions: Regions) -> Numbers:
    """Every figure per pairing, with the unverified rows left out: one statement, grouped
    per pairing (events) or per region pair (the rest, then added up per pairing)."""
    verified = filters.verified()
    branches = [_grouped(f, verified) for f in figures]
    found: Numbers = {}
    for kind, first, second, *numbers in (
        branches[0].union(*branches[1:], all=True).values_list(*COLUMNS)
    ):
        pairing = first if kind == "events" else regions.pairing(first, second)
        if pairing is not None:
            found[(kind, pairing)] = _added(found.get((kind, pairing)), numbers)
    return found


def _added(numbers: tuple | None, more: list) -> tuple:
    """Two region pairs' (n, value, n out, value out) together; a value stays None if both are."""
    if numbers is None:
        return tuple(more)

    def plus(a, b):
        return b if a is None else a if b is None else a + b

    return tuple(plus(a, b) for a, b in zip(numbers, more, strict=True))


# ----------------------------------------------------------------------------- rows and total


def _own_pairing(pairing: int | None) -> int | None:
    """An event's pairing is its own (a module function, so that the dashboard can pickle it)."""
    return pairing


class League:
    """The figures of every pairing and the means to read their rows."""

    def __init__(self, pairings: list[Pairing], filters: ReportFilters) -> None:
        self.filters, self.regions = filters, Regions.of(pairings)
        self.figures = {f.kind: f for f in _figures_of(pairings, filters, self.regions)}
        self.numbers = _numbers(list(self.figures.values()), filters, self.regions)
        verified = filters.verified()
        self.members = {
            kind: self._members(f, f.rows.filter(f.counted(verified)))
            for kind, f in self.figures.items()
        }

    def _members(self, figure: Figure, rows: QuerySet) -> SharedRows:
        """A figure's rows for every pairing, read in one query when the first are used (the
        API and the JSON renderer read all of them: one query per figure, not per pairing)."""
        if figure.prefix is None:  # events: rows with their pairing
            return SharedRows(rows, "pairing", key=_own_pairing)
        fields = (f"{figure.prefix}destination_region", f"{figure.prefix}source_region")
        return SharedRows(rows, *fields, key=self.regions.pairing)

    def count(self, kind: str, pairing: int | None) -> int:
        if pairing is None:
            return sum(n[0] for (k, _), n in self.numbers.items() if k == kind)
        return self.numbers.get((kind, pairing), (0,))[0]

    def value(self, kind: str, pairing: int | None) -> Decimal:
        if pairing is None:
            return sum((n[1] or ZERO for (k, _), n in self.numbers.items() if k == kind), ZERO)
        return self.numbers.get((kind, pairing), (0, None))[1] or ZERO

    def ids(self, kind: str, pairing: int | None) -> RowIds:
        return self.members[kind].group(pairing, self.count(kind, pairing))

    def figures_of(self, pairing: int | None) -> dict[str, Any]:
        """A pairing's figures (every pairing's for None), as ``LeagueFigures`` fields."""
        return {
            "event_ids": self.ids("events", pairing),
            "lead_ids": self.ids("leads", pairing),
            "signed": Tally(
                self.count("signed", pairing),
                self.value("signed", pairing),
                self.ids("signed", pairing),
            ),
            "funds": self.value("funds", pairing),
            "funds_ids": self.ids("funds", pairing),
        }

    def left_out(self, kind: str) -> Unverified:
        """The unverified rows of ``kind`` the figures leave out (counted in the statement)."""
        if self.filters.include_unverified:
            return Unverified()
        found = [n for (k, _), n in self.numbers.items() if k == kind]
        count = sum(n[2] for n in found)
        value = sum((n[3] or ZERO for n in found), ZERO)
        figure = self.figures[kind]
        members = self._members(figure, figure.rows.filter(figure.within, verified_at__isnull=True))
        return Unverified(count, value, members.group(None, count))


def _ranked(rows: list[PairingRow]) -> list[PairingRow]:
    """Signed value first, largest first; equal values share a rank (1, 2, 2, 4)."""
    rows.sort(key=lambda row: (-row.signed.value, row.pairing.code))
    for position, row in enumerate(rows, start=1):
        previous = rows[position - 2] if position > 1 else None
        tied = previous is not None and previous.signed.value == row.signed.value
        row.rank = previous.rank if tied else position
    return rows


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
    league = League(pairings, filters)
    rows = [PairingRow(pairing=p, **league.figures_of(p.pk)) for p in pairings]
    return PairingLeague(
        parent=parent_pairing,
        filters=filters,
        rows=_ranked(rows),
        total=LeagueFigures(**league.figures_of(None)),
        unverified=league.left_out("signed"),
        unverified_funds=league.left_out("funds"),
    )
