"""The perimeter of coordinators: what the missions carried by their structures cover.

Registered with `accounts.scoping` in `NetworkConfig.ready`; `scope_for` reads it through
there, so that accounts does not import the network.
"""

from lanterne.territories.models import Departement

from .models import Coordination, Pole


def coordinated_perimeter(structure_ids: set[int]) -> tuple[set[str], set[str]]:
    """Départements and régions covered by the pôles and coordinations these structures carry.

    A mission that lists départements covers those; one that lists none covers its whole région.
    """
    departements: set[str] = set()
    regions: set[str] = set()
    whole_regions: set[str] = set()
    for model in (Pole, Coordination):
        missions = dict(
            model.objects.filter(carriers__in=structure_ids).values_list("pk", "region_id")
        )
        if not missions:
            continue
        regions |= set(missions.values())
        through = model.departements.through
        fk = f"{model._meta.model_name}_id"
        listed: dict[int, set[str]] = {}
        for mission_id, departement_id in through.objects.filter(
            **{f"{fk}__in": missions}
        ).values_list(fk, "departement_id"):
            listed.setdefault(mission_id, set()).add(departement_id)
        for mission_id, region_id in missions.items():
            if mission_id in listed:
                departements |= listed[mission_id]
            else:
                whole_regions.add(region_id)
    if whole_regions:
        departements |= set(
            Departement.objects.filter(region__in=whole_regions).values_list("code", flat=True)
        )
    return departements, regions


def coordinators_covering(departement_code: str | None):
    """The users who coordinate for a structure carrying a mission over this département."""
    from django.contrib.auth import get_user_model

    from lanterne.accounts.enums import Role

    User = get_user_model()
    if departement_code is None:
        return User.objects.none()
    carriers: set[int] = set()
    for model in (Pole, Coordination):
        carriers |= set(
            model.objects.covering_departement(departement_code).values_list("carriers", flat=True)
        )
    return User.objects.filter(
        is_active=True,
        memberships__structure__in=carriers - {None},
        memberships__role=Role.COORDINATOR,
        memberships__is_active=True,
    ).distinct()
