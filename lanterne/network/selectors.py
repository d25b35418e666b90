"""Reads of the network: directory and map filters, a structure's recent changes, and the
network's part of each role's home page. Each runs a fixed number of queries, whatever the
number of rows."""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Min, Prefetch, Q, Sum
from django.utils.translation import gettext_lazy as _

from lanterne.accounts.enums import Role
from lanterne.accounts.scoping import Scope
from lanterne.territories.models import Departement, Region

from .caching import cached, structures_cache_key
from .enums import StructureKind
from .models import Affiliation, Coordination, Person, Pole, Structure

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Long lists on a dashboard are cut; the page says how many there are in all.
LIST_LIMIT = 20

NO_POSITION = Q(latitude__isnull=True) & (
    Q(commune__isnull=True) | Q(commune__latitude__isnull=True)
)


# ---------------------------------------------------------------------------------------------
# Directory and map
# ---------------------------------------------------------------------------------------------


def filter_structures(queryset, *, q="", kind="", subkind="", region="", departement=""):
    """Narrow a Structure queryset by every filter that is set (they combine: AND)."""
    if q:
        queryset = queryset.search(q)
    if kind:
        queryset = queryset.filter(kind=kind)
    if subkind:
        queryset = queryset.filter(subkind=subkind)
    if region:
        queryset = queryset.filter(commune__region=region)
    if departement:
        queryset = queryset.filter(commune__departement=departement)
    return queryset


def map_structures(user, filters: dict):
    """The structures `user` may see, filtered, with their position (or their commune's)."""
    return filter_structures(Structure.objects.visible_to(user), **filters).with_position()


# On the map: a structure in a commune, with a position (its own, else its commune's). The map
# gathers structures by commune, so one without a commune (abroad) is left to the directory.
ON_MAP = Q(commune__isnull=False, lat__isnull=False, lon__isnull=False)


def _map_groups(queryset, *fields: str) -> list[dict]:
    """One row per group of `fields`: how many structures, how many of each type, where.

    The database groups by `fields` and type, then the types are added up here: a count per
    type as a filtered aggregate made the database evaluate every filter on every structure."""
    parts = (
        queryset.filter(ON_MAP)
        .values(*fields, "kind")
        .annotate(
            count=Count("pk"),
            sum_lat=Sum("lat"),
            sum_lon=Sum("lon"),
            south=Min("lat"),
            north=Max("lat"),
            west=Min("lon"),
            east=Max("lon"),
        )
        .order_by()
    )
    groups: dict[tuple, dict] = {}
    for part in parts:
        key = tuple(part[name] for name in fields)
        group = groups.get(key)
        if group is None:
            group = groups[key] = {name: part[name] for name in fields}
            group |= {"count": 0, "sum_lat": 0.0, "sum_lon": 0.0}
            group |= {f"kind_{kind}": 0 for kind in StructureKind.values}
            group |= {name: part[name] for name in ("south", "north", "west", "east")}
        group["count"] += part["count"]
        group["sum_lat"] += part["sum_lat"]
        group["sum_lon"] += part["sum_lon"]
        group[f"kind_{part['kind']}"] = part["count"]
        group["south"] = min(group["south"], part["south"])
        group["north"] = max(group["north"], part["north"])
        group["west"] = min(group["west"], part["west"])
        group["east"] = max(group["east"], part["east"])
    rows = [groups[key] for key in sorted(groups, key=lambda key: key[0])]
    for row in rows:
        row["mean_lat"] = row.pop("sum_lat") / row["count"]
        row["mean_lon"] = row.pop("sum_lon") / row["count"]
    return rows


def map_departements(user, filters: dict) -> list[dict]:
    """The map's national view, in two queries: a row per département that has structures on
    the map; as many rows as départements, whatever the number of structures. Grouped by code
    alone (a join for the names made the database sort every structure), named afterwards."""
    rows = _map_groups(map_structures(user, filters), "commune__departement")
    names = dict(Departement.objects.values_list("code", "name"))
    for row in rows:
        row["commune__departement__name"] = names.get(row["commune__departement"], "")
    return rows


def map_communes(user, filters: dict, departement: str) -> list[dict]:
    """A département's detail, in one query: a row per commune that has structures on the map."""
    structures = map_structures(user, filters).filter(commune__departement=departement)
    return _map_groups(
        structures, "commune", "commune__name", "commune__latitude", "commune__longitude"
    )


def map_commune_structures(user, filters: dict, commune: str):
    """The structures a commune's marker stands for, by name."""
    return map_structures(user, filters).filter(ON_MAP, commune=commune).order_by("name", "pk")


# ---------------------------------------------------------------------------------------------
# A structure's history
# ---------------------------------------------------------------------------------------------

# Every stored field a person may change; bookkeeping columns are left out.
UNTRACKED = {"id", "created_at", "updated_at", "search_text"}
TRACKED = [f.attname for f in Structure._meta.concrete_fields if f.attname not in UNTRACKED]


@dataclass(frozen=True)
class Change:
    at: datetime
    by: str
    fields: list[str]


def recent_changes(structure: Structure, limit: int = 10) -> list[Change]:
    """The last `limit` changes, in one query: consecutive records are compared in memory."""
    records = list(
        structure.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    labels = {f.attname: f.verbose_name for f in Structure._meta.concrete_fields}
    changes: list[Change] = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        if len(changes) == limit:
            break
        fields: list[str]
        if older is None:
            fields = []
        else:
            fields = [
                str(labels[name])
                for name in TRACKED
                if getattr(newer, name) != getattr(older, name)
            ]
            if not fields:
                continue
        user = newer.history_user
        changes.append(Change(at=newer.history_date, by=str(user) if user else "", fields=fields))
    return changes


# ---------------------------------------------------------------------------------------------
# Home page
# ---------------------------------------------------------------------------------------------


def missing_information(structure: Structure) -> "list[StrPromise]":
    """What a structure's profile still lacks, as French labels (translated when shown)."""
    missing: list[StrPromise] = []
    if not structure.siret:
        missing.append(_("numéro SIRET"))
    if not structure.commune_id:
        missing.append(_("commune"))
    if not structure.email:
        missing.append(_("adresse e-mail"))
    if not structure.phone:
        missing.append(_("téléphone"))
    if not structure.description:
        missing.append(_("présentation"))
    return missing


def counts_by_kind(queryset) -> "list[tuple[StrPromise, int]]":
    """(label, count) for every type, zeros included, in the enum's order; one query."""
    counts = dict(queryset.order_by().values_list("kind").annotate(n=Count("pk")))
    return _by_kind(counts)


def _by_kind(counts: dict[str, int]) -> "list[tuple[StrPromise, int]]":
    return [(label, counts.get(value, 0)) for value, label in StructureKind.choices]


def _missions_covering(model, departement_codes: set[str], user):
    return (
        model.objects.covering_departement(*departement_codes)
        .select_related("region")
        .prefetch_related(
            Prefetch("carriers", queryset=Structure.objects.visible_to(user).order_by("name"))
        )
        .order_by("name")
    )


def _applicant(user, scope: Scope) -> dict:
    structures = list(
        Structure.objects.filter(pk__in=scope.structures_with_role(Role.APPLICANT))
        .select_related("commune__departement")
        .order_by("name")
    )
    for structure in structures:
        # Read by the home page's template; a model instance has no declared slot for it.
        structure.missing = missing_information(structure)  # type: ignore[attr-defined]
    codes = {s.commune.departement_id for s in structures if s.commune is not None}
    return {
        "structures": structures,
        "poles": list(_missions_covering(Pole, codes, user)) if codes else [],
        "coordinations": list(_missions_covering(Coordination, codes, user)) if codes else [],
    }


def _coordinator(user, scope: Scope) -> dict:
    carriers = scope.structures_with_role(Role.COORDINATOR)
    departements = scope.coordinated_departements
    in_perimeter = Structure.objects.filter(commune__departement__in=departements)
    is_incomplete = Q(siret="") | NO_POSITION
    # The perimeter's structures are read once for both figures: counting by type and counting
    # the incomplete ones each walked every structure of the table.
    rows = (
        in_perimeter.order_by()
        .values_list("kind")
        .annotate(n=Count("pk"), incomplete=Count("pk", filter=is_incomplete))
    )
    counts, incomplete_count = {}, 0
    for kind, n, incomplete_n in rows:
        counts[kind] = n
        incomplete_count += incomplete_n
    incomplete = in_perimeter.filter(is_incomplete).select_related("commune").order_by("name")
    return {
        "regions": list(Region.objects.filter(code__in=scope.coordinated_regions).order_by("name")),
        "departements": list(Departement.objects.filter(code__in=departements).order_by("code")),
        "by_kind": _by_kind(counts),
        "incomplete": list(incomplete[:LIST_LIMIT]),
        "incomplete_count": incomplete_count,
        "poles": list(
            Pole.objects.filter(carriers__in=carriers).distinct().select_related("region")
        ),
        "coordinations": list(
            Coordination.objects.filter(carriers__in=carriers).distinct().select_related("region")
        ),
    }


def _speaker(user, scope: Scope) -> dict:
    # The speaker's fiche is a person marked as a speaker: another record of the account (a
    # contact of a structure) is no fiche, and the page must not call it complete.
    person = (
        Person.objects.filter(user=user, is_speaker=True)
        .prefetch_related(
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("structure").order_by(
                    "structure__name"
                ),
            )
        )
        .first()
    )
    missing = []
    if person is not None:
        if not person.bio:
            missing.append(_("présentation (parcours, spécialités)"))
        if not person.affiliations.all():
            missing.append(_("structures avec lesquelles vous travaillez"))
        if not person.phone and not person.email:
            missing.append(_("moyen de contact (e-mail ou téléphone)"))
    return {"person": person, "missing": missing}


def _network_admin(user, scope: Scope) -> dict:
    regions = list(
        Region.objects.annotate(
            pole_count=Count("poles", distinct=True),
            coordination_count=Count("coordinations", distinct=True),
        ).order_by("name")
    )
    counts = _network_counts(user)
    return {
        "by_kind": _by_kind(counts["by_kind"]),
        "region_count": len(regions),
        "regions_with_pole": [r for r in regions if r.pole_count],
        "regions_without_pole": [r for r in regions if not r.pole_count],
        "regions_with_coordination": [r for r in regions if r.coordination_count],
        "regions_without_coordination": [r for r in regions if not r.coordination_count],
        "without_position": counts["without_position"],
    }


def _network_counts(user) -> dict:
    """The whole network's structures by type and those without a position: one walk of the
    table, shared by every process until a structure changes (`caching`), so that the network
    admin's home reads it once rather than on every visit."""

    def compute() -> dict:
        rows = (
            Structure.objects.order_by()
            .values_list("kind")
            .annotate(n=Count("pk"), unpositioned=Count("pk", filter=NO_POSITION))
        )
        by_kind, without_position = {}, 0
        for kind, n, unpositioned in rows:
            by_kind[kind] = n
            without_position += unpositioned
        return {"by_kind": by_kind, "without_position": without_position}

    return cached(structures_cache_key("network-counts", user), compute)


def dashboard(user, scope: Scope) -> dict[str, dict]:
    """The network's part of the home page, for each role the user holds: its structures and
    the missions around them (applicant), its perimeter (coordinator), its profile (speaker),
    the whole network (network admin)."""
    parts = {
        Role.APPLICANT: _applicant,
        Role.COORDINATOR: _coordinator,
        Role.SPEAKER: _speaker,
        Role.NETWORK_ADMIN: _network_admin,
    }
    return {str(role): part(user, scope) for role, part in parts.items() if role in scope.roles}


def applicant_regions(network_part: dict) -> set[str]:
    """The régions of the applicant's structures, read from this module's dashboard part."""
    return {s.commune.region_id for s in network_part["structures"] if s.commune_id}
