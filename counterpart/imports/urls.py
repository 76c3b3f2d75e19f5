from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("template/<str:entity>/<str:lang>/", views.template, name="template"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/preview/", views.preview, name="preview"),
    path("<int:pk>/commit/", views.commit, name="commit"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/report.csv", views.report, name="report"),
]
