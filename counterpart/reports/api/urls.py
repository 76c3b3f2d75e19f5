from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("event-summary/", views.EventSummaryView.as_view(), name="event-summary"),
    path("capital-by-source/", views.CapitalBySourceView.as_view(), name="capital-by-source"),
    path("indicator/", views.IndicatorView.as_view(), name="indicator"),
    path("pipeline/", views.PipelineView.as_view(), name="pipeline"),
    path("pairings/", views.PairingLeagueView.as_view(), name="pairings"),
    path("supervision/", views.SupervisionView.as_view(), name="supervision"),
    path("time-in-stage/", views.TimeInStageView.as_view(), name="time-in-stage"),
    path("brief/", views.BriefView.as_view(), name="brief"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
]
