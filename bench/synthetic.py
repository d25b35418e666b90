"""Deterministic synthetic data at national scale, written with `bulk_create` in batches.

Every function takes a seed and draws from its own `random.Random`, so two runs with the same
seed and counts produce the same rows (primary keys aside). Nothing here validates through
`full_clean()`: the generator writes what the models' constraints accept, and the test in
`tests/bench/` checks that the result is consistent.
"""

import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from django.contrib.auth.hashers import make_password
from django.core.management import call_command, get_commands
from django.db import connection, models, transaction
from django.db.models.deletion import get_candidate_relations_to_delete
from django.utils.text import slugify

from lanterne.accounts.enums import Role
from lanterne.accounts.models import Membership, User
from lanterne.network.enums import SUBKINDS_BY_KIND, StructureKind, StructureSubkind
from lanterne.network.models import Affiliation, Coordination, Person, Pole, Structure
from lanterne.territories.enums import CommuneKind, Zone
from lanterne.territories.models import Commune, Departement, Region

from . import cog

SEED = 2025
BATCH_SIZE = 2_000
COMMUNES = 35_000
# Scale 1: the figures of the first release's target.
STRUCTURES_PER_SCALE = 5_000
PEOPLE_PER_SCALE = 20_000
USERS_PER_SCALE = 1_000
LISTED_SHARE = 0.7
BENCH_EMAIL_DOMAIN = "bench.lanterne.invalid"
# Every synthetic account shares this password (hashed once: hashing is deliberately slow).
BENCH_PASSWORD = "bench-lanterne-2025"

KIND_WEIGHTS = {
    StructureKind.CULTURAL_ACTOR: 34,
    StructureKind.PUBLIC_SUPPORT: 30,
    StructureKind.COLLECTIVITY: 24,
    StructureKind.INSTITUTION: 8,
    StructureKind.NATIONAL_ASSOCIATION: 2,
    StructureKind.POLE: 1,
    StructureKind.PI_COORDINATION: 1,
}
# Missions' carriers and national bodies gather more contacts than a neighbourhood centre.
AFFILIATION_WEIGHT_BY_KIND = {
    StructureKind.POLE: 12,
    StructureKind.PI_COORDINATION: 12,
    StructureKind.NATIONAL_ASSOCIATION: 8,
}

Log = Callable[[str], None]


def _rng(seed: int, topic: str) -> random.Random:
    # A string seed is hashed with SHA-512: stable across processes, unlike hash().
    return random.Random(f"{seed}:{topic}")


def _words(text: str, separator: str = ",") -> list[str]:
    """A word list written compactly: items split on `separator`, surrounding blanks dropped."""
    return [item.strip() for item in text.split(separator) if item.strip()]


def _sorted_choices(values: Iterable[str]) -> list[str]:
    # Sets of str have a per-process iteration order: sort before drawing.
    return sorted(str(value) for value in values)


# --- territories -------------------------------------------------------------------------------

ROOTS = _words(
    """
    Beau, Mont, Champ, Roche, Font, Val, Bois, Saul, Château, Lav, Mar, Bel, Riv, Cler,
    Aub, Vill, Bourg, Pont, Lou, Ver, Sept, Neuf, Cour, Haut, Gran, Ros, Lan, Ker, Plou,
    Tré, Saint-Martin, Saint-Jean, Saint-Pierre, Sainte-Marie, Saint-Germain, Notre-Dame,
    Fontaine, Villeneuve, Mesnil, Monta, Bren, Cas, Mau, Or, Sar, Vau, Bar, Pra, Lus, Chamb
    """
)
SUFFIXES = _words(
    """
    mont, ville, court, y, ac, anges, ières, euil, ay, heim, ange, ou, argues, ans, et,
    ette, in, ignac, ols, ec, oux, ère, eix
    """
)
RIVERS = _words(
    """
    Loire, Seine, Marne, Garonne, Rhône, Dordogne, Aisne, Oise, Meuse, Vienne, Lot, Tarn,
    Saône, Cher, Indre, Sarthe, Orne, Somme, Isère
    """
)


def commune_name(rng: random.Random) -> str:
    root = rng.choice(ROOTS)
    name = root if "-" in root or rng.random() < 0.2 else root + rng.choice(SUFFIXES)
    article = rng.random()
    if article < 0.08:
        name = f"Le {name}"
    elif article < 0.14:
        name = f"La {name}"
    if rng.random() < 0.12:
        name = f"{name}-sur-{rng.choice(RIVERS)}"
    return name


def _commune_counts(total: int, seed: int = SEED) -> dict[str, int]:
    """Communes per département: the real overseas counts, the rest spread unevenly."""
    rng = _rng(seed, "commune-counts")
    weights: dict[str, float] = {}
    for region, departements in cog.DEPARTEMENTS_BY_REGION.items():
        for code in departements:
            if cog.REGIONS[region][1] == Zone.DROM:
                weights[code] = cog.OVERSEAS_COMMUNE_COUNTS[code] / 350
            else:
                weights[code] = rng.uniform(0.4, 1.6)
    total_weight = sum(weights.values())
    counts = {code: max(1, int(total * weight / total_weight)) for code, weight in weights.items()}
    codes = sorted(counts, key=lambda code: -weights[code])
    index = 0
    while sum(counts.values()) < total:
        counts[codes[index % len(codes)]] += 1
        index += 1
    return counts


def create_synthetic_territories(*, communes: int = COMMUNES, seed: int = SEED) -> int:
    """18 régions, 101 départements with their real codes, `communes` invented communes.

    Rows that already exist (same code) are left alone. Returns the number of communes created.
    """
    Region.objects.bulk_create(
        [
            Region(code=code, name=name, zone=zone)
            for code, (name, zone, _centre, _spread) in cog.REGIONS.items()
        ],
        ignore_conflicts=True,
    )
    Departement.objects.bulk_create(
        [
            Departement(code=code, name=name, region_id=region, zone=cog.REGIONS[region][1])
            for region, departements in cog.DEPARTEMENTS_BY_REGION.items()
            for code, name in departements.items()
        ],
        ignore_conflicts=True,
    )
    region_of = {
        code: region
        for region, departements in cog.DEPARTEMENTS_BY_REGION.items()
        for code in departements
    }
    rng = _rng(seed, "communes")
    rows = []
    for departement, count in sorted(_commune_counts(communes, seed).items()):
        overseas = len(departement) == 3
        count = min(count, 99 if overseas else 999)
        postal_prefix = "20" if departement in {"2A", "2B"} else departement
        for number in range(1, count + 1):
            suffix = f"{number:02d}" if overseas else f"{number:03d}"
            rows.append(
                Commune(
                    code=f"{departement}{suffix}",
                    name=commune_name(rng),
                    kind=CommuneKind.COMMUNE,
                    departement_id=departement,
                    region_id=region_of[departement],
                    population=max(1, int(rng.lognormvariate(6.2, 1.3))),
                    postal_codes=[f"{postal_prefix}{suffix}"[:5].ljust(5, "0")],
                )
            )
    before = Commune.objects.count()
    Commune.objects.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)
    return Commune.objects.count() - before


def ensure_territories(*, communes: int = COMMUNES, seed: int = SEED, log: Log = print) -> str:
    """Territories for the benchmark: the shipped COG if it can be imported, else invented.

    Returns how they were obtained: "present", "imported" or "synthetic".
    """
    if Commune.objects.exists():
        return "present"
    if "import_territories" in get_commands():
        try:
            call_command("import_territories")
        except Exception as error:  # whatever went wrong, invented communes will do
            log(f"  import_territories failed ({error!r}): inventing communes instead.")
        else:
            if Commune.objects.exists():
                return "imported"
    else:
        log("  import_territories is not available: inventing communes instead.")
    create_synthetic_territories(communes=communes, seed=seed)
    return "synthetic"


def _clamp(value: float, bounds: tuple[float, float]) -> float:
    return min(max(value, bounds[0]), bounds[1])


def commune_position(
    code: str, departement: str, region: str, *, seed: int = SEED
) -> tuple[float, float] | None:
    """A stable invented position: near its région's centre in metropolitan France, around its
    own territory overseas; None for an overseas code this module knows nothing about."""
    rng = _rng(seed, f"position:{code}")
    if code[:2] in {"97", "98"}:
        area = cog.OVERSEAS_AREAS.get(code[:3])
        if area is None:
            return None
        (lat, lon), (dlat, dlon) = area
        return (lat + rng.uniform(-dlat, dlat), lon + rng.uniform(-dlon, dlon))
    known = cog.REGIONS.get(region)
    if known is None or known[1] != Zone.METRO:
        return (rng.uniform(*cog.METRO_LATITUDES), rng.uniform(*cog.METRO_LONGITUDES))
    (lat, lon), (dlat, dlon) = known[2], known[3]
    # Communes of one département cluster around a centre of their own inside the région.
    centre = _rng(seed, f"departement:{departement}")
    dept_lat = lat + centre.uniform(-0.6, 0.6) * dlat
    dept_lon = lon + centre.uniform(-0.6, 0.6) * dlon
    return (
        _clamp(_clamp(rng.gauss(dept_lat, 0.25), (lat - dlat, lat + dlat)), cog.METRO_LATITUDES),
        _clamp(_clamp(rng.gauss(dept_lon, 0.3), (lon - dlon, lon + dlon)), cog.METRO_LONGITUDES),
    )


def assign_commune_positions(*, seed: int = SEED) -> int:
    """Give a position to every commune that has none. Returns how many were updated."""
    rows = []
    for code, departement, region in Commune.objects.filter(latitude__isnull=True).values_list(
        "code", "departement_id", "region_id"
    ):
        position = commune_position(code, departement, region, seed=seed)
        if position is not None:
            rows.append((*position, code))
    # One prepared UPDATE run for every row: `bulk_update` builds a CASE expression per
    # batch, which takes half a minute in Python for 35 000 communes.
    quote = connection.ops.quote_name
    opts = Commune._meta
    sql = (
        f"UPDATE {quote(opts.db_table)} SET {quote(opts.get_field('latitude').column)} = %s, "
        f"{quote(opts.get_field('longitude').column)} = %s WHERE {quote(opts.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


# --- structures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommuneRow:
    code: str
    name: str
    departement: str
    region: str
    postal_code: str
    latitude: float | None
    longitude: float | None


def load_communes() -> list[CommuneRow]:
    return [
        CommuneRow(code, name, departement, region, (postal_codes or [""])[0], latitude, longitude)
        for code, name, departement, region, postal_codes, latitude, longitude in (
            Commune.objects.order_by("code").values_list(
                "code",
                "name",
                "departement_id",
                "region_id",
                "postal_codes",
                "latitude",
                "longitude",
            )
        )
    ]


CINEMA_NAMES = _words(
    """
    Le Rex, L'Eden, Le Palace, Le Studio, Le Méliès, Utopia, Le Lux, Jean Vigo, Le Royal,
    Le Select, Le Star, Cinéma Paradiso, Le Vox, L'Alhambra
    """
)
THEMES = _words(
    """
    Regards, Cinéma et jeunesse, Images en partage, Écrans du Sud, Lumière d'ici,
    Plans séquences, Ciné-club, Travelling, Hors-champ, Contrechamp, Zoom avant,
    Les Yeux ouverts, Pellicule, Super 8, Courts-métrages, Fondu enchaîné
    """
)
QUARTIERS = _words(
    """
    des Tilleuls, du Centre, de la Gare, des Lilas, du Moulin, Jean Jaurès, Victor Hugo,
    Louise Michel, des Peupliers, du Bourg, Saint-Exupéry, des Hauts
    """
)
NAME_PATTERNS: dict[str, str] = {
    StructureKind.POLE: "Pôle régional image {commune}",
    StructureKind.PI_COORDINATION: "Passeurs d'images {commune}",
    StructureKind.NATIONAL_ASSOCIATION: "Fédération nationale {theme}",
    StructureSubkind.ASSOCIATION: "Association {theme} {commune}",
    StructureSubkind.CINEMA: "Cinéma {cinema} — {commune}",
    StructureSubkind.CULTURAL_SERVICE: "Service culturel de {commune}",
    StructureSubkind.CULTURAL_CENTRE: "Centre culturel {quartier} — {commune}",
    StructureSubkind.FESTIVAL: "Festival {theme} de {commune}",
    StructureSubkind.MEDIA_LIBRARY: "Médiathèque {quartier} — {commune}",
    StructureSubkind.NEIGHBOURHOOD_HOUSE: "Maison de quartier {quartier} — {commune}",
    StructureSubkind.SOCIAL_CENTRE: "Centre social {quartier} — {commune}",
    StructureSubkind.MEDICO_SOCIAL: "IME {quartier} — {commune}",
    StructureSubkind.LEISURE_CENTRE: "Centre de loisirs {quartier} — {commune}",
    StructureSubkind.YOUTH_SPACE: "Espace jeunes {quartier} — {commune}",
    StructureSubkind.MJC: "MJC {quartier} — {commune}",
    StructureSubkind.POPULAR_EDUCATION: "Ligue de l'enseignement — fédération {departement}",
    StructureSubkind.COMMUNE: "Commune de {commune}",
    StructureSubkind.INTERCOMMUNALITY: "Communauté de communes de {commune}",
    StructureSubkind.DEPARTEMENT_COUNCIL: "Conseil départemental — {departement}",
    StructureSubkind.REGION_COUNCIL: "Conseil régional — {region}",
    StructureSubkind.DRAC: "DRAC {region}",
    StructureSubkind.REGION: "Région {region} — service culture",
    StructureSubkind.CNC: "CNC — délégation {region}",
    StructureSubkind.RECTORAT: "Rectorat — académie {region}",
    StructureSubkind.DSDEN: "DSDEN {departement}",
    StructureSubkind.DRAAF: "DRAAF {region}",
    StructureSubkind.ANCT: "ANCT — délégation {departement}",
    StructureSubkind.PJJ: "PJJ — direction territoriale {departement}",
    StructureSubkind.INSPE: "INSPE {region}",
    StructureSubkind.UNIVERSITY: "Université de {commune}",
    StructureSubkind.OTHER: "Collectif {theme} — {commune}",
}
DESCRIPTIONS = _words(
    """
    Nous accompagnons les publics éloignés des salles dans la découverte du cinéma. |
    Ateliers de programmation, de critique et de réalisation tout au long de l'année. |
    Projections en plein air l'été, ciné-goûters et rencontres avec des cinéastes. |
    Un lieu ouvert aux habitants, aux écoles et aux associations du territoire. |
    Formations des médiateurs et des enseignants à l'éducation aux images.
    """,
    separator="|",
)


def _structure_name(rng: random.Random, kind: str, subkind: str, commune, names: dict) -> str:
    pattern = NAME_PATTERNS.get(subkind) or NAME_PATTERNS.get(kind) or "{theme} — {commune}"
    return pattern.format(
        commune=commune.name,
        departement=names["departements"].get(commune.departement, commune.departement),
        region=names["regions"].get(commune.region, commune.region),
        theme=rng.choice(THEMES),
        cinema=rng.choice(CINEMA_NAMES),
        quartier=rng.choice(QUARTIERS),
    )


# Prefixes (after +33) under which phonenumbers accepts any seven following digits, so that
# the generated numbers pass the models' validation.
LANDLINE_PREFIXES = ["14", "15", "24", "32", "38", "42", "47", "49", "53", "55", "56"]
MOBILE_PREFIXES = ["61", "62", "67", "75", "78"]


def _phone(rng: random.Random, prefixes: list[str]) -> str:
    return f"+33{rng.choice(prefixes)}{rng.randint(0, 9_999_999):07d}"


def _jitter(rng: random.Random, value: float, spread: float, bound: float) -> float:
    return _clamp(value + rng.uniform(-spread, spread), (-bound, bound))


def build_structures(
    count: int, communes: Sequence[CommuneRow], *, seed: int = SEED
) -> list[Structure]:
    """`count` unsaved structures of every kind, ~70 % listed, each in one of `communes`.

    The first ones are one pôle and one Passeurs d'images coordination per région, so that
    every région has structures to carry its missions.
    """
    rng = _rng(seed, "structures")
    names = {
        "regions": dict(Region.objects.values_list("code", "name")),
        "departements": dict(Departement.objects.values_list("code", "name")),
    }
    by_region: dict[str, list[CommuneRow]] = defaultdict(list)
    for commune in communes:
        by_region[commune.region].append(commune)
    planned: list[tuple[str, CommuneRow]] = []
    for region in sorted(by_region):
        for kind in (StructureKind.POLE, StructureKind.PI_COORDINATION):
            planned.append((kind, rng.choice(by_region[region])))
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    while len(planned) < count:
        planned.append((rng.choices(kinds, weights)[0], rng.choice(communes)))

    structures: list[Structure] = []
    for index, (kind, commune) in enumerate(planned[:count], start=1):
        allowed = SUBKINDS_BY_KIND.get(kind)
        subkind = rng.choice(_sorted_choices(allowed)) if allowed else ""
        name = _structure_name(rng, kind, subkind, commune, names)
        mission_kind = kind in {StructureKind.POLE, StructureKind.PI_COORDINATION}
        latitude = longitude = None
        if commune.latitude is not None and rng.random() < 0.4:
            latitude = _jitter(rng, commune.latitude, 0.02, 90)
            longitude = _jitter(rng, commune.longitude, 0.03, 180)
        structures.append(
            Structure(
                name=name[:200],
                acronym="".join(w[0] for w in name.split()[:4] if w[0].isalpha()).upper()
                if rng.random() < 0.3
                else "",
                slug=f"{slugify(name)[:200]}-{index}",
                kind=kind,
                subkind=subkind,
                description=" ".join(rng.sample(DESCRIPTIONS, rng.randint(1, 3))),
                address=f"{rng.randint(1, 120)} rue {rng.choice(QUARTIERS)}",
                postal_code=commune.postal_code,
                commune_id=commune.code,
                latitude=latitude,
                longitude=longitude,
                website=f"https://structure-{index}.example.org" if rng.random() < 0.6 else "",
                email=f"contact@structure-{index}.example.org",
                phone=_phone(rng, LANDLINE_PREFIXES),
                is_listed=mission_kind or rng.random() < LISTED_SHARE,
                is_fictitious=True,
            )
        )
        # `save()` fills the search column; `bulk_create` does not call it.
        structures[-1].search_text = structures[-1].build_search_text(commune_name=commune.name)
    return structures


def _saved(model: type[models.Model], objects: list, key: str) -> list:
    """`bulk_create` sets primary keys on PostgreSQL and recent SQLite; fetch them otherwise."""
    if all(obj.pk is not None for obj in objects):
        return objects
    pks = dict(
        model.objects.filter(**{f"{key}__in": [getattr(o, key) for o in objects]}).values_list(
            key, "pk"
        )
    )
    for obj in objects:
        obj.pk = pks[getattr(obj, key)]
    return objects


def create_structures(
    count: int, communes: Sequence[CommuneRow], *, seed: int = SEED
) -> list[Structure]:
    structures = Structure.objects.bulk_create(
        build_structures(count, communes, seed=seed), batch_size=BATCH_SIZE
    )
    return _saved(Structure, structures, "slug")


# --- missions ----------------------------------------------------------------------------------


def create_missions(
    structures: Sequence[Structure], *, seed: int = SEED
) -> tuple[list[Pole], list[Coordination]]:
    """One pôle per région (whole région), and one or two Passeurs d'images coordinations per
    région: the larger régions are split into two by their départements."""
    rng = _rng(seed, "missions")
    region_of = dict(Commune.objects.values_list("code", "region_id"))
    carriers: dict[tuple[str, str], list[Structure]] = defaultdict(list)
    for structure in structures:
        if structure.kind in {StructureKind.POLE, StructureKind.PI_COORDINATION}:
            carriers[(structure.kind, region_of[structure.commune_id])].append(structure)
    departements: dict[str, list[str]] = defaultdict(list)
    for code, region in Departement.objects.order_by("code").values_list("code", "region_id"):
        departements[region].append(code)
    regions = dict(Region.objects.order_by("code").values_list("code", "name"))

    poles, pole_carriers = [], []
    coordinations, coordination_carriers, coordination_departements = [], [], []
    for region, name in regions.items():
        own = carriers.get((StructureKind.POLE, region), [])
        if own:
            poles.append(Pole(name=f"Pôle image {name}", slug=f"pole-{region}", region_id=region))
            pole_carriers.append(own[:2])
        own = carriers.get((StructureKind.PI_COORDINATION, region), [])
        if not own:
            continue
        codes = departements[region]
        parts = [codes[: len(codes) // 2], codes[len(codes) // 2 :]] if len(codes) >= 6 else [[]]
        for number, part in enumerate(parts, start=1):
            suffix = f" — secteur {number}" if len(parts) > 1 else ""
            coordinations.append(
                Coordination(
                    name=f"Passeurs d'images {name}{suffix}",
                    slug=f"passeurs-d-images-{region}-{number}",
                    region_id=region,
                    website="https://www.passeursdimages.fr" if rng.random() < 0.5 else "",
                )
            )
            coordination_carriers.append([own[(number - 1) % len(own)]])
            coordination_departements.append(part)

    poles = _saved(Pole, Pole.objects.bulk_create(poles), "slug")
    coordinations = _saved(Coordination, Coordination.objects.bulk_create(coordinations), "slug")
    Pole.carriers.through.objects.bulk_create(
        Pole.carriers.through(pole_id=pole.pk, structure_id=carrier.pk)
        for pole, own in zip(poles, pole_carriers, strict=True)
        for carrier in own
    )
    Coordination.carriers.through.objects.bulk_create(
        Coordination.carriers.through(coordination_id=mission.pk, structure_id=carrier.pk)
        for mission, own in zip(coordinations, coordination_carriers, strict=True)
        for carrier in own
    )
    Coordination.departements.through.objects.bulk_create(
        Coordination.departements.through(coordination_id=mission.pk, departement_id=code)
        for mission, codes in zip(coordinations, coordination_departements, strict=True)
        for code in codes
    )
    return poles, coordinations


def mission_carriers() -> list[int]:
    """Primary keys of the structures that carry a pôle or a coordination."""
    return sorted(
        set(Pole.carriers.through.objects.values_list("structure_id", flat=True))
        | set(Coordination.carriers.through.objects.values_list("structure_id", flat=True))
    )


# --- users and people --------------------------------------------------------------------------

FIRST_NAMES = _words(
    """
    Camille, Léa, Manon, Chloé, Inès, Sarah, Jade, Louise, Emma, Alice, Julie, Claire,
    Nadia, Aïcha, Mathilde, Hélène, Lucas, Hugo, Thomas, Nicolas, Julien, Karim, Mehdi,
    Antoine, Pierre, Louis, Maxime, Yann, Bruno, Olivier, Sébastien, Rémi, Dominique,
    Claude, Sacha, Noé
    """
)
LAST_NAMES = _words(
    """
    Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon,
    Laurent, Lefebvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier, Morel,
    Girard, André, Mercier, Dupont, Lambert, Bonnet, François, Martinez, Legrand, Garnier,
    Faure, Rousseau, Blanc, Guerin, Muller, Henry, Roussel, Nicolas, Perrin, Morin,
    Mathieu, Le Gall, Nguyen, Benali, Diallo, Da Silva, Kerjean, Etcheverry, Fabre
    """
)
POSITIONS = _words(
    """
    Directeur·rice, Chargé·e de mission, Médiateur·rice, Coordinateur·rice,
    Programmateur·rice, Animateur·rice, Responsable des publics, Président·e,
    Chargé·e de communication, Administrateur·rice, Éducateur·rice, Bénévole
    """
)


def _role_plan(count: int) -> list[str]:
    """The main role of each of `count` users: mostly applicants, a few of every other role."""
    admins = max(1, count // 200)
    coordinators = max(1, count // 10)
    committee = max(1, count // 10)
    speakers = max(1, count // 10)
    applicants = max(0, count - admins - coordinators - committee - speakers)
    plan = (
        [Role.NETWORK_ADMIN] * admins
        + [Role.COORDINATOR] * coordinators
        + [Role.COMMITTEE_MEMBER] * committee
        + [Role.SPEAKER] * speakers
        + [Role.APPLICANT] * applicants
    )
    return [str(role) for role in plan[:count]]


def create_users(
    count: int, structures: Sequence[Structure], *, seed: int = SEED
) -> tuple[list[User], list[Membership]]:
    """`count` accounts with memberships of every role; about one in ten holds two roles."""
    rng = _rng(seed, "users")
    password = make_password(BENCH_PASSWORD)
    users = []
    for index in range(1, count + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        users.append(
            User(
                email=f"{slugify(first)}.{slugify(last)}.{index}@{BENCH_EMAIL_DOMAIN}",
                first_name=first,
                last_name=last,
                password=password,
            )
        )
    users = _saved(User, User.objects.bulk_create(users, batch_size=BATCH_SIZE), "email")

    carrier_ids = set(mission_carriers())
    carriers = [s for s in structures if s.pk in carrier_ids] or list(structures)
    by_kind: dict[str, list[Structure]] = defaultdict(list)
    for structure in structures:
        by_kind[structure.kind].append(structure)
    pools = {
        Role.NETWORK_ADMIN: by_kind[StructureKind.NATIONAL_ASSOCIATION] or list(structures),
        Role.COMMITTEE_MEMBER: by_kind[StructureKind.INSTITUTION] or list(structures),
        Role.SPEAKER: by_kind[StructureKind.CULTURAL_ACTOR] or list(structures),
        Role.APPLICANT: (
            by_kind[StructureKind.COLLECTIVITY]
            + by_kind[StructureKind.PUBLIC_SUPPORT]
            + by_kind[StructureKind.CULTURAL_ACTOR]
        )
        or list(structures),
    }
    memberships: dict[tuple[int, int | None, str], Membership] = {}

    def add(user: User, role: str, structure: Structure | None) -> None:
        key = (user.pk, structure.pk if structure else None, role)
        memberships.setdefault(
            key, Membership(user_id=user.pk, structure=structure, role=role, is_active=True)
        )

    for index, (user, role) in enumerate(zip(users, _role_plan(count), strict=True)):
        if role == Role.COORDINATOR:
            add(user, role, carriers[index % len(carriers)])
        elif role == Role.SPEAKER and rng.random() < 0.5:
            add(user, role, None)  # an independent speaker
        else:
            add(user, role, rng.choice(pools[role]))
        if rng.random() < 0.1:
            extra = rng.choice([Role.APPLICANT, Role.COMMITTEE_MEMBER, Role.SPEAKER])
            add(user, str(extra), rng.choice(pools[extra]))
    created = Membership.objects.bulk_create(list(memberships.values()), batch_size=BATCH_SIZE)
    return users, created


def create_people(
    count: int,
    structures: Sequence[Structure],
    users: Sequence[User] = (),
    *,
    seed: int = SEED,
) -> tuple[list[Person], list[Affiliation]]:
    """`count` people, the first ones being the users' own records; each has one or two
    affiliations, weighted towards the missions' carriers and national bodies."""
    rng = _rng(seed, "people")
    membership_structure = dict(
        Membership.objects.filter(structure__isnull=False)
        .order_by("-pk")
        .values_list("user_id", "structure_id")
    )
    people = []
    for index in range(count):
        user = users[index] if index < len(users) else None
        first = user.first_name if user else rng.choice(FIRST_NAMES)
        last = user.last_name if user else rng.choice(LAST_NAMES)
        is_speaker = rng.random() < 0.05
        people.append(
            Person(
                first_name=first,
                last_name=last,
                email=user.email
                if user
                else f"{slugify(first)}.{slugify(last)}.{index}@{BENCH_EMAIL_DOMAIN}",
                phone=_phone(rng, MOBILE_PREFIXES) if rng.random() < 0.5 else "",
                user_id=user.pk if user else None,
                is_speaker=is_speaker,
                bio=rng.choice(DESCRIPTIONS) if is_speaker else "",
                is_fictitious=True,
            )
        )
    people = Person.objects.bulk_create(people, batch_size=BATCH_SIZE)
    if any(person.pk is None for person in people):
        # Without RETURNING, the rows just inserted are the last `count` ones.
        pks = list(Person.objects.order_by("-pk").values_list("pk", flat=True)[:count])[::-1]
        for person, pk in zip(people, pks, strict=True):
            person.pk = pk

    # Cumulative weights once: `choices(weights=…)` would sum them again on every draw.
    cumulative = list(accumulate(AFFILIATION_WEIGHT_BY_KIND.get(s.kind, 1) for s in structures))
    structure_ids = [s.pk for s in structures]
    affiliations: dict[tuple[int, int], Affiliation] = {}
    for index, person in enumerate(people):
        targets = []
        if index < len(users) and users[index].pk in membership_structure:
            targets.append(membership_structure[users[index].pk])
        wanted = 2 if rng.random() < 0.15 else 1
        while len(targets) < wanted:
            targets.append(rng.choices(structure_ids, cum_weights=cumulative)[0])
        for structure_id in targets:
            affiliations.setdefault(
                (person.pk, structure_id),
                Affiliation(
                    person_id=person.pk,
                    structure_id=structure_id,
                    position=rng.choice(POSITIONS),
                    is_public_contact=rng.random() < 0.3,
                ),
            )
    created = Affiliation.objects.bulk_create(list(affiliations.values()), batch_size=BATCH_SIZE)
    return people, created


# --- the whole run -----------------------------------------------------------------------------


def wipe_network_and_accounts() -> dict[str, int]:
    """Delete every structure, mission, person and user, and the rows that point to them.

    Raw deletes, dependants first: the collector would load hundreds of thousands of rows and
    fire history signals. Only for the throwaway benchmark database.
    """
    done: set[type[models.Model]] = set()
    deleted: dict[str, int] = {}
    # A model another engineer has just added may not be migrated here yet.
    tables = set(connection.introspection.table_names())

    def wipe(model: type[models.Model]) -> None:
        if model in done or model._meta.db_table not in tables:
            return
        done.add(model)
        for relation in get_candidate_relations_to_delete(model._meta):
            wipe(relation.related_model)
        queryset = model._base_manager.using(connection.alias).all()
        count = queryset._raw_delete(connection.alias)
        if count:
            deleted[model._meta.label] = count

    with transaction.atomic():
        for model in (Pole, Coordination, Affiliation, Membership, Person, Structure, User):
            wipe(model)
    return deleted


@dataclass
class Step:
    label: str
    count: int
    seconds: float


@dataclass
class Report:
    territories: str = ""
    steps: list[Step] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return sum(step.seconds for step in self.steps)


def generate(
    *,
    structures: int,
    people: int,
    users: int,
    communes: int = COMMUNES,
    seed: int = SEED,
    log: Log = print,
) -> Report:
    """Territories (imported or invented), positions, then the network and the accounts."""
    report = Report()

    def record(label: str, count: int, started: float | None = None) -> None:
        seconds = time.perf_counter() - started if started is not None else 0.0
        report.steps.append(Step(label, count, seconds))
        log(f"  {label:<32} {count:>9}" + (f"  {seconds:7.1f} s" if started else ""))

    started = time.perf_counter()
    report.territories = ensure_territories(communes=communes, seed=seed, log=log)
    record(f"communes ({report.territories})", Commune.objects.count(), started)
    with transaction.atomic():
        started = time.perf_counter()
        record("commune positions assigned", assign_commune_positions(seed=seed), started)

        started = time.perf_counter()
        created_structures = create_structures(structures, load_communes(), seed=seed)
        record("structures", len(created_structures), started)

        started = time.perf_counter()
        poles, coordinations = create_missions(created_structures, seed=seed)
        record("pôles", len(poles), started)
        record("coordinations", len(coordinations))

        started = time.perf_counter()
        created_users, memberships = create_users(users, created_structures, seed=seed)
        record("users", len(created_users), started)
        record("memberships", len(memberships))

        started = time.perf_counter()
        created_people, affiliations = create_people(
            people, created_structures, created_users, seed=seed
        )
        record("people", len(created_people), started)
        record("affiliations", len(affiliations))
    return report
