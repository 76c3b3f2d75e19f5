from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "counterpart.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import changelog, ledger

        changelog.connect_signals()
        # A migration may change rows without the change log (data migrations): new generation.
        post_migrate.connect(ledger.migrated, dispatch_uid="ledger_post_migrate")
        # Every write of a ledger table, by any path, makes a new generation after its commit.
        connection_created.connect(ledger.watch_connection, dispatch_uid="ledger_watch")
