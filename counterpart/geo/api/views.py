from counterpart.core.api.views import ModelViewSet

from ..filtersets import AgreementFilterSet, PairingFilterSet, RegionFilterSet, ZoneFilterSet
from ..models import Agreement, Pairing, Region, Zone
from . import serializers

PAIRINGS = ("home_region", "partner_region")


class RegionViewSet(ModelViewSet):
    queryset = Region.objects.select_related("parent", "province")
    serializer_class = serializers.RegionSerializer
    filterset_class = RegionFilterSet


class ZoneViewSet(ModelViewSet):
    queryset = Zone.objects.select_related("region", "operator")
    serializer_class = serializers.ZoneSerializer
    filterset_class = ZoneFilterSet


class PairingViewSet(ModelViewSet):
    queryset = Pairing.objects.select_related(*PAIRINGS, *(f"parent__{name}" for name in PAIRINGS))
    serializer_class = serializers.PairingSerializer
    filterset_class = PairingFilterSet


class AgreementViewSet(ModelViewSet):
    queryset = Agreement.objects.select_related("event", *(f"pairing__{name}" for name in PAIRINGS))
    serializer_class = serializers.AgreementSerializer
    filterset_class = AgreementFilterSet
