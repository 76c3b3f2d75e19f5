"""Supervision: overdue follow-up actions and stale projects, per task force and per officer.

Everything is judged as of a date: an action is overdue if it was due before that day and not
done by then; a project is stale if its stage as of that day (from the stage history) has not
changed for more than ``stale_days``. Status is the project's current status (it has no
history). The counts, per task force and per officer, come from one grouped query; the rows
(hundreds of thousands at a million projects) stay ordered queries (``rows.LazyRows``), read
as a renderer iterates or slices them; a page reads each group's first rows in one query per
kind (``Supervision.first_rows``).

Besides ``ReportFilters``, two narrowings serve the web page: a destination region with the
regions below it (as the project list's region filter matches them), and one officer's own
items ("only mine": the follow-up's officer for actions, the project's for stale projects, the
same rule as the grouping by officer).
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import InitVar, dataclass, field
from functools import partial

from django.contrib.auth import get_user_model
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value

from counterpart.core.permissions import restrict
from counterpart.projects.choices import ProjectStatus, Stage
from counterpart.projects.models import FollowUp, Project, StageChange, TaskForce

from .filters import ReportFilters
from .rows import LazyRows

WATCHED_STATUSES = (ProjectStatus.ACTIVE, ProjectStatus.DELAYED)
WATCHED_STAGES = tuple(stage for stage in Stage if stage != Stage.OPERATING)


# The report's orders: most overdue first, longest in stage first (ties by id, by code).
OVERDUE_ORDER = ("next_action_due", "pk")
STALE_ORDER = ("stage_since", "code")
GROUPINGS = {  # a grouping's key field, for follow-ups and for projects
    "task_force": ("project__task_force", "task_force"),
    "officer": ("officer", "officer"),
}


@dataclass
class OverdueAction:
    """A follow-up whose next action was due before the day and not done by it."""

    follow_up_id: int
    project_id: int | None
    project_code: str
    organization_id: int | None
    next_action: str
    due: datetime.date
    days_overdue: int
    task_force_id: int | None
    officer_id: int | None


@dataclass
class StaleProject:
    """A live project whose stage has not moved for longer than the threshold."""

    project_id: int
    code: str
    name_zh: str
    status: str
    stage: str  # as of the day
    since: datetime.date  # its latest stage change on or before the day
    days_in_stage: int
    task_force_id: int | None
    officer_id: int | None


OVERDUE_FIELDS = (
    "pk",
    "project",
    "project__code",
    "organization",
    "next_action",
    "next_action_due",
    "project__task_force",
    "officer",
)
STALE_FIELDS = (
    "pk",
    "code",
    "name_zh",
    "status",
    "stage_as_of",
    "stage_since",
    "task_force",
    "officer",
)


def overdue_action(as_of, pk, project, code, organization, action, due, task_force, officer):
    """An ``OVERDUE_FIELDS`` row as an ``OverdueAction`` on ``as_of``."""
    days = (as_of - due).days
    return OverdueAction(
        pk, project, code or "", organization, action, due, days, task_force, officer
    )


def stale_project(as_of, pk, code, name, status, stage, since, task_force, officer):
    """A ``STALE_FIELDS`` row as a ``StaleProject`` on ``as_of``."""
    days = (as_of - since).days
    return StaleProject(pk, code, name, status, stage, since, days, task_force, officer)


def _ids(items: Sequence, attribute: str) -> Sequence[int]:
    """The items' ids in their order; read from the database only when used."""
    if isinstance(items, LazyRows):
        return items.ids()
    return [getattr(item, attribute) for item in items]


class _ItemIds:
    """The ids of the overdue actions and stale projects of a whole report or of one group."""

    overdue: Sequence[OverdueAction]
    stale: Sequence[StaleProject]

    @property
    def follow_up_ids(self) -> Sequence[int]:
        return _ids(self.overdue, "follow_up_id")

    @property
    def project_ids(self) -> Sequence[int]:
        return _ids(self.stale, "project_id")


@dataclass
class SupervisionGroup(_ItemIds):
    """A task force or an officer; ``key`` is "" for items without one. ``pk`` (not part of
    the result's data) is the task force's or the officer's id, None for that last group."""

    key: str  # task force code or officer username
    name_zh: str
    name_en: str
    overdue: Sequence[OverdueAction] = field(default_factory=list)
    stale: Sequence[StaleProject] = field(default_factory=list)
    pk: InitVar[int | None] = None

    def __post_init__(self, pk: int | None) -> None:
        self.pk = pk

    @property
    def overdue_count(self) -> int:
        return len(self.overdue)

    @property
    def stale_count(self) -> int:
        return len(self.stale)


@dataclass
class Supervision(_ItemIds):
    """The rows (``overdue``, ``stale``) are read from the database as a renderer iterates
    or slices them; their counts, and the groups', are the database's."""

    as_of: datetime.date
    filters: ReportFilters
    stale_days: int
    overdue: Sequence[OverdueAction]  # most overdue first
    stale: Sequence[StaleProject]  # longest in stage first
    by_task_force: list[SupervisionGroup]
    by_officer: list[SupervisionGroup]
    region_id: int | None = None  # destination region, with the regions below it
    officer_id: int | None = None  # only this officer's items

    @property
    def is_empty(self) -> bool:
        return not self.overdue and not self.stale

    def first_rows(
        self, grouping: str, limit: int, whole_up_to: int = 0
    ) -> tuple[list[OverdueAction], list[StaleProject]]:
        """The first ``limit`` overdue actions and stale projects of each group of
        ``grouping`` ("task_force", "officer"), every one of a group that has at most
        ``whole_up_to``: what a page shows, in two queries whatever the number of rows."""
        follow_up_key, project_key = GROUPINGS[grouping]
        return (
            _first_per_group(self.overdue, follow_up_key, limit, whole_up_to),
            _first_per_group(self.stale, project_key, limit, whole_up_to),
        )


def _first_per_group(rows: Sequence, key: str, limit: int, whole_up_to: int) -> list:
    if not isinstance(rows, LazyRows):  # a result made by hand: rows known already
        raise TypeError("first_rows reads a report's own rows (LazyRows).")
    return rows.first_per(key, limit, whole_up_to) if rows else []


def check_stale_days(stale_days: int) -> None:
    if isinstance(stale_days, bool) or not isinstance(stale_days, int) or stale_days < 1:
        raise ValueError(
            f"stale_days must be a whole number of days, at least 1 (got {stale_days!r})."
        )


def within_region(region_id: int, prefix: str = "") -> Q:
    """Destination ``region_id`` or a region below it (GB/T 2260: at most two levels down),
    the rule of the project list's region filter (``core.filtersets.RegionTreeFilter``)."""
    name = f"{prefix}destination_region"
    return (
        Q(**{name: region_id})
        | Q(**{f"{name}__parent": region_id})
        | Q(**{f"{name}__parent__parent": region_id})
    )


def _narrowed(
    queryset: QuerySet, prefix: str, region_id: int | None, officer_id: int | None, user=None
) -> QuerySet:
    """The page's narrowings; ``officer`` is the row's own (a follow-up's, a project's).
    With a ``user``, only the rows they may read (``core.permissions``)."""
    if user is not None:
        queryset = restrict(queryset, user)
    if region_id is not None:
        queryset = queryset.filter(within_region(region_id, prefix))
    if officer_id is not None:
        queryset = queryset.filter(officer=officer_id)
    return queryset


def overdue_follow_ups(
    as_of: datetime.date,
    filters: ReportFilters,
    *,
    region_id: int | None = None,
    officer_id: int | None = None,
    user=None,
) -> QuerySet:
    """Follow-ups whose next action was due before ``as_of`` and not done on or before it."""
    follow_ups = FollowUp.objects.filter(next_action_due__lt=as_of).filter(
        Q(next_action_done__isnull=True) | Q(next_action_done__gt=as_of)
    )
    follow_ups = _narrowed(follow_ups, "project__", region_id, officer_id, user)
    return filters.projects(follow_ups, prefix="project__")


def stale_projects(
    as_of: datetime.date,
    filters: ReportFilters,
    stale_days: int,
    *,
    region_id: int | None = None,
    officer_id: int | None = None,
    user=None,
) -> QuerySet:
    """Active or delayed projects, not yet operating, at the same stage for > ``stale_days``
    (their stage and its date as of ``as_of`` annotated: ``stage_as_of``, ``stage_since``)."""
    check_stale_days(stale_days)
    latest = StageChange.objects.filter(project=OuterRef("pk"), date__lte=as_of).order_by(
        "-date", "-id"
    )
    projects = Project.objects.annotate(
        stage_as_of=Subquery(latest.values("to_stage")[:1]),
        stage_since=Subquery(latest.values("date")[:1]),
    ).filter(
        status__in=WATCHED_STATUSES,
        stage_as_of__in=WATCHED_STAGES,
        stage_since__lt=as_of - datetime.timedelta(days=stale_days),
    )
    projects = _narrowed(projects, "", region_id, officer_id, user)
    return filters.projects(projects)


def _overdue_rows(follow_ups: QuerySet, as_of: datetime.date, count: int) -> LazyRows:
    rows = follow_ups.order_by(*OVERDUE_ORDER).values_list(*OVERDUE_FIELDS)
    return LazyRows(rows, count, partial(overdue_action, as_of))


def _stale_rows(projects: QuerySet, as_of: datetime.date, count: int) -> LazyRows:
    rows = projects.order_by(*STALE_ORDER).values_list(*STALE_FIELDS)
    return LazyRows(rows, count, partial(stale_project, as_of))


# -------------------------------------------------------------------- the counts, in one query

Counts = dict[tuple[str, int | None, int | None], int]  # (kind, task force, officer) → n


def _counted(kind: str, rows: QuerySet, task_force: str) -> QuerySet:
    return (
        rows.values(group_task_force=F(task_force), group_officer=F("officer"))
        .annotate(figure=Value(kind), n=Count("pk"))
        .values("figure", "group_task_force", "group_officer", "n")
        .order_by()
    )


def _counts(follow_ups: QuerySet, projects: QuerySet) -> Counts:
    """Overdue actions and stale projects per task force and officer together: one query."""
    rows = _counted("overdue", follow_ups, "project__task_force").union(
        _counted("stale", projects, "task_force"), all=True
    )
    return {
        (row["figure"], row["group_task_force"], row["group_officer"]): row["n"] for row in rows
    }


def _total(counts: Counts, kind: str, position: int | None = None, key=None) -> int:
    """The count of ``kind``, of one task force (``position`` 1) or officer (2) if given."""
    return sum(
        n
        for found, n in counts.items()
        if found[0] == kind and (position is None or found[position] == key)
    )


def _grouped(
    counts: Counts,
    position: int,
    rows: Callable[[str, int | None], LazyRows],
    names: dict[int, tuple[str, str, str]],
) -> list[SupervisionGroup]:
    """Groups by task force (``position`` 1) or officer (2), named from ``names``: most items
    first, "" last; each group's rows a query of its own, read only if used."""
    keys = {found[position] for found in counts}
    groups = [
        SupervisionGroup(
            *names.get(key, ("", "", "")),
            overdue=rows("overdue", key),
            stale=rows("stale", key),
            pk=key,
        )
        for key in keys
    ]
    return sorted(groups, key=lambda g: (g.key == "", -(g.overdue_count + g.stale_count), g.key))


def _task_force_names(ids: set[int]) -> dict[int, tuple[str, str, str]]:
    return {
        pk: (tf.code, tf.name_zh, tf.name_en or tf.name_zh)
        for pk, tf in TaskForce.objects.in_bulk(ids).items()
    }


def _officer_names(ids: set[int]) -> dict[int, tuple[str, str, str]]:
    """Officers by their display name (the user's ``str``), keyed by username."""
    users = get_user_model().objects.in_bulk(ids)
    return {pk: (user.get_username(), str(user), str(user)) for pk, user in users.items()}


def supervision(
    as_of: datetime.date,
    filters: ReportFilters,
    stale_days: int = 90,
    *,
    region_id: int | None = None,
    officer_id: int | None = None,
    user=None,
) -> Supervision:
    """Overdue follow-up actions and stale projects as of ``as_of``, grouped two ways.

    Follow-ups group by their project's task force and by their own officer; stale projects
    by their task force and officer. The period of ``filters`` is not used; the rest narrows
    the projects (follow-ups about an organisation only are kept when no filter is set, nor a
    region). ``region_id`` keeps projects going to that region or below it; ``officer_id``
    keeps one officer's items; ``user`` (a web request's), the rows that user may read.

    The counts come from one grouped query; the rows stay queries (``LazyRows``), read as a
    renderer reads them: the page reads a few per group (``Supervision.first_rows``).
    """
    check_stale_days(stale_days)
    narrowing = {"region_id": region_id, "officer_id": officer_id}
    follow_ups = overdue_follow_ups(as_of, filters, **narrowing, user=user)
    projects = stale_projects(as_of, filters, stale_days, **narrowing, user=user)
    counts = _counts(follow_ups, projects)
    task_forces = _task_force_names({key[1] for key in counts if key[1] is not None})
    officers = _officer_names({key[2] for key in counts if key[2] is not None})

    def group_rows(grouping: str, position: int) -> Callable[[str, int | None], LazyRows]:
        follow_up_key, project_key = GROUPINGS[grouping]

        def rows(kind: str, key: int | None) -> LazyRows:
            count = _total(counts, kind, position, key)
            if kind == "overdue":
                return _overdue_rows(follow_ups.filter(**{follow_up_key: key}), as_of, count)
            return _stale_rows(projects.filter(**{project_key: key}), as_of, count)

        return rows

    return Supervision(
        as_of=as_of,
        filters=filters,
        stale_days=stale_days,
        overdue=_overdue_rows(follow_ups, as_of, _total(counts, "overdue")),
        stale=_stale_rows(projects, as_of, _total(counts, "stale")),
        by_task_force=_grouped(counts, 1, group_rows("task_force", 1), task_forces),
        by_officer=_grouped(counts, 2, group_rows("officer", 2), officers),
        **narrowing,
    )
