"""The base of every model's FilterSet (django-filter), shared by the lists and, later, the API.

Each filterset has a free-text search ``q`` (Chinese and English names, codes, aliases: the
terms of the query must all match), ``id``, and filters by ids (``<name>_id``) and by natural
codes (``<name>``) rather than by display text, so that links, charts and API clients can
address the same rows.
"""

from __future__ import annotations

from functools import reduce
from operator import and_, or_

import django_filters as filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .choices import ChangeAction, Channel
from .models import ChangeRecord
from .widgets import SearchSelectMultiple

__all__ = [
    "BaseFilterSet",
    "ChangeRecordFilterSet",
    "CheckboxSelectMultiple",
    "CodeFilter",
    "NumberInFilter",
    "RegionTreeFilter",
    "YesNoFilter",
    "by_code_and_id",
]


CheckboxSelectMultiple = forms.CheckboxSelectMultiple


# Ids and numbers a database compares (a 64-bit integer): a larger one is refused as a value
# rather than sent to the database, which would fail with an overflow.
NUMBER_RANGE = (-(2**63), 2**63 - 1)


def in_number_range(value) -> bool:
    """Whether ``value`` (a number, or text of digits) fits a 64-bit integer; other text is
    left to the field, which says what is wrong with it."""
    try:
        return NUMBER_RANGE[0] <= int(value) <= NUMBER_RANGE[1]
    except (TypeError, ValueError, OverflowError, ArithmeticError):
        return True


class BoundedIdsMixin:
    """A model choice field that refuses an id no database column can hold."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        if key == "pk" and not all(in_number_range(v) for v in value or ()):
            bad = next(v for v in value if not in_number_range(v))
            raise forms.ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": bad},
            )
        return super()._check_values(value)


_bounded_classes: dict[type, type] = {}


def bounded_field_class(field_class: type) -> type:
    if field_class not in _bounded_classes:
        name = f"Bounded{field_class.__name__}"
        _bounded_classes[field_class] = type(name, (BoundedIdsMixin, field_class), {})
    return _bounded_classes[field_class]


class NumberInFilter(filters.BaseInFilter, filters.NumberFilter):
    """``?id=3,5,8``; an id too large for any row matches nothing."""

    def filter(self, qs, value):
        if value and not all(in_number_range(v) for v in value):
            value = [v for v in value if in_number_range(v)]
            if not value:
                return qs.none()
        return super().filter(qs, value)


class CharInFilter(filters.BaseInFilter, filters.CharFilter):
    """``?code=A,B``."""


class YesNoSelect(forms.Select):
    """Any / yes / no, in words (Django's NullBooleanSelect says "Unknown" for "any")."""

    def __init__(self, attrs=None):
        choices = (("", _("any")), ("true", _("yes")), ("false", _("no")))
        super().__init__(attrs, choices)

    def format_value(self, value):
        return {True: "true", False: "false", "True": "true", "False": "false"}.get(
            value, value if value in ("true", "false") else ""
        )


class YesNoFilter(filters.BooleanFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesNoSelect)
        super().__init__(*args, **kwargs)


class VerifiedFilter(YesNoFilter):
    """``?verified=true`` (the figures are verified) or ``false`` (not yet: 未核实)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "verified_at")
        kwargs.setdefault("lookup_expr", "isnull")
        kwargs.setdefault("exclude", True)  # verified = NOT verified_at IS NULL
        kwargs.setdefault("label", _("verified"))
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_filter(field_name: str, lookup: str, label) -> filters.DateFilter:
    return filters.DateFilter(
        field_name=field_name, lookup_expr=lookup, label=label, widget=DateInput
    )


@extend_schema_field(OpenApiTypes.STR)
class CodeFilter(filters.ModelMultipleChoiceFilter):
    """Rows by the natural code of a related object (``?pairing=PAIR-01``); repeat to give
    several. (Its type for the API schema: a code is text, whatever the relation's path.)"""


class RegionTreeFilter(filters.ModelMultipleChoiceFilter):
    """A region filter that also matches the regions below the chosen ones.

    Choosing Heilongjiang matches projects in Harbin and in Harbin's districts.
    GB/T 2260 has three levels under the country, so two parent hops reach every descendant.
    """

    def filter(self, qs, value):
        if not value:
            return qs
        name = self.field_name
        return qs.filter(
            Q(**{f"{name}__in": value})
            | Q(**{f"{name}__parent__in": value})
            | Q(**{f"{name}__parent__parent__in": value})
        )


def by_code_and_id(
    field_name: str,
    queryset,
    label,
    *,
    to_field: str = "code",
    tree: bool = False,
    distinct: bool = False,
    search_url: str = "",
) -> tuple[filters.Filter, filters.Filter]:
    """Two filters on one relation: by primary keys and by natural codes.

    Assign them as ``<name>_id, <name> = by_code_and_id(...)``; the list's filter form shows
    the first, and both may be given in a URL (``?destination_region=230100``).
    """
    cls = RegionTreeFilter if tree else filters.ModelMultipleChoiceFilter
    # A table that may be large is searched as the user types (``search_url``: an API list).
    widget = {"widget": SearchSelectMultiple(search_url)} if search_url else {}
    by_id = cls(field_name=field_name, queryset=queryset, label=label, distinct=distinct, **widget)
    by_code = (cls if tree else CodeFilter)(
        # django-filter compares ``<field>__<to_field>`` with each chosen object's code.
        field_name=field_name if tree else f"{field_name}__{to_field}",
        queryset=queryset,
        to_field_name=to_field,
        label=label,
        distinct=distinct,
    )
    return by_id, by_code


class BaseFilterSet(filters.FilterSet):
    """Search, id and the filter-form layout every list shares.

    ``search_fields``: fields ``q`` looks in (``icontains``); extend ``search_q()`` for
    to-many relations (use subqueries, so that rows are not repeated).
    ``form_filters``: the filters the list's side form shows, in order (None: all but the
    code twins of the ``_id`` filters); the others work from the URL.
    """

    q = filters.CharFilter(method="search", label=_("Search"))
    id = NumberInFilter(field_name="id", label=_("id"))

    search_fields: tuple[str, ...] = ()
    form_filters: tuple[str, ...] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.filters.values():
            if isinstance(f, filters.MultipleChoiceFilter) and self._own_column(f.field_name):
                # django-filter adds DISTINCT for any multiple choice; a column of the row
                # itself cannot repeat rows, and DISTINCT keeps an index from serving the
                # list's sort (docs/decisions/0012).
                f.distinct = False
            if isinstance(f, filters.ModelMultipleChoiceFilter):
                f.field_class = bounded_field_class(f.field_class)
            elif isinstance(f, filters.NumberFilter) and not isinstance(f, filters.BaseCSVFilter):
                f.extra["validators"] = [
                    *f.extra.get("validators", ()),
                    MinValueValidator(NUMBER_RANGE[0]),
                    MaxValueValidator(NUMBER_RANGE[1]),
                ]

    def _own_column(self, field_name: str) -> bool:
        """Whether ``field_name`` is a column of the filtered model's own table (a plain field
        or a foreign key), not a path through a relation that may repeat rows."""
        model = self._meta.model
        if model is None or "__" in field_name:
            return False
        try:
            field = model._meta.get_field(field_name)
        except FieldDoesNotExist:
            return False
        return field.concrete and not field.many_to_many

    def search_q(self, term: str) -> Q:
        return reduce(or_, [Q(**{f"{f}__icontains": term}) for f in self.search_fields])

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        terms = value.split()
        if not terms:
            return queryset
        return queryset.filter(reduce(and_, (self.search_q(t) for t in terms)))

    @property
    def form(self):
        from counterpart.core.tables import localize_choices

        form = super().form
        localize_choices(form)
        if self.request is not None and not getattr(form, "_choices_restricted", False):
            # A web list offers (and accepts) only rows its user may read; code without a
            # request (the export command) is not a user and narrows its own querysets.
            from counterpart.core.views import restrict_choices

            restrict_choices(form, self.request.user)
            form._choices_restricted = True
        for field in form.fields.values():
            if isinstance(field.widget, forms.SelectMultiple) and not isinstance(
                field.widget, forms.CheckboxSelectMultiple
            ):
                field.widget.attrs.setdefault("size", "5")
        return form

    def shown_filter_names(self) -> list[str]:
        if self.form_filters is not None:
            return ["q", *[n for n in self.form_filters if n != "q"]]
        names = list(self.filters)
        # ``id`` and the code twin of an ``_id`` filter are for URLs and the API.
        return [n for n in names if n != "id" and f"{n}_id" not in names]

    def active_filters(self) -> list[tuple[str, str, str]]:
        """(name, label, value as text) of each filter given a value, for the chips above a list."""
        if not self.is_bound or not self.form.is_valid():
            return []
        active = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", [], ()) or (hasattr(value, "exists") and not value):
                continue
            label = self.filters[name].label or name
            active.append((name, str(label), _display(self.form.fields[name], value)))
        return active


def _display(field, value) -> str:
    from counterpart.core.tables import localized

    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if hasattr(value, "model") or isinstance(value, list | tuple | set):
        items = list(value)
        choices = dict(getattr(field, "choices", ()) or ())
        return "、".join(
            localized(v) if hasattr(v, "_meta") else str(choices.get(v, v)) for v in items
        )
    if hasattr(value, "_meta"):
        return localized(value)
    return str(value)


# ---------------------------------------------------------------------------- the audit log


def logged_content_types():
    """The object types that have change records: those of every ChangeLoggedModel."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from .models import ChangeLoggedModel

    models = [m for m in apps.get_models() if issubclass(m, ChangeLoggedModel)]
    types = ContentType.objects.get_for_models(*models, for_concrete_models=False).values()
    return ContentType.objects.filter(pk__in=[t.pk for t in types]).order_by("app_label", "model")


class ContentTypeChoiceFilter(filters.ModelMultipleChoiceFilter):
    """Object types, shown by their model's name in the active language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", lambda request: logged_content_types())
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        field = super().field
        field.label_from_instance = lambda ct: (
            str(ct.model_class()._meta.verbose_name_plural) if ct.model_class() else ct.model
        )
        return field


class ChangeRecordFilterSet(BaseFilterSet):
    """The audit log: by user, object type, action, channel, time, request and object."""

    search_fields = ("object_repr", "username", "object_id")

    user_id = filters.ModelMultipleChoiceFilter(
        field_name="user",
        queryset=lambda request: _users(),
        label=_("user"),
    )
    username = CharInFilter(field_name="username", label=_("user name"))
    content_type_id = ContentTypeChoiceFilter(field_name="content_type", label=_("object type"))
    action = filters.MultipleChoiceFilter(
        choices=ChangeAction.choices,
        label=_("action"),
        widget=CheckboxSelectMultiple,
    )
    channel = filters.MultipleChoiceFilter(
        choices=Channel.choices, label=_("channel"), widget=CheckboxSelectMultiple
    )
    time_after = date_filter("time__date", "gte", _("on or after"))
    time_before = date_filter("time__date", "lte", _("on or before"))
    request_id = filters.UUIDFilter(field_name="request_id", label=_("request"))
    object_id = filters.CharFilter(field_name="object_id", label=_("object id"))
    object_type = filters.CharFilter(method="filter_object_type", label=_("object type"))
    changed_field = filters.CharFilter(method="filter_changed_field", label=_("changed field"))

    form_filters = (
        "user_id",
        "content_type_id",
        "action",
        "channel",
        "time_after",
        "time_before",
        "request_id",
        "object_id",
    )

    class Meta:
        model = ChangeRecord
        fields = ()

    def filter_changed_field(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Records whose changed fields include ``value`` (a field's name, as stored)."""
        if not value:
            return queryset
        return queryset.filter(changed_fields__icontains=f'"{value}"')

    def filter_object_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """``projects.project``: the records of one model (the API's way to name a type)."""
        app_label, _dot, model = value.lower().partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)


def _users():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.order_by("username")
