from counterpart.core.views import model_urls

from . import views
from .models import Event

app_name = "events"

urlpatterns = model_urls(
    "events",
    Event,
    list=views.EventListView,
    detail=views.EventDetailView,
    edit=views.EventEditView,
    delete=views.EventDeleteView,
)
