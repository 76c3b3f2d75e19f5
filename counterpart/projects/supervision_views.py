"""The supervision page: overdue follow-up actions and stale projects, per task force or officer.

The figures are ``reports.supervision``'s; this module validates the request, reads each
group's first rows (``Supervision.first_rows``: one query per kind, so that the page stays small
and quick at any number of rows), names those rows in one query per kind, and links every count
to the list behind it. A list can filter follow-ups by "overdue today", task force and
officer, and projects by ids, task force, officer, stage, status and region; where it cannot say
exactly what the page counts (another day than today, stale projects) it gets the ids, up to
``ID_LIMIT`` of them, and beyond that the nearest filters it has, marked as approximate.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from counterpart.core.tables import ui_lang
from counterpart.core.views import home_crumb
from counterpart.geo.models import Region
from counterpart.reports.filters import ReportFilters
from counterpart.reports.supervision import (
    WATCHED_STAGES,
    WATCHED_STATUSES,
    OverdueAction,
    StaleProject,
    Supervision,
    SupervisionGroup,
)
from counterpart.reports.supervision import supervision as supervision_report

from .choices import ProjectStatus, Stage
from .models import FollowUp, Project, TaskForce
from .supervision_forms import Grouping, SupervisionForm, is_officer
from .tables import STAGE_BADGES, STATUS_BADGES

TEMPLATE = "projects/supervision.html"
# A link's rows: their ids (a sequence), or only their count where more than ID_LIMIT.
IdsOrCount = Sequence[int] | int
GROUP_LIMIT = 10  # rows of each kind shown per group; the list shows the rest
ID_LIMIT = 200  # most ids put in a list's address


@dataclass(frozen=True)
class Scope:
    """What the page was asked for, as the lists can be filtered by it."""

    as_of: datetime.date
    today: datetime.date
    task_force: TaskForce | None
    region: Region | None
    officer_id: int | None  # "only mine"


@dataclass(frozen=True)
class Link:
    url: str
    exact: bool  # False: the list shows a wider selection than the count


@dataclass
class Section:
    """The overdue actions or the stale projects of a group: the first rows and the count."""

    count: int
    rows: list[dict] = field(default_factory=list)
    link: Link | None = None

    @property
    def more(self) -> int:
        return self.count - len(self.rows)


@dataclass
class Group:
    anchor: str
    name: str
    code: str  # task force code or username; "" for the last group
    url: str  # the task force's page, if any
    overdue: Section
    stale: Section


def supervision(request: HttpRequest) -> HttpResponse:
    """Validate the form; an invalid one is shown with its errors beside the fields."""
    form = SupervisionForm(request.GET, officer=is_officer(request.user))
    title = _("Supervision")
    context = {"form": form, "title": title, "breadcrumbs": [home_crumb(), (title, None)]}
    if not form.is_valid():
        return render(request, TEMPLATE, context)
    data = form.cleaned_data
    scope = Scope(
        as_of=data["as_of"],
        today=timezone.localdate(),
        task_force=data["task_force"],
        region=data["city"],
        officer_id=request.user.pk if data.get("mine") else None,
    )
    report = supervision_report(
        scope.as_of,
        ReportFilters(task_force=scope.task_force.code if scope.task_force else ""),
        data["stale_days"],
        region_id=scope.region.pk if scope.region else None,
        officer_id=scope.officer_id,
        user=request.user,
    )
    by_officer = data["group"] == Grouping.OFFICER
    grouping = "officer" if by_officer else "task_force"
    # Every row when a kind has at most ID_LIMIT in all (each group has then at most as many).
    overdue, stale = report.first_rows(grouping, GROUP_LIMIT, whole_up_to=ID_LIMIT)
    groups = build_groups(report, scope, by_officer, overdue, stale)
    context.update(
        {
            "report": report,
            "scope": scope,
            "by_officer": by_officer,
            "groups": groups,
            "overdue_link": follow_up_link(
                _known_ids(len(report.overdue), overdue, "follow_up_id"), scope
            ),
            "stale_link": project_link(_known_ids(len(report.stale), stale, "project_id"), scope),
        }
    )
    return render(request, TEMPLATE, context)


# ---------------------------------------------------------------------------- groups


def build_groups(
    report: Supervision,
    scope: Scope,
    by_officer: bool,
    overdue: list[OverdueAction],
    stale: list[StaleProject],
) -> list[Group]:
    """One group per task force (or officer), in the report's order, with its first rows.
    ``overdue`` and ``stale`` are the rows read (``Supervision.first_rows``): the first of
    each group, and all of a group of at most ``ID_LIMIT``, for its link."""
    lang = ui_lang()
    groups = report.by_officer if by_officer else report.by_task_force
    attribute = "officer_id" if by_officer else "task_force_id"
    overdue_of, stale_of = _by_group(overdue, attribute), _by_group(stale, attribute)
    follow_ups = _follow_up_names(
        [a.follow_up_id for g in groups for a in overdue_of.get(g.pk, [])[:GROUP_LIMIT]]
    )
    projects = _project_names(
        [p.project_id for g in groups for p in stale_of.get(g.pk, [])[:GROUP_LIMIT]]
    )
    task_forces = {g.pk: g for g in report.by_task_force if g.pk is not None}
    officers = {g.pk: g for g in report.by_officer if g.pk is not None}

    def other(item: OverdueAction | StaleProject) -> str:
        """The other grouping's name: the officer under a task force, and the reverse."""
        group = task_forces.get(item.task_force_id) if by_officer else officers.get(item.officer_id)
        return _group_name(group, lang) if group else "—"

    result = []
    for index, group in enumerate(groups, start=1):
        task_force_id = None if by_officer else group.pk
        officer_id = group.pk if by_officer else None
        dimension = {"task_force_id": task_force_id, "officer_id": officer_id}
        unassigned = not group.key
        group_overdue, group_stale = overdue_of.get(group.pk, []), stale_of.get(group.pk, [])
        result.append(
            Group(
                anchor=f"group-{index}",
                name=_group_name(group, lang) or _unassigned_name(by_officer),
                code=group.key,
                url=reverse("projects:taskforce", kwargs={"pk": task_force_id})
                if task_force_id
                else "",
                overdue=Section(
                    group.overdue_count,
                    [
                        _overdue_row(a, follow_ups, lang, other(a))
                        for a in group_overdue[:GROUP_LIMIT]
                    ],
                    follow_up_link(
                        _known_ids(group.overdue_count, group_overdue, "follow_up_id"),
                        scope,
                        unassigned=unassigned,
                        **dimension,
                    ),
                ),
                stale=Section(
                    group.stale_count,
                    [_stale_row(p, projects, lang, other(p)) for p in group_stale[:GROUP_LIMIT]],
                    project_link(
                        _known_ids(group.stale_count, group_stale, "project_id"),
                        scope,
                        **dimension,
                    ),
                ),
            )
        )
    return result


def _by_group(items: list, attribute: str) -> dict[int | None, list]:
    """The items of each group (by their ``attribute``), in the report's order."""
    found: dict[int | None, list] = {}
    for item in items:
        found.setdefault(getattr(item, attribute), []).append(item)
    return found


def _known_ids(count: int, items: list, attribute: str) -> IdsOrCount:
    """The ids of a group's rows when all of them were read (at most ``ID_LIMIT``), else
    only their count: the link needs no more."""
    return [getattr(item, attribute) for item in items] if count <= ID_LIMIT else count


def _group_name(group: SupervisionGroup, lang: str) -> str:
    return (group.name_en or group.name_zh) if lang == "en" else group.name_zh


def _unassigned_name(by_officer: bool) -> str:
    return _("No officer") if by_officer else _("No task force")


def _localized(zh: str | None, en: str | None, lang: str) -> str:
    return ((en or zh) if lang == "en" else zh) or ""


def _follow_up_names(ids: list[int]) -> dict[int, tuple]:
    """(project zh, en, organisation zh, en) of the follow-ups shown: one query."""
    rows = (
        FollowUp.objects.filter(pk__in=ids)
        .order_by()
        .values_list(
            "pk",
            "project__name_zh",
            "project__name_en",
            "organization__name_zh",
            "organization__name_en",
        )
    )
    return {pk: rest for pk, *rest in rows}


def _project_names(ids: list[int]) -> dict[int, tuple[str, str]]:
    """(zh, en) names of the stale projects shown: one query."""
    rows = Project.objects.filter(pk__in=ids).order_by().values_list("pk", "name_zh", "name_en")
    return {pk: (zh, en) for pk, zh, en in rows}


def _overdue_row(action: OverdueAction, names: dict[int, tuple], lang: str, other: str) -> dict:
    project_zh, project_en, organization_zh, organization_en = names.get(
        action.follow_up_id, ("", "", "", "")
    )
    if action.project_id:
        subject = _localized(project_zh, project_en, lang)
        subject_url = reverse("projects:project", kwargs={"pk": action.project_id})
    else:
        subject = _localized(organization_zh, organization_en, lang)
        subject_url = (
            reverse("organizations:organization", kwargs={"pk": action.organization_id})
            if action.organization_id
            else ""
        )
    return {
        "item": action,
        "code": action.project_code,
        "subject": subject,
        "subject_url": subject_url,
        "url": reverse("projects:followup", kwargs={"pk": action.follow_up_id}),
        "other": other,
    }


def _stale_row(
    project: StaleProject, names: dict[int, tuple[str, str]], lang: str, other: str
) -> dict:
    zh, en = names.get(project.project_id, (project.name_zh, ""))
    return {
        "item": project,
        "name": _localized(zh, en, lang),
        "url": reverse("projects:project", kwargs={"pk": project.project_id}),
        "stage": Stage(project.stage).label,
        "stage_badge": STAGE_BADGES.get(project.stage, "secondary"),
        "status": ProjectStatus(project.status).label,
        "status_badge": STATUS_BADGES.get(project.status, "secondary"),
        "other": other,
    }


# ---------------------------------------------------------------------------- links


def _url(name: str, params: list[tuple[str, object]]) -> str:
    return f"{reverse(name)}?{urlencode(params, safe=',')}"


def _ids(pks: list[int]) -> list[tuple[str, object]]:
    return [("id", ",".join(str(pk) for pk in sorted(pks)))]


def _people_and_task_force(
    scope: Scope, task_force_id: int | None, officer_id: int | None
) -> list[tuple[str, object]]:
    params: list[tuple[str, object]] = []
    task_force_id = task_force_id or (scope.task_force.pk if scope.task_force else None)
    if task_force_id:
        params.append(("task_force_id", task_force_id))
    officer_id = officer_id or scope.officer_id
    if officer_id:
        params.append(("officer_id", officer_id))
    return params


def _link_ids(rows: IdsOrCount) -> list[int] | None:
    """The ids when they are few enough for an address (``ID_LIMIT``), else None."""
    if isinstance(rows, int):
        return None
    if len(rows) > ID_LIMIT:
        return None
    return list(rows)


def follow_up_link(
    actions: IdsOrCount,
    scope: Scope,
    *,
    task_force_id: int | None = None,
    officer_id: int | None = None,
    unassigned: bool = False,
) -> Link | None:
    """The follow-up list showing ``actions`` (their ids, or only their count when there are
    more than ``ID_LIMIT``): by filters where they say exactly the same (overdue today, task
    force, officer), else by ids, else by the nearest filters."""
    if not actions:
        return None
    filters = [("overdue", "true"), *_people_and_task_force(scope, task_force_id, officer_id)]
    if scope.as_of == scope.today and scope.region is None and not unassigned:
        return Link(_url("projects:followup_list", filters), True)
    ids = _link_ids(actions)
    if ids is not None:
        return Link(_url("projects:followup_list", _ids(ids)), True)
    return Link(_url("projects:followup_list", filters), False)


def project_link(
    projects: IdsOrCount,
    scope: Scope,
    *,
    task_force_id: int | None = None,
    officer_id: int | None = None,
) -> Link | None:
    """The project list showing ``projects`` (their ids, or only their count): by ids, or
    beyond ``ID_LIMIT`` by the project list's nearest filters (today's stage and status, task
    force, officer, region)."""
    if not projects:
        return None
    ids = _link_ids(projects)
    if ids is not None:
        return Link(_url("projects:project_list", _ids(ids)), True)
    params: list[tuple[str, object]] = [("status", s.value) for s in WATCHED_STATUSES]
    params += [("stage", s.value) for s in WATCHED_STAGES]
    params += _people_and_task_force(scope, task_force_id, officer_id)
    if scope.region is not None:
        params.append(("destination_region_id", scope.region.pk))
    return Link(_url("projects:project_list", params), False)
