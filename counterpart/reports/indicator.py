"""An indicator's value for a region and year, its year-on-year change and its share of the
national total. Change and share are computed here, never stored. Only verified observations
count unless unverified ones are asked for (``unverified``: those left out)."""

from dataclasses import dataclass, field
from decimal import Decimal

from counterpart.core.formatting import growth_percent, ratio_percent
from counterpart.indicators.models import Indicator, Observation, PeriodType

from .filters import ReportFilters, Unverified

COUNTRY = "000000"


@dataclass
class IndicatorFigure:
    indicator: Indicator
    region_code: str
    year: int
    value: Decimal | None
    previous: Decimal | None
    parent_total: Decimal | None
    observation_ids: list[int]
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
    """The yearly value of indicator ``code`` for ``region``, the year before, and the nation's."""
    filters = filters or ReportFilters()
    indicator = Indicator.objects.get(code=code)
    candidates = Observation.objects.filter(
        indicator=indicator,
        period_type=PeriodType.YEAR,
        period_start__year__in=[year - 1, year],
        region__code__in=[region, COUNTRY],
    )
    observations = {
        (o.region.code, o.period_start.year): o
        for o in candidates.filter(filters.verified()).select_related("region")
    }

    def value(key):
        return observations[key].value if key in observations else None

    return IndicatorFigure(
        indicator=indicator,
        region_code=region,
        year=year,
        value=value((region, year)),
        previous=value((region, year - 1)),
        parent_total=value((COUNTRY, year)),
        observation_ids=sorted(o.pk for o in observations.values()),
        unverified=filters.left_out(candidates),
    )
