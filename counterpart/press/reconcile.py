"""Do the published figures agree with the ledger? Each confirmed reported figure is computed
again from data with the report functions and compared in the figure's own unit and rounding.

"982.38亿元" states hundredths of 亿元, so it agrees with any ledger value that rounds to
98,238,000,000 yuan at that step; "98.24 billion yuan" agrees at two decimals. A qualifier
changes the test: "超过50亿元" agrees with anything above 5e9. A figure whose scope the ledger
cannot compute (no event, an unknown subset, a metric without a rule) says why.

The ledger's value is the official one: only figures department staff verified count (signing
figures, funds in place, indicator observations; ``docs/decisions/0009``). Where counting the
unverified ones too would give another value, the reconciliation says so (``with_unverified``)
and whether the verdict would then change, so that a "differs" caused by a figure awaiting
verification is told apart from a real difference.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from counterpart.events.models import Event, ParticipationRole
from counterpart.geo.models import Pairing
from counterpart.reports.capital import capital_by_source
from counterpart.reports.filters import ReportFilters
from counterpart.reports.indicator import indicator_figure
from counterpart.reports.pipeline import pipeline
from counterpart.reports.signing import signed_projects, tally

from .models import FigureStatus, FigureUnit, Metric, Qualifier, ReportedFigure


class Verdict:
    AGREES = "agrees"
    DIFFERS = "differs"
    NOT_COMPUTABLE = "not_computable"

    # Their own context: "differs" alone is already 不同 on the duplicate pages.
    LABELS = {
        AGREES: pgettext_lazy("verdict", "agrees"),
        DIFFERS: pgettext_lazy("verdict", "differs"),
        NOT_COMPUTABLE: pgettext_lazy("verdict", "not computable"),
    }


OFFICIAL = ReportFilters()  # verified, confirmed figures: what official reports count
WORKING = ReportFilters(include_unverified=True)


class NotComputable(Exception):
    """The ledger cannot compute the figure's scope; the message says why."""


# ---------------------------------------------------------------------------- stated form

SCALES = {
    "万亿": Decimal("1e12"),
    "亿": Decimal("1e8"),
    "千万": Decimal("1e7"),
    "百万": Decimal("1e6"),
    "万": Decimal("1e4"),
    "千": Decimal("1e3"),
    "trillion": Decimal("1e12"),
    "tn": Decimal("1e12"),
    "billion": Decimal("1e9"),
    "bn": Decimal("1e9"),
    "million": Decimal("1e6"),
    "mn": Decimal("1e6"),
    "m": Decimal("1e6"),
    "thousand": Decimal("1e3"),
}
NUMBER_IN_QUOTE = re.compile(
    r"(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>万亿|亿|千万|百万|万|千|trillion|billion|"
    r"million|thousand|bn|tn|mn|m\b)?",
    re.IGNORECASE,
)
UNIT_WORDS = {
    FigureUnit.YUAN: ("元", "yuan"),
    FigureUnit.PERCENT: ("%", "%"),
    FigureUnit.COUNT: ("", ""),
    FigureUnit.RANK: ("", ""),
    FigureUnit.YEARS: ("年", "years"),
}


@dataclass(frozen=True)
class Stated:
    """How a figure was written: the scale of its number (亿 = 1e8) and its decimals."""

    scale: Decimal = Decimal(1)
    decimals: int = 0
    scale_word: str = ""

    @property
    def step(self) -> Decimal:
        return self.scale * Decimal(1).scaleb(-self.decimals)

    def round(self, value: Decimal) -> Decimal:
        return (value / self.step).quantize(Decimal(1), ROUND_HALF_UP) * self.step

    def render(self, value: Decimal, unit: str, language: str) -> str:
        """``value`` (base unit) written as the figure was: 982.38亿元, 98.238 billion yuan."""
        number = (value / self.scale).quantize(Decimal(1).scaleb(-self.decimals), ROUND_HALF_UP)
        zh, en = UNIT_WORDS.get(unit, ("", ""))
        if language == "zh":
            return f"{number:,f}{self.scale_word}{zh}".replace(",", "") if zh else f"{number:,f}"
        words = " ".join(part for part in (self.scale_word, en) if part)
        if unit == FigureUnit.PERCENT:
            return f"{number:,f}%"
        return f"{number:,f} {words}".strip()


def stated_form(figure: ReportedFigure) -> Stated:
    """The scale and decimals of the number in the figure's quote that gives its value."""
    for match in NUMBER_IN_QUOTE.finditer(figure.quoted_span):
        digits = match["number"].replace(",", "")
        word = (match["scale"] or "").lower()
        scale = SCALES.get(word, Decimal(1)) if figure.unit == FigureUnit.YUAN else Decimal(1)
        if Decimal(digits) * scale == figure.value:
            decimals = len(digits.split(".")[1]) if "." in digits else 0
            return Stated(scale, decimals, match["scale"] or "")
    if figure.unit == FigureUnit.YUAN:
        in_quotes_scale = _in_scale_of_quote(figure)
        if in_quotes_scale is not None:
            return in_quotes_scale
    # Written in words (一百九十二, 近百亿): compare at the figure's own last digit.
    return Stated(Decimal(1), _decimals(figure.value))


def _decimals(value: Decimal | int) -> int:
    return max(0, -Decimal(value).normalize().as_tuple().exponent)


def _in_scale_of_quote(figure: ReportedFigure) -> Stated | None:
    """A corrected amount (the quote says 118.4亿元, the reviewer 118.5亿) in the quote's scale,
    when it is written there with a few decimals: not as 11850000000元."""
    for match in NUMBER_IN_QUOTE.finditer(figure.quoted_span):
        word = (match["scale"] or "").lower()
        if word in SCALES:
            decimals = _decimals(Decimal(figure.value) / SCALES[word])
            if decimals <= 4:
                return Stated(SCALES[word], decimals, match["scale"])
    return None


# ---------------------------------------------------------------------------- the ledger


def _event(figure: ReportedFigure) -> Event:
    if figure.event is None:
        raise NotComputable(_("The figure is not linked to an event."))
    return figure.event


SIGNING_SUBSET = {"signed_on_site": "signed_on_site", "category": "category"}


def _signed(figure: ReportedFigure, filters: ReportFilters = OFFICIAL) -> tuple[Decimal, str]:
    event = _event(figure)
    projects = signed_projects(event, filters)
    for key, value in (figure.subset or {}).items():
        if key not in SIGNING_SUBSET:
            raise NotComputable(_("The subset “%(key)s” has no ledger rule.") % {"key": key})
        projects = projects.filter(**{SIGNING_SUBSET[key]: value})
    result = tally(projects)
    how = _("%(count)s projects signed at %(event)s and its sub-events") % {
        "count": result.count,
        "event": event.code,
    }
    if figure.metric == Metric.SIGNED_COUNT:
        return Decimal(result.count), how
    return result.value, how


def _period(figure: ReportedFigure) -> tuple[datetime.date, datetime.date]:
    if not figure.period_start or not figure.period_end:
        raise NotComputable(_("The figure has no period."))
    return figure.period_start, figure.period_end


def _funds(figure: ReportedFigure, filters: ReportFilters = OFFICIAL) -> tuple[Decimal, str]:
    start, end = _period(figure)
    if figure.source_region is None or figure.region is None:
        raise NotComputable(_("The figure needs a receiving region and a source region."))
    subset = dict(figure.subset or {})
    minimum = subset.pop("min_project_size", None)
    if subset:
        raise NotComputable(
            _("The subset “%(key)s” has no ledger rule.") % {"key": ", ".join(subset)}
        )
    filters = ReportFilters(
        period_start=start,
        period_end=end,
        min_project_size=Decimal(str(minimum)) if minimum is not None else None,
        include_unverified=filters.include_unverified,
    )
    report = capital_by_source(filters, receiving_province=figure.region.code)
    row = report.row_for(figure.source_region.code)
    how = _("funds in place in %(region)s from %(source)s, %(start)s to %(end)s") % {
        "region": figure.region.code,
        "source": figure.source_region.code,
        "start": start,
        "end": end,
    }
    if figure.metric == Metric.SOURCE_RANK:
        if row is None:
            raise NotComputable(_("The ledger has no funds from that source in the period."))
        return Decimal(row.rank), how
    return (row.amount if row else Decimal(0)), how


def _pipeline(figure: ReportedFigure, filters: ReportFilters = OFFICIAL) -> tuple[Decimal, str]:
    as_of = figure.period_end or figure.document.published_date
    if as_of is None:
        raise NotComputable(_("The figure has no date to count the pipeline on."))
    if figure.source_region is None:
        raise NotComputable(_("The figure needs a source region."))
    report = pipeline(as_of, source_province=figure.source_region.code)
    how = _("well-formed projects from %(source)s on %(day)s") % {
        "source": figure.source_region.code,
        "day": as_of,
    }
    return Decimal(len(report.well_formed_ids)), how


def _indicator(figure: ReportedFigure, filters: ReportFilters = OFFICIAL) -> tuple[Decimal, str]:
    if figure.indicator is None or figure.region is None:
        raise NotComputable(_("The figure needs an indicator and a region."))
    start, end = _period(figure)
    if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31) or start.year != end.year:
        raise NotComputable(_("Only calendar years are computed for indicators."))
    found = indicator_figure(figure.indicator.code, start.year, figure.region.code, filters)
    how = _("%(indicator)s, %(region)s, %(year)s") % {
        "indicator": figure.indicator.code,
        "region": figure.region.code,
        "year": start.year,
    }
    if found.value is None:
        raise NotComputable(_("The ledger has no observation for that year."))
    if figure.metric == Metric.INDICATOR_VALUE:
        return found.value, how
    if figure.metric == Metric.GROWTH:
        if not found.previous:
            raise NotComputable(_("The ledger has no observation for the year before."))
        return (found.value / found.previous - 1) * 100, how
    if not found.parent_total:
        raise NotComputable(_("The ledger has no national total for that year."))
    return found.value / found.parent_total * 100, how


def _event_count(figure: ReportedFigure, filters: ReportFilters = OFFICIAL) -> tuple[Decimal, str]:
    start, end = _period(figure)
    subset = dict(figure.subset or {})
    events = Event.objects.filter(start_date__range=(start, end))
    if "kind" in subset:
        events = events.filter(kind=subset.pop("kind"))
    if "held_in" in subset:
        events = events.filter(region__province__code=subset.pop("held_in"))
    if figure.region is not None:
        events = events.filter(organizer_region__province__code=figure.region.code)
    level = subset.pop("organizer_level", None)
    if subset:
        raise NotComputable(
            _("The subset “%(key)s” has no ledger rule.") % {"key": ", ".join(subset)}
        )
    if level:  # "13 cities held events": the organisers are counted
        events = events.filter(organizer_region__level=level)
        count = events.aggregate(n=Count("organizer_region", distinct=True))["n"]
        return Decimal(count), _("organisers of events, %(start)s to %(end)s") % {
            "start": start,
            "end": end,
        }
    return Decimal(events.count()), _("events, %(start)s to %(end)s") % {
        "start": start,
        "end": end,
    }


def _participations(figure: ReportedFigure, roles: tuple[str, ...]) -> tuple[Decimal, str]:
    event = _event(figure)
    count = event.participations.filter(role__in=roles).count()
    if not count:
        raise NotComputable(_("The ledger records no such participants of the event."))
    return Decimal(count), _("organisations taking part in %(event)s as %(roles)s") % {
        "event": event.code,
        "roles": ", ".join(roles),
    }


def _participants(figure: ReportedFigure, filters: ReportFilters = OFFICIAL) -> tuple[Decimal, str]:
    event = _event(figure)
    if event.attendance is not None:
        return Decimal(event.attendance), _("the organiser's count of attendance at %(event)s") % {
            "event": event.code
        }
    return _participations(figure, (ParticipationRole.ATTENDEE, ParticipationRole.SIGNATORY))


def _organizations_visited(
    figure: ReportedFigure, filters: ReportFilters = OFFICIAL
) -> tuple[Decimal, str]:
    return _participations(figure, (ParticipationRole.VISITED,))


def _years(figure: ReportedFigure, filters: ReportFilters = OFFICIAL) -> tuple[Decimal, str]:
    code = (figure.subset or {}).get("pairing")
    day = figure.period_end or figure.document.published_date
    if not code or day is None:
        raise NotComputable(_("The figure needs a pairing (subset “pairing”) and a date."))
    pairing = Pairing.objects.filter(code=code).first()
    if pairing is None:
        raise NotComputable(_("No pairing “%(code)s” in the ledger.") % {"code": code})
    return Decimal(pairing.years_as_of(day.year)), _("full years of %(pairing)s by %(year)s") % {
        "pairing": code,
        "year": day.year,
    }


COMPUTERS: dict[str, Callable[[ReportedFigure, ReportFilters], tuple[Decimal, str]]] = {
    Metric.SIGNED_COUNT: _signed,
    Metric.SIGNED_VALUE: _signed,
    Metric.FUNDS_IN_PLACE: _funds,
    Metric.SOURCE_RANK: _funds,
    Metric.PIPELINE_COUNT: _pipeline,
    Metric.INDICATOR_VALUE: _indicator,
    Metric.GROWTH: _indicator,
    Metric.SHARE: _indicator,
    Metric.EVENT_COUNT: _event_count,
    Metric.PARTICIPANT_COUNT: _participants,
    Metric.ORGANIZATION_COUNT: _organizations_visited,
    Metric.DURATION_YEARS: _years,
}


# The metrics computed from figures that count only once verified.
VERIFIED_METRICS = {
    Metric.SIGNED_COUNT,
    Metric.SIGNED_VALUE,
    Metric.FUNDS_IN_PLACE,
    Metric.SOURCE_RANK,
    Metric.INDICATOR_VALUE,
    Metric.GROWTH,
    Metric.SHARE,
}


def ledger_value(figure: ReportedFigure, filters: ReportFilters = OFFICIAL) -> tuple[Decimal, str]:
    """The ledger's value for the figure's scope and how it was computed (the official value:
    verified figures only, unless ``filters`` include unverified ones)."""
    compute = COMPUTERS.get(figure.metric)
    if compute is None:
        raise NotComputable(
            _("The ledger has no rule for “%(metric)s”.") % {"metric": figure.get_metric_display()}
        )
    return compute(figure, filters)


# ---------------------------------------------------------------------------- comparing


@dataclass(frozen=True)
class Reconciliation:
    figure: ReportedFigure
    verdict: str
    published: str  # the figure as written in its own unit
    ledger: str = ""  # the ledger's value, written the same way
    difference: str = ""  # ledger − published, written the same way ("" when agreeing)
    ledger_value: Decimal | None = None
    how: str = ""
    reason: str = ""  # why it is not computable
    # Where unverified figures would change the ledger's value: that value, written the same
    # way, and the verdict it would give.
    with_unverified: str = ""
    with_unverified_verdict: str = ""

    @property
    def verdict_label(self) -> str:
        return str(Verdict.LABELS[self.verdict])

    @property
    def unverified_note(self) -> str:
        """ "Counting unverified figures, the ledger would give X (agrees)." or ""."""
        if not self.with_unverified:
            return ""
        return _(
            "Counting figures not yet verified, the ledger would give %(value)s (%(verdict)s)."
        ) % {
            "value": self.with_unverified,
            "verdict": Verdict.LABELS[self.with_unverified_verdict],
        }

    def as_dict(self) -> dict:
        figure = self.figure
        return {
            "figure": figure.pk,
            "document": figure.document.reference,
            "metric": figure.metric,
            "quote": figure.quoted_span,
            "event": figure.event.code if figure.event else None,
            "published_value": str(figure.value),
            "qualifier": figure.qualifier,
            "ledger_value": None if self.ledger_value is None else str(self.ledger_value),
            "verdict": self.verdict,
            "published": self.published,
            "ledger": self.ledger,
            "difference": self.difference,
            "how": self.how,
            "reason": self.reason,
            "with_unverified": self.with_unverified,
            "with_unverified_verdict": self.with_unverified_verdict,
        }


def agrees(figure: ReportedFigure, ledger: Decimal, stated: Stated) -> bool:
    value = figure.value
    if figure.qualifier == Qualifier.MORE_THAN and figure.unit == FigureUnit.YEARS:
        return ledger >= value  # the ledger counts whole years: 6 full years is "over 6 years"
    if figure.qualifier == Qualifier.MORE_THAN:
        return ledger > value
    if figure.qualifier == Qualifier.AT_LEAST:
        return ledger >= value
    if figure.qualifier == Qualifier.AT_MOST:
        return ledger <= value
    if figure.qualifier == Qualifier.APPROXIMATE:  # 近百亿, about 12 billion: within 5 %
        return abs(ledger - value) <= max(stated.step / 2, abs(value) * Decimal("0.05"))
    return stated.round(ledger) == value


def reconcile_figure(figure: ReportedFigure) -> Reconciliation:
    stated = stated_form(figure)
    language = figure.document.language
    published = stated.render(figure.value, figure.unit, language)
    try:
        ledger, how = ledger_value(figure)
    except NotComputable as reason:
        result = Reconciliation(figure, Verdict.NOT_COMPUTABLE, published, reason=str(reason))
        if figure.metric in VERIFIED_METRICS:  # only unverified figures to compute it from?
            try:
                working, _how = ledger_value(figure, WORKING)
            except NotComputable:
                return result
            result = dataclasses.replace(
                result,
                with_unverified=stated.render(working, figure.unit, language),
                with_unverified_verdict=(
                    Verdict.AGREES if agrees(figure, working, stated) else Verdict.DIFFERS
                ),
            )
        return result
    ok = agrees(figure, ledger, stated)
    difference = "" if ok else stated.render(ledger - figure.value, figure.unit, language)
    if difference and not difference.startswith("-"):
        difference = "+" + difference
    with_unverified = with_unverified_verdict = ""
    if figure.metric in VERIFIED_METRICS:
        try:
            working, _how = ledger_value(figure, WORKING)
        except NotComputable:
            working = None
        if working is not None and working != ledger:
            with_unverified = stated.render(working, figure.unit, language)
            with_unverified_verdict = (
                Verdict.AGREES if agrees(figure, working, stated) else Verdict.DIFFERS
            )
    return Reconciliation(
        figure,
        Verdict.AGREES if ok else Verdict.DIFFERS,
        published,
        ledger=stated.render(ledger, figure.unit, language),
        difference=difference,
        ledger_value=ledger,
        how=how,
        with_unverified=with_unverified,
        with_unverified_verdict=with_unverified_verdict,
    )


def figures_to_reconcile(event_code: str = "") -> QuerySet:
    figures = ReportedFigure.objects.filter(status=FigureStatus.CONFIRMED).select_related(
        "document", "event", "region", "source_region", "indicator"
    )
    if event_code:
        figures = figures.filter(event__code=event_code)
    return figures.order_by("document__reference", "span_start", "pk")


def reconcile(figures: Iterable[ReportedFigure]) -> list[Reconciliation]:
    return [reconcile_figure(figure) for figure in figures]


def verdict_counts(results: list) -> dict[str, int]:
    return {key: sum(r.verdict == key for r in results) for key in Verdict.LABELS}


def summary(results: list) -> str:
    """One line for the page and the command: how many agree, differ, cannot be computed."""
    counts = verdict_counts(results)
    total = len(results)
    return _(
        "%(total)s: %(agrees)s agree, %(differs)s differ, %(not_computable)s cannot be computed."
    ) % {
        "total": ngettext("%(n)d confirmed figure", "%(n)d confirmed figures", total)
        % {"n": total},
        "agrees": counts[Verdict.AGREES],
        "differs": counts[Verdict.DIFFERS],
        "not_computable": counts[Verdict.NOT_COMPUTABLE],
    }
