"""Importing a table of rows into an entity: dry run, row-level errors, one transaction.

Every import runs the real writes — ``full_clean()``, constraints, change records — inside one
transaction, each row in its own savepoint, and then commits or rolls back. A dry run is the same
import rolled back, so its preview says exactly what a commit would do. A file with any error
commits nothing unless the caller asks for the valid rows only. Rows are upserted by natural key,
so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from counterpart.core.changelog import RecordBuffer, buffered_records, change_context
from counterpart.core.choices import Channel
from counterpart.core.fields import non_negative_fields
from counterpart.core.parsing import ParseError
from counterpart.core.permissions import Action, can, city_of_paths
from counterpart.core.upsert import ABSENT, upsert

from .entities import BoundColumn, Entity, Kind, header_key, header_unit, read_cell
from .readers import Table
from .references import References


class Outcome(models.TextChoices):
    CREATE = "create", gettext_lazy("create")
    UPDATE = "update", gettext_lazy("update")
    UNCHANGED = "unchanged", gettext_lazy("unchanged")
    ERROR = "error", gettext_lazy("error")


UPSERT_OUTCOMES = {
    "created": Outcome.CREATE,
    "updated": Outcome.UPDATE,
    "unchanged": Outcome.UNCHANGED,
}


class MappingError(Exception):
    """The file's columns cannot be matched to the entity (a required column is missing …)."""


@dataclass
class CellError:
    column: str  # the header as the file has it, or the field's label
    message: str


@dataclass
class RowResult:
    number: int  # the row's number in the file, as Excel shows it
    outcome: str
    label: str = ""  # what the row is about: a code or a name
    errors: list[CellError] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # labels of the fields an update changes
    note: str = ""  # a fallback match to check ("matched by name and region")
    # The row written carries figures not verified (new, or a figure changed): official
    # reports leave it out until department staff verify it (docs/decisions/0009).
    unverified: bool = False


@dataclass
class ImportResult:
    entity: Entity
    table: Table
    mapping: dict[int, str]  # column index → field name
    rows: list[RowResult]
    committed: bool
    dry_run: bool
    valid_rows_only: bool

    @property
    def counts(self) -> Counter:
        return Counter(row.outcome for row in self.rows)

    @property
    def errors(self) -> list[RowResult]:
        return [row for row in self.rows if row.outcome == Outcome.ERROR]

    @property
    def changed(self) -> int:
        counts = self.counts
        return counts[Outcome.CREATE] + counts[Outcome.UPDATE]


# ---------------------------------------------------------------------------- mapping


def match_headers(headers: list[str], entity: Entity) -> dict[int, str]:
    """Column index → field, for each header that names a column of ``entity`` (first wins)."""
    by_header: dict[str, str] = {}
    for column in entity.bound_columns():
        for header in column.headers():
            by_header.setdefault(header_key(header), column.name)
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        name = by_header.get(header_key(header)) if header else None
        if name and name not in mapping.values():
            mapping[index] = name
    return mapping


def check_mapping(mapping: dict[int, str], entity: Entity, headers: list[str]) -> None:
    """Refuse a mapping that names unknown fields, maps a field twice or misses a required one."""
    columns = {column.name: column for column in entity.bound_columns()}
    problems = []
    for index, name in mapping.items():
        if name not in columns:
            problems.append(_("%(entity)s have no field “%(field)s”.") % {
                "entity": capfirst(entity.label), "field": name})  # fmt: skip
        if not 0 <= index < len(headers):
            problems.append(_("The file has no column %(number)s.") % {"number": index + 1})
    for name, count in Counter(mapping.values()).items():
        if count > 1:
            problems.append(_("Several columns are mapped to “%(field)s”.") % {"field": name})
    for column in columns.values():
        if column.required and column.name not in mapping.values():
            problems.append(
                _("The file has no column for the required field “%(header)s” (%(field)s).")
                % {"field": column.label_en, "header": column.label_zh}
            )
    if problems:
        raise MappingError(" ".join(problems))


# ---------------------------------------------------------------------------- importing


def run_import(
    table: Table,
    entity: Entity,
    *,
    mapping: dict[int, str] | None = None,
    user=None,
    commit: bool = False,
    valid_rows_only: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import ``table`` into ``entity``; write only if ``commit`` and the rows allow it.

    ``progress`` is called with each row's number. A ``ReadError`` met while reading rows (a
    broken line, too many rows) propagates after the transaction is rolled back. With a ``user``
    (a web import), a row that would write outside what the user may write is an error
    (``core.permissions``); without one (the command line) every row may be written.
    """
    mapping = dict(mapping) if mapping is not None else match_headers(table.headers, entity)
    check_mapping(mapping, entity, table.headers)
    importer = _RowImporter(entity, table.headers, mapping, user)
    results: list[RowResult] = []
    with change_context(user, Channel.IMPORT), transaction.atomic():
        with buffered_records() as importer.records:
            for row in table.rows:
                results.append(importer.import_row(row.number, row.cells))
                if len(importer.records) >= RECORD_BATCH:
                    importer.records.flush()
                if progress is not None:
                    progress(row.number)
        has_errors = any(result.outcome == Outcome.ERROR for result in results)
        committed = commit and (valid_rows_only or not has_errors)
        if not committed:
            transaction.set_rollback(True)
    return ImportResult(
        entity=entity,
        table=table,
        mapping=mapping,
        rows=results,
        committed=committed,
        dry_run=not commit,
        valid_rows_only=valid_rows_only,
    )


# Change records are written in batches of this many, between rows (memory stays bounded).
RECORD_BATCH = 2000


class _RowImporter:
    """The state of one import: columns, units, references and the keys seen so far."""

    def __init__(self, entity: Entity, headers: list[str], mapping: dict[int, str], user=None):
        self.entity = entity
        self.user = user
        columns = {column.name: column for column in entity.bound_columns()}
        # Labels in the language of the person importing (the run's active language); a
        # column without a header is named by the field it was mapped to.
        self.labels = {name: _label(column) for name, column in columns.items()}
        self.header_of = {name: headers[index] or self.labels[name]
                          for index, name in mapping.items()}  # fmt: skip
        # A contact is named within the row's organisation: read it last.
        self.cells: list[tuple[int, BoundColumn, str]] = sorted(
            ((index, columns[name], self.header_of[name]) for index, name in mapping.items()),
            key=lambda item: item[1].kind == Kind.CONTACT,
        )
        self.units = {index: header_unit(headers[index]) for index in mapping}
        self.fields = {name for name, column in columns.items() if column.field is not None}
        self.non_negative = non_negative_fields(entity.model)
        self.references = References(user)
        self.seen: dict[tuple, int] = {}
        self.records: RecordBuffer = RecordBuffer()

    def import_row(self, number: int, cells: list) -> RowResult:
        values, errors = self.read(cells)
        result = RowResult(number, Outcome.ERROR, label=self.describe(values), errors=errors)
        if errors:
            return result
        keys = self.entity.keys(values)
        if not keys:
            result.errors.append(CellError("", _("The row has nothing to identify it by.")))
            return result
        repeated = self.seen.get(_key_text(keys[0][0]))
        if repeated:
            result.errors.append(
                CellError("", _("The row repeats row %(number)s.") % {"number": repeated})
            )
            return result
        self.seen[_key_text(keys[0][0])] = number
        lookup, stored, note = self.find(keys)
        mark = self.records.mark()
        try:
            instance, outcome = self.write_checked(lookup, values, stored)
        except ValidationError as error:
            self.records.discard_since(mark)
            result.errors.extend(self.explain(error))
            return result
        except DatabaseError as error:
            self.records.discard_since(mark)
            result.errors.append(
                CellError("", _("The database refused the row: %(error)s") % {"error": error})
            )
            return result
        result.outcome = UPSERT_OUTCOMES[outcome]
        result.note = note
        # Imported figures are never verified by the import: it writes no verification, and a
        # changed figure clears one (``core.models.Verifiable``).
        result.unverified = getattr(instance, "verified_figure_fields", None) is not None and (
            instance.verified_at is None
        )
        if outcome == "updated":
            result.changes = [self.labels.get(n, n) for n in instance.upsert_changes]
        if outcome == "created" and self.entity.reference_kind:
            self.references.remember(self.entity.reference_kind, instance)
        return result

    def read(self, cells: list) -> tuple[dict, list[CellError]]:
        values: dict = {}
        errors: list[CellError] = []
        for index, column, header in self.cells:
            try:
                values[column.name] = read_cell(
                    column, cells[index], self.references, self.units[index], values
                )
            except ParseError as error:
                errors.append(CellError(header, str(error)))
                continue
            value = values[column.name]
            if column.required and value in (None, "", []):
                errors.append(CellError(header, _("This column is required: give a value.")))
            elif column.name in self.non_negative and value is not None and value < 0:
                errors.append(CellError(header, _("This amount cannot be negative.")))
        return values, errors

    def find(self, keys: list[tuple[dict, bool]]) -> tuple[dict, object, str]:
        """The stored row the file's row is about: its lookup, the row (``ABSENT``: a new one,
        to be created by the first key; None: let ``upsert`` decide) and a note when it was
        found by a fallback key. The lookup keeps the fields it was found by, so that their
        uniqueness is not checked again."""
        model = self.entity.model
        first_found = None
        for lookup, fallback in keys:
            found = list(model._default_manager.filter(**lookup).order_by()[:2])
            if first_found is None:
                first_found = len(found)
            if len(found) == 1:
                note = _("Matched by name and other fields, not by a code: check it.")
                return {"pk": found[0].pk, **lookup}, found[0], note if fallback else ""
        return keys[0][0], (ABSENT if first_found == 0 else None), ""

    def write_checked(self, lookup: dict, values: dict, stored) -> tuple[models.Model, str]:
        """Write the row, leaving the check constraints to the database (Django would check
        each with a query of its own, most of the import's time); when the database refuses
        the row, write it again with Django's checks, for the message that says why."""
        mark = self.records.mark()
        try:
            with transaction.atomic():
                return self.write(lookup, values, stored, check_constraints=False)
        except IntegrityError:
            # The first attempt may have changed ``stored`` in memory: fetch it again.
            self.records.discard_since(mark)
            with transaction.atomic():
                return self.write(lookup, values, None, check_constraints=True)

    def write(
        self, lookup: dict, values: dict, stored, check_constraints: bool
    ) -> tuple[models.Model, str]:
        many = {n: values[n] for n in self.entity.many_to_many if n in values}
        plain = {
            name: value
            for name, value in values.items()
            if name not in many and name not in lookup and name in self.fields
        }
        pending = {}
        if values.get("stage_date"):
            pending["pending_stage_change"] = {"date": values["stage_date"]}
        if self.user is not None:
            existing = stored
            if existing is None:
                existing = self.entity.model._default_manager.filter(**lookup).first()
            if existing not in (None, ABSENT):
                self.check_scope(existing, Action.CHANGE)
        instance, outcome = upsert(
            self.entity.model,
            lookup,
            plain,
            m2m=many,
            pending=pending,
            check_constraints=check_constraints,
            instance=stored,
        )
        # The values as written: a row cannot be moved or created out of the user's cities.
        self.check_scope(instance, Action.ADD if outcome == "created" else Action.CHANGE)
        return instance, outcome

    def check_scope(self, obj, action: str) -> None:
        """A ``ValidationError`` (rolled back with the row's savepoint) if the importing user may
        not write ``obj``; the command line (no user) may write any row."""
        if self.user is None or can(self.user, action, obj):
            return
        fields = city_of_paths(type(obj))
        if not can(self.user, action, type(obj)):
            message = _("You may not write %(model)s.") % {"model": obj._meta.verbose_name_plural}
        else:
            message = _("You may only write %(model)s of the cities you work for.") % {
                "model": obj._meta.verbose_name_plural
            }
        raise ValidationError({fields[0]: message} if fields else message)

    def explain(self, error: ValidationError) -> list[CellError]:
        """The model's errors, each under the column of its field (or the row's)."""
        errors = []
        for name, messages in error.message_dict.items():
            if name == NON_FIELD_ERRORS:
                column = ""
            else:
                column = self.header_of.get(name) or self.labels.get(name) or name
            errors.extend(CellError(column, message) for message in messages)
        return errors

    def describe(self, values: dict) -> str:
        for name in ("code", "credit_code", "name_zh", "title_zh", "name", "project", "indicator"):
            if values.get(name):
                return str(values[name])
        return ""


def _label(column: BoundColumn) -> str:
    label = column.field.verbose_name if column.field is not None else column.column.label
    return str(capfirst(label))


def _key_text(lookup: dict) -> tuple:
    return tuple(sorted((name, getattr(v, "pk", v)) for name, v in lookup.items()))
