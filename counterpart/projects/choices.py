from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where a project has got to. Whether it is still alive is ``ProjectStatus``."""

    LEAD = "lead", _("lead")
    NEGOTIATING = "negotiating", _("negotiating")
    SIGNED = "signed", _("signed")
    STARTED = "started", _("started")
    OPERATING = "operating", _("operating")


STAGE_ORDER = {stage: index for index, stage in enumerate(Stage)}


def stages_from(stage: str) -> list[str]:
    """``stage`` and every later stage (a started project has also been signed)."""
    return [s.value for s in Stage if STAGE_ORDER[s] >= STAGE_ORDER[Stage(stage)]]


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    DELAYED = "delayed", _("delayed")
    DORMANT = "dormant", _("dormant")
    DROPPED = "dropped", _("dropped")


class ProjectType(models.TextChoices):
    NEW = "new", _("new project")
    EXPANSION = "expansion", _("expansion")
    CAPITAL_INCREASE = "capital_increase", _("capital increase")
    RELOCATION = "relocation", _("relocation")
    JOINT_VENTURE = "joint_venture", _("joint venture")


class ProjectCategory(models.TextChoices):
    INDUSTRIAL = "industrial", _("industrial")
    SERVICE = "service", _("service")
    AGRICULTURAL = "agricultural", _("agricultural")
    INFRASTRUCTURE = "infrastructure", _("infrastructure")
    TOURISM = "tourism", _("tourism")
    TRADE = "trade", _("trade")


class FollowUpKind(models.TextChoices):
    VISIT = "visit", _("visit")
    MEETING = "meeting", _("meeting")
    CALL = "call", _("phone call")
    VIDEO = "video", _("video call")
    EMAIL = "email", _("email or letter")
    OTHER = "other", _("other")
