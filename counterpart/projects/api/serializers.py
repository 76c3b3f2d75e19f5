from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from counterpart.core.api.serializers import ModelSerializer

from ..choices import Stage
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


class ProjectMoveSerializer(serializers.Serializer):
    """A stage move (``services.change_stage``): the stage, its date, a note, and the project's
    fields the target stage needs, given in ``values`` (as the project's own fields)."""

    stage = serializers.ChoiceField(choices=Stage.choices)
    date = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    values = serializers.DictField(
        required=False,
        default=dict,
        help_text=_('Fields the stage needs, e.g. {"signed_date": "2023-04-22"}.'),
    )

    def validate_date(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError(_("A move cannot be dated in the future."))
        return value

    def validate_values(self, values: dict) -> dict:
        """Each value through the project serializer's field of that name."""
        fields = ProjectSerializer(context=self.context).fields
        cleaned, errors = {}, {}
        for name, raw in values.items():
            field = fields.get(name)
            if field is None or field.read_only:
                errors[name] = [_("Not a field of a project that a move may set.")]
                continue
            try:
                cleaned[name] = field.run_validation(raw)
            except serializers.ValidationError as error:
                errors[name] = error.detail
        if errors:
            raise serializers.ValidationError(errors)
        return cleaned
