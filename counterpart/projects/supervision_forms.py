"""The supervision page's form: the day, the threshold, the scope and the grouping.

Every field has a default, so the page opens on today's figures; an address that gives only
some of them (``?group=officer``) is completed with the defaults rather than refused.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from counterpart.core.views import prepare_form
from counterpart.geo.models import Region

from .models import FollowUp, Project, TaskForce

FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)
MAX_STALE_DAYS = 3650
DEFAULT_STALE_DAYS = 90


class Grouping(models.TextChoices):
    """The two ways the report groups its items (``Supervision.by_task_force``/``by_officer``)."""

    TASK_FORCE = "task_force", _("task force")
    OFFICER = "officer", _("officer")


def home_regions() -> QuerySet:
    """The cities task forces cover, and their provinces: where supervised projects go."""
    return (
        Region.objects.filter(Q(task_forces__isnull=False) | Q(children__task_forces__isnull=False))
        .distinct()
        .order_by("code")
    )


def is_officer(user) -> bool:
    """Whether ``user`` is the officer of any project or follow-up (one query)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .filter(
            Exists(Project.objects.filter(officer=OuterRef("pk")))
            | Exists(FollowUp.objects.filter(officer=OuterRef("pk")))
        )
        .exists()
    )


class SupervisionForm(forms.Form):
    """Bounded values only: a day the date arithmetic can take, a threshold of 1 to 3650 days,
    a task force and a region by their codes (the addresses other pages link with)."""

    as_of = forms.DateField(label=_("as of"))
    stale_days = forms.IntegerField(
        label=_("stale after (days)"),
        min_value=1,
        max_value=MAX_STALE_DAYS,
    )
    task_force = forms.ModelChoiceField(
        label=_("task force"),
        queryset=TaskForce.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("all task forces"),
    )
    city = forms.ModelChoiceField(
        label=_("destination (city or province)"),
        queryset=home_regions(),
        to_field_name="code",
        required=False,
        empty_label=_("all cities"),
    )
    group = forms.ChoiceField(
        label=_("group by"), choices=Grouping.choices, widget=forms.RadioSelect
    )
    mine = forms.BooleanField(label=_("only mine"), required=False)

    def __init__(self, data: QueryDict | None, *, officer: bool = False) -> None:
        """``data``: the request's query, completed with the defaults; ``officer``: whether
        to offer "only mine"."""
        super().__init__(with_defaults(data))
        if not officer:
            del self.fields["mine"]
        self.fields["as_of"].widget.attrs.update(
            min=FIRST_DAY.isoformat(), max=LAST_DAY.isoformat()
        )
        prepare_form(self)

    def clean_as_of(self) -> datetime.date:
        day = self.cleaned_data["as_of"]
        if not FIRST_DAY <= day <= LAST_DAY:
            raise forms.ValidationError(
                _("Choose a day from %(first)s to %(last)s."),
                params={"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
                code="out_of_range",
            )
        return day


def defaults() -> dict[str, str]:
    return {
        "as_of": timezone.localdate().isoformat(),
        "stale_days": str(DEFAULT_STALE_DAYS),
        "group": Grouping.TASK_FORCE.value,
    }


def with_defaults(data: QueryDict | None) -> QueryDict:
    """The query with each missing or empty defaulted field filled in."""
    completed = data.copy() if data is not None else QueryDict(mutable=True)
    for name, value in defaults().items():
        if not completed.get(name, "").strip():
            completed[name] = value
    return completed
