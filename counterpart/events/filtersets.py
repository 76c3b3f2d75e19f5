"""Filters of the event list (and, later, of the API)."""

import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from counterpart.core.filtersets import (
    BaseFilterSet,
    CheckboxSelectMultiple,
    YesNoFilter,
    by_code_and_id,
    date_filter,
)
from counterpart.geo.filtersets import named_regions
from counterpart.geo.models import Pairing
from counterpart.organizations.filtersets import organizations_matching
from counterpart.organizations.models import Organization

from .models import Event, EventKind, Participation, ParticipationRole


class EventFilterSet(BaseFilterSet):
    search_fields = ("code", "title_zh", "title_en", "theme_zh", "theme_en", "venue")

    kind = filters.MultipleChoiceFilter(
        choices=EventKind.choices, label=_("kind"), widget=CheckboxSelectMultiple
    )
    region_id, region = by_code_and_id(
        "region", named_regions(), _("held in (city or province)"), tree=True
    )
    organizer_region_id, organizer_region = by_code_and_id(
        "organizer_region", named_regions(), _("organised by region"), tree=True
    )
    pairing_id, pairing = by_code_and_id(
        "pairing", Pairing.objects.select_related("home_region", "partner_region"), _("pairing")
    )
    parent_id = filters.NumberFilter(field_name="parent", label=_("part of"))
    parent = filters.CharFilter(field_name="parent__code", label=_("part of (code)"))
    top_level = YesNoFilter(
        field_name="parent", lookup_expr="isnull", label=_("not part of another event")
    )
    participant_id = filters.NumberFilter(
        method="filter_participant", label=_("participating organisation")
    )
    role = filters.MultipleChoiceFilter(
        field_name="participations__role",
        choices=ParticipationRole.choices,
        label=_("role of a participant"),
        distinct=True,
    )
    start_after = date_filter("start_date", "gte", _("starts on or after"))
    start_before = date_filter("start_date", "lte", _("starts on or before"))
    is_sample = YesNoFilter(label=_("sample"))

    form_filters = (
        "kind",
        "region_id",
        "organizer_region_id",
        "pairing_id",
        "top_level",
        "start_after",
        "start_before",
        "is_sample",
    )

    class Meta:
        model = Event
        fields = ()

    def search_q(self, term):
        participants = Participation.objects.filter(
            organization__in=Organization.objects.filter(organizations_matching(term))
        ).values("event")
        return super().search_q(term) | Q(pk__in=participants)

    def filter_participant(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(
            pk__in=Participation.objects.filter(organization=value).values("event")
        )


class ParticipationFilterSet(BaseFilterSet):
    search_fields = ("note",)

    event_id, event = by_code_and_id(
        "event", Event.objects.all(), _("event"), search_url="api:events:event-list"
    )
    organization_id = filters.NumberFilter(field_name="organization", label=_("organisation"))
    contact_id = filters.NumberFilter(field_name="contact", label=_("person"))
    role = filters.MultipleChoiceFilter(choices=ParticipationRole.choices, label=_("role"))

    class Meta:
        model = Participation
        fields = ()

    def search_q(self, term):
        matching = Organization.objects.filter(organizations_matching(term)).values("pk")
        return super().search_q(term) | Q(organization__in=matching)
