"""Idempotent writes by natural key, shared by the loaders (reference data, sample data).

Loading the same data twice must change nothing and leave no change records, so a row is
saved only when a value differs, and always through ``full_clean()``.
"""

from collections import Counter
from collections.abc import Iterable

from django.db import models


class UpsertStats(Counter):
    """Counts of created / updated / unchanged rows per model, for command summaries."""

    def add(self, model: type[models.Model], outcome: str) -> None:
        self[(model._meta.verbose_name_plural, outcome)] += 1

    def summary(self) -> list[str]:
        names = sorted({name for name, _ in self})
        return [
            f"{name}: {self[(name, 'created')]} created, {self[(name, 'updated')]} updated, "
            f"{self[(name, 'unchanged')]} unchanged"
            for name in names
        ]


def _stored_value(instance: models.Model, name: str):
    field = instance._meta.get_field(name)
    if field.is_relation and field.many_to_one:
        return getattr(instance, field.attname)
    return getattr(instance, name)


def _wanted_value(instance: models.Model, name: str, value):
    field = instance._meta.get_field(name)
    if field.is_relation and field.many_to_one:
        return value.pk if isinstance(value, models.Model) else value
    return field.to_python(value) if value is not None else None


def _changed_many_to_many(instance: models.Model, m2m: dict[str, list]) -> list[str]:
    if instance.pk is None:
        return [name for name, related in m2m.items() if related]
    return [
        name
        for name, related in m2m.items()
        if set(getattr(instance, name).values_list("pk", flat=True)) != {o.pk for o in related}
    ]


def upsert(
    model: type[models.Model],
    lookup: dict,
    values: dict,
    *,
    m2m: dict[str, Iterable] | None = None,
    stats: UpsertStats | None = None,
) -> tuple[models.Model, str]:
    """Create or update the row that ``lookup`` names so that it holds ``values`` and ``m2m``.

    Returns the row and the outcome: "created", "updated" or "unchanged".

    Many-to-many values are offered to ``clean()`` beforehand as ``pending_<name>`` (they can be
    saved only after the row exists), so a model can validate them.
    """
    m2m = {name: list(related) for name, related in (m2m or {}).items()}
    instance = model._default_manager.filter(**lookup).first()
    created = instance is None
    if created:
        instance = model(**lookup, **values)
        changed_fields = list(values)
    else:
        changed_fields = [
            name
            for name, value in values.items()
            if _stored_value(instance, name) != _wanted_value(instance, name, value)
        ]
        for name in changed_fields:
            setattr(instance, name, values[name])
    for name, related in m2m.items():
        setattr(instance, f"pending_{name}", related)
    m2m_changed = _changed_many_to_many(instance, m2m)
    if created or changed_fields or m2m_changed:
        instance.full_clean()
    if created or changed_fields:
        instance.save()
    for name in m2m_changed:
        getattr(instance, name).set(m2m[name])
    outcome = (
        "created" if created else ("updated" if changed_fields or m2m_changed else "unchanged")
    )
    if stats is not None:
        stats.add(model, outcome)
    return instance, outcome
