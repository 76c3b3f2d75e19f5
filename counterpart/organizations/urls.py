from counterpart.core.duplicate_views import duplicate_urls
from counterpart.core.views import model_urls

from . import duplicate_views, views
from .models import Contact, Organization

app_name = "organizations"

urlpatterns = [
    *duplicate_urls(
        "organizations",
        Organization,
        list=duplicate_views.OrganizationDuplicateListView,
        merge=duplicate_views.OrganizationMergeView,
        not_duplicates=duplicate_views.OrganizationNotDuplicateView,
    ),
    *model_urls(
        "organizations",
        Organization,
        list=views.OrganizationListView,
        detail=views.OrganizationDetailView,
        edit=views.OrganizationEditView,
        delete=views.OrganizationDeleteView,
    ),
    *model_urls(
        "contacts",
        Contact,
        list=views.ContactListView,
        detail=views.ContactDetailView,
        edit=views.ContactEditView,
        delete=views.ContactDeleteView,
    ),
]
