"""The supervision page: overdue follow-up actions and stale projects, per task force or officer.

The figures are ``reports.supervision``'s; this module validates the request, keeps each group
to its first rows (so that the page stays small at any number of rows), names those rows in one
query per kind, and links every count to the list behind it. A list can filter follow-ups by
"overdue today", task force and officer, and projects by ids, task force, officer, stage,
status and region; where it cannot say exactly what the page counts (another day than today,
stale projects) it gets the ids, up to ``ID_LIMIT`` of them, and beyond that the nearest
filters it has, marked as approximate.
"""

from __future__ import annotations

import datetime
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
    groups = build_groups(report, scope, by_officer)
    context.update(
        {
            "report": report,
            "scope": scope,
            "by_officer": by_officer,
            "groups": groups,
            "overdue_link": follow_up_link(report.overdue, scope),
            "stale_link": project_link(report.stale, scope),
        }
    )
    return render(request, TEMPLATE, context)


# ---------------------------------------------------------------------------- groups


def build_groups(report: Supervision, scope: Scope, by_officer: bool) -> list[Group]:
    """One group per task force (or officer), in the report's order, with its first rows."""
    lang = ui_lang()
    groups = report.by_officer if by_officer else report.by_task_force
    task_forces = _group_of(report.by_task_force, "task_force_id")
    officers = _group_of(report.by_officer, "officer_id")
    shown = [(g, g.overdue[:GROUP_LIMIT], g.stale[:GROUP_LIMIT]) for g in groups]
    follow_ups = _follow_up_names([a.follow_up_id for _g, o, _s in shown for a in o])
    projects = _project_names([p.project_id for _g, _o, s in shown for p in s])

    def other(item: OverdueAction | StaleProject) -> str:
        """The other grouping's name: the officer under a task force, and the reverse."""
        group = task_forces.get(item.task_force_id) if by_officer else officers.get(item.officer_id)
        return _group_name(group, lang) if group else "—"

    result = []
    for index, (group, overdue, stale) in enumerate(shown, start=1):
        task_force_id = _first_id(group, "task_force_id") if not by_officer else None
        officer_id = _first_id(group, "officer_id") if by_officer else None
        dimension = {"task_force_id": task_force_id, "officer_id": officer_id}
        unassigned = not group.key
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
                    [_overdue_row(a, follow_ups, lang, other(a)) for a in overdue],
                    follow_up_link(group.overdue, scope, unassigned=unassigned, **dimension),
                ),
                stale=Section(
                    group.stale_count,
                    [_stale_row(p, projects, lang, other(p)) for p in stale],
                    project_link(group.stale, scope, **dimension),
                ),
            )
        )
    return result


def _group_of(groups: list[SupervisionGroup], attribute: str) -> dict[int, SupervisionGroup]:
    """Each task force (officer) id of the report's items, to its group."""
    found: dict[int, SupervisionGroup] = {}
    for group in groups:
        for item in [*group.overdue, *group.stale]:
            key = getattr(item, attribute)
            if key is not None:
                found.setdefault(key, group)
    return found


def _first_id(group: SupervisionGroup, attribute: str) -> int | None:
    items = group.overdue or group.stale
    return getattr(items[0], attribute) if items else None


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


def follow_up_link(
    actions: list[OverdueAction],
    scope: Scope,
    *,
    task_force_id: int | None = None,
    officer_id: int | None = None,
    unassigned: bool = False,
) -> Link | None:
    """The follow-up list showing ``actions``: by filters where they say exactly the same
    (overdue today, task force, officer), else by ids, else by the nearest filters."""
    if not actions:
        return None
    filters = [("overdue", "true"), *_people_and_task_force(scope, task_force_id, officer_id)]
    if scope.as_of == scope.today and scope.region is None and not unassigned:
        return Link(_url("projects:followup_list", filters), True)
    if len(actions) <= ID_LIMIT:
        return Link(_url("projects:followup_list", _ids([a.follow_up_id for a in actions])), True)
    return Link(_url("projects:followup_list", filters), False)


def project_link(
    projects: list[StaleProject],
    scope: Scope,
    *,
    task_force_id: int | None = None,
    officer_id: int | None = None,
) -> Link | None:
    """The project list showing ``projects``: by ids, or beyond ``ID_LIMIT`` by the project
    list's nearest filters (today's stage and status, task force, officer, region)."""
    if not projects:
        return None
    if len(projects) <= ID_LIMIT:
        return Link(_url("projects:project_list", _ids([p.project_id for p in projects])), True)
    params: list[tuple[str, object]] = [("status", s.value) for s in WATCHED_STATUSES]
    params += [("stage", s.value) for s in WATCHED_STAGES]
    params += _people_and_task_force(scope, task_force_id, officer_id)
    if scope.region is not None:
        params.append(("destination_region_id", scope.region.pk))
    return Link(_url("projects:project_list", params), False)
