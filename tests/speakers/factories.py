"""Speakers with an account and a profile, and a workshop action of a project of the Occitanie
call with its sessions, as the matching reads them."""

import datetime

from lanterne.dossiers.enums import ActionType, Typology
from lanterne.projects.models import Action
from lanterne.speakers.models import SpeakerPeriod, SpeakerProfile
from tests.accounts.factories import speaker
from tests.network.factories import PersonFactory
from tests.projects.factories import project, project_coordinator, session


def speaker_profile(
    *, departements=(), periods=(), with_account: bool = True, **fields
) -> SpeakerProfile:
    """A speaker's profile: by default, leads fiction workshops, on weekdays."""
    user = speaker() if with_account else None
    person = PersonFactory(
        user=user,
        is_speaker=True,
        **({"first_name": user.first_name, "last_name": user.last_name} if user else {}),
    )
    fields.setdefault("workshop_types", [Typology.FICTION])
    profile = SpeakerProfile.objects.create(person=person, **fields)
    if departements:
        profile.departements.set(departements)
    for kind, start, end in periods:
        SpeakerPeriod.objects.create(
            profile=profile,
            kind=kind,
            starts_on=datetime.date.fromisoformat(start),
            ends_on=datetime.date.fromisoformat(end),
        )
    return profile


def workshop(commune, *, days=("2024-03-06",), typology=Typology.FICTION, **project_kwargs):
    """A fiction workshop in `commune`, one afternoon session per day."""
    p = project(**project_kwargs)
    action = Action.objects.create(
        project=p,
        action_type=ActionType.CREATION_WORKSHOP,
        typology=typology,
        title="Atelier fiction",
        commune=commune,
    )
    for day in days:
        session(action, day=day, commune=commune)
    return action


def coordinator_of(action: Action):
    return project_coordinator(action.project)
