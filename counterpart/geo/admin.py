from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from counterpart.core.admin import FORMFIELD_OVERRIDES, ChangeLoggedAdmin

from .models import Agreement, Pairing, Region, Zone


@admin.register(Region)
class RegionAdmin(ChangeLoggedAdmin):
    list_display = ("code", "name_zh", "short_name_zh", "name_en", "level", "parent", "province")
    list_display_links = ("code", "name_zh")
    list_filter = ("level", ("province", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("parent", "province")
    search_fields = ("code", "name_zh", "short_name_zh", "name_en", "letter_code")
    autocomplete_fields = ("parent",)
    readonly_fields = ("province",)
    fields = (
        "code",
        "name_zh",
        "short_name_zh",
        "name_en",
        "level",
        "parent",
        "province",
        "letter_code",
        "source",
    )


@admin.register(Zone)
class ZoneAdmin(ChangeLoggedAdmin):
    list_display = ("name_zh", "name_en", "kind", "region", "operator")
    list_filter = ("kind", ("region__province", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("region", "operator")
    search_fields = ("name_zh", "name_en", "region__name_zh", "region__code")
    autocomplete_fields = ("region", "operator")


class AgreementInline(admin.TabularInline):
    model = Agreement
    extra = 0
    fields = ("title_zh", "title_en", "signed_date", "date_precision", "event", "url")
    autocomplete_fields = ("event",)
    formfield_overrides = FORMFIELD_OVERRIDES
    show_change_link = True


@admin.register(Pairing)
class PairingAdmin(ChangeLoggedAdmin):
    list_display = ("code", "home_region", "partner_region", "level", "since_year", "parent")
    list_filter = (
        "home_region__level",
        ("home_region__province", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("home_region", "partner_region", "parent")
    search_fields = (
        "code",
        "home_region__name_zh",
        "home_region__name_en",
        "home_region__code",
        "partner_region__name_zh",
        "partner_region__name_en",
        "partner_region__code",
    )
    autocomplete_fields = ("home_region", "partner_region", "parent")
    inlines = (AgreementInline,)

    @admin.display(description=_("level"), ordering="home_region__level")
    def level(self, obj: Pairing) -> str:
        return obj.home_region.get_level_display()


@admin.register(Agreement)
class AgreementAdmin(ChangeLoggedAdmin):
    list_display = ("title_zh", "pairing", "signed_date", "date_precision", "event")
    list_filter = ("date_precision",)
    list_select_related = ("pairing__home_region", "pairing__partner_region", "event")
    search_fields = (
        "title_zh",
        "title_en",
        "pairing__code",
        "pairing__home_region__name_zh",
        "pairing__partner_region__name_zh",
    )
    date_hierarchy = "signed_date"
    autocomplete_fields = ("pairing", "event")
