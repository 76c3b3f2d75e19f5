"""Filters of the indicator and observation lists (the API's, and the web lists' to come)."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from counterpart.core.filtersets import BaseFilterSet, YesNoFilter, by_code_and_id, date_filter
from counterpart.geo.models import Region

from .models import Indicator, Observation, PeriodType, Unit


class IndicatorFilterSet(BaseFilterSet):
    search_fields = ("code", "name_zh", "name_en")

    unit = filters.MultipleChoiceFilter(choices=Unit.choices, label=_("unit"))

    class Meta:
        model = Indicator
        fields = ()


class ObservationFilterSet(BaseFilterSet):
    search_fields = ("indicator__name_zh", "indicator__name_en", "region__name_zh", "note")

    indicator_id, indicator = by_code_and_id("indicator", Indicator.objects.all(), _("indicator"))
    region_id, region = by_code_and_id("region", Region.objects.all(), _("region"))
    period_type = filters.MultipleChoiceFilter(choices=PeriodType.choices, label=_("period type"))
    period_after = date_filter("period_start", "gte", _("starts on or after"))
    period_before = date_filter("period_end", "lte", _("ends on or before"))
    source_document_id = filters.NumberFilter(field_name="source_document", label=_("source"))
    is_sample = YesNoFilter(label=_("sample"))

    class Meta:
        model = Observation
        fields = ()
