"""The calls and dossiers endpoints are described in the OpenAPI schema."""

from drf_spectacular.validation import validate_schema

PATHS = [
    "/api/v1/calls/",
    "/api/v1/calls/{id}/",
    "/api/v1/dossiers/",
    "/api/v1/dossiers/{id}/",
    "/api/v1/dossiers/{id}/eligibility/",
    "/api/v1/dossiers/{id}/history/",
    "/api/v1/dossiers/{id}/submit/",
    "/api/v1/dossiers/{id}/return/",
    "/api/v1/dossiers/{id}/decide/",
    "/api/v1/dossiers/{id}/withdraw/",
]


def test_calls_and_dossiers_are_in_the_schema(api):
    """Each path is documented, with the request body and the 400 error shape of actions."""
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    validate_schema(schema)
    assert set(PATHS) <= schema["paths"].keys()
    decide = schema["paths"]["/api/v1/dossiers/{id}/decide/"]["post"]
    assert decide["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/Decide"
    )
    assert decide["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/Error"
    )
    eligibility = schema["components"]["schemas"]["Eligibility"]
    assert set(eligibility["properties"]) == {"eligible", "rules"}


def test_submission_documents_its_attestation(api):
    """The schema says a submission carries the *attestation sur l'honneur*: a required
    boolean `attestation` in its request body."""
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    submit = schema["paths"]["/api/v1/dossiers/{id}/submit/"]["post"]
    assert submit["requestBody"]["required"] is True
    ref = submit["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert body["required"] == ["attestation"]
    assert body["properties"]["attestation"]["type"] == "boolean"
    assert "attestation" in submit["description"]
