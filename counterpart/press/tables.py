import django_tables2 as tables
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from counterpart.core.tables import (
    BaseTable,
    ChoiceColumn,
    DateColumn,
    RelatedColumn,
    object_url,
)
from counterpart.web.templatetags.ui import figure_value

from .models import FigureStatus, ReportedFigure, SourceDocument

COUNT_ATTRS = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}
STATUS_BADGES = {
    FigureStatus.PROPOSED: "warning",
    FigureStatus.CONFIRMED: "success",
    FigureStatus.REJECTED: "secondary",
}


class SourceDocumentTable(BaseTable):
    title = tables.Column(
        verbose_name=pgettext_lazy("document", "title"),
        linkify=lambda record: object_url(record),
    )
    publisher = tables.Column()
    published_date = DateColumn()
    language = ChoiceColumn()
    reference = tables.Column()
    proposed_figures = tables.Column(verbose_name=_("figures to review"), attrs=COUNT_ATTRS)
    confirmed_figures = tables.Column(verbose_name=_("figures confirmed"), attrs=COUNT_ATTRS)
    proposed_items = tables.Column(
        verbose_name=_("events and organisations to review"), attrs=COUNT_ATTRS
    )
    actions = None  # documents are reviewed on their page, not edited from the list

    exempt_columns = ("title",)
    default_columns = (
        "publisher",
        "published_date",
        "language",
        "proposed_figures",
        "confirmed_figures",
        "proposed_items",
    )

    class Meta(BaseTable.Meta):
        model = SourceDocument
        fields = ()


class QuoteColumn(tables.Column):
    """The quoted words, shortened, linked to the figure's page."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", _("quoted words"))
        kwargs.setdefault("linkify", lambda record: object_url(record))
        super().__init__(*args, **kwargs)

    def render(self, value):
        return Truncator(value).chars(60)

    def value(self, value):
        return value


class FigureValueColumn(tables.Column):
    """The value in its unit (982.38亿元, 41.3%, 第2位); the number itself in exports."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "attrs", {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}
        )
        super().__init__(*args, **kwargs)

    def render(self, record):
        return figure_value(record)

    def value(self, record):
        return record.value


class ReportedFigureTable(BaseTable):
    quoted_span = QuoteColumn()
    metric = ChoiceColumn()
    value = FigureValueColumn()
    qualifier = ChoiceColumn()
    status = ChoiceColumn(badges=STATUS_BADGES)
    document = RelatedColumn()
    event = RelatedColumn()
    region = RelatedColumn()
    source_region = RelatedColumn()
    period_start = DateColumn()
    period_end = DateColumn()
    scope_note = tables.Column()
    reviewed_by = RelatedColumn(link=False)
    reviewed_at = tables.DateTimeColumn(format="Y-m-d H:i", attrs={"td": {"class": "text-nowrap"}})

    exempt_columns = ("quoted_span", "actions")
    default_columns = ("metric", "value", "status", "document", "event", "period_start")
    related_columns = ("metric", "value", "status", "event")

    class Meta(BaseTable.Meta):
        model = ReportedFigure
        fields = ()
