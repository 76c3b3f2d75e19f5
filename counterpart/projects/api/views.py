from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from counterpart.core.api.exceptions import validation_error
from counterpart.core.api.views import ModelViewSet, ReadOnlyModelViewSet, VerifiableViewSetMixin
from counterpart.core.permissions import Action

from .. import services
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


class ProjectViewSet(VerifiableViewSetMixin, ModelViewSet):
    queryset = Project.objects.select_related(
        "extends",
        "source_region",
        "destination_region",
        "zone",
        "signed_event",
        "task_force",
        "officer",
        "verified_by",
    ).prefetch_related("investors", "industries", "later_signing_events")
    serializer_class = serializers.ProjectSerializer
    filterset_class = ProjectFilterSet
    action_permissions = {**VerifiableViewSetMixin.action_permissions, "move": Action.CHANGE}

    @extend_schema(
        request=serializers.ProjectMoveSerializer,
        responses=serializers.StageChangeSerializer,
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Move the project to another stage on a date (forward: with what the stage needs;
        back: a correction that clears the later stages' dates). Writes the StageChange."""
        project = self.get_object()
        move = serializers.ProjectMoveSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        move.is_valid(raise_exception=True)
        data = move.validated_data
        try:
            change = services.change_stage(
                project, data["stage"], data["date"], request.user, data["note"], data["values"]
            )
        except DjangoValidationError as error:
            raise validation_error(error) from None
        return Response(
            serializers.StageChangeSerializer(change, context=self.get_serializer_context()).data
        )


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


class FundsInPlaceViewSet(VerifiableViewSetMixin, ModelViewSet):
    queryset = FundsInPlace.objects.select_related("project", "source_region", "verified_by")
    serializer_class = serializers.FundsInPlaceSerializer
    filterset_class = FundsInPlaceFilterSet


class FollowUpViewSet(ModelViewSet):
    queryset = FollowUp.objects.select_related(
        "project", "organization", "contact__organization", "officer"
    )
    serializer_class = serializers.FollowUpSerializer
    filterset_class = FollowUpFilterSet
