"""The speakers' pages: who sees what (a speaker only their own profile and engagements, a
coordinator its pool, another coordination a 404, the public only the opted-in), the journey
from the matching to the answer, and query counts that do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanterne.projects.models import ActionSpeaker
from lanterne.speakers.enums import EngagementState, QualificationLevel
from lanterne.speakers.models import Engagement, Qualification, SpeakerProfile
from tests.accounts.factories import coordinator, speaker
from tests.speakers.factories import coordinator_of, speaker_profile, workshop
from tests.www.conftest import assert_csp_compliant


@pytest.fixture
def setting(occitanie):
    toulouse = occitanie["toulouse"]
    action = workshop(toulouse)
    profile = speaker_profile(home_commune=toulouse, radius_km=30)
    return {
        "action": action,
        "profile": profile,
        "speaker": profile.person.user,
        # The coordinator of a pôle of Occitanie, whose perimeter holds Toulouse.
        "pool_coordinator": coordinator(region=occitanie["region"]),
        "call_coordinator": coordinator_of(action),
        "toulouse": toulouse,
    }


def test_anonymous_is_sent_to_sign_in(client, setting):
    """Every page but the directory asks to sign in first."""
    for name, args in [
        ("speakers:profile", []),
        ("speakers:engagements", []),
        ("speakers:pool", []),
        ("speakers:detail", [setting["profile"].pk]),
        ("speakers:match", [setting["action"].pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302, name
        assert reverse("accounts:login") in response["Location"], name


def test_a_speaker_creates_and_edits_only_their_own_profile(login, occitanie):
    """A signed-in speaker without a profile creates one; the form keeps what was typed when
    it is refused; the profile page never shows another speaker's profile."""
    other = speaker_profile(equipment="Caméra de l'autre")
    user = speaker()
    client = login(user)
    response = client.get(reverse("speakers:profile"))
    assert response.status_code == 200
    assert "Caméra de l'autre" not in response.text
    refused = client.post(
        reverse("speakers:profile"),
        {
            "radius_km": "40",
            "equipment": "Micro perche",
            "school_holidays": "also",
            "in_directory": "on",
        },
    )
    assert refused.status_code == 422
    assert "Micro perche" in refused.text
    assert "Indiquez la commune" in refused.text
    done = client.post(
        reverse("speakers:profile"),
        {
            "workshop_types": ["fiction", "animation"],
            "home_commune": "Toulouse (31)",
            "radius_km": "40",
            "equipment": "Micro perche",
            "school_holidays": "also",
            "weekdays": "on",
            "in_directory": "on",
            "filmography": "https://example.org/film",
        },
    )
    assert done.status_code == 302
    profile = SpeakerProfile.objects.get(person__user=user)
    assert profile.home_commune == occitanie["toulouse"]
    assert profile.home_latitude == occitanie["toulouse"].latitude
    assert profile.workshop_types == ["fiction", "animation"]
    other.refresh_from_db()
    assert other.equipment == "Caméra de l'autre"


def test_pool_and_detail_are_scoped(login, setting, hauts_de_france):
    """The pôle of Occitanie sees the Toulouse speaker in its pool and on their page; a
    coordinator of Hauts-de-France gets a 404; the speaker themself gets none of the pool."""
    client = login(setting["pool_coordinator"])
    assert setting["profile"].person.last_name in client.get(reverse("speakers:pool")).text
    assert client.get(setting["profile"].get_absolute_url()).status_code == 200
    client = login(coordinator(region=hauts_de_france["region"]))
    assert setting["profile"].person.last_name not in client.get(reverse("speakers:pool")).text
    assert client.get(setting["profile"].get_absolute_url()).status_code == 404
    client = login(setting["speaker"])
    assert client.get(setting["profile"].get_absolute_url()).status_code == 404


def test_qualification_notes_stay_with_their_coordination(login, setting, occitanie):
    """A coordination qualifies a speaker with private notes; another coordination of the same
    territory sees neither its qualification nor its notes."""
    client = login(setting["pool_coordinator"])
    response = client.post(
        setting["profile"].get_absolute_url(),
        {"level": QualificationLevel.OBSERVED, "notes": "Très juste avec les 12-15 ans."},
    )
    assert response.status_code == 302
    assert Qualification.objects.get().level == QualificationLevel.OBSERVED
    assert "Très juste" in client.get(setting["profile"].get_absolute_url()).text
    neighbour = login(coordinator(region=occitanie["region"]))
    page = neighbour.get(setting["profile"].get_absolute_url())
    assert page.status_code == 200
    assert "Très juste" not in page.text


def test_match_page_for_the_call_coordination_only(login, setting, hauts_de_france):
    """The coordination of the project's call finds speakers for its action, each with the
    reasons of their score; another coordination gets a 404, the speaker a 403 or 404."""
    client = login(setting["call_coordinator"])
    response = client.get(reverse("speakers:match", args=[setting["action"].pk]))
    assert response.status_code == 200
    assert setting["profile"].person.last_name in response.text
    assert "Distance depuis la commune de résidence" in response.text
    assert_csp_compliant(response)
    other = login(coordinator(region=hauts_de_france["region"]))
    assert other.get(reverse("speakers:match", args=[setting["action"].pk])).status_code == 404
    speaker_client = login(setting["speaker"])
    assert speaker_client.get(
        reverse("speakers:match", args=[setting["action"].pk])
    ).status_code in (403, 404)


def test_journey_ask_then_accept(login, setting):
    """The coordinator asks the first proposal; the speaker sees it on their engagements page
    and accepts; the action then records the speaker as engaged."""
    client = login(setting["call_coordinator"])
    response = client.post(
        reverse("speakers:ask", args=[setting["action"].pk]), {"profile": setting["profile"].pk}
    )
    assert response.status_code == 302
    engagement = Engagement.objects.get()
    assert engagement.state == EngagementState.ASKED
    speaker_client = login(setting["speaker"])
    page = speaker_client.get(reverse("speakers:engagements"))
    assert setting["action"].title in page.text
    assert_csp_compliant(page)
    answered = speaker_client.post(
        reverse("speakers:engagement_answer", args=[engagement.pk, "accept"]), {"note": "Oui"}
    )
    assert answered.status_code == 302
    engagement.refresh_from_db()
    assert engagement.state == EngagementState.ACCEPTED
    assert ActionSpeaker.objects.filter(
        action=setting["action"], person=setting["profile"].person
    ).exists()


def test_override_without_reason_keeps_the_page(login, setting):
    """Asking the second proposal without a reason is refused on the page (422), nothing asked."""
    second = speaker_profile(departements=[setting["toulouse"].departement])
    client = login(setting["call_coordinator"])
    response = client.post(
        reverse("speakers:ask", args=[setting["action"].pk]), {"profile": second.pk}
    )
    assert response.status_code == 422
    assert "dites pourquoi" in response.text
    assert not Engagement.objects.exists()


def test_a_speaker_never_sees_another_speakers_engagements(login, setting):
    """Another speaker's page of engagements does not list this one, and cannot answer it."""
    client = login(setting["call_coordinator"])
    client.post(
        reverse("speakers:ask", args=[setting["action"].pk]), {"profile": setting["profile"].pk}
    )
    engagement = Engagement.objects.get()
    intruder = login(speaker_profile().person.user)
    assert setting["action"].title not in intruder.get(reverse("speakers:engagements")).text
    response = intruder.post(reverse("speakers:engagement_answer", args=[engagement.pk, "accept"]))
    assert response.status_code == 404
    engagement.refresh_from_db()
    assert engagement.state == EngagementState.ASKED


def test_directory_public_only_if_opted_in(client, login, setting):
    """The public sees only the speakers who opted in to the public directory; a signed-in
    member of the network sees those of the network's directory."""
    public = speaker_profile(in_public_directory=True)
    response = client.get(reverse("speakers:directory"))
    assert response.status_code == 200
    assert public.person.last_name in response.text
    assert setting["profile"].person.last_name not in response.text
    member = login(speaker())
    assert setting["profile"].person.last_name in member.get(reverse("speakers:directory")).text


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["pool", "match", "directory"])
def test_query_counts_do_not_grow(login, setting, page):
    """The pool, the matching and the directory cost the same queries for 2 or 20 speakers."""
    user = setting["call_coordinator"] if page == "match" else setting["pool_coordinator"]
    client = login(user)
    url = {
        "pool": reverse("speakers:pool"),
        "match": reverse("speakers:match", args=[setting["action"].pk]),
        "directory": reverse("speakers:directory"),
    }[page]
    speaker_profile(
        home_commune=setting["toulouse"],
        radius_km=20,
        departements=[setting["toulouse"].departement],
    )
    _count(client, url)
    few = _count(client, url)
    for _ in range(18):
        speaker_profile(
            home_commune=setting["toulouse"],
            radius_km=20,
            departements=[setting["toulouse"].departement],
        )
    assert _count(client, url) == few
