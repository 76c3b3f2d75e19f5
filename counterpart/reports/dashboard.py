"""The dashboard's figures and chart series for a period and (optionally) a pairing.

Plain data, no rendering: the web view turns each ``Point.link`` (query parameters of the
project list, or of the funds list) into a URL, so that every number on a chart opens the rows
behind it. Counting rules are the reports': signings counted once at first signing, capital
increases by their increment, confirmed figures unless estimates are asked for.

The dashboard is a working view: it counts figures department staff have not verified yet
(``include_unverified``), like the lists its numbers open, and says how many of each headline's
rows are unverified (``Headline.unverified``), so that nobody takes it for an official figure
(``docs/decisions/0009``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.text import capfirst

from counterpart.core import ledger
from counterpart.core.choices import MoneyBasis
from counterpart.events.models import Event
from counterpart.geo.models import Pairing
from counterpart.industries.models import Industry
from counterpart.projects.choices import Stage
from counterpart.projects.models import FundsInPlace, Project

from .brief import signed_for, signed_projects_for
from .capital import capital_by_source
from .document import in_brief_language
from .filters import ReportFilters, month_end
from .pairings import PairingLeague, pairing_league
from .pipeline import pipeline
from .signing import ZERO, EventSummary, event_signing_summary
from .text import localized_name

DEFAULT_TAXONOMY = "hlj-4567"
DEFAULT_PARENT_PAIRING = "PAIR-HLJ-GD"


@dataclass
class Point:
    label: str
    value: Decimal | int
    link: dict[str, str] = field(default_factory=dict)  # query parameters of the list below
    key: str = ""  # a code: stage, month, industry, region
    target: str = "projects"  # which list the link filters: "projects" or "funds"


@dataclass
class Headline:
    key: str  # signed-count, signed-value, funds, pipeline
    value: Decimal | int
    money: bool
    link: dict[str, str]
    target: str = "projects"  # which list the link filters: "projects" or "funds"
    unverified: int = 0  # of the rows behind the figure, those not verified (counted here)


@dataclass
class GraphLink:
    source: str  # home city name
    target: str  # partner city name
    value: Decimal  # signed value
    count: int
    link: dict[str, str]


@dataclass
class Dashboard:
    filters: ReportFilters
    lang: str
    start: datetime.date
    end: datetime.date
    headlines: list[Headline]
    funnel: list[Point]
    signed_by_month: list[Point]
    by_industry: list[Point]
    capital_by_source: list[Point]
    league: PairingLeague | None
    graph_home: list[str]
    graph_partner: list[str]
    graph_links: list[GraphLink]
    latest_event: EventSummary | None = None  # the last signing event up to the period's end

    def headline(self, key: str) -> Headline:
        return next(h for h in self.headlines if h.key == key)


@in_brief_language
def dashboard(
    start: datetime.date,
    end: datetime.date,
    lang: str,
    pairing: str = "",
    *,
    taxonomy: str = DEFAULT_TAXONOMY,
    parent_pairing: str = DEFAULT_PARENT_PAIRING,
    receiving_province: str = "230000",
) -> Dashboard:
    """Everything the dashboard shows, computed in a fixed number of queries."""
    filters = ReportFilters(
        period_start=start, period_end=end, pairing=pairing, include_unverified=True
    )
    scope = {"pairing": pairing} if pairing else {}
    period = {"signed_after": start.isoformat(), "signed_before": end.isoformat()}
    signed = signed_for(filters, end)
    # The signed projects as a subquery (not ``signed.project_ids``, which at a million projects
    # can exceed the parameters SQLite takes in one statement).
    signed_rows = signed_projects_for(filters, end).values("pk")
    funds, funds_unverified = _funds(filters)
    report_pipeline = pipeline(end, ReportFilters(pairing=pairing), source_province="")
    open_stages = (Stage.LEAD, Stage.NEGOTIATING)
    pipeline_size = sum(report_pipeline.count(s) for s in open_stages)
    headlines = [
        Headline(
            "signed-count", signed.count, False, {**scope, **period}, "projects", signed.unverified
        ),
        Headline(
            "signed-value", signed.value, True, {**scope, **period}, "projects", signed.unverified
        ),
        Headline(
            "funds", funds, True, {**scope, **_month_range(start, end)}, "funds", funds_unverified
        ),
        Headline("pipeline", pipeline_size, False, {**scope, "stage": "lead,negotiating"}),
    ]
    funnel = [
        Point(str(capfirst(s.stage.label)), s.count, {**scope, "stage": str(s.stage)}, str(s.stage))
        for s in report_pipeline.stages
    ]
    league = None  # an empty ledger has no pairings yet
    if Pairing.objects.filter(code=parent_pairing).exists():
        league = pairing_league(filters, parent_pairing)
    home, partner, links = _graph(league, lang, period)
    return Dashboard(
        filters=filters,
        lang=lang,
        start=start,
        end=end,
        headlines=headlines,
        funnel=funnel,
        signed_by_month=_signed_by_month(signed_rows, scope),
        by_industry=_by_industry(signed_rows, taxonomy, lang, {**scope, **period}),
        capital_by_source=_capital(filters, receiving_province, lang, scope, start, end),
        league=league,
        graph_home=home,
        graph_partner=partner,
        graph_links=links,
        latest_event=_latest_event(end, pairing),
    )


def _latest_event(end: datetime.date, pairing: str) -> EventSummary | None:
    """What was signed at the most recent event at which projects were signed."""
    event = (
        Event.objects.filter(start_date__lte=end, signed_projects__isnull=False)
        .order_by("-start_date", "-pk")
        .first()
    )
    if event is None:
        return None
    return event_signing_summary(
        event.code, ReportFilters(pairing=pairing, include_unverified=True)
    )


def _funds(filters: ReportFilters) -> tuple[Decimal, int]:
    """The period's funds in place, and how many of their rows are not verified."""
    rows = FundsInPlace.objects.filter(
        month__gte=filters.period_start.replace(day=1), month__lte=filters.period_end
    )
    rows = filters.projects(rows, prefix="project__") if filters.pairing else rows
    totals = rows.aggregate(
        total=Sum("amount"), unverified=Count("pk", filter=Q(verified_at__isnull=True))
    )
    return totals["total"] or ZERO, totals["unverified"] or 0


def _month_range(start: datetime.date, end: datetime.date) -> dict[str, str]:
    return {"month_after": start.replace(day=1).isoformat(), "month_before": end.isoformat()}


def _signed_by_month(project_ids: QuerySet, scope: dict) -> list[Point]:
    months = (
        Project.objects.with_counted_value()
        .filter(pk__in=project_ids)
        .annotate(month=TruncMonth("signed_date"))
        .values("month")
        .annotate(value=Sum("counted_value"), n=Count("pk"))
        .order_by("month")
    )
    points = []
    for row in months:
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        last = month_end(month).isoformat()
        link = {**scope, "signed_after": month.isoformat(), "signed_before": last}
        points.append(Point(month.strftime("%Y-%m"), row["value"] or ZERO, link, str(month)))
    return points


def _by_industry(
    project_ids: QuerySet, taxonomy: str, lang: str, link: dict[str, str]
) -> list[Point]:
    """Signed value per top-level industry of the taxonomy; a project tagged with industries of
    several branches counts in each of them (so the bars may add up to more than the total).

    One query: a conditional sum per branch over the signed projects, a project counting in a
    branch when it carries any industry of it (EXISTS, so that two tags in one branch count once).
    """
    industries = {
        i.pk: i
        for i in Industry.objects.filter(taxonomy__code=taxonomy).only(
            "pk", "parent_id", "code", "name_zh", "name_en"
        )
    }
    branches = _branches(industries)
    if not branches:
        return []
    tags = Project.industries.through.objects.filter(project_id=OuterRef("pk"))
    tagged = {root: Q(Exists(tags.filter(industry_id__in=ids))) for root, ids in branches.items()}
    figures = {f"value_{root}": Sum("counted_value", filter=q) for root, q in tagged.items()}
    figures |= {f"count_{root}": Count("pk", filter=q) for root, q in tagged.items()}
    totals = Project.objects.with_counted_value().filter(pk__in=project_ids).aggregate(**figures)
    points = [
        Point(
            localized_name(industries[root], lang),
            totals[f"value_{root}"] or ZERO,
            {**link, "industry_id": str(root)},
            industries[root].code,
        )
        for root in branches
        if totals[f"count_{root}"]
    ]
    return sorted(points, key=lambda p: (-p.value, p.key))


def _branches(industries: dict[int, Industry]) -> dict[int, list[int]]:
    """The industries of each top-level industry's branch (itself and all below it)."""
    branches: dict[int, list[int]] = {}
    for industry in industries.values():
        root = industry
        while root.parent_id in industries:
            root = industries[root.parent_id]
        branches.setdefault(root.pk, []).append(industry.pk)
    return branches


def _capital(
    filters: ReportFilters,
    receiving: str,
    lang: str,
    scope: dict,
    start: datetime.date,
    end: datetime.date,
) -> list[Point]:
    """Funds in place per source province, each bar linked to its funds rows: the capital
    report's rule (the project's destination in the receiving province, confirmed amounts unless
    estimates count) as filters of the funds list."""
    report_filters = ReportFilters(
        period_start=start, period_end=end, pairing=filters.pairing, include_unverified=True
    )
    report = capital_by_source(report_filters, receiving)
    rule = {"destination_region": receiving}
    if not report_filters.include_estimates:
        rule["amount_basis"] = MoneyBasis.CONFIRMED.value
    return [
        Point(
            f"{row.rank}. {localized_name(row.region, lang)}",
            row.amount,
            {**scope, **rule, "source_region": row.region.code, **_month_range(start, end)},
            row.region.code,
            target="funds",
        )
        for row in report.rows
    ]


def _graph(
    league: PairingLeague | None, lang: str, period: dict[str, str]
) -> tuple[list[str], list[str], list[GraphLink]]:
    home, partner, links = [], [], []
    for row in league.rows if league else []:
        pairing: Pairing = row.pairing
        home_name = localized_name(pairing.home_region, lang)
        partner_name = localized_name(pairing.partner_region, lang)
        home += [home_name] if home_name not in home else []
        partner += [partner_name] if partner_name not in partner else []
        links.append(
            GraphLink(
                home_name,
                partner_name,
                row.signed.value,
                row.signed.count,
                {"pairing": pairing.code, **period},
            )
        )
    return home, partner, links


def cached_dashboard(
    start: datetime.date, end: datetime.date, lang: str, pairing: str = ""
) -> Dashboard:
    """``dashboard()``, cached for the ledger's generation (``core/ledger.py``): any committed
    write makes the next call compute it again. The figures do not depend on who asks (the
    dashboard shows the whole ledger), so one entry serves every user, the page and the API."""
    return ledger.cached(
        ("dashboard", start, end, lang, pairing),
        lambda: dashboard(start, end, lang, pairing),
    )
