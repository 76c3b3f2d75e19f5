from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from counterpart.core.api.views import NoCreateModelViewSet, ReadOnlyModelViewSet
from counterpart.core.permissions import Action

from .. import services
from ..filtersets import ProposalFilterSet, ReportedFigureFilterSet, SourceDocumentFilterSet
from ..models import Proposal, ReportedFigure, SourceDocument
from . import serializers

DOCUMENT_TEXT = ("document__text", "document__original")


class SourceDocumentViewSet(ReadOnlyModelViewSet):
    """Articles: stored by ingestion (the web page or ``counterpart ingest``), read here."""

    queryset = SourceDocument.objects.all()
    serializer_class = serializers.SourceDocumentSerializer
    filterset_class = SourceDocumentFilterSet


class ReportedFigureViewSet(NoCreateModelViewSet):
    """Figures read from articles: corrected (PUT, PATCH), confirmed, rejected or deleted;
    never created here (they come from an article)."""

    queryset = ReportedFigure.objects.select_related(
        "document", "event", "region", "source_region", "indicator", "reviewed_by"
    )
    serializer_class = serializers.ReportedFigureSerializer
    filterset_class = ReportedFigureFilterSet
    action_permissions = {"confirm": Action.CHANGE, "reject": Action.CHANGE}

    def get_queryset(self):
        queryset = super().get_queryset()
        # A list does not need the articles' text; a correction checks the quote against it.
        return queryset.defer(*DOCUMENT_TEXT) if self.action == "list" else queryset

    @extend_schema(request=None, responses=serializers.ReportedFigureSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm the figure as it stands: it counts from now on."""
        figure = services.confirm_figure(self.get_object(), request.user)
        return Response(self.get_serializer(figure).data)

    @extend_schema(request=None, responses=serializers.ReportedFigureSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Reject the figure: it is kept, marked rejected, and never counts."""
        figure = self.get_object()
        services.reject(figure, request.user)
        return Response(self.get_serializer(figure).data)


class ProposalViewSet(ReadOnlyModelViewSet):
    """Events and organisations articles mention, until a person confirms them (web page)."""

    queryset = Proposal.objects.select_related(
        "document", "event", "organization", "reviewed_by"
    ).defer(*DOCUMENT_TEXT)
    serializer_class = serializers.ProposalSerializer
    filterset_class = ProposalFilterSet
