from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from counterpart.core.models import ChangeLoggedModel


class User(AbstractUser, ChangeLoggedModel):
    """A person who uses Counterpart; roles and scopes build on this (users issue)."""

    changelog_exclude = ("last_login",)
    changelog_redact = ("password", "email", "phone")

    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username
