from counterpart.core.api.serializers import ModelSerializer

from ..models import Proposal, ReportedFigure, SourceDocument


class SourceDocumentSerializer(ModelSerializer):
    class Meta:
        model = SourceDocument
        fields = "__all__"


class ReportedFigureSerializer(ModelSerializer):
    """A figure as a reviewer corrects it: what it says and its scope (the fields of the web
    page's form). The quoted words and their place stay as read from the article; the review
    is the ``confirm`` and ``reject`` actions."""

    class Meta:
        model = ReportedFigure
        fields = "__all__"
        read_only_fields = (
            "document",
            "quoted_span",
            "span_start",
            "span_end",
            "status",
            "reviewed_by",
            "reviewed_at",
        )


class ProposalSerializer(ModelSerializer):
    class Meta:
        model = Proposal
        fields = "__all__"
