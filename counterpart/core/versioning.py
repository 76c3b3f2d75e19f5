"""Optimistic locking: no lost updates when two people edit the same object.

Every ``ChangeLoggedModel`` row carries a ``version``, raised by one on each save that changes
a field (and on each change of one of its many-to-many relations). A writer that knows which
version it read says so with ``expect_version()``; its save is then an
``UPDATE … WHERE pk = … AND version = <read>`` and, should another writer have saved first (no
row matched), raises ``StaleVersion`` with the row as it now is and the change records written
since, so that the caller can say who changed what.

Writers that do not say which version they read (imports, CLI commands, merges, sample loading,
the admin) are not checked: they raise the version as they write, so an editor's form opened
before them is refused. The web forms (``core.views.ObjectEditView``) and the API check.
``QuerySet.update()`` and ``bulk_create`` leave the version as it is (see ``changelog.py`` for
where they are used).
"""

from __future__ import annotations

import weakref

from django.db import models, transaction
from django.utils.translation import gettext as _

__all__ = ["StaleVersion", "bump", "expect_version", "expected_version", "records_since"]

FIELD = "version"


class StaleVersion(Exception):
    """The object was saved (or deleted) by someone else since ``expected`` was read.

    ``current``: the row as it now is (None: deleted); ``records``: the change records written
    since the version that was read, oldest first. Like any error of ``save()``, it spoils the
    enclosing transaction: save inside ``transaction.atomic()`` to catch it and go on.
    """

    def __init__(self, instance: models.Model, expected: int, current, records: list) -> None:
        self.instance = instance
        self.model = type(instance)
        self.expected = expected
        self.current = current
        self.records = records
        super().__init__(
            _("%(object)s was changed by someone else since version %(version)d was read.")
            % {"object": instance._meta.verbose_name, "version": expected}
        )

    @property
    def current_version(self) -> int | None:
        return None if self.current is None else self.current.version


def expect_version(instance: models.Model, version: int | None) -> None:
    """Make the next saves of ``instance`` succeed only while its row is still at ``version``
    (None: unchecked). After each save it expects the version it wrote."""
    if version is not None and (isinstance(version, bool) or int(version) < 1):
        raise ValueError("A version is a positive integer.")
    instance._expected_version = None if version is None else int(version)


def expected_version(instance: models.Model) -> int | None:
    return getattr(instance, "_expected_version", None)


def records_since(model: type[models.Model], pk, version: int) -> list:
    """The change records of one object written after it was at ``version``, oldest first.

    The record that wrote ``version`` (or an older one) is the starting point, so that
    many-to-many changes and records written before versions were recorded are included.
    """
    from .models import ChangeRecord

    records = ChangeRecord.objects.for_model(model, pk).select_related("user")
    start = (
        records.filter(after__version__lte=version).order_by("-id").values_list("id", flat=True)
    )[:1]
    start_id = next(iter(start), None)
    later = (
        records.filter(id__gt=start_id)
        if start_id is not None
        else records.filter(after__version__gt=version)
    )
    return list(later.order_by("id"))


def _changes_a_field(instance: models.Model, values: list) -> bool:
    """Whether the fields about to be written differ from the row read before the save."""
    from .changelog import snapshot

    before = getattr(instance, "_changelog_before", None)
    if before is None:
        return True
    names = {f.attname for f, _model, _value in values} - {FIELD}
    after = snapshot(instance)
    return any(before.get(n) != after[n] for n in names if n in after)


def versioned_update(instance, base_qs, values: list, do_update) -> bool:
    """Run Django's ``_do_update`` for ``instance`` with the version condition and increment.

    ``do_update(base_qs, values)`` is the model's own update; returns whether a row matched.
    """
    meta = instance._meta
    field = meta.get_field(FIELD)
    expected = expected_version(instance)
    changed = _changes_a_field(instance, values)
    # The version in memory is never written as it is: an unchecked writer may hold an old one.
    values = [v for v in values if v[0] is not field]
    if expected is not None:
        base_qs = base_qs.filter(**{FIELD: expected})
    if changed:
        new = expected + 1 if expected is not None else models.F(FIELD) + 1
        values.append((field, None, new))
    updated = do_update(base_qs, values)
    if updated:
        if expected is not None:
            new_version = expected + 1 if changed else expected
            instance._expected_version = new_version
        else:
            before = getattr(instance, "_changelog_before", None) or {}
            read = before.get(FIELD)
            new_version = (read + 1 if changed else read) if read is not None else None
            if new_version is None:
                new_version = (
                    type(instance)
                    ._base_manager.using(base_qs.db)
                    .values_list(FIELD, flat=True)
                    .get(pk=instance.pk)
                )
        setattr(instance, FIELD, new_version)
        return True
    if expected is None:
        return False
    current = type(instance)._base_manager.using(base_qs.db).filter(pk=instance.pk).first()
    raise StaleVersion(
        instance, expected, current, records_since(type(instance), instance.pk, expected)
    )


def mark_new(instance: models.Model) -> None:
    """``instance`` was just created: until its transaction commits nobody else can have read
    it, so relations added meanwhile (an import's investors) need not raise its version."""
    instance._version_unseen = True
    ref = weakref.ref(instance)

    def seen() -> None:
        obj = ref()
        if obj is not None:
            obj._version_unseen = False

    transaction.on_commit(seen, using=instance._state.db)


def bump(instance: models.Model) -> tuple[int, int] | None:
    """Raise the version of ``instance``'s row by one (a many-to-many relation changed).

    Returns (old, new) where the version in memory was the stored one, else None (the row's
    version is still raised, or, for a row created in a transaction not yet committed, left).
    """
    if getattr(instance, "_version_unseen", False):
        return None
    manager = type(instance)._base_manager
    old = getattr(instance, FIELD, None)
    if old is not None and manager.filter(pk=instance.pk, **{FIELD: old}).update(
        **{FIELD: old + 1}
    ):
        setattr(instance, FIELD, old + 1)
        if expected_version(instance) == old:
            instance._expected_version = old + 1
        return old, old + 1
    manager.filter(pk=instance.pk).update(**{FIELD: models.F(FIELD) + 1})
    return None
