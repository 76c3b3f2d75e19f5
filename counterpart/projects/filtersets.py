"""Filters of the project, task-force, follow-up and funds lists (and, later, of the API)."""

import django_filters as filters
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from counterpart.core.choices import MoneyBasis
from counterpart.core.filtersets import (
    BaseFilterSet,
    CheckboxSelectMultiple,
    CodeFilter,
    VerifiedFilter,
    YesNoFilter,
    by_code_and_id,
    date_filter,
)
from counterpart.core.widgets import SearchSelectMultiple
from counterpart.events.models import Event
from counterpart.geo.filtersets import named_regions
from counterpart.geo.models import Pairing, Zone
from counterpart.industries.filtersets import IndustryFilter
from counterpart.industries.models import Taxonomy
from counterpart.organizations.filtersets import organizations_matching as matching_organizations
from counterpart.organizations.models import Organization
from counterpart.reports.filters import pairing_condition

from .choices import FollowUpKind, ProjectCategory, ProjectStatus, ProjectType, Stage
from .forms import MONTH_FORMAT, MonthField
from .models import FollowUp, FundsInPlace, Project, StageChange, TaskForce, TaskForceCity


def organizations_matching(term: str):
    """Ids of organisations whose names, credit code or an alias contain ``term``."""
    return Organization.objects.filter(matching_organizations(term)).values("pk")


class ProjectFilterSet(BaseFilterSet):
    search_fields = ("code", "name_zh", "name_en")

    stage = filters.MultipleChoiceFilter(
        choices=Stage.choices, label=_("stage"), widget=CheckboxSelectMultiple
    )
    status = filters.MultipleChoiceFilter(
        choices=ProjectStatus.choices, label=_("status"), widget=CheckboxSelectMultiple
    )
    project_type = filters.MultipleChoiceFilter(choices=ProjectType.choices, label=_("type"))
    category = filters.MultipleChoiceFilter(choices=ProjectCategory.choices, label=_("category"))
    destination_region_id, destination_region = by_code_and_id(
        "destination_region", named_regions(), _("destination (city or province)"), tree=True
    )
    source_region_id, source_region = by_code_and_id(
        "source_region", named_regions(), _("source (city or province)"), tree=True
    )
    zone_id = filters.ModelMultipleChoiceFilter(
        field_name="zone", queryset=Zone.objects.all(), label=_("zone")
    )
    task_force_id, task_force = by_code_and_id(
        "task_force", TaskForce.objects.all(), _("task force")
    )
    industry_id = IndustryFilter(field_name="industries", label=_("industry"))
    taxonomy = CodeFilter(
        field_name="industries__taxonomy__code",
        queryset=Taxonomy.objects.all(),
        to_field_name="code",
        label=_("industry system"),
        distinct=True,
    )
    signed_event_id, signed_event = by_code_and_id(
        "signed_event",
        Event.objects.filter(signed_projects__isnull=False).distinct(),
        _("signed at"),
        search_url="api:events:event-list",
    )
    investor_id = filters.ModelMultipleChoiceFilter(
        field_name="investors",
        queryset=Organization.objects.all(),
        label=_("investor"),
        distinct=True,
        widget=SearchSelectMultiple("api:organizations:organization-list"),
    )
    officer_id = filters.ModelMultipleChoiceFilter(
        field_name="officer", queryset=get_user_model().objects.all(), label=_("officer")
    )
    signed_after = date_filter("signed_date", "gte", _("signed on or after"))
    signed_before = date_filter("signed_date", "lte", _("signed on or before"))
    contract_value_min = filters.NumberFilter(
        field_name="contract_value", lookup_expr="gte", label=_("contract value at least (yuan)")
    )
    contract_value_max = filters.NumberFilter(
        field_name="contract_value", lookup_expr="lte", label=_("contract value at most (yuan)")
    )
    signed_on_site = YesNoFilter(label=_("signed on site"))
    verified = VerifiedFilter(label=_("signing figures verified"))
    is_sample = YesNoFilter(label=_("sample"))
    pairing = filters.CharFilter(method="filter_pairing", label=_("pairing (code)"))

    form_filters = (
        "destination_region_id",
        "source_region_id",
        "stage",
        "status",
        "task_force_id",
        "industry_id",
        "signed_event_id",
        "signed_after",
        "signed_before",
        "contract_value_min",
        "contract_value_max",
        "project_type",
        "category",
        "signed_on_site",
        "verified",
        "is_sample",
    )

    class Meta:
        model = Project
        fields = ()

    def filter_pairing(self, queryset, name, value):
        """Projects of a city pairing, by the rule the reports count them with."""
        pairing = Pairing.objects.filter(code=value).first()
        return queryset.filter(pairing_condition(pairing)) if pairing else queryset.none()

    def search_q(self, term):
        return super().search_q(term) | Q(
            pk__in=Project.investors.through.objects.filter(
                organization__in=organizations_matching(term)
            ).values("project")
        )


class BoardFilterSet(ProjectFilterSet):
    """The pipeline board's filters: the project list's, with a shorter form.

    Without a status the board shows the projects still in play (not dropped).
    """

    LIVE_STATUSES = (ProjectStatus.ACTIVE, ProjectStatus.DELAYED, ProjectStatus.DORMANT)

    form_filters = ("destination_region_id", "task_force_id", "industry_id", "status")

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.getlist("status"):
            data = data.copy()
            data.setlist("status", [s.value for s in self.LIVE_STATUSES])
        super().__init__(data, *args, **kwargs)


class TaskForceFilterSet(BaseFilterSet):
    search_fields = ("code", "name_zh", "name_en")

    city_id, city = by_code_and_id(
        "cities__city", named_regions(), _("city covered"), distinct=True
    )
    member_id = filters.ModelMultipleChoiceFilter(
        field_name="members",
        queryset=get_user_model().objects.all(),
        label=_("member"),
        distinct=True,
    )

    form_filters = ("city_id",)

    class Meta:
        model = TaskForce
        fields = ()

    def search_q(self, term):
        cities = TaskForceCity.objects.filter(
            Q(city__name_zh__icontains=term) | Q(city__name_en__icontains=term)
        )
        return super().search_q(term) | Q(pk__in=cities.values("task_force"))


class FollowUpFilterSet(BaseFilterSet):
    search_fields = ("summary", "next_action", "project__code", "project__name_zh")

    project_id = filters.NumberFilter(field_name="project", label=_("project"))
    project = filters.CharFilter(field_name="project__code", label=_("project code"))
    organization_id = filters.NumberFilter(field_name="organization", label=_("organisation"))
    kind = filters.MultipleChoiceFilter(
        choices=FollowUpKind.choices, label=_("kind"), widget=CheckboxSelectMultiple
    )
    officer_id = filters.ModelMultipleChoiceFilter(
        field_name="officer", queryset=get_user_model().objects.all(), label=_("officer")
    )
    task_force_id, task_force = by_code_and_id(
        "project__task_force", TaskForce.objects.all(), _("task force")
    )
    date_after = date_filter("date", "gte", _("on or after"))
    date_before = date_filter("date", "lte", _("on or before"))
    overdue = YesNoFilter(method="filter_overdue", label=_("next action overdue"))
    is_sample = YesNoFilter(label=_("sample"))

    form_filters = (
        "task_force_id",
        "kind",
        "officer_id",
        "date_after",
        "date_before",
        "overdue",
        "is_sample",
    )

    class Meta:
        model = FollowUp
        fields = ()

    def search_q(self, term):
        return super().search_q(term) | Q(organization__in=organizations_matching(term))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Q(next_action_due__lt=timezone.localdate(), next_action_done__isnull=True)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class MonthFilter(filters.DateFilter):
    """A month as its first day: ``2023-04`` and ``2023-04-30`` both mean April 2023."""

    field_class = MonthField


class FundsInPlaceFilterSet(BaseFilterSet):
    """Funds in place, filtered so that each figure of the dashboard and of the capital report
    can be opened as its rows: by month, by the source region's tree (a province matches its
    cities), by the project's destination, task force and pairing (the reports' rule), by basis.
    """

    search_fields = (
        "project__code",
        "project__name_zh",
        "project__name_en",
        "source_region__name_zh",
        "source_region__name_en",
    )

    project_id = filters.NumberFilter(field_name="project", label=_("project"))
    project = filters.CharFilter(field_name="project__code", label=_("project code"))
    month_after = MonthFilter(field_name="month", lookup_expr="gte", label=_("from (month)"))
    month_before = MonthFilter(field_name="month", lookup_expr="lte", label=_("to (month)"))
    source_region_id, source_region = by_code_and_id(
        "source_region", named_regions(), _("source (city or province)"), tree=True
    )
    destination_region_id, destination_region = by_code_and_id(
        "project__destination_region",
        named_regions(),
        _("destination (city or province)"),
        tree=True,
    )
    task_force_id, task_force = by_code_and_id(
        "project__task_force", TaskForce.objects.all(), _("task force")
    )
    amount_basis = filters.MultipleChoiceFilter(
        choices=MoneyBasis.choices, label=_("amount basis"), widget=CheckboxSelectMultiple
    )
    pairing = filters.CharFilter(method="filter_pairing", label=_("pairing (code)"))
    verified = VerifiedFilter()
    is_sample = YesNoFilter(label=_("sample"))

    form_filters = (
        "month_after",
        "month_before",
        "source_region_id",
        "destination_region_id",
        "task_force_id",
        "project",
        "amount_basis",
        "verified",
        "is_sample",
    )

    class Meta:
        model = FundsInPlace
        fields = ()

    def filter_pairing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Funds of a city pairing's projects: the rule the capital report and the dashboard
        scope funds with (``ReportFilters.projects(..., prefix="project__")``)."""
        pairing = Pairing.objects.filter(code=value).first()
        if pairing is None:
            return queryset.none()
        return queryset.filter(pairing_condition(pairing, prefix="project__"))

    def active_filters(self) -> list[tuple[str, str, str]]:
        """Months are shown as months (2023-04), not as their first day."""
        months = {"month_after", "month_before"}
        return [
            (name, label, self.form.cleaned_data[name].strftime(MONTH_FORMAT))
            if name in months
            else (name, label, value)
            for name, label, value in super().active_filters()
        ]


class TaskForceCityFilterSet(BaseFilterSet):
    search_fields = ("city__name_zh", "city__name_en", "task_force__name_zh")

    task_force_id, task_force = by_code_and_id(
        "task_force", TaskForce.objects.all(), _("task force")
    )
    city_id, city = by_code_and_id("city", named_regions(), _("city"))
    officer_id = filters.NumberFilter(field_name="officer", label=_("officer"))

    class Meta:
        model = TaskForceCity
        fields = ()


class StageChangeFilterSet(BaseFilterSet):
    search_fields = ("note", "project__code", "project__name_zh")

    project_id = filters.NumberFilter(field_name="project", label=_("project"))
    project = filters.CharFilter(field_name="project__code", label=_("project code"))
    from_stage = filters.MultipleChoiceFilter(choices=Stage.choices, label=_("from"))
    to_stage = filters.MultipleChoiceFilter(choices=Stage.choices, label=_("to"))
    user_id = filters.NumberFilter(field_name="user", label=_("by"))
    date_after = date_filter("date", "gte", _("on or after"))
    date_before = date_filter("date", "lte", _("on or before"))

    class Meta:
        model = StageChange
        fields = ()
