"""The filters reports accept, applied the same way by every report."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from counterpart.core.choices import MoneyBasis
from counterpart.geo.models import Pairing


def month_end(day: datetime.date) -> datetime.date:
    """The last day of ``day``'s month."""
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def pairing_condition(pairing: Pairing, prefix: str = "") -> Q:
    """Capital from the partner side going to the home side, at city or province level."""

    def within(name: str, region_id: int) -> Q:
        return Q(**{f"{prefix}{name}": region_id}) | Q(**{f"{prefix}{name}__province": region_id})

    return within("destination_region", pairing.home_region_id) & within(
        "source_region", pairing.partner_region_id
    )


@dataclass(frozen=True)
class ReportFilters:
    """What a report is restricted to. Empty fields mean "not restricted"."""

    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    as_of: datetime.date | None = None
    pairing: str = ""  # Pairing.code: projects whose destination is its home region (or within)
    city: str = ""  # Region.code of the destination city
    task_force: str = ""  # TaskForce.code
    taxonomy: str = ""  # Taxonomy.code: projects tagged with an industry of it
    min_project_size: Decimal | None = None  # planned investment, yuan
    include_estimates: bool = False

    def __post_init__(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError(
                f"The period ends ({self.period_end}) before it starts ({self.period_start})."
            )

    def projects(self, queryset: QuerySet, prefix: str = "") -> QuerySet:
        """Restrict a queryset of projects (or of rows reaching them through ``prefix``)."""
        conditions = Q()
        if self.pairing:
            conditions &= pairing_condition(Pairing.objects.get(code=self.pairing), prefix)
        if self.city:
            conditions &= Q(**{f"{prefix}destination_region__code": self.city})
        if self.task_force:
            conditions &= Q(**{f"{prefix}task_force__code": self.task_force})
        if self.taxonomy:
            conditions &= Q(**{f"{prefix}industries__taxonomy__code": self.taxonomy})
        if self.min_project_size is not None:
            conditions &= Q(**{f"{prefix}planned_investment__gte": self.min_project_size})
        queryset = queryset.filter(conditions)
        return queryset.distinct() if self.taxonomy else queryset

    def confirmed(self, field: str) -> Q:
        """Only confirmed figures count unless estimates are asked for."""
        if self.include_estimates:
            return Q()
        return Q(**{field: MoneyBasis.CONFIRMED})
