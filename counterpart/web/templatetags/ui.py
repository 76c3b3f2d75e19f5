"""Template filters and tags of the web interface: money and counts in the active language,
bilingual names, object addresses, and Bootstrap form fields with their errors beside them."""

from decimal import Decimal

from django import forms, template
from django.utils.text import capfirst

from counterpart.core import formatting
from counterpart.core.permissions import can
from counterpart.core.tables import localized as _localized
from counterpart.core.tables import ui_lang
from counterpart.core.views import list_url, object_url

register = template.Library()


@register.filter
def money(value):
    """Decimal yuan as 982.38亿元 / 98.238 billion yuan; empty as "—"."""
    if value is None or value == "":
        return "—"
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        value = Decimal(str(value))
    return formatting.money(value, ui_lang())


@register.filter
def count(value, unit_zh="个"):
    if value is None:
        return "—"
    return formatting.count(int(value), ui_lang(), unit_zh)


@register.filter
def words(items):
    """Names joined as the active language lists them (、 in Chinese, commas in English)."""
    return formatting.words(items, ui_lang())


@register.filter
def number(value):
    """A Decimal without trailing zeros and never in exponent notation: 192, 14.5."""
    if value is None:
        return "—"
    text = format(Decimal(value), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.filter
def figure_value(figure):
    """A reported figure's value in its unit: money, per cent, count, rank or years."""
    unit, value = figure.unit, figure.value
    if unit == "yuan":
        return money(value)
    if unit == "percent":
        return formatting.percent(value, ui_lang())
    if unit == "rank":
        return formatting.ordinal(int(value), ui_lang())
    return f"{number(value)} {figure.get_unit_display()}"


@register.filter
def localized(obj, base="name"):
    """The object's name (or ``title`` …) in the active language, Chinese where none."""
    return _localized(obj, base) if obj is not None else "—"


@register.filter
def url(obj, action=""):
    return object_url(obj, action) or ""


@register.simple_tag
def model_list_url(model_or_object, **params):
    return list_url(model_or_object, **params) or ""


@register.filter
def verbose_name(obj, field_name=None):
    meta = obj._meta
    if field_name:
        return capfirst(meta.get_field(field_name).verbose_name)
    return capfirst(meta.verbose_name)


@register.filter
def verbose_name_plural(obj):
    return capfirst(obj._meta.verbose_name_plural)


@register.simple_tag
def may(user, action, obj):
    """Whether ``user`` may ``action`` ("change", "delete" …) ``obj`` (``permissions.can``):
    a button the user could not use is not shown."""
    return can(user, action, obj)


@register.simple_tag
def lang():
    return ui_lang()


@register.filter
def getitem(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


# ---------------------------------------------------------------------------- form fields

CHOICE_LISTS = (forms.CheckboxSelectMultiple, forms.RadioSelect)


def _kind(widget) -> str:
    if isinstance(widget, CHOICE_LISTS):
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


@register.inclusion_tag("web/includes/field.html")
def form_field(field, compact=False, hide_label=False):
    """A labelled Bootstrap field; its help and errors are tied to it with aria-describedby."""
    widget = field.field.widget
    kind = _kind(widget)
    base_id = field.auto_id or field.html_name
    help_id = f"{base_id}_help" if field.help_text else ""
    error_id = f"{base_id}_error" if field.errors else ""
    described = " ".join(i for i in (error_id, help_id) if i)
    css = {
        "checkbox": "form-check-input",
        "select": "form-select",
        "choices": "form-check-input",
        "input": "form-control",
        "hidden": "",
    }[kind]
    if compact and kind in ("select", "input"):
        css += " form-control-sm" if kind == "input" else " form-select-sm"
    if field.errors:
        css += " is-invalid"
    attrs = {"class": (widget.attrs.get("class", "") + " " + css).strip()}
    if described:
        attrs["aria-describedby"] = described
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required and kind != "checkbox":
        attrs["aria-required"] = "true"
    rendered = field.as_widget(attrs=attrs) if kind != "choices" else ""
    return {
        "field": field,
        "kind": kind,
        "widget_html": rendered,
        "help_id": help_id,
        "error_id": error_id,
        "described": described,
        "compact": compact,
        "label_class": "visually-hidden" if hide_label else "",
    }
