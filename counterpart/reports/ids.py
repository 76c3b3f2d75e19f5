"""The ids of the rows behind a report's figure, read from the database only when used.

Every figure a report returns carries the ids of the rows it was computed from: the JSON
renderer and the brief's sidecar record them, the API returns them, links open them. Fetching
them costs more than the figure itself at a million projects (a count is one index scan; its
ids are a million values sent to Python), and most readers of a report (the HTML page, the
dashboard, the text and Excel renderers) never look at them. So a report computes its figures
in the database and keeps, for each, the query of its rows (``docs/decisions/0014``).

Hand-written: Django has no lazy list of primary keys (a ``values_list`` queryset is close but
is not equal to a list, has no known length without a query, and pickles by evaluating itself,
which would fetch every id when the dashboard is cached).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import Any, overload

from django.db.models import QuerySet

__all__ = ["RowIds", "SharedRows"]


class RowIds(Sequence[int]):
    """The primary keys of a queryset's rows in ascending order, fetched on first use.

    ``RowIds(queryset, count)`` knows its length without a query when the report has counted
    the rows already (the queryset must not repeat rows: ``distinct()`` where a join could);
    ``RowIds([1, 2])`` holds ids known in advance. Compares equal to a list of the same ids.
    Pickled (the cached dashboard) as its query, unless already fetched.
    """

    __slots__ = ("_count", "_ids", "_rows")

    def __init__(
        self, rows: QuerySet | _Selection | Iterable[int] = (), count: int | None = None
    ) -> None:
        self._count = count
        if isinstance(rows, QuerySet | _Selection):
            self._rows: QuerySet | _Selection | None = rows
            self._ids: list[int] | None = None
        else:
            self._rows = None
            self._ids = list(rows)

    @property
    def fetched(self) -> bool:
        return self._ids is not None

    def _fetch(self) -> list[int]:
        if self._ids is None:
            assert self._rows is not None
            if isinstance(self._rows, _Selection):
                self._ids = self._rows.ids()
            else:
                self._ids = list(self._rows.order_by("pk").values_list("pk", flat=True))
            self._rows = None
        return self._ids

    def __len__(self) -> int:
        if self._ids is None and self._count is not None:
            return self._count
        return len(self._fetch())

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self) -> Iterator[int]:
        return iter(self._fetch())

    def __contains__(self, value: object) -> bool:
        return value in self._fetch()

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        return self._fetch()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RowIds):
            return self._fetch() == other._fetch()
        if isinstance(other, list | tuple):
            return self._fetch() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable once fetched, like a list

    def __repr__(self) -> str:
        if self._ids is None:
            return f"RowIds(<{self._count if self._count is not None else '?'} ids, not fetched>)"
        return f"RowIds({self._ids!r})"

    def __getstate__(self) -> dict[str, Any]:
        if self._ids is not None:
            return {"ids": self._ids, "count": self._count}
        assert self._rows is not None
        if isinstance(self._rows, _Selection):
            return {"selection": self._rows, "count": self._count}
        return {"model": self._rows.model, "query": self._rows.query, "count": self._count}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._count = state["count"]
        self._ids = state.get("ids")
        self._rows = state.get("selection")
        if self._ids is None and self._rows is None:
            rows = state["model"]._default_manager.all()
            rows.query = state["query"]
            self._rows = rows


class SharedRows:
    """The rows behind several figures of one report, read in one query for all of them.

    A report that splits rows into groups (per category, per city …) gives each group
    ``shared.where(count, field=value)``: when a renderer reads one group's ids it reads them
    all, so ``SharedRows(rows, "category")`` costs one query where a ``RowIds`` per group would
    cost one each. ``rows`` yields ``pk`` and the ``fields`` (lookups like ``values_list``'s);
    fetched once, on first use; pickled as its query, once for all its groups.

    Where a group is not a field's value but computed from several (the pairing of a
    destination and a source region), ``key`` computes it from a row's fields and
    ``shared.group(name, count)`` gives the ids of the rows whose key is ``name``. The rows are
    then read in chunks and kept only as ids by key, since at a million rows the fields would
    cost far more memory than the ids.
    """

    __slots__ = ("_fields", "_groups", "_key", "_rows", "_values")

    def __init__(
        self, rows: QuerySet, *fields: str, key: Callable[..., Hashable | None] | None = None
    ) -> None:
        self._rows: QuerySet | None = rows
        self._fields = fields
        self._key = key
        self._values: list[tuple] | None = None
        self._groups: dict[Hashable | None, list[int]] | None = None

    def where(self, count: int | None = None, **values: Any) -> RowIds:
        """The ids of the rows whose fields have these values (all rows without values)."""
        unknown = set(values) - set(self._fields)
        if unknown:
            raise ValueError(f"not among the shared fields {self._fields}: {sorted(unknown)}")
        return RowIds(_Where(self, values), count)

    def group(self, name: Hashable | None, count: int | None = None) -> RowIds:
        """The ids of the rows whose ``key`` is ``name``; for None, of every row with a key."""
        if self._key is None:
            raise ValueError("group() needs the rows' key: SharedRows(rows, *fields, key=…)")
        return RowIds(_Group(self, name), count)

    def rows(self) -> list[tuple]:
        """(pk, *fields) of every row, fetched on first use."""
        if self._values is None:
            self._values = list(self._queryset().order_by("pk").values_list("pk", *self._fields))
        return self._values

    def groups(self) -> dict[Hashable | None, list[int]]:
        """The ids by key, ascending and each once (None: every row with a key)."""
        if self._groups is None:
            assert self._key is not None
            found: dict[Hashable | None, list[int]] = {None: []}
            every = found[None]
            rows = self._queryset().order_by("pk").values_list("pk", *self._fields)
            for pk, *fields in rows.iterator(chunk_size=10000):
                name = self._key(*fields)
                if name is None or (every and every[-1] == pk):  # no group, or a join's repeat
                    continue
                found.setdefault(name, []).append(pk)
                every.append(pk)
            self._groups = found
        return self._groups

    def _queryset(self) -> QuerySet:
        assert self._rows is not None, "unpickled after reading: the ids are kept, not the query"
        return self._rows

    def __getstate__(self) -> dict[str, Any]:
        state = {"fields": self._fields, "key": self._key}
        if self._values is not None or self._groups is not None:
            return state | {"values": self._values, "groups": self._groups}
        assert self._rows is not None
        return state | {"model": self._rows.model, "query": self._rows.query}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._fields, self._key = state["fields"], state["key"]
        self._values, self._groups = state.get("values"), state.get("groups")
        self._rows = None
        if self._values is None and self._groups is None:
            rows = state["model"]._default_manager.all()
            rows.query = state["query"]
            self._rows = rows


class _Selection(ABC):
    """Some of the rows of a ``SharedRows``."""

    __slots__ = ("shared",)

    def __init__(self, shared: SharedRows) -> None:
        self.shared = shared

    @abstractmethod
    def ids(self) -> list[int]:
        """The selected rows' ids, ascending, each once."""


class _Where(_Selection):
    """The rows whose fields have given values."""

    __slots__ = ("values",)

    def __init__(self, shared: SharedRows, values: dict[str, Any]) -> None:
        super().__init__(shared)
        self.values = values

    def ids(self) -> list[int]:
        """Sorted, each once (a join can repeat a row with the same values)."""
        positions = [(1 + self.shared._fields.index(f), v) for f, v in self.values.items()]
        rows = self.shared.rows()
        return sorted({row[0] for row in rows if all(row[i] == v for i, v in positions)})

    def __getstate__(self) -> dict[str, Any]:
        return {"shared": self.shared, "values": self.values}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.shared, self.values = state["shared"], state["values"]


class _Group(_Selection):
    """The rows whose key is a name."""

    __slots__ = ("name",)

    def __init__(self, shared: SharedRows, name: Hashable | None) -> None:
        super().__init__(shared)
        self.name = name

    def ids(self) -> list[int]:
        return self.shared.groups().get(self.name, [])

    def __getstate__(self) -> dict[str, Any]:
        return {"shared": self.shared, "name": self.name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.shared, self.name = state["shared"], state["name"]
