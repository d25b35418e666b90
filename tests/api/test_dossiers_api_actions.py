"""The dossier's life through the API: submit, return, decide, withdraw call the services.
A role without the right gets 403, a refusal of the service 400 with its messages, a dossier
out of reach 404."""

import pytest
from django.utils import translation

from lanterne.dossiers.attestation import attestation_text
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier, DossierTransition
from tests.accounts.factories import applicant
from tests.calls.factories import CallFactory, call_coordinator
from tests.dossiers.factories import DossierFactory, dossier_applicant

ATTEST = {"attestation": True}


def post(client, dossier, action, body=None, **headers):
    path = f"/api/v1/dossiers/{dossier.pk}/{action}/"
    return client.post(path, body or {}, format="json", **headers)


def state_of(dossier):
    return Dossier.objects.get(pk=dossier.pk).state


def test_applicant_submits_a_complete_dossier(api):
    """Before the deadline, a complete draft is submitted and its content frozen."""
    dossier = DossierFactory(call=CallFactory(open_now=True), complete=True)
    response = post(api.as_user(dossier_applicant(dossier)), dossier, "submit", ATTEST)
    assert response.status_code == 200
    assert response.json()["state"] == "submitted"
    assert Dossier.objects.get(pk=dossier.pk).submitted_content["title"] == dossier.title


def test_incomplete_dossier_is_refused_with_the_rules_messages(api):
    """A draft that fails blocking rules: 400, one message per rule, still a draft."""
    dossier = DossierFactory(call=CallFactory(open_now=True))
    response = post(api.as_user(dossier_applicant(dossier)), dossier, "submit", ATTEST)
    assert response.status_code == 400
    data = response.json()
    assert data["detail"]
    assert any("partenariat tripartite" in error for error in data["errors"])
    assert state_of(dossier) == DossierState.DRAFT


def test_submission_after_the_deadline_is_refused(api):
    """The 2024 Occitanie call closed on 31 October 2023: 400 naming the deadline."""
    dossier = DossierFactory(complete=True)
    response = post(api.as_user(dossier_applicant(dossier)), dossier, "submit", ATTEST)
    assert response.status_code == 400
    assert "31 octobre 2023" in response.json()["detail"]
    assert state_of(dossier) == DossierState.DRAFT


def test_only_the_applicant_submits(api):
    """The coordinator sees the draft but may not submit it (403); a stranger gets 404."""
    dossier = DossierFactory(call=CallFactory(open_now=True), complete=True)
    assert post(api.as_user(call_coordinator(dossier.call)), dossier, "submit").status_code == 403
    assert post(api.as_user(applicant()), dossier, "submit").status_code == 404
    assert state_of(dossier) == DossierState.DRAFT


def test_submission_records_the_attestation_as_the_site_does(api):
    """The API submits with the *attestation sur l'honneur*, as the site: the submission's log
    row holds the text attested (in the request's language, naming the person and the
    structure), its language, and its time is the submission's."""
    dossier = DossierFactory(call=CallFactory(open_now=True), complete=True)
    owner = dossier_applicant(dossier)
    response = post(api.as_user(owner), dossier, "submit", ATTEST, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    dossier.refresh_from_db()
    step = DossierTransition.objects.get(dossier=dossier, name="submit")
    assert step.details["attestation"] == translation.override("en")(attestation_text)(
        dossier=dossier, by=owner
    )
    assert "declare on my honour" in step.details["attestation"]
    assert dossier.applicant.name in step.details["attestation"]
    assert step.details["attestation_language"] == "en"
    assert step.at == dossier.submitted_at
    assert step.details["fingerprint"] == dossier.fingerprint


@pytest.mark.parametrize("body", [{}, {"attestation": False}, {"attestation": None}])
def test_submission_without_the_attestation_is_refused(api, body):
    """Without `attestation: true`, nothing is submitted: 400 in the API's one shape, the
    message under the field, in the request's language."""
    dossier = DossierFactory(call=CallFactory(open_now=True), complete=True)
    client = api.as_user(dossier_applicant(dossier))
    response = post(client, dossier, "submit", body)
    assert response.status_code == 400
    data = response.json()
    assert list(data["fields"]) == ["attestation"]
    assert "attestation sur l'honneur" in data["detail"]
    english = post(client, dossier, "submit", body, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 400
    assert english.json()["fields"]["attestation"][0].startswith("A dossier is submitted only")
    assert state_of(dossier) == DossierState.DRAFT
    assert not dossier.transitions.filter(name="submit").exists()


def test_coordinator_returns_a_dossier_with_a_reason(api):
    """Returned for completion with a reason; without one, 400; the applicant cannot (403)."""
    dossier = DossierFactory(state="submitted")
    coordinator = api.as_user(call_coordinator(dossier.call))
    assert post(coordinator, dossier, "return", {"reason": "   "}).status_code == 400
    assert state_of(dossier) == DossierState.SUBMITTED
    owner = api.as_user(dossier_applicant(dossier))
    assert post(owner, dossier, "return", {"reason": "Budget"}).status_code == 403
    coordinator = api.as_user(call_coordinator(dossier.call))
    response = post(coordinator, dossier, "return", {"reason": "Ajoutez le CV."})
    assert response.status_code == 200
    assert state_of(dossier) == DossierState.SENT_BACK
    assert dossier.transitions.last().reason == "Ajoutez le CV."


def test_coordinator_decides_with_an_amount(api):
    """Accepted needs an amount (400 without); with one the dossier is accepted."""
    dossier = DossierFactory(state="in_committee")
    client = api.as_user(call_coordinator(dossier.call))
    refused = post(client, dossier, "decide", {"decision": "accepted"})
    assert refused.status_code == 400
    assert refused.json()["errors"] == ["Indiquez le montant attribué."]
    response = post(client, dossier, "decide", {"decision": "accepted", "amount": "3500.00"})
    assert response.status_code == 200
    assert response.json()["granted_amount"] == "3500.00"
    assert state_of(dossier) == DossierState.ACCEPTED


def test_decision_is_refused_in_the_wrong_state_or_role(api):
    """A draft cannot be decided (400); the applicant may not decide (403); bad value 400."""
    call = CallFactory()
    draft = DossierFactory(call=call)
    client = api.as_user(call_coordinator(call))
    assert post(client, draft, "decide", {"decision": "refused"}).status_code == 400
    assert post(client, draft, "decide", {"decision": "maybe"}).status_code == 400
    in_committee = DossierFactory(call=call, state="in_committee")
    owner = api.as_user(dossier_applicant(in_committee))
    assert post(owner, in_committee, "decide", {"decision": "refused"}).status_code == 403
    assert state_of(in_committee) == DossierState.IN_COMMITTEE


def test_applicant_withdraws_its_dossier(api):
    """The applicant withdraws; the coordinator may not (403); a decided dossier cannot (400)."""
    dossier = DossierFactory(state="submitted")
    assert post(api.as_user(call_coordinator(dossier.call)), dossier, "withdraw").status_code == 403
    owner = api.as_user(dossier_applicant(dossier))
    assert post(owner, dossier, "withdraw", {"reason": "Projet reporté"}).status_code == 200
    assert state_of(dossier) == DossierState.WITHDRAWN
    accepted = DossierFactory(state="accepted")
    response = post(api.as_user(dossier_applicant(accepted)), accepted, "withdraw")
    assert response.status_code == 400
    assert response.json()["errors"]


def test_detail_and_answers_say_what_the_user_may_do_now(api):
    """The detail of a dossier and the answer of an action carry `abilities`, for the user who
    asks: the applicant may submit its draft, the coordination may then instruct it; the list
    leaves them out."""
    dossier = DossierFactory(call=CallFactory(open_now=True), complete=True)
    owner = dossier_applicant(dossier)
    detail = api.as_user(owner).get(f"/api/v1/dossiers/{dossier.pk}/").json()
    assert detail["abilities"]["submit"] is True
    assert detail["abilities"]["edit"] is True
    assert detail["abilities"]["accept"] is False
    answer = post(api.as_user(owner), dossier, "submit", ATTEST).json()
    assert answer["abilities"]["submit"] is False
    assert answer["abilities"]["withdraw"] is True
    coordination = api.as_user(call_coordinator(dossier.call))
    detail = coordination.get(f"/api/v1/dossiers/{dossier.pk}/").json()
    assert detail["abilities"]["start_review"] is True
    assert detail["abilities"]["send_back"] is True
    assert detail["abilities"]["submit"] is False
    listed = coordination.get("/api/v1/dossiers/").json()["results"]
    assert listed and all("abilities" not in row for row in listed)
