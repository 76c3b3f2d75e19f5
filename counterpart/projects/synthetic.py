"""Synthetic volume data for benchmarks: projects, their stage history, events, follow-ups and
funds in place.

What is generated, and why it is written the way it is:

* **Set-based.** The projects and the rows that hang off them (stage history, industry and
  investor links) are computed by the database itself, ``INSERT … SELECT`` over a sequence of
  row numbers, a chunk of ``CHUNK`` projects at a time; Python only plans. One statement
  (``draw_chunk_sql``) draws every value of a chunk's projects into the TEMP table
  ``syn_chunk``: hashes of the row number pick slots 0 … 99 of the percentage tables
  (stage, status, project type, category), indexes into the names, reasons, source regions
  and industries, and one of 1,000 quantiles of the contract value's log-normal
  distribution; what a slot or index stands for is a small ``CASE`` tree written into the
  statement (``lookup_sql``, several times faster than joining lookup tables). The stage
  dates are day offsets from EPOCH turned into dates by the database (``date(julian day)``
  on SQLite, ``DATE + integer`` on PostgreSQL). The projects, stage changes (one per row of
  the TEMP table ``syn_stage`` up to the project's stage) and links are then each one
  ``INSERT … SELECT`` from ``syn_chunk``. This is about 2.5 times as fast as building the
  rows in Python and sending them with ``executemany``: 200,000 projects take about 4 s on
  SQLite, most of it SQLite maintaining the tables' indexes and committing. ``Dialect``
  holds the few spellings that differ (the sequence: a recursive CTE on SQLite,
  ``generate_series`` on PostgreSQL), so both databases run the same statements and give the
  same rows for a seed. The investor organisations (one per about 50 projects) and the
  events (at most MAX_EVENTS) are few and built in Python.
* **Follow-ups and funds in place: built in Python, streamed in bulk.** They are drawn per
  chunk of projects from ``random.Random`` streams (``follow_up_rows``, ``funds_rows`` are
  generators) and written as they are drawn: on PostgreSQL with ``COPY … FROM STDIN``
  (``CopyWriter``, psycopg 3's ``Copy.write_row``), elsewhere with ``executemany`` in
  batches of ``BATCH`` (``TableWriter``), so memory stays bounded by one chunk's projects
  whatever the number of rows. Measured on PostgreSQL 15 (100,000 projects, 500,000
  follow-ups, 200,000 funds rows, a loaded 2-CPU machine): COPY wrote the follow-ups in
  16 s and the funds in 7 s, ``executemany`` in 62 s and 29 s; drawing the rows in Python
  is under 2 s of the 16 (measured by writing nowhere); the rest is the server taking the
  rows in, writing them and maintaining six indexes (COPY into an unindexed copy of the table
  took 60 % of the time). A set-based ``INSERT … SELECT`` would save the drawing and the
  transfer, not the writing, and funds rows would have to stay unique per project and month
  without the set of those seen that the Python draw keeps, so COPY is kept. On SQLite a
  set-based version would save more (``executemany`` is about 40,000 rows/s there): not
  done yet.
* **Events and signings.** ``--events N`` draws N events (``plan_events``: kinds by share,
  one to three days, spread evenly over FIRST_SIGNING … AS_OF, numbered in date order),
  written before the projects. A signed project is signed at an event only if one covers its
  signing date (``Project.clean()`` requires the signing date within the event's dates):
  the TEMP tables ``syn_event_day`` and ``syn_event_slot`` give each covered day its events'
  signing slots (a weight per kind, times a size drawn per event, so a few conferences and
  ceremonies take most signings), and the project insert draws ``signed_event`` by slot and
  ``signed_on_site`` (``signed_event_sql``). Only those two fields depend on the events: the
  rest of every project is the same with or without them. At 20,000 events over eight years
  nearly every day is covered, so about AT_EVENT_PERCENT of the signed projects are signed at
  an event, tens per event on average and many more at the big ones.
* **Deterministic.** A project's values depend only on the seed and its row number ``n``:
  each draw is an integer hash of ``n`` (see ``Draws``: a Weyl sequence state offset per
  draw, mixed by multiplying its halves, scaled to 0 … m - 1 from the high bits), computed
  with 64-bit integer arithmetic that SQLite and PostgreSQL evaluate alike. Events,
  follow-ups and funds come from ``random.Random`` streams seeded with the seed, so asking
  for them does not change the projects (events only their signing event). Dates are laid
  out before the fixed day ``AS_OF``, not before today, so a seed gives the same rows on any
  day. Reference data is picked by index into lists ordered by code, so the same regions and
  industries are chosen in any database that holds the same codes (checked: a seed gave the
  same rows on SQLite and PostgreSQL).
* **Recognisable.** Projects are coded ``SYN-{seed}-{n:07d}``, events ``SYN-{seed}-E{k:06d}``;
  the investor organisations the signed projects need are named ``SYN-{seed}-O{k:06d} …``.
  Every row is ``is_sample=True``. ``delete_seed`` removes exactly the rows of one seed
  (projects and what hangs off them, then organisations, then events, which the projects
  refer to).
* **Valid.** Each project and event passes ``full_clean()``: signed and later projects have an
  investor, a destination, a contract value (a multiple of 10,000 yuan) and a signing date;
  started and operating ones have the dates of those stages, in order, on or before ``AS_OF``;
  a project that is not active says why. No capital increases are generated (they must extend
  another project). Stage history is one ``StageChange`` per stage reached, dated in ascending
  order, the last one on the date the project's own fields give for its stage. Signed
  figures and funds in place are written verified (at the time of generation), as the sample
  is, so that official reports count them (decision 0009).
* **Foreign keys checked once.** SQLite's enforcement is off for the load
  (``sqlite_bulk_settings``) and on PostgreSQL the deferred per-row checks are skipped when
  the user may (``skip_foreign_key_triggers``); ``check_references`` checks and locks the
  reference rows instead (decision 0010).
* **Bypassing the model.** ``Model.save()`` (which writes the stage history one row at a
  time) and the change-logging signals are bypassed on purpose. Projects, organisations and
  events get explicit primary keys from a reserved range (``reserve_ids``) so that the child rows
  can refer to them without reading them back.
* **Logged once.** Instead of one change record per row, each generation writes one summary
  ``ChangeRecord`` (and a ``--replace`` deletion another); see ``record_summary``.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
import math
import random
import statistics
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from counterpart.core import ledger
from counterpart.core.changelog import write_record
from counterpart.core.choices import ChangeAction, MoneyBasis
from counterpart.core.models import ChangeRecord
from counterpart.events.models import Event, EventKind
from counterpart.geo.models import Region, RegionLevel
from counterpart.industries.models import Industry
from counterpart.organizations.models import Organization, OrganizationKind

from .choices import FollowUpKind, ProjectCategory, ProjectStatus, ProjectType, Stage
from .models import FollowUp, FundsInPlace, Project, StageChange

MAX_PROJECTS = 10_000_000
MAX_EXTRA_ROWS = 10_000_000  # follow-ups or funds rows
CHUNK = 100_000  # rows generated, written and reported at a time
BATCH = 50_000  # rows per executemany
MAX_EVENTS = 100_000
INDUSTRY_TAXONOMY = "hlj-4567"
HOME_PROVINCE_PREFIX = "23"  # Heilongjiang
PARTNER_PROVINCE_PREFIX = "44"  # Guangdong

AS_OF = datetime.date(2025, 12, 31)  # the "today" of the synthetic world
FIRST_SIGNING = datetime.date(2018, 1, 1)
FIRST_OPEN_LEAD = datetime.date(2021, 1, 1)  # leads still at lead or negotiating start here
EPOCH = datetime.date(2016, 1, 1)  # day 0 of the day offsets used below
MAX_DUE_AHEAD = 120  # days after AS_OF a next action can be due

STAGES: tuple[str, ...] = tuple(s.value for s in Stage)  # lead … operating, in order
SIGNED = STAGES.index(Stage.SIGNED)
STARTED = STAGES.index(Stage.STARTED)
OPERATING = STAGES.index(Stage.OPERATING)

# Distributions in percent; each becomes a list of 100 slots (see Lookups).
STAGE_PERCENT = {0: 40, 1: 25, SIGNED: 15, STARTED: 12, OPERATING: 8}
STATUS_PERCENT = {
    ProjectStatus.ACTIVE.value: 85,
    ProjectStatus.DELAYED.value: 7,
    ProjectStatus.DORMANT.value: 5,
    ProjectStatus.DROPPED.value: 3,
}
STATUS_REASONS: dict[str, tuple[str, ...]] = {
    ProjectStatus.ACTIVE.value: (),
    ProjectStatus.DELAYED.value: ("用地审批延后", "融资未到位", "设备采购周期延长"),
    ProjectStatus.DORMANT.value: ("投资方暂缓决策", "连续六个月无对接"),
    ProjectStatus.DROPPED.value: ("投资方战略调整", "选址改在省外", "市场条件变化"),
}
TYPE_PERCENT = {  # no capital increases: they must extend an existing project
    ProjectType.NEW.value: 85,
    ProjectType.EXPANSION.value: 8,
    ProjectType.RELOCATION.value: 4,
    ProjectType.JOINT_VENTURE.value: 3,
}
CATEGORY_PERCENT = {
    ProjectCategory.INDUSTRIAL.value: 45,
    ProjectCategory.SERVICE.value: 20,
    ProjectCategory.AGRICULTURAL.value: 12,
    ProjectCategory.INFRASTRUCTURE.value: 8,
    ProjectCategory.TOURISM.value: 8,
    ProjectCategory.TRADE.value: 7,
}
PARTNER_SHARE = 0.5  # of projects whose capital comes from a Guangdong city
PRODUCTS: dict[str, tuple[tuple[str, str], ...]] = {
    ProjectCategory.INDUSTRIAL: (
        ("新能源电池", "new-energy battery"),
        ("汽车零部件", "auto parts"),
        ("生物医药", "biopharmaceutical"),
        ("石墨新材料", "graphite materials"),
        ("高端装备制造", "high-end equipment"),
        ("电子信息", "electronics"),
    ),
    ProjectCategory.SERVICE: (
        ("数字经济", "digital economy"),
        ("软件服务外包", "software outsourcing"),
        ("金融服务", "financial services"),
        ("商贸服务", "commercial services"),
    ),
    ProjectCategory.AGRICULTURAL: (
        ("绿色大米", "green rice"),
        ("大豆精深加工", "soybean processing"),
        ("乳制品", "dairy"),
        ("寒地黑土农业", "black-soil farming"),
    ),
    ProjectCategory.INFRASTRUCTURE: (
        ("光伏电站", "solar power"),
        ("风电", "wind power"),
        ("冷链物流园", "cold-chain logistics park"),
    ),
    ProjectCategory.TOURISM: (
        ("冰雪旅游", "ice-and-snow tourism"),
        ("康养旅居", "wellness tourism"),
        ("森林生态旅游", "forest eco-tourism"),
    ),
    ProjectCategory.TRADE: (
        ("对俄贸易", "Russia trade"),
        ("跨境电商", "cross-border e-commerce"),
        ("进出口加工", "import-export processing"),
    ),
}
SUFFIXES = (("项目", "project"), ("生产基地项目", "production base"), ("二期项目", "phase II"))
COMPANY_WORDS = (
    ("实业", "Industrial"),
    ("科技", "Technology"),
    ("投资", "Investment"),
    ("新能源", "New Energy"),
    ("控股", "Holdings"),
)
FOLLOW_UP_KINDS = tuple(k.value for k in FollowUpKind)
FOLLOW_UP_SUMMARIES = (
    "与投资方沟通项目进展",
    "协调用地和规划手续",
    "对接融资需求",
    "陪同投资方实地考察",
    "研究政策支持事项",
)
NEXT_ACTIONS = ("报送项目推进情况", "组织专题协调会", "跟进合同条款", "协调要素保障")

CONTRACT_MU = math.log(20_000)  # median 20,000 × 10,000 yuan = 200 million yuan
CONTRACT_SIGMA = 1.2
CONTRACT_QUANTILES = 1_000

ProgressCallback = Callable[[str, int, int], None]  # (what, rows so far, rows asked for)


class GenerationError(Exception):
    """The generation cannot run (missing reference data, existing rows of the seed …)."""


def code_prefix(seed: int) -> str:
    """What every synthetic project code and organisation name of ``seed`` starts with."""
    return f"SYN-{seed}-"


def percent_table(percent: dict[Any, int]) -> tuple:
    """100 entries, each value repeated its percentage: a uniform slot 0 … 99 draws."""
    table = tuple(value for value, share in percent.items() for _ in range(share))
    if len(table) != 100:
        raise ValueError(f"Percentages add up to {len(table)}, not 100.")
    return table


STAGE_TABLE = percent_table(STAGE_PERCENT)
STATUS_TABLE = percent_table(STATUS_PERCENT)
TYPE_TABLE = percent_table(TYPE_PERCENT)
CATEGORY_TABLE = percent_table(CATEGORY_PERCENT)


def _day(date: datetime.date) -> int:
    return (date - EPOCH).days


AS_OF_DAY = _day(AS_OF)
FIRST_SIGNING_DAY = _day(FIRST_SIGNING)
FIRST_OPEN_LEAD_DAY = _day(FIRST_OPEN_LEAD)


# --- reference data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    id: int
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class RefData:
    """The reference rows generation draws from, each list ordered by code."""

    destinations: list[Place]  # Heilongjiang prefectures
    sources: list[Place]  # other provinces, then Guangdong prefectures
    partner_cities: int  # how many of ``sources`` (at the end) are Guangdong prefectures
    industries: list[int]  # leaves of the hlj-4567 taxonomy, possibly none


def _places(queryset: models.QuerySet) -> list[Place]:
    return [
        Place(pk, short or name, name_en or name)
        for pk, name, short, name_en in queryset.order_by("code").values_list(
            "pk", "name_zh", "short_name_zh", "name_en"
        )
    ]


def load_refdata() -> RefData:
    """The regions and industries to draw from; GenerationError if the regions are missing."""
    prefectures = Region.objects.filter(level=RegionLevel.PREFECTURE)
    destinations = _places(prefectures.filter(code__startswith=HOME_PROVINCE_PREFIX))
    partner_cities = _places(prefectures.filter(code__startswith=PARTNER_PROVINCE_PREFIX))
    provinces = Region.objects.filter(level=RegionLevel.PROVINCE).exclude(
        code__startswith=HOME_PROVINCE_PREFIX
    )
    if partner_cities:  # Guangdong's capital is counted by its cities
        provinces = provinces.exclude(code__startswith=PARTNER_PROVINCE_PREFIX)
    sources = _places(provinces) + partner_cities
    if not destinations or not sources:
        raise GenerationError(
            "No Heilongjiang prefectures or no source provinces in the database: "
            "run `counterpart load-refdata` first."
        )
    industries = list(
        Industry.objects.filter(taxonomy__code=INDUSTRY_TAXONOMY, children__isnull=True)
        .order_by("code")
        .values_list("pk", flat=True)
    )
    return RefData(destinations, sources, len(partner_cities), industries)


# --- writing rows -----------------------------------------------------------------------------


def fixed_fields(
    model: type[models.Model],
    given: Sequence[str],
    constants: dict[str, Any] | None = None,
    now: datetime.datetime | None = None,
) -> list[tuple[str, Any]]:
    """(column, value in database form) of every concrete field of ``model`` not in ``given``.

    ``constants`` give values for some of them; ``auto_now``/``auto_now_add`` fields get
    ``now``; every other field its default. An automatic primary key is left out.
    """
    constants = constants or {}
    now = now or timezone.now()
    values = []
    for f in model._meta.concrete_fields:
        if f.name in given or (f.primary_key and f.name not in constants):
            continue
        if f.name in constants:
            value = constants[f.name]
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = now
        else:
            value = f.get_default()
        values.append((f.column, f.get_db_prep_save(value, connection)))
    return values


def fixed_values(
    model: type[models.Model],
    given: Sequence[str],
    constants: dict[str, Any] | None = None,
    now: datetime.datetime | None = None,
) -> list[tuple[str, str]]:
    """``fixed_fields`` as SQL literals, quoted by the schema editor: written into the
    statement, not bound."""
    quote_value = connection.schema_editor().quote_value
    return [
        (column, quote_value(value)) for column, value in fixed_fields(model, given, constants, now)
    ]


def insert_select(
    model: type[models.Model],
    values: dict[str, str],
    tail: str,
    constants: dict[str, Any] | None = None,
    now: datetime.datetime | None = None,
) -> str:
    """``INSERT INTO`` the table of ``model`` ``SELECT`` the SQL expressions ``values`` (by
    field name), the fixed values of the other fields (``fixed_values``), then ``tail`` (the
    FROM clause and the rest). Run it without parameters: "%" is not escaped."""
    meta = model._meta
    quote = connection.ops.quote_name
    columns = [(meta.get_field(name).column, sql) for name, sql in values.items()]
    columns += fixed_values(model, list(values), constants, now)
    names = ", ".join(quote(column) for column, _ in columns)
    selected = ", ".join(sql for _, sql in columns)
    return f"INSERT INTO {quote(meta.db_table)} ({names}) SELECT {selected} {tail}"


def column_list(
    model: type[models.Model], fields: Sequence[str], fixed: Sequence[tuple[str, Any]]
) -> tuple[str, str]:
    """The quoted table and column list of a writer: the given fields, then the fixed ones."""
    meta = model._meta
    quote = connection.ops.quote_name
    given = [meta.get_field(name).column for name in fields]
    columns = ", ".join(quote(column) for column in given + [c for c, _ in fixed])
    return quote(meta.db_table), columns


class TableWriter:
    """Inserts plain tuples into a model's table with one ``executemany`` per batch.

    ``fields`` name the columns each row gives, in order; the other fields get fixed values
    (``fixed_values``), written into the statement as SQL literals, which is a quarter faster
    on SQLite than binding them on every row. Values in the rows must already be in database
    form (see ``day_values`` for dates). The rows may be an iterator: they are taken
    ``BATCH`` at a time, so memory stays bounded however many there are.
    """

    def __init__(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        constants: dict[str, Any] | None = None,
        now: datetime.datetime | None = None,
    ) -> None:
        fixed = fixed_values(model, fields, constants, now)
        table, columns = column_list(model, fields, fixed)
        # "%" would be taken for a placeholder by the cursor wrapper.
        literals = [literal.replace("%", "%%") for _, literal in fixed]
        values = ", ".join(["%s"] * len(fields) + literals)
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({values})"
        self.model = model

    def write(self, cursor, rows: Iterable[tuple]) -> int:
        written = 0
        rows = iter(rows)
        while batch := list(itertools.islice(rows, BATCH)):
            cursor.executemany(self.sql, batch)
            written += len(batch)
        return written


class CopyWriter:
    """PostgreSQL: streams plain tuples into a model's table with ``COPY … FROM STDIN``.

    Like ``TableWriter``, but COPY takes no literals, so the fixed values of the other fields
    (``fixed_fields``) are appended to every row. psycopg 3 sends the rows as they come
    (``Copy.write_row``), so memory stays bounded. About three times as fast as
    ``executemany`` on PostgreSQL (see the module docstring).
    """

    def __init__(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        constants: dict[str, Any] | None = None,
        now: datetime.datetime | None = None,
    ) -> None:
        fixed = fixed_fields(model, fields, constants, now)
        table, columns = column_list(model, fields, fixed)
        self.sql = f"COPY {table} ({columns}) FROM STDIN"
        self.fixed = tuple(value for _, value in fixed)
        self.model = model

    def write(self, cursor, rows: Iterable[tuple]) -> int:
        written = 0
        fixed = self.fixed
        # The psycopg cursor under Django's wrapper: Django has no COPY of its own.
        with cursor.cursor.copy(self.sql) as copy:
            for row in rows:
                copy.write_row(row + fixed)
                written += 1
        return written


def bulk_writer(
    model: type[models.Model],
    fields: Sequence[str],
    constants: dict[str, Any] | None = None,
    now: datetime.datetime | None = None,
) -> TableWriter | CopyWriter:
    """The fastest writer of Python-built rows the database has: COPY on PostgreSQL,
    ``executemany`` in batches elsewhere."""
    if connection.vendor == "postgresql":
        return CopyWriter(model, fields, constants, now)
    return TableWriter(model, fields, constants, now)


def day_values(last_day: int) -> list:
    """Day offsets 0 … ``last_day`` from EPOCH as dates in the form the database takes."""
    adapt = connection.ops.adapt_datefield_value
    return [adapt(EPOCH + datetime.timedelta(days=offset)) for offset in range(last_day + 1)]


@contextlib.contextmanager
def sqlite_bulk_settings(kibibytes: int = 256 * 1024) -> Iterator[None]:
    """On SQLite, settings for a bulk load for the block, restored afterwards.

    * A 256 MiB page cache instead of 2 MiB: memory only, it keeps the indexes being appended
      to in memory (2-4 % faster at 200,000 to 1,000,000 projects).
    * No foreign key enforcement (``PRAGMA foreign_keys``), like Django's ``loaddata``: SQLite
      looks the parent row up for every reference inserted, a seventh of the time. The
      references are valid by construction instead: to rows the same generation writes, or
      to the regions and industries of the lookup tables, which ``check_references`` finds
      in the database before the commit. The pragma is a no-op inside a transaction (as in
      the tests), where the references are then checked by SQLite as well.

    ``PRAGMA synchronous`` is left alone: the generation commits once, and NORMAL measured no
    faster than the default (the commit time is writing the pages, not waiting for the disk);
    OFF could corrupt the database on a power cut.
    """
    if connection.vendor != "sqlite":
        yield
        return
    settings = {"cache_size": -int(kibibytes), "foreign_keys": 0}
    previous = {}
    with connection.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute(f"PRAGMA {name}")
            (previous[name],) = cursor.fetchone()
            cursor.execute(f"PRAGMA {name} = {int(value)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, value in previous.items():
                cursor.execute(f"PRAGMA {name} = {int(value)}")


def reserve_ids(model: type[models.Model], count: int) -> int:
    """The first of ``count`` consecutive primary keys for explicit inserts into ``model``.

    Never a key a deleted row had: change records refer to rows by key, so a reused key would
    hand a deleted project's history to a synthetic one. On SQLite the AUTOINCREMENT counter
    (``sqlite_sequence``) says which keys were ever used, and moves past explicit inserts by
    itself; the write lock the transaction takes keeps others out. On PostgreSQL the range is
    taken from the table's sequence (nextval, then setval to its end); a session drawing from
    the sequence between the two would collide and fail, not corrupt anything.
    """
    meta = model._meta
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({quote(meta.pk.column)}) FROM {quote(meta.db_table)}")
        highest = cursor.fetchone()[0] or 0
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [meta.db_table])
            used = cursor.fetchone()
            return max(highest, used[0] if used else 0) + 1
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column])
            (sequence,) = cursor.fetchone()
            cursor.execute("SELECT nextval(%s)", [sequence])
            first = max(cursor.fetchone()[0], highest + 1)
            cursor.execute("SELECT setval(%s, %s)", [sequence, first + max(count, 1) - 1])
            return first
    raise GenerationError(f"generate supports SQLite and PostgreSQL, not {connection.vendor}.")


# --- what the seed already has ----------------------------------------------------------------


def synthetic_projects(seed: int) -> models.QuerySet:
    return Project.objects.filter(code__startswith=code_prefix(seed), is_sample=True)


def synthetic_organizations(seed: int) -> models.QuerySet:
    return Organization.objects.filter(name_zh__startswith=code_prefix(seed), is_sample=True)


def synthetic_events(seed: int) -> models.QuerySet:
    return Event.objects.filter(code__startswith=code_prefix(seed), is_sample=True)


def existing_count(seed: int) -> int:
    """Synthetic projects, organisations and events of ``seed`` already in the database."""
    return (
        synthetic_projects(seed).count()
        + synthetic_organizations(seed).count()
        + synthetic_events(seed).count()
    )


def _add(counts: dict[str, int], model: type[models.Model], rowcount: int) -> None:
    if rowcount > 0:
        label = model._meta.label_lower
        counts[label] = counts.get(label, 0) + rowcount


def _pk_subquery(queryset: models.QuerySet) -> tuple[str, tuple]:
    return queryset.order_by().values("pk").query.sql_with_params()


def _delete_referencing(
    target: models.QuerySet, owned: tuple[type[models.Model], ...], cursor, counts: dict
) -> None:
    """Delete the rows of ``owned`` models and of automatic M2M tables that point at ``target``.

    Refuses (GenerationError) when a row of any other model points at ``target``: synthetic
    rows that someone has linked real data to are not deleted behind their back.
    """
    quote = connection.ops.quote_name
    subquery, params = _pk_subquery(target)
    relations = [
        f
        for f in target.model._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)
    ]
    for relation in relations:
        model = relation.related_model
        table = quote(model._meta.db_table)
        where = f"{quote(relation.field.column)} IN ({subquery})"
        if model in owned or model._meta.auto_created:
            cursor.execute(f"DELETE FROM {table} WHERE {where}", params)
            _add(counts, model, cursor.rowcount)
            continue
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params)
        (referring,) = cursor.fetchone()
        if referring:
            raise GenerationError(
                f"{referring} {model._meta.verbose_name_plural} refer to synthetic "
                f"{target.model._meta.verbose_name_plural} (through “{relation.field.name}”); "
                "remove those links before --replace."
            )


def _delete_rows(queryset: models.QuerySet, cursor, counts: dict) -> None:
    quote = connection.ops.quote_name
    meta = queryset.model._meta
    subquery, params = _pk_subquery(queryset)
    cursor.execute(
        f"DELETE FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} IN ({subquery})",
        params,
    )
    _add(counts, queryset.model, cursor.rowcount)


def delete_seed(seed: int) -> dict[str, int]:
    """Delete the synthetic rows of ``seed``; the number deleted per model (``app.model``).

    Plain SQL deletes, like the inserts: no per-row signals or change records (the caller
    records one summary). Call inside a transaction.
    """
    projects = synthetic_projects(seed)
    organizations = synthetic_organizations(seed)
    events = synthetic_events(seed)
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        _delete_referencing(projects, (StageChange, FollowUp, FundsInPlace), cursor, counts)
        _delete_rows(projects, cursor, counts)
        _delete_referencing(organizations, (), cursor, counts)
        _delete_rows(organizations, cursor, counts)
        # After the projects: they refer to the events (signed_event is PROTECT).
        _delete_referencing(events, (), cursor, counts)
        _delete_rows(events, cursor, counts)
    return counts


# --- the summary change record ------------------------------------------------------------------


def record_summary(
    action: str, seed: int, description: str, counts: dict[str, int]
) -> ChangeRecord:
    """One ChangeRecord standing for all the rows a generation (or its deletion) wrote.

    Choice: the record is filed under the Project content type, because projects are what was
    generated and what every other row hangs off, with ``object_id`` set to the code pattern
    ``SYN-{seed}-*`` rather than a primary key. No object has that id, so the record never shows
    up in one project's history as if it were about that project, while a search by type and
    id finds every generation of a seed. ``after`` (create) or ``before`` (delete) holds the seed
    and the number of rows per model; ``changed_fields`` lists the models touched. User, channel
    and request id come from the current change context, as for every other record, so a
    ``--replace`` deletion and the generation that follows share a request id.
    """
    snapshot = {
        "seed": seed,
        "code_prefix": code_prefix(seed),
        "rows": dict(sorted(counts.items())),
    }
    deleting = action == ChangeAction.DELETE
    return write_record(
        ContentType.objects.get_for_model(Project),
        f"{code_prefix(seed)}*",
        description,
        action,
        snapshot if deleting else None,
        None if deleting else snapshot,
        sorted(counts),
    )


# --- events -------------------------------------------------------------------------------------

# Per kind: share of the events in percent, weight in drawing a signing's event (the big
# conferences and signing ceremonies take most signings), and the title.
EVENT_KINDS: dict[str, tuple[int, int, str, str]] = {
    EventKind.SIGNING.value: (20, 8, "重点项目集中签约仪式", "Key Project Signing Ceremony"),
    EventKind.CONFERENCE.value: (10, 12, "经贸合作洽谈会", "Economic and Trade Fair"),
    EventKind.PROMOTION.value: (25, 4, "招商推介会", "Investment Promotion Meeting"),
    EventKind.FORUM.value: (10, 3, "产业合作论坛", "Industrial Cooperation Forum"),
    EventKind.DELEGATION.value: (10, 2, "经贸考察团", "Trade Delegation"),
    EventKind.TALKS.value: (10, 1, "投资项目洽谈", "Investment Talks"),
    EventKind.VISIT.value: (10, 1, "招商走访", "Door-knocking Visit"),
    EventKind.OTHER.value: (5, 1, "经贸交流活动", "Trade Exchange"),
}
EVENT_KIND_TABLE = percent_table({kind: v[0] for kind, v in EVENT_KINDS.items()})
EVENT_SIZES = (1, 1, 1, 1, 2, 2, 3, 5, 8)  # a factor of the kind's weight: a few big events
EVENT_DAYS = (1, 1, 1, 1, 1, 1, 2, 2, 2, 3)  # how long an event lasts
HOME_EVENT_PERCENT = 70  # held in Heilongjiang; the rest in the source province or city
AT_EVENT_PERCENT = 85  # of signed projects whose signing day an event covers
ON_SITE_PERCENT = 60  # of the projects signed at an event, signed on site


@dataclass(frozen=True)
class SyntheticEvent:
    number: int  # 1 … N in date order: the code is SYN-{seed}-E{number:06d}
    start: int  # day offset from EPOCH
    days: int
    kind: str
    weight: int  # signing slots per day
    region: Place  # held in
    organizer: Place  # the Heilongjiang prefecture whose event it is


def plan_events(seed: int, count: int, ref: RefData) -> list[SyntheticEvent]:
    """``count`` events spread evenly over the signing days (FIRST_SIGNING … AS_OF), each
    within them, numbered in date order. From ``random.Random`` seeded with the seed: at most
    MAX_EVENTS, so Python draws them faster than it could plan the SQL."""
    rng = random.Random(f"{seed}:events")
    rand = rng.random
    drawn = []
    for _ in range(count):
        days = EVENT_DAYS[int(rand() * len(EVENT_DAYS))]
        start = FIRST_SIGNING_DAY + int(rand() * (AS_OF_DAY - days + 2 - FIRST_SIGNING_DAY))
        kind = EVENT_KIND_TABLE[int(rand() * 100)]
        size = EVENT_SIZES[int(rand() * len(EVENT_SIZES))]
        organizer = ref.destinations[int(rand() * len(ref.destinations))]
        away = int(rand() * 100) >= HOME_EVENT_PERCENT
        region = ref.sources[int(rand() * len(ref.sources))] if away else organizer
        drawn.append((start, days, kind, EVENT_KINDS[kind][1] * size, region, organizer))
    drawn.sort(key=lambda event: event[0])  # stable: same-day events keep their draw order
    return [SyntheticEvent(k + 1, *event) for k, event in enumerate(drawn)]


EVENT_FIELDS = (
    "id",
    "code",
    "kind",
    "title_zh",
    "title_en",
    "start_date",
    "end_date",
    "region",
    "organizer_region",
    "attendance",
)


def event_rows(plan: Plan) -> Iterator[tuple]:
    """The rows of EVENT_FIELDS of the plan's events; ids from ``first_event_id``."""
    prefix = code_prefix(plan.seed)
    for event in plan.events:
        _share, weight, title_zh, title_en = EVENT_KINDS[event.kind]
        year = (EPOCH + datetime.timedelta(days=event.start)).year
        away_zh = f"（{event.region.name_zh}）" if event.region != event.organizer else ""
        away_en = f" in {event.region.name_en}" if event.region != event.organizer else ""
        yield (
            plan.first_event_id + event.number - 1,
            f"{prefix}E{event.number:06d}",
            event.kind,
            f"{year}年{event.organizer.name_zh}{title_zh}{away_zh}",
            f"{year} {event.organizer.name_en} {title_en}{away_en}",
            plan.days[event.start],
            plan.days[event.start + event.days - 1] if event.days > 1 else None,
            event.region.id,
            event.organizer.id,
            10 * event.weight + event.number % 10 if weight >= 3 else None,
        )


def event_day_rows(plan: Plan) -> tuple[list[tuple], list[tuple]]:
    """The rows of syn_event_day and syn_event_slot: on each day some event covers, the
    events of the day take consecutive signing slots, ``weight`` each. A project signed that
    day draws a slot, so its event is one that covers its signing date (as
    ``Project.clean()`` requires), bigger events more often."""
    slots: dict[int, list[tuple[int, int]]] = {}
    for event in plan.events:
        event_id = plan.first_event_id + event.number - 1
        for day in range(event.start, event.start + event.days):
            slots.setdefault(day, []).append((event_id, event.weight))
    days, ranges = [], []
    for day in sorted(slots):
        low = 0
        for event_id, weight in slots[day]:
            ranges.append((plan.days[day], low, low + weight, event_id))
            low += weight
        days.append((plan.days[day], low))
    return days, ranges


def signed_event_sql(plan: Plan) -> tuple[dict[str, str], str]:
    """The values of ``signed_event`` and ``signed_on_site`` of the projects of syn_chunk and
    the joins they need: AT_EVENT_PERCENT of the signed projects whose signing date an event
    covers are signed at one of those events (drawn by slot), ON_SITE_PERCENT of those on
    site. Nothing without events (the fields keep their defaults)."""
    if not plan.events:
        return {}, ""
    below = plan.draws.below
    quote_value = connection.schema_editor().quote_value
    slot = below("event", "ed.slots")
    values = {
        "signed_event": "es.event",
        "signed_on_site": (
            f"CASE WHEN es.event IS NOT NULL AND {below('on_site', 100)} < {ON_SITE_PERCENT} "
            f"THEN {quote_value(True)} ELSE {quote_value(False)} END"
        ),
    }
    joins = (
        f" LEFT JOIN syn_event_day ed ON ed.d = c.d2 AND {below('at_event', 100)} "
        f"< {AT_EVENT_PERCENT} LEFT JOIN syn_event_slot es ON es.d = ed.d AND es.lo <= {slot} "
        f"AND es.hi > {slot}"
    )
    return values, joins


# --- drawing in SQL ---------------------------------------------------------------------------

EPOCH_JULIAN_DAY = EPOCH.toordinal() + 1_721_424.5  # SQLite's date() takes Julian day numbers
MOD = 4_294_967_296  # 2**32: hash states and hashes are below it
WEYL = 2_654_435_761  # step of the hash state from one row number to the next
MIX = 1_103_515_245  # below 2**31, so that a state times MIX stays within 63 bits
DRAWS = (
    "stage",
    "status",
    "reason",
    "type",
    "category",
    "name",
    "source",
    "anchor",
    "negotiating",
    "lead",
    "start",
    "operating",
    "partner",
    "contract",
    "planned",
    "has_planned",
    "jobs",
    "organization",
    "industry",
    # Added with events; appended so that the factors above (and so the projects) stay.
    "at_event",
    "event",
    "on_site",
)


@dataclass(frozen=True)
class Draws:
    """The pseudo-random numbers of a seed, as SQL expressions of the row's hash ``h``.

    Row ``n`` has the state ``x = (n * WEYL + base) mod 2**32`` and the hash
    ``h = mix(x) = ((x >> 11) * (x & 0x1FFFFF) + x * MIX) mod 2**32``, computed once per row
    by the sequence. Draw ``name`` multiplies the hash by an odd factor of its own (a
    permutation of 0 … 2**32 - 1, so each draw is as uniform as the hash), and
    ``below(name, m)`` scales the product to 0 … m - 1 by its high bits. Every intermediate
    value stays below 2**63: the same integers on SQLite and PostgreSQL.
    """

    base: int
    factors: dict[str, int]

    @classmethod
    def for_seed(cls, seed: int) -> Draws:
        rng = random.Random(f"{seed}:draws")
        return cls(rng.getrandbits(32), {name: rng.getrandbits(31) | 1 for name in DRAWS})

    def state(self, n: int) -> int:
        """The hash state ``x`` of row ``n``."""
        return (n * WEYL + self.base) % MOD

    @staticmethod
    def mix(x: str) -> str:
        """SQL for the hash of the state ``x`` (an SQL expression)."""
        return f"((({x} >> 11) * ({x} & 2097151) + {x} * {MIX}) % {MOD})"

    def below(self, name: str, m: str | int) -> str:
        """SQL for a draw from 0 … m - 1 (``m`` an SQL expression, at least 1)."""
        return f"(((h * {self.factors[name]}) % {MOD}) * ({m}) / {MOD})"


@dataclass(frozen=True)
class Dialect:
    """The spellings SQLite and PostgreSQL differ in; the rest of the SQL is shared."""

    vendor: str

    def sequence(self, draws: Draws, start: int, stop: int) -> str:
        """A CTE ``seq(n, x, h)``: the row numbers ``start`` … ``stop - 1``, their states and
        hashes (see ``Draws``)."""
        if self.vendor == "sqlite":
            x = f"((x + {WEYL}) % {MOD})"
            first = draws.state(start)
            return (
                f"WITH RECURSIVE seq(n, x, h) AS (SELECT {start}, {first}, {draws.mix(str(first))} "
                f"UNION ALL SELECT n + 1, {x}, {draws.mix(x)} FROM seq WHERE n < {stop - 1})"
            )
        return (
            f"WITH seq(n, x, h) AS (SELECT n, x, {draws.mix('x')} FROM ("
            f"SELECT n, (n * {WEYL} + {draws.base}) % {MOD} AS x "
            f"FROM generate_series(CAST({start} AS BIGINT), {stop - 1}) AS g(n)) AS states)"
        )

    def date(self, day: str) -> str:
        """The date ``day`` days after EPOCH (NULL for NULL)."""
        if self.vendor == "sqlite":
            return f"date({EPOCH_JULIAN_DAY} + {day})"
        return f"(DATE '{EPOCH.isoformat()}' + CAST({day} AS INTEGER))"

    def day(self, date: str) -> str:
        """The days from EPOCH to ``date``: the inverse of ``date``."""
        if self.vendor == "sqlite":
            return f"CAST(julianday({date}) - {EPOCH_JULIAN_DAY} AS INTEGER)"
        return f"({date} - DATE '{EPOCH.isoformat()}')"

    @property
    def fence(self) -> str:
        """Ends a subquery so that it is not merged into the query around it (which would
        compute its columns again wherever they are used)."""
        return "LIMIT -1 OFFSET 0" if self.vendor == "sqlite" else "OFFSET 0"

    def least(self, a: str, b: str | int) -> str:
        return f"min({a}, {b})" if self.vendor == "sqlite" else f"LEAST({a}, {b})"

    def padded(self, number: str, width: int) -> str:
        """``number`` in decimal, zero-padded to ``width`` digits, like f"{n:0{width}d}"."""
        if self.vendor == "sqlite":
            return f"printf('%0{width}d', {number})"
        text = f"CAST({number} AS TEXT)"
        return f"lpad({text}, GREATEST({width}, length({text})), '0')"


def literal(value: Any) -> str:
    """``value`` (a number or a string) as an SQL literal."""
    if isinstance(value, str):
        return connection.schema_editor().quote_value(value)
    return str(int(value))


def lookup_sql(column: str, values: Sequence[Any]) -> str:
    """SQL for ``values[column]``, ``column`` an integer column from 0 to len(values) - 1.

    A balanced tree of ``CASE WHEN column < k`` over the runs of equal values (a percentage
    table has a few long runs), about log2(number of runs) comparisons: several times faster
    than joining a lookup table.
    """
    runs = [0] + [k for k in range(1, len(values)) if values[k] != values[k - 1]]

    def node(low: int, high: int) -> str:  # runs[low] … runs[high - 1]
        if high - low == 1:
            return literal(values[runs[low]])
        middle = (low + high) // 2
        return (
            f"CASE WHEN {column} < {runs[middle]} THEN {node(low, middle)} "
            f"ELSE {node(middle, high)} END"
        )

    return node(0, len(runs))


# Columns of the TEMP tables: the stages (joined to write one stage change per stage
# reached), the project names, and the drawn values of one chunk of projects.
TEMP_TABLES: dict[str, str] = {
    "syn_stage": "step INTEGER PRIMARY KEY, stage TEXT, previous TEXT",
    "syn_name": "id INTEGER PRIMARY KEY, destination BIGINT, name_zh TEXT, name_en TEXT",
    # Days covered by events: how many signing slots the events of the day hold, and which
    # slots (lo … hi - 1) are each event's (see ``event_day_rows``).
    "syn_event_day": "d DATE PRIMARY KEY, slots BIGINT",
    "syn_event_slot": "d DATE, lo BIGINT, hi BIGINT, event BIGINT, PRIMARY KEY (d, lo)",
    "syn_chunk": "n INTEGER PRIMARY KEY, h BIGINT, stage INTEGER, status TEXT, reason INTEGER, "
    "project_type TEXT, category TEXT, name INTEGER, source_region BIGINT, wan BIGINT, "
    "planned_wan BIGINT, jobs BIGINT, organization BIGINT, industry BIGINT, "
    "d0 DATE, d1 DATE, d2 DATE, d3 DATE, d4 DATE",
}


def create_temp_tables(cursor, plan: Plan) -> None:
    """Create the TEMP tables (empty ones again) and fill the stages, names and event days."""
    event_days, event_slots = event_day_rows(plan)
    rows = {
        "syn_stage": [(k, stage, STAGES[k - 1] if k else "") for k, stage in enumerate(STAGES)],
        "syn_name": [(k, *name) for k, name in enumerate(plan.lookups.names)],
        "syn_event_day": event_days,
        "syn_event_slot": event_slots,
    }
    for table, columns in TEMP_TABLES.items():
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(f"CREATE TEMP TABLE {table} ({columns})")
        if rows.get(table):
            placeholders = ", ".join(["%s"] * len(rows[table][0]))
            cursor.executemany(f"INSERT INTO {table} VALUES ({placeholders})", rows[table])


@contextlib.contextmanager
def skip_foreign_key_triggers(cursor) -> Iterator[bool]:
    """PostgreSQL: leave the foreign key checks of the rows written in the block out, if the
    database user may (``session_replication_role``, superusers or a role granted SET on it);
    yields whether they are left out.

    Django's foreign keys are DEFERRABLE INITIALLY DEFERRED, so PostgreSQL queues one check per
    reference inserted and runs them all at the commit: at 100,000 projects with 500,000
    follow-ups and 200,000 funds rows a third of the time. As on SQLite (``sqlite_bulk_settings``),
    the references are valid by construction instead, and ``check_references`` finds (and
    locks) the reference rows before the commit. Used after ``delete_seed``, whose deletions
    stay checked, and restored at the end of the block, so that rows a caller writes later in
    the same transaction are checked. There are no other triggers in the schema to be skipped
    with them. Without the right, the checks run as usual; nothing else changes.
    """
    skipped = False
    if connection.vendor == "postgresql":
        cursor.execute("SHOW session_replication_role")
        (previous,) = cursor.fetchone()
        try:
            with transaction.atomic():  # a savepoint: a refusal must not abort the transaction
                cursor.execute("SET LOCAL session_replication_role = replica")
            skipped = True
        except DatabaseError:
            pass
    try:
        yield skipped
    finally:
        if skipped:
            cursor.execute("SELECT set_config('session_replication_role', %s, true)", [previous])


def check_references(ref: RefData) -> None:
    """GenerationError unless every region and industry drawn from is in the database.

    Called after the inserts. On SQLite the transaction holds the write lock; on PostgreSQL
    the rows are locked against deletion (``FOR KEY SHARE``, what a foreign key check takes)
    until the commit. With the foreign key checks off (``sqlite_bulk_settings``,
    ``skip_foreign_key_triggers``), this is what keeps the references valid.
    """
    regions = {p.id for p in ref.destinations} | {p.id for p in ref.sources}
    industries = set(ref.industries)
    found = 0
    with connection.cursor() as cursor:
        for model, keys in ((Region, regions), (Industry, industries)):
            if not keys:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            lock = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
            placeholders = ", ".join(["%s"] * len(keys))
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT id FROM {table} WHERE id IN ({placeholders})"
                f"{lock}) AS found",
                sorted(keys),
            )
            found += cursor.fetchone()[0]
    if found != len(regions) + len(industries):
        raise GenerationError("Regions or industries were deleted during the generation.")


def drop_temp_tables(cursor) -> None:
    for table in TEMP_TABLES:
        cursor.execute(f"DROP TABLE {table}")


def anchor_window(stage: int) -> tuple[int, int]:
    """(first day, number of days) the anchor day of a project at ``stage`` is drawn from.

    The anchor is the signing day for signed and later projects, leaving room for the later
    stages before AS_OF; otherwise the lead's day (14 days before AS_OF at the latest for a
    project negotiating).
    """
    if stage >= SIGNED:
        reserve = 74 if stage == OPERATING else 14 if stage == STARTED else 0
        return FIRST_SIGNING_DAY, AS_OF_DAY - reserve - FIRST_SIGNING_DAY + 1
    return FIRST_OPEN_LEAD_DAY, AS_OF_DAY - (14 if stage else 0) - FIRST_OPEN_LEAD_DAY + 1


def contract_quantiles() -> list[int]:
    """Contract values in 10,000 yuan (万元), CONTRACT_QUANTILES quantiles of a log-normal
    distribution, clipped to 1 million to 50 billion yuan: a uniform pick is log-normal."""
    normal = statistics.NormalDist(CONTRACT_MU, CONTRACT_SIGMA)
    values = []
    for k in range(CONTRACT_QUANTILES):
        wan = int(math.exp(normal.inv_cdf((k + 0.5) / CONTRACT_QUANTILES)))
        values.append(100 if wan < 100 else 5_000_000 if wan > 5_000_000 else wan)
    return values


@dataclass(frozen=True)
class Lookups:
    """What the drawn numbers index: per slot 0 … 99 of the percentage tables the value and
    what depends on it (a stage's anchor window, a status's reasons, a category's names), the
    reasons and names themselves, the source regions' ids and the contract quantiles."""

    stage: list[int]
    anchor_first: list[int]
    anchor_span: list[int]
    status: list[str]
    reason_first: list[int]
    reason_count: list[int]
    reasons: list[str]
    project_type: list[str]
    category: list[str]
    name_first: list[int]
    name_count: list[int]
    names: list[tuple[int, str, str]]  # (destination id, Chinese name, English name)
    sources: list[int]  # region ids, by source index
    contract: list[int]

    @classmethod
    def make(cls, ref: RefData) -> Lookups:
        reasons = [""]
        reason_range: dict[str, tuple[int, int]] = {}
        for status, texts in STATUS_REASONS.items():
            reason_range[status] = (len(reasons), len(texts)) if texts else (0, 1)
            reasons += texts
        names: list[tuple[int, str, str]] = []
        name_range: dict[str, tuple[int, int]] = {}
        for category, category_names in project_names(ref.destinations).items():
            name_range[category] = (len(names), len(category_names))
            names += category_names
        anchors = [anchor_window(stage) for stage in STAGE_TABLE]
        reason_ranges = [reason_range[status] for status in STATUS_TABLE]
        name_ranges = [name_range[category] for category in CATEGORY_TABLE]
        return cls(
            stage=list(STAGE_TABLE),
            anchor_first=[first for first, _ in anchors],
            anchor_span=[span for _, span in anchors],
            status=list(STATUS_TABLE),
            reason_first=[first for first, _ in reason_ranges],
            reason_count=[count for _, count in reason_ranges],
            reasons=reasons,
            project_type=list(TYPE_TABLE),
            category=list(CATEGORY_TABLE),
            name_first=[first for first, _ in name_ranges],
            name_count=[count for _, count in name_ranges],
            names=names,
            sources=[place.id for place in ref.sources],
            contract=contract_quantiles(),
        )


# --- generation ---------------------------------------------------------------------------------

FOLLOW_UP_FIELDS = (
    "project",
    "date",
    "kind",
    "summary",
    "next_action",
    "next_action_due",
    "next_action_done",
)


@dataclass(frozen=True)
class Plan:
    """The fixed inputs of one generation, prepared once: keys, draws, day values."""

    seed: int
    ref: RefData
    first_project_id: int
    first_organization_id: int
    organizations_per_source: int
    draws: Draws
    dialect: Dialect
    lookups: Lookups
    days: list  # day offset from EPOCH -> the date in database form (for follow-ups)
    events: list[SyntheticEvent] = field(default_factory=list)
    first_event_id: int = 0


def organizations_per_source(n_projects: int, n_sources: int) -> int:
    """Investor organisations per source region: about one per 50 projects, at least one."""
    return max(1, min(n_projects // 50, 200_000) // n_sources)


def project_names(destinations: Sequence[Place]) -> dict[str, list[tuple[int, str, str]]]:
    """Per category every (destination id, Chinese name, English name) a project can have."""
    return {
        category: [
            (
                place.id,
                f"{place.name_zh}{product_zh}{suffix_zh}",
                f"{place.name_en} {product_en} {suffix_en}",
            )
            for place in destinations
            for product_zh, product_en in PRODUCTS[category]
            for suffix_zh, suffix_en in SUFFIXES
        ]
        for category in CATEGORY_PERCENT
    }


def source_index_sql(ref: RefData, below: Callable[[str, int], str]) -> str:
    """SQL drawing a source index: a Guangdong city PARTNER_SHARE of the time (when there are
    both cities and other provinces), each city or province alike within its group."""
    cities = ref.partner_cities
    provinces = len(ref.sources) - cities
    if not cities or not provinces:
        return below("source", len(ref.sources))
    return (
        f"CASE WHEN {below('partner', 100)} < {round(PARTNER_SHARE * 100)} "
        f"THEN {provinces} + {below('source', cities)} ELSE {below('source', provinces)} END"
    )


def make_plan(n_projects: int, seed: int, ref: RefData, n_events: int = 0) -> Plan:
    """Everything fixed for a generation; reserves the primary keys (inside the transaction)."""
    per_source = organizations_per_source(n_projects, len(ref.sources))
    return Plan(
        seed=seed,
        ref=ref,
        first_project_id=reserve_ids(Project, n_projects),
        first_organization_id=reserve_ids(Organization, per_source * len(ref.sources)),
        organizations_per_source=per_source,
        draws=Draws.for_seed(seed),
        dialect=Dialect(connection.vendor),
        lookups=Lookups.make(ref),
        days=day_values(AS_OF_DAY + MAX_DUE_AHEAD),
        events=plan_events(seed, n_events, ref),
        first_event_id=reserve_ids(Event, n_events) if n_events else 0,
    )


def organization_rows(plan: Plan, indexes: Iterable[int]) -> list[tuple]:
    """Investor organisations number ``indexes`` (0-based), with keys from
    ``first_organization_id``. Organisation ``k`` has its headquarters in source
    ``k % len(sources)``; there are ``organizations_per_source`` possible in each source, and
    only those some project invests through are written."""
    sources = plan.ref.sources
    prefix = code_prefix(plan.seed)
    rows = []
    for k in indexes:
        place = sources[k % len(sources)]
        word_zh, word_en = COMPANY_WORDS[k % len(COMPANY_WORDS)]
        rows.append(
            (
                plan.first_organization_id + k,
                f"{prefix}O{k + 1:06d} {place.name_zh}{word_zh}有限公司",
                f"{prefix}O{k + 1:06d} {place.name_en} {word_en} Co., Ltd.",
                place.id,
            )
        )
    return rows


def draw_chunk_sql(plan: Plan, start: int, stop: int) -> str:
    """Fill syn_chunk with the drawn values of projects ``start`` … ``stop - 1`` (0-based).

    Four nested queries, each fenced (``Dialect.fence``) so that its columns are computed
    once: the first draws slots and indexes from the row's hash; the second looks up what
    they stand for (``lookup_sql``) and draws the anchor day ``a`` (see ``anchor_window``);
    the third the values that depend on those; the last the operating day, which depends on
    the starting day, and makes the dates. Days ``d0`` … ``d4`` are the dates each stage was
    reached (NULL beyond the project's stage), strictly ascending and on or before AS_OF:
    negotiation and the lead come 2 weeks to a year before the next stage; a project starts
    2 weeks to 18 months after signing and operates 2 months to 2 years after starting.
    """
    below, dialect, look = plan.draws.below, plan.dialect, plan.lookups
    least, fence, date = dialect.least, dialect.fence, dialect.date
    ref = plan.ref
    industry = below("industry", len(ref.industries)) if ref.industries else "CAST(NULL AS BIGINT)"
    slots = (
        f"SELECT n, h, {below('stage', 100)} AS s_stage, {below('status', 100)} AS s_status, "
        f"{below('type', 100)} AS s_type, {below('category', 100)} AS s_category, "
        f"{source_index_sql(ref, below)} AS source_index, "
        f"{below('contract', CONTRACT_QUANTILES)} AS s_contract, {industry} AS s_industry "
        f"FROM seq {fence}"
    )
    anchor_span = lookup_sql("s_stage", look.anchor_span)
    reason_count = lookup_sql("s_status", look.reason_count)
    name_count = lookup_sql("s_category", look.name_count)
    industries = (
        lookup_sql("s_industry", ref.industries) if ref.industries else "CAST(NULL AS BIGINT)"
    )
    drawn = (
        f"SELECT n, h, source_index, {lookup_sql('s_stage', look.stage)} AS stage, "
        f"{lookup_sql('s_stage', look.anchor_first)} + {below('anchor', anchor_span)} AS a, "
        f"{lookup_sql('s_status', look.status)} AS status, "
        f"{lookup_sql('s_status', look.reason_first)} + {below('reason', reason_count)} "
        f"AS reason, {lookup_sql('s_type', look.project_type)} AS project_type, "
        f"{lookup_sql('s_category', look.category)} AS category, "
        f"{lookup_sql('s_category', look.name_first)} + {below('name', name_count)} AS name, "
        f"{lookup_sql('source_index', look.sources)} AS source_region, "
        f"{lookup_sql('s_contract', look.contract)} AS wan, {industries} AS industry "
        f"FROM ({slots}) AS slots {fence}"
    )
    room = least(f"{AS_OF_DAY} - a - CASE WHEN stage = {OPERATING} THEN 60 ELSE 0 END", 540)
    negotiating = below("negotiating", 347)
    kept = "n, h, stage, status, reason, project_type, category, name, source_region, industry"
    timed = (
        f"SELECT {kept}, "
        f"CASE WHEN stage >= {SIGNED} THEN wan END AS wan, "
        f"CASE WHEN stage >= {SIGNED} THEN wan + {below('planned', 'wan / 2 + 1')} "
        f"WHEN stage > 0 OR {below('has_planned', 2)} = 0 THEN wan END AS planned_wan, "
        f"CASE WHEN stage >= {SIGNED} THEN 20 + {below('jobs', least('wan / 20', 5000))} "
        "END AS jobs, "
        f"CASE WHEN stage >= {SIGNED} THEN source_index + {len(ref.sources)} * "
        f"{below('organization', plan.organizations_per_source)} END AS organization, "
        f"CASE WHEN stage >= {SIGNED} THEN a - 28 - {negotiating} - {below('lead', 347)} "
        "ELSE a END AS d0, "
        f"CASE WHEN stage >= {SIGNED} THEN a - 14 - {negotiating} WHEN stage = 1 THEN "
        f"a + 14 + {below('negotiating', least(f'{AS_OF_DAY} - a', 360) + ' - 13')} END AS d1, "
        f"CASE WHEN stage >= {SIGNED} THEN a END AS d2, "
        f"CASE WHEN stage >= {STARTED} THEN a + 14 + {below('start', f'{room} - 13')} END AS d3 "
        f"FROM ({drawn}) AS drawn {fence}"
    )
    operating = below("operating", least(f"{AS_OF_DAY} - d3", 720) + " - 59")
    d4 = f"CASE WHEN stage = {OPERATING} THEN d3 + 60 + {operating} END"
    return (
        f"{dialect.sequence(plan.draws, start, stop)} INSERT INTO syn_chunk "
        f"SELECT n, h, stage, status, reason, project_type, category, name, source_region, wan, "
        f"planned_wan, jobs, organization, industry, {date('d0')}, {date('d1')}, {date('d2')}, "
        f"{date('d3')}, {date(d4)} FROM ({timed}) AS timed"
    )


def verified_literal(now: datetime.datetime) -> str:
    field = Project._meta.get_field("verified_at")
    return connection.schema_editor().quote_value(field.get_db_prep_save(now, connection))


def project_sql(plan: Plan, now: datetime.datetime) -> str:
    """Insert the projects of syn_chunk."""
    quote_value = connection.schema_editor().quote_value
    first_id = plan.first_project_id
    code = f"{quote_value(code_prefix(plan.seed))} || {plan.dialect.padded('c.n + 1', 7)}"
    confirmed = quote_value(MoneyBasis.CONFIRMED.value)
    estimated = quote_value(MoneyBasis.ESTIMATED.value)
    values = {
        "id": f"{first_id} + c.n",
        "code": code,  # SYN-{seed}-0000001 …
        "name_zh": "nm.name_zh",
        "name_en": "nm.name_en",
        "project_type": "c.project_type",
        "stage": lookup_sql("c.stage", STAGES),
        "status": "c.status",
        "status_reason": lookup_sql("c.reason", plan.lookups.reasons),
        "source_region": "c.source_region",
        "destination_region": "nm.destination",
        "category": "c.category",
        "contract_value": "c.wan * 10000",
        "contract_value_basis": f"CASE WHEN c.wan IS NULL THEN {estimated} ELSE {confirmed} END",
        "planned_investment": "c.planned_wan * 10000",
        "planned_investment_basis": estimated,
        "signed_date": "c.d2",
        "start_date": "c.d3",
        "operating_date": "c.d4",
        "expected_jobs": "c.jobs",
        # Verified as generated, as the sample is loaded (decision 0009): official reports count
        # only verified figures, and a ledger of ten years is mostly verified.
        "verified_at": f"CASE WHEN c.d2 IS NOT NULL THEN {verified_literal(now)} END",
    }
    event_values, event_joins = signed_event_sql(plan)
    values.update(event_values)
    tail = f"FROM syn_chunk c JOIN syn_name nm ON nm.id = c.name{event_joins}"
    return insert_select(Project, values, tail, {"is_sample": True}, now)


def stage_change_sql(plan: Plan, now: datetime.datetime) -> str:
    """Insert one StageChange per stage each project of syn_chunk reached."""
    day = "CASE sg.step " + " ".join(f"WHEN {k} THEN c.d{k}" for k in range(len(STAGES)))
    values = {
        "project": f"{plan.first_project_id} + c.n",
        "from_stage": "sg.previous",
        "to_stage": "sg.stage",
        "date": f"{day} END",
    }
    tail = "FROM syn_chunk c JOIN syn_stage sg ON sg.step <= c.stage"
    return insert_select(StageChange, values, tail, None, now)


def industry_sql(plan: Plan) -> str:
    """Link each project of syn_chunk to its industry (none without the taxonomy)."""
    values = {"project": f"{plan.first_project_id} + c.n", "industry": "c.industry"}
    tail = "FROM syn_chunk c WHERE c.industry IS NOT NULL"
    return insert_select(Project.industries.through, values, tail)


def investor_sql(plan: Plan) -> str:
    """Link each signed and later project of syn_chunk to its investor organisation."""
    values = {
        "project": f"{plan.first_project_id} + c.n",
        "organization": f"{plan.first_organization_id} + c.organization",
    }
    tail = "FROM syn_chunk c WHERE c.organization IS NOT NULL"
    return insert_select(Project.investors.through, values, tail)


@dataclass
class Chunk:
    """What follow-ups and funds need of a chunk of projects, read back from syn_chunk."""

    lead_days: list[tuple[int, int]] = field(default_factory=list)  # (project id, lead day)
    # (project id, signing day, contract value in 10,000 yuan, source region id)
    signed: list[tuple[int, int, int, int]] = field(default_factory=list)


def read_chunk(cursor, plan: Plan) -> Chunk:
    first_id, day = plan.first_project_id, plan.dialect.day
    cursor.execute(f"SELECT {first_id} + n, {day('d0')} FROM syn_chunk ORDER BY n")
    lead_days = [tuple(row) for row in cursor.fetchall()]
    cursor.execute(
        f"SELECT {first_id} + n, {day('d2')}, wan, source_region FROM syn_chunk "
        f"WHERE stage >= {SIGNED} ORDER BY n"
    )
    return Chunk(lead_days, [tuple(row) for row in cursor.fetchall()])


def follow_up_rows(rng: random.Random, plan: Plan, chunk: Chunk, count: int) -> Iterator[tuple]:
    """``count`` follow-ups on random projects of ``chunk``, dated between the project's lead
    and AS_OF. Most have a next action; of those due by AS_OF, 30 % are still open, i.e.
    overdue. Rows: (project, date, kind, summary, next action, due, done)."""
    rand = rng.random
    days = plan.days
    leads = chunk.lead_days
    for _ in range(count):
        project_id, lead = leads[int(rand() * len(leads))]
        day = lead + int(rand() * (AS_OF_DAY - lead + 1))
        kind = FOLLOW_UP_KINDS[int(rand() * len(FOLLOW_UP_KINDS))]
        summary = FOLLOW_UP_SUMMARIES[int(rand() * len(FOLLOW_UP_SUMMARIES))]
        action, due, done = "", None, None
        if rand() < 0.8:
            action = NEXT_ACTIONS[int(rand() * len(NEXT_ACTIONS))]
            due_day = day + 7 + int(rand() * 84)
            due = days[due_day]
            if due_day <= AS_OF_DAY and rand() < 0.7:
                done = days[day + int(rand() * (min(due_day + 14, AS_OF_DAY) - day + 1))]
        yield (project_id, days[day], kind, summary, action, due, done)


def month_index(day: int) -> int:
    """Months since year 0 of the month that day offset ``day`` falls in."""
    date = EPOCH + datetime.timedelta(days=day)
    return date.year * 12 + date.month - 1


def funds_rows(
    rng: random.Random, chunk: Chunk, count: int, month_values: dict[int, Any]
) -> Iterator[tuple]:
    """Up to ``count`` funds rows on the chunk's signed projects, from the signing month to
    AS_OF, 2 to 20 % of the contract value each (a multiple of 10,000 yuan), from the project's
    source region; unique per project, month and source. Fewer when the chunk's project-months
    run out. Rows: (project, first of month, amount, source region)."""
    rand = rng.random
    signed = chunk.signed
    if not signed:
        return
    last_month = month_index(AS_OF_DAY)
    seen: set[tuple[int, int]] = set()
    for _ in range(count):
        for _attempt in range(10):
            project_id, signed_day, wan, source_id = signed[int(rand() * len(signed))]
            first = month_index(signed_day)
            month = first + int(rand() * (last_month - first + 1))
            if (project_id, month) not in seen:
                break
        else:
            continue
        seen.add((project_id, month))
        if month not in month_values:
            month_values[month] = connection.ops.adapt_datefield_value(
                datetime.date(month // 12, month % 12 + 1, 1)
            )
        amount = Decimal(max(1, int(wan * (0.02 + rand() * 0.18))) * 10_000)
        yield (project_id, month_values[month], amount, source_id)


def share(total: int, start: int, stop: int, n: int) -> int:
    """The part of ``total`` that falls to items ``start`` … ``stop - 1`` of ``n``."""
    return total * stop // n - total * start // n


@dataclass
class Result:
    projects: int
    seconds: float
    rows: dict[str, int]
    deleted: dict[str, int]
    funds_requested: int

    @property
    def rate(self) -> float:
        return self.projects / self.seconds if self.seconds > 0 else float("inf")


def generate(
    n_projects: int,
    *,
    seed: int,
    followups: int = 0,
    funds: int = 0,
    events: int = 0,
    replace: bool = False,
    progress: ProgressCallback | None = None,
) -> Result:
    """Generate, in one transaction, ``n_projects`` synthetic projects for ``seed`` and the rest.

    Raises GenerationError when reference data are missing or the seed's rows exist and
    ``replace`` is false. The time reported covers the generation and the commit, not the
    deletion of the rows replaced.
    """
    if existing_count(seed) and not replace:
        raise GenerationError(
            f"Synthetic rows with seed {seed} exist (codes {code_prefix(seed)}…): "
            "use another --seed, or --replace to delete them first."
        )
    ref = load_refdata()
    with sqlite_bulk_settings(), transaction.atomic():
        ledger.touch()  # raw SQL bypasses the change log's own call (record_summary makes one too)
        deleted = delete_seed(seed) if replace else {}
        if deleted:
            record_summary(
                ChangeAction.DELETE,
                seed,
                f"generate --replace: deleted {deleted.get('projects.project', 0)} projects, "
                f"seed {seed}",
                deleted,
            )
        began = time.perf_counter()
        plan = make_plan(n_projects, seed, ref, events)
        rows = write_all(plan, n_projects, followups, funds, progress)
        record_summary(
            ChangeAction.CREATE, seed, f"generate: {n_projects} projects, seed {seed}", rows
        )
    seconds = time.perf_counter() - began
    return Result(n_projects, seconds, rows, deleted, funds)


def write_all(
    plan: Plan,
    n_projects: int,
    followups: int,
    funds: int,
    progress: ProgressCallback | None,
) -> dict[str, int]:
    """Write every row of a generation, chunk by chunk; the number of rows per model."""
    # Whole seconds: SQLite stores the timestamps as text, 7 bytes shorter without the
    # microseconds, on 3 to 4 rows per project (5 % less to write and commit).
    now = timezone.now().replace(microsecond=0)
    sample = {"is_sample": True}
    report = progress or (lambda what, done, total: None)
    organizations = TableWriter(
        Organization,
        ("id", "name_zh", "name_en", "hq_region"),
        {**sample, "kind": OrganizationKind.ENTERPRISE.value},
        now,
    )
    follow_ups = bulk_writer(FollowUp, FOLLOW_UP_FIELDS, sample, now)
    funds_in_place = bulk_writer(
        FundsInPlace,
        ("project", "month", "amount", "source_region"),
        {**sample, "verified_at": now},
        now,
    )
    statements = (
        (Project, project_sql(plan, now)),
        (StageChange, stage_change_sql(plan, now)),
        (Project.industries.through, industry_sql(plan)),
        (Project.investors.through, investor_sql(plan)),
    )
    follow_up_rng = random.Random(f"{plan.seed}:followups")
    funds_rng = random.Random(f"{plan.seed}:funds")
    month_values: dict[int, Any] = {}
    counts: dict[str, int] = {}
    written: set[int] = set()
    with connection.cursor() as cursor, skip_foreign_key_triggers(cursor):
        if plan.events:  # before the projects, which refer to them
            events = bulk_writer(Event, EVENT_FIELDS, sample, now)
            _add(counts, Event, events.write(cursor, event_rows(plan)))
            report("events", counts.get("events.event", 0), len(plan.events))
        create_temp_tables(cursor, plan)
        for start in range(0, n_projects, CHUNK):
            stop = min(start + CHUNK, n_projects)
            cursor.execute("DELETE FROM syn_chunk")
            cursor.execute(draw_chunk_sql(plan, start, stop))
            for model, sql in statements:
                cursor.execute(sql)
                _add(counts, model, cursor.rowcount)
            cursor.execute(
                "SELECT DISTINCT organization FROM syn_chunk WHERE stage >= %s", [SIGNED]
            )
            used = {k for (k,) in cursor.fetchall()}
            rows = organization_rows(plan, sorted(used - written))
            _add(counts, Organization, organizations.write(cursor, rows))
            written |= used
            report("projects", stop, n_projects)
            if followups or funds:
                chunk = read_chunk(cursor, plan)
            if followups:
                count = share(followups, start, stop, n_projects)
                rows = follow_up_rows(follow_up_rng, plan, chunk, count)
                _add(counts, FollowUp, follow_ups.write(cursor, rows))
                report("follow-ups", counts.get("projects.followup", 0), followups)
            if funds:
                count = share(funds, start, stop, n_projects)
                rows = funds_rows(funds_rng, chunk, count, month_values)
                _add(counts, FundsInPlace, funds_in_place.write(cursor, rows))
                report("funds in place", counts.get("projects.fundsinplace", 0), funds)
        check_references(plan.ref)
        drop_temp_tables(cursor)
    return counts
