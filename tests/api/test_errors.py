"""Every refusal of the API has one shape, `{"detail", "errors", "fields"}`, in the request's
language (French by default, English with `Accept-Language: en`), and none is a 500: a
service's refusal or a validation error is 400, a permission refused 403, what is out of reach
404, an illegal move of a workflow that reaches the API 409 (`lanterne.api.exceptions`)."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from lanterne.dossiers.models import Dossier
from lanterne.projects import services as project_services
from lanterne.projects.enums import ReportState
from lanterne.projects.models import Report
from tests.accounts.factories import applicant
from tests.calls.factories import CallFactory, call_coordinator
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.projects.factories import project, project_applicant, project_coordinator

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def post(client, path, body=None, **kwargs):
    return client.post(f"/api/v1/{path}", body or {}, format="json", **kwargs)


def body(response) -> dict:
    data = response.json()
    assert set(data) == {"detail", "errors", "fields"}, data
    return data


def test_a_service_refusal_is_a_400_with_its_messages(api):
    """A `ServiceError` answers 400: `detail` joins the messages, `errors` lists them."""
    dossier = DossierFactory(state="in_committee")
    client = api.as_user(call_coordinator(dossier.call))
    path = f"dossiers/{dossier.pk}/decide/"
    response = post(client, path, {"decision": "accepted"})
    assert response.status_code == 400
    assert body(response) == {
        "detail": "Indiquez le montant attribué.",
        "errors": ["Indiquez le montant attribué."],
        "fields": {},
    }
    english = post(client, path, {"decision": "accepted"}, **ENGLISH)
    assert english.status_code == 400
    assert body(english)["errors"] == ["Give the amount awarded."]


def test_a_service_refusal_with_several_messages_lists_each(api):
    """A draft failing several blocking rules: one message per rule, `detail` all of them."""
    dossier = DossierFactory(call=CallFactory(open_now=True))
    response = post(
        api.as_user(dossier_applicant(dossier)),
        f"dossiers/{dossier.pk}/submit/",
        {"attestation": True},
    )
    assert response.status_code == 400
    data = body(response)
    assert len(data["errors"]) > 1
    assert data["detail"] == " ".join(data["errors"])
    assert Dossier.objects.get(pk=dossier.pk).state == "draft"


def test_an_invalid_body_is_a_400_naming_its_field(api):
    """A request body that fails validation answers 400 with its messages under `fields`."""
    dossier = DossierFactory(state="in_committee")
    client = api.as_user(call_coordinator(dossier.call))
    path = f"dossiers/{dossier.pk}/decide/"
    response = post(client, path, {"decision": "maybe"})
    assert response.status_code == 400
    data = body(response)
    assert data["fields"] == {"decision": ["«\xa0maybe\xa0» n'est pas un choix valide."]}
    assert data["errors"] == data["fields"]["decision"] == [data["detail"]]
    english = body(post(client, path, {"decision": "maybe"}, **ENGLISH))
    assert english["fields"] == {"decision": ['"maybe" is not a valid choice.']}


def test_an_invalid_filter_is_a_400_naming_its_field(api):
    """A query-string filter out of its choices answers 400 in the same shape."""
    response = api.as_user(applicant()).get("/api/v1/actions/", {"kind": "regarder"})
    assert response.status_code == 400
    assert list(body(response)["fields"]) == ["kind"]


def test_a_django_validation_error_by_field_keeps_its_fields():
    """A Django `ValidationError` raised by field (as the observatory's services do) answers
    400 with each field's messages, and every message in `errors`."""

    class Refusing(APIView):
        permission_classes = []

        def post(self, request):
            raise ValidationError({"reason": ["Indiquez pourquoi."], "__all__": ["Non."]})

    response = Refusing.as_view()(APIRequestFactory().post("/"))
    assert response.status_code == 400
    assert response.data == {
        "detail": "Indiquez pourquoi. Non.",
        "errors": ["Indiquez pourquoi.", "Non."],
        "fields": {"reason": ["Indiquez pourquoi."]},
    }


def test_a_refused_permission_is_a_403(api):
    """The coordinator sees the draft but may not submit it: 403 with a message."""
    dossier = DossierFactory(call=CallFactory(open_now=True), complete=True)
    client = api.as_user(call_coordinator(dossier.call))
    response = post(client, f"dossiers/{dossier.pk}/submit/")
    assert response.status_code == 403
    assert body(response) == {
        "detail": "Vous n'avez pas la permission d'effectuer cette action.",
        "errors": ["Vous n'avez pas la permission d'effectuer cette action."],
        "fields": {},
    }
    english = post(client, f"dossiers/{dossier.pk}/submit/", **ENGLISH)
    assert english.status_code == 403
    assert body(english)["detail"] == "You do not have permission to perform this action."
    assert Dossier.objects.get(pk=dossier.pk).state == "draft"


def test_what_is_out_of_reach_is_a_404(api):
    """A dossier or a report the user may not see answers 404, for reads and actions alike."""
    dossier = DossierFactory(call=CallFactory(open_now=True), complete=True)
    report = project().report
    stranger = api.as_user(applicant())
    for response in (
        stranger.get(f"/api/v1/dossiers/{dossier.pk}/"),
        post(stranger, f"dossiers/{dossier.pk}/submit/"),
        post(stranger, f"reports/{report.pk}/accept/"),
    ):
        assert response.status_code == 404
        assert body(response) == {"detail": "Non trouvé.", "errors": ["Non trouvé."], "fields": {}}
    english = post(stranger, f"reports/{report.pk}/accept/", **ENGLISH)
    assert english.status_code == 404
    assert body(english)["detail"] == "Not found."


def test_an_illegal_transition_reaching_the_api_is_a_409(api, monkeypatch):
    """When django-fsm itself refuses a move (a service that does not check the state first,
    as the observatory's do), submitting an already-submitted report answers 409, not 500, and
    nothing changes."""

    def submit_unguarded(*, report, by):
        report.submit()
        report.save()
        return report

    p = project()
    owner = api.as_user(project_applicant(p))
    assert post(owner, f"reports/{p.report.pk}/submit/").status_code == 200
    monkeypatch.setattr(project_services, "report_submit", submit_unguarded)
    response = post(owner, f"reports/{p.report.pk}/submit/")
    assert response.status_code == 409
    assert body(response) == {
        "detail": "Cette action n'est pas possible dans l'état actuel de l'objet.",
        "errors": ["Cette action n'est pas possible dans l'état actuel de l'objet."],
        "fields": {},
    }
    english = post(owner, f"reports/{p.report.pk}/submit/", **ENGLISH)
    assert english.status_code == 409
    assert body(english)["detail"] == "This action is not possible in the object's current state."
    report = Report.objects.get(pk=p.report.pk)
    assert report.state == ReportState.SUBMITTED
    assert report.transitions.count() == 1


def test_a_move_the_service_refuses_is_a_400_with_the_state(api):
    """Services check the state before django-fsm does: submitting an already-submitted
    report is refused by the service, 400 naming the state, in the request's language."""
    p = project()
    owner = api.as_user(project_applicant(p))
    assert post(owner, f"reports/{p.report.pk}/submit/").status_code == 200
    again = post(owner, f"reports/{p.report.pk}/submit/")
    assert again.status_code == 400
    assert body(again)["errors"] == ["Le bilan est transmis : cette action n'est pas possible."]
    english = post(owner, f"reports/{p.report.pk}/submit/", **ENGLISH)
    assert body(english)["errors"][0].startswith("The report is ")


@pytest.fixture
def refusals(api):
    """Requests that must each be refused, never answered by a 500."""
    call = CallFactory(open_now=True)
    submitted = DossierFactory(call=call, state="submitted", complete=True)
    accepted = DossierFactory(call=call, state="accepted")
    draft = DossierFactory(call=call)
    p = project()
    project_services.report_submit(report=p.report, by=project_applicant(p))
    fresh = project()
    owner, coordinator = dossier_applicant(submitted), call_coordinator(call)
    return [
        (owner, f"dossiers/{submitted.pk}/submit/", {"attestation": True}),
        (dossier_applicant(draft), f"dossiers/{draft.pk}/submit/", {"attestation": "maybe"}),
        (dossier_applicant(accepted), f"dossiers/{accepted.pk}/withdraw/", {}),
        (coordinator, f"dossiers/{draft.pk}/decide/", {"decision": "refused"}),
        (coordinator, f"dossiers/{draft.pk}/return/", {"reason": "Budget"}),
        (coordinator, f"dossiers/{submitted.pk}/return/", {}),
        (owner, f"dossiers/{submitted.pk}/decide/", {"decision": "refused"}),
        (project_applicant(p), f"reports/{p.report.pk}/submit/", {}),
        (project_coordinator(fresh), f"reports/{fresh.report.pk}/accept/", {}),
        (project_coordinator(fresh), f"reports/{fresh.report.pk}/send-back/", {"reason": "x"}),
        (project_coordinator(p), f"reports/{p.report.pk}/send-back/", {"reason": " "}),
        (None, f"reports/{p.report.pk}/accept/", {}),
        (applicant(), f"reports/{p.report.pk}/accept/", {}),
    ]


def test_no_refusal_is_a_500(api, refusals):
    """Each refused action answers a 4xx in the one error shape (the client re-raises any
    exception a 500 would hide)."""
    for user, path, data in refusals:
        response = post(api.as_user(user), path, data)
        assert 400 <= response.status_code < 500, (path, response.status_code)
        assert body(response)["detail"], path


def test_a_malformed_body_is_a_400(api):
    """A body that is not JSON answers 400 in the one shape."""
    dossier = DossierFactory(state="in_committee")
    client = api.as_user(call_coordinator(dossier.call))
    response = client.post(
        f"/api/v1/dossiers/{dossier.pk}/decide/", "{", content_type="application/json"
    )
    assert response.status_code == 400
    assert body(response)["detail"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "dossiers/abc/submit/"),
        ("post", "dossiers/abc/return/"),
        ("post", "dossiers/abc/decide/"),
        ("post", "dossiers/abc/withdraw/"),
        ("get", "dossiers/abc/history/"),
        ("get", "dossiers/abc/eligibility/"),
        ("post", "reports/abc/accept/"),
        ("get", "reports/abc/history/"),
        ("get", "dossiers/abc/"),
        ("post", f"dossiers/{2**64}/submit/"),
        ("get", f"dossiers/{2**64}/"),
    ],
)
def test_a_malformed_id_is_a_404(api, method, path):
    """An id that is not one (letters, past a bigint) names no object: 404 in the one shape,
    for the actions as for the detail."""
    client = api.as_user(call_coordinator(DossierFactory().call))
    response = getattr(client, method)(f"/api/v1/{path}", {}, format="json")
    assert response.status_code == 404
    assert body(response)["detail"] == "Non trouvé."


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("calls/?year=99999999999", "year"),
        ("calls/?year=0", "year"),
        ("projects/?year=99999999999999999999", "year"),
        ("actions/?year=-1", "year"),
        ("reports/?year=1e400", "year"),
        (f"dossiers/?call={2**63}", "call"),
        ("dossiers/?call=1e400", "call"),
        ("dossiers/?call=0", "call"),
        (f"projects/?call={2**64}", "call"),
        (f"actions/?project={2**64}", "project"),
        (f"reports/?project={2**64}", "project"),
        ("calls/?page=99999999999999999999999", "page"),
        ("calls/?page=0", "page"),
        ("calls/?page=abc", "page"),
        ("structures/?page=2", "page"),
    ],
)
def test_a_query_value_out_of_range_is_a_400_naming_it(api, path, field):
    """A filter or a page out of range answers 400 naming the parameter, on every database
    (SQLite would overflow on an id past a bigint, PostgreSQL on a year past a smallint)."""
    DossierFactory()
    response = api.as_user(call_coordinator(CallFactory())).get(f"/api/v1/{path}")
    assert response.status_code == 400
    assert list(body(response)["fields"]) == [field]


def test_ids_and_years_in_range_still_filter(api):
    """The bounds refuse nothing real: an existing call's id and year filter as before."""
    dossier = DossierFactory(state="submitted")
    client = api.as_user(call_coordinator(dossier.call))
    response = client.get("/api/v1/dossiers/", {"call": dossier.call_id})
    assert [row["id"] for row in response.json()["results"]] == [dossier.pk]
    response = client.get("/api/v1/calls/", {"year": dossier.call.year})
    assert dossier.call_id in [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("path", ["calls.json", "calls/1.json", "calls/.json", "regions.json"])
def test_format_suffixes_are_not_routed(api, path):
    """One address per resource: no route takes a `.json` suffix (none is in the schema)."""
    CallFactory()
    response = api.as_user(None).get(f"/api/v1/{path}")
    assert response.status_code == 404
    assert body(response)["detail"] == "Non trouvé."


def test_an_address_no_api_route_takes_answers_in_the_api_shape(api, client):
    """Under /api/, an address no route takes is a JSON 404 in the one shape (in the caller's
    language); elsewhere the site's page."""
    response = api.as_user(None).get("/api/v1/dossiers/1.5/history/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert body(response)["errors"] == ["Non trouvé."]
    english = api.get("/api/v1/nothing-here/", **ENGLISH)
    assert body(english)["detail"] == "Not found."
    page = client.get("/nulle-part/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("value", ["maybe", "2", "oui"])
def test_a_yes_or_no_filter_refuses_what_is_neither(api, value):
    """`is_speaker` takes true or false; anything else is a 400, not a silently ignored filter."""
    response = api.as_user(applicant()).get("/api/v1/people/", {"is_speaker": value})
    assert response.status_code == 400
    assert body(response)["fields"] == {"is_speaker": ["Indiquez « true » ou « false »."]}


def test_a_yes_or_no_filter_still_filters(api):
    """The national admin, who reads every person, filters the speakers with true or 1."""
    from tests.accounts.factories import network_admin
    from tests.network.factories import PersonFactory

    speaker = PersonFactory(is_speaker=True)
    PersonFactory(is_speaker=False)
    client = api.as_user(network_admin())
    for value in ("true", "1"):
        response = client.get("/api/v1/people/", {"is_speaker": value})
        assert response.status_code == 200
        assert speaker.pk in [row["id"] for row in response.json()["results"]]
        assert len(response.json()["results"]) == 1
