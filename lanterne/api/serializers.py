"""Serializers of the read API: thin, read-only, no business rule of their own.

Who may see a private field is asked of `rules` (`PrivateFieldsSerializer.may_see_private`);
which rows exist for a user is decided by the views' `visible_to(user)` querysets.
"""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers

from lanterne.accounts.models import Membership
from lanterne.network.models import Affiliation, Coordination, Person, Pole, Structure
from lanterne.territories.models import Commune, Departement, Qpv, Region, RuralZoning

from .permissions import user_has_perm


class ReadOnlyModelSerializer(serializers.ModelSerializer):
    """Every field is read-only: the API publishes, it does not write (yet)."""

    def get_extra_kwargs(self):
        extra_kwargs = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra_kwargs.setdefault(name, {})["read_only"] = True
        return extra_kwargs


# Territories: public reference data.


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
            "siren",
            "latitude",
            "longitude",
        ]

    postal_codes = serializers.ListField(child=serializers.CharField(), read_only=True)
    former_codes = serializers.ListField(child=serializers.CharField(), read_only=True)


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


# Network.


class PrivateFieldsSerializer(ReadOnlyModelSerializer):
    """Leaves `Meta.private_fields` out of an object's representation unless allowed.

    Hidden fields are not computed at all (their relations may not even be prefetched for a
    user who can never see them). The OpenAPI schema marks them as optional
    (`lanterne.api.schema`).
    """

    private_permission: str = ""

    def may_see_private(self, instance) -> bool:
        return user_has_perm(self.context.get("request"), self.private_permission, instance)

    def to_representation(self, instance):
        self._hidden_fields = (
            frozenset() if self.may_see_private(instance) else frozenset(self.Meta.private_fields)
        )
        return super().to_representation(instance)

    @property
    def _readable_fields(self):
        # DRF iterates this property to build a representation; skipping here, rather than
        # popping afterwards, keeps hidden relations from being read.
        hidden = getattr(self, "_hidden_fields", frozenset(self.Meta.private_fields))
        for field in super()._readable_fields:
            if field.field_name not in hidden:
                yield field


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
            "email",
            "phone",
            "is_listed",
            "memberships",
        ]
        private_fields = ["siret", "email", "phone", "is_listed", "memberships"]

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


# Authentication.


class EmailAuthTokenSerializer(serializers.Serializer):
    """An account's credentials (DRF's `AuthTokenSerializer`, with the e-mail as login)."""

    email = serializers.EmailField(label=_("adresse e-mail"), write_only=True)
    password = serializers.CharField(
        label=_("mot de passe"),
        style={"input_type": "password"},
        trim_whitespace=False,
        write_only=True,
    )

    def validate(self, attrs):
        request = self.context["request"]
        # `username` is the generic credential name the backends (and django-axes) expect.
        user = authenticate(request=request, username=attrs["email"], password=attrs["password"])
        if user is None:
            if getattr(request, "axes_locked_out", False):
                raise exceptions.PermissionDenied(
                    _("Trop de tentatives de connexion : réessayez dans une heure.")
                )
            raise serializers.ValidationError(
                _("Adresse e-mail ou mot de passe incorrect."), code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    """The user's API token."""

    token = serializers.CharField(
        help_text=_("À envoyer dans l'en-tête « Authorization: Token <jeton> »."),
    )
