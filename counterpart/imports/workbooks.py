"""Workbooks in the import's own columns: the rows of an entity, and a blank template.

An export written here imports back unchanged: each reference is written as the first of its
names (Chinese name, then code) that finds the same row again, choices by their label, yes/no as
是/否. Text that would start a formula gets the apostrophe of ``reports.xlsx.safe_cell``, which
the import takes off again. The bytes are written by ``core.export`` (as every list's export).
"""

from __future__ import annotations

import io

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from counterpart.core.parsing import ParseError
from counterpart.reports.xlsx import safe_cell as escape_formula

from .entities import BoundColumn, Entity, Kind
from .references import KINDS, References

PERSONAL_FIELDS = {"phone", "email"}
MASK = "***"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")


def headers(columns: list[BoundColumn], lang: str) -> list[str]:
    return [column.label_zh if lang == "zh" else column.label_en for column in columns]


# ---------------------------------------------------------------------------- rows of an entity


class RowWriter:
    """Field values as cells that read back as the same values."""

    def __init__(self, lang: str = "zh"):
        self.lang = lang
        self.references = References()

    def cell(self, column: BoundColumn, instance: models.Model, personal: bool = True):
        kind = column.kind
        if column.name in PERSONAL_FIELDS and not personal:
            value = getattr(instance, column.name)
            return MASK if value else ""
        if kind == Kind.STAGE_DATE:
            return getattr(instance, "stage_since", None)
        value = getattr(instance, column.name)
        if kind == Kind.REFS:
            return "、".join(self.reference(column.reference, row) for row in value.all())
        if kind == Kind.REF:
            return self.reference(column.reference, value) if value is not None else ""
        if kind == Kind.CONTACT:
            return value.name if value is not None else ""
        if kind == Kind.CHOICE:
            return str(dict(column.choices).get(value, value)) if value else ""
        if kind == Kind.BOOL:
            return ("是" if value else "否") if self.lang == "zh" else ("yes" if value else "no")
        if kind == Kind.MONTH:
            return value.strftime("%Y-%m") if value else ""
        if value is None:
            return ""
        return escape_formula(value) if isinstance(value, str) else value

    def reference(self, kind: str, row: models.Model) -> str:
        """The first of the row's names that finds it again (its code when names repeat)."""
        names = [n for n in KINDS[kind][2](row) if n]
        preferred = sorted(names, key=lambda n: (n.isascii() and kind != "user", 0))
        for name in preferred:
            try:
                if self.references.find(kind, name).pk == row.pk:
                    return escape_formula(name)
            except ParseError:
                continue
        return escape_formula(names[0]) if names else ""


def entity_rows(entity: Entity, queryset, lang: str = "zh", personal: bool = False) -> list[list]:
    """A header row and one row per object, in the import's columns; contacts' phone and e-mail
    masked unless ``personal``."""
    columns = entity.bound_columns()
    writer = RowWriter(lang)
    with translation.override("zh-hans" if lang == "zh" else "en"):
        rows = [headers(columns, lang)]
        for instance in queryset:
            rows.append([writer.cell(column, instance, personal) for column in columns])
    return rows


# ---------------------------------------------------------------------------- templates

EXAMPLES = {
    Kind.DATE: "2023-04-22",
    Kind.STAGE_DATE: "2023-04-22",
    Kind.MONTH: "2023-04",
    Kind.MONEY: "19.5亿元",
    Kind.DECIMAL: "41.3",
    Kind.COUNT: "120",
    Kind.BOOL: "是",
}


def template_bytes(entity: Entity, lang: str = "zh") -> bytes:
    """A blank workbook for ``entity``: headers, one example row, lists for the choices, and a
    sheet explaining each column. Headers in ``lang``; the other language's in each comment."""
    columns = entity.bound_columns()
    book = Workbook()
    data = book.active
    data.title = _("Data")[:31]
    lists = book.create_sheet(_("Lists")[:31])
    help_sheet = book.create_sheet(_("Columns")[:31])
    help_sheet.append([_("column"), _("other language"), _("required"), _("how to write it")])
    for index, column in enumerate(columns, start=1):
        header = column.label_zh if lang == "zh" else column.label_en
        other = column.label_en if lang == "zh" else column.label_zh
        cell = data.cell(row=1, column=index, value=header)
        cell.fill = HEADER_FILL
        if column.required:
            cell.font = REQUIRED_FONT
        cell.comment = Comment(f"{other}\n{_how_to_write(column)}", "Counterpart")
        data.cell(row=2, column=index, value=_example(column))
        data.column_dimensions[get_column_letter(index)].width = max(12, len(header) * 2 + 2)
        help_sheet.append(
            [header, other, _("yes") if column.required else _("no"), _how_to_write(column)]
        )
        choices = _choice_labels(column)
        if choices:
            letter = get_column_letter(index)
            for row, label in enumerate(choices, start=1):
                lists[f"{letter}{row}"] = label
            validation = DataValidation(
                type="list",
                formula1=f"'{lists.title}'!${letter}$1:${letter}${len(choices)}",
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=str(header),
                error=_("Choose a value from the list."),
            )
            validation.add(f"{letter}2:{letter}10000")
            data.add_data_validation(validation)
    data.freeze_panes = "A2"
    lists.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _choice_labels(column: BoundColumn) -> list[str]:
    if column.kind == Kind.CHOICE:
        return [str(label) for _value, label in column.choices]
    if column.kind == Kind.BOOL:
        return [_("yes"), _("no")]
    return []


def _example(column: BoundColumn):
    if column.kind == Kind.CHOICE and column.choices:
        return str(column.choices[0][1])
    if column.kind in EXAMPLES:
        return EXAMPLES[column.kind]
    if column.kind in (Kind.REF, Kind.REFS):
        return {
            "region": "哈尔滨市",
            "organization": "91440300MA5EXAMPLE",
            "industry": "C27",
            "user": "officer-230100",
        }.get(column.reference, "")
    return ""


def _how_to_write(column: BoundColumn) -> str:
    return {
        Kind.DATE: _("a date: 2023-04-22, 2023/4/22 or 2023年4月22日"),
        Kind.STAGE_DATE: _("a date: 2023-04-22, 2023/4/22 or 2023年4月22日"),
        Kind.MONTH: _("a month: 2023-04 or 2023年4月"),
        Kind.MONEY: _("an amount: 19.5亿元, 3000万元, 98.238 billion, or yuan"),
        Kind.DECIMAL: _("a number"),
        Kind.COUNT: _("a whole number"),
        Kind.BOOL: _("是 or 否"),
        Kind.CHOICE: _("one of the list"),
        Kind.REF: _("a code or name"),
        Kind.REFS: _("codes or names, separated by 、"),
        Kind.CONTACT: _("the contact's name, within the organisation of the row"),
    }.get(column.kind, _("text"))
