"""OpenAPI schema: the refusals every action documents, and drf-spectacular extensions
(registered in `ApiConfig.ready`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.permissions import SAFE_METHODS

from .permissions import RulesObjectPermission
from .serializers import ErrorSerializer

# What an action on one object may answer besides its success (`lanterne.api.exceptions`).
REFUSALS = {
    400: OpenApiResponse(ErrorSerializer, description=gettext_lazy("Refusé : voir les messages.")),
    401: OpenApiResponse(
        ErrorSerializer,
        description=gettext_lazy("Authentification requise, ou jeton invalide."),
    ),
    403: OpenApiResponse(
        ErrorSerializer, description=gettext_lazy("Action non permise à cet utilisateur.")
    ),
    404: OpenApiResponse(
        ErrorSerializer, description=gettext_lazy("Hors de portée de cet utilisateur.")
    ),
    409: OpenApiResponse(
        ErrorSerializer,
        description=gettext_lazy("L'état de l'objet ne permet pas cette action."),
    ),
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, documenting the refusals every operation may answer besides
    the ones it declares (`REFUSALS`): 401 for all (a wrong token is refused everywhere), 400
    for a list (a filter or a page out of range) and for an action (its body, its service),
    403 for an action, 404 wherever the path names an object."""

    def get_auth(self):
        auths = super().get_auth()
        # `RulesObjectPermission` lets anyone read and decides object by object (a 404 for
        # what is out of reach): authentication is optional, as drf-spectacular says for
        # `AllowAny`.
        perms = [p.__class__ for p in self.view.get_permissions()]
        if RulesObjectPermission in perms and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _get_parameters(self):
        parameters = super()._get_parameters()
        # An empty query parameter (`?year=`, as a form sends it) means the parameter is absent:
        # django-filter and DRF's pagination ignore it.
        for parameter in parameters:
            if parameter.get("in") == "query":
                parameter["allowEmptyValue"] = True
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        # A view that authenticates refuses a wrong token, whatever its permissions.
        codes = {401} if self.view.get_authenticators() else set()
        if self._is_list_view() or self.method != "GET":
            codes.add(400)
        if self.method != "GET":
            codes.add(403)
        if "{" in self.path:
            codes.add(404)
        for code in sorted(codes):
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    REFUSALS[code], str(code), direction=direction
                )
        return responses


def read_endpoints(*, tag=None, list_summary, retrieve_summary, list_description=None):
    """The schema of a read-only viewset: a summary for its list and its detail, one tag."""
    tags = {"tags": [tag]} if tag else {}
    described = {"description": list_description} if list_description else {}
    return extend_schema_view(
        list=extend_schema(summary=list_summary, **described, **tags),
        retrieve=extend_schema(summary=retrieve_summary, **tags),
    )


class PrivateFieldsSerializerExtension(OpenApiSerializerExtension):
    """Private fields are left out for users without the right: they are optional, not required."""

    target_class = "lanterne.api.serializers.PrivateFieldsSerializer"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        private = set(self.target.Meta.private_fields)
        required = [name for name in schema.get("required", []) if name not in private]
        if required:
            schema["required"] = required
        else:
            schema.pop("required", None)
        note = _("Champ privé : absent si l'utilisateur ne peut pas lire les données privées.")
        for name in private:
            field_schema = schema["properties"].get(name)
            if field_schema is not None and "$ref" not in field_schema:
                description = field_schema.get("description")
                field_schema["description"] = f"{description} — {note}" if description else note
        return schema
