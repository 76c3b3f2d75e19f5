"""The projects' "likely duplicates" pages (the generic views are in core/duplicate_views)."""

from counterpart.core.duplicate_views import DuplicateListView, MergeView, NotDuplicateView

from . import duplicates
from .models import Project

PROJECTS = Project.objects.select_related(
    "destination_region", "source_region", "signed_event", "task_force", "extends"
).prefetch_related("investors", "industries")


class ProjectDuplicateListView(DuplicateListView):
    queryset = PROJECTS
    compare_fields = (
        "code",
        "name_zh",
        "name_en",
        "project_type",
        "stage",
        "status",
        "investors",
        "destination_region",
        "source_region",
        "industries",
        "contract_value",
        "signed_date",
        "signed_event",
        "task_force",
        "is_sample",
    )
    money_fields = ("contract_value",)
    default_min_score = duplicates.DEFAULT_MIN_SCORE

    def find(self, min_score):
        return duplicates.find_duplicates(min_score=min_score)


class ProjectMergeView(MergeView):
    queryset = PROJECTS


class ProjectNotDuplicateView(NotDuplicateView):
    queryset = Project.objects.all()
