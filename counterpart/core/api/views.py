"""The base views of the API: who may do what comes from ``core.permissions`` only, and every
write is logged with the API channel and the user the request authenticated as.

``ChangeContextMiddleware`` runs before DRF authenticates a token, so it sees an anonymous
user; ``APIChannelMixin`` opens the change context again once the view has authenticated the
request (``perform_authentication()``), for the rest of the view.
"""

from __future__ import annotations

import contextlib

from django.db import models
from django.utils import translation
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import filters, mixins, permissions, serializers, viewsets
from rest_framework import views as drf_views
from rest_framework.decorators import action
from rest_framework.response import Response

from counterpart.core.changelog import change_context
from counterpart.core.choices import Channel
from counterpart.core.filtersets import ChangeRecordFilterSet
from counterpart.core.models import ChangeRecord
from counterpart.core.permissions import Action, can, restrict
from counterpart.core.versioning import expect_version
from counterpart.web.middleware import request_language

from .serializers import ChangeRecordSerializer

METHOD_ACTIONS = {
    "GET": Action.VIEW,
    "HEAD": Action.VIEW,
    "OPTIONS": Action.VIEW,
    "POST": Action.ADD,
    "PUT": Action.CHANGE,
    "PATCH": Action.CHANGE,
    "DELETE": Action.DELETE,
}


def request_action(request, view=None) -> str:
    """The ``core.permissions.Action`` a request asks for: by its method, unless the view's
    extra action says otherwise (``confirm`` changes a row though it is a POST)."""
    actions = getattr(view, "action_permissions", {})
    return actions.get(getattr(view, "action", None)) or METHOD_ACTIONS.get(
        request.method, Action.CHANGE
    )


class ModelPermission(permissions.BasePermission):
    """``core.permissions.can()`` for the view's model, then for the object. As on the web
    pages, a row out of the user's read scope does not exist for them (404) whatever they ask
    to do with it; a row they read but may not change is forbidden (403)."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", "pk")
        if lookup in getattr(view, "kwargs", {}):  # one row: the row decides (after lookup)
            return can(user, Action.VIEW, view.permission_model())
        return can(user, request_action(request, view), view.permission_model())

    def has_object_permission(self, request, view, obj) -> bool:
        return can(request.user, request_action(request, view), obj)


def api_language(request) -> str | None:
    """The language of an API answer: the user's own choice, else the client's
    Accept-Language, else the web interface's (None: keep it)."""
    user = request.user  # DRF has set it on the Django request too
    if user is not None and user.is_authenticated and user.language:
        return request_language(request._request)
    if "HTTP_ACCEPT_LANGUAGE" in request.META:
        return translation.get_language_from_request(request._request)
    return None


class APIChannelMixin:
    """Attribute the writes of the view to the authenticated user and the API channel, and
    answer in the user's language (the middleware saw the request before the token)."""

    def dispatch(self, request, *args, **kwargs):
        with contextlib.ExitStack() as stack:
            self._change_context = stack
            return super().dispatch(request, *args, **kwargs)

    def perform_authentication(self, request) -> None:
        super().perform_authentication(request)
        language = api_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        user = request.user if request.user.is_authenticated else None
        self._change_context.enter_context(change_context(user=user, channel=Channel.API))


class APIView(APIChannelMixin, drf_views.APIView):
    """An API view that is not about one model's rows (reports, the token)."""

    permission_classes = [permissions.IsAuthenticated]


class StableOrderingFilter(filters.OrderingFilter):
    """``?ordering=-signed_date,code`` by any of the model's own fields; ties are broken by id,
    so that pages do not repeat or skip rows."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not {"pk", "-pk", "id", "-id"} & set(ordering):
            ordering = [*ordering, "pk"]
        return ordering


class ModelViewSetMixin(APIChannelMixin):
    """Rows restricted by ``core.permissions.restrict`` to those the user reads; lists
    filtered by the model's FilterSet (the one its web list uses)."""

    queryset: models.QuerySet
    filterset_class = None
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]
    ordering_fields = "__all__"
    permission_classes = [ModelPermission]
    # Extra actions (``@action``) whose permission is not their method's: name → Action.
    action_permissions: dict[str, str] = {}

    def permission_model(self) -> type[models.Model]:
        return self.queryset.model

    def get_queryset(self) -> models.QuerySet:
        # The rows the user reads; what they may do to one is the object permission's question.
        return restrict(super().get_queryset(), self.request.user, Action.VIEW)


class ModelViewSet(ModelViewSetMixin, viewsets.ModelViewSet):
    """List, read, create, change (PUT, PATCH) and delete one model's rows."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]


class ReadOnlyModelViewSet(ModelViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """List and read only: rows written by a process of their own (press review, the log)."""


class NoCreateModelViewSet(
    ModelViewSetMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """List, read, change and delete rows that another process creates."""

    http_method_names = ModelViewSet.http_method_names


class VerificationSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="The version the client read: refused with 409 if the row changed since.",
    )


class VerifiableViewSetMixin:
    """``POST …/{id}/verify/`` and ``…/unverify/``: the department marks a row's figures
    verified (official reports count them) or withdraws that (``core.models.Verifiable``)."""

    action_permissions = {"verify": Action.VERIFY, "unverify": Action.VERIFY}

    def _verification(self, request, verify: bool) -> Response:
        row = self.get_object()
        check = VerificationSerializer(data=request.data)
        check.is_valid(raise_exception=True)
        version = check.validated_data.get("version")
        if version is not None and version != row.version:
            # Said in the words of a stale save: who changed what since it was read.
            expect_version(row, version)
            row.save()  # raises StaleVersion, answered 409 by the exception handler
        if verify:
            row.verify(request.user)
        else:
            row.unverify(request.user)
        return Response(self.get_serializer(row).data)

    @extend_schema(request=VerificationSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None) -> Response:
        """Mark the row's figures verified by the requesting user, now."""
        return self._verification(request, verify=True)

    @extend_schema(request=VerificationSerializer)
    @action(detail=True, methods=["post"])
    def unverify(self, request, pk=None) -> Response:
        """Withdraw the verification: the figures leave official reports until verified again."""
        return self._verification(request, verify=False)


class ChangeRecordViewSet(ReadOnlyModelViewSet):
    """Every write's record (who, when, which channel, before and after); never written here."""

    queryset = ChangeRecord.objects.select_related("user", "content_type")
    serializer_class = ChangeRecordSerializer
    filterset_class = ChangeRecordFilterSet
