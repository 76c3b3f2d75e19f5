from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from counterpart.core.admin import ChangeLoggedAdmin

from .models import FigureStatus, Proposal, ReportedFigure, SourceDocument


class ReportedFigureInline(admin.TabularInline):
    model = ReportedFigure
    extra = 0
    fields = ("metric", "value", "unit", "qualifier", "quoted_span", "status")
    show_change_link = True


@admin.register(SourceDocument)
class SourceDocumentAdmin(ChangeLoggedAdmin):
    list_display = ("title", "publisher", "published_date", "language", "reference")
    list_filter = ("language", "publisher")
    search_fields = ("title", "reference", "url", "publisher")
    date_hierarchy = "published_date"
    readonly_fields = ("text_sha256",)
    inlines = (ReportedFigureInline,)


@admin.register(ReportedFigure)
class ReportedFigureAdmin(ChangeLoggedAdmin):
    list_display = (
        "metric",
        "value",
        "unit",
        "qualifier",
        "status",
        "document",
        "event",
        "region",
        "quoted_span_short",
    )
    list_filter = ("status", "metric", "unit", "qualifier")
    list_select_related = ("document", "event", "region")
    search_fields = ("quoted_span", "scope_note", "document__title", "document__reference")
    autocomplete_fields = ("document", "event", "region", "source_region", "indicator")
    actions = ("confirm", "reject")
    fieldsets = (
        (None, {"fields": ("document", "status")}),
        (
            _("Figure"),
            {"fields": ("metric", "value", "unit", "qualifier", "quoted_span")},
        ),
        (_("Place in the document"), {"fields": ("span_start", "span_end")}),
        (
            _("Scope"),
            {
                "fields": (
                    "event",
                    "region",
                    "source_region",
                    "indicator",
                    "period_start",
                    "period_end",
                    "subset",
                    "scope_note",
                )
            },
        ),
    )

    @admin.display(description=_("quoted words"))
    def quoted_span_short(self, obj: ReportedFigure) -> str:
        span = obj.quoted_span
        return span if len(span) <= 60 else span[:59] + "…"

    def _set_status(self, request, queryset, status: str) -> None:
        # One save per row, not QuerySet.update(), so that each change is recorded.
        changed = 0
        with transaction.atomic():
            for figure in queryset.exclude(status=status):
                figure.status = status
                figure.save(update_fields=["status", "updated_at"])
                changed += 1
        self.message_user(
            request,
            ngettext("%(count)d figure updated.", "%(count)d figures updated.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Confirm the selected figures"), permissions=["change"])
    def confirm(self, request, queryset):
        self._set_status(request, queryset, FigureStatus.CONFIRMED)

    @admin.action(description=_("Reject the selected figures"), permissions=["change"])
    def reject(self, request, queryset):
        self._set_status(request, queryset, FigureStatus.REJECTED)


@admin.register(Proposal)
class ProposalAdmin(ChangeLoggedAdmin):
    list_display = ("name", "kind", "status", "document", "event", "organization", "reviewed_at")
    list_filter = ("kind", "status")
    list_select_related = ("document", "event", "organization")
    search_fields = ("name", "quoted_span", "document__title", "document__reference")
    autocomplete_fields = ("document", "event", "organization")
    readonly_fields = ("reviewed_by", "reviewed_at")
    fields = (
        "document",
        "kind",
        "status",
        "name",
        "quoted_span",
        "span_start",
        "span_end",
        "data",
        "event",
        "organization",
        "reviewed_by",
        "reviewed_at",
    )
