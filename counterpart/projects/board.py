"""The pipeline board's data: one column per stage with its count, value and first cards.

A column shows at most ``limit`` cards, ranked in the database by a window function, so the
board costs three queries (totals, cards, investors) whether a stage holds ten projects or a
hundred thousand; the rest of a column is one link away in the project list.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from .choices import Stage
from .models import Project, StageChange

CARD_LIMIT = 12

# How cards are ordered within a column: (label, window ordering).
ORDERS = {
    "recent": (_("latest move first"), (F("stage_since").desc(nulls_last=True), F("pk").desc())),
    "waiting": (_("longest in stage first"), (F("stage_since").asc(nulls_first=True), F("pk"))),
    "value": (
        _("largest value first"),
        (F("counted_value").desc(nulls_last=True), F("pk").desc()),
    ),
}
DEFAULT_ORDER = "recent"


@dataclass
class Column:
    stage: Stage
    count: int = 0
    value: Decimal | None = None  # counted value (a capital increase counts its increment)
    cards: list[Project] = field(default_factory=list)

    @property
    def hidden(self) -> int:
        """Projects of the stage not shown as cards."""
        return self.count - len(self.cards)


def with_stage_since(projects: QuerySet) -> QuerySet:
    """Annotate ``stage_since``: the date of the project's latest stage change."""
    latest = StageChange.objects.filter(project=OuterRef("pk")).order_by("-date", "-id")
    return projects.annotate(stage_since=Subquery(latest.values("date")[:1]))


def board(
    projects: QuerySet,
    today: datetime.date,
    order: str = DEFAULT_ORDER,
    limit: int = CARD_LIMIT,
) -> list[Column]:
    """The columns of the board for ``projects`` (any filtered project queryset).

    Each card gets ``stage_since`` and ``days_in_stage`` (until ``today``).
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)} (got {order!r})")
    # Filters over to-many relations (industries) may repeat rows: count each project once.
    chosen = Project.objects.filter(pk__in=projects.order_by().values("pk"))
    columns = {stage: Column(stage) for stage in Stage}
    totals = (
        chosen.with_counted_value()
        .order_by()
        .values("stage")
        .annotate(n=Count("pk"), value=Sum("counted_value"))
    )
    for row in totals:
        column = columns[Stage(row["stage"])]
        column.count, column.value = row["n"], row["value"]
    cards = (
        with_stage_since(chosen.with_counted_value())
        .annotate(position=Window(RowNumber(), partition_by=F("stage"), order_by=ORDERS[order][1]))
        .filter(position__lte=limit)
        .select_related("destination_region", "task_force")
        .prefetch_related("investors")
        .order_by("stage", "position")
    )
    for card in cards:
        card.days_in_stage = (today - card.stage_since).days if card.stage_since else None
        columns[Stage(card.stage)].cards.append(card)
    return list(columns.values())
