from counterpart.core.api.views import ModelViewSet

from ..filtersets import EventFilterSet, ParticipationFilterSet
from ..models import Event, Participation
from . import serializers


class EventViewSet(ModelViewSet):
    queryset = Event.objects.select_related(
        "region",
        "organizer_region",
        "pairing__home_region",
        "pairing__partner_region",
        "parent",
    )
    serializer_class = serializers.EventSerializer
    filterset_class = EventFilterSet


class ParticipationViewSet(ModelViewSet):
    queryset = Participation.objects.select_related(
        "event", "organization", "contact__organization"
    )
    serializer_class = serializers.ParticipationSerializer
    filterset_class = ParticipationFilterSet
