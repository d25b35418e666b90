from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import calls, docs, observatory, projects, views

app_name = "api"

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("departements", views.DepartementViewSet, basename="departement")
router.register("communes", views.CommuneViewSet, basename="commune")
router.register("qpv", views.QpvViewSet, basename="qpv")
router.register("rural-zonings", views.RuralZoningViewSet, basename="ruralzoning")
router.register("structures", views.StructureViewSet, basename="structure")
router.register("poles", views.PoleViewSet, basename="pole")
router.register("coordinations", views.CoordinationViewSet, basename="coordination")
router.register("people", views.PersonViewSet, basename="person")
router.register("calls", calls.CallViewSet, basename="call")
router.register("dossiers", calls.DossierViewSet, basename="dossier")
router.register("projects", projects.ProjectViewSet, basename="project")
router.register("actions", projects.ActionViewSet, basename="action")
router.register("reports", projects.ReportViewSet, basename="report")
# Observatory
router.register(
    "observatory/campaigns", observatory.CampaignViewSet, basename="observatory-campaign"
)

urlpatterns = [
    path("auth/token/", views.ObtainEmailAuthToken.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
    *router.urls,
]

# The API authenticates with tokens and decides access with DRF permission classes: the site's
# LoginRequiredMiddleware (a redirect to the login page) must not answer in their place.
for pattern in urlpatterns:
    login_not_required(pattern.callback)
