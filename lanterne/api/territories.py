"""Territories in the API: public reference data (Code officiel géographique, official QPV,
ZRR and FRR lists).

Territory references are plain codes (`CharFilter`), never model choices: a choice filter would
load 35 000 communes to render the browsable API's form.
"""

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, viewsets

from lanterne.territories.enums import RuralScheme, RuralStatus
from lanterne.territories.models import (
    Commune,
    Departement,
    FormerCommune,
    Qpv,
    Region,
    RuralZoning,
)

from .schema import read_endpoints
from .serializers import ReadOnlyModelSerializer


class RegionSerializer(ReadOnlyModelSerializer):
    """A région (Code officiel géographique)."""

    class Meta:
        model = Region
        fields = ["code", "name", "zone", "chef_lieu_code"]


class DepartementSerializer(ReadOnlyModelSerializer):
    """A département (Code officiel géographique)."""

    class Meta:
        model = Departement
        fields = ["code", "name", "region", "zone", "chef_lieu_code"]


class FormerCommuneSerializer(ReadOnlyModelSerializer):
    """A name and code the commune had, or those of a commune it absorbed: from INSEE's mouvements
    des communes, with the date it stopped being a commune of its own or was renamed, or from the
    COG's communes déléguées and associées, without a date (`ended_on` null)."""

    class Meta:
        model = FormerCommune
        fields = ["code", "name", "ended_on"]


class CommuneSerializer(ReadOnlyModelSerializer):
    """A commune or municipal arrondissement; codes are strings (`2A004`, `97311`)."""

    class Meta:
        model = Commune
        fields = [
            "code",
            "name",
            "kind",
            "departement",
            "region",
            "parent",
            "population",
            "postal_codes",
            "former_codes",
            "former_names",
            "siren",
            "latitude",
            "longitude",
        ]

    postal_codes = serializers.ListField(child=serializers.CharField(), read_only=True)
    former_codes = serializers.SerializerMethodField()
    former_names = FormerCommuneSerializer(source="former_communes", many=True, read_only=True)

    def get_former_codes(self, commune) -> list[str]:
        """The codes of the COG's delegated and associated communes and of the mouvements."""
        codes = {*commune.former_codes, *(f.code for f in commune.former_communes.all())}
        return sorted(codes - {commune.code})


class QpvSerializer(ReadOnlyModelSerializer):
    """A quartier prioritaire de la politique de la ville and the communes it lies in."""

    class Meta:
        model = Qpv
        fields = [
            "code",
            "name",
            "communes",
            "valid_from",
            "valid_until",
            "origin",
            "is_illustrative",
            "source",
        ]

    is_illustrative = serializers.BooleanField(read_only=True)


class RuralZoningSerializer(ReadOnlyModelSerializer):
    """A commune's ZRR or FRR classification over a period (open-ended when no end date)."""

    class Meta:
        model = RuralZoning
        fields = [
            "id",
            "commune",
            "scheme",
            "status",
            "valid_from",
            "valid_until",
            "origin",
            "is_illustrative",
            "source",
        ]

    is_illustrative = serializers.BooleanField(read_only=True)


class DepartementFilter(filters.FilterSet):
    region = filters.CharFilter(field_name="region_id", help_text=_("Code INSEE de la région."))

    class Meta:
        model = Departement
        fields = ["region"]


class CommuneFilter(filters.FilterSet):
    departement = filters.CharFilter(
        field_name="departement_id",
        help_text=_("Code INSEE du département, par ex. « 2A »."),
    )
    region = filters.CharFilter(field_name="region_id", help_text=_("Code INSEE de la région."))
    q = filters.CharFilter(
        method="search",
        help_text=_("Nom, actuel ou ancien, début du code INSEE, ancien code ou code postal."),
    )

    class Meta:
        model = Commune
        fields = ["departement", "region", "kind"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class QpvFilter(filters.FilterSet):
    commune = filters.CharFilter(
        field_name="communes__code",
        help_text=_("Code INSEE d'une commune du quartier."),
    )

    class Meta:
        model = Qpv
        fields = ["commune", "origin"]


class RuralZoningFilter(filters.FilterSet):
    commune = filters.CharFilter(field_name="commune_id", help_text=_("Code INSEE de la commune."))
    scheme = filters.ChoiceFilter(choices=RuralScheme.choices)
    status = filters.ChoiceFilter(choices=RuralStatus.choices)
    on = filters.DateFilter(
        method="in_force_on",
        help_text=_("Classements en vigueur à cette date (AAAA-MM-JJ)."),
    )

    class Meta:
        model = RuralZoning
        fields = ["commune", "scheme", "status", "on", "origin"]

    def in_force_on(self, queryset, name, value):
        return queryset.active_on(value)


# Reference data is public. (A comment, not a docstring: drf-spectacular would publish it as the
# description of every operation.)
class ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.AllowAny]


@read_endpoints(
    list_summary=_("Liste des régions"),
    retrieve_summary=_("Une région, par code INSEE"),
)
class RegionViewSet(ReferenceViewSet):
    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_fields = ["zone"]


@read_endpoints(
    list_summary=_("Liste des départements"),
    retrieve_summary=_("Un département, par code INSEE (« 2A », « 974 »)"),
)
class DepartementViewSet(ReferenceViewSet):
    queryset = Departement.objects.all()
    serializer_class = DepartementSerializer
    filterset_class = DepartementFilter


@read_endpoints(
    list_summary=_("Liste des communes"),
    retrieve_summary=_("Une commune, par code INSEE (« 2A004 », « 97311 »)"),
)
class CommuneViewSet(ReferenceViewSet):
    queryset = Commune.objects.prefetch_related("former_communes")
    serializer_class = CommuneSerializer
    filterset_class = CommuneFilter

    @extend_schema(
        description=_(
            "Le code d'une ancienne commune, fusionnée depuis dans une commune nouvelle, "
            "redirige de façon permanente (301) vers la commune d'aujourd'hui : "
            "`/api/v1/communes/01340/` (Saint-Bois) → `/api/v1/communes/01015/` "
            "(Arboys en Bugey). Les anciens codes d'une commune sont dans `former_codes`, ses "
            "anciens noms dans `former_names`."
        ),
        responses={
            200: CommuneSerializer,
            301: OpenApiResponse(
                description=_(
                    "Ancien code : l'en-tête `Location` donne l'adresse de la commune "
                    "d'aujourd'hui."
                ),
            ),
        },
    )
    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            code = kwargs[self.lookup_url_kwarg or self.lookup_field]
            current = Commune.objects.by_code(code)
            if current is None or current.code == code:
                raise
        url = reverse("api:commune-detail", args=[current.code])
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@read_endpoints(
    list_summary=_("Liste des quartiers prioritaires (QPV)"),
    retrieve_summary=_("Un QPV, par code (« QN07501M »)"),
)
class QpvViewSet(ReferenceViewSet):
    queryset = Qpv.objects.prefetch_related("communes")
    serializer_class = QpvSerializer
    filterset_class = QpvFilter


@read_endpoints(
    list_summary=_("Classements ZRR et FRR des communes, datés"),
    retrieve_summary=_("Un classement"),
)
class RuralZoningViewSet(ReferenceViewSet):
    queryset = RuralZoning.objects.all()
    serializer_class = RuralZoningSerializer
    filterset_class = RuralZoningFilter
