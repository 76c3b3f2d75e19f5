"""Writes that span several rows, each in one transaction."""

import datetime

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
