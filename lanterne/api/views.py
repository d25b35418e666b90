"""Read endpoints of the API.

Every network queryset starts from `visible_to(request.user)`: what is out of reach is a 404.
Relations are fetched with `select_related` / `prefetch_related` so that a list costs the same
number of queries whatever its length.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, viewsets
from rest_framework.authtoken.views import ObtainAuthToken

from lanterne.accounts.models import Membership
from lanterne.network.models import Affiliation, Coordination, Person, Pole, Structure
from lanterne.territories.models import Commune, Departement, Qpv, Region, RuralZoning

from . import filters, serializers
from .permissions import RulesObjectPermission

# Territories: public reference data (Code officiel géographique, official QPV / ZRR / FRR lists).


@extend_schema_view(
    list=extend_schema(summary=_("Liste des régions")),
    retrieve=extend_schema(summary=_("Une région, par code INSEE")),
)
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Region.objects.all()
    serializer_class = serializers.RegionSerializer
    permission_classes = [permissions.AllowAny]
    filterset_fields = ["zone"]


@extend_schema_view(
    list=extend_schema(summary=_("Liste des départements")),
    retrieve=extend_schema(summary=_("Un département, par code INSEE (« 2A », « 974 »)")),
)
class DepartementViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Departement.objects.all()
    serializer_class = serializers.DepartementSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = filters.DepartementFilter


@extend_schema_view(
    list=extend_schema(summary=_("Liste des communes")),
    retrieve=extend_schema(summary=_("Une commune, par code INSEE (« 2A004 », « 97311 »)")),
)
class CommuneViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Commune.objects.all()
    serializer_class = serializers.CommuneSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = filters.CommuneFilter


@extend_schema_view(
    list=extend_schema(summary=_("Liste des quartiers prioritaires (QPV)")),
    retrieve=extend_schema(summary=_("Un QPV, par code (« QN07501M »)")),
)
class QpvViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Qpv.objects.prefetch_related("communes")
    serializer_class = serializers.QpvSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = filters.QpvFilter


@extend_schema_view(
    list=extend_schema(summary=_("Classements ZRR et FRR des communes, datés")),
    retrieve=extend_schema(summary=_("Un classement")),
)
class RuralZoningViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = RuralZoning.objects.all()
    serializer_class = serializers.RuralZoningSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = filters.RuralZoningFilter


# The network.


@extend_schema_view(
    list=extend_schema(
        summary=_("Structures visibles"),
        description=_(
            "Les structures de l'annuaire public, plus, pour un utilisateur connecté, celles "
            "de ses rôles et de son périmètre de coordination. Les champs privés (SIRET, "
            "e-mail, téléphone, présence dans l'annuaire, rôles) ne figurent que pour les "
            "structures dont l'utilisateur peut lire les données privées."
        ),
    ),
    retrieve=extend_schema(summary=_("Une structure, par identifiant (slug)")),
)
class StructureViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.StructureSerializer
    permission_classes = [RulesObjectPermission]
    object_permission = "network.view_structure"
    filterset_class = filters.StructureFilter
    lookup_field = "slug"

    def get_queryset(self):
        user = self.request.user
        queryset = Structure.objects.visible_to(user).select_related("commune")
        if user.is_authenticated:
            # Only read for the rows whose private fields the user may see.
            queryset = queryset.prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.active().select_related("user"),
                )
            )
        return queryset


class MissionViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.AllowAny]
    filterset_class = filters.MissionFilter
    lookup_field = "slug"
    model: type[Pole] | type[Coordination]

    def get_queryset(self):
        carriers = Structure.objects.visible_to(self.request.user).only("pk", "slug")
        return self.model.objects.select_related("region").prefetch_related(
            "departements", Prefetch("carriers", queryset=carriers)
        )


@extend_schema_view(
    list=extend_schema(summary=_("Pôles régionaux d'éducation aux images")),
    retrieve=extend_schema(summary=_("Un pôle, par identifiant (slug)")),
)
class PoleViewSet(MissionViewSet):
    model = Pole
    serializer_class = serializers.PoleSerializer


@extend_schema_view(
    list=extend_schema(summary=_("Coordinations Passeurs d'images")),
    retrieve=extend_schema(summary=_("Une coordination, par identifiant (slug)")),
)
class CoordinationViewSet(MissionViewSet):
    model = Coordination
    serializer_class = serializers.CoordinationSerializer


@extend_schema_view(
    list=extend_schema(
        summary=_("Personnes visibles (utilisateurs connectés)"),
        description=_(
            "Les contacts publics des structures visibles, les personnes des structures de "
            "son périmètre et soi-même. E-mail et téléphone seulement pour qui peut lire les "
            "données privées d'une de leurs structures ; l'e-mail d'un contact public est public."
        ),
    ),
    retrieve=extend_schema(summary=_("Une personne")),
)
class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PersonSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = filters.PersonFilter

    def get_queryset(self):
        user = self.request.user
        affiliations = Affiliation.objects.visible_to(user).select_related("structure__commune")
        return Person.objects.visible_to(user).prefetch_related(
            Prefetch("affiliations", queryset=affiliations)
        )


# Authentication.


class ObtainEmailAuthToken(ObtainAuthToken):
    """Exchange an e-mail address and a password for the user's API token."""

    serializer_class = serializers.EmailAuthTokenSerializer
    # The credentials are in the body: no session (and so no CSRF check) is involved.
    authentication_classes = []

    @extend_schema(
        summary=_("Obtenir son jeton d'API"),
        description=_(
            "Échange l'adresse e-mail et le mot de passe d'un compte contre son jeton, à "
            "envoyer ensuite dans l'en-tête « Authorization: Token <jeton> ». Le même jeton "
            "est renvoyé tant qu'il n'a pas été révoqué."
        ),
        request=serializers.EmailAuthTokenSerializer,
        responses={
            200: serializers.TokenSerializer,
            400: OpenApiResponse(description=_("Identifiants incorrects.")),
            403: OpenApiResponse(description=_("Trop de tentatives : compte verrouillé.")),
        },
        tags=["auth"],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
