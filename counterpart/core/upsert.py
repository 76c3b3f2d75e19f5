"""Idempotent writes by natural key, shared by the loaders (reference data, sample data).

Loading the same data twice must change nothing and leave no change records, so a row is
saved only when a value differs, and always through ``full_clean()``.
"""

from collections import Counter
from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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


# Passed as ``instance`` by a caller that has looked the row up and found none.
ABSENT = object()


def _answered_by_lookup(fields, condition, lookup: dict) -> bool:
    """Whether looking the row up by ``lookup`` already answered a uniqueness check: its fields
    all belong to the lookup (found none: free; found the row: its own values)."""
    return condition is None and bool(fields) and set(fields) <= set(lookup)


def validate_unique_constraints(instance: models.Model, lookup: dict | None = None) -> None:
    """The model's unique constraints, each with its message (not its check constraints);
    those that ``lookup`` answered are skipped."""
    errors: dict = {}
    for constraint in instance._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            if _answered_by_lookup(constraint.fields, constraint.condition, lookup or {}):
                continue
            try:
                constraint.validate(type(instance), instance)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _fetched_references(instance: models.Model, values: dict) -> set[str]:
    """Foreign keys whose value is a row fetched from the database: they exist, so Django's
    existence check (one query each) can be skipped; the database's constraint still holds."""
    names = set()
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if (
            field.many_to_one
            and isinstance(value, models.Model)
            and value.pk is not None
            and value._state.db is not None
            and not field.get_limit_choices_to()
        ):
            names.add(name)
    return names


def _validate_unique(instance: models.Model, exclude: set, lookup: dict) -> None:
    """``Model.validate_unique`` without the checks that ``lookup`` answered (a query each).

    Uses Django's ``_get_unique_checks``/``_perform_*`` — the steps ``validate_unique`` itself is
    made of — because its ``exclude`` would also drop checks a lookup field shares with others.
    """
    unique_checks, date_checks = instance._get_unique_checks(exclude=exclude)
    unique_checks = [
        (model, fields)
        for model, fields in unique_checks
        if not _answered_by_lookup(fields, None, lookup)
    ]
    errors = instance._perform_unique_checks(unique_checks)
    for name, messages in instance._perform_date_checks(date_checks).items():
        errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def full_clean(
    instance: models.Model, lookup: dict, values: dict, check_constraints: bool = True
) -> None:
    """``Model.full_clean`` less the queries whose answer is known: uniqueness of the fields the
    row was looked up by, and the existence of references fetched from the database. The
    order and the merging of errors follow ``full_clean``."""
    errors: dict = {}
    try:
        instance.clean_fields(exclude=_fetched_references(instance, values))
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        instance.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    failed = {name for name in errors if name != NON_FIELD_ERRORS}
    try:
        _validate_unique(instance, failed, lookup)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        if check_constraints:
            instance.validate_constraints(exclude=failed)
        else:
            validate_unique_constraints(instance, lookup)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def upsert(
    model: type[models.Model],
    lookup: dict,
    values: dict,
    *,
    m2m: dict[str, Iterable] | None = None,
    stats: UpsertStats | None = None,
    pending: dict | None = None,
    check_constraints: bool = True,
    instance: models.Model | None = None,
) -> tuple[models.Model, str]:
    """Create or update the row that ``lookup`` names so that it holds ``values`` and ``m2m``.

    Returns the row and the outcome: "created", "updated" or "unchanged"; the names of the
    fields that changed are left on the row as ``upsert_changes``.

    Many-to-many values are offered to ``clean()`` beforehand as ``pending_<name>`` (they can be
    saved only after the row exists), so a model can validate them. ``pending``: other
    attributes ``save()`` reads (``pending_stage_change`` …), set only if the row is written.
    ``check_constraints=False`` leaves the check constraints to the database (Django checks each
    with a query of its own), for bulk writers that check those rules themselves; unique
    constraints are still checked, for their messages. ``instance``: the row ``lookup`` names,
    when the caller has fetched it already, or ``ABSENT`` when the caller found none.
    """
    m2m = {name: list(related) for name, related in (m2m or {}).items()}
    if instance is None:
        instance = model._default_manager.filter(**lookup).first()
    elif instance is ABSENT:
        instance = None
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
    instance.upsert_changes = [*changed_fields, *m2m_changed]
    if created or changed_fields or m2m_changed:
        for name, value in (pending or {}).items():
            setattr(instance, name, value)
        full_clean(instance, lookup, values, check_constraints)
    if created or changed_fields:
        instance.save()
    for name in m2m_changed:
        if created:  # nothing to compare with: add, without set()'s query for what is there
            getattr(instance, name).add(*m2m[name])
        else:
            getattr(instance, name).set(m2m[name])
    outcome = (
        "created" if created else ("updated" if changed_fields or m2m_changed else "unchanged")
    )
    if stats is not None:
        stats.add(model, outcome)
    return instance, outcome
