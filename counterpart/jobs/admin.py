"""Background jobs, to look at and to delete: they are started from the pages and commands that
need them (the admin cannot start one). django-tasks' own admin shows the queue's rows
(arguments, tracebacks)."""

from django.contrib import admin

from .models import BackgroundJob


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = ("pk", "title", "kind", "owner", "status", "created_at", "finished_at")
    list_filter = ("kind", "status")
    list_select_related = ("owner",)
    search_fields = ("title", "owner__username", "task_id")
    date_hierarchy = "created_at"
    fields = (
        "owner",
        "kind",
        "title",
        "status",
        "task_id",
        "done",
        "total",
        "message",
        "result",
        "error",
        "output_name",
        "output_type",
        "created_at",
        "started_at",
        "updated_at",
        "finished_at",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("output", "params")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
