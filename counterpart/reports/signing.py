"""Event signing summary: what was signed at an event, counted by the model's rules.

A project counts once, at its first signing event (``Project.signed_event``); a capital
increase counts only its increment (``with_counted_value``); only confirmed contract values
count unless the filters ask for estimates; only verified signing figures count unless the
filters ask for unverified ones too (``unverified`` says what was left out).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from counterpart.events.models import Event
from counterpart.projects.choices import ProjectCategory
from counterpart.projects.models import Project

from .filters import ReportFilters, Unverified

ZERO = Decimal(0)


@dataclass
class Tally:
    """A count and a value, with the projects they were computed from."""

    count: int = 0
    value: Decimal = ZERO
    project_ids: list[int] = field(default_factory=list)
    # Of the projects counted, those not verified (set only where a working view counts them).
    unverified: int = 0


@dataclass
class Group:
    key: str  # a code: category, industry code, region code
    label_zh: str
    label_en: str
    tally: Tally


@dataclass
class EventSummary:
    event: Event
    filters: ReportFilters
    total: Tally
    on_site: Tally
    on_site_industrial: Tally
    by_category: list[Group]
    by_field: list[Group]
    by_destination: list[Group]
    unverified: Unverified = field(default_factory=Unverified)  # signed projects left out

    @property
    def is_empty(self) -> bool:
        return self.total.count == 0


def event_and_sub_events(event: Event) -> list[int]:
    """The event's id and those of every event inside it, at any depth."""
    ids, frontier = [event.pk], [event.pk]
    while frontier:
        frontier = list(Event.objects.filter(parent__in=frontier).values_list("pk", flat=True))
        ids += frontier
    return ids


def signed_projects(event: Event, filters: ReportFilters, verified: bool = True) -> QuerySet:
    """The projects that count at the event; with ``verified=False`` also those left out only
    because their figures are not verified."""
    projects = Project.objects.with_counted_value().filter(
        signed_event__in=event_and_sub_events(event)
    )
    projects = projects.filter(filters.confirmed("contract_value_basis"))
    if verified:
        projects = projects.filter(filters.verified())
    return filters.projects(projects)


def tally(projects: QuerySet) -> Tally:
    ids = list(projects.order_by("pk").values_list("pk", flat=True))
    total = projects.aggregate(value=Sum("counted_value"))["value"] or ZERO
    return Tally(count=len(ids), value=total, project_ids=ids)


def grouped(projects: QuerySet, key: str, label_zh: str, label_en: str) -> list[Group]:
    """Tallies per value of ``key``, largest value first, in a constant number of queries."""
    rows = (
        projects.values(key, label_zh, label_en)
        .annotate(n=Count("pk", distinct=True), value=Sum("counted_value"))
        .order_by("-value", key)
    )
    members: dict[str, list[int]] = {}
    for pk, group_key in projects.order_by("pk").values_list("pk", key):
        members.setdefault(group_key, []).append(pk)
    return [
        Group(
            key=row[key] or "",
            label_zh=row[label_zh] or "",
            label_en=row[label_en] or "",
            tally=Tally(row["n"], row["value"] or ZERO, members.get(row[key], [])),
        )
        for row in rows
    ]


def by_category(projects: QuerySet) -> list[Group]:
    """Tallies per category, in two queries whatever the number of categories."""
    labels = dict(ProjectCategory.choices)
    members: dict[str, list[int]] = {}
    for pk, category in projects.order_by("pk").values_list("pk", "category"):
        members.setdefault(category, []).append(pk)
    groups = []
    for row in (
        projects.values("category")
        .annotate(n=Count("pk"), value=Sum("counted_value"))
        .order_by("-value", "category")
    ):
        ids = members.get(row["category"], [])
        label = labels.get(row["category"], "")
        groups.append(
            Group(row["category"], str(label), row["category"], Tally(row["n"], row["value"], ids))
        )
    return groups


def event_signing_summary(
    event_code: str, filters: ReportFilters | None = None, field_taxonomy: str = ""
) -> EventSummary:
    """Signed count and value at an event, with its on-site, category, field and city subsets.

    ``field_taxonomy`` is the taxonomy whose industries are the "fields" (default: the first
    taxonomy any of the projects is tagged with, by taxonomy code).
    """
    filters = filters or ReportFilters()
    event = Event.objects.get(code=event_code)
    projects = signed_projects(event, filters)
    on_site = projects.filter(signed_on_site=True)
    field_taxonomy = field_taxonomy or _first_taxonomy(projects)
    tagged = projects.filter(industries__taxonomy__code=field_taxonomy)
    return EventSummary(
        event=event,
        filters=filters,
        total=tally(projects),
        on_site=tally(on_site),
        on_site_industrial=tally(on_site.filter(category=ProjectCategory.INDUSTRIAL)),
        by_category=by_category(projects),
        by_field=grouped(tagged, "industries__code", "industries__name_zh", "industries__name_en"),
        by_destination=grouped(
            projects,
            "destination_region__code",
            "destination_region__name_zh",
            "destination_region__name_en",
        ),
        unverified=filters.left_out(signed_projects(event, filters, False), "counted_value"),
    )


def _first_taxonomy(projects: QuerySet) -> str:
    codes = (
        projects.exclude(industries__isnull=True)
        .values_list("industries__taxonomy__code", flat=True)
        .distinct()
        .order_by("industries__taxonomy__code")
    )
    return codes.first() or ""
