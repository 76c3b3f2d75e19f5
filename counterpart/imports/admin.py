"""Uploaded files and saved mappings, to look at and to delete: files are uploaded on the import
page (the admin cannot take a file's bytes), and neither is ledger data."""

from django.contrib import admin

from .models import ImportBatch, SavedMapping


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("filename", "entity", "user", "created_at", "committed_at", "valid_rows_only")
    list_filter = ("entity", ("committed_at", admin.EmptyFieldListFilter))
    list_select_related = ("user",)
    search_fields = ("filename", "user__username")
    date_hierarchy = "created_at"
    fields = (
        "user",
        "entity",
        "filename",
        "size",
        "sheet",
        "mapping",
        "saved_mapping",
        "created_at",
        "committed_at",
        "valid_rows_only",
        "summary",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("data", "report")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SavedMapping)
class SavedMappingAdmin(admin.ModelAdmin):
    list_display = ("user", "entity", "updated_at")
    list_filter = ("entity",)
    list_select_related = ("user",)
    search_fields = ("user__username",)
    fields = ("user", "entity", "headers", "mapping", "fingerprint", "created_at", "updated_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
