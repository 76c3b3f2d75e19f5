"""Event signing summary: what was signed at an event, counted by the model's rules.

A project counts once, at its first signing event (``Project.signed_event``); a capital
increase counts only its increment (``with_counted_value``); only confirmed contract values
count unless the filters ask for estimates; only verified signing figures count unless the
filters ask for unverified ones too (``unverified`` says what was left out).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, IntegerField, Q, QuerySet, Subquery, Sum, Value
from django.db.models.expressions import RawSQL

from counterpart.events.models import Event
from counterpart.projects.choices import ProjectCategory
from counterpart.projects.models import Project

from .filters import ReportFilters, Unverified
from .ids import RowIds, SharedRows

ZERO = Decimal(0)


@dataclass
class Tally:
    """A count and a value, with the projects they were computed from."""

    count: int = 0
    value: Decimal = ZERO
    project_ids: RowIds = field(default_factory=RowIds)
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


def _tree_sql(columns: str, anchor: str) -> str:
    """A walk from the event whose ``anchor`` column is the parameter down the parent links,
    selecting ``columns`` ("id", or "*" for whole rows) of every event on the way.

    Raw SQL because the ORM has no recursive common table expression; SQLite and PostgreSQL
    both accept this one, so the tree is read in one statement, not in one query per level."""
    table, parent = Event._meta.db_table, Event._meta.get_field("parent").column
    return (
        f'WITH RECURSIVE tree AS (SELECT {columns} FROM "{table}" WHERE "{anchor}" = %s '
        f'UNION ALL SELECT e.{columns} FROM "{table}" e JOIN tree ON e."{parent}" = tree."id") '
        f"SELECT {columns} FROM tree"
    )


def event_tree(event: Event) -> RawSQL:
    """The ids of the event and of every event inside it, at any depth, as a subquery."""
    return RawSQL(_tree_sql('"id"', "id"), (event.pk,))


def event_and_sub_events(event: Event) -> list[int]:
    """The event's id and those of every event inside it, at any depth (one query)."""
    inside = Event.objects.filter(pk__in=event_tree(event)).exclude(pk=event.pk)
    return [event.pk, *inside.values_list("pk", flat=True)]


def event_with_tree(code: str) -> tuple[Event, list[int]]:
    """The event with this code, and its id with those of every event inside it, in one query
    (raises ``Event.DoesNotExist`` like ``get``).

    The summary's statement then names the events: walking the tree inside each of its
    branches costs more than this query. Whole rows from the event down by the parent index
    (an ``IN`` over the tree's ids read every event instead)."""
    events = list(Event.objects.raw(_tree_sql("*", "code"), [code]))
    event = next((e for e in events if e.code == code), None)
    if event is None:
        raise Event.DoesNotExist(f"No event has the code {code!r}.")
    return event, sorted(e.pk for e in events)


def signed_projects(
    event: Event,
    filters: ReportFilters,
    verified: bool = True,
    tree: Sequence[int] | None = None,
) -> QuerySet:
    """The projects that count at the event, each once; with ``verified=False`` also those
    left out only because their figures are not verified. ``tree``: the ids of the event and
    of those inside it, if known (else a subquery finds them)."""
    events = event_tree(event) if tree is None else tree
    projects = Project.objects.with_counted_value().filter(signed_event__in=events)
    projects = projects.filter(filters.confirmed("contract_value_basis"))
    if verified:
        projects = projects.filter(filters.verified())
    if filters.taxonomy:  # its join repeats a project per industry: keep each project once
        matching = filters.projects(projects).values("pk")
        return Project.objects.with_counted_value().filter(pk__in=matching)
    return filters.projects(projects)


def tally(projects: QuerySet) -> Tally:
    """Count and value of ``projects`` in one query; their ids are read only when used."""
    totals = projects.aggregate(count=Count("pk"), value=Sum("counted_value"))
    return Tally(totals["count"], totals["value"] or ZERO, RowIds(projects, totals["count"]))


# The sections of the summary, each a branch of one UNION ALL statement: (kind, key, labels,
# count, value) rows.
CATEGORY, FIELD, DESTINATION = "category", "field", "destination"
DESTINATION_FIELDS = ("destination_region__code", "destination_region__name_zh",
                      "destination_region__name_en")  # fmt: skip
FIELD_FIELDS = ("industries__code", "industries__name_zh", "industries__name_en")
ON_SITE = Q(signed_on_site=True)


def _section(projects: QuerySet, kind: str, fields: tuple[str, str, str], distinct: bool):
    """One branch: count and value of ``projects`` per value of ``fields[0]``, labelled by
    ``fields[1:]`` (an empty label is filled in later). Those signed on site are counted in
    the category branch only, where the totals come from; the others leave them empty."""
    columns = {"kind": Value(kind), "key": F(fields[0])}
    for name, label in zip(("label_zh", "label_en"), fields[1:], strict=True):
        columns[name] = F(label) if label else Value("")
    on_site = {
        "on_site_n": Count("pk", filter=ON_SITE),
        "on_site_value": Sum("counted_value", filter=ON_SITE),
    }
    if kind != CATEGORY:
        on_site = {name: Value(None, IntegerField()) for name in on_site}
    return (
        projects.order_by()
        .values(**columns)
        .annotate(n=Count("pk", distinct=distinct), value=Sum("counted_value"), **on_site)
    )


def _sections(projects: QuerySet, tagged: QuerySet) -> dict[str, list[dict]]:
    """The rows of every section, largest value first within a section, in one query (one
    UNION ALL statement: the ORM has no common table expression that could share its rows)."""
    branches = [
        _section(projects, CATEGORY, ("category", "", ""), distinct=False),
        _section(projects, DESTINATION, DESTINATION_FIELDS, distinct=True),
        _section(tagged, FIELD, FIELD_FIELDS, distinct=True),
    ]
    rows = branches[0].union(*branches[1:], all=True).order_by("kind", "-value", "key")
    sections: dict[str, list[dict]] = {CATEGORY: [], DESTINATION: [], FIELD: []}
    for row in rows:
        sections[row["kind"]].append(row)
    return sections


def _totals(categories: list[dict], members: SharedRows) -> tuple[Tally, Tally, Tally]:
    """Total, on site and on site industrial: every project has one category (or none, a
    group of its own), so these are sums of the category rows the database counted."""
    industrial = next((r for r in categories if r["key"] == ProjectCategory.INDUSTRIAL), {})

    def tally_of(rows: list[dict], n: str, value: str, **where: object) -> Tally:
        count = sum(row[n] for row in rows)
        total = sum((row[value] or ZERO for row in rows), ZERO)
        return Tally(count, total, members.where(count, **where))

    return (
        tally_of(categories, "n", "value"),
        tally_of(categories, "on_site_n", "on_site_value", signed_on_site=True),
        tally_of(
            [industrial] if industrial else [],
            "on_site_n",
            "on_site_value",
            signed_on_site=True,
            category=ProjectCategory.INDUSTRIAL,
        ),
    )


def _groups(rows: list[dict], members: SharedRows, field: str) -> list[Group]:
    """A section's groups, the projects of each those whose ``field`` is its key."""
    return [
        Group(
            key=row["key"] or "",
            label_zh=row["label_zh"] or "",
            label_en=row["label_en"] or "",
            tally=Tally(
                row["n"], row["value"] or ZERO, members.where(row["n"], **{field: row["key"]})
            ),
        )
        for row in rows
    ]


def _by_category(rows: list[dict], members: SharedRows) -> list[Group]:
    """Category groups, labelled by the category's name (its code in English)."""
    labels = dict(ProjectCategory.choices)
    for row in rows:
        row["label_zh"], row["label_en"] = str(labels.get(row["key"], "")), row["key"]
    return _groups(rows, members, "category")


def event_signing_summary(
    event_code: str, filters: ReportFilters | None = None, field_taxonomy: str = ""
) -> EventSummary:
    """Signed count and value at an event, with its on-site, category, field and city subsets.

    ``field_taxonomy`` is the taxonomy whose industries are the "fields" (default: the first
    taxonomy any of the projects is tagged with, by taxonomy code). Two queries (the event
    with the events inside it, then every figure in one statement), three when unverified
    projects are left out. The projects' ids are read if a renderer uses them: two queries
    for all the figures (``SharedRows``), one for the fields, one for the rest.
    """
    filters = filters or ReportFilters()
    event, tree = event_with_tree(event_code)
    projects = signed_projects(event, filters, tree=tree)
    taxonomy = field_taxonomy or _first_taxonomy(projects)
    tagged = projects.filter(industries__taxonomy__code=taxonomy)
    sections = _sections(projects, tagged)
    members = SharedRows(projects, "category", "signed_on_site", DESTINATION_FIELDS[0])
    total, on_site, on_site_industrial = _totals(sections[CATEGORY], members)
    return EventSummary(
        event=event,
        filters=filters,
        total=total,
        on_site=on_site,
        on_site_industrial=on_site_industrial,
        by_category=_by_category(sections[CATEGORY], members),
        by_field=_groups(sections[FIELD], SharedRows(tagged, FIELD_FIELDS[0]), FIELD_FIELDS[0]),
        by_destination=_groups(sections[DESTINATION], members, DESTINATION_FIELDS[0]),
        unverified=filters.left_out(signed_projects(event, filters, False, tree), "counted_value"),
    )


def _first_taxonomy(projects: QuerySet) -> Subquery:
    """The code of the first taxonomy (by code) any of ``projects`` is tagged with, as a
    subquery of the statement that uses it."""
    codes = (
        projects.exclude(industries__isnull=True)
        .order_by("industries__taxonomy__code")
        .values("industries__taxonomy__code")[:1]
    )
    return Subquery(codes)
