"""One mechanism that records every create, update and delete of a ChangeLoggedModel.

Written by hand rather than taken from django-auditlog or django-simple-history: the
ChangeRecord is a domain entity (DESIGN.md) that must carry the write path (UI, admin, API,
import, CLI) and full before/after snapshots in one table, inside the writer's transaction.
The hooks are Django's model signals, so every path that saves models (admin, forms, service
functions, management commands) is covered; ``QuerySet.update()`` and ``bulk_create`` bypass
signals and are used only by the synthetic-data generator, which records one summary change.
Every record written says the ledger changed (``ledger.touch()``), so cached figures are
recomputed after the writer's commit.
Each save that changes a field raises the row's ``version`` (``versioning.py``); snapshots
keep it, so that the records written since a version can be found.
"""

import contextlib
import hashlib
import json
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from . import ledger
from .choices import ChangeAction, Channel
from .versioning import FIELD as VERSION_FIELD
from .versioning import bump, mark_new

TIMESTAMP_FIELDS = ("created_at", "updated_at")


@dataclass(frozen=True)
class ChangeContext:
    user_id: int | None = None
    username: str = ""
    channel: str = Channel.SYSTEM
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)


_current: ContextVar[ChangeContext | None] = ContextVar("counterpart_change_context", default=None)


def current_context() -> ChangeContext:
    return _current.get() or ChangeContext()


@contextlib.contextmanager
def change_context(
    user=None, channel: str = Channel.SYSTEM, request_id: uuid.UUID | None = None
) -> Iterator[ChangeContext]:
    """Attribute the writes made inside the block to ``user`` and ``channel``; ``request_id``
    (a new one by default) is the web request's own, so that its log lines and its change
    records share it."""
    user_id = getattr(user, "pk", user) if user is not None else None
    username = user.get_username() if hasattr(user, "get_username") else ""
    context = ChangeContext(
        user_id=user_id, username=username, channel=channel, request_id=request_id or uuid.uuid4()
    )
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


class RecordBuffer:
    """Change records held in memory and written in batches, for a bulk writer (the import):
    one INSERT per batch instead of one per write, most of a large import's queries.

    A writer that rolls a savepoint back discards the records written since its ``mark()``;
    it calls ``flush()`` only between units of work, when no savepoint of its own is open.
    """

    def __init__(self) -> None:
        self.records: list = []

    def __len__(self) -> int:
        return len(self.records)

    def mark(self) -> int:
        return len(self.records)

    def discard_since(self, mark: int) -> None:
        del self.records[mark:]

    def flush(self) -> None:
        from .models import ChangeRecord

        ChangeRecord.objects.bulk_create(self.records, batch_size=500)
        self.records.clear()


_buffer: ContextVar[RecordBuffer | None] = ContextVar("counterpart_change_buffer", default=None)


@contextlib.contextmanager
def buffered_records() -> Iterator[RecordBuffer]:
    """Hold the change records written inside the block; write them when it ends without an
    error (inside the caller's transaction, which must enclose the block)."""
    buffer = RecordBuffer()
    token = _buffer.set(buffer)
    try:
        yield buffer
    finally:
        _buffer.reset(token)
    buffer.flush()


def _is_logged(instance) -> bool:
    return isinstance(instance, _logged_base())


def _digest(value) -> str | None:
    """A stand-in that shows that a personal or secret value changed, not what it is."""
    if value in (None, ""):
        return value
    return "sha256:" + hashlib.sha256(str(value).encode("utf-8")).hexdigest()[:12]


def snapshot(instance: models.Model) -> dict:
    """The concrete field values of ``instance`` as JSON-safe data, secrets digested."""
    excluded = set(TIMESTAMP_FIELDS) | set(getattr(instance, "changelog_exclude", ()))
    redacted = set(getattr(instance, "changelog_redact", ()))
    data = {
        f.attname: _digest(getattr(instance, f.attname))
        if f.name in redacted
        else getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.name not in excluded
    }
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def write_record(
    content_type: ContentType,
    object_id: str,
    object_repr: str,
    action: str,
    before: dict | None,
    after: dict | None,
    changed: list,
):
    """Write one ChangeRecord attributed to the current context (user, channel, request), or
    hold it inside ``buffered_records()``."""
    from .models import ChangeRecord

    ledger.touch()  # cached figures (dashboard, list counts) are stale once this commits
    context = current_context()
    record = ChangeRecord(
        user_id=context.user_id,
        username=context.username,
        channel=context.channel,
        request_id=context.request_id,
        action=action,
        content_type=content_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        before=before,
        after=after,
        changed_fields=changed,
    )
    buffer = _buffer.get()
    if buffer is not None:
        buffer.records.append(record)
    else:
        record.save()
    return record


def _record(instance, action: str, before: dict | None, after: dict | None, changed: list) -> None:
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    write_record(content_type, str(instance.pk), str(instance), action, before, after, changed)


def _stash_before(sender, instance, **kwargs) -> None:
    if not _is_logged(instance):
        return
    instance._changelog_before = None
    if instance.pk is not None and not instance._state.adding:
        previous = type(instance)._base_manager.filter(pk=instance.pk).first()
        instance._changelog_before = snapshot(previous) if previous else None


def _record_save(sender, instance, created, **kwargs) -> None:
    if not _is_logged(instance):
        return
    after = snapshot(instance)
    before = None if created else getattr(instance, "_changelog_before", None)
    if created:
        mark_new(instance)
    if before is None:
        _record(instance, ChangeAction.CREATE, None, after, sorted(after))
        return
    # The version is bookkeeping (versioning.py): kept in the snapshots, never a change of its own.
    changed = sorted(k for k in after if before.get(k) != after[k] and k != VERSION_FIELD)
    if changed:
        _record(instance, ChangeAction.UPDATE, before, after, changed)


def _record_delete(sender, instance, **kwargs) -> None:
    if _is_logged(instance):
        _record(instance, ChangeAction.DELETE, snapshot(instance), None, [])


def _m2m_field_name(model: type[models.Model], through) -> str | None:
    for f in model._meta.many_to_many:
        if f.remote_field.through is through:
            return f.name
    return None


def _m2m_owners(instance, name: str, reverse: bool, model, pk_set) -> list[models.Model]:
    """The objects whose forward many-to-many field ``name`` a change touches."""
    if not reverse:
        return [instance]
    if pk_set is None:  # a clear from the reverse side: every object linked to ``instance``
        return list(model._base_manager.filter(**{name: instance}))
    return list(model._base_manager.filter(pk__in=pk_set))


def _related_ids(owner, name: str) -> list:
    return sorted(getattr(owner, name).values_list("pk", flat=True))


def _ids_after(before_ids: list, action: str, reverse: bool, instance, pk_set) -> list:
    """An owner's related ids after the change, from those before (saves a query per change).

    Forward, ``pk_set`` holds the related ids added or removed; from the reverse side the owner
    gains or loses ``instance`` itself.
    """
    if action == "post_clear":
        return [] if not reverse else sorted(set(before_ids) - {instance.pk})
    changed = {instance.pk} if reverse else set(pk_set or ())
    if action == "post_add":
        return sorted(set(before_ids) | changed)
    return sorted(set(before_ids) - changed)


def _record_m2m(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """Record a change of a many-to-many field as an update of each object that owns it.

    From the reverse side (``organization.investments.add(project)``) the owners are the
    projects, so the change shows in their history.
    """
    owner_model = model if reverse else type(instance)
    name = _m2m_field_name(owner_model, sender)
    if name is None or not issubclass(owner_model, _logged_base()):
        return
    if action.startswith("pre_"):
        owners = _m2m_owners(instance, name, reverse, model, pk_set)
        instance._changelog_m2m_before = [(o, _related_ids(o, name)) for o in owners]
        return
    if not action.startswith("post_"):
        return
    for owner, before_ids in getattr(instance, "_changelog_m2m_before", []):
        after_ids = _ids_after(before_ids, action, reverse, instance, pk_set)
        if before_ids != after_ids:
            before, after = {name: before_ids}, {name: after_ids}
            versions = bump(owner)  # a relation changed: an editor who read the owner is stale
            if versions is not None:
                before[VERSION_FIELD], after[VERSION_FIELD] = versions
            _record(owner, ChangeAction.UPDATE, before, after, [name])
    instance._changelog_m2m_before = []


def _logged_base() -> type:
    from .models import ChangeLoggedModel

    return ChangeLoggedModel


def connect_signals() -> None:
    pre_save.connect(_stash_before, dispatch_uid="changelog_pre_save")
    post_save.connect(_record_save, dispatch_uid="changelog_post_save")
    post_delete.connect(_record_delete, dispatch_uid="changelog_post_delete")
    m2m_changed.connect(_record_m2m, dispatch_uid="changelog_m2m")
