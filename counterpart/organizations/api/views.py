from counterpart.core.api.views import ModelViewSet

from ..filtersets import (
    ContactFilterSet,
    OrganizationAliasFilterSet,
    OrganizationFilterSet,
    RankingFilterSet,
)
from ..models import Contact, Organization, OrganizationAlias, Ranking
from . import serializers


class OrganizationViewSet(ModelViewSet):
    queryset = Organization.objects.select_related("hq_region", "parent").prefetch_related(
        "industries"
    )
    serializer_class = serializers.OrganizationSerializer
    filterset_class = OrganizationFilterSet


class OrganizationAliasViewSet(ModelViewSet):
    queryset = OrganizationAlias.objects.select_related("organization")
    serializer_class = serializers.OrganizationAliasSerializer
    filterset_class = OrganizationAliasFilterSet


class RankingViewSet(ModelViewSet):
    queryset = Ranking.objects.select_related("organization")
    serializer_class = serializers.RankingSerializer
    filterset_class = RankingFilterSet


class ContactViewSet(ModelViewSet):
    queryset = Contact.objects.select_related("organization")
    serializer_class = serializers.ContactSerializer
    filterset_class = ContactFilterSet
