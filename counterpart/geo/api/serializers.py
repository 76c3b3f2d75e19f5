from counterpart.core.api.serializers import ModelSerializer

from ..models import Agreement, Pairing, Region, Zone


class RegionSerializer(ModelSerializer):
    class Meta:
        model = Region
        fields = "__all__"


class ZoneSerializer(ModelSerializer):
    class Meta:
        model = Zone
        fields = "__all__"


class PairingSerializer(ModelSerializer):
    class Meta:
        model = Pairing
        fields = "__all__"


class AgreementSerializer(ModelSerializer):
    class Meta:
        model = Agreement
        fields = "__all__"
