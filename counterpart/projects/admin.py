from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from counterpart.core.admin import ChangeLoggedAdmin, VerifiableAdmin, province_filter

from .forms import ProjectForm
from .models import FollowUp, FundsInPlace, Project, StageChange, TaskForce, TaskForceCity


class TaskForceCityInline(admin.TabularInline):
    model = TaskForceCity
    extra = 0
    fields = ("city", "officer")
    autocomplete_fields = ("city", "officer")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("city", "officer")


@admin.register(TaskForce)
class TaskForceAdmin(ChangeLoggedAdmin):
    list_display = ("code", "name_zh", "name_en", "lead_unit", "established", "city_names")
    list_display_links = ("code", "name_zh")
    list_select_related = ("lead_unit",)
    search_fields = ("code", "name_zh", "name_en", "cities__city__name_zh")
    autocomplete_fields = ("lead_unit", "members")
    inlines = (TaskForceCityInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("cities__city")

    @admin.display(description=_("cities"))
    def city_names(self, obj: TaskForce) -> str:
        return "、".join(str(c.city) for c in obj.cities.all()) or "—"


@admin.register(TaskForceCity)
class TaskForceCityAdmin(ChangeLoggedAdmin):
    list_display = ("city", "task_force", "officer")
    list_filter = ("task_force",)
    list_select_related = ("task_force", "city", "officer")
    search_fields = ("city__name_zh", "city__name_en", "city__code", "task_force__name_zh")
    autocomplete_fields = ("task_force", "city", "officer")


class StageChangeInline(admin.TabularInline):
    """The stage history, read-only: a stage changes by editing the project's stage."""

    model = StageChange
    extra = 0
    can_delete = False
    fields = ("date", "from_stage", "to_stage", "user", "note")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FundsInPlaceInline(admin.TabularInline):
    model = FundsInPlace
    extra = 0
    fields = ("month", "amount", "amount_basis", "source_region", "note", "is_sample")
    autocomplete_fields = ("source_region",)


@admin.register(Project)
class ProjectAdmin(VerifiableAdmin):
    form = ProjectForm
    list_display = (
        "code",
        "name_zh",
        "stage",
        "status",
        "project_type",
        "investor_names",
        "source_region",
        "destination_region",
        "contract_value",
        "counted_value_display",
        "signed_date",
        "signed_on_site",
        "is_sample",
    )
    list_display_links = ("code", "name_zh")
    list_filter = (
        "stage",
        "status",
        "project_type",
        "category",
        "signed_on_site",
        "contract_value_basis",
        "is_sample",
        ("destination_region__province", province_filter(_("destination (province)"))),
        ("source_region__province", province_filter(_("source (province)"))),
        "task_force",
    )
    list_select_related = ("source_region", "destination_region", "extends")
    search_fields = (
        "code",
        "name_zh",
        "name_en",
        "investors__name_zh",
        "investors__name_en",
        "investors__credit_code",
    )
    date_hierarchy = "signed_date"
    autocomplete_fields = (
        "extends",
        "investors",
        "source_region",
        "destination_region",
        "zone",
        "industries",
        "signed_event",
        "later_signing_events",
        "task_force",
        "officer",
    )
    readonly_fields = ("counted_value_display",)
    fieldsets = (
        (
            None,
            {"fields": ("code", "name_zh", "name_en", "project_type", "extends", "category")},
        ),
        (_("Stage"), {"fields": ("stage", "status", "status_reason")}),
        (
            _("Who and where"),
            {
                "fields": (
                    "investors",
                    "source_region",
                    "destination_region",
                    "zone",
                    "industries",
                )
            },
        ),
        (
            _("Money"),
            {
                "fields": (
                    ("contract_value", "contract_value_basis"),
                    "counted_value_display",
                    ("original_currency", "original_amount"),
                    ("exchange_rate", "exchange_rate_date"),
                    ("planned_investment", "planned_investment_basis"),
                    ("verified_at", "verified_by"),
                )
            },
        ),
        (
            _("Signing and progress"),
            {
                "fields": (
                    "signed_date",
                    "signed_event",
                    "signed_on_site",
                    "later_signing_events",
                    "start_date",
                    "operating_date",
                )
            },
        ),
        (
            _("Follow-through"),
            {"fields": ("task_force", "officer", "expected_jobs", "notes", "is_sample")},
        ),
    )
    inlines = (StageChangeInline, FundsInPlaceInline)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("investors")

    @admin.display(description=_("investors"))
    def investor_names(self, obj: Project) -> str:
        return "、".join(str(o) for o in obj.investors.all()) or "—"

    @admin.display(description=_("counted value (yuan)"))
    def counted_value_display(self, obj: Project):
        value = obj.counted_value if obj.pk else None
        return "—" if value is None else value

    def save_model(self, request, obj, form, change):
        # Attribute the StageChange that Project.save() writes to the person saving.
        obj.pending_stage_change = {"user": request.user}
        super().save_model(request, obj, form, change)


@admin.register(StageChange)
class StageChangeAdmin(ChangeLoggedAdmin):
    """Stage history is written by Project.save(); only the note can be corrected here."""

    list_display = ("project", "from_stage", "to_stage", "date", "user")
    list_filter = ("to_stage", "from_stage")
    list_select_related = ("project", "user")
    search_fields = ("project__code", "project__name_zh", "project__name_en", "note")
    date_hierarchy = "date"
    fields = ("project", "from_stage", "to_stage", "date", "user", "note")
    readonly_fields = ("project", "from_stage", "to_stage", "date", "user")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # No deleting stage changes one by one (the history would no longer end at the
        # project's stage); they go with their project when it is deleted.
        return obj is not None and super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "show_delete": False}
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(FundsInPlace)
class FundsInPlaceAdmin(VerifiableAdmin):
    list_display = ("project", "month_display", "amount", "amount_basis", "source_region")
    list_filter = (
        "amount_basis",
        "is_sample",
        ("source_region__province", province_filter(_("source (province)"))),
    )
    list_select_related = ("project", "source_region")
    search_fields = (
        "project__code",
        "project__name_zh",
        "project__name_en",
        "source_region__name_zh",
        "source_region__code",
    )
    date_hierarchy = "month"
    autocomplete_fields = ("project", "source_region")

    @admin.display(description=_("month"), ordering="month")
    def month_display(self, obj: FundsInPlace) -> str:
        return f"{obj.month:%Y-%m}"


class OverdueFilter(admin.SimpleListFilter):
    title = _("next action")
    parameter_name = "next_action"

    def lookups(self, request, model_admin):
        return (("open", _("open")), ("overdue", _("overdue")), ("done", _("done")))

    def queryset(self, request, queryset):
        open_actions = queryset.filter(next_action_due__isnull=False, next_action_done__isnull=True)
        if self.value() == "open":
            return open_actions
        if self.value() == "overdue":
            return open_actions.filter(next_action_due__lt=timezone.localdate())
        if self.value() == "done":
            return queryset.filter(next_action_done__isnull=False)
        return queryset


@admin.register(FollowUp)
class FollowUpAdmin(ChangeLoggedAdmin):
    list_display = (
        "date",
        "kind",
        "project",
        "organization",
        "contact",
        "officer",
        "next_action_due",
        "next_action_done",
    )
    list_filter = (OverdueFilter, "kind", "is_sample")
    list_select_related = ("project", "organization", "contact__organization", "officer")
    search_fields = (
        "summary",
        "next_action",
        "project__code",
        "project__name_zh",
        "organization__name_zh",
        "organization__name_en",
        "contact__name",
    )
    date_hierarchy = "date"
    autocomplete_fields = ("project", "organization", "contact", "officer")
