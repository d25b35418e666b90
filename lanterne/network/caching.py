"""Cache keys that change whenever a structure is saved."""

import hashlib
import json

from django.core.cache import cache
from django.db.models import Max
from django.utils.translation import get_language

from lanterne.accounts.scoping import scope_for

from .models import Structure

# Saving any structure changes the keys at once; the timeout bounds what escapes
# `updated_at` (a deletion, a bulk update, a commune moved by an import).
TIMEOUT = 300


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


def cached(key: str, compute):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
