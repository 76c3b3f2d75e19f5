"""Domestic capital used by source region: funds in place over a period, ranked by province.

"Domestic capital" (利用内资) is capital from other provinces of the mainland: the receiving
province itself, Hong Kong, Macao and Taiwan are not sources of it. Only verified funds count
unless the filters ask for unverified ones too; ``unverified`` says what was left out.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from counterpart.geo.models import Region
from counterpart.projects.models import FundsInPlace

from .filters import ReportFilters, Unverified
from .signing import ZERO

NOT_DOMESTIC = ("710000", "810000", "820000")  # Taiwan, Hong Kong, Macao


@dataclass
class SourceRow:
    rank: int
    region: Region
    amount: Decimal
    funds_ids: list[int]


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


def capital_by_source(
    filters: ReportFilters, receiving_province: str = "230000"
) -> CapitalBySource:
    """Funds in place received by ``receiving_province`` in the period, per source province.

    Ranks are 1, 2, 3 … by amount; equal amounts share a rank (competition ranking).
    """
    receiving = Region.objects.get(code=receiving_province)
    funds = FundsInPlace.objects.filter(project__destination_region__province=receiving)
    if filters.period_start:
        funds = funds.filter(month__gte=filters.period_start.replace(day=1))
    if filters.period_end:
        funds = funds.filter(month__lte=filters.period_end)
    funds = funds.filter(filters.confirmed("amount_basis"))
    funds = filters.projects(funds, prefix="project__")
    funds = funds.exclude(source_region__province=receiving).exclude(
        source_region__province__code__in=NOT_DOMESTIC
    )
    unverified = filters.left_out(funds, "amount")
    funds = funds.filter(filters.verified())
    totals = (
        funds.values("source_region__province")
        .annotate(amount=Sum("amount"))
        .order_by("-amount", "source_region__province__code")
    )
    members: dict[int, list[int]] = {}
    for pk, province in funds.order_by("pk").values_list("pk", "source_region__province"):
        members.setdefault(province, []).append(pk)
    provinces = Region.objects.in_bulk([row["source_region__province"] for row in totals])
    rows: list[SourceRow] = []
    for position, row in enumerate(totals, start=1):
        tied = rows and rows[-1].amount == row["amount"]
        rank = rows[-1].rank if tied else position
        province = row["source_region__province"]
        rows.append(SourceRow(rank, provinces[province], row["amount"], members[province]))
    return CapitalBySource(receiving=receiving, filters=filters, rows=rows, unverified=unverified)
