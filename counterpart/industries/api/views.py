from counterpart.core.api.views import ModelViewSet

from ..filtersets import IndustryFilterSet, IndustryMappingFilterSet, TaxonomyFilterSet
from ..models import Industry, IndustryMapping, Taxonomy
from . import serializers


class TaxonomyViewSet(ModelViewSet):
    queryset = Taxonomy.objects.select_related("owner_region")
    serializer_class = serializers.TaxonomySerializer
    filterset_class = TaxonomyFilterSet


class IndustryViewSet(ModelViewSet):
    queryset = Industry.objects.select_related("taxonomy", "parent")
    serializer_class = serializers.IndustrySerializer
    filterset_class = IndustryFilterSet


class IndustryMappingViewSet(ModelViewSet):
    queryset = IndustryMapping.objects.select_related("source", "target").order_by("pk")
    serializer_class = serializers.IndustryMappingSerializer
    filterset_class = IndustryMappingFilterSet
