"""One mechanism that records every create, update and delete of a ChangeLoggedModel.

Written by hand rather than taken from django-auditlog or django-simple-history: the
ChangeRecord is a domain entity (DESIGN.md) that must carry the write path (UI, admin, API,
import, CLI) and full before/after snapshots in one table, inside the writer's transaction.
The hooks are Django's model signals, so every path that saves models (admin, forms, service
functions, management commands) is covered; ``QuerySet.update()`` and ``bulk_create`` bypass
signals and are used only by the synthetic-data generator, which records one summary change.
"""

import contextlib
import json
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .choices import ChangeAction, Channel

TIMESTAMP_FIELDS = ("created_at", "updated_at")


@dataclass(frozen=True)
class ChangeContext:
    user_id: int | None = None
    channel: str = Channel.SYSTEM
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)


_current: ContextVar[ChangeContext | None] = ContextVar("counterpart_change_context", default=None)


def current_context() -> ChangeContext:
    return _current.get() or ChangeContext()


@contextlib.contextmanager
def change_context(user=None, channel: str = Channel.SYSTEM) -> Iterator[ChangeContext]:
    """Attribute the writes made inside the block to ``user`` and ``channel``."""
    user_id = getattr(user, "pk", user) if user is not None else None
    context = ChangeContext(user_id=user_id, channel=channel)
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def _is_logged(instance) -> bool:
    from .models import ChangeLoggedModel

    return isinstance(instance, ChangeLoggedModel)


def snapshot(instance: models.Model) -> dict:
    """The concrete field values of ``instance`` as JSON-safe data."""
    excluded = set(TIMESTAMP_FIELDS) | set(getattr(instance, "changelog_exclude", ()))
    data = {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.name not in excluded
    }
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _record(instance, action: str, before: dict | None, after: dict | None, changed: list) -> None:
    from .models import ChangeRecord

    context = current_context()
    ChangeRecord.objects.create(
        user_id=context.user_id,
        channel=context.channel,
        request_id=context.request_id,
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        before=before,
        after=after,
        changed_fields=changed,
    )


def _stash_before(sender, instance, raw=False, **kwargs) -> None:
    if raw or not _is_logged(instance):
        return
    instance._changelog_before = None
    if instance.pk is not None and not instance._state.adding:
        previous = type(instance)._base_manager.filter(pk=instance.pk).first()
        instance._changelog_before = snapshot(previous) if previous else None


def _record_save(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or not _is_logged(instance):
        return
    after = snapshot(instance)
    before = None if created else getattr(instance, "_changelog_before", None)
    if before is None:
        _record(instance, ChangeAction.CREATE, None, after, sorted(after))
        return
    changed = sorted(k for k in after if before.get(k) != after[k])
    if changed:
        _record(instance, ChangeAction.UPDATE, before, after, changed)


def _record_delete(sender, instance, **kwargs) -> None:
    if _is_logged(instance):
        _record(instance, ChangeAction.DELETE, snapshot(instance), None, [])


def _m2m_field_name(instance, through) -> str | None:
    for f in instance._meta.many_to_many:
        if f.remote_field.through is through:
            return f.name
    return None


def _record_m2m(sender, instance, action, reverse, **kwargs) -> None:
    """Record a change of a many-to-many field as an update of the object that owns it."""
    if reverse or not _is_logged(instance):
        return
    name = _m2m_field_name(instance, sender)
    if name is None:
        return
    if action.startswith("pre_"):
        instance._changelog_m2m_before = sorted(
            getattr(instance, name).values_list("pk", flat=True)
        )
        return
    if not action.startswith("post_"):
        return
    before_ids = getattr(instance, "_changelog_m2m_before", [])
    after_ids = sorted(getattr(instance, name).values_list("pk", flat=True))
    if before_ids != after_ids:
        _record(instance, ChangeAction.UPDATE, {name: before_ids}, {name: after_ids}, [name])


def connect_signals() -> None:
    pre_save.connect(_stash_before, dispatch_uid="changelog_pre_save")
    post_save.connect(_record_save, dispatch_uid="changelog_post_save")
    post_delete.connect(_record_delete, dispatch_uid="changelog_post_delete")
    m2m_changed.connect(_record_m2m, dispatch_uid="changelog_m2m")
