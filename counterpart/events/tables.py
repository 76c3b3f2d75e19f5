import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from counterpart.core.tables import (
    BaseTable,
    BooleanColumn,
    ChoiceColumn,
    DateColumn,
    LinkColumn,
    MoneyColumn,
    NameColumn,
    RelatedColumn,
)

from .models import Event

COUNT_ATTRS = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class EventTable(BaseTable):
    code = LinkColumn()
    title = NameColumn("title")
    kind = ChoiceColumn()
    start_date = DateColumn()
    end_date = DateColumn()
    region = RelatedColumn()
    venue = tables.Column()
    organizer_region = RelatedColumn()
    pairing = RelatedColumn()
    parent = RelatedColumn()
    signed_count = tables.Column(verbose_name=_("projects signed"), attrs=COUNT_ATTRS)
    signed_value = MoneyColumn(verbose_name=_("contract value signed"))
    is_sample = BooleanColumn()

    exempt_columns = ("code", "actions")
    default_columns = (
        "title",
        "kind",
        "start_date",
        "region",
        "parent",
        "signed_count",
        "signed_value",
    )
    related_columns = ("title", "kind", "start_date", "signed_count")

    class Meta(BaseTable.Meta):
        model = Event
        fields = ()
