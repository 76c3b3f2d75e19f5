from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from counterpart.core.views import (
    Inline,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    count_of,
    describe,
    related_table,
)
from counterpart.events.models import Event
from counterpart.events.tables import EventTable
from counterpart.events.views import EVENTS
from counterpart.projects.models import Project, TaskForceCity
from counterpart.projects.tables import ProjectTable
from counterpart.projects.views import PROJECTS

from .filtersets import PairingFilterSet, RegionFilterSet, ZoneFilterSet
from .forms import AgreementForm, PairingForm, RegionForm, ZoneForm
from .models import Agreement, Pairing, Region, Zone
from .tables import PairingTable, RegionTable, ZoneTable

REGIONS = Region.objects.select_related("parent", "province")
ZONES = Zone.objects.select_related("region", "operator").annotate(
    project_count=count_of(Project.objects.all(), "zone")
)
PAIRINGS = Pairing.objects.select_related(
    "home_region", "partner_region", "parent__home_region", "parent__partner_region"
).annotate(
    agreement_count=count_of(Agreement.objects.all(), "pairing"),
    event_count=count_of(Event.objects.all(), "pairing"),
)


# ---------------------------------------------------------------------------- regions


class RegionListView(ObjectListView):
    queryset = REGIONS
    filterset_class = RegionFilterSet
    table_class = RegionTable


class RegionDetailView(ObjectDetailView):
    queryset = REGIONS

    def get_extra_context(self, request, obj):
        pairings = PAIRINGS.filter(Q(home_region=obj) | Q(partner_region=obj))
        task_forces = list(
            TaskForceCity.objects.filter(city=obj).select_related("task_force", "officer")
        )
        return {
            "fields": describe(
                obj,
                (
                    "code",
                    "name_zh",
                    "short_name_zh",
                    "name_en",
                    "level",
                    "parent",
                    "province",
                    "letter_code",
                    "source",
                ),
            ),
            "task_force_cities": task_forces,
            "related": [
                related_table(
                    _("Divisions within it"),
                    RegionTable,
                    REGIONS.filter(parent=obj),
                    list_params={"parent_id": obj.pk},
                    exclude=("parent",),
                    request=request,
                ),
                related_table(_("Pairings"), PairingTable, pairings, request=request),
                related_table(
                    _("Zones"),
                    ZoneTable,
                    ZONES.filter(region=obj),
                    list_params={"region_id": obj.pk},
                    exclude=("region",),
                    request=request,
                ),
                related_table(
                    _("Projects located here"),
                    ProjectTable,
                    PROJECTS.filter(
                        Q(destination_region=obj)
                        | Q(destination_region__parent=obj)
                        | Q(destination_region__parent__parent=obj)
                    ),
                    list_params={"destination_region_id": obj.pk},
                    request=request,
                ),
                related_table(
                    _("Projects with capital from here"),
                    ProjectTable,
                    PROJECTS.filter(
                        Q(source_region=obj)
                        | Q(source_region__parent=obj)
                        | Q(source_region__parent__parent=obj)
                    ),
                    list_params={"source_region_id": obj.pk},
                    request=request,
                ),
                related_table(
                    _("Events held here"),
                    EventTable,
                    EVENTS.filter(region=obj),
                    list_params={"region_id": obj.pk},
                    exclude=("region",),
                    request=request,
                ),
            ],
        }


class RegionEditView(ObjectEditView):
    queryset = Region.objects.all()
    form_class = RegionForm


class RegionDeleteView(ObjectDeleteView):
    queryset = Region.objects.all()


# ---------------------------------------------------------------------------- zones


class ZoneListView(ObjectListView):
    queryset = ZONES
    filterset_class = ZoneFilterSet
    table_class = ZoneTable


class ZoneDetailView(ObjectDetailView):
    queryset = ZONES

    def get_extra_context(self, request, obj):
        return {
            "fields": describe(obj, ("name_zh", "name_en", "kind", "region", "operator", "notes")),
            "related": [
                related_table(
                    _("Projects in the zone"),
                    ProjectTable,
                    PROJECTS.filter(zone=obj),
                    list_params={"zone_id": obj.pk},
                    exclude=("zone",),
                    request=request,
                ),
            ],
        }


class ZoneEditView(ObjectEditView):
    queryset = Zone.objects.all()
    form_class = ZoneForm


class ZoneDeleteView(ObjectDeleteView):
    queryset = Zone.objects.all()


# ---------------------------------------------------------------------------- pairings


class PairingListView(ObjectListView):
    queryset = PAIRINGS
    filterset_class = PairingFilterSet
    table_class = PairingTable


class PairingDetailView(ObjectDetailView):
    queryset = PAIRINGS

    def get_extra_context(self, request, obj):
        return {
            "fields": describe(
                obj,
                (
                    "code",
                    "home_region",
                    "partner_region",
                    "since_year",
                    "parent",
                    "source",
                    "notes",
                ),
            ),
            "agreements": list(obj.agreements.select_related("event").order_by("signed_date")),
            "related": [
                related_table(
                    _("City pairings within it"),
                    PairingTable,
                    PAIRINGS.filter(parent=obj),
                    list_params={"parent_id": obj.pk},
                    exclude=("parent",),
                    request=request,
                ),
                related_table(
                    _("Events"),
                    EventTable,
                    EVENTS.filter(pairing=obj),
                    list_params={"pairing_id": obj.pk},
                    exclude=("pairing",),
                    request=request,
                ),
            ],
        }


AgreementFormSet = inlineformset_factory(
    Pairing, Agreement, form=AgreementForm, extra=1, can_delete=True
)


class PairingEditView(ObjectEditView):
    queryset = Pairing.objects.all()
    form_class = PairingForm
    inlines = (Inline("agreements", _("Agreements"), AgreementFormSet),)


class PairingDeleteView(ObjectDeleteView):
    queryset = Pairing.objects.all()
