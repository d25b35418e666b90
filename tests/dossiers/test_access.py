"""Who sees which dossier, its notes, its opinions: `visible_to` and the `rules` permissions
agree for every role, and the wrong user gets nothing."""

import pytest

from lanterne.accounts.scoping import forget_scope
from lanterne.committee.models import CommitteeSession
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier
from tests.accounts.factories import (
    UserFactory,
    applicant,
    committee_member,
    coordinator,
    network_admin,
)
from tests.calls.factories import call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory, dossier_applicant


@pytest.fixture
def world():
    submitted = DossierFactory(state=DossierState.IN_COMMITTEE)
    draft = DossierFactory(call=submitted.call)
    elsewhere = DossierFactory(state=DossierState.SUBMITTED)  # another région's call
    session = CommitteeSessionFactory(call=submitted.call)
    session.dossiers.add(submitted)
    other_session = CommitteeSessionFactory(call=elsewhere.call)
    other_session.dossiers.add(elsewhere)
    return {
        "submitted": submitted,
        "draft": draft,
        "elsewhere": elsewhere,
        "session": session,
        "users": {
            "own applicant": dossier_applicant(submitted),
            "other applicant": applicant(),
            "coordinator": call_coordinator(submitted.call),
            "other region coordinator": coordinator(),
            "member of the session": committee_member_of(session),
            "member of another session": committee_member_of(other_session),
            "committee member, no session": committee_member(),
            "network admin": network_admin(),
            "no role": UserFactory(),
        },
    }


# role → which of (submitted, draft, elsewhere) it may read
EXPECTED = {
    "own applicant": {"submitted"},
    "other applicant": set(),
    "coordinator": {"submitted", "draft"},
    "other region coordinator": set(),
    "member of the session": {"submitted"},
    "member of another session": {"elsewhere"},
    "committee member, no session": set(),
    "network admin": set(),
    "no role": set(),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_dossier_visibility_per_role(world, role):
    user = world["users"][role]
    forget_scope(user)
    visible = set(Dossier.objects.visible_to(user).values_list("pk", flat=True))
    names = {name for name in ("submitted", "draft", "elsewhere") if world[name].pk in visible}
    assert names == EXPECTED[role]
    for name in ("submitted", "draft", "elsewhere"):
        assert user.has_perm("dossiers.view_dossier", world[name]) == (name in EXPECTED[role]), name


def test_anonymous_sees_no_dossier(world):
    from django.contrib.auth.models import AnonymousUser

    assert not Dossier.objects.visible_to(AnonymousUser()).exists()


@pytest.mark.parametrize("role", list(EXPECTED))
def test_private_notes_only_for_the_coordination(world, role):
    user = world["users"][role]
    assert user.has_perm("dossiers.view_notes", world["submitted"]) == (role == "coordinator")


@pytest.mark.parametrize("role", list(EXPECTED))
def test_only_session_members_give_opinions(world, role):
    user = world["users"][role]
    assert user.has_perm("committee.give_opinion", world["session"]) == (
        role == "member of the session"
    )


@pytest.mark.parametrize("role", list(EXPECTED))
def test_sessions_visible_to_their_members_and_coordination(world, role):
    user = world["users"][role]
    visible = CommitteeSession.objects.visible_to(user).filter(pk=world["session"].pk).exists()
    assert visible == (role in {"coordinator", "member of the session"})
    assert user.has_perm("committee.view_session", world["session"]) == visible


@pytest.mark.parametrize("role", list(EXPECTED))
def test_only_the_applicant_edits_and_only_drafts(world, role):
    user = world["users"][role]
    assert not user.has_perm("dossiers.change_dossier", world["submitted"])  # frozen for all
    draft_owner = dossier_applicant(world["draft"])
    assert draft_owner.has_perm("dossiers.change_dossier", world["draft"])
    assert not user.has_perm("dossiers.change_dossier", world["draft"])


def test_committee_member_never_sees_a_draft_even_on_the_agenda(world):
    """A draft put on a session by mistake stays between the applicant and the coordination."""
    world["session"].dossiers.add(world["draft"])
    member = world["users"]["member of the session"]
    assert not Dossier.objects.visible_to(member).filter(pk=world["draft"].pk).exists()
    assert not member.has_perm("dossiers.view_dossier", world["draft"])
