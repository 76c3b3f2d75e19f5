"""The organisations' "likely duplicates" pages (the generic views are in core/duplicate_views)."""

from django.utils.translation import gettext as _

from counterpart.core.duplicate_views import (
    DuplicateListView,
    MergeView,
    NotDuplicateView,
    joined,
)

from . import duplicates
from .models import Organization

ORGANIZATIONS = Organization.objects.select_related("hq_region", "parent").prefetch_related(
    "industries", "aliases"
)


class OrganizationDuplicateListView(DuplicateListView):
    queryset = ORGANIZATIONS
    compare_fields = (
        "name_zh",
        "name_en",
        "kind",
        "credit_code",
        "hq_region",
        "parent",
        "industries",
        "website",
        "is_sample",
    )
    default_min_score = duplicates.DEFAULT_MIN_SCORE

    def find(self, min_score):
        return duplicates.find_duplicates(min_score=min_score)

    def extra_rows(self, obj):
        aliases = sorted(alias.alias for alias in obj.aliases.all())
        return [(_("Aliases"), joined(aliases), aliases)]


class OrganizationMergeView(MergeView):
    queryset = ORGANIZATIONS


class OrganizationNotDuplicateView(NotDuplicateView):
    queryset = Organization.objects.all()
