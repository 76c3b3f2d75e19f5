from counterpart.core.api.serializers import ModelSerializer

from ..models import Industry, IndustryMapping, Taxonomy


class TaxonomySerializer(ModelSerializer):
    class Meta:
        model = Taxonomy
        fields = "__all__"


class IndustrySerializer(ModelSerializer):
    class Meta:
        model = Industry
        fields = "__all__"


class IndustryMappingSerializer(ModelSerializer):
    class Meta:
        model = IndustryMapping
        fields = "__all__"
