"""Industry choices grouped by taxonomy, for filters and forms.

The same name appears in several taxonomies (数字经济 in the 4567 system and in Guangdong's
clusters), so a flat list is ambiguous: options are grouped under their taxonomy and indented
under their parent.
"""

import django_filters as filters
from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from counterpart.core.filtersets import BaseFilterSet, CharInFilter, YesNoFilter, by_code_and_id
from counterpart.core.tables import localized

from .models import Industry, IndustryMapping, MappingRelation, Taxonomy


def grouped_industry_choices(queryset) -> list:
    """[(taxonomy name, [(id, name), ...]), ...] with children indented under their parent."""
    industries = list(
        queryset.select_related("taxonomy").order_by("taxonomy__code", "sort_order", "code")
    )
    depth: dict[int, int] = {}
    by_pk = {i.pk: i for i in industries}

    def level(industry) -> int:
        if industry.pk not in depth:
            parent = by_pk.get(industry.parent_id)
            depth[industry.pk] = 0 if parent is None else level(parent) + 1
        return depth[industry.pk]

    groups: dict = {}
    for industry in industries:
        label = "\u3000" * level(industry) + localized(industry)
        groups.setdefault(localized(industry.taxonomy), []).append((industry.pk, label))
    return list(groups.items())


class GroupedIndustryIterator(ModelChoiceIterator):
    def __iter__(self):
        yield from grouped_industry_choices(self.queryset)


class GroupedIndustryField(forms.ModelMultipleChoiceField):
    iterator = GroupedIndustryIterator


def group_industries(form, name: str = "industries") -> None:
    """Show a form's industry select grouped by taxonomy."""
    field = form.fields.get(name)
    if isinstance(field, forms.ModelMultipleChoiceField):
        field.iterator = GroupedIndustryIterator
        field.widget.choices = field.choices


class IndustryFilter(filters.ModelMultipleChoiceFilter):
    field_class = GroupedIndustryField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Industry.objects.all())
        kwargs.setdefault("distinct", True)
        super().__init__(*args, **kwargs)


class TaxonomyFilterSet(BaseFilterSet):
    search_fields = ("code", "name_zh", "name_en")

    code = CharInFilter(field_name="code", label=_("code"))
    owner_region_id = filters.NumberFilter(field_name="owner_region", label=_("region"))

    class Meta:
        model = Taxonomy
        fields = ()


class IndustryFilterSet(BaseFilterSet):
    search_fields = ("code", "name_zh", "name_en")

    taxonomy_id, taxonomy = by_code_and_id("taxonomy", Taxonomy.objects.all(), _("taxonomy"))
    code = CharInFilter(field_name="code", label=_("code"))
    parent_id = filters.NumberFilter(field_name="parent", label=_("parent"))
    top_level = YesNoFilter(field_name="parent", lookup_expr="isnull", label=_("top level"))

    class Meta:
        model = Industry
        fields = ()


class IndustryMappingFilterSet(BaseFilterSet):
    search_fields = ("source__name_zh", "target__name_zh", "note")

    source_id = filters.NumberFilter(field_name="source", label=_("from"))
    target_id = filters.NumberFilter(field_name="target", label=_("to"))
    relation = filters.MultipleChoiceFilter(choices=MappingRelation.choices, label=_("relation"))

    class Meta:
        model = IndustryMapping
        fields = ()
