from django.urls import path

from counterpart.core.views import model_urls

from . import views
from .models import ReportedFigure, SourceDocument

app_name = "press"

urlpatterns = [
    *model_urls(
        "articles",
        SourceDocument,
        list=views.SourceDocumentListView,
        detail=views.SourceDocumentDetailView,
        delete=views.SourceDocumentDeleteView,
    ),
    # The detail pages are also known as <model>_detail (model_urls names them <model>).
    path(
        "articles/<int:pk>/",
        views.SourceDocumentDetailView.as_view(),
        name="sourcedocument_detail",
    ),
    path("ingest/", views.ingest, name="ingest"),
    # Figures come from articles, never typed in: no "add" page.
    *[
        pattern
        for pattern in model_urls(
            "figures",
            ReportedFigure,
            list=views.ReportedFigureListView,
            detail=views.ReportedFigureDetailView,
            edit=views.ReportedFigureEditView,
            delete=views.ReportedFigureDeleteView,
        )
        if pattern.name != "reportedfigure_add"
    ],
    path(
        "figures/<int:pk>/",
        views.ReportedFigureDetailView.as_view(),
        name="reportedfigure_detail",
    ),
    path("figures/<int:pk>/confirm/", views.figure_confirm, name="reportedfigure_confirm"),
    path("figures/<int:pk>/reject/", views.figure_reject, name="reportedfigure_reject"),
    path(
        "proposals/<int:pk>/confirm/",
        views.ProposalConfirmView.as_view(),
        name="proposal_confirm",
    ),
    path("proposals/<int:pk>/reject/", views.proposal_reject, name="proposal_reject"),
    path("reconciliation/", views.reconciliation, name="reconciliation"),
]
