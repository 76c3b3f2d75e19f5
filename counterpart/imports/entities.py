"""What each importable entity is: its columns, how a cell becomes a field value, its natural key.

A column is named by its model field; its kind (date, money, reference …), headers (the field's
label in Chinese and English, plus the words ledgers use) and whether it is required follow from
the field, so an entity is declared in a few lines and stays in step with its model.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from counterpart.core import parsing
from counterpart.events.models import Event
from counterpart.indicators.models import Observation
from counterpart.organizations.models import Contact, Organization
from counterpart.projects.models import FollowUp, FundsInPlace, Project
from counterpart.reports.xlsx import FORMULA_STARTS

from .references import References, normalize

MONEY_FIELDS = {"contract_value", "planned_investment", "amount", "original_amount"}
# A unit in a header's brackets scales plain numbers in its column: 签约额（万元） 3000 = 3000万元.
HEADER_UNIT = re.compile(r"[(（]\s*(?P<unit>[^()（）]*)\s*[)）]\s*$")
HEADER_UNITS = {
    "元": Decimal(1),
    "yuan": Decimal(1),
    "千元": Decimal("1e3"),
    "万元": Decimal("1e4"),
    "万": Decimal("1e4"),
    "10kyuan": Decimal("1e4"),
    "百万元": Decimal("1e6"),
    "millionyuan": Decimal("1e6"),
    "亿元": Decimal("1e8"),
    "亿": Decimal("1e8"),
    "billionyuan": Decimal("1e9"),
}


class Kind(enum.StrEnum):
    TEXT = "text"
    DATE = "date"
    MONTH = "month"
    MONEY = "money"
    DECIMAL = "decimal"
    COUNT = "count"
    BOOL = "bool"
    CHOICE = "choice"
    REF = "ref"
    REFS = "refs"
    CONTACT = "contact"  # a contact, named within the row's organisation
    STAGE_DATE = "stage_date"  # the date the project reached its current stage


REFERENCE_KINDS = {
    "geo.region": "region",
    "geo.zone": "zone",
    "geo.pairing": "pairing",
    "organizations.organization": "organization",
    "industries.industry": "industry",
    "events.event": "event",
    "projects.project": "project",
    "projects.taskforce": "task_force",
    "users.user": "user",
    "indicators.indicator": "indicator",
}


@dataclass(frozen=True)
class Column:
    """One importable field. ``name`` is the model field (or a pseudo-field with ``label``)."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: Kind | None = None  # from the field when None
    required: bool | None = None  # from the field when None
    label: object = None  # a pseudo-field's label (lazy)
    example: object = None


@dataclass
class BoundColumn:
    """A column resolved against its model: kind, labels, choices, reference kind."""

    column: Column
    kind: Kind
    required: bool
    label_zh: str
    label_en: str
    field: models.Field | None
    reference: str = ""
    choices: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.column.name

    def headers(self) -> list[str]:
        return [self.label_zh, self.label_en, self.name, *self.column.aliases]


def header_key(header: str) -> str:
    """A header as it is matched: normalised, without a unit in brackets at its end."""
    return normalize(HEADER_UNIT.sub("", str(header)))


def header_unit(header: str) -> Decimal | None:
    """The unit a header gives its plain numbers: 签约额（万元） → 10,000; none → None."""
    match = HEADER_UNIT.search(str(header))
    return HEADER_UNITS.get(normalize(match["unit"])) if match else None


@dataclass
class Entity:
    name: str  # the CLI's name: projects, organizations …
    model: type[models.Model]
    columns: tuple[Column, ...]
    # The lookups that may find the row a file's row is about, most exact first, and whether
    # finding it by that lookup is a fallback to flag (name plus region …).
    keys: Callable[[dict], list[tuple[dict, bool]]]
    many_to_many: tuple[str, ...] = ()
    reference_kind: str = ""  # rows created here may be referenced by later rows

    def bound_columns(self) -> list[BoundColumn]:
        return [bind(self.model, column) for column in self.columns]

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)


def _field_kind(model_field: models.Field, name: str) -> Kind:
    if model_field.many_to_many:
        return Kind.REFS
    if model_field.is_relation:
        return Kind.REF
    if model_field.choices:
        return Kind.CHOICE
    if isinstance(model_field, models.BooleanField):
        return Kind.BOOL
    if isinstance(model_field, models.DateField):
        return Kind.MONTH if name == "month" else Kind.DATE
    if isinstance(model_field, models.DecimalField):
        return Kind.MONEY if name in MONEY_FIELDS else Kind.DECIMAL
    if isinstance(model_field, models.IntegerField):
        return Kind.COUNT
    return Kind.TEXT


def _labels(label) -> tuple[str, str]:
    with translation.override("zh-hans"):
        zh = str(label)
    with translation.override("en"):
        en = str(label)
    return zh, en


def bind(model: type[models.Model], column: Column) -> BoundColumn:
    try:
        model_field = model._meta.get_field(column.name)
    except Exception:  # a pseudo-field (stage date, contact by name)
        model_field = None
    if model_field is None:
        zh, en = _labels(column.label)
        return BoundColumn(column, column.kind, bool(column.required), zh, en, None)
    kind = column.kind or _field_kind(model_field, column.name)
    required = column.required
    if required is None:
        required = not model_field.blank and not model_field.has_default()
    zh, en = _labels(model_field.verbose_name)
    reference = ""
    if kind in (Kind.REF, Kind.REFS):
        reference = REFERENCE_KINDS[model_field.related_model._meta.label_lower]
    return BoundColumn(
        column,
        kind,
        required,
        zh,
        en,
        model_field,
        reference=reference,
        choices=list(model_field.choices or []),
    )


# ---------------------------------------------------------------------------- reading a cell


def read_cell(column: BoundColumn, cell, references: References, unit: Decimal | None, row: dict):
    """The field value of one cell (None or "" when empty); ``ParseError`` says what is wrong.

    ``row``: the values read so far from the same row (a contact needs its organisation).
    """
    kind = column.kind
    if isinstance(cell, str):
        cell = unescape_formula(cell)
    if kind in (Kind.REF, Kind.CONTACT) and isinstance(cell, str | int | float):
        cell = _text_cell(cell)
    if kind == Kind.TEXT:
        if parsing.is_empty(cell):
            return None if column.field is not None and column.field.null else ""
        return _text_cell(cell)
    if kind in (Kind.DATE, Kind.STAGE_DATE):
        return parsing.parse_date(cell)
    if kind == Kind.MONTH:
        return _month(cell)
    if kind == Kind.MONEY:
        return _money(cell, unit)
    if kind == Kind.DECIMAL:
        return parsing.parse_decimal(cell)
    if kind == Kind.COUNT:
        return parsing.parse_count(cell)
    if kind == Kind.BOOL:
        value = parsing.parse_bool(cell)
        return column.field.get_default() if value is None else value
    if kind == Kind.CHOICE:
        value = parsing.parse_choice(cell, column.choices)
        return (column.field.get_default() or "") if value is None else value
    if parsing.is_empty(cell):
        return [] if kind == Kind.REFS else None
    if kind == Kind.REF:
        return references.find(column.reference, cell)
    if kind == Kind.REFS:
        return references.find_all(column.reference, cell)
    if kind == Kind.CONTACT:
        return references.contact(row.get("organization"), cell)
    raise AssertionError(kind)


def unescape_formula(text: str) -> str:
    """Take off the apostrophe an export puts before text that starts like a formula."""
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


def _text_cell(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # a code typed as a number (230100) is read back without ".0"
    if isinstance(cell, datetime.datetime | datetime.date):
        return cell.isoformat()
    return str(cell).strip()


def _money(cell, unit: Decimal | None) -> Decimal | None:
    """Money, with the header's unit applied to plain numbers (not to "3000万元")."""
    value = parsing.parse_money(cell)
    if value is None or unit in (None, Decimal(1)):
        return value
    plain = isinstance(cell, int | float | Decimal)
    plain = plain or parsing.plain_number(parsing.clean_text(cell)) is not None
    return (value * unit).quantize(parsing.FEN) if plain else value


def _month(cell) -> datetime.date | None:
    """A month: 2023-04, 2023年4月, 2023/4, or any day of it (kept as the 1st)."""
    if parsing.is_empty(cell):
        return None
    if isinstance(cell, str):
        text = parsing.clean_text(cell)
        match = re.fullmatch(r"(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*月?", text)
        if match:
            year, month = int(match[1]), int(match[2])
            if 1 <= month <= 12:
                return datetime.date(year, month, 1)
    day = parsing.parse_date(cell)
    return day.replace(day=1) if day else None


# ---------------------------------------------------------------------------- the entities


def _organization_keys(values: dict) -> list[tuple[dict, bool]]:
    keys = []
    if values.get("credit_code"):
        keys.append(({"credit_code": values["credit_code"]}, False))
    if values.get("name_zh"):
        keys.append(({"name_zh": values["name_zh"], "hq_region": values.get("hq_region")}, True))
    return keys


def _by(*names: str) -> Callable[[dict], list[tuple[dict, bool]]]:
    """The lookup by ``names``, all of which the row must give."""

    def keys(values: dict) -> list[tuple[dict, bool]]:
        if any(values.get(name) in (None, "") for name in names):
            return []
        return [({name: values[name] for name in names}, False)]

    return keys


def _follow_up_keys(values: dict) -> list[tuple[dict, bool]]:
    """A follow-up has no code: the same subject, day, kind and summary is the same one."""
    if not values.get("date") or not values.get("summary"):
        return []
    names = ("project", "organization", "date", "kind", "summary")
    return [({name: values.get(name) for name in names}, True)]


ENTITIES: dict[str, Entity] = {
    entity.name: entity
    for entity in [
        Entity(
            "organizations",
            Organization,
            (
                Column("name_zh", aliases=("名称", "企业名称", "单位名称", "机构名称", "name")),
                Column("name_en", aliases=("英文名", "英文名称")),
                Column("kind", aliases=("类别", "机构类型", "type")),
                Column("credit_code", aliases=("信用代码", "统一信用代码", "USCC", "credit code")),
                Column("credit_code_override"),
                Column("hq_region", aliases=("所在地", "注册地", "总部", "地区", "region")),
                Column("parent", aliases=("上级单位", "母公司")),
                Column("industries", aliases=("行业", "产业", "所属行业")),
                Column("website", aliases=("网址", "网站")),
                Column("notes", aliases=("备注",)),
            ),
            keys=_organization_keys,
            many_to_many=("industries",),
            reference_kind="organization",
        ),
        Entity(
            "contacts",
            Contact,
            (
                Column("organization", aliases=("单位", "企业", "所在单位", "organisation")),
                Column("name", aliases=("姓名", "联系人")),
                Column("name_en", aliases=("英文名",)),
                Column("title", aliases=("职务", "职位")),
                Column("phone", aliases=("电话", "手机", "联系电话")),
                Column("email", aliases=("邮箱", "电子邮件", "e-mail")),
                Column("notes", aliases=("备注",)),
            ),
            keys=_by("organization", "name", "title"),
        ),
        Entity(
            "events",
            Event,
            (
                Column("code", aliases=("活动编号", "编号")),
                Column("kind", aliases=("活动类型", "类型")),
                Column("title_zh", aliases=("活动名称", "名称", "标题", "title")),
                Column("title_en", aliases=("英文名称",)),
                Column("theme_zh", aliases=("主题",)),
                Column("theme_en"),
                Column("start_date", aliases=("日期", "开始日期", "举办日期", "date")),
                Column("end_date", aliases=("结束日期",)),
                Column("date_precision"),
                Column("part_of_day", aliases=("时段",)),
                Column("region", aliases=("举办地", "地点城市", "city")),
                Column("venue", aliases=("地点", "会场")),
                Column("organizer_region", aliases=("主办地区", "主办方")),
                Column("pairing", aliases=("对口合作",)),
                Column("parent", aliases=("所属活动", "上级活动")),
                Column("description", aliases=("说明", "简介", "备注")),
            ),
            keys=_by("code"),
            reference_kind="event",
        ),
        Entity(
            "projects",
            Project,
            (
                Column("code", aliases=("项目编号", "编号", "项目代码")),
                Column("name_zh", aliases=("项目名称", "名称", "name")),
                Column("name_en", aliases=("英文名称",)),
                Column("project_type", aliases=("项目类型", "类型")),
                Column("extends", aliases=("原项目", "所扩建项目")),
                Column("category", aliases=("项目类别", "类别")),
                Column("stage", aliases=("项目阶段", "进展阶段", "进度")),
                Column(
                    "stage_date",
                    kind=Kind.STAGE_DATE,
                    required=False,
                    label=gettext_lazy("date the stage was reached"),
                    aliases=("阶段日期", "进入阶段日期"),
                ),
                Column("status", aliases=("项目状态", "状态")),
                Column("status_reason", aliases=("状态原因", "原因")),
                Column("investors", aliases=("投资方", "投资主体", "签约企业", "投资企业", "企业")),
                Column("source_region", aliases=("资金来源地", "来源地", "投资方所在地", "source")),
                Column(
                    "destination_region",
                    aliases=("项目所在地", "落地城市", "所在地", "落户地", "destination", "city"),
                ),
                Column("zone", aliases=("园区", "落户园区")),
                Column("industries", aliases=("行业", "产业", "所属产业")),
                Column(
                    "contract_value",
                    aliases=("签约额", "签约金额", "合同金额", "协议投资额", "投资额", "总投资"),
                ),
                Column("contract_value_basis"),
                Column("original_currency", aliases=("币种",)),
                Column("original_amount", aliases=("原币金额",)),
                Column("exchange_rate", aliases=("汇率",)),
                Column("exchange_rate_date", aliases=("汇率日期",)),
                Column("planned_investment", aliases=("计划投资", "计划投资额")),
                Column("planned_investment_basis"),
                Column("signed_date", aliases=("签约日期", "签约时间")),
                Column("signed_event", aliases=("签约活动",)),
                Column("signed_on_site", aliases=("现场签约", "是否现场签约")),
                Column("start_date", aliases=("开工日期", "开工时间")),
                Column("operating_date", aliases=("投产日期", "投产时间")),
                Column("task_force", aliases=("专班",)),
                Column("officer", aliases=("经办人", "负责人", "联络员")),
                Column("expected_jobs", aliases=("预计就业", "带动就业")),
                Column("notes", aliases=("备注",)),
            ),
            keys=_by("code"),
            many_to_many=("investors", "industries"),
            reference_kind="project",
        ),
        Entity(
            "followups",
            FollowUp,
            (
                Column("project", aliases=("项目编号", "项目")),
                Column("organization", aliases=("单位", "企业")),
                Column("contact", kind=Kind.CONTACT, aliases=("联系人",)),
                Column("date", aliases=("跟进日期", "日期")),
                Column("kind", aliases=("方式", "跟进方式")),
                Column("officer", aliases=("经办人", "跟进人")),
                Column("summary", aliases=("情况", "跟进情况", "内容")),
                Column("next_action", aliases=("下一步", "下一步工作")),
                Column("next_action_due", aliases=("时限", "完成时限")),
                Column("next_action_done", aliases=("完成日期",)),
            ),
            keys=_follow_up_keys,
        ),
        Entity(
            "funds",
            FundsInPlace,
            (
                Column("project", aliases=("项目编号", "项目")),
                Column("month", aliases=("月份", "到位月份")),
                Column("amount", aliases=("到位资金", "金额", "到位金额")),
                Column("amount_basis"),
                Column("source_region", aliases=("资金来源地", "来源地")),
                Column("note", aliases=("备注",)),
            ),
            keys=_by("project", "month", "source_region"),
        ),
        Entity(
            "observations",
            Observation,
            (
                Column("indicator", aliases=("指标",)),
                Column("region", aliases=("地区",)),
                Column("period_type", aliases=("期别", "统计周期")),
                Column("period_start", aliases=("起始日期", "开始")),
                Column("period_end", aliases=("截止日期", "结束")),
                Column("value", aliases=("数值", "值")),
                Column("basis"),
                Column("note", aliases=("备注",)),
            ),
            keys=_by("indicator", "region", "period_start", "period_end"),
        ),
    ]
}


def entity_named(name: str) -> Entity:
    try:
        return ENTITIES[name]
    except KeyError:
        raise KeyError(
            _("No entity “%(name)s”: choose one of %(names)s.")
            % {"name": name, "names": ", ".join(ENTITIES)}
        ) from None
