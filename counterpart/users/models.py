from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from counterpart.core.models import ChangeLoggedModel

from .choices import ADMIN_SITE_ROLES, Role


class UserManager(DjangoUserManager):
    """``createsuperuser`` (and pytest-django's ``admin_user``) make administrators."""

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser, ChangeLoggedModel):
    """A person who uses Counterpart, with a role and the scope the role needs.

    The role decides everything: ``is_superuser`` and ``is_staff`` follow it on every save (see
    ``docs/decisions/0006``), and ``core.permissions`` says what each role may read and write.
    """

    # Interface preferences (chosen table columns …) change often and are not records.
    changelog_exclude = ("last_login", "preferences")
    changelog_redact = ("password", "email", "phone")

    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the interface; empty means the default (Chinese)."),
    )
    preferences = models.JSONField(
        _("preferences"),
        default=dict,
        blank=True,
        help_text=_("Interface preferences, such as the columns chosen for each list."),
    )
    role = models.CharField(
        _("role"),
        max_length=24,
        choices=Role.choices,
        default=Role.VIEWER,
        help_text=_("What the user may read and write; a new user is a viewer until given more."),
    )
    city = models.ForeignKey(
        "geo.Region",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text=_("For city staff: the city (prefecture) whose records they keep."),
    )
    task_force = models.ForeignKey(
        "projects.TaskForce",
        verbose_name=_("task force"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
        help_text=_("For task-force officers: the task force whose cities they work for."),
    )

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role=Role.CITY_STAFF) | models.Q(city__isnull=False),
                name="users_user_city_staff_has_city",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.TASK_FORCE_OFFICER)
                | models.Q(task_force__isnull=False),
                name="users_user_officer_has_task_force",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        from counterpart.geo.models import RegionLevel

        errors = {}
        if self.role == Role.CITY_STAFF:
            if self.city_id is None:
                errors["city"] = _("City staff need the city whose records they keep.")
            elif self.city.level != RegionLevel.PREFECTURE:
                errors["city"] = _(
                    "Choose a city (a prefecture-level region), not a %(level)s."
                ) % {"level": self.city.get_level_display()}
        elif self.city_id is not None:
            errors["city"] = _("Only city staff have a city; leave it empty for this role.")
        if self.role == Role.TASK_FORCE_OFFICER:
            if self.task_force_id is None:
                errors["task_force"] = _("A task-force officer needs their task force.")
        elif self.task_force_id is not None:
            errors["task_force"] = _(
                "Only task-force officers have a task force; leave it empty for this role."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The role is the one source of rights: the admin site's flags follow it.
        self.is_superuser = self.role == Role.ADMINISTRATOR
        self.is_staff = self.role in ADMIN_SITE_ROLES
        self.__dict__.pop("_city_ids", None)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "role" in update_fields:
            kwargs["update_fields"] = {*update_fields, "is_superuser", "is_staff"}
        super().save(*args, **kwargs)
