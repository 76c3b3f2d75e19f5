"""The roles a user can have (issue 7). What each may do is ``core.permissions``' table."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("administrator")
    DEPARTMENT_STAFF = "department_staff", _("department staff")
    TASK_FORCE_OFFICER = "task_force_officer", _("task-force officer")
    CITY_STAFF = "city_staff", _("city staff")
    VIEWER = "viewer", _("viewer")


# Roles that may open the Django admin: its pages do not apply scopes, so only roles without one.
ADMIN_SITE_ROLES = frozenset({Role.ADMINISTRATOR, Role.DEPARTMENT_STAFF})
