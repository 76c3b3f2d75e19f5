"""An indicator's value for a region and year, its year-on-year change and its share of the
national total. Change and share are computed here, never stored. Only verified observations
count unless unverified ones are asked for (``unverified``: those left out)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, QuerySet

from counterpart.core.formatting import growth_percent, ratio_percent
from counterpart.indicators.models import Indicator, Observation, PeriodType

from .filters import ReportFilters, Unverified
from .ids import RowIds

COUNTRY = "000000"


@dataclass
class IndicatorFigure:
    indicator: Indicator
    region_code: str
    year: int
    value: Decimal | None
    previous: Decimal | None
    parent_total: Decimal | None
    observation_ids: RowIds
    # Observations left out (their units differ: counted, not summed).
    unverified: Unverified = field(default_factory=Unverified)

    @property
    def growth(self) -> Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return growth_percent(self.value, self.previous)

    @property
    def share(self) -> Decimal | None:
        if self.value is None or self.parent_total is None:
            return None
        return ratio_percent(self.value, self.parent_total)


def indicator_figure(
    code: str, year: int, region: str = "230000", filters: ReportFilters | None = None
) -> IndicatorFigure:
    """The yearly value of indicator ``code`` for ``region``, the year before, and the nation's.

    One query reads the (at most four) observations with their indicator, verified or not, and
    the verified ones are told apart here: a second query for the left-out ones would cost more
    than the figure. Only an indicator without any such observation is read on its own.
    """
    filters = filters or ReportFilters()
    candidates = Observation.objects.filter(
        indicator__code=code,
        period_type=PeriodType.YEAR,
        period_start__gte=datetime.date(year - 1, 1, 1),
        period_start__lte=datetime.date(year, 12, 31),
        region__code__in=[region, COUNTRY],
    )
    # At most one yearly observation per region and year (unique period): no order needed.
    found = list(
        candidates.select_related("indicator").annotate(region_code=F("region__code")).order_by()
    )
    indicator = found[0].indicator if found else Indicator.objects.get(code=code)
    counted = [o for o in found if filters.include_unverified or o.verified_at is not None]
    observations = {(o.region_code, o.period_start.year): o for o in counted}

    def value(key):
        return observations[key].value if key in observations else None

    ids = sorted(o.pk for o in observations.values())
    return IndicatorFigure(
        indicator=indicator,
        region_code=region,
        year=year,
        value=value((region, year)),
        previous=value((region, year - 1)),
        parent_total=value((COUNTRY, year)),
        observation_ids=RowIds(ids),
        unverified=_left_out(candidates, len(found) - len(counted)),
    )


def _left_out(candidates: QuerySet, count: int) -> Unverified:
    """The unverified observations left out (counted, not summed: their units differ)."""
    if not count:
        return Unverified()
    return Unverified(count=count, ids=RowIds(candidates.filter(verified_at__isnull=True), count))
