"""The database cache's table and connection, for servers that share a cache without Redis.

``settings.shared_cache()`` chooses the database cache for PostgreSQL without REDIS_URL; its
table is created after every ``migrate`` (and ``flush``), so that no deployment step can forget
``createcachetable``; and its reads and writes go through the ``cache`` connection, outside the
request's transaction (see the settings for why).
"""

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS


def create_cache_table(using: str = DEFAULT_DB_ALIAS, **_kwargs) -> None:
    """``createcachetable`` for the migrated database (it skips a table that exists)."""
    if using == DEFAULT_DB_ALIAS:
        call_command("createcachetable", database=using, verbosity=0)


class CacheRouter:
    """The database cache's model (app label ``django_cache``) to its own connection."""

    def _cache_database(self, model) -> str | None:
        if (
            model._meta.app_label == "django_cache"
            and settings.CACHE_DATABASE in settings.DATABASES
        ):
            return settings.CACHE_DATABASE
        return None

    def db_for_read(self, model, **hints) -> str | None:
        return self._cache_database(model)

    def db_for_write(self, model, **hints) -> str | None:
        return self._cache_database(model)

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool | None:
        # The cache connection is the default database again: nothing is migrated through it.
        return False if db == settings.CACHE_DATABASE else None
