"""The map and directory data are cached in the cache every process shares; a change to the
structures reaches every process at once."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.test.signals import clear_cache_handlers
from django.urls import reverse

from lanterne.network.caching import GENERATION_KEY, new_generation, structures_cache_key
from lanterne.territories.signals import territories_changed
from tests.network.factories import StructureFactory
from tests.www.conftest import make_structures

MAP_DATA = reverse("www:map_data")


def names(client, commune: str) -> set[str]:
    """The structures a commune's marker lists."""
    response = client.get(reverse("www:map_commune", args=[commune]))
    return {row["name"] for row in json.loads(response.content)["structures"]}


def test_deleted_structure_leaves_the_map_at_once(
    client, occitanie, django_capture_on_commit_callbacks
):
    """Deleting a structure does not change MAX(updated_at): the generation does it, after the
    commit."""
    older = StructureFactory(name="Ancienne", commune=occitanie["toulouse"])
    StructureFactory(name="Récente", commune=occitanie["toulouse"])
    assert names(client, "31555") == {"Ancienne", "Récente"}
    with django_capture_on_commit_callbacks(execute=True):
        older.delete()
    assert names(client, "31555") == {"Récente"}


def test_answer_of_an_older_generation_is_not_served(client):
    """Once a process has replaced the generation (after its commit), no process serves what
    it had cached before, even when the database version looks unchanged."""
    make_structures(2)
    fresh = client.get(MAP_DATA).content
    key = structures_cache_key("map-data", AnonymousUser(), {"kind": "", "region": ""}, "")
    stale = b'{"type":"FeatureCollection","features":[]}'
    cache.set(key, (cache.get(GENERATION_KEY), stale))
    assert client.get(MAP_DATA).content == stale
    new_generation()
    assert client.get(MAP_DATA).content == fresh


@pytest.fixture
def database_cache():
    """The cache in the database, as `CACHE_URL=db://…` sets it: shared by every process."""
    location = "lanterne_cache_test"
    settings = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": location}
    with override_settings(CACHES={"default": settings}):
        call_command("createcachetable", verbosity=0)
        yield


def as_another_process() -> None:
    """Nothing of the cache clients survives: what follows sees only the shared cache."""
    clear_cache_handlers(setting="CACHES")


@pytest.mark.usefixtures("database_cache")
def test_a_change_through_one_process_reaches_the_others(
    client, occitanie, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """Process B caches the map; process A deletes a structure; B, asked again with the ETag
    it gave out, answers anew with the structure gone, and says 304 from then on."""
    gone = StructureFactory(name="Vouée à disparaître", commune=occitanie["toulouse"])
    StructureFactory(name="Reste", commune=occitanie["montpellier"])
    before = client.get(MAP_DATA)
    codes = {feature["properties"]["code"] for feature in json.loads(before.content)["features"]}
    assert codes == {"31", "34"}

    as_another_process()
    with django_assert_num_queries(2):  # the data version, then one cache read: a hit
        assert client.get(MAP_DATA, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()

    as_another_process()
    after = client.get(MAP_DATA, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    codes = {feature["properties"]["code"] for feature in json.loads(after.content)["features"]}
    assert codes == {"34"}
    as_another_process()
    assert client.get(MAP_DATA, HTTP_IF_NONE_MATCH=after["ETag"]).status_code == 304


def test_territories_change_replaces_the_generation(django_capture_on_commit_callbacks):
    """Communes' names are in the map data: a territories import invalidates it too."""
    before = cache.get(GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        territories_changed.send(sender=None)
    assert cache.get(GENERATION_KEY) not in {None, before}
