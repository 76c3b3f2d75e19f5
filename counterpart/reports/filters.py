"""The filters reports accept, applied the same way by every report."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from counterpart.core import formatting as fmt
from counterpart.core.choices import MoneyBasis
from counterpart.geo.models import Pairing

from .ids import RowIds


def month_end(day: datetime.date) -> datetime.date:
    """The last day of ``day``'s month."""
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def pairing_condition(pairing: Pairing, prefix: str = "") -> Q:
    """Capital from the partner side going to the home side, at city or province level."""

    def within(name: str, region_id: int) -> Q:
        return Q(**{f"{prefix}{name}": region_id}) | Q(**{f"{prefix}{name}__province": region_id})

    return within("destination_region", pairing.home_region_id) & within(
        "source_region", pairing.partner_region_id
    )


@dataclass(frozen=True)
class ReportFilters:
    """What a report is restricted to. Empty fields mean "not restricted"."""

    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    as_of: datetime.date | None = None
    pairing: str = ""  # Pairing.code: projects whose destination is its home region (or within)
    city: str = ""  # Region.code of the destination city
    task_force: str = ""  # TaskForce.code
    taxonomy: str = ""  # Taxonomy.code: projects tagged with an industry of it
    min_project_size: Decimal | None = None  # planned investment, yuan
    include_estimates: bool = False
    # Working views may count figures department staff have not verified yet; official
    # reports do not (``docs/decisions/0009``).
    include_unverified: bool = False

    def __post_init__(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError(
                f"The period ends ({self.period_end}) before it starts ({self.period_start})."
            )

    def projects(self, queryset: QuerySet, prefix: str = "") -> QuerySet:
        """Restrict a queryset of projects (or of rows reaching them through ``prefix``)."""
        conditions = Q()
        if self.pairing:
            conditions &= pairing_condition(Pairing.objects.get(code=self.pairing), prefix)
        if self.city:
            conditions &= Q(**{f"{prefix}destination_region__code": self.city})
        if self.task_force:
            conditions &= Q(**{f"{prefix}task_force__code": self.task_force})
        if self.taxonomy:
            conditions &= Q(**{f"{prefix}industries__taxonomy__code": self.taxonomy})
        if self.min_project_size is not None:
            conditions &= Q(**{f"{prefix}planned_investment__gte": self.min_project_size})
        queryset = queryset.filter(conditions)
        return queryset.distinct() if self.taxonomy else queryset

    def confirmed(self, field: str) -> Q:
        """Only confirmed figures count unless estimates are asked for."""
        if self.include_estimates:
            return Q()
        return Q(**{field: MoneyBasis.CONFIRMED})

    def verified(self, prefix: str = "") -> Q:
        """Only verified figures count unless unverified ones are asked for."""
        if self.include_unverified:
            return Q()
        return Q(**{f"{prefix}verified_at__isnull": False})

    def left_out(self, queryset: QuerySet, value: str | None = None) -> "Unverified":
        """The unverified rows of ``queryset`` (rows that otherwise count) that the report
        leaves out, with the sum of their ``value`` field; nothing when they are included."""
        if self.include_unverified:
            return Unverified()
        rows = queryset.filter(verified_at__isnull=True)
        totals = rows.aggregate(count=Count("pk"), **({"total": Sum(value)} if value else {}))
        total = None
        if value is not None:
            total = totals["total"] or Decimal(0)
        return Unverified(count=totals["count"], value=total, ids=RowIds(rows, totals["count"]))


@dataclass
class Unverified:
    """Figures a report left out because department staff have not verified them.

    ``value`` is their sum in yuan where the figures are money (None for mixed units)."""

    count: int = 0
    value: Decimal | None = None
    ids: RowIds = field(default_factory=RowIds)

    def __bool__(self) -> bool:
        return self.count > 0

    def note(self, lang: str, what_zh: str = "", what_en: str = "") -> str:
        """ "另有N项未核实数据（X）未计入。" / "N unverified figures (X) not counted."; empty if
        none was left out. ``what_zh``/``what_en`` name the figures (签约 / signing)."""
        if not self.count:
            return ""
        if lang == "en":
            amount = f" ({fmt.money(self.value, lang)})" if self.value is not None else ""
            noun = "figure" if self.count == 1 else "figures"
            what = f"{what_en} " if what_en else ""
            return f"{self.count} unverified {what}{noun}{amount} not counted."
        amount = f"（{fmt.money(self.value, lang)}）" if self.value is not None else ""
        return f"另有{self.count}项未核实{what_zh}数据{amount}未计入。"


def unverified_note(result, lang: str) -> str:
    """What a report result left out because it is not verified ("另有N项未核实数据（X）未计入。"),
    or ""."""
    notes = []
    unverified = getattr(result, "unverified", None)
    funds = getattr(result, "unverified_funds", None)
    if funds is not None:  # two kinds of figures: say which
        notes.append(unverified.note(lang, "签约", "signing") if unverified else "")
        notes.append(funds.note(lang, "到位资金", "funds-in-place"))
    elif unverified is not None:
        notes.append(unverified.note(lang))
    return ("" if lang == "zh" else " ").join(n for n in notes if n)
