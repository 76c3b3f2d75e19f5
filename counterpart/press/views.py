"""Press pages: the articles, ingesting one, each article's review page, the reported figures,
and the reconciliation of confirmed figures with the ledger.

The review page shows the article's text with the words of every figure, event and organisation
proposed highlighted, and its page furniture greyed. The highlighted text is built here from
segments, each escaped (``highlighted()``), never by marking the article's text safe. Each
proposed item is confirmed or rejected with a POST form that works without JavaScript (the
answer redirects to the review page); with htmx the item's card is swapped in place and the
highlighted text is sent with it out of band, so the colours follow.

Writes go through ``services`` (``confirm_figure``, ``reject``, ``confirm_event``,
``confirm_organization``, ``ingest``) and need the change permission of what is reviewed, and
the add permission of an event or organisation created from a proposal; reading needs a
signed-in user, as on every page of the product.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from counterpart.core.permissions import can
from counterpart.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    add_errors,
    count_of,
    describe,
    home_crumb,
    is_htmx,
    object_url,
    prepare_form,
)
from counterpart.events.models import Event, EventKind, PartOfDay
from counterpart.imports.views import SizeLimitHandler
from counterpart.organizations.models import Organization
from counterpart.web.templatetags.ui import figure_value

from . import services
from .filtersets import ReportedFigureFilterSet, SourceDocumentFilterSet
from .forms import (
    EventCreateForm,
    EventLinkForm,
    IngestForm,
    OrganizationCreateForm,
    OrganizationLinkForm,
    ReportedFigureForm,
    proposed_organization_initial,
    region_named,
)
from .models import FigureStatus, Proposal, ProposalKind, ReportedFigure, SourceDocument
from .reconcile import (
    Verdict,
    figures_to_reconcile,
    reconcile,
    reconcile_figure,
    stated_form,
    verdict_counts,
)
from .reconcile import summary as reconciliation_summary
from .tables import ReportedFigureTable, SourceDocumentTable
from .text import MAX_ARTICLE_BYTES, ArticleError

STATUS_BADGES = {
    FigureStatus.PROPOSED: "warning",
    FigureStatus.CONFIRMED: "success",
    FigureStatus.REJECTED: "secondary",
}
VERDICT_BADGES = {
    Verdict.AGREES: "success",
    Verdict.DIFFERS: "danger",
    Verdict.NOT_COMPUTABLE: "secondary",
}
VERDICT_ORDER = {Verdict.DIFFERS: 0, Verdict.NOT_COMPUTABLE: 1, Verdict.AGREES: 2}


def may(user, model, action: str) -> bool:
    """Press pages are read by every role and reviewed by the department
    (``core.permissions``)."""
    return can(user, action, model)


def require(user, model, action: str) -> None:
    if not may(user, model, action):
        raise PermissionDenied


# ---------------------------------------------------------------------------- articles


def _with_status(model, status=FigureStatus.PROPOSED):
    return model.objects.filter(status=status)


# The counts are correlated subqueries: one query for the page, whatever its number of rows.
SOURCES = SourceDocument.objects.defer("text", "original").annotate(
    proposed_figures=count_of(_with_status(ReportedFigure), "document"),
    confirmed_figures=count_of(_with_status(ReportedFigure, FigureStatus.CONFIRMED), "document"),
    proposed_items=count_of(_with_status(Proposal), "document"),
)


def articles_crumb() -> tuple[str, str]:
    """The list of source documents, as the menu names it."""
    return (_("Articles"), reverse("press:sourcedocument_list"))


class SourceDocumentListView(ObjectListView):
    queryset = SOURCES
    filterset_class = SourceDocumentFilterSet
    table_class = SourceDocumentTable

    def get_extra_context(self, request):
        can_ingest = may(request.user, SourceDocument, "add")
        title = _("Articles")
        return {
            "title": title,
            "breadcrumbs": [home_crumb(), (title, None)],
            "ingest_url": reverse("press:ingest") if can_ingest else None,
        }


# ---------------------------------------------------------------------------- ingest


@csrf_exempt  # checked below, once the size limit is in place (it must come before reading POST)
@require_http_methods(["GET", "POST"])
def ingest(request):
    require(request.user, SourceDocument, "add")
    limiter = None
    if request.method == "POST":
        limiter = SizeLimitHandler(request, MAX_ARTICLE_BYTES)
        request.upload_handlers.insert(0, limiter)
        try:
            request.POST  # noqa: B018  (read here: a paste over Django's limit raises)
        except RequestDataTooBig:
            return _ingest_page(
                request, IngestForm({"lang": "auto"}, too_large=("", _content_length(request)))
            )
    return csrf_protect(_ingest)(request, limiter)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _ingest(request, limiter: SizeLimitHandler | None):
    if request.method == "POST":
        form = IngestForm(
            request.POST, request.FILES, too_large=limiter.dropped if limiter else None
        )
        if form.is_valid() and form.several:
            job = start_ingestion(request.user, form)
            messages.info(
                request,
                _("The articles are being ingested in the background: follow them here."),
            )
            return HttpResponseRedirect(job.get_absolute_url())
        if form.is_valid():
            data, name = form.article()
            try:
                result = services.ingest(
                    data,
                    name=name,
                    lang=form.cleaned_data["lang"],
                    url=form.cleaned_data["url"],
                    publisher=form.cleaned_data["publisher"].strip(),
                    user=request.user,
                )
            except ArticleError as error:
                form.add_error(form.source_field, str(error))
            else:
                if not result.created_document:
                    messages.info(request, _("This article had been ingested before."))
                messages.success(request, ingest_summary(result))
                for warning in result.warnings:
                    messages.warning(request, warning)
                return HttpResponseRedirect(object_url(result.document))
    else:
        form = IngestForm()
    return _ingest_page(request, form)


def _ingest_page(request, form: IngestForm) -> HttpResponse:
    title = _("Ingest an article")
    return render(
        request,
        "press/ingest.html",
        {
            "title": title,
            "form": form,
            "recent_jobs": recent_ingestion_jobs(request.user),
            "list_url": reverse("press:sourcedocument_list"),
            "breadcrumbs": [home_crumb(), articles_crumb(), (title, None)],
        },
    )


def recent_ingestion_jobs(user, count: int = 5):
    """The user's latest ingestion jobs, linked from the page that started them."""
    from counterpart.jobs.models import BackgroundJob, JobKind

    return (
        BackgroundJob.objects.filter(owner=user, kind=JobKind.INGEST)
        .defer("output", "params")
        .order_by("-created_at", "-pk")[:count]
    )


def start_ingestion(user, form):
    """A background job ingesting each file (``press/jobs.py``)."""
    from .jobs import start_ingestion_job

    return start_ingestion_job(
        user,
        form.articles(),
        lang=form.cleaned_data["lang"],
        publisher=form.cleaned_data["publisher"].strip(),
    )


def ingest_summary(result) -> str:
    """“3 figures, 1 event, 2 organisations proposed; 4 already known.”"""
    events = sum(p.kind == ProposalKind.EVENT for p in result.proposals)
    organizations = len(result.proposals) - events
    figures = len(result.figures)
    return _("%(figures)s, %(events)s, %(organizations)s proposed; %(known)s already known.") % {
        "figures": ngettext("%(n)d figure", "%(n)d figures", figures) % {"n": figures},
        "events": ngettext("%(n)d event", "%(n)d events", events) % {"n": events},
        "organizations": ngettext("%(n)d organisation", "%(n)d organisations", organizations)
        % {"n": organizations},
        "known": result.already,
    }


# ---------------------------------------------------------------------------- the highlighted text


@dataclass(frozen=True)
class Span:
    """Words of the text that an item was read from."""

    start: int
    end: int
    kind: str  # "figure" | "event" | "organization"
    status: str
    anchor: str  # the id of the item's card
    label: str


def item_spans(figures, proposals) -> list[Span]:
    spans = []
    kinds = {ProposalKind.EVENT: _("event"), ProposalKind.ORGANIZATION: _("organisation")}
    for figure in figures:
        if figure.span_start is None or figure.span_end is None:
            continue
        spans.append(
            Span(
                figure.span_start,
                figure.span_end,
                "figure",
                figure.status,
                f"figure-{figure.pk}",
                f"{figure.get_metric_display()} · {figure.get_status_display()}",
            )
        )
    for proposal in proposals:
        spans.append(
            Span(
                proposal.span_start,
                proposal.span_end,
                proposal.kind,
                proposal.status,
                f"proposal-{proposal.pk}",
                f"{kinds.get(proposal.kind, proposal.kind)} · {proposal.get_status_display()}",
            )
        )
    return spans


def highlighted(text: str, start: int, end: int, spans: list[Span], seen: set[str]) -> SafeString:
    """``text[start:end]`` as HTML, each piece escaped, the words of ``spans`` in ``<mark>``s.

    Spans may overlap (a figure inside an event's sentence): the text is cut at every span's
    ends and each piece is marked as the shortest span over it. Each piece is a link to the
    item's card; the first piece of each span carries ``id="at-<card>"``, where the card's
    "show in the text" link points (``seen`` keeps the ids already given).
    """
    inside = [s for s in spans if s.start < end and s.end > start and s.end > s.start]
    cuts = sorted(
        {start, end, *(max(s.start, start) for s in inside), *(min(s.end, end) for s in inside)}
    )
    pieces: list[SafeString] = []
    for a, b in pairwise(cuts):
        chunk = text[a:b]
        over = [s for s in inside if s.start <= a and s.end >= b]
        if not over:
            pieces.append(escape(chunk))
            continue
        span = min(over, key=lambda s: (s.end - s.start, s.kind != "figure", s.anchor))
        classes = f"hl hl-{span.kind} hl-{span.status}" + (" hl-overlap" if len(over) > 1 else "")
        ids = [s for s in over if s.anchor not in seen]
        seen.update(s.anchor for s in ids)
        targets = format_html_join("", '<span id="at-{}"></span>', ((s.anchor,) for s in ids))
        # Blank lines and spaces at either end stay outside the highlight.
        core = chunk.strip()
        lead = chunk[: len(chunk) - len(chunk.lstrip())]
        trail = chunk[len(lead) + len(core) :]
        marked = (
            format_html(
                '<a href="#{}" class="hl-link"><mark class="{}" title="{}">{}</mark></a>',
                span.anchor,
                classes,
                span.label,
                core,
            )
            if core
            else ""
        )
        pieces.append(format_html("{}{}{}{}", targets, lead, marked, trail))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def article_parts(document: SourceDocument, spans: list[Span]) -> list[dict]:
    """The text in up to three parts: furniture before the content, the content, furniture
    after it; each part's HTML with its highlights."""
    text = document.text
    start, end = document.content_bounds
    start, end = min(start, len(text)), min(max(end, start), len(text))
    seen: set[str] = set()
    parts = []
    for a, b, furniture in ((0, start, True), (start, end, False), (end, len(text), True)):
        if b > a and (not furniture or text[a:b].strip()):
            parts.append({"furniture": furniture, "html": highlighted(text, a, b, spans, seen)})
    return parts


# ---------------------------------------------------------------------------- review page


def event_details(proposal: Proposal) -> dict:
    """What was read about an event, for its card."""
    data = proposal.data or {}
    kind = data.get("kind") or ""
    part = data.get("part_of_day") or ""
    first, last = data.get("first"), data.get("last")
    dates = first or ""
    if first and last and last != first:
        dates = f"{first} – {last}"
    return {
        "kind": EventKind(kind).label if kind in EventKind.values else kind,
        "dates": dates,
        "part_of_day": PartOfDay(part).label if part in PartOfDay.values else part,
        "place": data.get("place") or "",
        "hosts": [h for h in data.get("hosts") or () if h],
        "participants": [name for name in data.get("participants") or () if name],
    }


def figure_details(figure: ReportedFigure, document: SourceDocument) -> ReportedFigure:
    """The figure with what its card shows: the value as the quote writes it, its scope."""
    figure.document = document  # fetched once for the page
    figure.as_written = stated_form(figure).render(figure.value, figure.unit, document.language)
    period = ""
    if figure.period_start or figure.period_end:
        period = " – ".join(
            day.isoformat() for day in (figure.period_start, figure.period_end) if day
        )
    figure.period = period
    figure.subset_words = figure.subset_labels()
    return figure


def review_items(document: SourceDocument) -> dict:
    """Every figure and proposal of the document, in the order of the text (two queries)."""
    figures = [
        figure_details(f, document)
        for f in document.figures.select_related(
            "event", "region", "source_region", "indicator", "reviewed_by"
        ).order_by("span_start", "pk")
    ]
    proposals = list(
        document.proposals.select_related("event", "organization", "reviewed_by").order_by(
            "span_start", "pk"
        )
    )
    for proposal in proposals:
        proposal.document = document
        if proposal.kind == ProposalKind.EVENT:
            proposal.details = event_details(proposal)
    events = [p for p in proposals if p.kind == ProposalKind.EVENT]
    organizations = [p for p in proposals if p.kind == ProposalKind.ORGANIZATION]
    waiting = sum(x.status == FigureStatus.PROPOSED for x in [*figures, *proposals])
    return {
        "figures": figures,
        "events": events,
        "organizations": organizations,
        "waiting": waiting,
        "parts": article_parts(document, item_spans(figures, proposals)),
    }


def review_permissions(user) -> dict:
    return {
        "figure": may(user, ReportedFigure, "change"),
        "proposal": may(user, Proposal, "change"),
    }


def review_url(document: SourceDocument, anchor: str = "") -> str:
    url = object_url(document)
    return f"{url}#{anchor}" if anchor else url


class SourceDocumentDetailView(ObjectDetailView):
    """The review page of one article."""

    queryset = SourceDocument.objects.all()
    template_name = "press/sourcedocument.html"

    def get_extra_context(self, request, obj):
        return {
            **review_items(obj),
            "can": review_permissions(request.user),
            "status_badges": STATUS_BADGES,
            "return_url": request.get_full_path(),
            "breadcrumbs": [home_crumb(), articles_crumb(), (str(obj), None)],
        }


def render_card(request, document: SourceDocument, anchor: str, context: dict | None = None):
    """An htmx answer: the item's card (by its id), and the highlighted text out of band."""
    items = review_items(document)
    every = {f"figure-{f.pk}": ("figure", f) for f in items["figures"]} | {
        f"proposal-{p.pk}": ("proposal", p) for p in [*items["events"], *items["organizations"]]
    }
    kind, item = every[anchor]
    response = render(
        request,
        "press/includes/review_update.html",
        {
            **items,
            "object": document,
            "kind": kind,
            "item": item,
            "can": review_permissions(request.user),
            "status_badges": STATUS_BADGES,
            "return_url": review_url(document),
            "swapped": True,
            **(context or {}),
        },
    )
    response["Vary"] = "HX-Request"
    return response


def reviewed(request, document: SourceDocument, anchor: str, message: str):
    if is_htmx(request):
        return render_card(request, document, anchor)
    messages.success(request, message)
    return HttpResponseRedirect(review_url(document, anchor))


# ---------------------------------------------------------------------------- figures: review


@require_POST
def figure_confirm(request, pk: int):
    require(request.user, ReportedFigure, "change")
    figure = get_object_or_404(ReportedFigure.objects.select_related("document"), pk=pk)
    try:
        services.confirm_figure(figure, request.user)
    except ValidationError as error:
        message = _("The figure cannot be confirmed: %(error)s") % {
            "error": " ".join(error.messages)
        }
        if is_htmx(request):
            return render_card(
                request, figure.document, f"figure-{figure.pk}", {"card_error": message}
            )
        messages.error(request, message)
        return HttpResponseRedirect(review_url(figure.document, f"figure-{figure.pk}"))
    return reviewed(
        request,
        figure.document,
        f"figure-{figure.pk}",
        _("Confirmed the figure “%(figure)s”.") % {"figure": figure.quoted_span},
    )


def _reject(request, model, pk: int, anchor: str, describe) -> HttpResponse:
    """Reject a proposed figure or proposal; ``describe`` says what, for the message."""
    require(request.user, model, "change")
    item = get_object_or_404(model.objects.select_related("document"), pk=pk)
    services.reject(item, request.user)
    return reviewed(request, item.document, f"{anchor}-{item.pk}", describe(item))


@require_POST
def figure_reject(request, pk: int):
    return _reject(
        request,
        ReportedFigure,
        pk,
        "figure",
        lambda figure: _("Rejected the figure “%(figure)s”.") % {"figure": figure.quoted_span},
    )


# ---------------------------------------------------------------------------- proposals: review


@require_POST
def proposal_reject(request, pk: int):
    return _reject(
        request,
        Proposal,
        pk,
        "proposal",
        lambda proposal: _("Rejected the proposal “%(name)s”.") % {"name": proposal.name},
    )


class ProposalConfirmView(View):
    """Confirm an event or organisation proposal: as a ledger row chosen (the match found at
    ingestion by default) or as a new one created from what was read.

    GET shows both forms (the fragment that replaces the card, for htmx; else a page). POST
    ``action=link`` or ``action=create`` confirms; errors are shown beside the fields.
    """

    def get_proposal(self, request, pk) -> Proposal:
        require(request.user, Proposal, "change")
        return get_object_or_404(
            Proposal.objects.select_related("document", "event", "organization"), pk=pk
        )

    @staticmethod
    def is_event(proposal: Proposal) -> bool:
        return proposal.kind == ProposalKind.EVENT

    def target(self, proposal):
        return Event if self.is_event(proposal) else Organization

    def link_form(self, proposal, data=None):
        form_class = EventLinkForm if self.is_event(proposal) else OrganizationLinkForm
        matched = proposal.event_id if self.is_event(proposal) else proposal.organization_id
        form = form_class(
            data,
            initial={"event" if self.is_event(proposal) else "organization": matched},
            auto_id=f"id_link{proposal.pk}_%s",
        )
        return prepare_form(form)

    def create_form(self, proposal, data=None):
        if self.is_event(proposal):
            initial = services.proposed_event_defaults(proposal)
            region = region_named((proposal.data or {}).get("place", ""))
            if region is not None:
                initial["region"] = region.pk
            form_class = EventCreateForm
        else:
            initial = proposed_organization_initial(proposal.name)
            form_class = OrganizationCreateForm
        return prepare_form(form_class(data, initial=initial, auto_id=f"id_new{proposal.pk}_%s"))

    def get(self, request, pk):
        proposal = self.get_proposal(request, pk)
        return self.render_forms(
            request, proposal, self.link_form(proposal), self.create_form(proposal)
        )

    def post(self, request, pk):
        proposal = self.get_proposal(request, pk)
        action = request.POST.get("action")
        link, create = self.link_form(proposal), self.create_form(proposal)
        if action == "create":
            require(request.user, self.target(proposal), "add")
            create = self.create_form(proposal, request.POST)
            form = create
        else:
            link = self.link_form(proposal, request.POST)
            form = link
        if form.is_valid():
            try:
                row = self.confirm(request, proposal, action, form)
            except ValidationError as error:
                add_errors(form, error)
            else:
                return reviewed(
                    request,
                    proposal.document,
                    f"proposal-{proposal.pk}",
                    _("Confirmed “%(name)s” as “%(row)s”.") % {"name": proposal.name, "row": row},
                )
        return self.render_forms(request, proposal, link, create, open_create=action == "create")

    def confirm(self, request, proposal, action, form):
        values = dict(form.cleaned_data)
        if self.is_event(proposal):
            if action == "create":
                return services.confirm_event(proposal, request.user, **values)
            return services.confirm_event(proposal, request.user, event=values["event"])
        if action == "create":
            return services.confirm_organization(proposal, request.user, **values)
        return services.confirm_organization(
            proposal, request.user, organization=values["organization"]
        )

    def render_forms(self, request, proposal, link, create, open_create=False):
        document = proposal.document
        if self.is_event(proposal):
            title = _("Confirm the event “%(name)s”") % {"name": proposal.name}
            proposal.details = event_details(proposal)
        else:
            title = _("Confirm the organisation “%(name)s”") % {"name": proposal.name}
        context = {
            "title": title,
            "proposal": proposal,
            "document": document,
            "is_event": self.is_event(proposal),
            "link_form": link,
            "create_form": create,
            "open_create": open_create or bool(create.errors),
            "can_create": may(request.user, self.target(proposal), "add"),
            "action_url": reverse("press:proposal_confirm", kwargs={"pk": proposal.pk}),
            "cancel_url": review_url(document, f"proposal-{proposal.pk}"),
            "review_url": review_url(document),
            "fragment": is_htmx(request),
            "breadcrumbs": [
                home_crumb(),
                articles_crumb(),
                (str(document), review_url(document)),
                (title, None),
            ],
        }
        template = (
            "press/includes/proposal_confirm.html"
            if is_htmx(request)
            else "press/proposal_confirm.html"
        )
        response = render(request, template, context)
        response["Vary"] = "HX-Request"
        return response


# ---------------------------------------------------------------------------- reported figures


FIGURES = ReportedFigure.objects.select_related(
    "document", "event", "region", "source_region", "indicator", "reviewed_by"
).defer("document__text", "document__original")


class ReportedFigureListView(ObjectListView):
    queryset = FIGURES
    filterset_class = ReportedFigureFilterSet
    table_class = ReportedFigureTable


FIGURE_FIELDS = (
    "document",
    "metric",
    "value",
    "unit",
    "qualifier",
    "status",
    "event",
    "region",
    "source_region",
    "indicator",
    "period_start",
    "period_end",
    "subset",
    "scope_note",
    "reviewed_by",
    "reviewed_at",
)


def figure_fields(obj: ReportedFigure) -> list[tuple[str, object]]:
    """The figure's attributes, its value in its unit and its subset in words."""
    shown = {"value": figure_value(obj), "subset": "; ".join(obj.subset_labels()) or "—"}
    return [
        (label, shown.get(name, value))
        for name, (label, value) in zip(FIGURE_FIELDS, describe(obj, FIGURE_FIELDS), strict=True)
    ]


class ReportedFigureDetailView(ObjectDetailView):
    queryset = ReportedFigure.objects.select_related(
        "document", "event", "region", "source_region", "indicator", "reviewed_by"
    )
    template_name = "press/reportedfigure.html"

    def get_extra_context(self, request, obj):
        obj.as_written = stated_form(obj).render(obj.value, obj.unit, obj.document.language)
        return {
            "title": obj.quoted_span,
            "fields": figure_fields(obj),
            "check": reconcile_figure(obj) if obj.status == FigureStatus.CONFIRMED else None,
            "verdict_badges": VERDICT_BADGES,
            "verdict_labels": Verdict.LABELS,
            "status_badges": STATUS_BADGES,
            "review_url": review_url(obj.document, f"figure-{obj.pk}"),
            "can_review": may(request.user, ReportedFigure, "change"),
        }


class ReportedFigureEditView(ObjectEditView):
    """Correct a figure (its value, unit, scope); ``return_url`` leads back to the review."""

    queryset = ReportedFigure.objects.select_related("document")
    form_class = ReportedFigureForm
    template_name = "press/reportedfigure_edit.html"

    def get_object(self, pk, request=None):
        if pk is None:  # figures come from articles, never typed in
            raise PermissionDenied
        return super().get_object(pk, request)

    def before_save(self, request, obj, form) -> None:
        """A reviewer's correction is their confirmation, also of a figure rejected before."""
        services.mark_reviewed(obj, request.user, FigureStatus.CONFIRMED)


class ReportedFigureDeleteView(ObjectDeleteView):
    queryset = ReportedFigure.objects.select_related("document")


class SourceDocumentDeleteView(ObjectDeleteView):
    """An article ingested by mistake (or in the wrong language) goes with its figures and
    proposals; confirmed figures go too, which the confirmation page lists."""

    queryset = SourceDocument.objects.all()

    def list_crumb(self) -> tuple[str, str]:
        return articles_crumb()


# ---------------------------------------------------------------------------- reconciliation


def reconciliation(request):
    """Every confirmed figure against the ledger: differing ones first, by event and verdict."""
    events = (
        Event.objects.filter(reported_figures__status=FigureStatus.CONFIRMED)
        .distinct()
        .order_by("-start_date", "code")
    )
    event_code = request.GET.get("event", "")
    chosen = next((e for e in events if e.code == event_code), None)
    verdict = request.GET.get("verdict", "")
    if verdict not in Verdict.LABELS:
        verdict = ""
    rows = reconcile(figures_to_reconcile(chosen.code if chosen else ""))
    counts, total, line = verdict_counts(rows), len(rows), reconciliation_summary(rows)
    if verdict:
        rows = [r for r in rows if r.verdict == verdict]
    rows.sort(key=lambda r: VERDICT_ORDER[r.verdict])  # stable: the text's order within
    title = _("Reconciliation")
    return render(
        request,
        "press/reconciliation.html",
        {
            "title": title,
            "rows": rows,
            "events": events,
            "chosen_event": chosen,
            "verdict": verdict,
            "verdicts": [(key, str(label)) for key, label in Verdict.LABELS.items()],
            "verdict_labels": Verdict.LABELS,
            "counts": counts,
            "total": total,
            "summary": line,
            "verdict_badges": VERDICT_BADGES,
            "breadcrumbs": [home_crumb(), (title, None)],
        },
    )
