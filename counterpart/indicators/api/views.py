from counterpart.core.api.views import ModelViewSet, VerifiableViewSetMixin

from ..filtersets import IndicatorFilterSet, ObservationFilterSet
from ..models import Indicator, Observation
from . import serializers


class IndicatorViewSet(ModelViewSet):
    queryset = Indicator.objects.all()
    serializer_class = serializers.IndicatorSerializer
    filterset_class = IndicatorFilterSet


class ObservationViewSet(VerifiableViewSetMixin, ModelViewSet):
    queryset = Observation.objects.select_related(
        "indicator", "region", "source_document", "verified_by"
    )
    serializer_class = serializers.ObservationSerializer
    filterset_class = ObservationFilterSet
