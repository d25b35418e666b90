"""Projects come from accepted dossiers, as in real life: `project()` accepts a complete
dossier of the 2024 Occitanie call and lets the service carry its actions over."""

import datetime

from lanterne.dossiers.enums import DossierState
from lanterne.projects.models import ActionSession, Project
from lanterne.projects.services import project_create_from_dossier
from tests.calls.factories import call_coordinator
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.territories.factories import CommuneFactory


def project(**dossier_kwargs) -> Project:
    dossier = DossierFactory(state=DossierState.ACCEPTED, **dossier_kwargs)
    return project_create_from_dossier(dossier=dossier, by=dossier.created_by)


def project_applicant(project: Project, **user_kwargs):
    return dossier_applicant(project.dossier, **user_kwargs)


def project_coordinator(project: Project, **user_kwargs):
    return call_coordinator(project.call, **user_kwargs)


def session(action, day="2024-03-06", start="14:00", end="17:00", commune=None) -> ActionSession:
    return ActionSession.objects.create(
        action=action,
        day=datetime.date.fromisoformat(day),
        starts_at=datetime.time.fromisoformat(start),
        ends_at=datetime.time.fromisoformat(end),
        place_commune=commune or CommuneFactory(),
    )
