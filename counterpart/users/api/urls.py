from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("users", views.UserViewSet)

app_name = "users"
urlpatterns = router.urls
