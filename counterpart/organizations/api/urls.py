from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("organizations", views.OrganizationViewSet)
router.register("aliases", views.OrganizationAliasViewSet)
router.register("rankings", views.RankingViewSet)
router.register("contacts", views.ContactViewSet)

app_name = "organizations"
urlpatterns = router.urls
