"""The projects, actions and reports endpoints are described in the OpenAPI schema, which
generates without a single warning."""

import os

from django.core.management import call_command
from drf_spectacular.drainage import reset_generator_stats
from drf_spectacular.validation import validate_schema

PATHS = [
    "/api/v1/projects/",
    "/api/v1/projects/{id}/",
    "/api/v1/actions/",
    "/api/v1/actions/{id}/",
    "/api/v1/reports/",
    "/api/v1/reports/{id}/",
    "/api/v1/reports/{id}/history/",
    "/api/v1/reports/{id}/submit/",
    "/api/v1/reports/{id}/send-back/",
    "/api/v1/reports/{id}/accept/",
]


def test_projects_actions_and_reports_are_in_the_schema(api):
    """Each path is documented, with the request body and the 400 error shape of actions,
    and the beneficiaries and relays described apart."""
    schema = api.get("/api/v1/schema/", {"format": "json"}).json()
    validate_schema(schema)
    assert set(PATHS) <= schema["paths"].keys()
    send_back = schema["paths"]["/api/v1/reports/{id}/send-back/"]["post"]
    assert send_back["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/SendBack"
    )
    for action in ("submit", "send-back", "accept"):
        responses = schema["paths"][f"/api/v1/reports/{{id}}/{action}/"]["post"]["responses"]
        assert responses["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
        assert {"200", "403", "404"} <= responses.keys()
    components = schema["components"]["schemas"]
    assert {"beneficiaries", "relays", "relays_total", "participants"} <= set(
        components["Action"]["properties"]
    )
    figure = components["ReportFigure"]["properties"]
    assert {"code", "recorded", "declared", "value", "differs", "justification"} <= set(figure)
    parameters = {p["name"] for p in schema["paths"]["/api/v1/actions/"]["get"]["parameters"]}
    assert {"project", "year", "action_type", "kind"} <= parameters


def test_schema_generates_without_warnings():
    """`spectacular --validate --fail-on-warn` succeeds (it raises on any warning)."""
    reset_generator_stats()  # Count only this generation's warnings, whatever ran before.
    call_command("spectacular", validate=True, fail_on_warn=True, file=os.devnull)


def test_docs_page_lists_the_new_operations(api):
    """The server-rendered documentation page shows each new path."""
    html = api.get("/api/v1/docs/").content.decode()
    for path in PATHS:
        assert path in html, path
