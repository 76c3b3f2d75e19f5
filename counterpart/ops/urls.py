"""The probes' addresses (ops.middleware.ProbeMiddleware answers them before the URL resolver)."""

from django.urls import path

from . import views

app_name = "ops"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("ready/", views.ready, name="ready"),
]
