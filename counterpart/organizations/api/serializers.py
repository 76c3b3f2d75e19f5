from counterpart.core.api.serializers import ModelSerializer

from ..models import Contact, Organization, OrganizationAlias, Ranking


class OrganizationSerializer(ModelSerializer):
    class Meta:
        model = Organization
        fields = "__all__"


class OrganizationAliasSerializer(ModelSerializer):
    class Meta:
        model = OrganizationAlias
        fields = "__all__"


class RankingSerializer(ModelSerializer):
    class Meta:
        model = Ranking
        fields = "__all__"


class ContactSerializer(ModelSerializer):
    """Phone and e-mail are personal: empty for users ``masked_fields()`` names."""

    class Meta:
        model = Contact
        fields = "__all__"
