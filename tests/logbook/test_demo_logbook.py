"""The demo's logbook: one group with posts and drawn photos (no EXIF), a post waiting for
moderation, and three films — one in the public gallery, one held back by a missing
authorisation, one taken back by a withdrawal."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from lanterne.logbook.enums import FilmState, PostState, Scope
from lanterne.logbook.models import Film, FilmTransition, PostMedia, WorkshopGroup


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def test_the_demo_logbook(demo, client):
    group = WorkshopGroup.objects.get()
    assert group.posts.filter(state=PostState.APPROVED).count() == 3
    assert group.posts.filter(state=PostState.PENDING).count() == 1
    for media in PostMedia.objects.all():
        with media.file.open("rb") as stored:
            assert not Image.open(io.BytesIO(stored.read())).getexif()
    films = {f.work.title: f for f in Film.objects.select_related("work")}
    assert len(films) == 3 and all(f.state == FilmState.PUBLIC for f in films.values())
    public = {f.work.title for f in Film.objects.published_in(Scope.PUBLIC)}
    assert public == {"Ceux d'ici (film d'atelier fictif)"}
    withdrawn = films["Portraits du quartier (film d'atelier fictif)"]
    assert FilmTransition.objects.filter(film=withdrawn, name="consent_withdrawn").exists()
    gallery = client.get(reverse("logbook:gallery")).text
    assert escape("Ceux d'ici (film d'atelier fictif)") in gallery
    assert escape("Le Marché du dimanche") not in gallery
    assert escape("Portraits du quartier") not in gallery
    # Rerunning changes nothing.
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    assert WorkshopGroup.objects.count() == 1 and Film.objects.count() == 3
