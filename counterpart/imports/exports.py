"""The rows an export writes: the entity's objects, narrowed by its list page's filterset, with
what the import's columns show fetched in a constant number of queries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import QueryDict

from counterpart.events.filtersets import EventFilterSet
from counterpart.events.models import Event
from counterpart.indicators.models import Observation
from counterpart.organizations.filtersets import ContactFilterSet, OrganizationFilterSet
from counterpart.organizations.models import Contact, Organization
from counterpart.projects.board import with_stage_since
from counterpart.projects.filtersets import (
    FollowUpFilterSet,
    FundsInPlaceFilterSet,
    ProjectFilterSet,
)
from counterpart.projects.models import FollowUp, FundsInPlace, Project

from .entities import Entity


def _querysets() -> dict[str, tuple[QuerySet, type | None]]:
    return {
        "organizations": (
            Organization.objects.select_related("hq_region", "parent")
            .prefetch_related("industries__taxonomy")
            .order_by("pk"),
            OrganizationFilterSet,
        ),
        "contacts": (
            Contact.objects.select_related("organization").order_by("pk"),
            ContactFilterSet,
        ),
        "events": (
            Event.objects.select_related(
                "region",
                "organizer_region",
                "parent",
                "pairing__home_region",
                "pairing__partner_region",
            ).order_by("pk"),
            EventFilterSet,
        ),
        "projects": (
            with_stage_since(Project.objects.all())
            .select_related(
                "extends",
                "source_region",
                "destination_region",
                "zone",
                "signed_event",
                "task_force",
                "officer",
            )
            .prefetch_related("investors", "industries__taxonomy")
            .order_by("pk"),
            ProjectFilterSet,
        ),
        "followups": (
            FollowUp.objects.select_related(
                "project", "organization", "contact", "officer"
            ).order_by("pk"),
            FollowUpFilterSet,
        ),
        "funds": (
            FundsInPlace.objects.select_related("project", "source_region").order_by("pk"),
            FundsInPlaceFilterSet,
        ),
        "observations": (
            Observation.objects.select_related("indicator", "region").order_by("pk"),
            None,
        ),
    }


def export_queryset(entity: Entity, query: QueryDict | None = None) -> QuerySet:
    """``entity``'s rows filtered by ``query`` (its list page's filters); ``ValueError`` names
    each filter that is unknown or not valid."""
    queryset, filterset_class = _querysets()[entity.name]
    if not query:
        return queryset
    if filterset_class is None:
        raise ValueError(f"{entity.name} cannot be filtered")
    unknown = [name for name in query if name not in filterset_class.base_filters]
    if unknown:
        known = ", ".join(sorted(filterset_class.base_filters))
        raise ValueError(f"unknown filter {', '.join(unknown)} (filters: {known})")
    filterset = filterset_class(query, queryset=queryset)
    if not filterset.is_valid():
        problems = "; ".join(
            f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()
        )
        raise ValueError(problems)
    return filterset.qs
