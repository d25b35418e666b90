"""The demo's pool of speakers: fictive people in Occitanie and Hauts-de-France with their
profiles, and the demo speaker account that has a request to answer."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from lanterne.demo import fictive
from lanterne.demo.speakers import SPEAKER_EMAIL
from lanterne.speakers.enums import EngagementState
from lanterne.speakers.models import Engagement, Qualification, SpeakerProfile


def test_demo_pool_and_speaker_account(login):
    """Every profile of the demo is fictive; the pool has speakers living in both régions; the
    speaker account signs in with the demo password and sees its request; a rerun adds
    nothing."""
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    profiles = SpeakerProfile.objects.all()
    assert profiles.count() >= 16
    assert all(p.is_fictitious and p.person.is_fictitious for p in profiles)
    regions = set(profiles.values_list("home_commune__region", flat=True))
    assert {"76", "32"} <= regions
    assert Qualification.objects.exists()
    engagement = Engagement.objects.get(profile__person__user__email=SPEAKER_EMAIL)
    assert engagement.state == EngagementState.ASKED
    user = engagement.profile.person.user
    assert user.check_password(fictive.DEMO_PASSWORD)
    page = login(user).get(reverse("speakers:engagements"))
    assert engagement.action.title in page.text
    counts = (SpeakerProfile.objects.count(), Engagement.objects.count())
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    assert (SpeakerProfile.objects.count(), Engagement.objects.count()) == counts
