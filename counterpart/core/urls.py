"""The audit trail's pages: read-only, so there are no add, edit or delete routes."""

from django.urls import path

from . import audit_views

app_name = "core"

urlpatterns = [
    path("", audit_views.ChangeRecordListView.as_view(), name="changerecord_list"),
    path("<int:pk>/", audit_views.ChangeRecordView.as_view(), name="changerecord"),
    path(
        "history/<int:content_type>/<str:object_id>/",
        audit_views.ObjectHistoryView.as_view(),
        name="object_history",
    ),
]
