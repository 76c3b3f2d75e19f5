from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("regions", views.RegionViewSet)
router.register("zones", views.ZoneViewSet)
router.register("pairings", views.PairingViewSet)
router.register("agreements", views.AgreementViewSet)

app_name = "geo"
urlpatterns = router.urls
