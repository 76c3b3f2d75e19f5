from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from counterpart.core.admin import ChangeLoggedAdmin

from .models import Industry, IndustryMapping, Taxonomy


@admin.register(Taxonomy)
class TaxonomyAdmin(ChangeLoggedAdmin):
    list_display = ("code", "name_zh", "name_en", "owner_region")
    list_select_related = ("owner_region",)
    search_fields = ("code", "name_zh", "name_en")
    autocomplete_fields = ("owner_region",)


class IndustryMappingInline(admin.TabularInline):
    model = IndustryMapping
    fk_name = "source"
    extra = 0
    fields = ("target", "relation", "note")
    autocomplete_fields = ("target",)
    verbose_name = _("mapping to another taxonomy")
    verbose_name_plural = _("mappings to other taxonomies")


@admin.register(Industry)
class IndustryAdmin(ChangeLoggedAdmin):
    list_display = ("code", "name_zh", "name_en", "taxonomy", "parent", "sort_order")
    list_display_links = ("code", "name_zh")
    list_filter = ("taxonomy",)
    list_select_related = ("taxonomy", "parent")
    search_fields = ("code", "name_zh", "name_en", "taxonomy__code")
    autocomplete_fields = ("parent",)
    inlines = (IndustryMappingInline,)


@admin.register(IndustryMapping)
class IndustryMappingAdmin(ChangeLoggedAdmin):
    list_display = ("source", "source_taxonomy", "relation", "target", "target_taxonomy")
    list_filter = ("relation", "source__taxonomy", "target__taxonomy")
    list_select_related = ("source__taxonomy", "target__taxonomy")
    search_fields = (
        "source__code",
        "source__name_zh",
        "source__name_en",
        "target__code",
        "target__name_zh",
        "target__name_en",
    )
    autocomplete_fields = ("source", "target")

    @admin.display(description=_("from taxonomy"), ordering="source__taxonomy__code")
    def source_taxonomy(self, obj: IndustryMapping) -> Taxonomy:
        return obj.source.taxonomy

    @admin.display(description=_("to taxonomy"), ordering="target__taxonomy__code")
    def target_taxonomy(self, obj: IndustryMapping) -> Taxonomy:
        return obj.target.taxonomy
