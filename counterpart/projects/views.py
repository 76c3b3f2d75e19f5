from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Prefetch, Sum
from django.forms import inlineformset_factory
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views import View

from counterpart.core.permissions import Action, can, restrict
from counterpart.core.tables import localized
from counterpart.core.views import (
    Inline,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    count_of,
    describe,
    filter_chips,
    hidden_filters,
    home_crumb,
    is_htmx,
    list_url,
    model_crumb,
    object_url,
    prepare_form,
    related_table,
    safe_return_url,
)

from . import board
from .choices import Stage
from .filtersets import (
    BoardFilterSet,
    FollowUpFilterSet,
    FundsInPlaceFilterSet,
    ProjectFilterSet,
    TaskForceFilterSet,
)
from .forms import (
    FollowUpForm,
    FundsInPlaceForm,
    ProjectEditForm,
    ProjectMoveForm,
    TaskForceCityForm,
    TaskForceForm,
)
from .models import STAGE_DATE_FIELDS, FollowUp, FundsInPlace, Project, TaskForce, TaskForceCity
from .services import change_stage
from .tables import FollowUpTable, FundsInPlaceTable, ProjectTable, TaskForceTable

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
FUNDS = FundsInPlace.objects.select_related(
    "project", "source_region", "project__destination_region", "project__task_force"
).order_by("-month", "project__code", "source_region__code")
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
            request=request,
        )
        extensions = related_table(
            _("Expansions and capital increases of this project"),
            ProjectTable,
            PROJECTS.filter(extends=obj),
            request=request,
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
            "funds_list_url": list_url(FundsInPlace, project_id=obj.pk),
            "funds_add_url": (
                f"{reverse('projects:fundsinplace_add')}?"
                f"{urlencode({'project': obj.code, 'return_url': request.get_full_path()})}"
                if can(request.user, Action.ADD, FundsInPlace(project=obj))
                else None
            ),
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
                    request=request,
                ),
                related_table(
                    _("Follow-ups"),
                    FollowUpTable,
                    FOLLOW_UPS.filter(project__task_force=obj),
                    list_params={"task_force_id": obj.pk},
                    request=request,
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


# ---------------------------------------------------------------------------- funds in place


class FundsInPlaceListView(ObjectListView):
    queryset = FUNDS
    filterset_class = FundsInPlaceFilterSet
    table_class = FundsInPlaceTable


def funds_label(obj: FundsInPlace) -> str:
    """What a row is known by on its page, as "HLJ-2023-0001 · 2023-04 · 深圳市" (its ``str``
    shows the raw amount)."""
    return f"{obj.project.code} · {obj.month:%Y-%m} · {localized(obj.source_region)}"


class FundsInPlaceDetailView(ObjectDetailView):
    queryset = FUNDS

    def get_extra_context(self, request, obj):
        fields = describe(obj, ("project", "month"))
        fields[1] = (fields[1][0], f"{obj.month:%Y-%m}")
        project = obj.project
        label = funds_label(obj)
        return {
            "title": label,
            "breadcrumbs": [home_crumb(), model_crumb(FundsInPlace), (label, None)],
            "fields": [
                *fields,
                *describe(obj, ("source_region", "amount", "amount_basis"), money=("amount",)),
                *describe(project, ("destination_region", "task_force")),
                *describe(obj, ("note", "is_sample")),
            ],
        }


class FundsInPlaceEditView(ObjectEditView):
    queryset = FundsInPlace.objects.select_related("project")
    form_class = FundsInPlaceForm


class FundsInPlaceDeleteView(ObjectDeleteView):
    queryset = FundsInPlace.objects.select_related("project")


# ---------------------------------------------------------------------------- pipeline board


class BoardView(View):
    """Projects as cards in stage columns, filtered like the project list."""

    template_name = "projects/board.html"

    def get(self, request):
        filterset = BoardFilterSet(
            request.GET, queryset=restrict(Project.objects.all(), request.user), request=request
        )
        invalid = not filterset.is_valid()
        order = request.GET.get("order", board.DEFAULT_ORDER)
        if order not in board.ORDERS:
            order = board.DEFAULT_ORDER
        columns = board.board(
            filterset.queryset.none() if invalid else filterset.qs,
            order=order,
            today=timezone.localdate(),
        )
        # The list behind the board: its filters, with the statuses the board shows by default.
        query = filterset.data.copy()
        for key in ("order", "page"):
            query.pop(key, None)
        kept = request.GET.copy()  # what the order form sends along
        kept.pop("order", None)
        title = _("Pipeline board")
        return render(
            request,
            self.template_name,
            {
                "title": title,
                "columns": columns,
                "total": sum(c.count for c in columns),
                "filterset": filterset,
                "shown_filters": [filterset.form[n] for n in filterset.shown_filter_names()],
                "hidden_filters": hidden_filters(request, filterset),
                "active_filters": filter_chips(request, filterset),
                "default_status": not request.GET.getlist("status"),
                "invalid_filters": invalid,
                "orders": [(key, label) for key, (label, _o) in board.ORDERS.items()],
                "order": order,
                "kept_query": kept,
                "list_query": query,
                "can_move": can(request.user, Action.CHANGE, Project),
                "return_url": request.get_full_path(),
                "breadcrumbs": [home_crumb(), model_crumb(Project), (title, None)],
            },
        )


class ProjectMoveView(View):
    """Move one project to another stage (from its board card, its page, or this page alone).

    GET shows the form for the stage asked for (``?stage=``, by default the next one); POST
    records the move through ``services.change_stage``. An htmx request gets the form alone,
    for the board's dialog.
    """

    def get_project(self, request, pk) -> Project:
        """The project, if the user may read it (else 404) and change it (else 403)."""
        if not can(request.user, Action.CHANGE, Project):
            raise PermissionDenied
        project = get_object_or_404(
            restrict(Project.objects.select_related("destination_region"), request.user), pk=pk
        )
        if not can(request.user, Action.CHANGE, project):
            raise PermissionDenied
        return project

    def get(self, request, pk):
        project = self.get_project(request, pk)
        # Asking again for another stage keeps what was typed (the date and the note).
        initial = {name: request.GET[name] for name in ("date", "note") if request.GET.get(name)}
        initial["stage"] = request.GET.get("stage") or next_stage(project.stage)
        return self.render_form(request, project, self.make_form(project, initial=initial))

    def post(self, request, pk):
        project = self.get_project(request, pk)
        form = self.make_form(project, data=request.POST)
        if form.is_valid():
            try:
                change_stage(
                    project,
                    form.cleaned_data["stage"],
                    form.cleaned_data["date"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                    values=form.values(),
                )
            except ValidationError as error:
                add_move_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Moved “%(project)s” to “%(stage)s”.")
                    % {"project": project, "stage": project.get_stage_display()},
                )
                target = safe_return_url(request, None) or object_url(project)
                if is_htmx(request):
                    return HttpResponse(status=204, headers={"HX-Redirect": target})
                return HttpResponseRedirect(target)
        return self.render_form(request, project, form)

    @staticmethod
    def make_form(project: Project, data=None, initial=None) -> ProjectMoveForm:
        form = ProjectMoveForm(data, project=project, today=timezone.localdate(), initial=initial)
        return prepare_form(form, model=Project)

    def render_form(self, request, project, form):
        title = _("Move “%(project)s”") % {"project": project}
        context = {
            "title": title,
            "project": project,
            "form": form,
            "return_url": safe_return_url(request, None) or "",
            "cancel_url": safe_return_url(request, None) or object_url(project),
            "breadcrumbs": [
                home_crumb(),
                model_crumb(Project),
                (str(project), object_url(project)),
                (_("Move"), None),
            ],
        }
        template = "projects/includes/move_form.html" if is_htmx(request) else "projects/move.html"
        return render(request, template, context)


def next_stage(stage: str) -> str:
    """The stage after ``stage`` (the one before, from the last)."""
    stages = list(Stage)
    index = stages.index(Stage(stage))
    return stages[index + 1 if index + 1 < len(stages) else index - 1].value


def add_move_errors(form, error: ValidationError) -> None:
    """Put the model's errors beside the move form's fields.

    The target stage's date field is filled from the move's date, so its errors belong there;
    an error on a field the form does not show names that field.
    """
    own_date = STAGE_DATE_FIELDS.get(form.cleaned_data.get("stage"))
    for name, messages_ in error.message_dict.items():
        if name == own_date:
            name = "date"
        if name in form.fields:
            form.add_error(name, messages_)
        else:
            prefix = ""
            if name != NON_FIELD_ERRORS:
                prefix = f"{capfirst(Project._meta.get_field(name).verbose_name)}: "
            form.add_error(None, [prefix + message for message in messages_])
