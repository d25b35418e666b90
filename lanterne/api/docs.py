"""The API's documentation page, rendered on the server from the OpenAPI schema.

No script and no external asset: the page obeys the site's strict Content-Security-Policy and
works on an offline machine (Swagger UI and Redoc would need a CDN or a vendored bundle).
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(schema: dict) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if ref else None


def describe_type(schema: dict | None) -> dict:
    """A schema as `{"label": …, "ref": component name or None}` for the template."""
    schema = schema or {}
    name = _ref_name(schema)
    if name:
        return {"label": name, "ref": name}
    for combinator in ("allOf", "oneOf", "anyOf"):
        if combinator in schema:
            parts = [describe_type(part) for part in schema[combinator]]
            refs = [part["ref"] for part in parts if part["ref"]]
            label = " | ".join(part["label"] for part in parts)
            if schema.get("nullable"):
                label += " | null"
            return {"label": label, "ref": refs[0] if len(refs) == 1 else None}
    if schema.get("type") == "array":
        item = describe_type(schema.get("items"))
        return {"label": f"[{item['label']}]", "ref": item["ref"]}
    label = schema.get("type", "object")
    if "format" in schema:
        label += f" ({schema['format']})"
    if schema.get("nullable"):
        label += " | null"
    return {"label": label, "ref": None}


def _operation(path: str, method: str, operation: dict) -> dict:
    parameters = [
        {
            "name": parameter["name"],
            "location": parameter["in"],
            "required": parameter.get("required", False),
            "type": describe_type(parameter.get("schema")),
            "enum": [value for value in parameter.get("schema", {}).get("enum", []) if value],
            "description": parameter.get("description", ""),
        }
        for parameter in operation.get("parameters", [])
    ]
    body = operation.get("requestBody", {}).get("content", {})
    request_types = [
        {"media_type": media_type, "type": describe_type(content.get("schema"))}
        for media_type, content in body.items()
    ]
    responses = []
    for code, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        schema = next(iter(content.values()), {}).get("schema") if content else None
        responses.append(
            {
                "code": code,
                "description": response.get("description", ""),
                "type": describe_type(schema) if schema else None,
            }
        )
    security = operation.get("security", [])
    return {
        "id": operation.get("operationId", f"{method}-{path}"),
        "method": method.upper(),
        "path": path,
        "summary": operation.get("summary", ""),
        "description": operation.get("description", ""),
        "parameters": parameters,
        "request_types": request_types,
        "responses": responses,
        # `{}` among the security requirements means "anonymous access allowed".
        "public": not security or {} in security,
    }


def _component(name: str, schema: dict) -> dict:
    required = set(schema.get("required", []))
    return {
        "name": name,
        "description": schema.get("description", ""),
        "enum": [value for value in schema.get("enum", []) if value],
        "properties": [
            {
                "name": field,
                "type": describe_type(field_schema),
                "required": field in required,
                "read_only": field_schema.get("readOnly", False),
                "write_only": field_schema.get("writeOnly", False),
                "description": field_schema.get("description", ""),
            }
            for field, field_schema in schema.get("properties", {}).items()
        ],
    }


def docs_context(schema: dict) -> dict:
    """Group the schema's operations by tag, and list its components, for the template."""
    groups: dict[str, list[dict]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                operation = item[method]
                tag = (operation.get("tags") or ["api"])[0]
                groups.setdefault(tag, []).append(_operation(path, method, operation))
    components = schema.get("components", {})
    return {
        "info": schema.get("info", {}),
        "groups": sorted(groups.items()),
        "components": [
            _component(name, component)
            for name, component in sorted(components.get("schemas", {}).items())
        ],
        "security_schemes": sorted(components.get("securitySchemes", {})),
    }


@login_not_required
def api_docs(request):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return render(request, "api/docs.html", docs_context(schema))
