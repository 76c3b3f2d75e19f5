"""Filters of the user list (the API's)."""

from django.utils.translation import gettext_lazy as _

from counterpart.core.filtersets import BaseFilterSet, YesNoFilter

from .models import User


class UserFilterSet(BaseFilterSet):
    search_fields = ("username", "display_name", "first_name", "last_name")

    is_active = YesNoFilter(label=_("active"))
    is_staff = YesNoFilter(label=_("staff status"))

    class Meta:
        model = User
        fields = ()
