"""Workshop films in the API: what the image-rights gate lets out for the caller, nothing else.

The list and the detail start from `Film.objects.visible_to(request.user)`, the query every
page, the gallery and the files use: a withdrawal or an expiry takes a film out of the API at
the same moment as out of the gallery. Who appears in a film is never published.
"""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import permissions, serializers, viewsets

from lanterne.logbook.enums import FilmGenre, FilmState
from lanterne.logbook.models import Film

from .query import YearFilter
from .schema import read_endpoints
from .serializers import ReadOnlyModelSerializer

FILM_STATES = ", ".join(FilmState.values)
GENRES = ", ".join(FilmGenre.values)


class PublishedFilmSerializer(ReadOnlyModelSerializer):
    """A workshop film with its Passeurs d'images metadata."""

    class Meta:
        model = Film
        fields = [
            "id",
            "title",
            "duration_seconds",
            "year",
            "typology",
            "genre",
            "synopsis",
            "host_structure",
            "partner_cinema",
            "participants",
            "region",
            "release",
        ]

    title = serializers.CharField(source="work.title", read_only=True)
    duration_seconds = serializers.IntegerField(source="work.duration_seconds", read_only=True)
    year = serializers.IntegerField(source="work.year", read_only=True)
    typology = serializers.CharField(
        source="work.typology", read_only=True, help_text=_("Typologie (code).")
    )
    genre = serializers.CharField(read_only=True, help_text=GENRES)
    synopsis = serializers.CharField(source="work.synopsis", read_only=True)
    host_structure = serializers.CharField(
        source="group.action.project.applicant.name", read_only=True
    )
    release = serializers.CharField(source="state", read_only=True, help_text=FILM_STATES)


class WorkshopFilmFilter(filters.FilterSet):
    region = filters.CharFilter(field_name="region_id", help_text=_("Code INSEE de la région."))
    year = YearFilter(field_name="work__year")
    genre = filters.CharFilter(field_name="genre", help_text=GENRES)
    typology = filters.CharFilter(field_name="work__typology", help_text=_("Typologie (code)."))

    class Meta:
        model = Film
        fields = ["region", "year", "genre", "typology"]


@read_endpoints(
    list_summary=_("Films d'atelier"),
    retrieve_summary=_("Un film d'atelier"),
    list_description=_(
        "Les films que l'appelant peut voir : pour tout le monde, les films publics dont chaque "
        "personne à l'image a autorisé la diffusion sur le web ce jour-là."
    ),
)
class WorkshopFilmViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.AllowAny]
    serializer_class = PublishedFilmSerializer
    filterset_class = WorkshopFilmFilter

    def get_queryset(self):
        return (
            Film.objects.visible_to(self.request.user)
            .select_related("work", "group__action__project__applicant")
            .order_by("-work__year", "work__title", "pk")
        )
