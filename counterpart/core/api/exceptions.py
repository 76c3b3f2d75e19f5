"""Every API error as JSON: ``{"field": ["message", …]}`` for invalid input (the field named,
``non_field_errors`` for rules across fields), ``{"detail": "…"}`` otherwise."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback


def validation_error(error: DjangoValidationError) -> exceptions.ValidationError:
    """Django's ValidationError (from ``full_clean()`` or a service) as DRF's, by field."""
    if hasattr(error, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name): messages
            for name, messages in error.message_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return exceptions.ValidationError(detail)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def stale_version_body(stale) -> dict:
    """What a 409 for a save of an older version says: the version now stored and who changed
    what since (the same facts the web form's conflict message shows)."""
    changes = [
        {
            "time": record.time.isoformat(),
            "user": record.username,
            "channel": record.channel,
            "action": record.action,
            "fields": {
                name: {
                    "before": (record.before or {}).get(name),
                    "after": (record.after or {}).get(name),
                }
                for name in record.changed_fields
                if name not in getattr(stale.model, "changelog_redact", ())
            },
        }
        for record in stale.records
    ]
    return {
        "detail": str(stale),
        "version": stale.current_version,
        "deleted": stale.current is None,
        "changes": changes,
    }


def exception_handler(exc, context):
    """DRF's handler, taught Django's validation errors, stale saves and refused deletes."""
    from counterpart.core.versioning import StaleVersion

    if isinstance(exc, StaleVersion):
        set_rollback()
        return Response(stale_version_body(exc), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        exc = validation_error(exc)
    elif isinstance(exc, ProtectedError | RestrictedError):
        objects = (
            exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        )
        names = sorted({str(type(o)._meta.verbose_name_plural) for o in objects})
        exc = Conflict(
            _("It cannot be deleted: %(objects)s refer to it.") % {"objects": ", ".join(names)}
        )
    return drf_exception_handler(exc, context)


@login_not_required  # a token client is anonymous to the middleware: answer it in JSON
def not_found(request, *args, **kwargs) -> JsonResponse:
    """An address under /api/ that names no endpoint: JSON, not the web pages' 404 page."""
    return JsonResponse({"detail": _("No API endpoint at this address.")}, status=404)
