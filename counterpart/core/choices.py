"""Choices shared by several apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MoneyBasis(models.TextChoices):
    """Whether a money figure is an estimate or confirmed (by contract, bank record, statistics)."""

    ESTIMATED = "estimated", _("estimated")
    CONFIRMED = "confirmed", _("confirmed")


class DatePrecision(models.TextChoices):
    """How much of a stored date is known: 2023-03-01 with MONTH precision means "March 2023"."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class Language(models.TextChoices):
    ZH = "zh", _("Chinese")
    EN = "en", _("English")


class Channel(models.TextChoices):
    """The path a write came through, recorded on every change record."""

    UI = "ui", _("web interface")
    ADMIN = "admin", _("admin")
    API = "api", _("API")
    IMPORT = "import", _("import")
    CLI = "cli", _("command line")
    SYSTEM = "system", _("system")
    TASK = "task", _("background job")


class ChangeAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DELETE = "delete", _("deleted")
    MERGE = "merge", _("merged")
