"""Supervision: overdue follow-up actions and stale projects, per task force and per officer.

Everything is judged as of a date: an action is overdue if it was due before that day and not
done by then; a project is stale if its stage as of that day (from the stage history) has not
changed for more than ``stale_days``. Status is the project's current status (it has no
history). Rows are fetched in a constant number of queries and grouped in Python.

Besides ``ReportFilters``, two narrowings serve the web page: a destination region with the
regions below it (as the project list's region filter matches them), and one officer's own
items ("only mine": the follow-up's officer for actions, the project's for stale projects, the
same rule as the grouping by officer).
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, QuerySet, Subquery

from counterpart.core.permissions import restrict
from counterpart.projects.choices import ProjectStatus, Stage
from counterpart.projects.models import FollowUp, Project, StageChange, TaskForce

from .filters import ReportFilters

WATCHED_STATUSES = (ProjectStatus.ACTIVE, ProjectStatus.DELAYED)
WATCHED_STAGES = tuple(stage for stage in Stage if stage != Stage.OPERATING)


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


@dataclass
class SupervisionGroup:
    """A task force or an officer; ``key`` is "" for items without one."""

    key: str  # task force code or officer username
    name_zh: str
    name_en: str
    overdue: list[OverdueAction] = field(default_factory=list)
    stale: list[StaleProject] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return len(self.overdue)

    @property
    def stale_count(self) -> int:
        return len(self.stale)

    @property
    def follow_up_ids(self) -> list[int]:
        return [item.follow_up_id for item in self.overdue]

    @property
    def project_ids(self) -> list[int]:
        return [item.project_id for item in self.stale]


@dataclass
class Supervision:
    as_of: datetime.date
    filters: ReportFilters
    stale_days: int
    overdue: list[OverdueAction]  # most overdue first
    stale: list[StaleProject]  # longest in stage first
    by_task_force: list[SupervisionGroup]
    by_officer: list[SupervisionGroup]
    region_id: int | None = None  # destination region, with the regions below it
    officer_id: int | None = None  # only this officer's items

    @property
    def is_empty(self) -> bool:
        return not self.overdue and not self.stale


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


def overdue_actions(
    as_of: datetime.date,
    filters: ReportFilters,
    *,
    region_id: int | None = None,
    officer_id: int | None = None,
    user=None,
) -> list[OverdueAction]:
    """Next actions due before ``as_of`` and not done on or before it."""
    follow_ups = FollowUp.objects.filter(next_action_due__lt=as_of).filter(
        Q(next_action_done__isnull=True) | Q(next_action_done__gt=as_of)
    )
    follow_ups = _narrowed(follow_ups, "project__", region_id, officer_id, user)
    rows = filters.projects(follow_ups, prefix="project__").values_list(
        "pk",
        "project",
        "project__code",
        "organization",
        "next_action",
        "next_action_due",
        "project__task_force",
        "officer",
    )
    actions = [
        OverdueAction(pk, project, code or "", org, action, due, (as_of - due).days, tf, officer)
        for pk, project, code, org, action, due, tf, officer in rows
    ]
    return sorted(actions, key=lambda a: (-a.days_overdue, a.follow_up_id))


def stale_projects(
    as_of: datetime.date,
    filters: ReportFilters,
    stale_days: int,
    *,
    region_id: int | None = None,
    officer_id: int | None = None,
    user=None,
) -> list[StaleProject]:
    """Active or delayed projects, not yet operating, at the same stage for > ``stale_days``."""
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
    rows = filters.projects(projects).values_list(
        "pk", "code", "name_zh", "status", "stage_as_of", "stage_since", "task_force", "officer"
    )
    stale = [
        StaleProject(pk, code, name, status, stage, since, (as_of - since).days, tf, officer)
        for pk, code, name, status, stage, since, tf, officer in rows
    ]
    return sorted(stale, key=lambda p: (-p.days_in_stage, p.code))


def _grouped(
    overdue: list[OverdueAction],
    stale: list[StaleProject],
    attribute: str,
    names: dict[int, tuple[str, str, str]],
) -> list[SupervisionGroup]:
    """Groups by ``attribute`` (an id), named from ``names``: most items first, "" last."""
    groups: dict[int | None, SupervisionGroup] = {}

    def group(key: int | None) -> SupervisionGroup:
        if key not in groups:
            groups[key] = SupervisionGroup(*names.get(key, ("", "", "")))
        return groups[key]

    for action in overdue:
        group(getattr(action, attribute)).overdue.append(action)
    for project in stale:
        group(getattr(project, attribute)).stale.append(project)
    return sorted(
        groups.values(),
        key=lambda g: (g.key == "", -(g.overdue_count + g.stale_count), g.key),
    )


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
    """
    check_stale_days(stale_days)
    narrowing = {"region_id": region_id, "officer_id": officer_id}
    overdue = overdue_actions(as_of, filters, **narrowing, user=user)
    stale = stale_projects(as_of, filters, stale_days, **narrowing, user=user)
    items = [*overdue, *stale]
    task_forces = _task_force_names({i.task_force_id for i in items if i.task_force_id})
    officers = _officer_names({i.officer_id for i in items if i.officer_id})
    return Supervision(
        as_of=as_of,
        filters=filters,
        stale_days=stale_days,
        overdue=overdue,
        stale=stale,
        by_task_force=_grouped(overdue, stale, "task_force_id", task_forces),
        by_officer=_grouped(overdue, stale, "officer_id", officers),
        **narrowing,
    )
