from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("events", views.EventViewSet)
router.register("participations", views.ParticipationViewSet)

app_name = "events"
urlpatterns = router.urls
