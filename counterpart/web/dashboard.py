"""The dashboard (home page): headline figures and charts for a period and a pairing.

The figures come from ``reports.dashboard``; this module validates the request, turns each
figure's filter into a URL of the list it names (projects or funds in place), and hands ECharts
its options as JSON. The figures are cached for the ledger's generation (``core/ledger.py``,
``docs/decisions/0012``): the next page load after any committed write computes them again.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.db.models import Max
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from counterpart.core import formatting as fmt
from counterpart.core import ledger
from counterpart.geo.models import Pairing
from counterpart.projects.models import Project
from counterpart.reports.dashboard import Dashboard, Point, cached_dashboard
from counterpart.reports.filters import month_end

MONTH_INPUT = "%Y-%m"


class DashboardForm(forms.Form):
    start = forms.DateField(
        label=_("from (month)"),
        input_formats=[MONTH_INPUT],
        widget=forms.DateInput(attrs={"type": "month"}, format=MONTH_INPUT),
    )
    end = forms.DateField(
        label=_("to (month)"),
        input_formats=[MONTH_INPUT],
        widget=forms.DateInput(attrs={"type": "month"}, format=MONTH_INPUT),
    )
    pairing = forms.ModelChoiceField(
        label=_("pairing"),
        queryset=Pairing.objects.filter(parent__isnull=False).select_related(
            "home_region", "partner_region"
        ),
        to_field_name="code",
        required=False,
        empty_label=_("All pairings"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] += " is-invalid"
                attrs["aria-describedby"] = f"id_{name}-error"

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        return data


def default_period() -> tuple[datetime.date, datetime.date]:
    """The calendar year of the latest signing, so a fresh ledger opens on its own data."""
    latest = ledger.cached(
        ("dashboard-latest-signing",),
        lambda: Project.objects.aggregate(latest=Max("signed_date"))["latest"],
    )
    year = (latest or datetime.date.today()).year
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def home(request):
    start, end = default_period()
    form = DashboardForm(request.GET or None, initial={"start": start, "end": end})
    pairing = ""
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], month_end(form.cleaned_data["end"])
        pairing = form.cleaned_data["pairing"].code if form.cleaned_data["pairing"] else ""
    elif request.GET:
        return render(request, "web/dashboard.html", {"form": form, "board": None}, status=400)
    lang = "en" if get_language() == "en" else "zh"
    board = cached_dashboard(start, end, lang, pairing)
    context = {
        "form": form,
        "board": board,
        "cards": _cards(board, lang),
        "charts": _charts(board, lang),
        "latest": _latest(board, lang),
        "league": board.league.rows if board.league else [],
    }
    return render(request, "web/dashboard.html", context)


LISTS = {"projects": "projects:project_list", "funds": "projects:fundsinplace_list"}


def projects_url(link: dict[str, str], target: str = "projects") -> str:
    """The list ``target`` names (the projects, the funds in place) filtered as ``link`` says
    (comma-separated values repeat the key)."""
    pairs = [(key, part) for key, value in link.items() for part in str(value).split(",")]
    return f"{reverse(LISTS[target])}?{urlencode(pairs)}"


def _cards(board: Dashboard, lang: str) -> list[dict]:
    labels = {
        "signed-count": _("Projects signed"),
        "signed-value": _("Contract value signed"),
        "funds": _("Funds in place"),
        "pipeline": _("Leads and negotiations"),
    }
    cards = []
    for headline in board.headlines:
        value = headline.value
        text = fmt.money(value, lang) if headline.money else fmt.count(int(value), lang)
        url = projects_url(headline.link, headline.target)
        unverified = ""
        if headline.unverified:
            unverified = ngettext(
                "%(count)d row not yet verified",
                "%(count)d rows not yet verified",
                headline.unverified,
            ) % {"count": headline.unverified}
        cards.append(
            {"label": labels[headline.key], "text": text, "url": url, "unverified": unverified}
        )
    return cards


def _latest(board: Dashboard, lang: str) -> dict | None:
    summary = board.latest_event
    if summary is None:
        return None
    event = summary.event
    return {
        "title": (event.title_en or event.title_zh) if lang == "en" else event.title_zh,
        "date": event.start_date,
        "count": fmt.count(summary.total.count, lang),
        "value": fmt.money(summary.total.value, lang),
        "industrial_count": fmt.count(summary.on_site_industrial.count, lang),
        "industrial_value": fmt.money(summary.on_site_industrial.value, lang),
        "url": projects_url({"signed_event": event.code}),
    }


def _series(points: list[Point], lang: str, money: bool = True) -> dict:
    """Labels, bar lengths in one unit, the exact texts and the URLs, for one chart."""
    largest = max((abs(Decimal(p.value)) for p in points), default=Decimal(0))
    factor, unit = fmt.money_unit(largest, lang) if money else (Decimal(1), "")
    return {
        "unit": unit,
        "items": [
            {
                "name": p.label,
                # ECharts draws with JavaScript numbers; the exact figure is in "text".
                "value": float(Decimal(p.value) / factor),
                "text": fmt.money(p.value, lang) if money else fmt.count(int(p.value), lang),
                "url": projects_url(p.link, p.target),
            }
            for p in points
        ],
    }


def _reached(stages: list[Point]) -> list[Point]:
    """Projects that have reached each stage (are at it or beyond): a funnel that narrows."""
    points = []
    for index, stage in enumerate(stages):
        later = stages[index:]
        link = {**stage.link, "stage": ",".join(p.key for p in later)}
        points.append(Point(stage.label, sum(p.value for p in later), link, stage.key))
    return points


def _charts(board: Dashboard, lang: str) -> dict:
    largest = max((link.value for link in board.graph_links), default=Decimal(0)) or Decimal(1)
    graph = {
        "home": board.graph_home,
        "partner": board.graph_partner,
        "links": [
            {
                "source": link.source,
                "target": link.target,
                "width": float(1 + 9 * link.value / largest),
                "text": f"{fmt.count(link.count, lang)} · {fmt.money(link.value, lang)}",
                "url": projects_url(link.link),
            }
            for link in board.graph_links
        ],
    }
    return {
        "lang": lang,
        "funnel": _series(_reached(board.funnel), lang, money=False),
        "months": _series(board.signed_by_month, lang),
        "industries": _series(board.by_industry, lang),
        "capital": _series(board.capital_by_source, lang),
        "graph": graph,
    }
