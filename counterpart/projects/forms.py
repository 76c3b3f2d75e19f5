from django import forms
from django.utils.translation import gettext_lazy as _

from counterpart.industries.filtersets import group_industries

from .models import FollowUp, Project, TaskForce, TaskForceCity


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
