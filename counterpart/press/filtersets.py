"""Filters of the article and reported-figure lists (and, later, of the API)."""

import django_filters as filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from counterpart.core.choices import Language
from counterpart.core.filtersets import (
    BaseFilterSet,
    CheckboxSelectMultiple,
    YesNoFilter,
    by_code_and_id,
    date_filter,
)
from counterpart.events.models import Event

from .models import FigureStatus, Metric, Proposal, ProposalKind, ReportedFigure, SourceDocument


def pending_review() -> Q:
    """Documents with a figure, event or organisation still waiting for a person."""
    figures = ReportedFigure.objects.filter(document=OuterRef("pk"), status=FigureStatus.PROPOSED)
    proposals = Proposal.objects.filter(document=OuterRef("pk"), status=FigureStatus.PROPOSED)
    return Q(Exists(figures)) | Q(Exists(proposals))


class SourceDocumentFilterSet(BaseFilterSet):
    search_fields = ("title", "reference", "publisher")

    language = filters.MultipleChoiceFilter(
        choices=Language.choices, label=_("language"), widget=CheckboxSelectMultiple
    )
    published_after = date_filter("published_date", "gte", _("published on or after"))
    published_before = date_filter("published_date", "lte", _("published on or before"))
    pending = YesNoFilter(method="filter_pending", label=_("has items to review"))

    form_filters = ("language", "published_after", "published_before", "pending")

    class Meta:
        model = SourceDocument
        fields = ()

    def filter_pending(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(pending_review() if value else ~pending_review())


class ReportedFigureFilterSet(BaseFilterSet):
    search_fields = ("quoted_span", "scope_note", "document__title", "document__reference")

    status = filters.MultipleChoiceFilter(
        choices=FigureStatus.choices, label=_("status"), widget=CheckboxSelectMultiple
    )
    metric = filters.MultipleChoiceFilter(choices=Metric.choices, label=_("metric"))
    event_id, event = by_code_and_id(
        "event",
        Event.objects.order_by("-start_date", "code"),
        _("event"),
        search_url="api:events:event-list",
    )
    document_id, document = by_code_and_id(
        "document",
        SourceDocument.objects.defer("text", "original"),
        _("document"),
        to_field="reference",
    )

    form_filters = ("status", "metric", "event_id", "document_id")

    class Meta:
        model = ReportedFigure
        fields = ()


class ProposalFilterSet(BaseFilterSet):
    search_fields = ("name", "quoted_span")

    status = filters.MultipleChoiceFilter(choices=FigureStatus.choices, label=_("status"))
    kind = filters.MultipleChoiceFilter(choices=ProposalKind.choices, label=_("kind"))
    document_id, document = by_code_and_id(
        "document",
        SourceDocument.objects.defer("text", "original"),
        _("document"),
        to_field="reference",
    )
    event_id = filters.NumberFilter(field_name="event", label=_("event"))
    organization_id = filters.NumberFilter(field_name="organization", label=_("organisation"))

    class Meta:
        model = Proposal
        fields = ()
