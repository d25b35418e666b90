"""OpenAPI schema adjustments (drf-spectacular extensions, registered in `ApiConfig.ready`)."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiSerializerExtension


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
