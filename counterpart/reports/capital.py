"""Domestic capital used by source region: funds in place over a period, ranked by province.

"Domestic capital" (利用内资) is capital from other provinces of the mainland: the receiving
province itself, Hong Kong, Macao and Taiwan are not sources of it. Only verified funds count
unless the filters ask for unverified ones too; ``unverified`` says what was left out.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, QuerySet, Sum, Window
from django.db.models.functions import Rank

from counterpart.geo.models import Region
from counterpart.projects.models import FundsInPlace

from .filters import ReportFilters, Unverified
from .ids import RowIds, SharedRows
from .signing import ZERO

NOT_DOMESTIC = ("710000", "810000", "820000")  # Taiwan, Hong Kong, Macao


@dataclass
class SourceRow:
    rank: int
    region: Region
    amount: Decimal
    funds_ids: RowIds


@dataclass
class CapitalBySource:
    receiving: Region
    filters: ReportFilters
    rows: list[SourceRow]
    unverified: Unverified = field(default_factory=Unverified)  # funds left out

    @property
    def total(self) -> Decimal:
        return sum((row.amount for row in self.rows), ZERO)

    def row_for(self, code: str) -> SourceRow | None:
        return next((row for row in self.rows if row.region.code == code), None)


def domestic_funds(filters: ReportFilters, receiving: Region) -> QuerySet:
    """Funds in place received by ``receiving`` in the period from other mainland provinces,
    verified or not."""
    funds = FundsInPlace.objects.filter(project__destination_region__province=receiving)
    if filters.period_start:
        funds = funds.filter(month__gte=filters.period_start.replace(day=1))
    if filters.period_end:
        funds = funds.filter(month__lte=filters.period_end)
    funds = funds.filter(filters.confirmed("amount_basis"))
    funds = filters.projects(funds, prefix="project__")
    return funds.exclude(source_region__province=receiving).exclude(
        source_region__province__code__in=NOT_DOMESTIC
    )


def capital_by_source(
    filters: ReportFilters, receiving_province: str = "230000"
) -> CapitalBySource:
    """Funds in place received by ``receiving_province`` in the period, per source province.

    Ranks are 1, 2, 3 … by amount; equal amounts share a rank (competition ranking: SQL's
    ``RANK()``). The amounts, counts and ranks are one grouped query; the funds' ids are read
    only if a renderer uses them.
    """
    receiving = Region.objects.get(code=receiving_province)
    funds = domestic_funds(filters, receiving)
    unverified = filters.left_out(funds, "amount")
    funds = funds.filter(filters.verified())
    totals = list(
        funds.values("source_region__province")
        .annotate(
            amount=Sum("amount"),
            n=Count("pk"),
            rank=Window(Rank(), order_by=F("amount").desc()),
        )
        .order_by("-amount", "source_region__province__code")
    )
    provinces = Region.objects.in_bulk([row["source_region__province"] for row in totals])
    members = SharedRows(funds, "source_region__province")  # every row's ids in one query
    rows = [
        SourceRow(
            row["rank"],
            provinces[row["source_region__province"]],
            row["amount"],
            members.where(row["n"], source_region__province=row["source_region__province"]),
        )
        for row in totals
    ]
    return CapitalBySource(receiving=receiving, filters=filters, rows=rows, unverified=unverified)
