import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from counterpart.core.tables import (
    BaseTable,
    BooleanColumn,
    ChoiceColumn,
    DateColumn,
    LinkColumn,
    ManyColumn,
    NameColumn,
    RelatedColumn,
)

from .models import Contact, Organization

COUNT_ATTRS = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class OrganizationTable(BaseTable):
    name = NameColumn()
    name_zh = tables.Column()
    name_en = tables.Column()
    kind = ChoiceColumn()
    credit_code = tables.Column(attrs={"td": {"class": "text-nowrap font-monospace small"}})
    hq_region = RelatedColumn()
    parent = RelatedColumn()
    industries = ManyColumn(verbose_name=_("industries"))
    aliases = ManyColumn(verbose_name=_("aliases"), link=False)
    project_count = tables.Column(verbose_name=_("projects invested"), attrs=COUNT_ATTRS)
    contact_count = tables.Column(verbose_name=_("contacts"), attrs=COUNT_ATTRS)
    is_sample = BooleanColumn()
    updated_at = DateColumn(verbose_name=_("updated"))

    exempt_columns = ("name", "actions")
    default_columns = ("kind", "credit_code", "hq_region", "industries", "project_count")

    class Meta(BaseTable.Meta):
        model = Organization
        fields = ()


class ContactTable(BaseTable):
    name = LinkColumn()
    name_en = tables.Column()
    organization = RelatedColumn()
    title = tables.Column()
    phone = tables.Column(attrs={"td": {"class": "text-nowrap"}})
    email = tables.EmailColumn()
    is_sample = BooleanColumn()

    exempt_columns = ("name", "actions")
    default_columns = ("organization", "title", "phone", "email")
    personal_columns = ("phone", "email")

    class Meta(BaseTable.Meta):
        model = Contact
        fields = ()
