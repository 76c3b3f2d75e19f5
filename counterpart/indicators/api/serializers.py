from counterpart.core.api.serializers import ModelSerializer

from ..models import Indicator, Observation


class IndicatorSerializer(ModelSerializer):
    class Meta:
        model = Indicator
        fields = "__all__"


class ObservationSerializer(ModelSerializer):
    class Meta:
        model = Observation
        fields = "__all__"
