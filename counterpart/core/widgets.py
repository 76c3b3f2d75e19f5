"""Form widgets shared by the apps."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy


class SearchSelectMultiple(forms.SelectMultiple):
    """A multiple select over a table that may hold tens of thousands of rows (organisations,
    events): the page holds only the chosen options, and the others are found as the user types,
    from the REST API's list at ``search_url`` (``?q=``, whose rows carry ``id`` and
    ``display``; ``web/static/web/app.js``). Rendering every row as an option cost seconds per
    list page at a million projects. Without JavaScript the chosen options still show, and the
    filter's ``<name>=CODE`` twin works from the address."""

    def __init__(self, search_url: str, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.search_url = search_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-search-url"] = str(reverse_lazy(self.search_url))
        return context

    def optgroups(self, name, value, attrs=None):
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        if queryset is None:
            return super().optgroups(name, value, attrs)
        chosen = [v for v in value if str(v).isdigit()]
        self.choices = [iterator.choice(obj) for obj in queryset.filter(pk__in=chosen)]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = iterator
