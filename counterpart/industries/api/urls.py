from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("taxonomies", views.TaxonomyViewSet)
router.register("industries", views.IndustryViewSet)
router.register("mappings", views.IndustryMappingViewSet)

app_name = "industries"
urlpatterns = router.urls
