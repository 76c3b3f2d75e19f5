from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "counterpart.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from . import changelog
        from .models import clear_stale_verification

        changelog.connect_signals()
        pre_save.connect(clear_stale_verification, dispatch_uid="clear_stale_verification")
