"""Cached data derived from the structures, and what makes every process drop it at once.

A cached answer is keyed by the structures' data version in the database (MAX(updated_at): one
index probe, seen by every process whatever the cache) and stored with the *generation* found in
the shared cache, a token replaced after every commit that saves or deletes a structure or changes
the territories. The generation catches what `updated_at` misses (a deletion; a save committed
after a later one); reading it costs nothing more, as it comes in the same cache round trip as the
answer. The timeout bounds what escapes both (a bulk update that bypasses signals)."""

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils.translation import get_language

from lanterne.accounts.scoping import scope_for

from .models import Structure

TIMEOUT = 300
GENERATION_KEY = "structures:generation"


def reach_key(user) -> str:
    """Users who see the same structures share cached answers."""
    scope = scope_for(user)
    if not scope.is_authenticated:
        return "public"
    if scope.sees_all():
        return "all"
    reach = f"{sorted(scope.structure_ids)}|{sorted(scope.coordinated_departements)}"
    return hashlib.sha256(reach.encode()).hexdigest()[:16]


def structures_cache_key(prefix: str, user, *parts) -> str:
    """A key for data derived from the structures `user` sees: one indexed query (MAX)."""
    changed = Structure.objects.aggregate(changed=Max("updated_at"))["changed"]
    material = json.dumps([str(changed), reach_key(user), get_language(), *parts], default=str)
    return f"{prefix}:{hashlib.sha256(material.encode()).hexdigest()}"


def _current_generation(found: dict) -> str:
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # First use, or evicted: any fresh token invalidates whatever was stored before.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


@dataclass(frozen=True)
class Entry:
    """What the shared cache holds under a key for the current generation (`value` is None
    when nothing is stored yet)."""

    key: str
    generation: str
    value: Any = None

    @property
    def version(self) -> str:
        """Changes whenever the data behind the key may have: the key holds the database
        version, the generation what it misses. A cheap HTTP validator (ETag), known before
        the value is computed."""
        return hashlib.sha256(f"{self.key}|{self.generation}".encode()).hexdigest()[:32]

    def get_or_compute(self, compute: Callable[[], Any]) -> Any:
        if self.value is not None:
            return self.value
        value = compute()
        cache.set(self.key, (self.generation, value), TIMEOUT)
        return value


def lookup(key: str) -> Entry:
    """The entry under `key` for the current generation, in one cache round trip."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = _current_generation(found)
    stored = found.get(key)
    value = stored[1] if stored is not None and stored[0] == generation else None
    return Entry(key, generation, value)


def cached(key: str, compute):
    """The value stored under `key` if it belongs to the current generation, else `compute()`."""
    return lookup(key).get_or_compute(compute)


def new_generation() -> None:
    """Every process's cached structure data is stale from now on."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def structures_changed(sender=None, **kwargs) -> None:
    """After the commit, so that no reader caches the old data under the new generation."""
    transaction.on_commit(new_generation)
