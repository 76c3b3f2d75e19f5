from django.db.models import Prefetch

from counterpart.core.api.views import ModelViewSet, ReadOnlyModelViewSet

from ..filtersets import (
    FollowUpFilterSet,
    FundsInPlaceFilterSet,
    ProjectFilterSet,
    StageChangeFilterSet,
    TaskForceCityFilterSet,
    TaskForceFilterSet,
)
from ..models import FollowUp, FundsInPlace, Project, StageChange, TaskForce, TaskForceCity
from . import serializers


class ProjectViewSet(ModelViewSet):
    queryset = Project.objects.select_related(
        "extends",
        "source_region",
        "destination_region",
        "zone",
        "signed_event",
        "task_force",
        "officer",
    ).prefetch_related("investors", "industries", "later_signing_events")
    serializer_class = serializers.ProjectSerializer
    filterset_class = ProjectFilterSet


class StageChangeViewSet(ReadOnlyModelViewSet):
    """A project's stage history: written by saving the project (or moving it), never alone."""

    queryset = StageChange.objects.select_related("project", "user")
    serializer_class = serializers.StageChangeSerializer
    filterset_class = StageChangeFilterSet


class TaskForceViewSet(ModelViewSet):
    queryset = TaskForce.objects.select_related("lead_unit").prefetch_related(Prefetch("members"))
    serializer_class = serializers.TaskForceSerializer
    filterset_class = TaskForceFilterSet


class TaskForceCityViewSet(ModelViewSet):
    queryset = TaskForceCity.objects.select_related("task_force", "city", "officer")
    serializer_class = serializers.TaskForceCitySerializer
    filterset_class = TaskForceCityFilterSet


class FundsInPlaceViewSet(ModelViewSet):
    queryset = FundsInPlace.objects.select_related("project", "source_region")
    serializer_class = serializers.FundsInPlaceSerializer
    filterset_class = FundsInPlaceFilterSet


class FollowUpViewSet(ModelViewSet):
    queryset = FollowUp.objects.select_related(
        "project", "organization", "contact__organization", "officer"
    )
    serializer_class = serializers.FollowUpSerializer
    filterset_class = FollowUpFilterSet
