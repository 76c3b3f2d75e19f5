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
    sum_of,
)
from counterpart.press.models import ReportedFigure
from counterpart.projects.choices import ProjectCategory
from counterpart.projects.models import Project
from counterpart.projects.tables import ProjectTable
from counterpart.projects.views import PROJECTS
from counterpart.reports.filters import ReportFilters
from counterpart.reports.signing import event_and_sub_events, signed_projects, tally

from .filtersets import EventFilterSet
from .forms import EventForm, ParticipationForm
from .models import Event, Participation, ParticipationRole
from .tables import EventTable

EVENTS = Event.objects.select_related(
    "region", "organizer_region", "pairing__home_region", "pairing__partner_region", "parent"
).annotate(
    signed_count=count_of(Project.objects.all(), "signed_event"),
    signed_value=sum_of(Project.objects.with_counted_value(), "signed_event", "counted_value"),
)
ROLE_ORDER = {role: index for index, role in enumerate(ParticipationRole.values)}


class EventListView(ObjectListView):
    queryset = EVENTS
    filterset_class = EventFilterSet
    table_class = EventTable


class EventDetailView(ObjectDetailView):
    queryset = EVENTS

    def get_extra_context(self, request, obj):
        participations = sorted(
            Participation.objects.filter(event=obj).select_related("organization", "contact"),
            key=lambda p: (ROLE_ORDER.get(p.role, 99), p.organization.name_zh),
        )
        by_role: list[tuple[str, list]] = []
        for participation in participations:
            label = participation.get_role_display()
            if not by_role or by_role[-1][0] != label:
                by_role.append((label, []))
            by_role[-1][1].append(participation)
        event_ids = event_and_sub_events(obj)
        # The headline figures the reports give (and only those: a fixed number of queries).
        signed = signed_projects(obj, ReportFilters())
        on_site = signed.filter(signed_on_site=True)
        summary = {
            "total": tally(signed),
            "on_site": tally(on_site),
            "on_site_industrial": tally(on_site.filter(category=ProjectCategory.INDUSTRIAL)),
        }
        figures = list(
            ReportedFigure.objects.filter(event=obj)
            .select_related("document")
            .order_by("document__published_date", "document", "span_start", "id")
        )
        return {
            "fields": describe(obj, EventForm.Meta.fields),
            "participants_by_role": by_role,
            "summary": summary,
            "figures": figures,
            "agreements": list(obj.agreements.all()),
            "related": [
                related_table(
                    _("Sub-events"),
                    EventTable,
                    EVENTS.filter(parent=obj),
                    list_params={"parent_id": obj.pk},
                    exclude=("parent",),
                    request=request,
                ),
                related_table(
                    _("Projects signed (here and at its sub-events)"),
                    ProjectTable,
                    PROJECTS.filter(signed_event__in=event_ids),
                    list_params={"signed_event_id": event_ids},
                    request=request,
                ),
                related_table(
                    _("Projects signed again here (not counted again)"),
                    ProjectTable,
                    PROJECTS.filter(later_signing_events=obj),
                    hide_empty=True,
                    request=request,
                ),
            ],
        }


ParticipationFormSet = inlineformset_factory(
    Event, Participation, form=ParticipationForm, extra=3, can_delete=True
)


class EventEditView(ObjectEditView):
    queryset = Event.objects.all()
    form_class = EventForm
    inlines = (Inline("participations", _("Participants"), ParticipationFormSet),)


class EventDeleteView(ObjectDeleteView):
    queryset = Event.objects.all()
