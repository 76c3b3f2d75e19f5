"""Filters of the region, zone and pairing lists (and, later, of the API)."""

import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from counterpart.core.filtersets import (
    BaseFilterSet,
    CheckboxSelectMultiple,
    by_code_and_id,
    date_filter,
)

from .models import Agreement, Pairing, Region, RegionLevel, Zone, ZoneKind


def named_regions():
    """Provinces and cities: what lists are filtered by (a city also matches its counties)."""
    return Region.objects.filter(level__in=[RegionLevel.PROVINCE, RegionLevel.PREFECTURE]).order_by(
        "code"
    )


def regions_matching(term: str) -> Q:
    return (
        Q(name_zh__icontains=term)
        | Q(name_en__icontains=term)
        | Q(short_name_zh__icontains=term)
        | Q(code__startswith=term)
    )


class RegionFilterSet(BaseFilterSet):
    code = filters.CharFilter(field_name="code", label=_("division code"))
    level = filters.MultipleChoiceFilter(
        choices=RegionLevel.choices, label=_("level"), widget=CheckboxSelectMultiple
    )
    parent_id, parent = by_code_and_id(
        "parent",
        Region.objects.exclude(level=RegionLevel.COUNTY).order_by("code"),
        _("parent"),
    )
    province_id, province = by_code_and_id("province", Region.objects.provinces(), _("province"))

    form_filters = ("level", "province_id")

    class Meta:
        model = Region
        fields = ()

    def search_q(self, term):
        return regions_matching(term)


class ZoneFilterSet(BaseFilterSet):
    search_fields = ("name_zh", "name_en")

    kind = filters.MultipleChoiceFilter(
        choices=ZoneKind.choices, label=_("kind"), widget=CheckboxSelectMultiple
    )
    region_id, region = by_code_and_id(
        "region", named_regions(), _("region (city or province)"), tree=True
    )
    operator_id = filters.NumberFilter(field_name="operator", label=_("operator"))

    form_filters = ("kind", "region_id")

    class Meta:
        model = Zone
        fields = ()


class PairingFilterSet(BaseFilterSet):
    search_fields = ("code",)

    level = filters.MultipleChoiceFilter(
        field_name="home_region__level",
        choices=[c for c in RegionLevel.choices if c[0] != RegionLevel.COUNTRY],
        label=_("level"),
        widget=CheckboxSelectMultiple,
    )
    home_region_id, home_region = by_code_and_id(
        "home_region", named_regions(), _("home region"), tree=True
    )
    partner_region_id, partner_region = by_code_and_id(
        "partner_region", named_regions(), _("partner region"), tree=True
    )
    parent_id, parent = by_code_and_id(
        "parent",
        Pairing.objects.filter(parent__isnull=True).select_related("home_region", "partner_region"),
        _("within pairing"),
    )
    since_from = filters.NumberFilter(
        field_name="since_year", lookup_expr="gte", label=_("since (year) from")
    )
    since_to = filters.NumberFilter(
        field_name="since_year", lookup_expr="lte", label=_("since (year) to")
    )

    form_filters = ("level", "home_region_id", "partner_region_id", "since_from", "since_to")

    class Meta:
        model = Pairing
        fields = ()

    def search_q(self, term):
        regions = Region.objects.filter(regions_matching(term))
        return super().search_q(term) | Q(home_region__in=regions) | Q(partner_region__in=regions)


class AgreementFilterSet(BaseFilterSet):
    search_fields = ("title_zh", "title_en")

    pairing_id, pairing = by_code_and_id(
        "pairing", Pairing.objects.select_related("home_region", "partner_region"), _("pairing")
    )
    event_id = filters.NumberFilter(field_name="event", label=_("signed at"))
    signed_after = date_filter("signed_date", "gte", _("signed on or after"))
    signed_before = date_filter("signed_date", "lte", _("signed on or before"))

    class Meta:
        model = Agreement
        fields = ()
