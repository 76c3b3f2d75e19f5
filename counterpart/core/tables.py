"""Tables for the object lists (django-tables2): a base with per-user column choice and columns
that format money, names and choices the same way on every page.

A cell has two faces: ``render`` (HTML for the page) and ``value`` (what an export writes:
money stays a Decimal number, dates stay dates, names are plain text).
"""

from __future__ import annotations

from collections.abc import Iterable

import django_tables2 as tables
from django.db.models import F
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from counterpart.core import formatting
from counterpart.core.models import ChangeRecord

__all__ = [
    "ActionsColumn",
    "BaseTable",
    "BooleanColumn",
    "ChangeRecordTable",
    "ChoiceColumn",
    "DateColumn",
    "LinkColumn",
    "ManyColumn",
    "MaskedColumn",
    "MoneyColumn",
    "NameColumn",
    "RelatedColumn",
    "SelectColumn",
    "VerifiedColumn",
    "localized",
    "object_url",
    "ui_lang",
]


def ui_lang() -> str:
    """The active language as the formatting module names it: "zh" or "en"."""
    return "en" if (get_language() or "").startswith("en") else "zh"


def localized(obj, base: str = "name") -> str:
    """``<base>_en`` where English is active and the object has one, else ``<base>_zh``.

    Objects without bilingual fields are shown with ``str()``.
    """
    if obj is None:
        return ""
    if getattr(getattr(obj, "_meta", None), "label_lower", "") == "geo.pairing":
        return f"{localized(obj.home_region)}—{localized(obj.partner_region)}"
    if base == "name" and not hasattr(obj, "name_zh") and hasattr(obj, "title_zh"):
        base = "title"
    zh = getattr(obj, f"{base}_zh", None)
    if zh is None:
        return str(obj)
    if ui_lang() == "en":
        return getattr(obj, f"{base}_en", "") or zh
    return zh


def choice_label(obj) -> str:
    """An option of a select: the localized name where the object is known by its name
    (regions, organisations, task forces …), else the object's own text (a project's code and
    name, a contact with their organisation)."""
    text = str(obj)
    base = "name" if hasattr(obj, "name_zh") else "title"
    if text == getattr(obj, f"{base}_zh", None):
        return localized(obj, base)
    return localized(obj) if obj._meta.label_lower == "geo.pairing" else text


def localize_choices(form) -> None:
    """Options of every model select of ``form`` in the active language."""
    from django import forms

    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            field.label_from_instance = choice_label


def object_url(obj, action: str = "") -> str | None:
    """The page of ``obj`` (or its ``edit``/``delete`` page); None where there is none."""
    from counterpart.core.views import object_url as url

    return url(obj, action)


def _link(obj, text=None):
    url = object_url(obj)
    text = localized(obj) if text is None else text
    return format_html('<a href="{}">{}</a>', url, text) if url else text


class LinkColumn(tables.Column):
    """The value, linked to the row's object page (use for codes and titles)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("linkify", lambda record: object_url(record))
        kwargs.setdefault("attrs", {"td": {"class": "text-nowrap"}})
        super().__init__(*args, **kwargs)


class NameColumn(tables.Column):
    """A bilingual name (``name_zh``/``name_en`` or ``title_zh``/…) in the active language,
    linked to the row's page."""

    def __init__(self, base: str = "name", *args, **kwargs):
        self.base = base
        kwargs.setdefault("accessor", f"{base}_zh")
        kwargs.setdefault("order_by", (f"{base}_zh",))
        kwargs.setdefault(
            "verbose_name",
            pgettext_lazy("object", "name") if base == "name" else pgettext_lazy("object", "title"),
        )
        kwargs.setdefault("linkify", lambda record: object_url(record))
        super().__init__(*args, **kwargs)

    def render(self, record):
        return localized(record, self.base)

    def value(self, record):
        return localized(record, self.base)


class RelatedColumn(tables.Column):
    """A foreign key shown by its localized name, linked to its page."""

    def __init__(self, *args, link: bool = True, **kwargs):
        if link:
            kwargs.setdefault("linkify", lambda value: object_url(value))
        super().__init__(*args, **kwargs)

    def render(self, value):
        return localized(value)

    def value(self, value):
        return localized(value)


class ManyColumn(tables.Column):
    """A to-many relation (prefetched!) as a list of linked names."""

    separator = "、"

    def __init__(self, *args, link: bool = True, **kwargs):
        self.link_items = link
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    def _items(self, value) -> list:
        return list(value.all()) if hasattr(value, "all") else list(value or ())

    def render(self, value):
        items = self._items(value)
        if not items:
            return "—"
        if self.link_items:
            return format_html_join(self.separator, "{}", ((_link(o),) for o in items))
        return self.separator.join(localized(o) for o in items)

    def value(self, value):
        return "; ".join(localized(o) for o in self._items(value))


class MoneyColumn(tables.Column):
    """Decimal yuan: 982.38亿元 / 98.238 billion yuan on the page, the number in exports."""

    money = True

    def __init__(self, *args, **kwargs):
        attrs = kwargs.setdefault("attrs", {})
        attrs.setdefault("td", {"class": "text-end text-nowrap"})
        attrs.setdefault("th", {"class": "text-end"})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return formatting.money(value, ui_lang())

    def value(self, value):
        return value

    def order(self, queryset, is_descending):
        """Amounts not yet known sort last either way, on SQLite and PostgreSQL alike (their
        defaults differ: PostgreSQL puts NULL first in a descending sort)."""
        field = F(
            self.order_by[0].lstrip("-") if self.order_by else self.accessor.replace(".", "__")
        )
        ordered = field.desc(nulls_last=True) if is_descending else field.asc(nulls_last=True)
        return queryset.order_by(ordered, "pk"), True


class ChoiceColumn(tables.Column):
    """A choice shown by its label; with ``badges`` ({value: Bootstrap colour}) as a badge."""

    def __init__(self, *args, badges: dict[str, str] | None = None, **kwargs):
        self.badges = badges or {}
        super().__init__(*args, **kwargs)

    def render(self, value, record, bound_column):
        try:
            raw = tables.A(bound_column.accessor).resolve(record)
        except (AttributeError, ValueError, TypeError):
            raw = None
        colour = self.badges.get(raw)
        if colour:
            return format_html('<span class="badge text-bg-{}">{}</span>', colour, value)
        return value

    def value(self, value):
        return str(value)


class BooleanColumn(tables.Column):
    """Yes/No in words (not a tick that a screen reader cannot say)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    def render(self, value):
        return _("yes") if value else _("no")

    def value(self, value):
        return str(_("yes") if value else _("no"))


class DateColumn(tables.DateColumn):
    """ISO dates (2023-04-22) in both languages: unambiguous and sortable by eye."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("format", "Y-m-d")
        kwargs.setdefault("attrs", {"td": {"class": "text-nowrap"}})
        super().__init__(*args, **kwargs)

    def value(self, value):
        return value


class MaskedColumn(tables.Column):
    """A personal field the user may not see (``permissions.masked_fields``): masked on the
    page and in exports, and not sortable (the order would tell the values apart)."""

    def __init__(self, *args, **kwargs):
        kwargs["orderable"] = False
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    def render(self):
        from counterpart.core.permissions import MASK

        return MASK

    def value(self):
        from counterpart.core.permissions import MASK

        return MASK


class VerifiedColumn(tables.Column):
    """Whether the row's figures are verified: the date, or an "unverified" badge (未核实)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("accessor", "verified_at")
        kwargs.setdefault("verbose_name", _("verified"))
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("attrs", {"td": {"class": "text-nowrap"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        if value is None:
            return format_html(
                '<span class="badge text-bg-warning unverified-badge">{}</span>', _("unverified")
            )
        return value.date().isoformat()

    def value(self, value):
        return value.date() if value is not None else str(_("unverified"))


class SelectColumn(tables.Column):
    """A checkbox per row for the list's bulk verification form (``form="bulk-verify"``): shown
    only to users who may verify (``BaseTable``), never exported."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("verbose_name", "")
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("exclude_from_export", True)
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    def render(self, value, record):
        return format_html(
            '<input class="form-check-input" type="checkbox" name="pk" value="{}" '
            'form="bulk-verify" aria-label="{}">',
            value,
            _("Select %(object)s") % {"object": record},
        )


class ActionsColumn(tables.Column):
    """Edit and delete buttons for the row (never exported, never hidden), each shown only to
    a user who may use it on that row.

    Rendered in Python, not by a template: a template per cell cost a list page about 3 ms a
    row (a new context and the template's nodes each time), most of its rendering time."""

    BUTTONS = (
        ("change", "edit", "btn-outline-secondary", _("Edit"), _("Edit %(object)s")),
        ("delete", "delete", "btn-outline-danger", _("Delete"), _("Delete %(object)s")),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("verbose_name", "")
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("exclude_from_export", True)
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("attrs", {"td": {"class": "text-end text-nowrap"}})
        super().__init__(*args, **kwargs)

    def render(self, record, table):
        from counterpart.core.permissions import can
        from counterpart.core.views import object_url

        allowed = getattr(table, "permissions", None) or {}
        buttons = []
        for action, view, style, label, described in self.BUTTONS:
            if not allowed.get(action) or not can(table.user, action, record):
                continue
            url = object_url(record, view)
            if url:
                buttons.append(
                    format_html(
                        '<a class="btn btn-sm {} py-0 px-1" href="{}" aria-label="{}">{}</a>',
                        style,
                        url,
                        described % {"object": record},
                        label,
                    )
                )
        return format_html_join("\n", "{}", ((button,) for button in buttons))


class BaseTable(tables.Table):
    """A table whose visible columns each user chooses (kept in ``User.preferences``).

    ``default_columns``: shown until the user chooses (empty: all).
    ``exempt_columns``: always shown, not offered in the choice (the link column, actions).
    ``personal_columns``: personal data (phone, e-mail), left out of exports unless asked for.
    Columns of the fields ``user`` sees masked (``permissions.masked_fields``; all of them
    without a user) are masked on the page and in exports.
    """

    default_columns: tuple[str, ...] = ()
    related_columns: tuple[str, ...] = ()  # on other objects' pages (default: default_columns)
    exempt_columns: tuple[str, ...] = ("actions",)
    personal_columns: tuple[str, ...] = ()

    actions = ActionsColumn()

    class Meta:
        attrs = {"class": "table table-hover table-sm align-middle mb-0"}
        template_name = "web/table.html"
        empty_text = _("Nothing to show.")

    def __init__(
        self,
        data,
        *args,
        user=None,
        columns: Iterable[str] | None = None,
        show_actions: bool = True,
        **kwargs,
    ):
        names = list(type(self).base_columns)
        if "select" in names and not (show_actions and self.may_select(user)):
            names.remove("select")  # the bulk verification's checkboxes: for verifiers only
        chosen = list(columns) if columns is not None else self.preferred_columns(user)
        if not chosen:
            chosen = list(self.default_columns) or names
        visible = [n for n in chosen if n in names and n not in self.exempt_columns]
        leading = [n for n in self.exempt_columns if n in names and n != "actions"]
        trailing = ["actions"] if show_actions and "actions" in names else []
        sequence = leading + visible + trailing
        kwargs["sequence"] = [*sequence, "..."]
        kwargs["exclude"] = [n for n in type(self).base_columns if n not in sequence]
        masked = self.masked_columns(user)
        if masked:
            base = type(self).base_columns
            kwargs["extra_columns"] = [
                *kwargs.get("extra_columns", ()),
                *((n, MaskedColumn(verbose_name=base[n].verbose_name)) for n in masked),
            ]
        super().__init__(data, *args, **kwargs)
        self.user = user
        self.visible_names = visible

    def may_select(self, user) -> bool:
        """Whether ``user`` may verify rows of the table's model (the select column)."""
        from counterpart.core.permissions import Action, can

        return can(user, Action.VERIFY, self._meta.model)

    @classmethod
    def masked_columns(cls, user) -> list[str]:
        """The columns showing fields of the table's model that ``user`` sees masked."""
        from counterpart.core.permissions import masked_fields

        model = cls._meta.model
        if model is None:
            return []
        masked = masked_fields(user, model)
        return [n for n in cls.base_columns if n in masked]

    # ------------------------------------------------------------------ column choice

    @classmethod
    def preference_key(cls) -> str:
        return f"{cls.__module__.split('.')[1]}.{cls.__name__}"

    @classmethod
    def preferred_columns(cls, user) -> list[str]:
        if user is None or not getattr(user, "is_authenticated", False):
            return []
        chosen = (user.preferences or {}).get("tables", {}).get(cls.preference_key(), [])
        return [name for name in chosen if name in cls.base_columns]

    @classmethod
    def save_preferred_columns(cls, user, names: list[str] | None) -> None:
        """Remember ``names`` as the user's columns for this table (None: back to default)."""
        preferences = dict(user.preferences or {})
        saved = dict(preferences.get("tables", {}))
        choosable = set(cls.choosable_names())
        if names is None:
            saved.pop(cls.preference_key(), None)
        else:
            saved[cls.preference_key()] = [n for n in names if n in choosable]
        preferences["tables"] = saved
        user.preferences = preferences
        user.clean_fields(exclude=[f.name for f in user._meta.fields if f.name != "preferences"])
        user.save(update_fields=["preferences"])

    @classmethod
    def choosable_names(cls) -> list[str]:
        return [n for n in cls.base_columns if n not in cls.exempt_columns]

    def column_choices(self) -> list[tuple[str, str, bool]]:
        """(name, header, shown) of every column the user may show or hide."""
        model = getattr(self.data, "model", None) or self._meta.model
        probe = type(self)(model.objects.none() if model else [], columns=self.choosable_names())
        headers = {c.name: str(c.header) for c in probe.columns.iterall()}
        shown = set(self.visible_names)
        ordered = [n for n in self.visible_names] + [
            n for n in self.choosable_names() if n not in shown
        ]
        return [(n, headers.get(n, n), n in shown) for n in ordered]

    # ------------------------------------------------------------------ export

    def export_columns(self, personal: bool = False) -> list:
        return [
            c
            for c in self.columns.iterall()
            if not c.column.exclude_from_export
            and (personal or c.name not in self.personal_columns)
        ]

    def export_rows(self, personal: bool = False):
        """Headers, then the plain values of every row (not only the current page)."""
        columns = self.export_columns(personal)
        yield [str(c.header) for c in columns]
        for row in self.rows:
            yield [row.get_cell_value(c.name) for c in columns]

    def money_column_indexes(self, personal: bool = False) -> set[int]:
        return {
            i
            for i, c in enumerate(self.export_columns(personal))
            if getattr(c.column, "money", False)
        }


# ---------------------------------------------------------------------------- the audit log


class ChangeRecordTable(BaseTable):
    """The audit log: one row a change record, linked to its page and to its object."""

    time = tables.DateTimeColumn(
        verbose_name=_("time"),
        format="Y-m-d H:i:s",
        linkify=lambda record: object_url(record),
        attrs={"td": {"class": "text-nowrap"}},
    )
    user = tables.Column(verbose_name=_("user"), accessor="username", order_by=("username",))
    channel = ChoiceColumn(verbose_name=_("channel"))
    action = ChoiceColumn(
        verbose_name=_("action"),
        badges={"create": "success", "update": "primary", "delete": "danger", "merge": "warning"},
    )
    content_type = tables.Column(
        verbose_name=_("object type"), order_by=("content_type__app_label", "content_type__model")
    )
    object = tables.Column(
        verbose_name=_("object"), accessor="object_repr", order_by=("object_repr",)
    )
    object_id = tables.Column(verbose_name=_("object id"))
    changed_fields = tables.Column(verbose_name=_("changed fields"), orderable=False)
    request_id = tables.Column(verbose_name=_("request"), orderable=False)

    actions = None
    exempt_columns = ("time",)
    default_columns = ("user", "channel", "action", "content_type", "object", "changed_fields")

    class Meta(BaseTable.Meta):
        model = ChangeRecord
        fields = ()
        order_by = ("-time",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._existing = None

    def _exists(self, record) -> bool:
        """Whether the record's object still exists, looked up for the whole page at once."""
        from .audit import object_exists

        if self._existing is None:
            page = getattr(self, "page", None)
            rows = list(page.object_list) if page is not None else []
            self._existing = object_exists([getattr(r, "record", r) for r in rows])
        return (record.content_type_id, record.object_id) in self._existing

    def render_user(self, record):
        return record.username or "—"

    def value_user(self, record):
        return record.username

    def render_content_type(self, record):
        model = record.content_type.model_class()
        return capfirst(model._meta.verbose_name) if model else record.content_type.model

    def value_content_type(self, record):
        return str(self.render_content_type(record))

    def render_object(self, record):
        model = record.content_type.model_class()
        url = None
        if model is not None and self._exists(record):
            url = object_url(model(pk=model._meta.pk.to_python(record.object_id)))
        if url is None:
            return record.object_repr
        return format_html('<a href="{}">{}</a>', url, record.object_repr)

    def value_object(self, record):
        return record.object_repr

    def render_changed_fields(self, record):
        from .audit import changed_field_labels

        if record.action == "create":
            return _("all fields")
        return "、".join(changed_field_labels(record)) or "—"

    def value_changed_fields(self, record):
        from .audit import changed_field_labels

        if record.action == "create":
            return str(_("all fields"))
        return "; ".join(changed_field_labels(record))

    def render_request_id(self, value):
        return str(value)[:8]

    def value_request_id(self, value):
        return str(value)
