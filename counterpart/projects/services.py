"""Writes that span several rows, each in one transaction."""

import datetime
import itertools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .choices import Stage
from .models import Project, StageChange


@transaction.atomic
def change_stage(
    project: Project,
    to_stage: str,
    date: datetime.date,
    user=None,
    note: str = "",
) -> StageChange:
    """Move ``project`` to ``to_stage`` on ``date``, enforcing what that stage requires."""
    to_stage = Stage(to_stage)
    if project.stage == to_stage:
        raise ValidationError({"stage": _("The project is already at this stage.")})
    last = project.stage_changes.order_by("-date", "-id").first()
    if last and date < last.date:
        raise ValidationError(
            {
                "date": _("The move cannot be dated before the last one (%(date)s).")
                % {"date": last.date}
            }
        )
    project.stage = to_stage
    project.full_clean()
    project.pending_stage_change = {"date": date, "user": user, "note": note}
    project.save()
    return project.stage_changes.order_by("-date", "-id").first()


@transaction.atomic
def create_with_history(
    project: Project,
    history: list[tuple[str, datetime.date]],
    relations: dict | None = None,
    user=None,
    note: str = "",
) -> Project:
    """Save a new ``project`` whose past stages are known, validating it once at the last one.

    ``relations`` are its many-to-many values (investors, industries), set after the save.
    """
    if not history:
        raise ValidationError({"stage": _("A stage history needs at least one step.")})
    for (_stage, earlier), (_next, later) in itertools.pairwise(history):
        if later < earlier:
            raise ValidationError({"date": _("The stage history must be in date order.")})
    relations = relations or {}
    project.stage = Stage(history[-1][0])
    project.pending_investors = relations.get("investors")
    project.full_clean()
    project.pending_stage_change = {"history": history, "user": user, "note": note}
    project.save()
    for name, related in relations.items():
        getattr(project, name).set(related)
    return project
