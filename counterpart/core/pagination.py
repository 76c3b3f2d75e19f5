"""Pagination of the object lists that costs about the same on page 10,000 as on page 1
(``docs/decisions/0012``).

Two costs grow with the page number or the number of rows in Django's plain ``Paginator``:

* ``OFFSET n`` over the full rows: the database builds (joins, annotates) every skipped row.
  ``SeekPaginator.page()`` makes a *deferred join* instead: it reads only the primary keys of the
  page, ``SELECT id … ORDER BY <sort>, id LIMIT 50 OFFSET n``, which an index on the filter and
  sort columns answers by an index-only scan, then fetches those 25–250 rows with all their
  relations by primary key. Users keep page numbers and "jump to page" (a cursor-only
  pagination would lose them).
* ``COUNT(*)`` of the filtered rows, on every page: counted once per filter (the SQL of the
  count, so also per user scope) and ledger generation (``core/ledger.py``), so any committed
  write counts again on the next load.
* ``OFFSET n`` still walks ``n`` index entries. So the "next" and "previous" links carry a
  signed *cursor*: the sort values and key of the row next to the page, and the page number it
  leads to. ``SeekPaginator.page_from_cursor()`` reads that page from the row on by conditions
  that an index answers as ranges (``rows_beyond()``, ``seek_rows()``): page 10,000 reached by
  its cursor costs what page 1 does, and shows the rows page 10,000 shows by number.

The order is made total (ties broken by the primary key, in the direction of the last sort key,
so that one index serves it), otherwise rows with equal sort values could move between pages.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, replace

from django.core import signing
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections
from django.db.models import F, OrderBy, Q, QuerySet, Value
from django.db.models.constants import LOOKUP_SEP
from django.utils.functional import cached_property

from . import ledger

__all__ = ["InvalidCursor", "SeekPaginator", "sort_keys", "stable_order"]


def _is_descending(term) -> bool:
    if isinstance(term, str):
        return term.startswith("-")
    return bool(getattr(term, "descending", False))


def _names_pk(term, model) -> bool:
    names = {"pk", model._meta.pk.name, model._meta.pk.attname}
    if isinstance(term, str):
        return term.lstrip("-") in names
    expression = getattr(term, "expression", None)
    return isinstance(term, OrderBy) and isinstance(expression, F) and expression.name in names


def stable_order(queryset: QuerySet) -> QuerySet:
    """``queryset`` in its own order with ties broken by the primary key (a total order)."""
    query = queryset.query
    order = list(query.order_by)
    if not order and query.default_ordering:
        order = list(queryset.model._meta.ordering)
    if order and _names_pk(order[-1], queryset.model):
        return queryset
    last_descending = bool(order) and _is_descending(order[-1])
    return queryset.order_by(*order, "-pk" if last_descending else "pk")


def cached_count(queryset: QuerySet) -> int:
    """``queryset.count()``, counted once per query and ledger generation."""
    counted = queryset.order_by()
    try:
        sql, params = counted.query.get_compiler(counted.db).as_sql()
    except EmptyResultSet:  # a filter that matches nothing (``.none()``, ``pk__in=[]``)
        return 0
    return ledger.cached(("count", counted.db, sql, params), counted.count)


class SeekPaginator(Paginator):
    """A paginator for django-tables2 tables (``object_list``: the table's ``BoundRows``) or
    plain querysets: cached count, deferred-join pages by number, and pages reached from a
    cursor (``page_from_cursor``). Other data paginate as usual."""

    def _queryset(self) -> QuerySet | None:
        data = self.object_list
        if isinstance(data, QuerySet):
            return data
        inner = getattr(getattr(data, "data", None), "data", None)  # BoundRows → TableData
        return inner if isinstance(inner, QuerySet) else None

    @cached_property
    def count(self) -> int:
        queryset = self._queryset()
        if queryset is None:
            return super().count
        return cached_count(queryset)

    @cached_property
    def keys(self) -> list[SortKey] | None:
        """The order as sort keys, ``None`` when the rows cannot be sought (not a queryset, or
        an order that is not by fields)."""
        queryset = self._queryset()
        return None if queryset is None else sort_keys(queryset)

    @cached_property
    def fingerprint(self) -> str:
        return seek_fingerprint(self._queryset(), self.keys, self.per_page)

    def page(self, number) -> Page:
        queryset = self._queryset()
        if queryset is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keyed = page_keys(queryset, bottom, top, self.keys)
        return self._page(queryset, keyed, number)

    def page_from_cursor(self, token: str) -> Page:
        """The page a cursor leads to (its number, as the link said), read by seeking from
        the cursor's row: the next ``per_page`` rows, or for a backward cursor the previous
        ones. ``InvalidCursor`` if it was altered, is for another list, or its rows are gone."""
        queryset, keys = self._queryset(), self.keys
        if queryset is None or keys is None:
            raise InvalidCursor("this list has no cursors")
        values, number, backward = read_cursor(token, self.fingerprint, keys)
        walk = [key.reversed() for key in keys] if backward else keys
        keyed = seek_rows(queryset, walk, values, self.per_page)
        if backward:
            keyed.reverse()
        if not keyed or (backward and len(keyed) < self.per_page):
            raise InvalidCursor("the rows changed")  # a backward page is always a full one
        return self._page(queryset, keyed, max(1, min(number, self.num_pages)))

    def _page(self, queryset: QuerySet, keyed: list[tuple], number: int) -> Page:
        """A page of the rows whose (pk, sort values …) are ``keyed``, with the cursors of its
        neighbours: ``next_cursor`` (after its last row) and ``previous_cursor`` (before its
        first; none to page 1, which its number reaches as cheaply)."""
        rows = rows_by_key(queryset, [row[0] for row in keyed])
        if queryset is not self.object_list:
            from django_tables2.rows import BoundRows

            rows = BoundRows(rows, self.object_list.table, self.object_list.pinned_data)
        page = self._get_page(rows, number, self)
        page.next_cursor = page.previous_cursor = None
        if self.keys is not None and keyed:
            if page.has_next():
                page.next_cursor = make_cursor(self.fingerprint, keyed[-1][1:], number + 1, False)
            if number > 2:
                page.previous_cursor = make_cursor(self.fingerprint, keyed[0][1:], number - 1, True)
        return page


def page_keys(queryset: QuerySet, bottom: int, top: int, keys: list[SortKey] | None) -> list:
    """(pk, sort values …) of rows ``bottom`` … ``top - 1`` of ``queryset`` in its total order:
    only the columns an index on the sort holds, so the skipped rows cost an index entry each."""
    if top <= bottom:
        return []
    ordered = stable_order(queryset)
    paths = [] if keys is None else _paths(keys)
    return list(ordered.values_list("pk", *paths)[bottom:top])


def rows_by_key(queryset: QuerySet, keys: list) -> list:
    """The rows of ``keys`` in that order, with the relations the queryset selects and
    prefetches (one query, whatever the page's depth)."""
    if not keys:
        return []
    by_key = {row.pk: row for row in queryset.order_by().filter(pk__in=set(keys))}
    return [by_key[key] for key in keys if key in by_key]


# --- keyset ("seek") navigation: the next and previous pages from a row's sort values --------


CURSOR_SALT = "counterpart.core.pagination.cursor"


class InvalidCursor(Exception):
    """A cursor that was altered, or made for another list (its filters, sort or page size
    changed since), or whose rows are gone."""


@dataclass(frozen=True)
class SortKey:
    """One term of a total order: a field path (or annotation) for lookups and ``values_list``,
    its direction, and where its NULLs come (``nulls`` as the query says it, ``None`` for the
    database's default: PostgreSQL sorts NULL as the largest value, SQLite as the smallest)."""

    path: str
    descending: bool
    nulls: str | None  # "first", "last" or None (the database's default)
    nullable: bool

    def nulls_come_first(self, nulls_largest: bool) -> bool:
        if self.nulls is not None:
            return self.nulls == "first"
        return self.descending == nulls_largest

    def reversed(self) -> SortKey:
        """The same term walked the other way (the database's default stays its default: the
        largest value is first one way and last the other)."""
        swap = {"first": "last", "last": "first", None: None}
        return replace(self, descending=not self.descending, nulls=swap[self.nulls])

    def order_by(self) -> OrderBy:
        nulls = {"nulls_first": True} if self.nulls == "first" else {}
        nulls = {"nulls_last": True} if self.nulls == "last" else nulls
        field = F(self.path)
        return field.desc(**nulls) if self.descending else field.asc(**nulls)


def sort_keys(queryset: QuerySet) -> list[SortKey] | None:
    """The total order of ``queryset`` (``stable_order``) as sort keys, relations expanded to
    their models' orderings as Django does; ``None`` if a term is not a field or an annotation
    (a random or computed order: such lists keep page numbers only)."""
    ordered = stable_order(queryset)
    terms = list(ordered.query.order_by)
    if not terms and ordered.query.default_ordering:
        terms = list(ordered.model._meta.ordering)
    keys: list[SortKey] = []
    for term in terms:
        parsed = _parse_term(term)
        if parsed is None:
            return None
        path, descending, nulls = parsed
        expanded = _expand(ordered, ordered.model, path, descending, nulls)
        if expanded is None:
            return None
        keys.extend(expanded)
    return keys if keys and _names_pk(keys[-1].path, ordered.model) else None


def _parse_term(term) -> tuple[str, bool, str | None] | None:
    if isinstance(term, str):
        if term == "?" or "." in term:
            return None
        return term.lstrip("-"), term.startswith("-"), None
    if isinstance(term, OrderBy) and isinstance(term.expression, F):
        nulls = "first" if term.nulls_first else "last" if term.nulls_last else None
        return term.expression.name, term.descending, nulls
    return None


def _expand(queryset, model, path, descending, nulls, prefix="", nullable=False):
    """``path`` as sort keys: a relation sorts by its model's ``Meta.ordering`` (each term
    prefixed), a field or annotation by itself. ``None`` if it cannot be read."""
    if not prefix and path in queryset.query.annotations:
        return [SortKey(path, descending, nulls, True)]
    if path in ("pk", model._meta.pk.name):
        return [SortKey(prefix + path if prefix else "pk", descending, nulls, nullable)]
    opts, field = model._meta, None
    parts = path.split(LOOKUP_SEP)
    try:
        for part in parts:
            field = opts.get_field(part)
            nullable = nullable or getattr(field, "null", False) or not field.concrete
            if field.is_relation:
                if field.related_model is None:  # a generic relation: no column to compare
                    return None
                opts = field.related_model._meta
    except FieldDoesNotExist:
        return None
    if field.is_relation and opts.ordering and parts[-1] != field.attname:
        keys = []
        for term in opts.ordering:
            parsed = _parse_term(term)
            if parsed is None:
                return None
            sub, sub_descending, sub_nulls = parsed
            found = _expand(
                queryset,
                opts.model,
                sub,
                descending != sub_descending,
                nulls or sub_nulls,
                prefix + path + LOOKUP_SEP,
                nullable,
            )
            if found is None:
                return None
            keys.extend(found)
        return keys
    return [SortKey(prefix + path, descending, nulls, nullable)]


def seek_fingerprint(queryset: QuerySet, keys: list[SortKey], per_page: int) -> str:
    """What a cursor is valid for: the filtered rows' SQL (filters and user scope), the order
    and the page size. A cursor of another list is stale, not misread."""
    unordered = queryset.order_by()
    try:
        sql, params = unordered.query.get_compiler(unordered.db).as_sql()
    except EmptyResultSet:
        sql, params = "", ()
    described = [(k.path, k.descending, k.nulls) for k in keys]
    text = repr((sql, [str(p) for p in params], described, per_page))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def make_cursor(fingerprint: str, values: tuple, number: int, backward: bool) -> str:
    """An opaque, signed token: the row's sort values and key, the page number it leads to."""
    payload = {"f": fingerprint, "v": list(values), "n": number, "b": backward}
    return signing.dumps(payload, salt=CURSOR_SALT, serializer=_CursorSerializer, compress=True)


def read_cursor(token: str, fingerprint: str, keys: list[SortKey]) -> tuple[list, int, bool]:
    """(values, page number, backward) of a cursor; ``InvalidCursor`` if it was altered or is
    for another list."""
    try:
        payload = signing.loads(token, salt=CURSOR_SALT, serializer=_CursorSerializer)
        values, number, backward = payload["v"], int(payload["n"]), bool(payload["b"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidCursor("altered") from error
    if payload.get("f") != fingerprint or len(values) != len(keys) or number < 1:
        raise InvalidCursor("another list")
    return values, number, backward


class _ExactEncoder(DjangoJSONEncoder):
    """Dates, decimals and UUIDs as text (the lookups convert them back); times to the
    microsecond (``DjangoJSONEncoder`` keeps milliseconds, which would misplace the row)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class _CursorSerializer(signing.JSONSerializer):
    def dumps(self, obj):
        return json.dumps(obj, separators=(",", ":"), cls=_ExactEncoder).encode("latin-1")


def rows_beyond(keys: list[SortKey], values: list, nulls_largest: bool) -> list[Q]:
    """Disjoint conditions selecting the rows after ``values`` in the order of ``keys``, in
    the order of the rows they select: the rest of the run of equal leading values first, then
    the values beyond. Each is one range of an index on the keys (no ``OR``, which would make
    the database walk the skipped rows)."""
    groups = []
    for depth in reversed(range(len(keys))):
        same = Q()
        for key, value in zip(keys[:depth], values[:depth], strict=True):
            same &= Q(**{f"{key.path}__isnull": True}) if value is None else Q(**{key.path: value})
        for beyond in _values_beyond(keys[depth], values[depth], nulls_largest):
            groups.append(same & beyond)
    return groups


def _values_beyond(key: SortKey, value, nulls_largest: bool) -> list[Q]:
    nulls_first = key.nulls_come_first(nulls_largest)
    if value is None:
        return [Q(**{f"{key.path}__isnull": False})] if nulls_first else []
    strictly = Q(**{f"{key.path}__{'lt' if key.descending else 'gt'}": value})
    if key.nullable and not nulls_first:
        return [strictly, Q(**{f"{key.path}__isnull": True})]
    return [strictly]


def seek_rows(queryset: QuerySet, keys: list[SortKey], values: list, count: int) -> list[tuple]:
    """(pk, sort values …) of the ``count`` rows after ``values`` in the order of ``keys``, in
    one query: ``UNION ALL`` of one branch per condition of ``rows_beyond`` (each an index range
    read for up to ``count`` rows, ``DISTINCT`` if the list is), then the first ``count`` by
    branch and, within one, by the keys again (explicit ``NULLS FIRST``/``LAST``: the columns
    of a union carry no order of their own)."""
    nulls_largest = connections[queryset.db].features.nulls_order_largest
    ordered = queryset.order_by(*(key.order_by() for key in keys))
    columns = ["pk", *_paths(keys), "_seek_branch"]
    branches, params, compiler = [], [], None
    for number, condition in enumerate(rows_beyond(keys, values, nulls_largest)):
        branch = ordered.filter(condition).annotate(_seek_branch=Value(number))
        branch = branch.values_list(*columns)[:count]
        branch_compiler = branch.query.get_compiler(branch.db)
        try:
            sql, branch_params = branch_compiler.as_sql()
        except EmptyResultSet:
            continue
        compiler = compiler or branch_compiler
        branches.append(f"SELECT * FROM ({sql}) seek_{number}")
        params.extend(branch_params)
    if not branches:
        return []
    within = [
        f"{position} {'DESC' if key.descending else 'ASC'} "
        f"NULLS {'FIRST' if key.nulls_come_first(nulls_largest) else 'LAST'}"
        for position, key in enumerate(keys, start=2)
    ]
    order = ", ".join([str(len(columns)), *within])
    sql = " UNION ALL ".join(branches) + f" ORDER BY {order} LIMIT {int(count)}"
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # the columns converted as Django converts them (dates and decimals on SQLite …)
    return [row[:-1] for row in compiler.results_iter(results=[rows], tuple_expected=True)]


def _paths(keys: list[SortKey]) -> list[str]:
    return [key.path for key in keys]
