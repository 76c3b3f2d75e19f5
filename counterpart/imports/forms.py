"""The import's forms: the upload, the column mapping of a file, and the commit."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils.cell import get_column_letter

from counterpart.core.tables import ui_lang

from .entities import ENTITIES, BoundColumn, Entity
from .readers import Limits, ReadError, Table, read_table

ACCEPT = ".xlsx,.xls,.ods,.csv"


def header_names(entity: Entity) -> list[str]:
    """Every header the entity knows, in any language: how the reader finds the header row."""
    return [header for column in entity.bound_columns() for header in column.headers()]


def column_label(column: BoundColumn) -> str:
    """A field as the mapping offers it: its label in the active language, the other after it."""
    if ui_lang() == "en":
        return f"{column.label_en} · {column.label_zh}"
    return f"{column.label_zh} · {column.label_en}"


def too_large_message(name: str, size: int, limit: int) -> str:
    # The reader's own message (readers.read_table), so it is translated once.
    return _("“%(name)s” is %(size)s; files over %(limit)s cannot be imported: split it.") % {
        "name": name,
        "size": filesizeformat(size),
        "limit": filesizeformat(limit),
    }


class UploadForm(forms.Form):
    """The entity, the file and optionally its sheet. A valid form has read the file's header."""

    entity = forms.ChoiceField(label=gettext_lazy("What the rows are"))
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "Excel (.xlsx, .xls), OpenDocument (.ods) or CSV; at most %(size)s."
        ),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    sheet = forms.CharField(
        label=gettext_lazy("Sheet"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Leave empty to read the first visible sheet with data."),
    )

    def __init__(self, *args, too_large: tuple[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limits = Limits.from_settings()
        self.too_large = too_large
        self.table: Table | None = None
        self.data_bytes = b""
        self.fields["entity"].choices = [
            (name, capfirst(entity.label)) for name, entity in ENTITIES.items()
        ]
        field = self.fields["file"]
        field.help_text = field.help_text % {"size": filesizeformat(self.limits.max_bytes)}
        if too_large:
            field.required = False  # the upload was dropped as it arrived; clean() says why

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > self.limits.max_bytes:
            raise forms.ValidationError(
                too_large_message(upload.name, upload.size, self.limits.max_bytes)
            )
        return upload

    def clean_sheet(self):
        return self.cleaned_data["sheet"].strip()

    def clean(self):
        cleaned = super().clean()
        if self.too_large:
            name, size = self.too_large
            self.add_error("file", too_large_message(name, size, self.limits.max_bytes))
            return cleaned
        upload, entity = cleaned.get("file"), cleaned.get("entity")
        if upload is None or not entity or self.has_error("sheet"):
            return cleaned
        data = upload.read()
        try:
            self.table = read_table(
                data,
                upload.name,
                header_names=header_names(ENTITIES[entity]),
                sheet=cleaned.get("sheet") or None,
                limits=self.limits,
            )
        except ReadError as error:
            self.add_error("file", str(error))
            return cleaned
        self.data_bytes = data
        return cleaned


class MappingForm(forms.Form):
    """One select per column of the file: the field it fills, or nothing."""

    save = forms.BooleanField(
        label=gettext_lazy("Save this mapping for files with these headers"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, entity: Entity, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.entity = entity
        self.headers = headers
        columns = entity.bound_columns()
        choices = [("", _("— ignore —"))]
        for column in columns:
            label = column_label(column)
            choices.append((column.name, f"{label} *" if column.required else label))
        self.required_names = {column.name for column in columns if column.required}
        self.column_fields = []
        for index, header in enumerate(headers):
            name = f"column_{index}"
            letter = get_column_letter(index + 1)
            self.fields[name] = forms.ChoiceField(
                label=header or _("column %(letter)s (no header)") % {"letter": letter},
                choices=choices,
                required=False,
                widget=forms.Select(
                    attrs={
                        "data-native-select": "",
                        "class": "form-select form-select-sm mapping-select",
                    }
                ),
            )
            self.column_fields.append((index, letter, header, name))

    @classmethod
    def initial_for(cls, mapping: dict[int, str]) -> dict[str, str]:
        return {f"column_{index}": name for index, name in mapping.items()}

    def mapping(self) -> dict[int, str]:
        """Column index → field name, from the cleaned data."""
        return {
            index: self.cleaned_data[name]
            for index, _letter, _header, name in self.column_fields
            if self.cleaned_data.get(name)
        }

    def rows(self):
        """(column letter, header, bound field) for the template."""
        return [(letter, header, self[name]) for _index, letter, header, name in self.column_fields]


class CommitForm(forms.Form):
    valid_rows_only = forms.BooleanField(required=False)
