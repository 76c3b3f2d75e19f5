"""How far the import of a batch has got, for the page that waits on it.

An import runs inside its request's transaction, so nothing it writes is visible to another
connection until it ends; the count of rows done goes through Django's cache instead. The
default cache is one process's memory, which serves `make run` and a single application server;
with several servers, configure a shared cache (the database's or Redis) and the count follows.
"""

from __future__ import annotations

from django.core.cache import cache

STEP = 200  # rows between two updates: a cache write per row would slow the import
TIMEOUT = 3600  # seconds a count is kept after its last update


def cache_key(batch_pk: int) -> str:
    return f"counterpart:imports:progress:{batch_pk}"


class Progress:
    """A ``run_import`` progress callback that counts rows and publishes the count."""

    def __init__(self, batch_pk: int, total: int | None, committing: bool):
        self.key = cache_key(batch_pk)
        self.total = total
        self.committing = committing
        self.done = 0
        self.publish()

    def __call__(self, _row_number: int) -> None:
        self.done += 1
        if self.done % STEP == 0:
            self.publish()

    def publish(self) -> None:
        cache.set(
            self.key,
            {"done": self.done, "total": self.total, "committing": self.committing},
            TIMEOUT,
        )

    def finish(self) -> None:
        cache.delete(self.key)


def progress_of(batch_pk: int) -> dict | None:
    """``{"done": rows, "total": rows or None, "committing": bool}``, or None when no import of
    the batch is running."""
    return cache.get(cache_key(batch_pk))
