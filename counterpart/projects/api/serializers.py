from counterpart.core.api.serializers import ModelSerializer

from ..models import FollowUp, FundsInPlace, Project, StageChange, TaskForce, TaskForceCity


class ProjectSerializer(ModelSerializer):
    """A change of ``stage`` writes a StageChange (``Project.save``), by the request's user
    and dated by the stage's own date field or today; use ``move`` to date it otherwise."""

    class Meta:
        model = Project
        fields = "__all__"

    def prepare_instance(self, instance, attrs) -> None:
        instance.pending_stage_change = {"user": self._user()}


class StageChangeSerializer(ModelSerializer):
    class Meta:
        model = StageChange
        fields = "__all__"


class TaskForceSerializer(ModelSerializer):
    class Meta:
        model = TaskForce
        fields = "__all__"


class TaskForceCitySerializer(ModelSerializer):
    class Meta:
        model = TaskForceCity
        fields = "__all__"


class FundsInPlaceSerializer(ModelSerializer):
    class Meta:
        model = FundsInPlace
        fields = "__all__"


class FollowUpSerializer(ModelSerializer):
    class Meta:
        model = FollowUp
        fields = "__all__"
