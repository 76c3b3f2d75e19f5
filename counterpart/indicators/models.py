from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from counterpart.core.choices import MoneyBasis
from counterpart.core.fields import ends_after_start
from counterpart.core.models import (
    ChangeLoggedModel,
    SampleFlagged,
    Verifiable,
    VerifiableQuerySet,
)
from counterpart.industries.models import slug_validator


class Unit(models.TextChoices):
    YUAN = "yuan", _("yuan")
    USD = "usd", _("US dollars")
    PERSONS = "persons", _("persons")
    COUNT = "count", _("count")
    TONNES = "tonnes", _("tonnes")
    PERCENT = "percent", _("per cent")


class Indicator(ChangeLoggedModel):
    """A named time series (trade with Russia, tourist arrivals) observed per region.

    Year-on-year change and share of a parent region's total are computed, never stored.
    """

    code = models.CharField(_("code"), max_length=64, unique=True, validators=[slug_validator])
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_zh


class PeriodType(models.TextChoices):
    YEAR = "year", _("year")
    QUARTER = "quarter", _("quarter")
    MONTH = "month", _("month")
    YEAR_TO_DATE = "ytd", _("year to date")


class Observation(ChangeLoggedModel, SampleFlagged, Verifiable):
    """The value of an indicator for a region over a period."""

    verified_figure_fields = (
        "indicator",
        "region",
        "period_type",
        "period_start",
        "period_end",
        "value",
        "basis",
    )

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    period_type = models.CharField(_("period type"), max_length=8, choices=PeriodType.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=4)
    basis = models.CharField(
        _("basis"), max_length=16, choices=MoneyBasis.choices, default=MoneyBasis.CONFIRMED
    )
    source_document = models.ForeignKey(
        "press.SourceDocument",
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
    )
    note = models.TextField(_("note"), blank=True)

    objects = VerifiableQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator", "region__code", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "period_start", "period_end"],
                name="indicators_observation_unique_period",
            ),
            ends_after_start(
                "period_start", "period_end", "indicators_observation_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.indicator} · {self.region} · {self.period_start:%Y-%m}–{self.period_end:%Y-%m}"
        )

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})
        if self.period_type == PeriodType.YEAR and not self._is_calendar_year():
            raise ValidationError(
                {"period_end": _("A year runs from 1 January to 31 December of one year.")}
            )

    def _is_calendar_year(self) -> bool:
        start, end = self.period_start, self.period_end
        if not (start and end):
            return True
        return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and (
            start.year == end.year
        )
