import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from counterpart.core.views import DateInput
from counterpart.industries.filtersets import group_industries

from .choices import STAGE_ORDER, Stage
from .models import STAGE_DATE_FIELDS, FollowUp, FundsInPlace, Project, TaskForce, TaskForceCity
from .services import fields_beyond


class ProjectForm(forms.ModelForm):
    """The project form every UI path uses (the admin included).

    A project's investors are a many-to-many field, saved only after the project row. The
    model's ``clean()`` checks that a signed project has investors; it reads the investors about
    to be saved from ``pending_investors``, which this form sets before model validation runs
    (``ModelForm._post_clean`` comes after ``clean``).
    """

    class Meta:
        model = Project
        fields = (
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
            "contract_value",
            "contract_value_basis",
            "original_currency",
            "original_amount",
            "exchange_rate",
            "exchange_rate_date",
            "planned_investment",
            "planned_investment_basis",
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
        )

    def clean(self):
        cleaned_data = super().clean()
        for name in ("investors", "later_signing_events"):
            if name in self.fields:
                setattr(self.instance, f"pending_{name}", cleaned_data.get(name))
        return cleaned_data


class TaskForceForm(forms.ModelForm):
    class Meta:
        model = TaskForce
        fields = ("code", "name_zh", "name_en", "lead_unit", "members", "established", "notes")


class TaskForceCityForm(forms.ModelForm):
    class Meta:
        model = TaskForceCity
        fields = ("city", "officer")


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = (
            "project",
            "organization",
            "contact",
            "date",
            "kind",
            "officer",
            "summary",
            "next_action",
            "next_action_due",
            "next_action_done",
            "is_sample",
        )
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "next_action": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contact = self.fields["contact"]
        contact.queryset = contact.queryset.select_related("organization")


class ProjectEditForm(ProjectForm):
    """The project form of the web pages: the project extended is typed by its code.

    A select of every project would grow with the ledger (10,000 projects, 10,000 options).
    """

    extends = forms.ModelChoiceField(
        queryset=Project.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        label=Project._meta.get_field("extends").verbose_name,
        help_text=_("The code of the earlier project an expansion or capital increase builds on."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.extends_id:
            self.initial["extends"] = self.instance.extends.code
        group_industries(self)


class ProjectMoveForm(forms.Form):
    """Move a project to another stage: the date, a note, and what the target stage still needs.

    The fields a target stage requires and the project lacks (``Project.missing_fields``) are
    added to the form, so the move and its missing details are entered together. The target
    stage's own date field (``signed_date`` …) is not asked for: the move's date gives it.
    """

    stage = forms.ChoiceField(label=_("move to stage"))
    date = forms.DateField(label=_("date of the move"))
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What happened: who signed, what was agreed, why it moved."),
    )

    def __init__(self, *args, project: Project, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.today = today
        others = [(s.value, s.label) for s in Stage if s != project.stage]
        self.fields["stage"].choices = others
        self.fields["date"].initial = today
        self.last_move = project.stage_changes.order_by("-date", "-id").first()
        self.target = self._target_stage([value for value, _label in others])
        self.missing = self._missing_fields() if self.target else []
        self.cleared = self._cleared_fields() if self.target else []
        self.fields.update(
            forms.fields_for_model(Project, fields=self.missing, labels=None, widgets=None)
        )
        for name in self.missing:
            field = self.fields[name]
            field.required = True
            field.error_messages["required"] = _("A project at stage “%(stage)s” needs this.") % {
                "stage": Stage(self.target).label
            }
        if self.cleared:
            self.fields["note"].required = True
            self.fields["note"].help_text = _("Say why the project moves back.")

    def _target_stage(self, allowed: list[str]) -> str | None:
        """The stage asked for: the sent one, else the initial one, if it is a move at all."""
        value = self.data.get("stage") if self.is_bound else None
        value = value or self.initial.get("stage")
        return value if value in allowed else None

    def _missing_fields(self) -> list[str]:
        own_date = STAGE_DATE_FIELDS.get(self.target)
        return [n for n in self.project.missing_fields(self.target) if n != own_date]

    @property
    def is_move_back(self) -> bool:
        current = STAGE_ORDER[Stage(self.project.stage)]
        return bool(self.target) and STAGE_ORDER[Stage(self.target)] < current

    def _cleared_fields(self) -> list[str]:
        """Fields a move back would empty, which the project has."""
        if not self.is_move_back:
            return []
        return [
            n for n in fields_beyond(self.target) if getattr(self.project, n) not in (None, False)
        ]

    @property
    def target_label(self) -> str:
        return Stage(self.target).label if self.target else ""

    @property
    def missing_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.missing]

    def missing_labels(self) -> list[str]:
        return [str(field.label) for field in self.missing_fields]

    def cleared_labels(self) -> list[str]:
        return [str(Project._meta.get_field(n).verbose_name) for n in self.cleared]

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date > self.today:
            raise forms.ValidationError(_("A move cannot be dated in the future."))
        if self.last_move and date < self.last_move.date:
            raise forms.ValidationError(
                _("The move cannot be dated before the last one (%(date)s).")
                % {"date": self.last_move.date}
            )
        return date

    def values(self) -> dict:
        """The project's fields given with the move."""
        return {name: self.cleaned_data[name] for name in self.missing}


# ---------------------------------------------------------------------------- funds in place

MONTH_FORMAT = "%Y-%m"
_MONTH_PREFIX = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


class MonthInput(DateInput):
    """``<input type="month">`` (2023-04). A date given instead (a link's 2023-04-30) is shown as
    its month, which the browser's month picker can display.

    A ``core.views.DateInput``, so that ``prepare_form`` keeps it rather than a date picker.
    """

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__({"placeholder": "YYYY-MM", **(attrs or {})})
        self.format = MONTH_FORMAT

    def format_value(self, value) -> str | None:
        if isinstance(value, str) and _MONTH_PREFIX.match(value.strip()):
            return value.strip()[:7]
        return super().format_value(value)


class MonthField(forms.DateField):
    """A month, kept as its first day: "2023-04" (what a month input sends) or any date of it.

    Funds are recorded per month (the model's "month is the 1st" constraint), so a date within
    the month is taken for the month rather than refused.
    """

    widget = MonthInput
    input_formats = [MONTH_FORMAT, "%Y-%m-%d"]

    def to_python(self, value) -> datetime.date | None:
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class FundsInPlaceForm(forms.ModelForm):
    """Funds that arrived for a project in a month, from one source region.

    The project is typed by its code (a select of 10,000 projects would be too big); the month
    is a month, stored as its first day; a second entry for the same project, month and source
    is refused beside the month rather than by the database.
    """

    project = forms.ModelChoiceField(
        queryset=Project.objects.all(),
        to_field_name="code",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        label=FundsInPlace._meta.get_field("project").verbose_name,
        help_text=_("The project's code, e.g. HLJ-2023-0001."),
        error_messages={"invalid_choice": _("No project has this code.")},
    )
    month = MonthField(
        label=FundsInPlace._meta.get_field("month").verbose_name,
        help_text=_("The month the funds arrived in; a date stands for its month."),
    )

    class Meta:
        model = FundsInPlace
        fields = (
            "project",
            "month",
            "source_region",
            "amount",
            "amount_basis",
            "note",
            "is_sample",
        )
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.project_id:
            self.initial["project"] = self.instance.project.code

    def clean(self) -> dict:
        data = super().clean()
        project, month, source = (data.get(n) for n in ("project", "month", "source_region"))
        if project and month and source:
            others = FundsInPlace.objects.filter(project=project, month=month, source_region=source)
            if others.exclude(pk=self.instance.pk).exists():
                # On the field, not above the form; the model's check then has nothing to find.
                self.add_error(
                    "month",
                    _(
                        "Funds from this source region are already recorded for this project "
                        "in this month; edit that entry instead."
                    ),
                )
        return data
