from django.db.models import Prefetch, Sum
from django.forms import inlineformset_factory
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from counterpart.core.views import (
    Inline,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    count_of,
    describe,
    related_table,
)

from .filtersets import FollowUpFilterSet, ProjectFilterSet, TaskForceFilterSet
from .forms import FollowUpForm, ProjectEditForm, TaskForceCityForm, TaskForceForm
from .models import FollowUp, FundsInPlace, Project, TaskForce, TaskForceCity
from .tables import FollowUpTable, ProjectTable, TaskForceTable

# What a project row shows, fetched in a fixed number of queries whatever the number of rows.
PROJECTS = (
    Project.objects.with_counted_value()
    .select_related(
        "source_region",
        "destination_region",
        "zone",
        "task_force",
        "signed_event",
        "officer",
    )
    .prefetch_related("investors", "industries")
)
FOLLOW_UPS = FollowUp.objects.select_related("project", "organization", "contact", "officer")
TASK_FORCES = (
    TaskForce.objects.select_related("lead_unit")
    .prefetch_related(Prefetch("cities", TaskForceCity.objects.select_related("city", "officer")))
    .annotate(
        member_count=count_of(TaskForce.members.through.objects.all(), "taskforce"),
        project_count=count_of(Project.objects.all(), "task_force"),
    )
)


# ---------------------------------------------------------------------------- projects


class ProjectListView(ObjectListView):
    queryset = PROJECTS
    filterset_class = ProjectFilterSet
    table_class = ProjectTable


class ProjectDetailView(ObjectDetailView):
    queryset = PROJECTS.select_related("extends").prefetch_related("later_signing_events")

    def get_extra_context(self, request, obj):
        funds = list(
            FundsInPlace.objects.filter(project=obj)
            .select_related("source_region")
            .order_by("month", "source_region__code")
        )
        stages = list(obj.stage_changes.select_related("user").order_by("date", "id"))
        follow_ups = related_table(
            _("Follow-ups"),
            FollowUpTable,
            FOLLOW_UPS.filter(project=obj),
            list_params={"project_id": obj.pk},
            add_url=f"{reverse('projects:followup_add')}?project={obj.pk}",
            exclude=("project",),
        )
        extensions = related_table(
            _("Expansions and capital increases of this project"),
            ProjectTable,
            PROJECTS.filter(extends=obj),
        )
        return {
            "fields": describe(
                obj,
                (
                    "code",
                    "name_zh",
                    "name_en",
                    "project_type",
                    "extends",
                    "category",
                    "stage",
                    "status",
                    "status_reason",
                    "investors",
                    "source_region",
                    "destination_region",
                    "zone",
                    "industries",
                ),
            ),
            "money_fields": describe(
                obj,
                (
                    "contract_value",
                    "contract_value_basis",
                    "original_currency",
                    "original_amount",
                    "exchange_rate",
                    "exchange_rate_date",
                    "planned_investment",
                    "planned_investment_basis",
                ),
                money=("contract_value", "planned_investment"),
            ),
            "progress_fields": describe(
                obj,
                (
                    "signed_date",
                    "signed_event",
                    "signed_on_site",
                    "later_signing_events",
                    "start_date",
                    "operating_date",
                    "task_force",
                    "officer",
                    "expected_jobs",
                    "notes",
                    "is_sample",
                ),
            ),
            "stages": stages,
            "funds": funds,
            "funds_total": sum((f.amount for f in funds), start=0) if funds else None,
            "related": [follow_ups, *([extensions] if extensions["count"] else [])],
        }


class ProjectEditView(ObjectEditView):
    queryset = Project.objects.all()
    form_class = ProjectEditForm

    def before_save(self, request, obj, form):
        # Attribute the StageChange that Project.save() writes to the person saving.
        obj.pending_stage_change = {"user": request.user}


class ProjectDeleteView(ObjectDeleteView):
    queryset = Project.objects.all()


# ---------------------------------------------------------------------------- task forces


class TaskForceListView(ObjectListView):
    queryset = TASK_FORCES
    filterset_class = TaskForceFilterSet
    table_class = TaskForceTable


class TaskForceDetailView(ObjectDetailView):
    queryset = TASK_FORCES.prefetch_related("members")

    def get_extra_context(self, request, obj):
        projects = PROJECTS.filter(task_force=obj)
        totals = projects.order_by().aggregate(value=Sum("contract_value"))
        return {
            "fields": describe(
                obj, ("code", "name_zh", "name_en", "lead_unit", "established", "notes")
            ),
            "cities": list(obj.cities.all()),
            "counterpart_cities": list(obj.counterpart_cities().order_by("code")),
            "members": list(obj.members.all()),
            "contract_total": totals["value"],
            "related": [
                related_table(
                    _("Projects"),
                    ProjectTable,
                    projects,
                    list_params={"task_force_id": obj.pk},
                    exclude=("task_force",),
                ),
                related_table(
                    _("Follow-ups"),
                    FollowUpTable,
                    FOLLOW_UPS.filter(project__task_force=obj),
                    list_params={"task_force_id": obj.pk},
                ),
            ],
        }


TaskForceCityFormSet = inlineformset_factory(
    TaskForce, TaskForceCity, form=TaskForceCityForm, extra=2, can_delete=True
)


class TaskForceEditView(ObjectEditView):
    queryset = TaskForce.objects.all()
    form_class = TaskForceForm
    inlines = (Inline("cities", _("Cities covered and their officers"), TaskForceCityFormSet),)


class TaskForceDeleteView(ObjectDeleteView):
    queryset = TaskForce.objects.all()


# ---------------------------------------------------------------------------- follow-ups


class FollowUpListView(ObjectListView):
    queryset = FOLLOW_UPS
    filterset_class = FollowUpFilterSet
    table_class = FollowUpTable


class FollowUpDetailView(ObjectDetailView):
    queryset = FOLLOW_UPS

    def get_extra_context(self, request, obj):
        return {
            "fields": describe(
                obj,
                (
                    "date",
                    "kind",
                    "project",
                    "organization",
                    "contact",
                    "officer",
                    "summary",
                    "next_action",
                    "next_action_due",
                    "next_action_done",
                    "is_sample",
                ),
            )
        }


class FollowUpEditView(ObjectEditView):
    queryset = FollowUp.objects.all()
    form_class = FollowUpForm


class FollowUpDeleteView(ObjectDeleteView):
    queryset = FollowUp.objects.all()
