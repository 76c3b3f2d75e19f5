from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from counterpart.core.admin import ChangeLoggedAdmin

from .forms import OrganizationForm
from .models import Contact, Organization, OrganizationAlias, Ranking, RankingList


class RankingHeldFilter(admin.SimpleListFilter):
    title = _("ranking held")
    parameter_name = "ranking"

    def lookups(self, request, model_admin):
        return RankingList.choices

    def queryset(self, request, queryset):
        if self.value() not in RankingList.values:
            return queryset
        held = Ranking.objects.filter(organization=OuterRef("pk"), ranking_list=self.value())
        return queryset.filter(Exists(held))


class OrganizationAliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 0
    fields = ("alias", "language")


class RankingInline(admin.TabularInline):
    model = Ranking
    extra = 0
    fields = ("ranking_list", "list_name", "year", "position", "source")


class ContactInline(admin.TabularInline):
    """Personal data: shown to staff who hold the contact permissions only."""

    model = Contact
    extra = 0
    fields = ("name", "name_en", "title", "phone", "email", "is_sample")
    show_change_link = True


@admin.register(Organization)
class OrganizationAdmin(ChangeLoggedAdmin):
    form = OrganizationForm
    list_display = (
        "name_zh",
        "name_en",
        "kind",
        "credit_code",
        "hq_region",
        "parent",
        "is_sample",
    )
    list_filter = (
        "kind",
        "is_sample",
        ("hq_region__province", admin.RelatedOnlyFieldListFilter),
        RankingHeldFilter,
    )
    list_select_related = ("hq_region", "parent")
    search_fields = ("name_zh", "name_en", "credit_code", "aliases__alias")
    autocomplete_fields = ("hq_region", "parent", "industries")
    fieldsets = (
        (None, {"fields": ("kind", "name_zh", "name_en", "hq_region", "parent", "industries")}),
        (
            _("Unified social credit code"),
            {
                "fields": ("credit_code", "credit_code_override"),
                "description": _(
                    "Checked against GB 32100-2015. A code whose check character fails is kept "
                    "only with a reason."
                ),
            },
        ),
        (None, {"fields": ("website", "notes", "is_sample")}),
    )
    inlines = (OrganizationAliasInline, RankingInline, ContactInline)


@admin.register(OrganizationAlias)
class OrganizationAliasAdmin(ChangeLoggedAdmin):
    list_display = ("alias", "language", "organization")
    list_filter = ("language",)
    list_select_related = ("organization",)
    search_fields = ("alias", "organization__name_zh", "organization__name_en")
    autocomplete_fields = ("organization",)


@admin.register(Ranking)
class RankingAdmin(ChangeLoggedAdmin):
    list_display = ("organization", "ranking_list", "list_name", "year", "position")
    list_filter = ("ranking_list", "year")
    list_select_related = ("organization",)
    search_fields = ("organization__name_zh", "organization__name_en", "list_name")
    autocomplete_fields = ("organization",)


@admin.register(Contact)
class ContactAdmin(ChangeLoggedAdmin):
    list_display = ("name", "name_en", "title", "organization", "phone", "email", "is_sample")
    list_filter = ("is_sample", "organization__kind")
    list_select_related = ("organization",)
    search_fields = (
        "name",
        "name_en",
        "title",
        "email",
        "organization__name_zh",
        "organization__name_en",
    )
    autocomplete_fields = ("organization",)
