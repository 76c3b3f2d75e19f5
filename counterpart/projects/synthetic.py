"""Synthetic volume data for benchmarks: projects, their stage history, follow-ups and funds.

What is generated, and why it is written the way it is:

* **Deterministic.** Everything comes from ``random.Random`` streams seeded with the seed (one
  stream for projects, one for follow-ups, one for funds, so asking for follow-ups does not change
  the projects). Dates are laid out before the fixed day ``AS_OF``, not before today, so a seed
  gives the same rows on any day. Reference data is picked by index into lists ordered by code,
  so the same regions and industries are chosen in any database that holds the same codes.
* **Recognisable.** Projects are coded ``SYN-{seed}-{n:07d}``; the investor organisations the
  signed projects need are named ``SYN-{seed}-O{k:06d} …``. Every row is ``is_sample=True``.
  ``delete_seed`` removes exactly the rows of one seed.
* **Valid.** Each project passes ``Project.full_clean()``: signed and later projects have an
  investor, a destination, a contract value (a multiple of 10,000 yuan) and a signing date;
  started and operating ones have the dates of those stages, in order, on or before ``AS_OF``;
  a project that is not active says why. No capital increases are generated (they must extend
  another project). Stage history is one ``StageChange`` per stage reached, dated in ascending
  order, the last one on the date the project's own fields give for its stage.
* **Fast.** Rows are written with ``executemany`` on the database cursor, not through the ORM
  (``bulk_create`` measured about nine times slower): ``Model.save()`` (which writes the stage
  history one row at a time) and the change-logging signals are bypassed on purpose. Projects
  and organisations get explicit primary keys from a reserved range (``reserve_ids``) so that
  the child rows can refer to them without reading them back.
* **Logged once.** Instead of one change record per row, each generation writes one summary
  ``ChangeRecord`` (and a ``--replace`` deletion another); see ``record_summary``.
"""

from __future__ import annotations

import contextlib
import datetime
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from counterpart.core.changelog import current_context
from counterpart.core.choices import ChangeAction, MoneyBasis
from counterpart.core.models import ChangeRecord
from counterpart.geo.models import Region, RegionLevel
from counterpart.industries.models import Industry
from counterpart.organizations.models import Organization, OrganizationKind

from .choices import FollowUpKind, ProjectCategory, ProjectStatus, ProjectType, Stage
from .models import FollowUp, FundsInPlace, Project, StageChange

MAX_PROJECTS = 10_000_000
MAX_EXTRA_ROWS = 10_000_000  # follow-ups or funds rows
CHUNK = 100_000  # rows generated, written and reported at a time
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

# Distributions in percent; each becomes a 100-entry table indexed by int(random() * 100).
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

ProgressCallback = Callable[[int, int], None]


class GenerationError(Exception):
    """The generation cannot run (missing reference data, existing rows of the seed …)."""


def code_prefix(seed: int) -> str:
    """What every synthetic project code and organisation name of ``seed`` starts with."""
    return f"SYN-{seed}-"


def percent_table(percent: dict[Any, int]) -> tuple:
    """100 entries, each value repeated its percentage: ``table[int(random() * 100)]`` draws."""
    table = tuple(value for value, share in percent.items() for _ in range(share))
    if len(table) != 100:
        raise ValueError(f"Percentages add up to {len(table)}, not 100.")
    return table


STAGE_TABLE = percent_table(STAGE_PERCENT)
STATUS_TABLE = percent_table({(s, STATUS_REASONS[s]): p for s, p in STATUS_PERCENT.items()})
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


class TableWriter:
    """Inserts plain tuples into a model's table with one ``executemany`` per batch.

    ``fields`` name the columns each row gives, in order; ``constants`` give fixed values for
    other fields; every remaining concrete field (apart from an automatic primary key) gets its
    default, and ``auto_now``/``auto_now_add`` fields the time the writer was made. The fixed
    values are written into the statement as SQL literals (quoted by the schema editor), which
    is a quarter faster on SQLite than binding them on every row. Values in the rows must
    already be in database form (see ``day_values`` for dates).
    """

    def __init__(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        constants: dict[str, Any] | None = None,
        now: datetime.datetime | None = None,
    ) -> None:
        meta = model._meta
        constants = dict(constants or {})
        now = now or timezone.now()
        given = [meta.get_field(name) for name in fields]
        fixed = [
            f
            for f in meta.concrete_fields
            if f.name not in fields and not (f.primary_key and f.name not in constants)
        ]
        quote_value = connection.schema_editor().quote_value
        literals = []
        for f in fixed:
            if f.name in constants:
                value = constants[f.name]
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now
            else:
                value = f.get_default()
            # "%" would be taken for a placeholder by the cursor wrapper.
            literals.append(quote_value(f.get_db_prep_save(value, connection)).replace("%", "%%"))
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in given + fixed)
        values = ", ".join(["%s"] * len(given) + literals)
        self.sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({values})"
        self.model = model
        self.rows_written = 0

    def write(self, cursor, rows: list[tuple]) -> int:
        if rows:
            cursor.executemany(self.sql, rows)
        self.rows_written += len(rows)
        return len(rows)


def day_values(last_day: int) -> list:
    """Day offsets 0 … ``last_day`` from EPOCH as dates in the form the database takes."""
    adapt = connection.ops.adapt_datefield_value
    return [adapt(EPOCH + datetime.timedelta(days=offset)) for offset in range(last_day + 1)]


@contextlib.contextmanager
def sqlite_cache(kibibytes: int = 256 * 1024) -> Iterator[None]:
    """On SQLite, a 256 MiB page cache instead of 2 MiB for the block, restored afterwards.

    Memory only, nothing to do with safety; it keeps the indexes being appended to in memory
    (2-4 % faster at 200,000 to 1,000,000 projects). ``PRAGMA synchronous`` is left alone:
    the generation commits once, and NORMAL measured no faster than the default (the commit
    time is writing the pages, not waiting for the disk); OFF could corrupt the database on
    a power cut.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{int(kibibytes)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


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


def existing_count(seed: int) -> int:
    """Synthetic projects and organisations of ``seed`` already in the database."""
    return synthetic_projects(seed).count() + synthetic_organizations(seed).count()


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
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        _delete_referencing(projects, (StageChange, FollowUp, FundsInPlace), cursor, counts)
        _delete_rows(projects, cursor, counts)
        _delete_referencing(organizations, (), cursor, counts)
        _delete_rows(organizations, cursor, counts)
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
    context = current_context()
    snapshot = {
        "seed": seed,
        "code_prefix": code_prefix(seed),
        "rows": dict(sorted(counts.items())),
    }
    return ChangeRecord.objects.create(
        user_id=context.user_id,
        channel=context.channel,
        request_id=context.request_id,
        action=action,
        content_type=ContentType.objects.get_for_model(Project),
        object_id=f"{code_prefix(seed)}*",
        object_repr=description[:300],
        before=snapshot if action == ChangeAction.DELETE else None,
        after=snapshot if action != ChangeAction.DELETE else None,
        changed_fields=sorted(counts),
    )


# --- generation ---------------------------------------------------------------------------------

PROJECT_FIELDS = (
    "id",
    "code",
    "name_zh",
    "name_en",
    "project_type",
    "stage",
    "status",
    "status_reason",
    "source_region",
    "destination_region",
    "category",
    "contract_value",
    "contract_value_basis",
    "planned_investment",
    "planned_investment_basis",
    "signed_date",
    "start_date",
    "operating_date",
    "expected_jobs",
)


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
    """The fixed inputs of one generation, prepared once: keys, lookup tables, day values."""

    seed: int
    ref: RefData
    first_project_id: int
    first_organization_id: int
    organizations_per_source: int
    days: list  # day offset from EPOCH -> the date in database form
    names: dict[str, list[tuple[int, str, str]]]  # category -> (destination id, zh, en)
    source_pool: list[int]  # indexes into ref.sources; a uniform pick gives PARTNER_SHARE


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


def source_pool(ref: RefData) -> list[int]:
    """Source indexes so that a uniform pick is a Guangdong city PARTNER_SHARE of the time."""
    provinces = range(len(ref.sources) - ref.partner_cities)
    cities = range(len(provinces), len(ref.sources))
    if not cities or not provinces:
        return list(range(len(ref.sources)))
    # Each province len(cities) * p times, each city len(provinces) * c times: shares p : c.
    city_weight = round(PARTNER_SHARE * 100)
    province_weight = 100 - city_weight
    divisor = math.gcd(city_weight, province_weight)
    return [*provinces] * (len(cities) * province_weight // divisor) + [*cities] * (
        len(provinces) * city_weight // divisor
    )


def make_plan(n_projects: int, seed: int, ref: RefData) -> Plan:
    """Everything fixed for a generation; reserves the primary keys (inside the transaction)."""
    per_source = organizations_per_source(n_projects, len(ref.sources))
    return Plan(
        seed=seed,
        ref=ref,
        first_project_id=reserve_ids(Project, n_projects),
        first_organization_id=reserve_ids(Organization, per_source * len(ref.sources)),
        organizations_per_source=per_source,
        days=day_values(AS_OF_DAY + MAX_DUE_AHEAD),
        names=project_names(ref.destinations),
        source_pool=source_pool(ref),
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


def stage_days(rand: Callable[[], float], stage: int) -> tuple[int, ...]:
    """Day offsets of reaching each stage up to ``stage``: strictly ascending, all <= AS_OF.

    Signing falls between FIRST_SIGNING and AS_OF, leaving room for the later stages;
    negotiation and the lead come 2 weeks to a year before the next stage; a project starts
    2 weeks to 18 months after signing and operates 2 months to 2 years after starting.
    """
    if stage >= SIGNED:
        reserve = 74 if stage == OPERATING else 14 if stage == STARTED else 0
        signed = FIRST_SIGNING_DAY + int(rand() * (AS_OF_DAY - reserve - FIRST_SIGNING_DAY + 1))
        negotiating = signed - 14 - int(rand() * 347)
        lead = negotiating - 14 - int(rand() * 347)
        if stage == SIGNED:
            return (lead, negotiating, signed)
        room = AS_OF_DAY - signed - (60 if stage == OPERATING else 0)
        start = signed + 14 + int(rand() * ((room if room < 540 else 540) - 13))
        if stage == STARTED:
            return (lead, negotiating, signed, start)
        room = AS_OF_DAY - start
        operating = start + 60 + int(rand() * ((room if room < 720 else 720) - 59))
        return (lead, negotiating, signed, start, operating)
    if stage == 0:
        return (FIRST_OPEN_LEAD_DAY + int(rand() * (AS_OF_DAY - FIRST_OPEN_LEAD_DAY + 1)),)
    lead = FIRST_OPEN_LEAD_DAY + int(rand() * (AS_OF_DAY - 14 - FIRST_OPEN_LEAD_DAY + 1))
    room = AS_OF_DAY - lead
    return (lead, lead + 14 + int(rand() * ((room if room < 360 else 360) - 13)))


CONTRACT_MU = math.log(20_000)  # median 20,000 × 10,000 yuan = 200 million yuan
CONTRACT_SIGMA = 1.2


def contract_wan(rng: random.Random) -> int:
    """A contract value in 10,000 yuan (万元): log-normal, 1 million to 50 billion yuan."""
    wan = int(math.exp(rng.gauss(CONTRACT_MU, CONTRACT_SIGMA)))
    return 100 if wan < 100 else 5_000_000 if wan > 5_000_000 else wan


@dataclass
class Chunk:
    """The rows of one chunk of projects, ready to write, and what later steps need."""

    projects: list[tuple] = field(default_factory=list)
    stage_changes: list[tuple] = field(default_factory=list)
    industries: list[tuple] = field(default_factory=list)
    investors: list[tuple] = field(default_factory=list)
    organizations: set[int] = field(default_factory=set)  # organisation indexes invested through
    lead_days: list[tuple[int, int]] = field(default_factory=list)  # (project id, lead day)
    # (project id, signing day, contract value in 10,000 yuan, source region id)
    signed: list[tuple[int, int, int, int]] = field(default_factory=list)


def project_chunk(rng: random.Random, plan: Plan, start: int, stop: int) -> Chunk:
    """Projects ``start`` … ``stop - 1`` (0-based) with their stage history and links.

    The hot loop of the generator: one random number per choice, lookups in tables prepared
    by ``make_plan``, no model instances.
    """
    rand = rng.random
    ref = plan.ref
    sources, industries, pool = ref.sources, ref.industries, plan.source_pool
    n_sources, n_industries, n_pool = len(sources), len(industries), len(pool)
    per_source, first_organization = plan.organizations_per_source, plan.first_organization_id
    days, names = plan.days, plan.names
    prefix = code_prefix(plan.seed)
    confirmed, estimated = MoneyBasis.CONFIRMED.value, MoneyBasis.ESTIMATED.value
    chunk = Chunk()
    add_project, add_change = chunk.projects.append, chunk.stage_changes.append
    add_industry, add_investor = chunk.industries.append, chunk.investors.append
    add_lead, add_signed = chunk.lead_days.append, chunk.signed.append
    add_organization = chunk.organizations.add
    first_id = plan.first_project_id
    for n in range(start, stop):
        project_id = first_id + n
        stage = STAGE_TABLE[int(rand() * 100)]
        status, reasons = STATUS_TABLE[int(rand() * 100)]
        category = CATEGORY_TABLE[int(rand() * 100)]
        category_names = names[category]
        destination_id, name_zh, name_en = category_names[int(rand() * len(category_names))]
        source_index = pool[int(rand() * n_pool)]
        source_id = sources[source_index].id
        reached = stage_days(rand, stage)
        if stage >= SIGNED:
            wan = contract_wan(rng)
            contract = Decimal(wan * 10_000)
            planned = Decimal(int(wan * (1 + rand() * 0.5)) * 10_000)
            jobs = 20 + int(rand() * (wan // 20 if wan < 100_000 else 5_000))
            signed_day = reached[SIGNED]
            add_signed((project_id, signed_day, wan, source_id))
            organization = source_index + n_sources * int(rand() * per_source)
            add_investor((project_id, first_organization + organization))
            add_organization(organization)
            dates = (
                days[signed_day],
                days[reached[STARTED]] if stage >= STARTED else None,
                days[reached[OPERATING]] if stage == OPERATING else None,
            )
        else:
            contract = jobs = None
            planned = Decimal(contract_wan(rng) * 10_000) if stage or rand() < 0.5 else None
            dates = (None, None, None)
        add_project(
            (
                project_id,
                f"{prefix}{n + 1:07d}",  # SYN-{seed}-0000001 …
                name_zh,
                name_en,
                TYPE_TABLE[int(rand() * 100)],
                STAGES[stage],
                status,
                reasons[int(rand() * len(reasons))] if reasons else "",
                source_id,
                destination_id,
                category,
                contract,
                confirmed if contract is not None else estimated,
                planned,
                estimated,
                *dates,
                jobs,
            )
        )
        previous = ""
        for reached_stage, day in enumerate(reached):
            to_stage = STAGES[reached_stage]
            add_change((project_id, previous, to_stage, days[day]))
            previous = to_stage
        if n_industries:
            add_industry((project_id, industries[int(rand() * n_industries)]))
        add_lead((project_id, reached[0]))
    return chunk


def follow_up_rows(rng: random.Random, plan: Plan, chunk: Chunk, count: int) -> list[tuple]:
    """``count`` follow-ups on random projects of ``chunk``, dated between the project's lead
    and AS_OF. Most have a next action; of those due by AS_OF, 30 % are still open, i.e.
    overdue. Rows: (project, date, kind, summary, next action, due, done)."""
    rand = rng.random
    days = plan.days
    leads = chunk.lead_days
    rows = []
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
        rows.append((project_id, days[day], kind, summary, action, due, done))
    return rows


def month_index(day: int) -> int:
    """Months since year 0 of the month that day offset ``day`` falls in."""
    date = EPOCH + datetime.timedelta(days=day)
    return date.year * 12 + date.month - 1


def funds_rows(
    rng: random.Random, chunk: Chunk, count: int, month_values: dict[int, Any]
) -> list[tuple]:
    """Up to ``count`` funds rows on the chunk's signed projects, from the signing month to
    AS_OF, 2 to 20 % of the contract value each (a multiple of 10,000 yuan), from the project's
    source region; unique per project, month and source. Fewer when the chunk's project-months
    run out. Rows: (project, first of month, amount, source region)."""
    rand = rng.random
    signed = chunk.signed
    if not signed:
        return []
    last_month = month_index(AS_OF_DAY)
    seen: set[tuple[int, int]] = set()
    rows = []
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
        rows.append((project_id, month_values[month], amount, source_id))
    return rows


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
    with sqlite_cache(), transaction.atomic():
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
        rows = write_all(make_plan(n_projects, seed, ref), n_projects, followups, funds, progress)
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
    now = timezone.now()
    sample = {"is_sample": True}
    organizations = TableWriter(
        Organization,
        ("id", "name_zh", "name_en", "hq_region"),
        {**sample, "kind": OrganizationKind.ENTERPRISE.value},
        now,
    )
    projects = TableWriter(Project, PROJECT_FIELDS, sample, now)
    stage_changes = TableWriter(
        StageChange, ("project", "from_stage", "to_stage", "date"), None, now
    )
    industry_links = TableWriter(Project.industries.through, ("project", "industry"))
    investor_links = TableWriter(Project.investors.through, ("project", "organization"))
    follow_ups = TableWriter(
        FollowUp,
        (
            "project",
            "date",
            "kind",
            "summary",
            "next_action",
            "next_action_due",
            "next_action_done",
        ),
        sample,
        now,
    )
    funds_in_place = TableWriter(
        FundsInPlace, ("project", "month", "amount", "source_region"), sample, now
    )
    project_rng = random.Random(f"{plan.seed}:projects")
    follow_up_rng = random.Random(f"{plan.seed}:followups")
    funds_rng = random.Random(f"{plan.seed}:funds")
    month_values: dict[int, Any] = {}
    with connection.cursor() as cursor:
        written: set[int] = set()
        for start in range(0, n_projects, CHUNK):
            stop = min(start + CHUNK, n_projects)
            chunk = project_chunk(project_rng, plan, start, stop)
            projects.write(cursor, chunk.projects)
            stage_changes.write(cursor, chunk.stage_changes)
            industry_links.write(cursor, chunk.industries)
            organizations.write(
                cursor, organization_rows(plan, sorted(chunk.organizations - written))
            )
            written |= chunk.organizations
            investor_links.write(cursor, chunk.investors)
            count = share(followups, start, stop, n_projects)
            follow_ups.write(cursor, follow_up_rows(follow_up_rng, plan, chunk, count))
            count = share(funds, start, stop, n_projects)
            funds_in_place.write(cursor, funds_rows(funds_rng, chunk, count, month_values))
            if progress:
                progress(stop, n_projects)
    writers = (
        projects,
        stage_changes,
        industry_links,
        investor_links,
        organizations,
        follow_ups,
        funds_in_place,
    )
    return {w.model._meta.label_lower: w.rows_written for w in writers if w.rows_written}
