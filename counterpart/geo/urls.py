from counterpart.core.views import model_urls

from . import views
from .models import Pairing, Region, Zone

app_name = "geo"

urlpatterns = [
    *model_urls(
        "regions",
        Region,
        list=views.RegionListView,
        detail=views.RegionDetailView,
        edit=views.RegionEditView,
        delete=views.RegionDeleteView,
    ),
    *model_urls(
        "zones",
        Zone,
        list=views.ZoneListView,
        detail=views.ZoneDetailView,
        edit=views.ZoneEditView,
        delete=views.ZoneDeleteView,
    ),
    *model_urls(
        "pairings",
        Pairing,
        list=views.PairingListView,
        detail=views.PairingDetailView,
        edit=views.PairingEditView,
        delete=views.PairingDeleteView,
    ),
]
