"""Merge duplicates into one surviving object, moving every relation, in one transaction.

``merge(survivor, duplicates)`` works for any model. The relations are found in the model's
``_meta`` — never listed by hand, so a model added later is covered without a change here:

* rows of any model whose foreign key or one-to-one field points at a duplicate (self-references
  such as ``Organization.parent`` and ``Project.extends`` included, hidden ones too) are saved
  pointing at the survivor;
* many-to-many links from either side: the objects that list a duplicate (``Project.investors``
  when organisations merge) list the survivor instead, and the survivor gets the duplicates'
  own many-to-many values (a project's industries and investors);
* rows of a generic foreign key naming a duplicate name the survivor.

A moved row that would break a unique constraint (an alias, a participation, a contact the
survivor already has) is merged, in turn, into the survivor's row: the survivor's row is kept,
what points at the duplicate's row follows it, its empty fields are filled from it, and the
duplicate's row is deleted. A row that would point at itself (the survivor was the duplicate's
subsidiary) is emptied when the field may be empty and the link is not protected, else the merge
is refused. An app may keep the survivor's own rows of a relation instead (``keep_own``: a
project's stage history); the duplicates' rows of it are deleted. Then the duplicates are deleted,
the survivor's empty fields are filled from them (the first duplicate that has a value), each fill
kept only if the survivor stays valid (``full_clean``), and steps an app registers with
``merge_step`` run (organisations keep the duplicates' names as aliases).

Every write goes through model saves, so the change log records each moved row; the merge itself
is one ``ChangeRecord`` (action ``merge``) on the survivor naming the merged objects.
``merge(..., dry_run=True)`` does all of it and rolls it back: what a confirmation page shows is
exactly what the merge will do.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.db.models import Count, ProtectedError, Q, RestrictedError
from django.utils.module_loading import autodiscover_modules
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import changelog
from .choices import ChangeAction
from .models import ChangeLoggedModel, NotDuplicate

__all__ = [
    "MergeRefused",
    "MergeResult",
    "Relation",
    "keep_own",
    "merge",
    "merge_step",
    "related_counts",
    "relations",
]

# A merge of colliding rows merges their own colliding rows, and so on; this deep at most.
MAX_DEPTH = 4


class MergeRefused(Exception):
    """The objects cannot be merged; ``message`` says why (for the user)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------------------- relations


@dataclass(frozen=True)
class Relation:
    """One way objects of a model are referred to.

    ``kind``: ``fk`` (a foreign key or one-to-one field of ``model`` points here), ``m2m`` (a
    many-to-many field of ``model`` lists objects of this model), ``own_m2m`` (this model's own
    many-to-many field), ``generic`` (a generic foreign key of ``model``).
    """

    kind: str
    model: type[models.Model]
    field: models.Field | GenericForeignKey
    label: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.model._meta.label}.{self.field.name}"

    @property
    def on_delete(self):
        remote = getattr(self.field, "remote_field", None)
        return getattr(remote, "on_delete", None)


def _label(model, field, target) -> str:
    plural = capfirst(model._meta.verbose_name_plural)
    if str(field.verbose_name) == str(target._meta.verbose_name):
        return str(plural)
    return _("%(models)s (%(field)s)") % {"models": plural, "field": field.verbose_name}


@functools.cache
def _relations(model: type[models.Model]) -> tuple[tuple, ...]:
    found = []
    for f in model._meta.get_fields(include_hidden=True):
        if not f.is_relation:
            continue
        if f.auto_created and not f.concrete:
            remote = f.field  # the forward field, on the model that refers to this one
            if f.many_to_many:
                # A through model of its own is moved as rows with foreign keys (below).
                if remote.remote_field.through._meta.auto_created:
                    found.append(("m2m", f.related_model, remote))
            elif f.one_to_many or f.one_to_one:
                related_meta = f.related_model._meta
                if related_meta.auto_created or remote.remote_field.parent_link:
                    continue  # an automatic many-to-many table, or a parent model's link
                found.append(("fk", f.related_model, remote))
        elif f.many_to_many and f.concrete and f.remote_field.through._meta.auto_created:
            found.append(("own_m2m", model, f))
    for other in apps.get_models():
        for private in other._meta.private_fields:
            if isinstance(private, GenericForeignKey):
                found.append(("generic", other, private))
    return tuple(found)


def relations(model: type[models.Model]) -> list[Relation]:
    """Every relation to objects of ``model``, labelled for people ("Projects (investors)")."""
    result = []
    for kind, other, f in _relations(model._meta.concrete_model):
        if kind == "own_m2m":
            label = str(capfirst(f.verbose_name))
        elif kind == "generic":
            label = str(capfirst(other._meta.verbose_name_plural))
        else:
            label = _label(other, f, model)
        result.append(Relation(kind, other, f, label))
    return result


def related_counts(objects: Iterable[models.Model]) -> dict[object, dict[str, int]]:
    """For each object (by pk), the number of rows of each relation (by label): one query per
    relation whatever the number of objects."""
    objects = list(objects)
    if not objects:
        return {}
    model = type(objects[0])
    ids = [o.pk for o in objects]
    counts: dict[object, dict[str, int]] = {pk: {} for pk in ids}
    for relation in relations(model):
        for pk, n in _count(relation, model, ids):
            if pk in counts:
                counts[pk][relation.label] = counts[pk].get(relation.label, 0) + n
    return counts


def _count(relation: Relation, model, ids) -> Iterable[tuple[object, int]]:
    f = relation.field
    if relation.kind == "fk":
        column = f.attname
        if f.target_field.attname != model._meta.pk.attname:
            return []  # a foreign key to another unique field: not counted
        rows = relation.model._base_manager.filter(**{f"{column}__in": ids})
    elif relation.kind in ("m2m", "own_m2m"):
        through = f.remote_field.through
        name = f.m2m_reverse_field_name() if relation.kind == "m2m" else f.m2m_field_name()
        column = through._meta.get_field(name).attname
        rows = through._base_manager.filter(**{f"{column}__in": ids})
    else:
        content_type = ContentType.objects.get_for_model(
            model, for_concrete_model=f.for_concrete_model
        )
        column = f.fk_field
        rows = relation.model._base_manager.filter(
            **{f.ct_field: content_type, f"{column}__in": [str(i) for i in ids]}
        )
    grouped = rows.order_by().values(column).annotate(n=Count("*")).values_list(column, "n")
    return [(_as_pk(model, value), n) for value, n in grouped]


def _as_pk(model, value):
    return model._meta.pk.to_python(value)


# ---------------------------------------------------------------------------- result


@dataclass
class Move:
    """What happened to one relation's rows."""

    label: str
    moved: int = 0  # now point at the survivor
    kept: int = 0  # the survivor already had one like it: the duplicate's merged into it
    cleared: int = 0  # would have pointed at itself: emptied
    dropped: int = 0  # not moved by a rule of the app (``keep_own``): deleted


@dataclass
class Fill:
    """An empty field of the survivor filled from a duplicate."""

    name: str
    label: str
    value: str  # as shown to people
    source: str  # the duplicate it came from


@dataclass
class MergeResult:
    survivor: models.Model
    merged: list[dict] = field(default_factory=list)  # [{"id": …, "name": …}]
    moves: dict[str, Move] = field(default_factory=dict)
    filled: list[Fill] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    record: object | None = None
    dry_run: bool = False

    @property
    def changes(self) -> list[Move]:
        """The relations whose rows move, in the model's order."""
        return [m for m in self.moves.values() if m.moved or m.kept or m.cleared or m.dropped]

    @property
    def total_moved(self) -> int:
        return sum(m.moved + m.kept + m.cleared for m in self.moves.values())

    @property
    def any_dropped(self) -> bool:
        return any(m.dropped for m in self.moves.values())

    def move(self, relation: Relation) -> Move:
        return self.moves.setdefault(relation.key, Move(relation.label))


# ---------------------------------------------------------------------------- app steps

_steps: dict[str, list[Callable]] = defaultdict(list)


def merge_step(model: type[models.Model] | str):
    """Register ``step(survivor, duplicates, result)`` to run inside every merge of ``model``,
    after the relations moved and the duplicates were deleted (their instances still hold their
    values). Apps register their steps in their ``duplicates`` module, which ``merge()`` imports.
    """
    label = model if isinstance(model, str) else model._meta.label_lower

    def register(step: Callable) -> Callable:
        if step not in _steps[label.lower()]:
            _steps[label.lower()].append(step)
        return step

    return register


_own_rows: dict[tuple[str, str], str] = {}


def keep_own(model: type[models.Model], field_name: str, reason: str) -> None:
    """Rows of ``model`` whose ``field_name`` points at a duplicate are not moved but deleted:
    the survivor keeps its own (a project's stage history, which must match its stage).
    ``reason`` is shown to people (a lazy translation)."""
    _own_rows[(model._meta.label_lower, field_name)] = reason


@functools.cache
def _discover_steps() -> None:
    autodiscover_modules("duplicates")


# ---------------------------------------------------------------------------- merge


def merge(
    survivor: models.Model,
    duplicates: Iterable[models.Model],
    *,
    user=None,
    dry_run: bool = False,
) -> MergeResult:
    """Merge ``duplicates`` into ``survivor`` in one transaction (see the module's text).

    ``user``: who merges, where the writes are not already attributed to someone (a request is,
    by ``ChangeContextMiddleware``). ``dry_run``: do everything, report it, roll it back.
    Raises ``MergeRefused`` saying why when the objects cannot be merged; nothing is changed then.
    """
    duplicates = _check(survivor, duplicates)
    _discover_steps()
    context = changelog.current_context()
    attribute = (
        changelog.change_context(user=user, channel=context.channel)
        if user is not None and context.user_id is None
        else contextlib.nullcontext()
    )
    model = type(survivor)
    with attribute:
        try:
            with transaction.atomic():
                fresh = _reload(model, survivor.pk)
                dups = [_reload(model, d.pk) for d in duplicates]
                result = MergeResult(survivor=fresh, dry_run=dry_run)
                _merge(fresh, dups, result, depth=0)
                if dry_run:
                    result.record = None
                    transaction.set_rollback(True)
        except (ProtectedError, RestrictedError) as error:
            blockers = getattr(error, "protected_objects", None) or error.restricted_objects
            names = "、".join(str(b) for b in list(blockers)[:5])
            raise MergeRefused(
                _("A duplicate is still referred to by rows that cannot be moved: %(rows)s.")
                % {"rows": names}
            ) from error
        except IntegrityError as error:
            raise MergeRefused(
                _("The merge would break a rule of the database: %(error)s") % {"error": error}
            ) from error
    if not dry_run:
        survivor.refresh_from_db()
    return result


def _reload(model, pk):
    try:
        return model._base_manager.get(pk=pk)
    except model.DoesNotExist:
        raise MergeRefused(
            _("%(model)s #%(id)s no longer exists.")
            % {"model": capfirst(model._meta.verbose_name), "id": pk}
        ) from None


def _check(survivor, duplicates) -> list[models.Model]:
    duplicates = list(duplicates)
    if survivor.pk is None:
        raise MergeRefused(_("The object to keep has not been saved."))
    if not duplicates:
        raise MergeRefused(_("Name at least one duplicate to merge."))
    model = survivor._meta.concrete_model
    unique: list[models.Model] = []
    for duplicate in duplicates:
        if duplicate._meta.concrete_model is not model:
            raise MergeRefused(
                _(
                    "“%(duplicate)s” is a %(other)s, not a %(model)s: only objects of one kind "
                    "merge."
                )
                % {
                    "duplicate": duplicate,
                    "other": duplicate._meta.verbose_name,
                    "model": survivor._meta.verbose_name,
                }
            )
        if duplicate.pk is None:
            raise MergeRefused(_("“%(duplicate)s” has not been saved.") % {"duplicate": duplicate})
        if duplicate.pk == survivor.pk:
            raise MergeRefused(
                _("“%(object)s” cannot be merged into itself.") % {"object": survivor}
            )
        if all(d.pk != duplicate.pk for d in unique):
            unique.append(duplicate)
    return unique


def _merge(survivor, duplicates, result: MergeResult, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise MergeRefused(_("The rows to merge are nested too deeply."))
    model = type(survivor)
    merged_ids = {d.pk for d in duplicates}
    result.merged = [{"id": d.pk, "name": str(d)} for d in duplicates]
    for duplicate in duplicates:
        for relation in relations(model):
            move = result.move(relation)
            own = _own_rows.get((relation.model._meta.label_lower, relation.field.name))
            if relation.kind == "fk" and own is not None:
                _drop_rows(relation, duplicate, move, result, own)
            elif relation.kind == "fk":
                _move_rows(relation, duplicate, survivor, merged_ids, move, result, depth)
            elif relation.kind == "m2m":
                _move_listings(relation, duplicate, survivor, merged_ids, move)
            elif relation.kind == "own_m2m":
                _copy_own_m2m(relation, duplicate, survivor, merged_ids, move)
            else:
                _move_rows(relation, duplicate, survivor, merged_ids, move, result, depth)
        _remap_not_duplicates(model, duplicate, survivor, merged_ids)
    fills = _fill_candidates(survivor, duplicates, merged_ids)
    for duplicate in duplicates:
        duplicate.delete()
    _apply_fills(survivor, fills, result)
    for step in _steps.get(model._meta.label_lower, ()):
        step(survivor, duplicates, result)
    if isinstance(survivor, ChangeLoggedModel):
        result.record = _record_merge(survivor, result)


# ----- rows with a foreign key (or a generic one) to a duplicate


def _rows_referring(relation: Relation, obj) -> models.QuerySet:
    f = relation.field
    manager = relation.model._base_manager
    if relation.kind == "generic":
        content_type = ContentType.objects.get_for_model(
            obj, for_concrete_model=f.for_concrete_model
        )
        return manager.filter(**{f.ct_field: content_type, f.fk_field: str(obj.pk)}).order_by("pk")
    return manager.filter(**{f.name: obj}).order_by("pk")


def _target_value(relation: Relation, obj):
    if relation.kind == "generic":
        return obj.pk
    return getattr(obj, relation.field.target_field.attname)


def _move_rows(relation, duplicate, survivor, merged_ids, move: Move, result, depth) -> None:
    new_value = _target_value(relation, survivor)
    name = relation.field.fk_field if relation.kind == "generic" else relation.field.attname
    same_model = relation.model._meta.concrete_model is type(survivor)._meta.concrete_model
    for row in list(_rows_referring(relation, duplicate)):
        if same_model and row.pk == survivor.pk:
            _clear_self_reference(relation, survivor, duplicate)
            move.cleared += 1
            continue
        existing = _collision(relation, row, new_value)
        if existing is not None:
            nested = MergeResult(survivor=existing)
            _merge(existing, [row], nested, depth + 1)
            result.notes.append(
                _(
                    "“%(survivor)s” already has the %(model)s “%(row)s”: the one of "
                    "“%(duplicate)s” is merged into it."
                )
                % {
                    "survivor": survivor,
                    "model": row._meta.verbose_name,
                    "row": existing,
                    "duplicate": duplicate,
                }
            )
            result.notes.extend(nested.notes)
            move.kept += 1
            continue
        setattr(row, name, new_value)  # a new id drops the cached related object
        row.save()
        move.moved += 1


def _drop_rows(relation, duplicate, move: Move, result, reason) -> None:
    rows = list(_rows_referring(relation, duplicate))
    for row in rows:
        row.delete()
    move.dropped += len(rows)
    if rows and str(reason) not in result.notes:
        result.notes.append(str(reason))


def _clear_self_reference(relation: Relation, survivor, duplicate) -> None:
    """The survivor itself referred to the duplicate (its parent, the project it extends)."""
    f = relation.field
    protected = relation.on_delete in (models.PROTECT, models.RESTRICT)
    if protected or not getattr(f, "null", False):
        raise MergeRefused(
            _(
                "“%(survivor)s” refers to “%(duplicate)s” as its “%(field)s”: merged, it would "
                "refer to itself, and that reference cannot be dropped. Change it first, or keep "
                "“%(duplicate)s” instead."
            )
            % {"survivor": survivor, "duplicate": duplicate, "field": f.verbose_name}
        )
    setattr(survivor, f.name, None)
    survivor.save()


def _unique_sets(model, name: str) -> list[tuple[tuple[str, ...], Q | None]]:
    """The unique field sets of ``model`` that include field ``name``, with their conditions."""
    meta = model._meta
    sets: list[tuple[tuple[str, ...], Q | None]] = []
    for f in meta.concrete_fields:
        if f.unique and not f.primary_key:
            sets.append(((f.name,), None))
    for names in meta.unique_together:
        sets.append((tuple(names), None))
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            sets.append((tuple(constraint.fields), constraint.condition))
    return [(names, condition) for names, condition in sets if name in names]


def _collision(relation: Relation, row, new_value):
    """The row that would break a unique constraint if ``row`` pointed at the survivor."""
    model = type(row)
    name = relation.field.name if relation.kind != "generic" else relation.field.fk_field
    for names, condition in _unique_sets(model, name):
        lookup = {}
        for unique_name in names:
            unique_field = model._meta.get_field(unique_name)
            value = new_value if unique_name == name else getattr(row, unique_field.attname)
            if value is None:
                break  # NULLs do not collide
            lookup[unique_field.attname] = value
        else:
            candidates = model._base_manager.filter(**lookup).exclude(pk=row.pk)
            if condition is not None:
                if not model._base_manager.filter(condition, pk=row.pk).exists():
                    continue
                candidates = candidates.filter(condition)
            existing = candidates.order_by("pk").first()
            if existing is not None:
                return existing
    return None


# ----- many-to-many


def _move_listings(relation: Relation, duplicate, survivor, merged_ids, move: Move) -> None:
    """Objects whose many-to-many field lists the duplicate list the survivor instead."""
    f = relation.field
    same_model = relation.model._meta.concrete_model is type(survivor)._meta.concrete_model
    for owner in list(relation.model._base_manager.filter(**{f.name: duplicate}).order_by("pk")):
        manager = getattr(owner, f.name)
        if same_model and owner.pk in (merged_ids | {survivor.pk}):
            manager.remove(duplicate)
            move.cleared += 1
            continue
        if manager.filter(pk=survivor.pk).exists():
            move.kept += 1
        else:
            manager.add(survivor)
            move.moved += 1
        manager.remove(duplicate)


def _copy_own_m2m(relation: Relation, duplicate, survivor, merged_ids, move: Move) -> None:
    """The survivor gets the duplicate's own many-to-many values (a project's investors)."""
    f = relation.field
    same_model = f.related_model._meta.concrete_model is type(survivor)._meta.concrete_model
    have = set(getattr(survivor, f.name).values_list("pk", flat=True))
    new = []
    for item in getattr(duplicate, f.name).all():
        if same_model and item.pk in (merged_ids | {survivor.pk}):
            move.cleared += 1
        elif item.pk in have:
            move.kept += 1
        else:
            new.append(item)
    if new:
        getattr(survivor, f.name).add(*new)
        move.moved += len(new)


# ----- pairs marked "not duplicates"


def _remap_not_duplicates(model, duplicate, survivor, merged_ids) -> None:
    """A pair "not duplicates" naming the duplicate now names the survivor (or goes)."""
    content_type = ContentType.objects.get_for_model(model)
    pairs = NotDuplicate.objects.filter(content_type=content_type).filter(
        Q(low_id=duplicate.pk) | Q(high_id=duplicate.pk)
    )
    for pair in list(pairs):
        other = pair.high_id if pair.low_id == duplicate.pk else pair.low_id
        if other == survivor.pk or other in merged_ids:
            pair.delete()
            continue
        low, high = NotDuplicate.ordered(survivor.pk, other)
        if NotDuplicate.objects.filter(
            content_type=content_type, low_id=low, high_id=high
        ).exists():
            pair.delete()
        else:
            pair.low_id, pair.high_id = low, high
            pair.save()


# ----- empty fields of the survivor


def _fillable_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key
        and f.editable
        and f.name not in changelog.TIMESTAMP_FIELDS
        and not isinstance(f, models.BooleanField)
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    ]


def _is_empty(f: models.Field, value) -> bool:
    return value is None or (isinstance(value, str | list | tuple | dict) and not value)


def _fill_candidates(survivor, duplicates, merged_ids) -> list[tuple[models.Field, object, object]]:
    """(field, value, duplicate) for each empty field of the survivor a duplicate has."""
    model = type(survivor)
    candidates = []
    for f in _fillable_fields(model):
        if not _is_empty(f, getattr(survivor, f.attname)):
            continue
        for duplicate in duplicates:
            value = getattr(duplicate, f.attname)
            if _is_empty(f, value):
                continue
            refers_to_merged = (
                f.is_relation
                and f.related_model._meta.concrete_model is model._meta.concrete_model
                and (value in merged_ids or value == survivor.pk)
            )
            if refers_to_merged:
                continue  # would refer to the survivor itself
            candidates.append((f, value, duplicate))
            break
    return candidates


def _errors(obj) -> dict[str, list[str]]:
    try:
        obj.full_clean()
    except ValidationError as error:
        return {k: sorted(str(m) for m in v) for k, v in error.message_dict.items()}
    return {}


def _new_errors(baseline: dict, now: dict) -> bool:
    return any(set(messages) - set(baseline.get(key, [])) for key, messages in now.items())


def _apply_fills(survivor, candidates, result: MergeResult) -> None:
    """Fill the survivor's empty fields, each fill kept only if it adds no validation error."""
    if not candidates:
        return
    original = {f.attname: getattr(survivor, f.attname) for f, _value, _source in candidates}

    def set_values(chosen: list[int]) -> None:
        for index, (f, value, _source) in enumerate(candidates):
            setattr(survivor, f.attname, value if index in chosen else original[f.attname])

    baseline = _errors(survivor)
    kept = list(range(len(candidates)))
    set_values(kept)
    if _new_errors(baseline, _errors(survivor)):
        kept = []
        for index in range(len(candidates)):
            set_values([*kept, index])
            if not _new_errors(baseline, _errors(survivor)):
                kept.append(index)
        set_values(kept)
    if not kept:
        return
    survivor.save()
    for f, _value, duplicate in (candidates[index] for index in kept):
        result.filled.append(
            Fill(
                name=f.name,
                label=str(capfirst(f.verbose_name)),
                value=_display(survivor, f),
                source=str(duplicate),
            )
        )


def _display(obj, f: models.Field) -> str:
    if f.is_relation:
        return str(getattr(obj, f.name))
    if f.choices:
        return str(getattr(obj, f"get_{f.name}_display")())
    return str(getattr(obj, f.attname))


# ----- the record of the merge


def _record_merge(survivor, result: MergeResult):
    """One change record on the survivor: which objects merged into it, what it got from them.

    ``before``/``after`` hold the filled fields (so the history shows them like an update);
    ``after`` also names the merged objects (``merged``) and counts the moved rows
    (``relations``).
    """
    snapshot = changelog.snapshot(survivor)
    filled = [fill.name for fill in result.filled]
    attnames = {f.name: f.attname for f in survivor._meta.concrete_fields}
    before = {attnames[name]: None for name in filled}
    after = {attnames[name]: snapshot.get(attnames[name]) for name in filled}
    after["merged"] = result.merged
    after["relations"] = {
        move.label: {
            "moved": move.moved,
            "kept": move.kept,
            "cleared": move.cleared,
            "dropped": move.dropped,
        }
        for move in result.changes
    }
    after = json.loads(json.dumps(after, cls=DjangoJSONEncoder))
    content_type = ContentType.objects.get_for_model(survivor, for_concrete_model=False)
    return changelog.write_record(
        content_type,
        str(survivor.pk),
        str(survivor),
        ChangeAction.MERGE,
        before,
        after,
        sorted(before),
    )
