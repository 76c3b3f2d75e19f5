"""The change ledger in the admin, and what every other app's admin shares.

ChangeRecord is read-only here: the rows are written by ``changelog.py`` and nobody edits or
deletes them, in the admin or anywhere else.
"""

import json

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ChangeRecord, NotDuplicate

# Addresses typed without a scheme are taken as https (Django 6's default, quiet on 5.2).
FORMFIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


def province_filter(title: str) -> type[admin.RelatedOnlyFieldListFilter]:
    """A province filter with its own title, for lists that filter on two regions' provinces."""

    class ProvinceFilter(admin.RelatedOnlyFieldListFilter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return ProvinceFilter


class ChangeLoggedAdmin(admin.ModelAdmin):
    """Base for the admin of every ChangeLoggedModel.

    The admin's "History" button shows the object's change records (the ledger every write
    path shares) rather than the admin's own log, which misses imports, the API and the CLI:
    its full history page, fields labelled, before → after.
    """

    formfield_overrides = FORMFIELD_OVERRIDES

    def history_view(self, request, object_id, extra_context=None):
        content_type = ContentType.objects.get_for_model(self.model, for_concrete_model=False)
        url = reverse(
            "core:object_history",
            kwargs={"content_type": content_type.pk, "object_id": object_id},
        )
        return HttpResponseRedirect(url)


class VerifiedListFilter(admin.SimpleListFilter):
    title = _("verified")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return (("yes", _("verified")), ("no", _("unverified")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(verified_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(verified_at__isnull=True)
        return queryset


class VerifiableAdmin(ChangeLoggedAdmin):
    """The admin of a model whose figures are verified (``core.models.Verifiable``): a column
    and a filter, the verification shown read-only on the form, and actions to verify or
    withdraw the verification of the selected rows, offered to those who may verify
    (``permissions.can(user, "verify", …)``), each row saved with its change record."""

    actions = ("verify_selected", "unverify_selected")

    def get_list_display(self, request):
        return (*super().get_list_display(request), "verified_display")

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), VerifiedListFilter)

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "verified_at", "verified_by")

    def get_actions(self, request):
        from .permissions import Action, can

        actions = super().get_actions(request)
        if not can(request.user, Action.VERIFY, self.model):
            actions.pop("verify_selected", None)
            actions.pop("unverify_selected", None)
        return actions

    def _allowed(self, request, queryset):
        from .permissions import Action, restrict

        return restrict(queryset, request.user, Action.VERIFY).order_by("pk")

    @admin.action(description=_("Verify the figures of the selected rows"))
    def verify_selected(self, request, queryset):
        done = sum(bool(row.verify(request.user)) for row in self._allowed(request, queryset))
        self.message_user(request, _("%(count)d rows verified.") % {"count": done})

    @admin.action(description=_("Withdraw the verification of the selected rows"))
    def unverify_selected(self, request, queryset):
        done = sum(bool(row.unverify(request.user)) for row in self._allowed(request, queryset))
        self.message_user(request, _("%(count)d rows are no longer verified.") % {"count": done})

    @admin.display(description=_("verified"), ordering="verified_at")
    def verified_display(self, obj) -> str:
        if obj.verified_at is None:
            return format_html('<span class="unverified-badge">{}</span>', _("unverified"))
        return obj.verified_at.date().isoformat()


def pretty_json(value) -> str:
    if value is None:
        return "—"
    text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True, cls=DjangoJSONEncoder)
    return format_html('<pre style="white-space: pre-wrap; margin: 0">{}</pre>', text)


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = (
        "time",
        "action",
        "channel",
        "content_type",
        "object_repr",
        "object_id",
        "username",
        "changed_fields_display",
    )
    list_filter = ("action", "channel", "content_type")
    list_select_related = ("user", "content_type")
    search_fields = ("object_repr", "object_id", "username")
    date_hierarchy = "time"
    actions = None
    fields = (
        "time",
        "user",
        "username",
        "channel",
        "action",
        "content_type",
        "object_id",
        "object_link",
        "object_repr",
        "changed_fields_display",
        "before_display",
        "after_display",
        "request_id",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("changed fields"))
    def changed_fields_display(self, obj: ChangeRecord) -> str:
        return ", ".join(obj.changed_fields or []) or "—"

    @admin.display(description=_("before"))
    def before_display(self, obj: ChangeRecord) -> str:
        return pretty_json(obj.before)

    @admin.display(description=_("after"))
    def after_display(self, obj: ChangeRecord) -> str:
        return pretty_json(obj.after)

    @admin.display(description=_("current object"))
    def object_link(self, obj: ChangeRecord) -> str:
        model = obj.content_type.model_class()
        if model is None or not model._default_manager.filter(pk=obj.object_id).exists():
            return "—"
        opts = model._meta
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.object_id])
        except NoReverseMatch:
            return "—"
        return format_html('<a href="{}">{}</a>', url, obj.object_repr)


@admin.register(NotDuplicate)
class NotDuplicateAdmin(ChangeLoggedAdmin):
    """Pairs a user found not to be duplicates; deleting one shows the pair for review again."""

    list_display = ("content_type", "low_id", "high_id", "user", "created_at")
    list_filter = ("content_type",)
    list_select_related = ("content_type", "user")
    raw_id_fields = ("user",)
