"""Serializers that several parts of the API share: read-only bases, the error body, films.

Who may see a private field is asked of `rules` (`PrivateFieldsSerializer.may_see_private`);
which rows exist for a user is decided by the views' `visible_to(user)` querysets.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lanterne.calls.models import Film
from lanterne.core.workflow import abilities, workflow_of

from .permissions import user_has_perm


class BlankAsNullMixin:
    """A value a row may leave blank (a model field with `blank=True`) whose schema has a
    format or an enum: blank is `null`, never `""`, which no e-mail, address or choice is."""

    def to_representation(self, value):
        if value in ("", None):
            return None
        return super().to_representation(value)  # type: ignore[misc]


class OptionalChoiceField(BlankAsNullMixin, serializers.ChoiceField):
    pass


class OptionalEmailField(BlankAsNullMixin, serializers.EmailField):
    pass


class OptionalURLField(BlankAsNullMixin, serializers.URLField):
    pass


OPTIONAL_FIELDS = {
    serializers.EmailField: OptionalEmailField,
    serializers.URLField: OptionalURLField,
}


class ReadOnlyModelSerializer(serializers.ModelSerializer):
    """Every field is read-only: the API publishes, it does not write (yet). A blank choice,
    e-mail or web address is `null` (`BlankAsNullMixin`)."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if model_field.blank:
            if "choices" in kwargs:
                field_class = OptionalChoiceField
                kwargs["allow_null"] = True
            elif field_class in OPTIONAL_FIELDS:
                field_class = OPTIONAL_FIELDS[field_class]
                kwargs["allow_null"] = True
        return field_class, kwargs

    def get_extra_kwargs(self):
        extra_kwargs = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra_kwargs.setdefault(name, {})["read_only"] = True
        return extra_kwargs


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


class TransitionLogSerializer(ReadOnlyModelSerializer):
    """A row of a workflow's transition log; each log names its model in `Meta`."""

    by = serializers.SerializerMethodField()
    source = serializers.CharField(read_only=True, help_text=_("État de départ (voir `state`)."))
    target = serializers.CharField(read_only=True, help_text=_("État d'arrivée (voir `state`)."))

    class Meta:
        fields = ["name", "source", "target", "at", "by", "reason"]

    def get_by(self, transition) -> str:
        return str(transition.by)


def abilities_schema(model) -> type[serializers.Serializer]:
    """How the schema describes the `abilities` of `model`'s workflow: one boolean per
    ability (`view`, `edit`, each transition and the workflow's other abilities)."""
    workflow = workflow_of(model)
    names = ("view", "edit", *workflow.names, *workflow.more_abilities)
    fields = {name: serializers.BooleanField(read_only=True) for name in names}
    doc = _("Ce que l'utilisateur qui appelle peut faire maintenant : vrai ou faux par action.")
    return type(
        f"{model.__name__}AbilitiesSerializer",
        (serializers.Serializer,),
        fields | {"__doc__": str(doc)},
    )


class AbilitiesMixin(serializers.Serializer):
    # For the detail of a workflow object (`core.workflow.abilities`); a subclass names its
    # model's schema: `@extend_schema_field(abilities_schema(Model))` on `get_abilities`.
    abilities = serializers.SerializerMethodField(
        help_text=_("Ce que l'utilisateur qui appelle peut faire de l'objet maintenant.")
    )

    def get_abilities(self, obj) -> dict[str, bool]:
        return abilities(obj, self.context["request"].user)


class FilmSerializer(ReadOnlyModelSerializer):
    """A film of a call's lists (a screening's film, in the calls and the projects)."""

    class Meta:
        model = Film
        fields = ["id", "title", "director", "year", "duration_minutes"]


class ErrorSerializer(serializers.Serializer):
    """A refusal (`lanterne.api.exceptions`): `detail` to show, `errors` one message per
    problem, `fields` the messages of each field of the request that has some."""

    detail = serializers.CharField()
    errors = serializers.ListField(child=serializers.CharField())
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Les messages de chaque champ refusé de la requête ; vide sinon."),
    )
