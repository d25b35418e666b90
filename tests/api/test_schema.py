"""The API describes itself: a valid OpenAPI 3 schema and a documentation page without scripts."""

import re

from drf_spectacular.validation import validate_schema

ENDPOINTS = [
    "/api/v1/auth/token/",
    "/api/v1/regions/",
    "/api/v1/departements/",
    "/api/v1/communes/",
    "/api/v1/communes/{code}/",
    "/api/v1/qpv/",
    "/api/v1/rural-zonings/",
    "/api/v1/structures/",
    "/api/v1/structures/{slug}/",
    "/api/v1/poles/",
    "/api/v1/coordinations/",
    "/api/v1/people/",
]


def test_schema_is_valid_openapi_3(api):
    """`/api/v1/schema/` serves an OpenAPI 3 document that validates, to anyone."""
    response = api.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    assert set(ENDPOINTS) <= schema["paths"].keys()


def test_schema_is_served_as_yaml_by_default(api):
    """Without a format, the schema is YAML."""
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3")


def test_private_fields_are_optional_in_the_schema(api):
    """Clients must expect private fields to be absent: the schema does not require them."""
    structure = api.get("/api/v1/schema/", {"format": "json"}).json()["components"]["schemas"][
        "Structure"
    ]
    assert {"siret", "email", "memberships"} <= structure["properties"].keys()
    assert not {"siret", "email", "phone", "is_listed", "memberships"} & set(structure["required"])
    assert "slug" in structure["required"]


def test_docs_page_lists_the_operations_without_external_assets(api):
    """The docs page is server-rendered: no script, nothing loaded from another origin."""
    response = api.get("/api/v1/docs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    for path in ENDPOINTS:
        assert path in html, path
    assert "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "script-src 'self'" in response["Content-Security-Policy"]
