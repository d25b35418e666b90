"""Every role's home says what is true: a speaker sees its fiche and the actions it is engaged
in, and is never told its fiche is complete without one; a committee member is told of its
closed sessions and of the projects it may read; an applicant without a commune is not told
that no call is open « in its région »."""

from html import unescape

import pytest
from django.urls import reverse

from lanterne.projects.models import Action, ActionSpeaker
from tests.accounts.factories import applicant, coordinator, speaker
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.network.factories import AffiliationFactory, PersonFactory, StructureFactory
from tests.projects.factories import project, session

HOME = reverse("www:home")


def test_a_contact_record_is_not_a_speakers_fiche(login):
    """A speaker whose account only has a contact record (not a speaker's fiche) is told the
    fiche is not created, never that it is complete."""
    user = speaker()
    person = PersonFactory(user=user, is_speaker=False, bio="Chargée de mission", phone="")
    AffiliationFactory(person=person)
    text = unescape(login(user).get(HOME).text)
    assert "n'a pas encore été créée" in text
    assert "complète" not in text


def test_speaker_sees_its_fiche_and_engaged_actions(login):
    """The fiche's contents and each engaged action with its project and its sessions."""
    user = speaker()
    person = PersonFactory(user=user, is_speaker=True, bio="Réalisatrice de documentaires")
    AffiliationFactory(person=person, structure=StructureFactory(name="Ciné des Faubourgs"))
    p = project()
    action = p.actions.get(action_type="creation_workshop")
    session(action, day="2024-04-10")
    ActionSpeaker.objects.create(action=action, person=person)
    text = unescape(login(user).get(HOME).text)
    assert "Réalisatrice de documentaires" in text
    assert "Ciné des Faubourgs" in text
    assert action.title in text
    assert p.title in text
    assert "mercredi 10 avril 2024" in text
    assert "Votre fiche a une présentation" in text


def test_speaker_without_engagement_is_told_so(login):
    """No engagement: the page says so rather than showing an empty list."""
    user = speaker()
    PersonFactory(user=user, is_speaker=True)
    text = unescape(login(user).get(HOME).text)
    assert "Vous n'êtes engagé·e sur aucune action pour l'instant." in text


def test_another_speakers_engagements_are_not_shown(login):
    """A speaker sees its own engagements only."""
    p = project()
    action = p.actions.first()
    ActionSpeaker.objects.create(action=action, person=PersonFactory(is_speaker=True))
    user = speaker()
    PersonFactory(user=user, is_speaker=True)
    assert action.title not in unescape(login(user).get(HOME).text)


@pytest.mark.parametrize("rows", [2, 12])
def test_speaker_home_query_count_is_constant(login, django_assert_num_queries, rows):
    """The engaged actions and their sessions are read in a fixed number of queries."""
    user = speaker()
    person = PersonFactory(user=user, is_speaker=True)
    p = project()
    for n in range(rows):
        action = Action.objects.create(project=p, action_type="open_air", title=f"Séance {n}")
        session(action)
        ActionSpeaker.objects.create(action=action, person=person)
    client = login(user)
    with django_assert_num_queries(8):
        client.get(HOME)


def test_committee_member_with_closed_sessions_only_is_not_told_none_is_assigned(login):
    """A closed session is not « no session »: the page counts it."""
    session_ = CommitteeSessionFactory(is_closed=True)
    text = unescape(login(committee_member_of(session_)).get(HOME).text)
    assert "Aucune session de comité ne vous est attribuée" not in text
    assert "1 séance à laquelle vous avez siégé est close" in text


def test_committee_member_is_pointed_to_the_projects_of_its_calls(login):
    """The committee's home counts the projects of its calls it may read, with a link."""
    p = project()
    member = committee_member_of(CommitteeSessionFactory(call=p.call))
    text = unescape(login(member).get(HOME).text)
    assert "1 projet retenu, dont 0 avec un bilan transmis" in text
    assert reverse("projects:list") in text


def test_applicant_without_a_commune_is_not_told_no_call_is_open_in_its_region(login):
    """Without a commune the région is unknown: the page asks for the commune instead."""
    user = applicant(structure=StructureFactory(commune=None))
    text = unescape(login(user).get(HOME).text)
    assert "Aucun appel à projets n'est ouvert dans votre région" not in text
    assert "Indiquez la commune de votre structure" in text


def test_coordinator_with_an_empty_perimeter_is_not_told_all_is_complete(login):
    """« Every structure has a SIRET » is not said of a perimeter without structures."""
    text = unescape(login(coordinator()).get(HOME).text)
    assert "Toutes les structures de votre périmètre" not in text
    assert "Aucune structure n'est encore enregistrée dans votre périmètre." in text
