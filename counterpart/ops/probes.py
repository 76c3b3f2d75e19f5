"""What the readiness probe checks: each check is cheap (no table is scanned) and says only
``ok`` or what failed; the details go to the log, not to whoever asks."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)

# Once this process has seen every migration applied, it does not look again: migrations are
# not rolled back under a running server, and reading the migration files costs milliseconds.
_migrations_seen_applied = False


def check_database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_migrations() -> str:
    global _migrations_seen_applied
    if not _migrations_seen_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            return f"{len(plan)} unapplied"
        _migrations_seen_applied = True
    return "ok"


def check_cache() -> str:
    key = f"counterpart:ready:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    found = cache.get(key)
    cache.delete(key)
    return "ok" if found == "1" else "no answer"


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "migrations": check_migrations,
    "cache": check_cache,
}


def readiness() -> dict[str, str]:
    """``{check: "ok" | what failed}`` for every check; migrations are not checked when the
    database does not answer."""
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        if name == "migrations" and results.get("database") != "ok":
            results[name] = "not checked"
            continue
        try:
            results[name] = check()
        except Exception as error:  # any failure of a dependency makes the server not ready
            logger.warning("readiness check %s failed: %s", name, error, extra={"check": name})
            results[name] = "unreachable" if name in ("database", "cache") else "failed"
    return results
