from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import auth, calls, docs, logbook, network, observatory, projects, territories

app_name = "api"

# No format suffixes (`/calls.json`): every route answers JSON at one address, the schema's
# (`?format=` still picks a renderer).
router = DefaultRouter()
router.include_format_suffixes = False
router.register("regions", territories.RegionViewSet, basename="region")
router.register("departements", territories.DepartementViewSet, basename="departement")
router.register("communes", territories.CommuneViewSet, basename="commune")
router.register("qpv", territories.QpvViewSet, basename="qpv")
router.register("rural-zonings", territories.RuralZoningViewSet, basename="ruralzoning")
router.register("structures", network.StructureViewSet, basename="structure")
router.register("poles", network.PoleViewSet, basename="pole")
router.register("coordinations", network.CoordinationViewSet, basename="coordination")
router.register("people", network.PersonViewSet, basename="person")
router.register("calls", calls.CallViewSet, basename="call")
router.register("dossiers", calls.DossierViewSet, basename="dossier")
router.register("projects", projects.ProjectViewSet, basename="project")
router.register("actions", projects.ActionViewSet, basename="action")
router.register("reports", projects.ReportViewSet, basename="report")
router.register("workshop-films", logbook.WorkshopFilmViewSet, basename="workshop-film")
# Observatory
router.register(
    "observatory/campaigns", observatory.CampaignViewSet, basename="observatory-campaign"
)

urlpatterns = [
    path("auth/token/", auth.ObtainEmailAuthToken.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
    *router.urls,
]

# The API authenticates with tokens and decides access with DRF permission classes: the site's
# LoginRequiredMiddleware (a redirect to the login page) must not answer in their place.
for pattern in urlpatterns:
    login_not_required(pattern.callback)
