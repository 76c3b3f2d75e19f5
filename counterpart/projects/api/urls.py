from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("projects", views.ProjectViewSet)
router.register("stage-changes", views.StageChangeViewSet)
router.register("task-forces", views.TaskForceViewSet)
router.register("task-force-cities", views.TaskForceCityViewSet)
router.register("funds", views.FundsInPlaceViewSet)
router.register("follow-ups", views.FollowUpViewSet)

app_name = "projects"
urlpatterns = router.urls
