"""The map and directory data are cached in the cache every process shares; a change to the
structures reaches every process at once."""

import json

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from lanterne.network.caching import GENERATION_KEY, new_generation, structures_cache_key
from lanterne.territories.signals import territories_changed
from tests.network.factories import StructureFactory
from tests.www.conftest import make_structures

MAP_DATA = reverse("www:map_data")


def names(response) -> set[str]:
    return {feature["properties"]["name"] for feature in json.loads(response.content)["features"]}


def test_deleted_structure_leaves_the_map_at_once(client, django_capture_on_commit_callbacks):
    """Deleting a structure does not change MAX(updated_at): the generation does it, after the
    commit."""
    older = StructureFactory(name="Ancienne")
    StructureFactory(name="Récente")
    assert names(client.get(MAP_DATA)) == {"Ancienne", "Récente"}
    with django_capture_on_commit_callbacks(execute=True):
        older.delete()
    assert names(client.get(MAP_DATA)) == {"Récente"}


def test_answer_of_an_older_generation_is_not_served(client):
    """Once a process has replaced the generation (after its commit), no process serves what
    it had cached before, even when the database version looks unchanged."""
    make_structures(2)
    fresh = client.get(MAP_DATA).content
    key = structures_cache_key("map-data", AnonymousUser(), {"kind": "", "region": ""})
    stale = b'{"type":"FeatureCollection","features":[]}'
    cache.set(key, (cache.get(GENERATION_KEY), stale))
    assert client.get(MAP_DATA).content == stale
    new_generation()
    assert client.get(MAP_DATA).content == fresh


def test_territories_change_replaces_the_generation(django_capture_on_commit_callbacks):
    """Communes' names are in the map data: a territories import invalidates it too."""
    before = cache.get(GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        territories_changed.send(sender=None)
    assert cache.get(GENERATION_KEY) not in {None, before}
