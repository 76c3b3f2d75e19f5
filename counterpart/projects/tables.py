from decimal import Decimal

import django_tables2 as tables
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from counterpart.core import formatting
from counterpart.core.tables import (
    BaseTable,
    BooleanColumn,
    ChoiceColumn,
    DateColumn,
    LinkColumn,
    ManyColumn,
    MoneyColumn,
    NameColumn,
    RelatedColumn,
    SelectColumn,
    VerifiedColumn,
    object_url,
    ui_lang,
)

from .choices import ProjectStatus, Stage
from .models import FollowUp, FundsInPlace, Project, StageChange, TaskForce

STAGE_BADGES = {
    Stage.LEAD: "secondary",
    Stage.NEGOTIATING: "info",
    Stage.SIGNED: "primary",
    Stage.STARTED: "warning",
    Stage.OPERATING: "success",
}
STATUS_BADGES = {
    ProjectStatus.ACTIVE: "success",
    ProjectStatus.DELAYED: "warning",
    ProjectStatus.DORMANT: "secondary",
    ProjectStatus.DROPPED: "dark",
}


class ProjectTable(BaseTable):
    select = SelectColumn()
    code = LinkColumn(verbose_name=_("code"))
    name = NameColumn()
    stage = ChoiceColumn(badges=STAGE_BADGES)
    status = ChoiceColumn(badges=STATUS_BADGES)
    project_type = ChoiceColumn()
    category = ChoiceColumn()
    investors = ManyColumn(verbose_name=_("investors"))
    source_region = RelatedColumn()
    destination_region = RelatedColumn()
    zone = RelatedColumn()
    industries = ManyColumn(verbose_name=_("industries"))
    contract_value = MoneyColumn()
    counted_value = MoneyColumn(verbose_name=_("counted value"))
    planned_investment = MoneyColumn()
    signed_date = DateColumn()
    signed_event = RelatedColumn(verbose_name=_("signed at"))
    signed_on_site = BooleanColumn()
    start_date = DateColumn()
    task_force = RelatedColumn()
    officer = RelatedColumn(link=False)
    expected_jobs = tables.Column()
    verified = VerifiedColumn(verbose_name=_("signing figures verified"))
    is_sample = BooleanColumn()
    updated_at = DateColumn(verbose_name=_("updated"))

    exempt_columns = ("select", "code", "actions")
    default_columns = (
        "name",
        "stage",
        "status",
        "investors",
        "source_region",
        "destination_region",
        "contract_value",
        "signed_date",
        "task_force",
        "verified",
    )
    related_columns = (
        "name",
        "stage",
        "destination_region",
        "contract_value",
        "signed_date",
        "verified",
    )

    class Meta(BaseTable.Meta):
        model = Project
        fields = ()


class StageChangeTable(BaseTable):
    date = DateColumn()
    project = RelatedColumn(verbose_name=_("project"))
    from_stage = ChoiceColumn(badges=STAGE_BADGES)
    to_stage = ChoiceColumn(badges=STAGE_BADGES)
    user = RelatedColumn(link=False)
    note = tables.Column()

    class Meta(BaseTable.Meta):
        model = StageChange
        fields = ()


def filtered_total(table: tables.Table, field: str = "amount") -> Decimal | int:
    """The sum of ``field`` over all the table's rows (every page), in one aggregate query."""
    rows = getattr(table.data, "data", None)
    if not hasattr(rows, "aggregate"):
        return sum((getattr(row, field) or 0 for row in rows or ()), 0)
    return rows.order_by().aggregate(total=Sum(field))["total"] or 0


class FundsInPlaceTable(BaseTable):
    select = SelectColumn()
    month = DateColumn(
        format="Y-m",
        linkify=lambda record: object_url(record),
        footer=_("Total of the filtered rows"),
    )
    project_code = tables.Column(accessor="project__code", verbose_name=_("project code"))
    project = RelatedColumn(verbose_name=_("project"))
    source_region = RelatedColumn()
    amount = MoneyColumn(
        footer=lambda table: formatting.money(filtered_total(table), ui_lang()),
        attrs={"tf": {"class": "text-end text-nowrap fw-semibold"}},
    )
    amount_basis = ChoiceColumn()
    destination_region = RelatedColumn(
        accessor="project__destination_region", verbose_name=_("destination region")
    )
    task_force = RelatedColumn(accessor="project__task_force", verbose_name=_("task force"))
    note = tables.Column()
    verified = VerifiedColumn()
    is_sample = BooleanColumn()

    exempt_columns = ("select", "month", "actions")
    default_columns = (
        "project",
        "source_region",
        "amount",
        "amount_basis",
        "destination_region",
        "task_force",
        "note",
        "verified",
    )
    related_columns = ("source_region", "amount", "amount_basis", "verified")

    class Meta(BaseTable.Meta):
        model = FundsInPlace
        fields = ()


class TaskForceTable(BaseTable):
    code = LinkColumn(verbose_name=_("code"))
    name = NameColumn()
    lead_unit = RelatedColumn()
    cities = ManyColumn(verbose_name=_("cities"), accessor="cities")
    member_count = tables.Column(verbose_name=_("members"), attrs={"td": {"class": "text-end"}})
    project_count = tables.Column(verbose_name=_("projects"), attrs={"td": {"class": "text-end"}})
    established = DateColumn()

    exempt_columns = ("code", "actions")

    class Meta(BaseTable.Meta):
        model = TaskForce
        fields = ()

    def render_cities(self, value):
        return "、".join(str(c.city) for c in value.all()) or "—"

    def value_cities(self, value):
        return "; ".join(str(c.city) for c in value.all())


class FollowUpTable(BaseTable):
    date = DateColumn(linkify=lambda record: object_url(record))
    kind = ChoiceColumn()
    project = RelatedColumn()
    organization = RelatedColumn()
    contact = tables.Column(verbose_name=_("person"), accessor="contact__name")
    officer = RelatedColumn(link=False)
    summary = tables.Column()
    next_action = tables.Column()
    next_action_due = DateColumn()
    next_action_done = DateColumn()
    is_sample = BooleanColumn()

    exempt_columns = ("date", "actions")
    default_columns = (
        "kind",
        "project",
        "organization",
        "officer",
        "summary",
        "next_action",
        "next_action_due",
        "next_action_done",
    )
    related_columns = ("kind", "project", "organization", "summary", "next_action_due")

    class Meta(BaseTable.Meta):
        model = FollowUp
        fields = ()

    def render_summary(self, value):
        return value if len(value) <= 60 else value[:60] + "…"

    def value_summary(self, value):
        return value
