import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from counterpart.core.tables import (
    BaseTable,
    ChoiceColumn,
    LinkColumn,
    NameColumn,
    RelatedColumn,
)

from .models import Pairing, Region, Zone

COUNT_ATTRS = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class RegionTable(BaseTable):
    code = LinkColumn()
    name = NameColumn()
    name_en = tables.Column()
    short_name_zh = tables.Column()
    level = ChoiceColumn()
    parent = RelatedColumn()
    province = RelatedColumn()
    letter_code = tables.Column()

    exempt_columns = ("code", "actions")
    default_columns = ("name", "name_en", "level", "parent")

    class Meta(BaseTable.Meta):
        model = Region
        fields = ()


class ZoneTable(BaseTable):
    name = NameColumn()
    name_en = tables.Column()
    kind = ChoiceColumn()
    region = RelatedColumn()
    operator = RelatedColumn()
    project_count = tables.Column(verbose_name=_("projects"), attrs=COUNT_ATTRS)

    exempt_columns = ("name", "actions")
    default_columns = ("kind", "region", "operator", "project_count")
    related_columns = ("kind", "project_count")

    class Meta(BaseTable.Meta):
        model = Zone
        fields = ()


class PairingTable(BaseTable):
    code = LinkColumn()
    home_region = RelatedColumn()
    partner_region = RelatedColumn()
    level = ChoiceColumn(accessor="home_region__level", verbose_name=_("level"))
    since_year = tables.Column()
    parent = RelatedColumn()
    agreement_count = tables.Column(verbose_name=_("agreements"), attrs=COUNT_ATTRS)
    event_count = tables.Column(verbose_name=_("events"), attrs=COUNT_ATTRS)

    exempt_columns = ("code", "actions")
    default_columns = (
        "home_region",
        "partner_region",
        "level",
        "since_year",
        "agreement_count",
        "event_count",
    )

    class Meta(BaseTable.Meta):
        model = Pairing
        fields = ()
