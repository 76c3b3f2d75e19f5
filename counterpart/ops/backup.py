"""Backup and restore: the whole database in one versioned, checked archive that SQLite and
PostgreSQL both restore (why this format: docs/decisions/0007-backup-format.md).

A backup is a zip archive of two members:

- ``data.jsonl``: for each table, a header line ``{"model": "geo.region", "fields": [...]}``
  (the columns' attribute names), then one JSON array per row in primary-key order. Decimals,
  dates, times, UUIDs and durations are strings, binary values base64, JSON fields JSON.
- ``manifest.json``: format and version, the database's applied migrations, each table's
  columns and row count, and data.jsonl's SHA-256 and size.

Every table of every installed app is in it (users, change records, press documents, the
many-to-many tables, content types and permissions, whose ids the change records use) except
sessions; the cache table is no model. Rows are read in one transaction (a snapshot, on
PostgreSQL REPEATABLE READ) and streamed, so memory does not grow with the database. A
restore checks the archive first, then, in one transaction, empties the tables, inserts the
rows as they were (plain INSERTs: no signal, so no change record is written, and timestamps
are kept), checks the counts and resets PostgreSQL's sequences; any error rolls everything
back.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import os
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_iso_string

from counterpart.core import ledger

FORMAT = "counterpart-backup"
VERSION = 1
MANIFEST_NAME = "manifest.json"
DATA_NAME = "data.jsonl"
# Sessions are transient (and belong to whoever was logged in to the database backed up).
EXCLUDED = frozenset({"sessions.session"})
# Rows that ``migrate`` creates in a new database; an "empty" database may hold them.
CREATED_BY_MIGRATE = frozenset({"contenttypes.contenttype", "auth.permission"})
BATCH_ROWS = 1000  # rows sent to the database at once on restore
READ_CHUNK = 2000  # rows fetched at once on backup
PROGRESS_EVERY = 50_000  # rows between two progress reports within a table

Progress = Callable[[str, int, int | None], None]  # (model label, rows done, rows in all)


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says what is wrong."""


# ---------------------------------------------------------------------------- what is saved


def backed_up_models() -> list[type[models.Model]]:
    """Every table the backup holds: concrete models with a table of their own, including the
    many-to-many tables Django creates, in the apps' order."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in EXCLUDED
    ]


def table_fields(model: type[models.Model]) -> list[models.Field]:
    """The columns of the model's own table (generated columns are computed, not saved)."""
    return [f for f in model._meta.local_concrete_fields if not getattr(f, "generated", False)]


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """``{app label: [migration names]}`` applied to the database, for the installed apps."""
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return {}
    installed = {config.label for config in apps.get_app_configs()}
    applied: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        if app in installed:
            applied.setdefault(app, []).append(name)
    return applied


def encode(value: Any) -> Any:
    """A column's Python value as JSON (``field.to_python`` turns it back)."""
    if value is None or isinstance(value, bool | int | float | str | dict | list):
        return value
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()  # full microseconds, unlike DjangoJSONEncoder
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise BackupError(f"cannot save a value of type {type(value).__name__}")


def decoder(field: models.Field) -> Callable[[Any], Any]:
    """The inverse of ``encode()`` for one column."""
    if isinstance(field, models.JSONField):
        return lambda value: value
    return lambda value: None if value is None else field.to_python(value)


def _line(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


# ---------------------------------------------------------------------------- backup


def write_backup(
    path: Path, progress: Progress | None = None, using: str = DEFAULT_DB_ALIAS
) -> dict:
    """Write the database to a new archive at ``path`` and return its manifest.

    The archive is written beside ``path`` under a temporary name and renamed when complete,
    so that ``path`` is never a partial backup.
    """
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists: choose another name or remove it first")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} is not a directory")
    partial = path.with_name(f".{path.name}.partial")
    connection = connections[using]
    try:
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=using):
            if outermost and connection.vendor == "postgresql":
                # One snapshot for every table: rows written meanwhile are all in or all out.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            manifest = _write_archive(partial, connection, progress)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def _write_archive(partial: Path, connection, progress: Progress | None) -> dict:
    digest = hashlib.sha256()
    size = 0
    tables = []
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        member = zipfile.ZipInfo(DATA_NAME, date_time=time.localtime()[:6])
        member.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(member, "w", force_zip64=True) as data:

            def write(item: Any) -> None:
                nonlocal size
                line = _line(item)
                digest.update(line)
                size += len(line)
                data.write(line)

            for model in backed_up_models():
                label = model._meta.label_lower
                attnames = [f.attname for f in table_fields(model)]
                write({"model": label, "fields": attnames})
                rows = (
                    model._base_manager.using(connection.alias)
                    .order_by("pk")
                    .values_list(*attnames)
                    .iterator(chunk_size=READ_CHUNK)
                )
                count = 0
                for row in rows:
                    write([encode(value) for value in row])
                    count += 1
                    if progress and count % PROGRESS_EVERY == 0:
                        progress(label, count, None)
                if progress:
                    progress(label, count, count)
                tables.append({"model": label, "fields": attnames, "rows": count})
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "counterpart_version": _counterpart_version(),
            "django_version": django.get_version(),
            "database_vendor": connection.vendor,
            "migrations": applied_migrations(connection.alias),
            "models": tables,
            "data": {"name": DATA_NAME, "sha256": digest.hexdigest(), "bytes": size},
        }
        zf.writestr(MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def _counterpart_version() -> str:
    try:
        return metadata.version("counterpart")
    except metadata.PackageNotFoundError:
        return "unknown"


# ---------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Archive:
    """A backup file whose manifest has been read and found well-formed."""

    path: Path
    manifest: dict

    @property
    def total_rows(self) -> int:
        return sum(table["rows"] for table in self.manifest["models"])

    def lines(self) -> Iterator[bytes]:
        """data.jsonl, line by line."""
        with zipfile.ZipFile(self.path) as zf, zf.open(DATA_NAME) as data:
            yield from data


def open_archive(path: Path) -> Archive:
    """Read and check the manifest of the backup at ``path``."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: " + ("not a file" if path.exists() else "no such file"))
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if MANIFEST_NAME not in names or DATA_NAME not in names:
                raise BackupError(
                    f"{path} is not a Counterpart backup: it lacks {MANIFEST_NAME} or {DATA_NAME}"
                )
            raw = zf.read(MANIFEST_NAME)
    except zipfile.BadZipFile:
        raise BackupError(f"{path} is not a Counterpart backup (not a zip archive)") from None
    try:
        manifest = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{path}: {MANIFEST_NAME} is not JSON ({error})") from None
    _check_manifest(path, manifest)
    return Archive(path, manifest)


def _check_manifest(path: Path, manifest: Any) -> None:
    def fail(what: str) -> BackupError:
        return BackupError(f"{path}: {MANIFEST_NAME}: {what}")

    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise fail(f"not a Counterpart backup (format is not {FORMAT!r})")
    version = manifest.get("version")
    if version != VERSION:
        raise fail(
            f"format version {version!r}; this version of Counterpart reads version {VERSION} "
            "only (restore with the version that made the backup)"
        )
    migrations = manifest.get("migrations")
    if not isinstance(migrations, dict) or not all(
        isinstance(app, str) and isinstance(names, list) and all(isinstance(n, str) for n in names)
        for app, names in migrations.items()
    ):
        raise fail("'migrations' must map app labels to lists of migration names")
    tables = manifest.get("models")
    if not isinstance(tables, list) or not tables:
        raise fail("'models' must be a non-empty list")
    seen = set()
    for number, table in enumerate(tables, 1):
        if not (
            isinstance(table, dict)
            and isinstance(table.get("model"), str)
            and isinstance(table.get("fields"), list)
            and all(isinstance(name, str) for name in table["fields"])
            and isinstance(table.get("rows"), int)
            and not isinstance(table.get("rows"), bool)
            and table["rows"] >= 0
        ):
            raise fail(f"entry {number} of 'models' needs a model, its fields and a row count")
        if table["model"] in seen:
            raise fail(f"{table['model']} is listed twice")
        seen.add(table["model"])
    data = manifest.get("data")
    if not (
        isinstance(data, dict)
        and isinstance(data.get("sha256"), str)
        and isinstance(data.get("bytes"), int)
    ):
        raise fail("'data' must give the SHA-256 and the size of data.jsonl")


def verify_checksum(archive: Archive) -> None:
    """Read data.jsonl through and compare its SHA-256 and size with the manifest's."""
    digest = hashlib.sha256()
    size = 0
    try:
        with zipfile.ZipFile(archive.path) as zf, zf.open(DATA_NAME) as data:
            while chunk := data.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise BackupError(f"{archive.path} is damaged: {error}") from None
    expected = archive.manifest["data"]
    if digest.hexdigest() != expected["sha256"] or size != expected["bytes"]:
        raise BackupError(
            f"{archive.path}: the checksum of {DATA_NAME} is not the one its manifest records: "
            "the file is damaged or was changed"
        )


# ---------------------------------------------------------------------------- restore


def check_migrations(archive: Archive, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse a database whose applied migrations are not the backup's."""
    archived = {
        (app, name) for app, names in archive.manifest["migrations"].items() for name in names
    }
    current = {(app, name) for app, names in applied_migrations(using).items() for name in names}
    if archived == current:
        return
    problems = []
    if lacking := sorted(archived - current):
        problems.append(
            f"this database lacks {len(lacking)} migration(s) of the backup ({_names(lacking)}): "
            "run `counterpart migrate` with the version of Counterpart that made the backup"
        )
    if extra := sorted(current - archived):
        problems.append(
            f"the backup lacks {len(extra)} migration(s) applied here ({_names(extra)}): restore "
            "into a database of the version that made the backup, then upgrade and migrate"
        )
    raise BackupError("The database's schema is not the backup's: " + "; ".join(problems))


def _names(pairs: list[tuple[str, str]], shown: int = 5) -> str:
    names = ", ".join(f"{app}.{name}" for app, name in pairs[:shown])
    return names + (f" and {len(pairs) - shown} more" if len(pairs) > shown else "")


def check_tables(archive: Archive) -> list[tuple[type[models.Model], list[models.Field]]]:
    """Each of the backup's tables with its model and columns, in the backup's order; refuse
    tables or columns that this version of Counterpart does not have, or lacks."""
    models_by_label = {model._meta.label_lower: model for model in backed_up_models()}
    archived = [table["model"] for table in archive.manifest["models"]]
    if unknown := sorted(set(archived) - set(models_by_label)):
        raise BackupError(f"The backup holds tables this database has not: {', '.join(unknown)}")
    if missing := sorted(set(models_by_label) - set(archived)):
        raise BackupError(f"The backup lacks tables this database has: {', '.join(missing)}")
    result = []
    for table in archive.manifest["models"]:
        model = models_by_label[table["model"]]
        fields = table_fields(model)
        if [f.attname for f in fields] != table["fields"]:
            raise BackupError(
                f"{table['model']}: the backup's columns ({', '.join(table['fields'])}) are not "
                f"this database's ({', '.join(f.attname for f in fields)})"
            )
        result.append((model, fields))
    return result


def occupied_tables(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """``{model label: rows}`` of the tables that hold rows, leaving out those ``migrate``
    fills in a new database."""
    occupied = {}
    for model in backed_up_models():
        label = model._meta.label_lower
        if label not in CREATED_BY_MIGRATE and model._base_manager.using(using).exists():
            occupied[label] = model._base_manager.using(using).count()
    return occupied


def restore_backup(
    archive: Archive,
    replace: bool = False,
    progress: Progress | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> dict[str, int]:
    """Put the backup's rows in the database, all or nothing, and return rows per table.

    Refuses (``BackupError``, nothing written) a database with other migrations, a damaged
    archive, and, unless ``replace``, a database that holds data.
    """
    check_migrations(archive, using)
    tables = check_tables(archive)
    verify_checksum(archive)
    occupied = occupied_tables(using)
    if occupied and not replace:
        listed = ", ".join(f"{label} ({rows} rows)" for label, rows in list(occupied.items())[:5])
        more = f" and {len(occupied) - 5} more tables" if len(occupied) > 5 else ""
        raise BackupError(
            f"The database is not empty: {listed}{more}. A restore replaces everything in it: "
            "say so with --yes"
        )
    connection = connections[using]
    with transaction.atomic(using=using):
        ledger.touch(using)  # every cached figure is stale once the restored rows commit
        _empty_tables(connection, [model for model, _fields in tables])
        counts = _load_rows(archive, tables, connection, progress)
        for model, _fields in tables:
            label = model._meta.label_lower
            stored = model._base_manager.using(using).count()
            if stored != counts[label]:
                raise BackupError(f"{label}: {counts[label]} rows restored, {stored} stored")
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(
                no_style(), [model for model, _fields in tables]
            ):
                cursor.execute(sql)
    ContentType.objects.clear_cache()
    return counts


def _empty_tables(connection, backed_up: list[type[models.Model]]) -> None:
    """Delete every row of the backed-up tables and the sessions (which belong to the users
    of the data being replaced). Foreign keys are checked at commit, when the rows are back."""
    tables = [model._meta.db_table for model in backed_up]
    if apps.is_installed("django.contrib.sessions"):
        tables.append(apps.get_model("sessions", "Session")._meta.db_table)
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=False)
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with foreign-key checks still pending in this transaction
        # (rows written earlier in it): check them now, then defer again for the load.
        statements = ["SET CONSTRAINTS ALL IMMEDIATE", *statements, "SET CONSTRAINTS ALL DEFERRED"]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def column_writer(field: models.Field, connection) -> Callable[[Any], Any]:
    """A saved value as the parameter the database takes for the column: ``decoder()``, then
    the field's own preparation for saving (what a raw ``save()`` would send)."""
    decode = decoder(field)
    return lambda value: (
        None if value is None else field.get_db_prep_save(decode(value), connection)
    )


class _TableLoader:
    """The rows of one table, inserted a batch at a time with one statement built once.

    Not ``QuerySet.bulk_create``: it would set ``auto_now`` timestamps anew. Not the model
    layer's raw insert either: it builds a model instance per row and compiles the SQL for
    every batch, which took most of a large restore's time.
    """

    def __init__(self, model: type[models.Model], fields: list[models.Field], connection):
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
        self.label = model._meta.label_lower
        self.writers = [column_writer(f, connection) for f in fields]
        self.connection = connection
        self.batch: list[list] = []
        self.count = 0

    def add(self, number: int, row: Any) -> None:
        if not isinstance(row, list) or len(row) != len(self.writers):
            raise BackupError(
                f"{DATA_NAME} line {number}: not a row of {self.label}'s {len(self.writers)} values"
            )
        try:
            self.batch.append([write(v) for write, v in zip(self.writers, row, strict=True)])
        except Exception as error:  # to_python's ValidationError, binascii.Error, …
            raise BackupError(f"{DATA_NAME} line {number} ({self.label}): {error}") from None
        self.count += 1
        if len(self.batch) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        try:
            with self.connection.cursor() as cursor:
                cursor.executemany(self.sql, self.batch)
        except DatabaseError as error:
            raise BackupError(f"{self.label}: the database refused a row: {error}") from None
        self.batch.clear()
        self.connection.queries_log.clear()  # under DEBUG every statement would be kept


def _load_rows(
    archive: Archive,
    tables: list[tuple[type[models.Model], list[models.Field]]],
    connection,
    progress: Progress | None,
) -> dict[str, int]:
    """Insert data.jsonl's rows, checking that its tables and rows are the manifest's."""
    expected = iter(zip(tables, archive.manifest["models"], strict=True))
    counts: dict[str, int] = {}
    loader: _TableLoader | None = None
    total = 0

    def finish_table() -> None:
        loader.flush()
        if loader.count != total:
            raise BackupError(
                f"{loader.label}: {loader.count} rows in {DATA_NAME}, {total} in the manifest"
            )
        counts[loader.label] = loader.count
        if progress:
            progress(loader.label, loader.count, total)

    for number, line in enumerate(archive.lines(), 1):
        try:
            item = json.loads(line)
        except ValueError:
            raise BackupError(f"{DATA_NAME} line {number} is not JSON") from None
        if isinstance(item, dict):
            if loader is not None:
                finish_table()
            try:
                (model, fields), table = next(expected)
            except StopIteration:
                raise BackupError(
                    f"{DATA_NAME} line {number}: a table the manifest lacks"
                ) from None
            if item != {"model": table["model"], "fields": table["fields"]}:
                raise BackupError(f"{DATA_NAME} line {number}: expected the table {table['model']}")
            loader = _TableLoader(model, fields, connection)
            total = table["rows"]
            continue
        if loader is None:
            raise BackupError(f"{DATA_NAME} line {number}: a row before any table")
        loader.add(number, item)
        if progress and loader.count % PROGRESS_EVERY == 0:
            progress(loader.label, loader.count, total)
    if loader is not None:
        finish_table()
    if len(counts) != len(tables):
        raise BackupError(f"{DATA_NAME} ends before all the manifest's tables")
    return counts
