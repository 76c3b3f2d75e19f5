"""The API under /api/: each app's endpoints, the reports, the token, the schema and its
documentation page."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views
from .exceptions import not_found
from .tokens import TokenView

core = SimpleRouter()
core.register("changes", views.ChangeRecordViewSet)

app_name = "api"
urlpatterns = [
    path("core/", include((core.urls, "core"))),
    path("users/", include("counterpart.users.api.urls")),
    path("geo/", include("counterpart.geo.api.urls")),
    path("industries/", include("counterpart.industries.api.urls")),
    path("organizations/", include("counterpart.organizations.api.urls")),
    path("events/", include("counterpart.events.api.urls")),
    path("projects/", include("counterpart.projects.api.urls")),
    path("indicators/", include("counterpart.indicators.api.urls")),
    path("press/", include("counterpart.press.api.urls")),
    path("reports/", include("counterpart.reports.api.urls")),
    path("token/", TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI in two requests (page, then its script), so that no script is inline (CSP);
    # signed-in users only: a visitor is sent to the login page.
    path(
        "docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    re_path(r"^", not_found),
]
