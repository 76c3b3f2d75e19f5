from django.urls import path

from counterpart.core.duplicate_views import duplicate_urls
from counterpart.core.verification import verify_urls
from counterpart.core.views import model_urls

from . import duplicate_views, supervision_views, views
from .models import FollowUp, FundsInPlace, Project, TaskForce

app_name = "projects"

urlpatterns = [
    *duplicate_urls(
        "projects",
        Project,
        list=duplicate_views.ProjectDuplicateListView,
        merge=duplicate_views.ProjectMergeView,
        not_duplicates=duplicate_views.ProjectNotDuplicateView,
    ),
    path("projects/supervision/", supervision_views.supervision, name="supervision"),
    path("projects/board/", views.BoardView.as_view(), name="board"),
    path("projects/<int:pk>/move/", views.ProjectMoveView.as_view(), name="project_move"),
    *verify_urls("projects", Project),
    *model_urls(
        "projects",
        Project,
        list=views.ProjectListView,
        detail=views.ProjectDetailView,
        edit=views.ProjectEditView,
        delete=views.ProjectDeleteView,
    ),
    *model_urls(
        "task-forces",
        TaskForce,
        list=views.TaskForceListView,
        detail=views.TaskForceDetailView,
        edit=views.TaskForceEditView,
        delete=views.TaskForceDeleteView,
    ),
    *model_urls(
        "follow-ups",
        FollowUp,
        list=views.FollowUpListView,
        detail=views.FollowUpDetailView,
        edit=views.FollowUpEditView,
        delete=views.FollowUpDeleteView,
    ),
    *verify_urls("funds", FundsInPlace),
    *model_urls(
        "funds",
        FundsInPlace,
        list=views.FundsInPlaceListView,
        detail=views.FundsInPlaceDetailView,
        edit=views.FundsInPlaceEditView,
        delete=views.FundsInPlaceDeleteView,
    ),
]
