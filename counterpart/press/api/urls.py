from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("documents", views.SourceDocumentViewSet)
router.register("figures", views.ReportedFigureViewSet)
router.register("proposals", views.ProposalViewSet)

app_name = "press"
urlpatterns = router.urls
