"""JSON renderer: a report result as plain data, every figure with the ids it came from."""

import dataclasses
import datetime
import enum
from decimal import Decimal
from typing import Any

from django.db import models

from .ids import RowIds
from .rows import LazyRows


def to_data(value: Any) -> Any:
    """Dataclasses, models, Decimals and dates as JSON-ready values (Decimals as strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, models.Model):
        return _model(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple | RowIds | LazyRows):
        return [to_data(v) for v in value]
    return value


def _model(instance: models.Model) -> dict:
    data = {"id": instance.pk}
    for name in ("code", "name_zh", "name_en", "title_zh", "title_en"):
        if hasattr(instance, name):
            data[name] = getattr(instance, name)
    return data
