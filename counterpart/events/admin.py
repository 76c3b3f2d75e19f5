from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from counterpart.core.admin import ChangeLoggedAdmin, province_filter

from .models import Event, Participation


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    fields = ("organization", "role", "contact", "note")
    autocomplete_fields = ("organization", "contact")


@admin.register(Event)
class EventAdmin(ChangeLoggedAdmin):
    list_display = (
        "code",
        "title_zh",
        "kind",
        "start_date",
        "end_date",
        "region",
        "organizer_region",
        "parent",
        "is_sample",
    )
    list_display_links = ("code", "title_zh")
    list_filter = (
        "kind",
        "is_sample",
        "date_precision",
        ("region__province", province_filter(_("held in (province)"))),
        ("organizer_region__province", province_filter(_("organised by (province)"))),
    )
    list_select_related = ("region", "organizer_region", "parent")
    search_fields = (
        "code",
        "title_zh",
        "title_en",
        "theme_zh",
        "theme_en",
        "venue",
        "region__name_zh",
    )
    date_hierarchy = "start_date"
    autocomplete_fields = ("region", "organizer_region", "pairing", "parent")
    fieldsets = (
        (None, {"fields": ("code", "kind", "title_zh", "title_en", "theme_zh", "theme_en")}),
        (None, {"fields": ("start_date", "end_date", "date_precision", "part_of_day")}),
        (None, {"fields": ("region", "venue", "organizer_region", "pairing", "parent")}),
        (None, {"fields": ("description", "is_sample")}),
    )
    inlines = (ParticipationInline,)


@admin.register(Participation)
class ParticipationAdmin(ChangeLoggedAdmin):
    list_display = ("event", "organization", "role", "contact", "note")
    list_filter = ("role", "event__kind")
    list_select_related = ("event", "organization", "contact__organization")
    search_fields = (
        "event__code",
        "event__title_zh",
        "event__title_en",
        "organization__name_zh",
        "organization__name_en",
        "contact__name",
    )
    autocomplete_fields = ("event", "organization", "contact")
