"""The API answers what its OpenAPI schema says, whatever the input: schemathesis generates
requests for every operation of `/api/v1/schema/` (a bounded, derandomised number per
operation), as a coordinator with a token and as an anonymous caller, on seeded data. No answer
is a server error; every status code, body and header is the one documented.

Each caller's run is one test over every operation, in one transaction on one set of seeded
rows (schemathesis' lazy pytest loader, `from_fixture`, does not run on this pytest)."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from lanterne.accounts.tokens import api_token_create
from tests.calls.factories import call_coordinator
from tests.dossiers.factories import DossierFactory
from tests.network.factories import PersonFactory
from tests.observatory.factories import CampaignFactory
from tests.projects.factories import project

# Enough to reach each operation's parameters and bodies, few enough for the suite's time.
# Per operation, per caller: requests of the documented shape, and requests that break it.
MAX_EXAMPLES = {"positive": 15, "negative": 8}
SETTINGS = settings(
    derandomize=True,
    deadline=None,
    database=None,
    # A failure is reported as found: shrinking it would cost more than the whole run.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
# "A schema-valid request is accepted" does not hold for this API by design: a request of the
# documented shape may still be refused with a 400 and the reason (wrong credentials at
# auth/token/, a service refusing a dossier's move, a page past the last). Those 400 are
# documented and checked against the schema like every other answer.
EXCLUDED_CHECKS = [positive_data_acceptance]
# Requests of the documented shape, and requests that break it (a year that is not a number,
# a body missing its fields…), which must be refused with a 4xx.
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
# The schema is served without the database: it can be read when the module is collected.
APP = WSGIHandler()
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", APP)


@pytest.fixture
def wsgi_requests():
    """Requests reach Django's WSGI application inside the test's transaction: as Django's
    test client does, a request's end must not close the connection that holds it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(db, wsgi_requests):
    """A project (its call, accepted dossier, actions and report), a submitted dossier of the
    same call, a published campaign and a person: small ids lead somewhere."""
    p = project()
    DossierFactory(call=p.call, state="submitted")
    CampaignFactory(published=True)
    PersonFactory()
    return p


def _can_break(operation) -> bool:
    """Whether a request can break the operation's schema: not when all it takes is a path's
    free string (a slug, a code), which every string satisfies."""
    raw = operation.definition.raw
    parameters = raw.get("parameters", [])
    return "requestBody" in raw or any(
        p["in"] == "query" or p.get("schema", {}).get("type") != "string" for p in parameters
    )


def _run_every_operation(headers: dict) -> None:
    failures = []
    for result in SCHEMA.get_all_operations():
        operation = result.ok()

        for mode in MODES if _can_break(operation) else MODES[:1]:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(SETTINGS, max_examples=MAX_EXAMPLES[mode.value])
            def check(case):
                case.call_and_validate(headers=headers, excluded_checks=EXCLUDED_CHECKS)

            try:
                check()
            except (Exception, BaseExceptionGroup) as error:  # every failure is listed
                failures.append(f"{operation.label} ({mode.value}): {error}")
    assert not failures, "\n\n".join(failures)


def test_api_conforms_to_its_schema_for_a_coordinator(seeded):
    """A coordinator of the seeded call, signed in with a token."""
    user = call_coordinator(seeded.call)
    _token, key = api_token_create(user=user, name="schemathesis", by=user)
    _run_every_operation({"Authorization": f"Token {key}"})


def test_api_conforms_to_its_schema_for_anyone(seeded):
    """An anonymous caller."""
    _run_every_operation({})
