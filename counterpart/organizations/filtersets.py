"""Filters of the organisation and contact lists (and, later, of the API)."""

import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from counterpart.core.choices import Language
from counterpart.core.filtersets import (
    BaseFilterSet,
    CheckboxSelectMultiple,
    CodeFilter,
    YesNoFilter,
    by_code_and_id,
)
from counterpart.geo.filtersets import named_regions
from counterpart.industries.filtersets import IndustryFilter
from counterpart.industries.models import Taxonomy

from .models import (
    Contact,
    Organization,
    OrganizationAlias,
    OrganizationKind,
    Ranking,
    RankingList,
)


def organizations_matching(term: str) -> Q:
    """Organisations whose Chinese or English name, credit code or an alias contains ``term``."""
    aliases = OrganizationAlias.objects.filter(alias__icontains=term).values("organization")
    return (
        Q(name_zh__icontains=term)
        | Q(name_en__icontains=term)
        | Q(credit_code__icontains=term)
        | Q(pk__in=aliases)
    )


class OrganizationFilterSet(BaseFilterSet):
    kind = filters.MultipleChoiceFilter(
        choices=OrganizationKind.choices, label=_("kind"), widget=CheckboxSelectMultiple
    )
    hq_region_id, hq_region = by_code_and_id(
        "hq_region", named_regions(), _("headquarters (city or province)"), tree=True
    )
    industry_id = IndustryFilter(field_name="industries", label=_("industry"))
    taxonomy = CodeFilter(
        field_name="industries__taxonomy__code",
        queryset=Taxonomy.objects.all(),
        to_field_name="code",
        label=_("industry system"),
        distinct=True,
    )
    ranking = filters.MultipleChoiceFilter(
        field_name="rankings__ranking_list",
        choices=RankingList.choices,
        label=_("ranking"),
        distinct=True,
    )
    parent_id = filters.NumberFilter(field_name="parent", label=_("parent organisation"))
    credit_code = filters.CharFilter(label=_("unified social credit code"))
    has_credit_code = YesNoFilter(
        field_name="credit_code", lookup_expr="isnull", exclude=True, label=_("has a credit code")
    )
    is_sample = YesNoFilter(label=_("sample"))

    form_filters = (
        "kind",
        "hq_region_id",
        "industry_id",
        "ranking",
        "has_credit_code",
        "is_sample",
    )

    class Meta:
        model = Organization
        fields = ()

    def search_q(self, term):
        return organizations_matching(term)


class ContactFilterSet(BaseFilterSet):
    search_fields = ("name", "name_en", "title")

    organization_id = filters.NumberFilter(field_name="organization", label=_("organisation"))
    organization_kind = filters.MultipleChoiceFilter(
        field_name="organization__kind",
        choices=OrganizationKind.choices,
        label=_("kind of organisation"),
        widget=CheckboxSelectMultiple,
    )
    is_sample = YesNoFilter(label=_("sample"))

    form_filters = ("organization_kind", "is_sample")

    class Meta:
        model = Contact
        fields = ()

    def search_q(self, term):
        matching = Organization.objects.filter(organizations_matching(term)).values("pk")
        return super().search_q(term) | Q(organization__in=matching)


class OrganizationAliasFilterSet(BaseFilterSet):
    search_fields = ("alias",)

    organization_id = filters.NumberFilter(field_name="organization", label=_("organisation"))
    language = filters.MultipleChoiceFilter(choices=Language.choices, label=_("language"))

    class Meta:
        model = OrganizationAlias
        fields = ()


class RankingFilterSet(BaseFilterSet):
    search_fields = ("list_name",)

    organization_id = filters.NumberFilter(field_name="organization", label=_("organisation"))
    ranking_list = filters.MultipleChoiceFilter(choices=RankingList.choices, label=_("ranking"))
    year = filters.NumberFilter(label=_("year"))

    class Meta:
        model = Ranking
        fields = ()
