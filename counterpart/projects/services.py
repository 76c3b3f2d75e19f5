"""Writes that span several rows, each in one transaction."""

import datetime
import itertools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .choices import STAGE_ORDER, Stage
from .models import STAGE_DATE_FIELDS, STAGE_ONLY_FIELDS, Project, StageChange


@transaction.atomic
def change_stage(
    project: Project,
    to_stage: str,
    date: datetime.date,
    user=None,
    note: str = "",
    values: dict | None = None,
) -> StageChange:
    """Move ``project`` to ``to_stage`` on ``date``, enforcing what that stage requires.

    ``values`` are fields given with the move (what the target stage needs; ``investors`` is
    set after the save). A move forward dates the stage by its own field (``signed_date`` …)
    where that is empty; a move back is a correction and clears the dates and signing details
    of the stages left, which the earlier stage may not have.
    """
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
    values = dict(values or {})
    investors = values.pop("investors", None)
    for name, value in values.items():
        setattr(project, name, value)
    if STAGE_ORDER[to_stage] < STAGE_ORDER[Stage(project.stage)]:
        clear_fields_beyond(project, to_stage)
    date_field = STAGE_DATE_FIELDS.get(to_stage)
    if date_field and getattr(project, date_field) is None:
        setattr(project, date_field, date)
    project.stage = to_stage
    if investors is not None:
        project.pending_investors = list(investors)
    try:
        project.full_clean()
    except ValidationError:
        project.refresh_from_db()  # the caller's object stays as stored, like the database
        raise
    project.pending_stage_change = {"date": date, "user": user, "note": note}
    project.save()
    if investors is not None:
        project.investors.set(investors)
    return project.stage_changes.order_by("-date", "-id").first()


def fields_beyond(stage: str) -> list[str]:
    """The dates and signing details a project at ``stage`` may not have yet."""
    return [
        name
        for name, needed in STAGE_ONLY_FIELDS.items()
        if STAGE_ORDER[Stage(needed)] > STAGE_ORDER[Stage(stage)]
    ]


def clear_fields_beyond(project: Project, stage: str) -> list[str]:
    """Empty what ``project`` may not have at ``stage``; the names of the fields it had."""
    cleared = []
    for name in fields_beyond(stage):
        if getattr(project, name) not in (None, False):
            cleared.append(name)
        setattr(project, name, False if name == "signed_on_site" else None)
    return cleared


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
