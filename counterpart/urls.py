from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Counterpart"
admin.site.site_title = "Counterpart"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("counterpart.core.api.urls")),
    path("", include("counterpart.ops.urls")),
    path("", include("counterpart.web.urls")),
    path("", include("counterpart.projects.urls")),
    path("", include("counterpart.organizations.urls")),
    path("", include("counterpart.events.urls")),
    path("", include("counterpart.geo.urls")),
    path("imports/", include("counterpart.imports.urls")),
    path("press/", include("counterpart.press.urls")),
    path("audit/", include("counterpart.core.urls")),
    path("jobs/", include("counterpart.jobs.urls")),
    path("reports/", include("counterpart.reports.urls")),
]
