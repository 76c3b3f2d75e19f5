from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from counterpart.core.models import ChangeLoggedModel


class User(AbstractUser, ChangeLoggedModel):
    """A person who uses Counterpart; roles and scopes build on this (users issue)."""

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

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username
