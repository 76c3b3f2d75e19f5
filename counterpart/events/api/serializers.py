from counterpart.core.api.serializers import ModelSerializer

from ..models import Event, Participation


class EventSerializer(ModelSerializer):
    class Meta:
        model = Event
        fields = "__all__"


class ParticipationSerializer(ModelSerializer):
    class Meta:
        model = Participation
        fields = "__all__"
