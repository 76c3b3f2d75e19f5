"""Who may read and write which rows: the one place every page, API endpoint, export, import and
report asks (roles and scopes, issue 7).

The interface is fixed here so that the web views and the REST API can both be written against
it; the roles themselves are implemented behind it.
"""

from django.db import models


class Action(models.TextChoices):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"


def restrict(queryset: models.QuerySet, user, action: str = Action.VIEW) -> models.QuerySet:
    """The rows of ``queryset`` that ``user`` may perform ``action`` on."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset


def can(user, action: str, obj_or_model) -> bool:
    """Whether ``user`` may perform ``action`` on an object, or on a model's rows at all."""
    return bool(user is not None and user.is_authenticated)


def masked_fields(user, model) -> frozenset[str]:
    """The personal fields of ``model`` that ``user`` sees masked (contacts' phone, e-mail …)."""
    return frozenset()
