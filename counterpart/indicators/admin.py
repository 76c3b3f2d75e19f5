from django.contrib import admin

from counterpart.core.admin import ChangeLoggedAdmin, VerifiableAdmin

from .models import Indicator, Observation


@admin.register(Indicator)
class IndicatorAdmin(ChangeLoggedAdmin):
    list_display = ("code", "name_zh", "name_en", "unit")
    list_display_links = ("code", "name_zh")
    list_filter = ("unit",)
    search_fields = ("code", "name_zh", "name_en")


@admin.register(Observation)
class ObservationAdmin(VerifiableAdmin):
    list_display = (
        "indicator",
        "region",
        "period_type",
        "period_start",
        "period_end",
        "value",
        "basis",
        "is_sample",
    )
    list_display_links = ("indicator", "region")
    list_filter = (
        "indicator",
        "period_type",
        "basis",
        "is_sample",
        ("region__province", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("indicator", "region")
    search_fields = (
        "indicator__code",
        "indicator__name_zh",
        "indicator__name_en",
        "region__code",
        "region__name_zh",
        "region__name_en",
    )
    date_hierarchy = "period_start"
    autocomplete_fields = ("indicator", "region", "source_document")
