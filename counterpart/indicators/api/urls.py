from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("indicators", views.IndicatorViewSet)
router.register("observations", views.ObservationViewSet)

app_name = "indicators"
urlpatterns = router.urls
