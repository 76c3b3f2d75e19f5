from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Users with their role and the scope it needs. Groups and per-user permissions are not
    used (the role decides: ``docs/decisions/0006``); the admin-site flags follow the role."""

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            {"fields": ("display_name", "first_name", "last_name", "email", "phone")},
        ),
        (_("Role and scope"), {"fields": ("role", "city", "task_force", "is_active")}),
        (_("Interface"), {"fields": ("language",)}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (_("Role and scope"), {"fields": ("role", "city", "task_force", "language")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "display_name", "role", "city", "task_force", "is_active")
    list_filter = ("role", "is_active", "task_force")
    list_select_related = ("city", "task_force")
    search_fields = ("username", "display_name", "first_name", "last_name", "email")
    filter_horizontal = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "city":
            from counterpart.geo.models import Region

            kwargs["queryset"] = Region.objects.prefectures()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
