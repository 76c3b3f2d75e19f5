"""Every API error as JSON: ``{"field": ["message", …]}`` for invalid input (the field named,
``non_field_errors`` for rules across fields), ``{"detail": "…"}`` otherwise."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


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


def exception_handler(exc, context):
    """DRF's handler, taught Django's validation errors and refused deletes."""
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
