"""Ingesting articles and reviewing what they propose.

An ingestion stores the document (once: the same text is found again by its fingerprint) and
its proposals (once: a figure by its quote, an event or organisation by its place). Nothing
enters the ledger until a person confirms it: a figure's status becomes "confirmed", an event or
organisation proposal is linked to the ledger row it is, or creates it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from counterpart.core.changelog import change_context
from counterpart.events.models import Event
from counterpart.organizations.models import Organization

from .extract.names import Registry
from .extraction import (
    EVENT_METRICS,
    Extraction,
    extract,
    ledger_registry,
    matching_event,
)
from .models import (
    FigureStatus,
    FigureUnit,
    Proposal,
    ProposalKind,
    ReportedFigure,
    SourceDocument,
    story_fingerprint,
)
from .text import Article, language_warning, read_article

# A figure's unit as the finder names it → the model's.
UNITS = {unit.value: unit for unit in FigureUnit}


@dataclass
class IngestResult:
    document: SourceDocument
    created_document: bool
    extraction: Extraction
    figures: list[ReportedFigure] = field(default_factory=list)  # new proposals
    proposals: list[Proposal] = field(default_factory=list)  # new proposals
    already: int = 0  # proposals found from an earlier ingestion (or already in the ledger)
    ledger_events: list[Event | None] = field(default_factory=list)  # per extraction.events
    warnings: list[str] = field(default_factory=list)  # what the user should check

    @property
    def created(self) -> int:
        return len(self.figures) + len(self.proposals)

    def summary(self) -> dict:
        return {
            "document": self.document.reference,
            "title": self.document.title,
            "language": self.document.language,
            "published": self.document.published_date.isoformat()
            if self.document.published_date
            else None,
            "new_document": self.created_document,
            "new_figures": len(self.figures),
            "new_events": sum(p.kind == ProposalKind.EVENT for p in self.proposals),
            "new_organizations": sum(p.kind == ProposalKind.ORGANIZATION for p in self.proposals),
            "already_known": self.already,
            "warnings": self.warnings,
            "figures": [
                {
                    "metric": f.metric,
                    "value": str(f.value),
                    "unit": f.unit,
                    "qualifier": f.qualifier,
                    "quote": f.quoted_span,
                    "span": [f.span_start, f.span_end],
                    "event": f.event.code if f.event else None,
                    "period": [str(f.period_start), str(f.period_end)] if f.period_start else None,
                    "subset": f.subset,
                }
                for f in self.figures
            ],
            "events": [
                p.data | {"quote": p.quoted_span}
                for p in self.proposals
                if p.kind == ProposalKind.EVENT
            ],
            "organizations": [
                p.name for p in self.proposals if p.kind == ProposalKind.ORGANIZATION
            ],
        }


def ingest(
    data: bytes | str,
    *,
    name: str = "",
    lang: str = "auto",
    reference: str = "",
    url: str = "",
    publisher: str = "",
    user=None,
    channel: str | None = None,
    registry: Registry | None = None,
    published: datetime.date | None = None,
) -> IngestResult:
    """Read an article and store it with its proposals, in one transaction.

    ``ArticleError`` says why an input is not an article; nothing is written then. The writes
    are recorded as ``user``'s through ``channel`` when it is given, else in the caller's
    change context (a command's, a request's). ``registry``: built once for many articles.
    ``published``: the publication date when the article does not print one (the years of its
    dates are inferred from it); a known document's date serves too.
    """
    article = read_article(data, name, lang)
    registry = registry if registry is not None else ledger_registry()
    context = change_context(user, channel) if channel else contextlib.nullcontext()
    with context, transaction.atomic():
        known = _known_document(article)
        if article.published is None and (published or (known and known.published_date)):
            article = dataclasses.replace(article, published=published or known.published_date)
        extraction = extract(article, registry)
        document, created = (
            (known, False) if known else _document(article, reference or name, url, publisher)
        )
        result = IngestResult(document, created, extraction)
        result.warnings = [warning for warning in [language_warning(article)] if warning]
        # The ledger's event for each event the article reports, looked up once for both uses.
        result.ledger_events = [
            matching_event(mention, document.published_date) for mention in extraction.events
        ]
        _propose_figures(result)
        _propose_events(result)
        _propose_organizations(result)
    return result


def _fingerprint(article: Article) -> str:
    return story_fingerprint(article.text, article.content_start, article.content_end)


def _known_document(article: Article) -> SourceDocument | None:
    fingerprint = _fingerprint(article)
    return SourceDocument.objects.filter(text_sha256=fingerprint).order_by("pk").first()


def _document(
    article: Article, reference: str, url: str, publisher: str
) -> tuple[SourceDocument, bool]:
    fingerprint = _fingerprint(article)
    reference = (reference or f"article-{fingerprint[:12]}")[:200]
    if SourceDocument.objects.filter(reference=reference).exists():
        reference = f"{reference[:180]}-{fingerprint[:12]}"
    document = SourceDocument(
        title=article.title or reference,
        url=url,
        publisher=publisher or article.publisher,
        published_date=article.published,
        language=article.language,
        text=article.text,
        original=article.original if article.format == "html" else "",
        content_start=article.content_start,
        content_end=article.content_end if article.content_end < len(article.text) else None,
        reference=reference,
    )
    document.full_clean()
    document.save()
    return document, True


def _in_ledger(document: SourceDocument, metric: str, value, start: int, end: int) -> bool:
    """A figure already held for these words (the same metric and value, overlapping quote)."""
    return (
        ReportedFigure.objects.filter(document=document, metric=metric, value=value)
        .filter(span_start__lt=end, span_end__gt=start)
        .exists()
    )


def _propose_figures(result: IngestResult) -> None:
    document, extraction = result.document, result.extraction
    for scoped in extraction.figures:
        mention = scoped.mention
        if _in_ledger(document, mention.metric, mention.value, mention.start, mention.end):
            result.already += 1
            continue
        period = scoped.period or (None, None)
        figure, created = ReportedFigure.objects.get_or_create(
            document=document,
            metric=mention.metric,
            quoted_span=mention.quote,
            defaults={
                "value": mention.value,
                "unit": UNITS[mention.unit],
                "qualifier": mention.qualifier,
                "span_start": mention.start,
                "span_end": mention.end,
                "event": result.ledger_events[scoped.event] if scoped.event is not None else None,
                "region_id": scoped.region,
                "source_region_id": scoped.source_region,
                "period_start": period[0],
                "period_end": period[1],
                "subset": mention.subset,
                "status": FigureStatus.PROPOSED,
            },
        )
        if created:
            result.figures.append(figure)
        else:
            result.already += 1


def _propose_events(result: IngestResult) -> None:
    names = result.extraction.names
    for mention, event in zip(result.extraction.events, result.ledger_events, strict=True):
        participants = [
            name.quote
            for name in names
            if name.kind == "organization" and mention.start <= name.start < mention.end
        ]
        data = {
            "participants": list(dict.fromkeys(participants)),
            "title": mention.title,
            "kind": mention.kind,
            "first": mention.first.isoformat() if mention.first else None,
            "last": mention.last.isoformat() if mention.last else None,
            "part_of_day": mention.part_of_day,
            "place": mention.place,
            "hosts": list(mention.hosts),
        }
        _propose(result, ProposalKind.EVENT, mention, mention.title, data, event=event)


def _propose_organizations(result: IngestResult) -> None:
    seen = set()
    for mention in result.extraction.proposed_organizations:
        if mention.quote in seen:
            continue
        seen.add(mention.quote)
        _propose(result, ProposalKind.ORGANIZATION, mention, mention.quote, {})


def _propose(result: IngestResult, kind: str, mention, name: str, data: dict, **links) -> None:
    proposal, created = Proposal.objects.get_or_create(
        document=result.document,
        kind=kind,
        span_start=mention.start,
        defaults={
            "span_end": mention.end,
            "quoted_span": mention.quote,
            "name": name[:300],
            "data": data,
            **links,
        },
    )
    if created:
        result.proposals.append(proposal)
    else:
        result.already += 1


# ---------------------------------------------------------------------------- review


def mark_reviewed(obj: ReportedFigure | Proposal, user, status: str) -> None:
    """Record the review on ``obj`` (saved by the caller)."""
    obj.status = status
    obj.reviewed_by = user if getattr(user, "pk", None) else None
    obj.reviewed_at = timezone.now()


@transaction.atomic
def confirm_figure(figure: ReportedFigure, user) -> ReportedFigure:
    """Confirm a figure (after any corrections made to it): it counts from now on."""
    mark_reviewed(figure, user, FigureStatus.CONFIRMED)
    figure.full_clean()
    figure.save()
    return figure


@transaction.atomic
def reject(obj: ReportedFigure | Proposal, user) -> None:
    mark_reviewed(obj, user, FigureStatus.REJECTED)
    obj.save()


@transaction.atomic
def confirm_event(proposal: Proposal, user, event: Event | None = None, **values) -> Event:
    """Link the proposal to the ledger's ``event``, or create the event from ``values``
    (code, kind, title_zh, start_date, region … as the event form takes them)."""
    if proposal.kind != ProposalKind.EVENT:
        raise ValidationError(_("This proposal is not an event."))
    if event is None:
        event = Event(**values)
        event.full_clean()
        event.save()
    proposal.event = event
    mark_reviewed(proposal, user, FigureStatus.CONFIRMED)
    proposal.save()
    _scope_figures_to(proposal, event)
    return event


def _scope_figures_to(proposal: Proposal, event: Event) -> None:
    """Figures about an event, reported from this event's sentence up to the next event, that
    have no event yet now belong to it (the rule the extraction follows), also those confirmed
    before the event was: a reviewer working down the page confirms figures first."""
    following = (
        Proposal.objects.filter(
            document=proposal.document, kind=ProposalKind.EVENT, span_start__gt=proposal.span_start
        )
        .order_by("span_start")
        .values_list("span_start", flat=True)
        .first()
    )
    figures = ReportedFigure.objects.filter(
        document=proposal.document,
        status__in=[FigureStatus.PROPOSED, FigureStatus.CONFIRMED],
        event__isnull=True,
        period_start__isnull=True,
        metric__in=EVENT_METRICS,
        span_start__gte=proposal.span_start,
    )
    if following is not None:
        figures = figures.filter(span_start__lt=following)
    for figure in figures:
        figure.event = event
        figure.save(update_fields=["event", "updated_at"])


@transaction.atomic
def confirm_organization(
    proposal: Proposal, user, organization: Organization | None = None, **values
) -> Organization:
    """Link the proposal to the ledger's ``organization``, or create it from ``values``."""
    if proposal.kind != ProposalKind.ORGANIZATION:
        raise ValidationError(_("This proposal is not an organisation."))
    if organization is None:
        organization = Organization(**values)
        organization.full_clean()
        organization.save()
    proposal.organization = organization
    mark_reviewed(proposal, user, FigureStatus.CONFIRMED)
    proposal.save()
    return organization


def proposed_event_defaults(proposal: Proposal) -> dict:
    """Initial values of the event a proposal would create (the reviewer completes them)."""
    data = proposal.data or {}
    first = data.get("first")
    day = datetime.date.fromisoformat(first) if first else proposal.document.published_date
    title = proposal.name
    chinese = proposal.document.language == "zh"
    return {
        "kind": data.get("kind") or "other",
        "title_zh": title if chinese else "",
        "title_en": "" if chinese else title,
        "start_date": day,
        "end_date": datetime.date.fromisoformat(data["last"]) if data.get("last") else None,
        "part_of_day": data.get("part_of_day", ""),
        "code": f"ART-{day:%Y%m%d}-{proposal.pk}" if day else f"ART-{proposal.pk}",
    }
