"""Change records as people read them: each changed field with its label, before → after, choices
by their label, related objects by their name, secret and personal fields as "changed".

Shared by an object's history (``views.change_history``), its full history page and the audit
log (``audit_views.py``), and by the conflict message of a stale save (``views.ObjectEditView``).
Related names are looked up once per related model for a whole page of records, so that a page
costs the same number of queries whatever the number of records.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .choices import ChangeAction

__all__ = ["FieldChange", "describe_records"]

EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str
    after: str
    redacted: bool = False


def _field(model, name: str):
    """The model field a snapshot key names (an attname such as ``region_id``, or a name)."""
    if model is None:
        return None
    for f in model._meta.concrete_fields:
        if f.attname == name:
            return f
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _ids(value) -> list:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list) else [value]


def primary_keys(model, values) -> list:
    """The values that are well-formed primary keys of ``model`` (records keep ids as text, and
    an id written by hand or by an older model may not be one), as the key's type."""
    pks = []
    for value in values:
        try:
            pks.append(model._meta.pk.to_python(value))
        except (ValidationError, TypeError, ValueError):
            continue
    return pks


def _related_names(wanted: dict[type, set]) -> dict[tuple[type, str], str]:
    """{(model, str(pk)): name} of the related objects the records mention, one query a model."""
    from .tables import localized

    names = {}
    for model, ids in wanted.items():
        for obj in model._base_manager.filter(pk__in=primary_keys(model, ids)):
            names[(model, str(obj.pk))] = localized(obj)
    return names


def _text(field, value, names: dict) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if field is not None and (field.many_to_many or field.is_relation):
        related = field.related_model
        return "、".join(names.get((related, str(v)), f"#{v}") for v in _ids(value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dict | list):  # a JSON field (a figure's subset): shown as written
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def hidden_fields(model, user=None) -> set[str]:
    """Fields whose values a record never shows: those kept as digests (``changelog_redact``)
    and those ``user`` sees masked (``permissions.masked_fields``)."""
    from . import permissions

    hidden = set(getattr(model, "changelog_redact", ()))
    if user is not None and model is not None:
        hidden |= set(permissions.masked_fields(user, model))
    return hidden


def describe_records(records, model=None, user=None) -> dict[int, list[FieldChange]]:
    """{record id: its changed fields} for ``records`` (all of one model, or each of its own),
    as ``user`` may see them."""
    plan = []
    wanted: dict[type, set] = defaultdict(set)
    for record in records:
        record_model = model or record.content_type.model_class()
        redacted = hidden_fields(record_model, user)
        before, after = record.before or {}, record.after or {}
        if record.action == ChangeAction.UPDATE or record.action == ChangeAction.MERGE:
            names = list(record.changed_fields or [])
        else:
            names = []
        fields = []
        for name in names:
            field = _field(record_model, name)
            fields.append((name, field))
            if field is not None and field.is_relation and field.name not in redacted:
                for value in (before.get(name), after.get(name)):
                    wanted[field.related_model].update(str(v) for v in _ids(value))
        plan.append((record, record_model, redacted, fields))
    names = _related_names(wanted)
    described = {}
    for record, _record_model, redacted, fields in plan:
        before, after = record.before or {}, record.after or {}
        changes = []
        for name, field in fields:
            label = capfirst(field.verbose_name) if field is not None else name
            if field is not None and field.name in redacted:
                hidden = str(_("changed (not shown)"))
                changes.append(FieldChange(name, str(label), hidden, hidden, redacted=True))
                continue
            changes.append(
                FieldChange(
                    name,
                    str(label),
                    _text(field, before.get(name), names),
                    _text(field, after.get(name), names),
                )
            )
        described[record.pk] = changes
    return described


def snapshot_rows(record, model=None, user=None) -> list[tuple[str, str, str, bool]]:
    """(label, before, after, changed) of every field of a record's snapshots, for its page."""
    model = model or record.content_type.model_class()
    redacted = hidden_fields(model, user)
    before, after = record.before or {}, record.after or {}
    keys = list(dict.fromkeys([*before, *after]))
    fields = {k: _field(model, k) for k in keys}
    wanted: dict[type, set] = defaultdict(set)
    for key, field in fields.items():
        if field is not None and field.is_relation and field.name not in redacted:
            for value in (before.get(key), after.get(key)):
                wanted[field.related_model].update(str(v) for v in _ids(value))
    names = _related_names(wanted)
    rows = []
    for key, field in fields.items():
        label = str(capfirst(field.verbose_name)) if field is not None else key
        changed = key in (record.changed_fields or [])
        if field is not None and field.name in redacted:
            hidden = str(_("not shown"))
            rows.append((label, hidden, hidden, changed))
            continue
        rows.append(
            (
                label,
                _text(field, before.get(key), names) if record.before is not None else "",
                _text(field, after.get(key), names) if record.after is not None else "",
                changed,
            )
        )
    return rows


def changed_field_labels(record, model=None) -> list[str]:
    """The labels of a record's changed fields (no lookups), for a row of the audit log."""
    model = model or record.content_type.model_class()
    labels = []
    for name in record.changed_fields or []:
        field = _field(model, name)
        labels.append(str(capfirst(field.verbose_name)) if field is not None else name)
    return labels


def object_exists(records) -> set[tuple[int, str]]:
    """(content type id, object id) of the records' objects that still exist: one query a type."""
    from django.contrib.contenttypes.models import ContentType

    by_type: dict[int, set] = defaultdict(set)
    for record in records:
        by_type[record.content_type_id].add(record.object_id)
    existing = set()
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        pks = primary_keys(model, ids)
        for pk in model._base_manager.filter(pk__in=pks).values_list("pk", flat=True):
            existing.add((type_id, str(pk)))
    return existing


def model_of(record) -> type[models.Model] | None:
    return record.content_type.model_class()
