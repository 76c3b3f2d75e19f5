"""Pagination of every API list: ``?limit=&offset=``, at most ``MAX_LIMIT`` rows a page."""

from rest_framework.pagination import LimitOffsetPagination


class LimitOffsetWithMax(LimitOffsetPagination):
    """Limit/offset pages (NetBox's choice: stable links while rows are added at the end).

    A limit above the maximum is cut to it rather than refused, so clients that ask for
    "everything" get the largest page and follow ``next``.
    """

    default_limit = 50
    max_limit = 1000
