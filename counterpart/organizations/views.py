from django.db.models import Prefetch
from django.forms import inlineformset_factory
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from counterpart.core.permissions import masked_fields, restrict
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
from counterpart.events.models import Participation
from counterpart.projects.models import Project
from counterpart.projects.tables import FollowUpTable, ProjectTable
from counterpart.projects.views import FOLLOW_UPS, PROJECTS

from .filtersets import ContactFilterSet, OrganizationFilterSet
from .forms import AliasForm, ContactForm, OrganizationEditForm, RankingForm
from .models import Contact, Organization, OrganizationAlias, Ranking
from .tables import ContactTable, OrganizationTable

ORGANIZATIONS = (
    Organization.objects.select_related("hq_region", "parent")
    .prefetch_related("industries", "aliases")
    .annotate(
        project_count=count_of(Project.investors.through.objects.all(), "organization"),
        contact_count=count_of(Contact.objects.all(), "organization"),
    )
)
CONTACTS = Contact.objects.select_related("organization")


class OrganizationListView(ObjectListView):
    queryset = ORGANIZATIONS
    filterset_class = OrganizationFilterSet
    table_class = OrganizationTable

    def get_queryset(self, request):
        # Count only the contacts the user may read: the count says who exists.
        readable = restrict(Contact.objects.all(), request.user)
        return (
            super().get_queryset(request).annotate(contact_count=count_of(readable, "organization"))
        )


class OrganizationDetailView(ObjectDetailView):
    queryset = ORGANIZATIONS.prefetch_related(
        "rankings",
        Prefetch("subsidiaries", Organization.objects.order_by("name_zh")),
        "operated_zones",
    )

    def get_extra_context(self, request, obj):
        participations = list(
            restrict(Participation.objects.filter(organization=obj), request.user)
            .select_related("event", "contact")
            .order_by("-event__start_date", "role")
        )
        return {
            "fields": describe(
                obj,
                (
                    "name_zh",
                    "name_en",
                    "kind",
                    "credit_code",
                    "credit_code_override",
                    "hq_region",
                    "parent",
                    "industries",
                    "website",
                    "notes",
                    "is_sample",
                ),
            ),
            "aliases": list(obj.aliases.all()),
            "rankings": list(obj.rankings.all()),
            "subsidiaries": list(obj.subsidiaries.all()),
            "zones": list(obj.operated_zones.all()),
            "participations": participations,
            "related": [
                related_table(
                    _("Contacts"),
                    ContactTable,
                    CONTACTS.filter(organization=obj),
                    list_params={"organization_id": obj.pk},
                    add_url=f"{reverse('organizations:contact_add')}?organization={obj.pk}",
                    exclude=("organization",),
                    request=request,
                ),
                related_table(
                    _("Projects invested in"),
                    ProjectTable,
                    PROJECTS.filter(investors=obj),
                    list_params={"investor_id": obj.pk},
                    exclude=("investors",),
                    request=request,
                ),
                related_table(
                    _("Follow-ups"),
                    FollowUpTable,
                    FOLLOW_UPS.filter(organization=obj),
                    list_params={"organization_id": obj.pk},
                    add_url=f"{reverse('projects:followup_add')}?organization={obj.pk}",
                    exclude=("organization",),
                    request=request,
                ),
            ],
        }


AliasFormSet = inlineformset_factory(
    Organization, OrganizationAlias, form=AliasForm, extra=2, can_delete=True
)
RankingFormSet = inlineformset_factory(
    Organization, Ranking, form=RankingForm, extra=1, can_delete=True
)


class OrganizationEditView(ObjectEditView):
    queryset = Organization.objects.all()
    form_class = OrganizationEditForm
    inlines = (
        Inline("aliases", _("Aliases"), AliasFormSet),
        Inline("rankings", _("Rankings"), RankingFormSet),
    )


class OrganizationDeleteView(ObjectDeleteView):
    queryset = Organization.objects.all()


class ContactListView(ObjectListView):
    queryset = CONTACTS
    filterset_class = ContactFilterSet
    table_class = ContactTable


class ContactDetailView(ObjectDetailView):
    queryset = CONTACTS

    def get_extra_context(self, request, obj):
        return {
            "fields": describe(
                obj,
                ("name", "name_en", "organization", "title", "phone", "email", "notes"),
                masked=masked_fields(request.user, Contact),
            ),
            "related": [
                related_table(
                    _("Follow-ups"), FollowUpTable, FOLLOW_UPS.filter(contact=obj), request=request
                ),
            ],
        }


class ContactEditView(ObjectEditView):
    queryset = Contact.objects.all()
    form_class = ContactForm


class ContactDeleteView(ObjectDeleteView):
    queryset = Contact.objects.all()
