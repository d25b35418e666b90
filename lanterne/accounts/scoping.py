"""The one place where a user's reach is computed.

Every `visible_to(user)` queryset method and every `rules` predicate is built on `scope_for`,
so that pages, exports and the API cannot disagree about who sees what.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from .enums import Role

_CACHE_ATTR = "_lanterne_scope"

# structure ids → (départements, régions) covered by the pôles and coordinations those
# structures carry. The network owns missions and registers its function in
# `NetworkConfig.ready`, so that accounts never imports the network.
Perimeter = Callable[[set[int]], tuple[set[str], set[str]]]


def _no_perimeter(structure_ids: set[int]) -> tuple[set[str], set[str]]:
    raise ImproperlyConfigured("lanterne.network is not installed: no perimeter for coordinators.")


_perimeter_of: Perimeter = _no_perimeter


@dataclass(frozen=True)
class Scope:
    is_authenticated: bool = False
    is_superuser: bool = False
    is_network_admin: bool = False
    # Structures the user acts for, by role.
    structure_ids_by_role: dict[str, frozenset[int]] = field(default_factory=dict)
    # Départements covered by the pôles / coordinations the user coordinates: the perimeter of
    # structures. The régions are those of these missions, for display and filters only: what
    # a coordinator manages of calls and their dossiers is `coordinated_calls`.
    coordinated_departements: frozenset[str] = frozenset()
    coordinated_regions: frozenset[str] = frozenset()
    # Every role held, including those without a structure (an independent speaker).
    held_roles: frozenset[str] = frozenset()

    def sees_all(self, *, applications: bool = False) -> bool:
        """Does the user read every row, whatever its structure or perimeter? A superuser, yes.
        A national network admin too, except `applications`: calls' dossiers, committees and
        projects belong to the coordinations of their région."""
        return self.is_superuser or (self.is_network_admin and not applications)

    @property
    def structure_ids(self) -> frozenset[int]:
        ids: set[int] = set()
        for values in self.structure_ids_by_role.values():
            ids |= values
        return frozenset(ids)

    def structures_with_role(self, role: str) -> frozenset[int]:
        return self.structure_ids_by_role.get(role, frozenset())

    @property
    def roles(self) -> frozenset[str]:
        return self.held_roles

    def is_coordinator(self) -> bool:
        return bool(self.coordinated_departements)

    def covers_departement(self, code: str | None) -> bool:
        return code is not None and code in self.coordinated_departements

    @property
    def coordinated_structure_ids(self) -> frozenset[int]:
        """The structures the user holds the coordinator role on."""
        return self.structures_with_role(Role.COORDINATOR)

    def coordinates_structure(self, structure_id: int | None) -> bool:
        """Does the user coordinate for this structure? Asked of a call's carrying structure
        (`Call.coordination`): its coordinators manage the call, and its dossiers, committee
        sessions, projects and reports follow it. Two coordinations of one région (Hauts-de-
        France north and south) so never reach each other's calls."""
        return structure_id is not None and structure_id in self.coordinated_structure_ids

    def coordinated_calls(self, prefix: str = "") -> Q:
        """The rows of the calls the user manages (through `prefix`, e.g. ``"call__"`` from a
        dossier): all of them for whoever sees every application, else the calls carried by a
        structure it coordinates for — the queryset twin of `coordinates_structure`."""
        if self.sees_all(applications=True):
            return Q()
        return Q(**{f"{prefix}coordination__in": sorted(self.coordinated_structure_ids)})

    def private_structure_filter(self, prefix: str = "") -> Q:
        """Structures whose private data the user may read (its own, its perimeter)."""
        if self.sees_all():
            return Q()
        query = Q(**{f"{prefix}pk__in": list(self.structure_ids)})
        if self.coordinated_departements:
            query |= Q(**{f"{prefix}commune__departement__in": list(self.coordinated_departements)})
        return query

    def perimeter_filter(self, prefix: str = "") -> Q:
        """Structures of the coordinator's perimeter (by their commune's département), whatever
        its own memberships: those it may invite people for. Everything for whoever sees all."""
        if self.sees_all():
            return Q()
        return Q(**{f"{prefix}commune__departement__in": sorted(self.coordinated_departements)})

    def structure_filter(self, prefix: str = "") -> Q:
        """Structures the user may read at all: the listed ones plus its private reach."""
        return Q(**{f"{prefix}is_listed": True}) | self.private_structure_filter(prefix)


ANONYMOUS = Scope()


def scope_for(user) -> Scope:
    """Compute (once per user object, i.e. once per request) what `user` may reach."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached

    by_role: dict[str, set[int]] = {}
    held_roles: set[str] = set()
    for role, structure_id in user.memberships.active().values_list("role", "structure_id"):
        held_roles.add(role)
        if structure_id is not None:
            by_role.setdefault(role, set()).add(structure_id)

    coordinated = by_role.get(Role.COORDINATOR, set())
    departements, regions = _perimeter_of(coordinated) if coordinated else (set(), set())

    scope = Scope(
        is_authenticated=True,
        is_superuser=user.is_superuser,
        is_network_admin=bool(by_role.get(Role.NETWORK_ADMIN)),
        structure_ids_by_role={role: frozenset(ids) for role, ids in by_role.items()},
        coordinated_departements=frozenset(departements),
        coordinated_regions=frozenset(regions),
        held_roles=frozenset(held_roles),
    )
    setattr(user, _CACHE_ATTR, scope)
    return scope


def register_perimeter(function: "Perimeter") -> None:
    """Name the function that computes a coordinator's perimeter (see `Perimeter`)."""
    global _perimeter_of
    _perimeter_of = function


def forget_scope(user) -> None:
    """Drop the cached scope (after memberships change within a request or a test)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
