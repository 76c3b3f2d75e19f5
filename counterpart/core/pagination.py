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

The order is made total (ties broken by the primary key, in the direction of the last sort key,
so that one index serves it), otherwise rows with equal sort values could move between pages.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db.models import F, OrderBy, QuerySet
from django.utils.functional import cached_property

from . import ledger

__all__ = ["SeekPaginator", "stable_order"]


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
    plain querysets: cached count, deferred-join pages. Other data paginate as usual."""

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

    def page(self, number) -> Page:
        queryset = self._queryset()
        if queryset is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = page_rows(queryset, bottom, top)
        if queryset is not self.object_list:
            from django_tables2.rows import BoundRows

            rows = BoundRows(rows, self.object_list.table, self.object_list.pinned_data)
        return self._get_page(rows, number, self)


def page_rows(queryset: QuerySet, bottom: int, top: int) -> list:
    """Rows ``bottom`` … ``top - 1`` of ``queryset`` in its (total) order: their keys first,
    then the rows themselves by key, with the relations the queryset selects and prefetches."""
    ordered = stable_order(queryset)
    keys = list(ordered.values_list("pk", flat=True)[bottom:top])
    if not keys:
        return []
    by_key = {row.pk: row for row in queryset.order_by().filter(pk__in=set(keys))}
    return [by_key[key] for key in keys if key in by_key]
