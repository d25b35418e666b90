"""An accepted dossier becomes the applicant's project for the year, its planned actions
carried over, open-air screenings with an authorisation to request, the report due at the
call's final-reports milestone."""

from decimal import Decimal

import pytest

from lanterne.dossiers import services as dossier_services
from lanterne.dossiers.enums import Decision, DossierState
from lanterne.projects.enums import AuthorisationStatus, ReportState
from lanterne.projects.models import Project
from tests.calls.factories import call_coordinator, paris
from tests.dossiers.factories import DossierFactory


def test_accepting_a_dossier_creates_its_project():
    dossier = DossierFactory(state=DossierState.IN_COMMITTEE)
    dossier_services.dossier_decide(
        dossier=dossier,
        by=call_coordinator(dossier.call),
        decision=Decision.ACCEPTED,
        amount=Decimal("4000"),
    )
    project = Project.objects.get(dossier=dossier)
    assert project.year == 2024
    assert project.applicant == dossier.applicant
    assert project.granted_amount == Decimal("4000")
    assert sorted(a.action_type for a in project.actions.all()) == sorted(
        p.action_type for p in dossier.actions.all()
    )
    open_air = project.actions.get(action_type="open_air")
    assert open_air.authorisation.status == AuthorisationStatus.TO_REQUEST
    assert open_air.film_id is not None
    assert project.report.state == ReportState.DRAFT
    assert project.report.due_at == paris("2024-11-30 23:59:59")
    assert {e.category: e.planned for e in project.report.expenses.all()} == {
        "speakers": Decimal("7000.00"),
        "equipment": Decimal("3000.00"),
    }


def test_refused_dossier_has_no_project():
    dossier = DossierFactory(state=DossierState.IN_COMMITTEE)
    dossier_services.dossier_decide(
        dossier=dossier, by=call_coordinator(dossier.call), decision=Decision.REFUSED
    )
    assert not Project.objects.filter(dossier=dossier).exists()


def test_the_project_is_created_in_the_transaction_of_the_acceptance(monkeypatch):
    """Projects hears of the acceptance through the workflow's `transitioned` signal, inside
    the acceptance's transaction: if the project cannot be created, the dossier is not
    accepted either."""
    from lanterne.projects import receivers

    def broken(**kwargs):
        raise RuntimeError("no project")

    monkeypatch.setattr(receivers, "project_create_from_dossier", broken)
    dossier = DossierFactory(state=DossierState.IN_COMMITTEE)
    with pytest.raises(RuntimeError):
        dossier_services.dossier_decide(
            dossier=dossier,
            by=call_coordinator(dossier.call),
            decision=Decision.ACCEPTED,
            amount=Decimal("4000"),
        )
    dossier.refresh_from_db()
    assert dossier.state == DossierState.IN_COMMITTEE
    assert dossier.granted_amount is None
    assert not dossier.transitions.filter(name="accept").exists()
    assert not Project.objects.filter(dossier=dossier).exists()
