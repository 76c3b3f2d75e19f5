import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Case, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from counterpart.core.fields import (
    NullsLastIndex,
    ends_after_start,
    money_basis_field,
    money_field,
    non_negative,
)
from counterpart.core.models import ChangeLoggedModel, SampleFlagged, Verifiable, VerifiableQuerySet

from .choices import (
    STAGE_ORDER,
    FollowUpKind,
    ProjectCategory,
    ProjectStatus,
    ProjectType,
    Stage,
)

code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and hyphens, e.g. HLJ-2023-0001.")
)
currency_validator = RegexValidator(r"^[A-Z]{3}$", _("An ISO 4217 code such as CNY or USD."))
CNY = "CNY"
FEN = Decimal("0.01")


class TaskForce(ChangeLoggedModel):
    """A task force (专班) of the department that drives cooperation for a set of cities."""

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator])
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    lead_unit = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("lead unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_forces",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="task_forces"
    )
    established = models.DateField(_("established"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("task force")
        verbose_name_plural = _("task forces")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_zh

    def counterpart_cities(self) -> models.QuerySet:
        """The partner cities paired with the home cities this task force covers."""
        from counterpart.geo.models import Region

        return Region.objects.filter(
            pairings_as_partner__home_region__task_forces__task_force=self
        ).distinct()


class TaskForceCity(ChangeLoggedModel):
    """A home city a task force covers, with the department officer assigned to it."""

    task_force = models.ForeignKey(
        TaskForce, verbose_name=_("task force"), on_delete=models.CASCADE, related_name="cities"
    )
    city = models.ForeignKey(
        "geo.Region", verbose_name=_("city"), on_delete=models.PROTECT, related_name="task_forces"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="task_force_cities",
    )

    class Meta:
        verbose_name = _("task-force city")
        verbose_name_plural = _("task-force cities")
        ordering = ["task_force", "city__code"]
        constraints = [
            models.UniqueConstraint(fields=["city"], name="projects_taskforcecity_one_per_city"),
        ]

    def __str__(self) -> str:
        return f"{self.task_force} · {self.city}"


# Fields a project must have at each stage and after (a started project has been signed).
STAGE_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    Stage.SIGNED: ("investors", "destination_region", "contract_value", "signed_date"),
    Stage.STARTED: ("start_date",),
    Stage.OPERATING: ("operating_date",),
}


# Fields that only a project at this stage or later may have (their dates and signing details).
STAGE_ONLY_FIELDS: dict[str, str] = {
    "signed_date": Stage.SIGNED,
    "signed_event": Stage.SIGNED,
    "signed_on_site": Stage.SIGNED,
    "start_date": Stage.STARTED,
    "operating_date": Stage.OPERATING,
}

# The field that dates a project's arrival at a stage.
STAGE_DATE_FIELDS: dict[str, str] = {
    Stage.SIGNED: "signed_date",
    Stage.STARTED: "start_date",
    Stage.OPERATING: "operating_date",
}


def required_fields(stage: str) -> list[str]:
    """Every field required at ``stage``, including those of the stages before it."""
    fields: list[str] = []
    for required_stage, names in STAGE_REQUIREMENTS.items():
        if STAGE_ORDER[Stage(required_stage)] <= STAGE_ORDER[Stage(stage)]:
            fields.extend(names)
    return fields


class ProjectQuerySet(VerifiableQuerySet):
    def with_counted_value(self) -> "ProjectQuerySet":
        """Annotate ``counted_value``: contract value, or a capital increase's increment.

        The base's value is a scalar subquery, not a join: a list that filters, sorts and
        pages by other columns then reads only the projects table (``core/pagination.py``)."""
        base_value = Subquery(
            Project.objects.filter(pk=OuterRef("extends_id"))
            .order_by()
            .values("contract_value")[:1]
        )
        return self.annotate(
            counted_value=Case(
                When(
                    project_type=ProjectType.CAPITAL_INCREASE,
                    then=F("contract_value") - Coalesce(base_value, Value(0)),
                ),
                default=F("contract_value"),
                output_field=models.DecimalField(max_digits=18, decimal_places=2),
            )
        )

    def with_stage_as_of(self, date: datetime.date) -> "ProjectQuerySet":
        """Annotate ``stage_as_of``: the stage recorded on or before ``date`` (None if none)."""
        latest = (
            StageChange.objects.filter(project=OuterRef("pk"), date__lte=date)
            .order_by("-date", "-id")
            .values("to_stage")[:1]
        )
        return self.annotate(stage_as_of=Subquery(latest))


class Project(ChangeLoggedModel, SampleFlagged, Verifiable):
    """An investment project from first lead to operating plant.

    Its verification (``Verifiable``) is that of its signing figures: the contract value and
    what decides where and how it counts (currency, type and base, signing date and event).
    """

    verified_figure_fields = (
        "contract_value",
        "contract_value_basis",
        "original_currency",
        "original_amount",
        "exchange_rate",
        "exchange_rate_date",
        "project_type",
        "extends",
        "signed_date",
        "signed_event",
        "signed_on_site",
    )

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator])
    name_zh = models.CharField(_("name (Chinese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    project_type = models.CharField(
        _("type"), max_length=20, choices=ProjectType.choices, default=ProjectType.NEW
    )
    extends = models.ForeignKey(
        "self",
        verbose_name=_("extends project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="extensions",
        help_text=_("The earlier project an expansion or capital increase builds on."),
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.LEAD)
    status = models.CharField(
        _("status"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    status_reason = models.TextField(_("reason for status"), blank=True)
    investors = models.ManyToManyField(
        "organizations.Organization",
        verbose_name=_("investors"),
        blank=True,
        related_name="investments",
    )
    source_region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("source region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects_sourced",
        help_text=_("Where the capital comes from."),
    )
    destination_region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("destination region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects_received",
    )
    zone = models.ForeignKey(
        "geo.Zone",
        verbose_name=_("zone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    industries = models.ManyToManyField(
        "industries.Industry", verbose_name=_("industries"), blank=True, related_name="projects"
    )
    category = models.CharField(
        _("category"), max_length=16, choices=ProjectCategory.choices, blank=True
    )
    contract_value = money_field(_("contract value (yuan)"), null=True, blank=True)
    contract_value_basis = money_basis_field(_("contract value basis"))
    original_currency = models.CharField(
        _("contract currency"), max_length=3, default=CNY, validators=[currency_validator]
    )
    original_amount = models.DecimalField(
        _("amount in contract currency"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    exchange_rate = models.DecimalField(
        _("yuan per unit of currency"), max_digits=12, decimal_places=6, null=True, blank=True
    )
    exchange_rate_date = models.DateField(_("exchange rate date"), null=True, blank=True)
    planned_investment = money_field(_("planned investment (yuan)"), null=True, blank=True)
    planned_investment_basis = money_basis_field(_("planned investment basis"))
    signed_date = models.DateField(_("signing date"), null=True, blank=True)
    signed_event = models.ForeignKey(
        "events.Event",
        verbose_name=_("signed at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_projects",
        help_text=_("The first signing: the project counts in this event's statistics only."),
    )
    signed_on_site = models.BooleanField(_("signed on site"), default=False)
    later_signing_events = models.ManyToManyField(
        "events.Event",
        verbose_name=_("signed again at"),
        blank=True,
        related_name="re_signed_projects",
        help_text=_("Later ceremonies where the project was signed again; not counted again."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    operating_date = models.DateField(_("operating date"), null=True, blank=True)
    task_force = models.ForeignKey(
        TaskForce,
        verbose_name=_("task force"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    expected_jobs = models.PositiveIntegerField(_("expected jobs"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["code"]
        constraints = [
            non_negative("contract_value", "projects_project_contract_value_gte_0"),
            non_negative("planned_investment", "projects_project_planned_investment_gte_0"),
            non_negative("original_amount", "projects_project_original_amount_gte_0"),
            models.CheckConstraint(
                condition=models.Q(exchange_rate__isnull=True) | models.Q(exchange_rate__gt=0),
                name="projects_project_exchange_rate_gt_0",
            ),
            ends_after_start("signed_date", "start_date", "projects_project_start_after_signing"),
            ends_after_start(
                "start_date", "operating_date", "projects_project_operating_after_start"
            ),
            models.CheckConstraint(
                condition=~models.Q(extends=models.F("id")), name="projects_project_not_own_base"
            ),
            models.CheckConstraint(
                condition=~models.Q(project_type=ProjectType.CAPITAL_INCREASE)
                | models.Q(extends__isnull=False),
                name="projects_project_capital_increase_extends",
            ),
        ]
        indexes = [
            models.Index(fields=["stage", "status"], name="projects_project_stage_idx"),
            models.Index(fields=["signed_date"], name="projects_project_signed_idx"),
            # The project list filtered by status, sorted by signing date, paged deep: an
            # index-only scan (docs/decisions/0012); the id breaks ties (core/pagination.py).
            models.Index(
                fields=["status", "signed_date", "id"], name="projects_project_st_sign_idx"
            ),
            # The signed projects by contract value (the load test's list): the money column
            # sorts ``contract_value DESC NULLS LAST, id`` (core.tables.MoneyColumn), which
            # this index reads in order (docs/decisions/0012).
            NullsLastIndex(
                fields=["stage", "-contract_value", "id"], name="projects_project_stage_val_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"

    @property
    def counted_value(self) -> Decimal | None:
        """What the project adds to signing statistics: a capital increase counts its increment.

        ``with_counted_value()`` annotates the same figure computed in SQL; it is kept if present.
        """
        if "_counted_value" in self.__dict__:
            return self._counted_value
        if self.contract_value is None:
            return None
        if self.project_type == ProjectType.CAPITAL_INCREASE and self.extends_id:
            return self.contract_value - (self.extends.contract_value or 0)
        return self.contract_value

    @counted_value.setter
    def counted_value(self, value: Decimal | None) -> None:
        self._counted_value = value

    def missing_fields(self, stage: str | None = None, investors=None) -> list[str]:
        """Fields ``stage`` (default: the project's) needs that are empty.

        ``investors`` is the set about to be saved (a form's cleaned data); without it the saved
        investors count, which a project not yet in the database does not have.
        """
        missing = []
        for name in required_fields(stage or self.stage):
            if name == "investors":
                has_investors = (
                    bool(investors)
                    if investors is not None
                    else bool(self.pk) and self.investors.exists()
                )
                if not has_investors:
                    missing.append(name)
            elif getattr(self, name) in (None, ""):
                missing.append(name)
        return missing

    def clean(self) -> None:
        errors: dict[str, list] = {}
        # Currency first: it may fill in the contract value the stage requires.
        for name, message in self._convert_currency():
            errors.setdefault(name, []).append(message)
        for name in self.missing_fields(investors=getattr(self, "pending_investors", None)):
            label = self._meta.get_field(name).verbose_name
            errors.setdefault(name, []).append(
                ValidationError(
                    _("A project at stage “%(stage)s” needs “%(field)s”."),
                    code="required_for_stage",
                    params={"stage": self.get_stage_display(), "field": label},
                )
            )
        for name, message in self._type_errors() + self._date_errors() + self._stage_field_errors():
            errors.setdefault(name, []).append(message)
        if self.status != ProjectStatus.ACTIVE and not self.status_reason.strip():
            errors.setdefault("status_reason", []).append(
                _("Say why the project is delayed, dormant or dropped.")
            )
        if errors:
            raise ValidationError(errors)

    def _type_errors(self) -> list[tuple[str, str]]:
        if self.extends_id is None:
            if self.project_type == ProjectType.CAPITAL_INCREASE:
                return [("extends", _("A capital increase must name the project it increases."))]
            return self._extension_errors()
        if self.project_type == ProjectType.NEW:
            return [("extends", _("A new project does not extend another; choose its type."))]
        node = self.extends
        while node is not None:
            if node.pk == self.pk:
                return [("extends", _("A project cannot extend itself, directly or in a chain."))]
            node = node.extends
        return self._increment_errors(self.extends.contract_value) + self._extension_errors()

    def _increment_errors(self, base_value: Decimal | None) -> list[tuple[str, str]]:
        if self.project_type != ProjectType.CAPITAL_INCREASE:
            return []
        if self.contract_value is None or base_value is None or self.contract_value >= base_value:
            return []
        message = _(
            "A capital increase's contract value is the total after the increase; "
            "it cannot be below the %(base)s yuan of the project it increases."
        ) % {"base": base_value}
        return [("contract_value", message)]

    def _extension_errors(self) -> list[tuple[str, str]]:
        """A base project cannot grow past the capital increases that extend it."""
        if self.pk is None or self.contract_value is None:
            return []
        below = self.extensions.filter(
            project_type=ProjectType.CAPITAL_INCREASE, contract_value__lt=self.contract_value
        ).values_list("code", flat=True)
        if not below:
            return []
        message = _(
            "Capital increases %(codes)s of this project have a total below this contract value; "
            "correct them first."
        ) % {"codes": ", ".join(below)}
        return [("contract_value", message)]

    def _stage_field_errors(self) -> list[tuple[str, str]]:
        """Dates and signing details of a stage the project has not reached are errors."""
        reached = STAGE_ORDER[Stage(self.stage)]
        errors = [
            (
                name,
                _("Only a project at stage “%(stage)s” or later has this.")
                % {"stage": Stage(stage).label},
            )
            for name, stage in STAGE_ONLY_FIELDS.items()
            if name != "signed_on_site"
            and getattr(self, name) is not None
            and reached < STAGE_ORDER[stage]
        ]
        if self.signed_on_site and reached < STAGE_ORDER[Stage.SIGNED]:
            errors.append(("signed_on_site", _("Only a signed project was signed on site.")))
        return errors

    def _convert_currency(self) -> list[tuple[str, str]]:
        """Fill in the yuan value of a foreign-currency contract; return what is wrong."""
        if self.original_currency == CNY:
            return []
        needed = {
            "original_amount": self.original_amount,
            "exchange_rate": self.exchange_rate,
            "exchange_rate_date": self.exchange_rate_date,
        }
        errors = [
            (
                name,
                _("Needed for a contract in %(currency)s.") % {"currency": self.original_currency},
            )
            for name, value in needed.items()
            if value is None
        ]
        if errors:
            return errors
        converted = (self.original_amount * self.exchange_rate).quantize(FEN)
        if self.contract_value is None:
            self.contract_value = converted
        elif abs(self.contract_value - converted) > FEN:
            return [
                (
                    "contract_value",
                    _("%(amount)s %(currency)s at %(rate)s is %(converted)s yuan, not %(value)s.")
                    % {
                        "amount": self.original_amount,
                        "currency": self.original_currency,
                        "rate": self.exchange_rate,
                        "converted": converted,
                        "value": self.contract_value,
                    },
                )
            ]
        return []

    def _date_errors(self) -> list[tuple[str, str]]:
        errors = []
        if self.signed_date and self.start_date and self.start_date < self.signed_date:
            errors.append(("start_date", _("A project cannot start before it is signed.")))
        if self.start_date and self.operating_date and self.operating_date < self.start_date:
            errors.append(("operating_date", _("A project cannot operate before it starts.")))
        event = self.signed_event
        if (
            event
            and self.signed_date
            and not (event.start_date <= self.signed_date <= event.last_date)
        ):
            errors.append(
                (
                    "signed_date",
                    _("The signing date must fall within the dates of the event it was signed at."),
                )
            )
        later = getattr(self, "pending_later_signing_events", None) or []
        if self.signed_event_id and any(e.pk == self.signed_event_id for e in later):
            errors.append(
                (
                    "later_signing_events",
                    _("The first signing event cannot also be a later one: it would count twice."),
                )
            )
        if self.signed_on_site and not self.signed_event_id:
            errors.append(
                ("signed_event", _("A project signed on site needs the event it was signed at."))
            )
        return errors

    def stage_date(self, stage: str) -> datetime.date | None:
        """The date the project's own fields give for reaching ``stage``."""
        name = STAGE_DATE_FIELDS.get(stage)
        return getattr(self, name) if name else None

    def save(self, *args, **kwargs):
        """Keep the stage history in step: a move to a new stage is a StageChange row.

        ``pending_stage_change`` may give the date, user and note of the move, or a whole
        ``history`` of (stage, date) steps ending at the current stage (a project entered late).
        Without a date, the move is dated by the project's own field for that stage, or today.
        """
        with transaction.atomic():
            stored_stage = (
                type(self)._base_manager.filter(pk=self.pk).values_list("stage", flat=True).first()
                if self.pk and not self._state.adding
                else None
            )
            super().save(*args, **kwargs)
            if stored_stage != self.stage:
                self._record_stage_moves(stored_stage or "")
        self.pending_investors = None
        self.pending_later_signing_events = None
        self.pending_stage_change = None

    def _record_stage_moves(self, from_stage: str) -> None:
        change = getattr(self, "pending_stage_change", None) or {}
        date = change.get("date") or self.stage_date(self.stage) or datetime.date.today()
        steps = change.get("history") or [(self.stage, date)]
        # A project saved for the first time has no history to be dated after.
        last = self.stage_changes.order_by("-date", "-id").first() if from_stage else None
        if last and steps[0][1] < last.date:
            raise ValidationError(
                {
                    "stage": _("The move cannot be dated before the last one (%(date)s).")
                    % {"date": last.date}
                }
            )
        for stage, step_date in steps:
            StageChange.objects.create(
                project=self,
                from_stage=from_stage,
                to_stage=stage,
                date=step_date,
                user=change.get("user"),
                note=change.get("note", ""),
            )
            from_stage = stage


class StageChange(ChangeLoggedModel):
    """A project moving from one stage to another; the latest one is the current stage."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("from"), max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=16, choices=Stage.choices)
    date = models.DateField(_("date"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stage_changes",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["project", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_stage=models.F("to_stage")),
                name="projects_stagechange_moves",
            ),
        ]
        indexes = [
            # A project's stage on a date (``with_stage_as_of``, the pipeline report and the
            # dashboard's funnel): an index-only lookup per project, no sort, no heap
            # (docs/decisions/0012); it serves the project's history in date order too.
            models.Index(
                fields=["project", "date", "id", "to_stage"], name="projects_stagechange_asof_idx"
            ),
        ]

    def __str__(self) -> str:
        source = self.get_from_stage_display() or "—"
        return f"{self.project.code}: {source} → {self.get_to_stage_display()} ({self.date})"


class FundsInPlace(ChangeLoggedModel, SampleFlagged, Verifiable):
    """Capital that actually arrived for a project in a month (到位资金)."""

    verified_figure_fields = ("project", "month", "amount", "amount_basis", "source_region")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="funds"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    amount = money_field(_("amount (yuan)"))
    amount_basis = money_basis_field(_("amount basis"))
    source_region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("source region"),
        on_delete=models.PROTECT,
        related_name="funds_sourced",
    )
    note = models.TextField(_("note"), blank=True)

    objects = VerifiableQuerySet.as_manager()

    class Meta:
        verbose_name = _("funds in place")
        verbose_name_plural = _("funds in place")
        ordering = ["-month", "project"]
        constraints = [
            non_negative("amount", "projects_funds_amount_gte_0"),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="projects_funds_month_first_day"
            ),
            models.UniqueConstraint(
                fields=["project", "month", "source_region"], name="projects_funds_unique_month"
            ),
        ]
        indexes = [models.Index(fields=["month"], name="projects_funds_month_idx")]

    def __str__(self) -> str:
        return f"{self.project.code} · {self.month:%Y-%m} · {self.source_region}"

    def clean(self) -> None:
        if self.month and self.month.day != 1:
            self.month = self.month.replace(day=1)


class FollowUp(ChangeLoggedModel, SampleFlagged):
    """A contact with a project or organisation, with the next action and when it is due."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    contact = models.ForeignKey(
        "organizations.Contact",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=FollowUpKind.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    summary = models.TextField(_("summary"))
    next_action = models.TextField(_("next action"), blank=True)
    next_action_due = models.DateField(_("next action due"), null=True, blank=True)
    next_action_done = models.DateField(_("next action done"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(project__isnull=False) | models.Q(organization__isnull=False),
                name="projects_followup_has_subject",
            ),
            ends_after_start("date", "next_action_due", "projects_followup_due_after_date"),
            ends_after_start("date", "next_action_done", "projects_followup_done_after_date"),
        ]
        indexes = [
            models.Index(fields=["next_action_due"], name="projects_followup_due_idx"),
            # The follow-up list's own order, paged deep: an index-only scan, not a sort of
            # every row (docs/decisions/0012).
            models.Index(fields=["date", "id"], name="projects_followup_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} · {self.project or self.organization}"

    def clean(self) -> None:
        errors = {}
        if not self.project_id and not self.organization_id:
            errors["project"] = _("A follow-up is about a project or an organisation; name one.")
        if self.next_action_due and not self.next_action.strip():
            errors["next_action"] = _("Say what the next action is when it has a due date.")
        if self.next_action_due and self.date and self.next_action_due < self.date:
            errors["next_action_due"] = _("The next action cannot be due before the follow-up.")
        if (
            self.contact_id
            and self.organization_id
            and self.contact.organization_id != self.organization_id
        ):
            errors["contact"] = _("The person must belong to the organisation.")
        if errors:
            raise ValidationError(errors)
