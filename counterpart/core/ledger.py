"""The ledger's generation: a token that changes after every committed write, so that figures
computed from the ledger (the dashboard, the row counts of the lists) can be cached under it and
are never served stale (``docs/decisions/0012``).

Every write calls ``touch()``: each database connection carries an execute wrapper
(``WriteWatcher``) that sees every INSERT, UPDATE, DELETE and TRUNCATE of a ledger table, so
``QuerySet.update()``, ``bulk_create`` and raw SQL are seen as well as model saves; the change
log (``changelog.write_record``), the synthetic-data generator, restore and migrations also
call it explicitly (cheap: once per transaction), should a write ever bypass the wrapper.
``touch()`` registers, once per transaction, a callback that replaces the token *after* the
commit: a reader that read the old token before the commit computed the old figures and stored
them under the old token, which nobody asks for any more; one that reads the new token sees the
committed rows. A connection whose transaction holds uncommitted writes of its own reads around
the cache (``in_dirty_transaction()``): its figures are nobody else's and must not be stored.

The token lives in the default cache (Redis, or the database cache on its own connection),
without expiry; if it is lost (cache cleared or culled) a new one is made, which only means a
cold cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import re
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

logger = logging.getLogger(__name__)

KEY = "ledger:generation"
# Cached figures expire anyway after this long: a bound on staleness should a write ever reach
# the database by a path that does not call touch() (SQL typed by hand in psql).
TIMEOUT = 3600

T = TypeVar("T")
_MISSING = object()

__all__ = ["cached", "generation", "in_dirty_transaction", "key", "touch"]


def new_generation() -> None:
    """Make every cached figure out of date now (what a commit's callback does).

    A cache that fails is logged, never raised: the write has committed, and the figures it
    holds expire after ``TIMEOUT`` anyway."""
    try:
        cache.set(KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.exception("the ledger's generation could not be renewed in the cache")


class _Bump:
    """The after-commit callback of one transaction; ``done`` once it ran."""

    def __init__(self) -> None:
        self.done = False

    def __call__(self) -> None:
        self.done = True
        new_generation()


def _pending(using: str) -> _Bump | None:
    """This connection's bump waiting for the commit, if its transaction wrote."""
    for _savepoints, callback, _robust in connections[using].run_on_commit:
        if isinstance(callback, _Bump) and not callback.done:
            return callback
    return None


def settle(using: str = DEFAULT_DB_ALIAS) -> None:
    """Run this connection's pending bump as its commit would (for tests, whose transaction
    never commits)."""
    pending = _pending(using)
    while pending is not None:
        pending()
        pending = _pending(using)


def touch(using: str = DEFAULT_DB_ALIAS) -> None:
    """Say that the ledger changes: after this transaction commits (at once outside one), every
    figure cached under the current generation is out of date."""
    if _pending(using) is None:
        transaction.on_commit(_Bump(), using=using)


# The apps whose rows the cached figures are computed from (the dashboard, the lists' counts).
# Not ``users``: a login writes ``last_login``, and a change of a user's scope changes the SQL of
# that user's lists, hence their cache keys.
LEDGER_APPS = (
    "core",
    "events",
    "geo",
    "indicators",
    "industries",
    "organizations",
    "press",
    "projects",
)
WRITE = re.compile(
    r'(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)',
    re.IGNORECASE,
)


@functools.cache
def ledger_tables() -> frozenset[str]:
    """The tables of the ledger's models, many-to-many tables included."""
    return frozenset(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in LEDGER_APPS
    )


def written_tables(sql: str) -> set[str]:
    """The tables an INSERT, UPDATE, DELETE or TRUNCATE statement writes (a statement that
    opens with ``WITH`` may write after its common table expressions); none for a read."""
    head = sql.lstrip()[:4].upper()
    if head == "WITH":
        return set(WRITE.findall(sql))
    match = WRITE.match(sql.lstrip()) if head[:1] in ("I", "U", "D", "T") else None
    return {match.group(1)} if match else set()


class WriteWatcher:
    """A database execute wrapper: any statement that writes a ledger table touches the ledger
    once it ran: ``QuerySet.update()``, ``bulk_create``, raw SQL through Django's connection,
    not only the saves the change log sees."""

    def __init__(self, alias: str) -> None:
        self.alias = alias

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not written_tables(sql).isdisjoint(ledger_tables()):
            touch(self.alias)
        return result


def watch_connection(sender=None, connection=None, **_kwargs) -> None:
    """``connection_created``: watch the new connection's writes (once per connection)."""
    if connection is None or connection.alias == getattr(settings, "CACHE_DATABASE", None):
        return
    if not any(isinstance(w, WriteWatcher) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(WriteWatcher(connection.alias))


def migrated(using: str = DEFAULT_DB_ALIAS, **_kwargs) -> None:
    """After ``migrate`` (and ``flush``): a new generation. Before the database cache's table
    exists (the first ``migrate``) there is nothing cached to invalidate."""
    with contextlib.suppress(DatabaseError):
        touch(using)


def in_dirty_transaction(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether this connection's transaction wrote to the ledger and has not committed yet."""
    return _pending(using) is not None


def generation() -> str | None:
    """The current generation's token (a new one if the cache lost it); None when the cache
    cannot be reached."""
    try:
        token = cache.get(KEY)
        if token is None:
            cache.add(KEY, uuid.uuid4().hex, None)
            token = cache.get(KEY) or ""
    except Exception:
        logger.exception("the cache could not be read: figures are computed without it")
        return None
    return token


def key(*parts: object) -> str | None:
    """A cache key for a figure of the current generation: the parts hashed (any length);
    None when the cache cannot be reached."""
    token = generation()
    if token is None:
        return None
    digest = hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]
    return f"ledger:{token}:{digest}"


def cached(parts: tuple, compute: Callable[[], T], timeout: int = TIMEOUT) -> T:
    """``compute()``, or what it returned before in this generation for the same ``parts``.
    A cache that fails only costs the computation."""
    if in_dirty_transaction():
        return compute()
    name = key(*parts)
    if name is None:
        return compute()
    try:
        value = cache.get(name, _MISSING)
    except Exception:
        logger.exception("the cache could not be read: figures are computed without it")
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            cache.set(name, value, timeout)
        except Exception:
            logger.exception("a computed figure could not be stored in the cache")
    return value
