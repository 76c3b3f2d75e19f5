"""The audit trail's pages: the global audit log, one change record, one object's full history.

Read-only: there is no page, form or route that edits or deletes a change record (the model
refuses it too, ``ChangeRecord.save``/``delete``); the only POST the log accepts is the user's
choice of columns, which ``ObjectListView`` keeps in the user's preferences.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View

from . import permissions
from .audit import describe_records, object_exists, snapshot_rows
from .filtersets import ChangeRecordFilterSet
from .models import ChangeRecord
from .tables import ChangeRecordTable
from .views import ObjectListView, home_crumb, list_url, object_url

__all__ = ["ChangeRecordListView", "ChangeRecordView", "ObjectHistoryView"]


def audit_queryset(user):
    """The change records ``user`` may read (the permissions interface decides)."""
    queryset = ChangeRecord.objects.select_related("user", "content_type")
    return permissions.restrict(queryset, user, permissions.Action.VIEW)


def log_crumb() -> tuple[str, str | None]:
    return (_("Audit log"), list_url(ChangeRecord))


class ChangeRecordListView(ObjectListView):
    """Every change record, filterable, searchable, sortable, paginated and exported."""

    queryset = ChangeRecord.objects.all()
    filterset_class = ChangeRecordFilterSet
    table_class = ChangeRecordTable

    def dispatch(self, request, *args, **kwargs):
        # The log is the department's; the others see an object's history on its own page.
        if request.user.is_authenticated and not permissions.can(
            request.user, permissions.Action.VIEW, ChangeRecord
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self, request) -> object:
        return audit_queryset(request.user)

    def get_extra_context(self, request) -> dict:
        return {
            "title": _("Audit log"),
            "breadcrumbs": [home_crumb(), (_("Audit log"), None)],
            "permissions": {"add": False, "change": False, "delete": False},
            "add_url": None,
        }


def _existing_object_url(record) -> str | None:
    model = record.content_type.model_class()
    if model is None or not object_exists([record]):
        return None
    return object_url(model(pk=model._meta.pk.to_python(record.object_id)))


class ChangeRecordView(View):
    """One change record: who, when, through which path, and the object before and after."""

    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(audit_queryset(request.user), pk=pk)
        model = record.content_type.model_class()
        type_name = capfirst(model._meta.verbose_name) if model else record.content_type.model
        title = _("Change record #%(id)d") % {"id": record.pk}
        context = {
            "object": record,
            "record": record,
            "title": title,
            "type_name": type_name,
            "object_url": _existing_object_url(record),
            "history_url": _reverse_history(record.content_type_id, record.object_id),
            "request_url": list_url(ChangeRecord, request_id=str(record.request_id))
            if record.request_id
            else None,
            "changes": describe_records([record], model, request.user)[record.pk],
            "snapshot": snapshot_rows(record, model, request.user) if model else [],
            "breadcrumbs": [home_crumb(), log_crumb(), (title, None)],
        }
        return render(request, "core/changerecord.html", context)


def _reverse_history(content_type_id: int, object_id: str) -> str | None:
    from .views import _reverse_or_none

    return _reverse_or_none(
        "core:object_history", content_type=content_type_id, object_id=object_id
    )


class ObjectHistoryView(View):
    """The whole change history of one object (which may since have been deleted), paginated."""

    http_method_names = ["get", "head", "options"]
    per_page = 50

    def get(self, request: HttpRequest, content_type: int, object_id: str) -> HttpResponse:
        try:
            ctype = ContentType.objects.get_for_id(content_type)
        except ContentType.DoesNotExist:
            raise Http404 from None
        model = ctype.model_class()
        if model is None:
            raise Http404
        records = _history_records(request.user, model, ctype, object_id)
        page = Paginator(records, self.per_page).get_page(request.GET.get("page"))
        rows = list(page.object_list)
        if not rows and page.number == 1:
            raise Http404
        changes = describe_records(rows, model, request.user)
        current = model._base_manager.filter(pk=_pk(model, object_id)).first()
        name = str(current) if current is not None else rows[0].object_repr
        title = _("History of %(object)s") % {"object": name}
        crumbs = [home_crumb()]
        if current is not None and object_url(current):
            crumbs += [
                (capfirst(model._meta.verbose_name_plural), list_url(model)),
                (name, object_url(current)),
            ]
        else:
            crumbs.append(log_crumb())
        crumbs.append((_("History"), None))
        context = {
            "title": title,
            "model": model,
            "meta": model._meta,
            "current": current,
            "object_url": object_url(current) if current is not None else None,
            "log_url": list_url(
                ChangeRecord, content_type_id=str(ctype.pk), object_id=str(object_id)
            )
            if permissions.can(request.user, permissions.Action.VIEW, ChangeRecord)
            else None,
            "rows": [{"record": r, "changes": changes[r.pk]} for r in rows],
            "page": page,
            "breadcrumbs": crumbs,
        }
        return render(request, "core/object_history.html", context)


def _history_records(user, model, ctype: ContentType, object_id: str):
    """Who reads the audit log reads every object's history, deleted objects' too; anyone else
    the history of an object they may read now (as its page shows it), and nothing else."""
    if permissions.can(user, permissions.Action.VIEW, ChangeRecord):
        return audit_queryset(user).filter(content_type=ctype, object_id=object_id)
    readable = permissions.restrict(model._default_manager.all(), user, permissions.Action.VIEW)
    if not readable.filter(pk=_pk(model, object_id)).exists():
        raise Http404
    return ChangeRecord.objects.select_related("user", "content_type").filter(
        content_type=ctype, object_id=object_id
    )


def _pk(model, value: str):
    try:
        return model._meta.pk.to_python(value)
    except (ValidationError, TypeError, ValueError):  # a malformed id names no object
        raise Http404 from None
