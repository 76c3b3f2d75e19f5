"""Generic object views in the manner of NetBox: list, detail, edit (create and change), delete.

A domain app declares, per model, a queryset (with the select_related/prefetch_related its
pages need, so that a page costs the same number of queries whatever the number of rows), a
FilterSet (``<app>/filtersets.py``), a Table (``<app>/tables.py``) and a ModelForm, and wires
the four views with ``model_urls()``. URL names follow one pattern, for model ``project`` of
app ``projects``: ``projects:project_list``, ``projects:project`` (detail),
``projects:project_add``, ``projects:project_edit``, ``projects:project_delete``.

Writes go through the ModelForm (so through the model's ``full_clean()``) and the change log;
``ChangeContextMiddleware`` attributes them to the user and the UI channel.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.paginator import EmptyPage
from django.core.validators import MinValueValidator
from django.db import models, router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import linebreaksbr
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from .export import FORMATS, export_response
from .fields import non_negative_fields
from .models import ChangeLoggedModel, ChangeRecord
from .pagination import InvalidCursor, SeekPaginator
from .permissions import MASK, Action, can, city_of_paths, masked_fields, restrict
from .tables import localize_choices
from .versioning import StaleVersion, bump, expect_version

# The hidden field of an edit form that carries the version of the object the form was opened on.
VERSION_INPUT = "_version"

__all__ = [
    "ObjectDeleteView",
    "ObjectDetailView",
    "ObjectEditView",
    "ObjectListView",
    "model_urls",
    "object_url",
    "related_table",
    "viewname",
]


# ---------------------------------------------------------------------------- names and URLs


def viewname(model, action: str = "") -> str:
    """``projects:project``, ``projects:project_list``, ``projects:project_edit`` …"""
    meta = model._meta
    return f"{meta.app_label}:{meta.model_name}" + (f"_{action}" if action else "")


def object_url(obj, action: str = "") -> str | None:
    if obj is None or getattr(obj, "pk", None) is None:
        return None
    try:
        return reverse(viewname(obj, action), kwargs={"pk": obj.pk})
    except NoReverseMatch:
        return None


def list_url(model, **params) -> str | None:
    try:
        url = reverse(viewname(model, "list"))
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode(params, doseq=True)}" if params else url


def verification_context(user, model, obj=None) -> dict | None:
    """Verification buttons and forms of a list or detail page (``core/verification.py``)."""
    from .verification import verification_context as context

    return context(user, model, obj)


def model_urls(prefix: str, model, *, list=None, detail=None, edit=None, delete=None):
    """The five paths of a model under ``prefix`` ("projects" → /projects/, /projects/7/ …)."""
    name = model._meta.model_name
    patterns = []
    if list is not None:
        patterns.append(path(f"{prefix}/", list.as_view(), name=f"{name}_list"))
    if edit is not None:
        patterns.append(path(f"{prefix}/add/", edit.as_view(), name=f"{name}_add"))
    if detail is not None:
        patterns.append(path(f"{prefix}/<int:pk>/", detail.as_view(), name=name))
    if edit is not None:
        patterns.append(path(f"{prefix}/<int:pk>/edit/", edit.as_view(), name=f"{name}_edit"))
    if delete is not None:
        patterns.append(path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{name}_delete"))
    return patterns


def safe_return_url(request, default: str | None) -> str | None:
    url = request.POST.get("return_url") or request.GET.get("return_url")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def permission(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def is_htmx(request) -> bool:
    """An htmx request wants the fragment it swaps in, not the whole page."""
    return request.headers.get("HX-Request") == "true"


def may_see_personal(user, model) -> bool:
    """Whether ``user`` sees the personal fields of ``model`` (contacts' phone …) unmasked."""
    return not masked_fields(user, model)


def model_permissions(user, model, obj=None) -> dict[str, bool]:
    """Which of add, change and delete ``user`` may do: to ``model`` at all, or to ``obj``."""
    return {
        "add": can(user, Action.ADD, model),
        "change": can(user, Action.CHANGE, obj if obj is not None else model),
        "delete": can(user, Action.DELETE, obj if obj is not None else model),
    }


def restrict_choices(form: forms.BaseForm, user) -> forms.BaseForm:
    """Every select of ``form`` offers only rows ``user`` may read (a city's staff are not
    offered other cities' contacts), and accepts only those."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
            field.queryset = restrict(field.queryset, user, Action.VIEW)
    return form


def check_scope(user, obj, action: str) -> None:
    """Refuse to save ``obj`` with values outside the user's scope (a project moved to another
    city), naming the field that places it."""
    if can(user, action, obj):
        return
    fields = city_of_paths(type(obj))
    message = _("You may only save %(model)s of the cities you work for.") % {
        "model": obj._meta.verbose_name_plural
    }
    raise ValidationError({fields[0]: message} if fields else message)


def home_crumb() -> tuple[str, str]:
    return (_("Home"), reverse("home"))


def model_crumb(model) -> tuple[str, str | None]:
    return (capfirst(model._meta.verbose_name_plural), list_url(model))


# ---------------------------------------------------------------------------- forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def prepare_form(form: forms.BaseForm, model=None) -> forms.BaseForm:
    """Date fields get the browser's date picker (ISO values); an amount that the database
    keeps at zero or above is checked on its field, so that the error shows beside it.

    ``model``: the model whose fields a plain ``Form`` carries (a ModelForm knows its own).
    Call it before validating, so the amount checks apply.
    """
    for field in form.fields.values():
        if isinstance(field, forms.DateField) and not isinstance(field.widget, DateInput):
            field.widget = DateInput(attrs=field.widget.attrs)
    for field in form.fields.values():
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs["rows"] = min(int(field.widget.attrs.get("rows", 3)), 3)
    localize_choices(form)
    model = model or getattr(getattr(form, "_meta", None), "model", None)
    for name in non_negative_fields(model) if model else ():
        field = form.fields.get(name)
        if isinstance(field, forms.DecimalField | forms.IntegerField):
            field.validators.append(MinValueValidator(0))
            field.widget.attrs.setdefault("min", "0")
    return form


# ---------------------------------------------------------------------------- querysets


def count_of(queryset, field: str):
    """A correlated COUNT of ``queryset`` rows whose ``field`` is the outer row (0 if none).

    Unlike ``Count()`` over joins, several of these on one queryset do not multiply rows.
    """
    counted = (
        queryset.filter(**{field: models.OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=models.Count("*"))
        .values("n")
    )
    return Coalesce(models.Subquery(counted, output_field=models.IntegerField()), 0)


def sum_of(queryset, field: str, amount: str):
    """A correlated SUM of ``amount`` over ``queryset`` rows whose ``field`` is the outer row."""
    summed = (
        queryset.filter(**{field: models.OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=models.Sum(amount))
        .values("total")
    )
    return models.Subquery(
        summed, output_field=models.DecimalField(max_digits=20, decimal_places=2)
    )


# ---------------------------------------------------------------------------- field display


def display_value(obj, name: str, money: bool = False):
    """One field of ``obj`` as HTML: linked names, choice labels, money, yes/no, "—"."""
    from counterpart.core import formatting
    from counterpart.core.tables import localized, ui_lang

    field = obj._meta.get_field(name)
    if field.many_to_many:
        items = list(getattr(obj, name).all())
        if not items:
            return "—"
        return format_html_join("、", "{}", ((_linked(i, localized(i)),) for i in items))
    if field.is_relation:
        related = getattr(obj, name)
        return _linked(related, localized(related)) if related is not None else "—"
    value = getattr(obj, name)
    if field.choices:
        return getattr(obj, f"get_{name}_display")() or "—"
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if money:
        return formatting.money(value, ui_lang())
    if isinstance(field, models.URLField):
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', value, value)
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return value.isoformat()
    if isinstance(field, models.TextField):
        return linebreaksbr(value)
    return value


def _linked(obj, text):
    url = object_url(obj)
    return format_html('<a href="{}">{}</a>', url, text) if url else text


def describe(obj, names, money=(), masked=()) -> list[tuple[str, object]]:
    """(label, HTML value) of the named fields, for a detail page's attribute table;
    ``masked`` fields (``permissions.masked_fields``) show as masked, whatever their value."""
    return [
        (
            capfirst(obj._meta.get_field(n).verbose_name),
            MASK if n in masked else display_value(obj, n, n in money),
        )
        for n in names
    ]


# ---------------------------------------------------------------------------- related lists


def related_table(
    title,
    table_class,
    queryset,
    *,
    request,
    list_params: dict | None = None,
    exclude: tuple[str, ...] = (),
    limit: int = 20,
    add_url: str | None = None,
    hide_empty: bool = False,
) -> dict:
    """A short table of related rows on a detail page, with a link to the whole filtered list.

    ``queryset`` must already select and prefetch what the table shows; the table shows its
    ``related_columns`` (or its default columns) less ``exclude``, and only the rows the
    request's user may read, with personal fields masked as they see them.
    """
    queryset = restrict(queryset, request.user, Action.VIEW)
    names = [n for n in table_class.base_columns if n not in exclude and n != "actions"]
    chosen = table_class.related_columns or table_class.default_columns or names
    defaults = [n for n in chosen if n in names]
    table = table_class(
        queryset, user=request.user, columns=defaults, orderable=False, show_actions=False
    )
    table.paginate(per_page=limit)
    table.hide_pagination = True  # the link to the filtered list shows the rest
    table.request = request
    total = table.paginator.count
    model = queryset.model
    return {
        "title": title,
        "table": table,
        "count": total,
        "more": total > limit,
        "list_url": list_url(model, **list_params) if list_params is not None else None,
        "add_url": add_url if add_url and can(request.user, Action.ADD, model) else None,
        "hidden": hide_empty and total == 0,
    }


# ---------------------------------------------------------------------------- list


def filter_chips(request, filterset) -> list[dict]:
    """The active filters, each with the address of the list without it."""
    chips = []
    for name, label, value in filterset.active_filters():
        query = request.GET.copy()
        for key in (name, "page", "cursor"):
            query.pop(key, None)
        chips.append(
            {
                "name": name,
                "label": label,
                "value": value,
                "remove_url": f"?{query.urlencode()}",
            }
        )
    return chips


def hidden_filters(request, filterset) -> list[tuple[str, str]]:
    """Filters given in the URL but not shown in the form: kept when the form is sent."""
    shown = set(filterset.shown_filter_names())
    keep = [n for n in filterset.filters if n not in shown] + ["sort", "per_page"]
    return [(n, v) for n in keep for v in request.GET.getlist(n) if v != ""]


class ObjectListView(View):
    """A filterable, searchable, sortable, paginated list with column choice and export."""

    queryset: models.QuerySet | None = None
    filterset_class = None
    table_class = None
    template_name: str | None = None  # default: <app>/<model>_list.html, else the generic one
    per_page_options = (25, 50, 100, 250)
    per_page = 50

    def get_queryset(self, request) -> models.QuerySet:
        """The rows the user may read (pages, exports and searches alike)."""
        if self.queryset is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a queryset")
        return restrict(self.queryset.all(), request.user, Action.VIEW)

    @property
    def model(self):
        return self.queryset.model

    def get_template_names(self) -> list[str]:
        meta = self.model._meta
        names = [self.template_name] if self.template_name else []
        return [*names, f"{meta.app_label}/{meta.model_name}_list.html", "generic/object_list.html"]

    def get_table(self, request, rows, columns=None):
        table = self.table_class(rows, user=request.user, columns=columns)
        table.permissions = model_permissions(request.user, self.model)
        return table

    def get(self, request):
        model = self.model
        filterset = self.filterset_class(
            request.GET or None, queryset=self.get_queryset(request), request=request
        )
        invalid = filterset.is_bound and not filterset.is_valid()
        rows = filterset.queryset.none() if invalid else filterset.qs
        table = self.get_table(request, rows)

        fmt = request.GET.get("export")
        if fmt in FORMATS:
            RequestConfig(request, paginate=False).configure(table)
            return export_response(
                table,
                fmt,
                title=str(capfirst(model._meta.verbose_name_plural)),
                filename=model._meta.model_name,
                personal=request.GET.get("personal") == "1"
                and may_see_personal(request.user, model),
            )

        per_page = self._per_page(request)
        RequestConfig(request, paginate=False).configure(table)  # the sort
        paginate(request, table, per_page)
        context = {
            "model": model,
            "meta": model._meta,
            "title": capfirst(model._meta.verbose_name_plural),
            "filterset": filterset,
            "filter_form": filterset.form,
            "shown_filters": [filterset.form[n] for n in filterset.shown_filter_names()],
            "hidden_filters": hidden_filters(request, filterset),
            "active_filters": filter_chips(request, filterset),
            "invalid_filters": invalid,
            "table": table,
            "column_choices": table.column_choices(),
            "per_page": per_page,
            "per_page_options": self.per_page_options,
            "permissions": table.permissions,
            "add_url": _reverse_or_none(viewname(model, "add")),
            "personal_columns": bool(table.personal_columns),
            "export_urls": self._export_urls(
                request, bool(table.personal_columns) and may_see_personal(request.user, model)
            ),
            "query": request.GET.urlencode(),
            "total": table.paginator.count,
            "breadcrumbs": [home_crumb(), (capfirst(model._meta.verbose_name_plural), None)],
            "verification": verification_context(request.user, model),
        }
        context.update(self.get_extra_context(request))
        return render(request, self.get_template_names(), context)

    def get_extra_context(self, request) -> dict:
        return {}

    def post(self, request):
        """Save (or reset) the user's choice of columns for this table."""
        if request.POST.get("action") == "reset":
            self.table_class.save_preferred_columns(request.user, None)
            messages.success(request, _("The columns are back to the default."))
        else:
            chosen = request.POST.getlist("columns")
            if not chosen:
                messages.error(request, _("Choose at least one column."))
            else:
                self.table_class.save_preferred_columns(request.user, chosen)
                messages.success(request, _("Your choice of columns is saved."))
        query = request.POST.get("query", "")
        return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))

    def _per_page(self, request) -> int:
        try:
            value = int(request.GET.get("per_page", self.per_page))
        except ValueError:
            return self.per_page
        return value if value in self.per_page_options else self.per_page

    @staticmethod
    def _export_urls(request, personal: bool) -> list[tuple[str, str]]:
        query = request.GET.copy()
        for key in ("page", "cursor", "per_page", "export", "personal"):
            query.pop(key, None)
        urls = []
        for fmt, label in (("xlsx", _("Excel")), ("csv", _("CSV"))):
            query["export"] = fmt
            urls.append((label, f"?{query.urlencode()}"))
            if personal:
                query["personal"] = "1"
                urls.append(
                    (
                        _("%(format)s with personal data") % {"format": label},
                        f"?{query.urlencode()}",
                    )
                )
                query.pop("personal")
        return urls


def paginate(request, table, per_page: int) -> None:
    """Show the page ``?page=`` asks for (``SeekPaginator``: page 10,000 costs what page 1
    does), or the one ``?cursor=`` leads to (the "next" and "previous" links: read from the
    cursor's row, no offset); a page that does not exist shows the nearest one, a cursor that
    is altered or out of date the first, with a message saying so."""
    cursor = request.GET.get("cursor", "").strip()
    if cursor:
        table.paginator = SeekPaginator(table.rows, per_page)
        try:
            table.page = table.paginator.page_from_cursor(cursor)
            return
        except InvalidCursor:
            table.page = table.paginator.page(1)
            messages.warning(
                request,
                _(
                    "The link to that page is out of date (the list, its filters or its order "
                    "changed) or damaged: this is the first page."
                ),
            )
            return
    asked = request.GET.get("page", "1").strip() or "1"
    try:
        number = int(asked)
    except ValueError:
        number = None
    try:
        table.paginate(
            paginator_class=SeekPaginator, per_page=per_page, page=1 if number is None else number
        )
        if number is None:
            messages.warning(
                request,
                _("The page number “%(page)s” is not a whole number: this is the first page.")
                % {"page": asked[:20]},
            )
    except EmptyPage:
        last = table.paginator.num_pages
        table.page = table.paginator.page(last if number and number > last else 1)
        messages.warning(
            request,
            _("There is no page %(page)s: the list has %(pages)s pages; this is page %(shown)s.")
            % {"page": asked[:20], "pages": last, "shown": table.page.number},
        )


def _reverse_or_none(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


# ---------------------------------------------------------------------------- detail


def change_history(obj, limit: int = 50, user=None) -> dict:
    """The object's latest change records, newest first, each with its changed fields labelled
    (before → after, related objects by name; fields masked for ``user`` hidden), and the
    address of its full history."""
    from .audit import describe_records

    records = list(
        ChangeRecord.objects.for_object(obj).select_related("user", "content_type")[: limit + 1]
    )
    shown = records[:limit]
    changes = describe_records(shown, type(obj), user)
    rows = [{"record": r, "changes": changes[r.pk]} for r in shown]
    return {"rows": rows, "more": len(records) > limit, "url": history_url(obj)}


def history_url(obj) -> str | None:
    """The page with the whole change history of ``obj``."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return _reverse_or_none(
        "core:object_history", content_type=content_type.pk, object_id=str(obj.pk)
    )


class ObjectDetailView(View):
    """One object: its fields, its related lists and its change history."""

    queryset: models.QuerySet | None = None
    template_name: str | None = None
    history_limit = 50

    @property
    def model(self):
        return self.queryset.model

    def get_template_names(self) -> list[str]:
        meta = self.model._meta
        names = [self.template_name] if self.template_name else []
        return [*names, f"{meta.app_label}/{meta.model_name}.html", "generic/object_detail.html"]

    def get_extra_context(self, request, obj) -> dict:
        return {}

    def get_object(self, request, pk):
        """The object, if the user may read it (else 404: it does not exist for them)."""
        return get_object_or_404(restrict(self.queryset, request.user, Action.VIEW), pk=pk)

    def get(self, request, pk):
        obj = self.get_object(request, pk)
        model = self.model
        context = {
            "object": obj,
            "model": model,
            "meta": model._meta,
            "title": str(obj),
            "history": change_history(obj, self.history_limit, request.user),
            "permissions": model_permissions(request.user, model, obj),
            "masked": masked_fields(request.user, model),
            "edit_url": object_url(obj, "edit"),
            "delete_url": object_url(obj, "delete"),
            "breadcrumbs": [home_crumb(), model_crumb(model), (str(obj), None)],
            "verification": verification_context(request.user, model, obj),
        }
        context.update(self.get_extra_context(request, obj))
        return render(request, self.get_template_names(), context)


# ---------------------------------------------------------------------------- edit


@dataclass(frozen=True)
class Inline:
    """Rows that belong to the object, edited on its form (a task force's cities …)."""

    prefix: str
    title: str
    formset_class: type


class ObjectEditView(View):
    """Create (no pk) or change (pk) an object with a ModelForm; errors beside each field.

    ``inlines``: formsets of dependent rows saved with the object, in the same transaction.
    """

    queryset: models.QuerySet | None = None
    form_class = None
    inlines: tuple[Inline, ...] = ()
    template_name = "generic/object_edit.html"

    @property
    def model(self):
        return self.queryset.model

    def get_object(self, pk, request=None):
        """A new object, or the stored one if the user may read it (else 404)."""
        if pk is None:
            return self.model()
        queryset = self.queryset if request is None else restrict(self.queryset, request.user)
        return get_object_or_404(queryset, pk=pk)

    def check_permission(self, request, obj) -> None:
        """403 unless the user may add such objects, or change this one."""
        action = Action.ADD if obj.pk is None else Action.CHANGE
        target = self.model if obj.pk is None else obj
        if not can(request.user, action, target):
            raise PermissionDenied

    def get_initial(self, request) -> dict:
        """A new object may be started from the URL (?organization=5 from its page)."""
        form_fields = self.form_class.base_fields
        initial = {}
        for name in request.GET:
            if name in form_fields:
                values = request.GET.getlist(name)
                multiple = isinstance(form_fields[name], forms.ModelMultipleChoiceField)
                initial[name] = values if multiple else values[0]
        return initial

    def get_form(self, request, obj):
        if request.method == "POST":
            form = self.form_class(request.POST, request.FILES, instance=obj)
        else:
            initial = self.get_initial(request) if obj.pk is None else {}
            form = self.form_class(instance=obj, initial=initial)
        return restrict_choices(prepare_form(form), request.user)

    def get_formsets(self, request, obj) -> list[tuple[str, forms.BaseFormSet]]:
        data = request.POST if request.method == "POST" else None
        formsets = []
        for inline in self.inlines:
            formset = inline.formset_class(data, instance=obj, prefix=inline.prefix)
            shared: dict[str, list] = {}
            for form in [*formset.forms, formset.empty_form]:
                restrict_choices(prepare_form(form), request.user)
                # The options of a select are fetched once for the formset, not once per row.
                for name, field in form.fields.items():
                    if isinstance(field, forms.ModelChoiceField) and not field.widget.is_hidden:
                        if name not in shared:
                            shared[name] = list(field.choices)
                        field.choices = shared[name]
            formsets.append((inline.title, formset))
        return formsets

    def before_save(self, request, obj, form) -> None:
        """A hook: attach what ``save()`` needs to know (who moves a project's stage …)."""

    def get(self, request, pk=None):
        obj = self.get_object(pk, request)
        self.check_permission(request, obj)
        form = self.get_form(request, obj)
        return self.render_form(request, obj, form, self.get_formsets(request, obj))

    def posted_version(self, request, obj, form) -> int | None:
        """The version of ``obj`` the form was opened on (its hidden field); an error if absent."""
        if obj.pk is None or not isinstance(obj, ChangeLoggedModel):
            return None
        raw = request.POST.get(VERSION_INPUT, "")
        if raw.isdigit() and int(raw) >= 1:
            return int(raw)
        form.add_error(
            None,
            _(
                "The form does not say which version of the %(model)s it was opened on "
                "(field “version”); open the edit page again."
            )
            % {"model": obj._meta.verbose_name},
        )
        return None

    def post(self, request, pk=None):
        obj = self.get_object(pk, request)
        self.check_permission(request, obj)
        adding = obj.pk is None
        form = self.get_form(request, obj)
        formsets = self.get_formsets(request, obj)
        version = self.posted_version(request, obj, form)
        valid = form.is_valid()
        valid = all([fs.is_valid() for _title, fs in formsets]) and valid
        if valid:
            try:
                with transaction.atomic():
                    check_scope(
                        request.user, form.instance, Action.ADD if adding else Action.CHANGE
                    )
                    if version is not None:
                        expect_version(form.instance, version)
                    self.before_save(request, form.instance, form)
                    obj = form.save()
                    for _title, formset in formsets:
                        formset.instance = obj
                        formset.save()
                    rows_only = version is not None and obj.version == version
                    if rows_only and any(fs.has_changed() for _title, fs in formsets):
                        bump(obj)  # only its rows changed: a form opened before is stale
            except StaleVersion as stale:
                # The user's input stays in the form; saving again saves it on top of the
                # version now stored, after they have seen what changed.
                expect_version(form.instance, None)
                return self.render_form(
                    request,
                    obj,
                    form,
                    formsets,
                    status=409,
                    conflict=conflict_context(stale, request.user),
                    version=stale.current_version,
                )
            except ValidationError as error:
                add_errors(form, error)
                if adding:
                    form.instance.pk = None
                    form.instance._state.adding = True
            else:
                message = (
                    _("Created %(model)s “%(object)s”.")
                    if adding
                    else _("Saved %(model)s “%(object)s”.")
                )
                messages.success(
                    request, message % {"model": obj._meta.verbose_name, "object": obj}
                )
                return HttpResponseRedirect(
                    safe_return_url(request, None) or object_url(obj) or list_url(self.model)
                )
        # Never a fresh version for a form that did not say which it was opened on (0: none).
        return self.render_form(request, obj, form, formsets, version=version or 0)

    def render_form(self, request, obj, form, formsets=(), status=200, conflict=None, version=None):
        """``version``: the one the form was opened on (None: the object's stored one)."""
        model = self.model
        adding = obj.pk is None
        meta = model._meta
        if adding:
            title = _("Add %(model)s") % {"model": meta.verbose_name}
            crumbs = [home_crumb(), model_crumb(model), (title, None)]
            cancel = list_url(model)
        else:
            title = _("Edit %(model)s “%(object)s”") % {"model": meta.verbose_name, "object": obj}
            crumbs = [
                home_crumb(),
                model_crumb(model),
                (str(obj), object_url(obj)),
                (_("Edit"), None),
            ]
            cancel = object_url(obj)
        context = {
            "object": obj,
            "model": model,
            "meta": meta,
            "form": form,
            "formsets": formsets,
            "has_errors": bool(form.errors) or any(fs.total_error_count() for _t, fs in formsets),
            "conflict": conflict,
            "version_input": VERSION_INPUT,
            "version": None
            if adding
            else (getattr(obj, "version", None) if version is None else version),
            "adding": adding,
            "title": title,
            "return_url": safe_return_url(request, None) or "",
            "cancel_url": safe_return_url(request, None) or cancel,
            "breadcrumbs": crumbs,
        }
        return render(request, self.template_name, context, status=status)


def conflict_context(stale: StaleVersion, user=None) -> dict:
    """What another writer changed since the form was opened: who, when, each field's change."""
    from .audit import describe_records

    changes = describe_records(stale.records, stale.model, user)
    writes = [
        {
            "record": r,
            "who": r.username or str(_("someone")),
            "changes": changes[r.pk],
        }
        for r in stale.records
        if r.action != "create"
    ]
    return {
        "deleted": stale.current is None,
        "writes": writes,
        "version": stale.current_version,
        "read_version": stale.expected,
        "who": sorted({w["who"] for w in writes}),
    }


def add_errors(form, error: ValidationError) -> None:
    """Put errors that ``save()`` (or a service) raised beside their fields (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# ---------------------------------------------------------------------------- delete


def deletion_summary(obj, limit: int = 20) -> dict:
    """What deleting ``obj`` would delete with it, and what protects it from deletion."""
    using = router.db_for_write(type(obj))
    collector = NestedObjects(using=using)
    collector.collect([obj])
    by_model: dict = defaultdict(list)
    for model, instances in collector.data.items():
        for instance in instances:
            if instance != obj:
                by_model[model._meta].append(instance)
    cascades = [
        {"meta": meta, "count": len(items), "items": items[:limit], "more": len(items) > limit}
        for meta, items in sorted(by_model.items(), key=lambda kv: str(kv[0].verbose_name))
    ]
    protected: dict = defaultdict(list)
    for instance in collector.protected:
        protected[instance._meta].append(instance)
    blockers = [
        {"meta": meta, "count": len(items), "items": items[:limit], "more": len(items) > limit}
        for meta, items in protected.items()
    ]
    return {"cascades": cascades, "protected": blockers}


class ObjectDeleteView(View):
    """A confirmation page listing what goes with the object, then the deletion."""

    queryset: models.QuerySet | None = None
    template_name = "generic/object_delete.html"

    @property
    def model(self):
        return self.queryset.model

    def check_permission(self, request, obj=None) -> None:
        """403 unless the user may delete such objects (and this one)."""
        if not can(request.user, Action.DELETE, obj if obj is not None else self.model):
            raise PermissionDenied

    def get_object(self, request, pk):
        obj = get_object_or_404(restrict(self.queryset, request.user, Action.VIEW), pk=pk)
        self.check_permission(request, obj)
        return obj

    def get(self, request, pk):
        return self.render_confirmation(request, self.get_object(request, pk))

    def post(self, request, pk):
        obj = self.get_object(request, pk)
        text, meta = str(obj), obj._meta
        try:
            with transaction.atomic():
                obj.delete()
        except (ProtectedError, RestrictedError) as error:
            blockers = getattr(error, "protected_objects", None) or error.restricted_objects
            messages.error(
                request,
                _("“%(object)s” cannot be deleted: %(count)d records still refer to it.")
                % {"object": text, "count": len(blockers)},
            )
            return self.render_confirmation(request, obj, status=409)
        messages.success(
            request,
            _("Deleted %(model)s “%(object)s”.") % {"model": meta.verbose_name, "object": text},
        )
        return HttpResponseRedirect(safe_return_url(request, None) or list_url(self.model) or "/")

    def render_confirmation(self, request, obj, status=200):
        model = self.model
        context = {
            "object": obj,
            "model": model,
            "meta": model._meta,
            "title": _("Delete %(model)s “%(object)s”")
            % {"model": model._meta.verbose_name, "object": obj},
            "summary": deletion_summary(obj),
            "cancel_url": object_url(obj) or list_url(model),
            "return_url": safe_return_url(request, None) or "",
            "breadcrumbs": [
                home_crumb(),
                self.list_crumb(),
                (str(obj), object_url(obj)),
                (_("Delete"), None),
            ],
        }
        return render(request, self.template_name, context, status=status)

    def list_crumb(self) -> tuple[str, str | None]:
        """The list the object belongs to, named as the menu names it."""
        return model_crumb(self.model)
