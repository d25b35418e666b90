"""The network in the API: structures, pôles, coordinations and people.

Every queryset starts from `visible_to(request.user)`: what is out of reach is a 404. Who may see
a private field is asked of `rules` (`PrivateFieldsSerializer.may_see_private`). Filters that
follow a relation to structures only follow the ones the user may see, so that a filter cannot be
used to probe what is out of reach. Relations are fetched with `select_related` /
`prefetch_related` so that a list costs the same number of queries whatever its length.
"""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets

from lanterne.accounts.models import Membership
from lanterne.network.enums import StructureKind, StructureSubkind
from lanterne.network.models import Affiliation, Coordination, Person, Pole, Structure
from lanterne.territories.models import Commune

from .mixins import VisibleToMixin
from .permissions import RulesObjectPermission
from .query import BooleanFilter
from .schema import read_endpoints
from .serializers import PrivateFieldsSerializer, ReadOnlyModelSerializer


class CommuneRefSerializer(ReadOnlyModelSerializer):
    """A commune as referenced by another object."""

    class Meta:
        model = Commune
        fields = ["code", "name", "departement", "region"]


class PositionSerializer(serializers.Serializer):
    """Where to put a structure on a map."""

    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    is_approximate = serializers.BooleanField(
        help_text=_("Vrai quand la position est celle de la commune, faute d'adresse localisée.")
    )


class MembershipSerializer(ReadOnlyModelSerializer):
    """Someone who acts for the structure, and in which role."""

    class Meta:
        model = Membership
        fields = ["user", "role", "role_label"]

    user = serializers.CharField(source="user.__str__", read_only=True)
    role_label = serializers.CharField(read_only=True)


class StructureSerializer(PrivateFieldsSerializer):
    """An organisation of the network; its position is its own, else its commune's."""

    private_permission = "network.view_structure_private"

    class Meta:
        model = Structure
        fields = [
            "url",
            "slug",
            "name",
            "acronym",
            "kind",
            "kind_label",
            "subkind",
            "subkind_label",
            "description",
            "address",
            "address_complement",
            "postal_code",
            "commune",
            "position",
            "website",
            "updated_at",
            # Private: members and coordinators of the structure only.
            "siret",
            "rna",
            "legal_representative_name",
            "legal_representative_role",
            "email",
            "phone",
            "is_listed",
            "memberships",
        ]
        private_fields = [
            "siret",
            "rna",
            "legal_representative_name",
            "legal_representative_role",
            "email",
            "phone",
            "is_listed",
            "memberships",
        ]

    url = serializers.HyperlinkedIdentityField(
        view_name="api:structure-detail", lookup_field="slug"
    )
    kind_label = serializers.CharField(read_only=True)
    subkind_label = serializers.CharField(read_only=True)
    commune = CommuneRefSerializer(read_only=True, allow_null=True)
    position = serializers.SerializerMethodField()
    memberships = MembershipSerializer(many=True, read_only=True)

    @extend_schema_field(PositionSerializer(allow_null=True))
    def get_position(self, structure: Structure):
        position = structure.position
        if position is None:
            return None
        return {
            "latitude": position[0],
            "longitude": position[1],
            "is_approximate": structure.position_is_approximate,
        }


class MissionSerializer(ReadOnlyModelSerializer):
    """A pôle or a coordination; `carriers` lists only the carriers the user may see."""

    class Meta:
        fields = ["slug", "name", "region", "departements", "carriers", "website"]

    departements = serializers.PrimaryKeyRelatedField(
        many=True,
        read_only=True,
        help_text=_("Départements couverts ; vide quand la mission couvre toute la région."),
    )
    carriers = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")


class PoleSerializer(MissionSerializer):
    class Meta(MissionSerializer.Meta):
        model = Pole


class CoordinationSerializer(MissionSerializer):
    class Meta(MissionSerializer.Meta):
        model = Coordination


class AffiliationSerializer(ReadOnlyModelSerializer):
    """A person's position in a structure."""

    class Meta:
        model = Affiliation
        fields = ["structure", "structure_name", "position", "is_public_contact"]

    structure = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    structure_name = serializers.CharField(source="structure.name", read_only=True)


class PersonSerializer(PrivateFieldsSerializer):
    """A person; e-mail and phone for those who may read one of its structures' private data.

    The e-mail of a public contact is public, as on the structure's page.
    """

    class Meta:
        model = Person
        fields = [
            "id",
            "first_name",
            "last_name",
            "is_speaker",
            "bio",
            "affiliations",
            "email",
            "phone",
        ]
        private_fields = ["email", "phone"]

    private_permission = "network.view_person_contact"
    affiliations = AffiliationSerializer(many=True, read_only=True)

    def to_representation(self, person: Person):
        data = super().to_representation(person)
        if "email" not in data and any(a.is_public_contact for a in person.affiliations.all()):
            data["email"] = person.email
        return data


class StructureFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=StructureKind.choices)
    subkind = filters.ChoiceFilter(choices=StructureSubkind.choices)
    region = filters.CharFilter(
        field_name="commune__region_id",
        help_text=_("Code INSEE de la région."),
    )
    departement = filters.CharFilter(
        field_name="commune__departement_id",
        help_text=_("Code INSEE du département."),
    )
    commune = filters.CharFilter(field_name="commune_id", help_text=_("Code INSEE de la commune."))
    q = filters.CharFilter(method="search", help_text=_("Nom, sigle ou commune."))

    class Meta:
        model = Structure
        fields = ["kind", "subkind", "region", "departement", "commune"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class MissionFilter(filters.FilterSet):
    region = filters.CharFilter(field_name="region_id", help_text=_("Code INSEE de la région."))
    departement = filters.CharFilter(
        method="covering",
        help_text=_("Missions couvrant ce département (code INSEE)."),
    )
    carrier = filters.CharFilter(
        method="carried_by",
        help_text=_("Identifiant (slug) d'une structure porteuse."),
    )

    def covering(self, queryset, name, value):
        return queryset.covering_departement(value)

    def carried_by(self, queryset, name, value):
        carriers = Structure.objects.visible_to(self.request.user).filter(slug=value)
        return queryset.filter(carriers__in=carriers).distinct()


class PersonFilter(filters.FilterSet):
    structure = filters.CharFilter(
        method="affiliated_to",
        help_text=_("Identifiant (slug) d'une structure de rattachement."),
    )
    q = filters.CharFilter(method="search", help_text=_("Prénom ou nom."))
    is_speaker = BooleanFilter(help_text=_("Intervenant·e ou non."))

    class Meta:
        model = Person
        fields = ["is_speaker", "structure"]

    def affiliated_to(self, queryset, name, value):
        visible = Affiliation.objects.visible_to(self.request.user)
        affiliations = visible.filter(structure__slug=value)
        return queryset.filter(affiliations__in=affiliations)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(first_name__icontains=value) | Q(last_name__icontains=value))


@read_endpoints(
    list_summary=_("Structures visibles"),
    list_description=_(
        "Les structures de l'annuaire public, plus, pour un utilisateur connecté, celles "
        "de ses rôles et de son périmètre de coordination. Les champs privés (SIRET, "
        "e-mail, téléphone, présence dans l'annuaire, rôles) ne figurent que pour les "
        "structures dont l'utilisateur peut lire les données privées."
    ),
    retrieve_summary=_("Une structure, par identifiant (slug)"),
)
class StructureViewSet(VisibleToMixin, viewsets.ReadOnlyModelViewSet):
    model = Structure
    serializer_class = StructureSerializer
    permission_classes = [RulesObjectPermission]
    object_permission = "network.view_structure"
    filterset_class = StructureFilter
    lookup_field = "slug"
    select_related = ["commune"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.user.is_authenticated:
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
    filterset_class = MissionFilter
    lookup_field = "slug"
    model: type[Pole] | type[Coordination]

    def get_queryset(self):
        carriers = Structure.objects.visible_to(self.request.user).only("pk", "slug")
        return self.model.objects.select_related("region").prefetch_related(
            "departements", Prefetch("carriers", queryset=carriers)
        )


@read_endpoints(
    list_summary=_("Pôles régionaux d'éducation aux images"),
    retrieve_summary=_("Un pôle, par identifiant (slug)"),
)
class PoleViewSet(MissionViewSet):
    model = Pole
    serializer_class = PoleSerializer


@read_endpoints(
    list_summary=_("Coordinations Passeurs d'images"),
    retrieve_summary=_("Une coordination, par identifiant (slug)"),
)
class CoordinationViewSet(MissionViewSet):
    model = Coordination
    serializer_class = CoordinationSerializer


@read_endpoints(
    list_summary=_("Personnes visibles (utilisateurs connectés)"),
    list_description=_(
        "Les contacts publics des structures visibles, les personnes des structures de "
        "son périmètre et soi-même. E-mail et téléphone seulement pour qui peut lire les "
        "données privées d'une de leurs structures ; l'e-mail d'un contact public est public."
    ),
    retrieve_summary=_("Une personne"),
)
class PersonViewSet(VisibleToMixin, viewsets.ReadOnlyModelViewSet):
    model = Person
    serializer_class = PersonSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = PersonFilter

    def get_queryset(self):
        affiliations = Affiliation.objects.visible_to(self.request.user).select_related(
            "structure__commune"
        )
        return (
            super().get_queryset().prefetch_related(Prefetch("affiliations", queryset=affiliations))
        )
