"""A report's rows in the report's order, read from the database only as a renderer reads them.

Some reports list rows, not only figures (supervision lists every overdue action). At a million
projects those are hundreds of thousands of rows, and most readers of the report show their
counts and a few of them (the page: the first rows of each group; the text: the first ten).
So the report keeps the ordered query and the count it has already made; iterating reads the
rows in chunks (memory stays bounded), a slice reads only its rows (``LIMIT``/``OFFSET``).

Hand-written for the reason ``ids.RowIds`` is: a queryset has no known length without a
query, is not equal to a list, and pickles by evaluating itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

__all__ = ["LazyRows"]

T = TypeVar("T")
CHUNK = 2000  # rows read at a time while iterating


class LazyRows(Sequence[T], Generic[T]):
    """``make(*row)`` for each row of an ordered ``values_list`` queryset (each value itself
    when ``make`` is None: a flat one), with a known length. Compares equal to a list of the
    same items; pickled as its query (``make`` must be picklable: a module's function, a
    class, a ``functools.partial`` of them)."""

    __slots__ = ("_count", "_make", "_rows")

    def __init__(self, rows: QuerySet, count: int, make: Callable[..., T] | None = None) -> None:
        if not rows.ordered:
            raise ValueError("LazyRows needs an ordered queryset: its order is the report's.")
        self._rows, self._count, self._make = rows, count, make

    def _made(self, rows) -> Iterator[T]:
        make = self._make
        return (row if make is None else make(*row) for row in rows)

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[T]:
        if not self._count:
            return iter(())
        return self._made(self._rows.iterator(chunk_size=CHUNK))

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            if start >= stop:
                return []
            return list(self._made(self._rows[start:stop]))[::step]
        position = index + self._count if index < 0 else index
        if not 0 <= position < self._count:
            raise IndexError("LazyRows index out of range")
        return next(self._made(self._rows[position : position + 1]))

    def ids(self) -> LazyRows[int]:
        """The rows' primary keys, in the same order."""
        return LazyRows(self._rows.values_list("pk", flat=True), self._count)

    def first_per(self, key: str, limit: int, whole_up_to: int = 0) -> list[T]:
        """The first ``limit`` rows of each value of ``key`` (a field), or all of them where
        the value has at most ``whole_up_to`` rows; in the rows' order, one query
        (``ROW_NUMBER()`` and ``COUNT(*)`` over each value's rows)."""
        group = {"partition_by": F(key)}
        rows = self._rows.annotate(
            place=Window(RowNumber(), order_by=list(self._rows.query.order_by), **group),
            size=Window(Count("pk"), **group),
        ).filter(Q(place__lte=limit) | Q(size__lte=whole_up_to))
        return list(self._made(rows.values_list(*self._rows._fields)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyRows | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compared by content, like a list

    def __repr__(self) -> str:
        return f"LazyRows(<{self._count} rows, not read>)"

    def __getstate__(self) -> dict[str, Any]:
        return {
            "model": self._rows.model,
            "query": self._rows.query,
            "iterable": self._rows._iterable_class,
            "fields": self._rows._fields,
            "count": self._count,
            "make": self._make,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        rows = state["model"]._default_manager.all()
        rows.query = state["query"]
        rows._iterable_class = state["iterable"]
        rows._fields = state["fields"]
        self._rows, self._count, self._make = rows, state["count"], state["make"]
