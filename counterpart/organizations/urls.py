from counterpart.core.views import model_urls

from . import views
from .models import Contact, Organization

app_name = "organizations"

urlpatterns = [
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
