"""Time in stage: median days from lead to signed and from signed to started, per city.

The dates are those of the stage history: the first ``StageChange`` to each stage. A project
counts towards a median only if it reached both stages. With a period, a duration counts if it
ended (signing, start) within the period; with ``as_of``, only moves on or before it count.
"""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Min, Q, QuerySet

from counterpart.geo.models import Region
from counterpart.projects.choices import Stage
from counterpart.projects.models import StageChange

from .filters import ReportFilters


@dataclass
class Durations:
    """Days from one stage to the next, per project, and their median (None without data)."""

    days: list[int] = field(default_factory=list)
    project_ids: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.days)

    @property
    def median(self) -> float | None:
        return float(statistics.median(self.days)) if self.days else None

    def add(self, project_id: int, days: int) -> None:
        self.project_ids.append(project_id)
        self.days.append(days)


@dataclass
class CityTimes:
    region: Region
    lead_to_signed: Durations
    signed_to_started: Durations


@dataclass
class TimeInStage:
    filters: ReportFilters
    cities: list[CityTimes]  # by region code; cities without data are left out
    lead_to_signed: Durations  # over all projects, those without a destination included
    signed_to_started: Durations

    @property
    def is_empty(self) -> bool:
        return not self.lead_to_signed.count and not self.signed_to_started.count


def first_reached(stage: str) -> Min:
    """The date a project (the group) first moved to ``stage``."""
    return Min("date", filter=Q(to_stage=stage))


def stage_dates(filters: ReportFilters) -> QuerySet:
    """(pk, destination id, lead date, signed date, started date) of the filtered projects that
    reached the signed stage: one pass over the stage history grouped by project (three
    subqueries per project cost more at a million projects)."""
    moves = StageChange.objects.all()
    if filters.as_of:
        moves = moves.filter(date__lte=filters.as_of)
    moves = filters.projects(moves, prefix="project__")
    return (
        moves.values("project", "project__destination_region")
        .annotate(
            reached_lead=first_reached(Stage.LEAD),
            reached_signed=first_reached(Stage.SIGNED),
            reached_started=first_reached(Stage.STARTED),
        )
        .filter(reached_signed__isnull=False)
        .order_by("project")
        .values_list(
            "project", "project__destination_region", "reached_lead", "reached_signed",
            "reached_started",
        )
    )  # fmt: skip


def _in_period(day: datetime.date, filters: ReportFilters) -> bool:
    after_start = filters.period_start is None or day >= filters.period_start
    return after_start and (filters.period_end is None or day <= filters.period_end)


def time_in_stage(filters: ReportFilters) -> TimeInStage:
    """Median days lead → signed and signed → started per destination city, and overall."""
    overall = (Durations(), Durations())
    per_city: dict[int, tuple[Durations, Durations]] = {}
    for pk, city, lead, signed, started in stage_dates(filters):
        for index, (begin, end) in enumerate([(lead, signed), (signed, started)]):
            if begin is None or end is None or not _in_period(end, filters):
                continue
            days = (end - begin).days
            overall[index].add(pk, days)
            if city is not None:
                per_city.setdefault(city, (Durations(), Durations()))[index].add(pk, days)
    regions = Region.objects.in_bulk(list(per_city))
    cities = sorted(
        (CityTimes(regions[pk], *durations) for pk, durations in per_city.items()),
        key=lambda c: c.region.code,
    )
    return TimeInStage(filters, cities, *overall)
