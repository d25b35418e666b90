"""The Code officiel géographique: régions, départements and communes, from INSEE's CSVs,
Lanterne's shipped files or the Etalab JSON."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..enums import CommuneKind, Zone
from ..models import Commune, Departement, Region
from ..search import search_key
from .bulk import _existing_rows, _no_duplicates, _Plan
from .codes import (
    COMMUNE_KINDS,
    FORMER_COMMUNE_CODE_RE,
    POSTAL_CODE_RE,
    SIREN_RE,
    ZONES,
    departement_of,
    departement_zone,
    is_departement_code,
    is_region_code,
    region_zone,
)
from .files import (
    SHIPPED_COG_DIR,
    ImportFileError,
    Where,
    _check_commune_code,
    _quote,
    read_csv,
    read_json_array,
)
from .report import Counts, ProgressFactory, no_progress


@dataclass(slots=True)
class RegionRow:
    where: Where
    code: str
    name: str
    zone: str
    chef_lieu_code: str


@dataclass(slots=True)
class DepartementRow:
    where: Where
    code: str
    name: str
    region: str
    zone: str
    chef_lieu_code: str


@dataclass(slots=True)
class CommuneRow:
    where: Where
    code: str
    name: str
    kind: str
    departement: str
    region: str  # empty: the département's région
    parent: str = ""
    population: int | None = None
    postal_codes: tuple[str, ...] = ()
    former_codes: tuple[str, ...] = ()
    siren: str = ""


@dataclass(slots=True)
class DelegatedRow:
    """A commune déléguée or associée: a part of today's commune `parent`, under its own code
    and name (often those of a commune merged into `parent`)."""

    where: Where
    code: str
    name: str
    kind: str  # deleguee or associee
    parent: str


DELEGATED_KINDS = {"COMD": "deleguee", "COMA": "associee"}


@dataclass
class CogData:
    """Régions, départements and communes read from one source."""

    description: str
    regions: list[RegionRow]
    departements: list[DepartementRow]
    communes: list[CommuneRow]
    # INSEE's CSVs have no population, postal codes or SIREN: those fields are then left as they
    # are in the database, and former codes (seen only through delegated communes) are added to
    # the known ones instead of replacing them.
    detailed: bool = True
    skipped: Counter = field(default_factory=Counter)
    # Delegated and associated communes, imported as former names of their parent.
    delegated: list[DelegatedRow] = field(default_factory=list)


def _region_row(where: Where, code: str, name: str, zone: str, chef_lieu: str) -> RegionRow:
    if not is_region_code(code):
        raise where.error(_("code région %(code)s invalide (2 chiffres)") % {"code": _quote(code)})
    if not name:
        raise where.error(_("nom de région manquant"))
    if chef_lieu:
        _check_commune_code(chef_lieu, where, gettext_noop("chef-lieu"))
    return RegionRow(where, code, name, zone, chef_lieu)


def _departement_row(
    where: Where, code: str, name: str, region: str, zone: str, chef_lieu: str
) -> DepartementRow:
    if not is_departement_code(code):
        raise where.error(
            _("code département %(code)s invalide (01 à 95, 2A, 2B, 971 à 974, 976)")
            % {"code": _quote(code)}
        )
    if not name:
        raise where.error(_("nom de département manquant"))
    if not is_region_code(region):
        raise where.error(
            _("code région %(code)s invalide (2 chiffres)") % {"code": _quote(region)}
        )
    if chef_lieu:
        _check_commune_code(chef_lieu, where, gettext_noop("chef-lieu"))
    return DepartementRow(where, code, name, region, zone, chef_lieu)


def _check_commune_row(row: CommuneRow) -> CommuneRow:
    where = row.where
    _check_commune_code(row.code, where)
    if not row.name:
        raise where.error(_("nom de commune manquant"))
    if not is_departement_code(row.departement):
        raise where.error(
            _("code département %(code)s invalide (01 à 95, 2A, 2B, 971 à 974, 976)")
            % {"code": _quote(row.departement)}
        )
    if departement_of(row.code) != row.departement:
        raise where.error(
            _("la commune %(code)s n'appartient pas au département %(departement)s")
            % {"code": _quote(row.code), "departement": _quote(row.departement)}
        )
    if row.region and not is_region_code(row.region):
        raise where.error(
            _("code région %(code)s invalide (2 chiffres)") % {"code": _quote(row.region)}
        )
    if row.kind == CommuneKind.MUNICIPAL_ARRONDISSEMENT:
        if not row.parent:
            raise where.error(_("arrondissement municipal sans commune de rattachement"))
        _check_commune_code(row.parent, where, gettext_noop("commune de rattachement"))
    else:
        if row.parent:
            raise where.error(_("seul un arrondissement municipal a une commune parente"))
    for code in row.postal_codes:
        if not POSTAL_CODE_RE.fullmatch(code):
            raise where.error(_("code postal %(code)s invalide") % {"code": _quote(code)})
    for code in row.former_codes:
        if not FORMER_COMMUNE_CODE_RE.fullmatch(code):
            raise where.error(_("ancien code %(code)s invalide") % {"code": _quote(code)})
    if row.siren and not SIREN_RE.fullmatch(row.siren):
        raise where.error(_("SIREN %(siren)s invalide (9 chiffres)") % {"siren": _quote(row.siren)})
    return row


def _parse_population(value: Any, where: Where) -> int | None:
    if value in ("", None):
        return None
    try:
        population = int(value)
    except (TypeError, ValueError):
        population = -1
    if population < 0:
        raise where.error(_("population %(value)s invalide") % {"value": _quote(value)})
    return population


def _find_one(directory: Path, pattern: str) -> Path:
    matches = sorted(
        path for path in directory.iterdir() if re.fullmatch(pattern, path.name, re.IGNORECASE)
    )
    if len(matches) != 1:
        found = ", ".join(path.name for path in matches) or _("aucun")
        raise ImportFileError(
            str(directory),
            _("un seul fichier %(pattern)s attendu (trouvé : %(found)s)")
            % {"pattern": pattern.replace(r"\d{4}", "AAAA").replace("\\", ""), "found": found},
        )
    return matches[0]


def parse_cog_dir(directory: Path) -> CogData:
    """A directory holding either INSEE's COG CSVs or Lanterne's shipped format."""
    if not directory.is_dir():
        raise ImportFileError(str(directory), _("dossier introuvable"))
    names = {path.name.lower() for path in directory.iterdir()}
    if any(re.fullmatch(r"v_commune_\d{4}\.csv", name) for name in names):
        return parse_insee_cog(directory)
    if "communes.csv.gz" in names or "communes.csv" in names:
        return parse_shipped_cog(directory)
    raise ImportFileError(
        str(directory),
        _("ni fichiers de l'INSEE (v_commune_AAAA.csv…) ni communes.csv(.gz) dans ce dossier"),
    )


def parse_insee_cog(directory: Path) -> CogData:
    """INSEE's `v_region_YYYY.csv`, `v_departement_YYYY.csv` and `v_commune_YYYY.csv`.

    TYPECOM: COM is a commune, ARM a municipal arrondissement (parent in COMPARENT); COMD and COMA
    (delegated and associated communes) are not communes of their own: their code, when it
    differs from their parent's, becomes one of the parent's former codes.
    """
    region_file = _find_one(directory, r"v_region_\d{4}\.csv")
    departement_file = _find_one(directory, r"v_departement_\d{4}\.csv")
    commune_file = _find_one(directory, r"v_commune_\d{4}\.csv")

    regions = [
        _region_row(where, r["reg"], r["libelle"], region_zone(r["reg"]), r["cheflieu"])
        for where, r in read_csv(region_file, ["reg", "cheflieu", "libelle"])
    ]
    departements = [
        _departement_row(
            where, d["dep"], d["libelle"], d["reg"], departement_zone(d["dep"]), d["cheflieu"]
        )
        for where, d in read_csv(departement_file, ["dep", "reg", "cheflieu", "libelle"])
    ]

    rows: list[tuple[Where, dict]] = []
    former: dict[str, set[str]] = defaultdict(set)
    delegated: list[DelegatedRow] = []
    skipped: Counter = Counter()
    columns = ["typecom", "com", "reg", "dep", "libelle", "comparent"]
    for where, c in read_csv(commune_file, columns):
        kind = c["typecom"].upper()
        if kind in ("COMD", "COMA"):
            _check_commune_code(c["com"], where)
            if not c["comparent"]:
                raise where.error(
                    _("commune déléguée ou associée sans commune de rattachement (COMPARENT)")
                )
            delegated.append(
                _delegated_row(where, c["com"], c["libelle"], DELEGATED_KINDS[kind], c["comparent"])
            )
            skipped[_("communes déléguées ou associées")] += 1
        elif kind in ("COM", "ARM"):
            rows.append((where, c))
        else:
            raise where.error(_("type de commune %(kind)s inconnu") % {"kind": _quote(kind)})

    communes_by_code = {c["com"]: c for _where, c in rows if c["typecom"].upper() == "COM"}
    for row in delegated:
        _check_parent(row, communes_by_code)
        if row.code != row.parent:
            former[row.parent].add(row.code)

    communes = []
    for where, c in rows:
        is_arrondissement = c["typecom"].upper() == "ARM"
        departement = c["dep"]
        if is_arrondissement and not departement:
            departement = departement_of(c["com"])
        communes.append(
            _check_commune_row(
                CommuneRow(
                    where,
                    code=c["com"],
                    name=c["libelle"],
                    kind=(
                        CommuneKind.MUNICIPAL_ARRONDISSEMENT
                        if is_arrondissement
                        else CommuneKind.COMMUNE
                    ),
                    departement=departement,
                    region=c["reg"],
                    parent=c["comparent"] if is_arrondissement else "",
                    former_codes=tuple(sorted(former.get(c["com"], ()))),
                )
            )
        )
    return CogData(
        description=_("COG de l'INSEE (%(files)s)")
        % {"files": ", ".join(p.name for p in (region_file, departement_file, commune_file))},
        regions=regions,
        departements=departements,
        communes=communes,
        detailed=False,
        skipped=skipped,
        delegated=delegated,
    )


def parse_shipped_cog(directory: Path) -> CogData:
    """Lanterne's format, written by `scripts/extract_cog.py` (see `data/README.md`)."""
    commune_file = directory / "communes.csv.gz"
    if not commune_file.exists():
        commune_file = directory / "communes.csv"
    regions = [
        _region_row(where, r["code"], r["name"], r["zone"], r.get("chef_lieu", ""))
        for where, r in read_csv(directory / "regions.csv", ["code", "name", "zone"])
    ]
    departements = [
        _departement_row(
            where, d["code"], d["name"], d["region"], d["zone"], d.get("chef_lieu", "")
        )
        for where, d in read_csv(directory / "departements.csv", ["code", "name", "region", "zone"])
    ]
    zoned: list[RegionRow | DepartementRow] = [*regions, *departements]
    for row in zoned:
        if row.zone not in ZONES:
            raise row.where.error(_("zone %(zone)s inconnue") % {"zone": _quote(row.zone)})
    communes = []
    columns = ["code", "name", "kind", "departement", "region", "parent"]
    for where, c in read_csv(commune_file, columns):
        if c["kind"] not in COMMUNE_KINDS:
            raise where.error(_("type de commune %(kind)s inconnu") % {"kind": _quote(c["kind"])})
        communes.append(
            _check_commune_row(
                CommuneRow(
                    where,
                    code=c["code"],
                    name=c["name"],
                    kind=c["kind"],
                    departement=c["departement"],
                    region=c["region"],
                    parent=c["parent"],
                    population=_parse_population(c.get("population", ""), where),
                    postal_codes=tuple(c.get("postal_codes", "").split()),
                    former_codes=tuple(sorted(set(c.get("former_codes", "").split()))),
                    siren=c.get("siren", ""),
                )
            )
        )
    delegated = []
    delegated_file = directory / "communes_deleguees.csv.gz"
    if not delegated_file.exists():
        delegated_file = directory / "communes_deleguees.csv"
    if delegated_file.exists():
        parents = {c.code: c for c in communes if c.kind == CommuneKind.COMMUNE}
        for where, d in read_csv(delegated_file, ["code", "name", "kind", "parent"]):
            if d["kind"] not in DELEGATED_KINDS.values():
                raise where.error(
                    _("type %(kind)s inconnu (deleguee ou associee)") % {"kind": _quote(d["kind"])}
                )
            part = _delegated_row(where, d["code"], d["name"], d["kind"], d["parent"])
            delegated.append(_check_parent(part, parents))
    return CogData(
        description=_("COG livré avec Lanterne (%(directory)s)") % {"directory": directory},
        regions=regions,
        departements=departements,
        communes=communes,
        delegated=delegated,
    )


def _delegated_row(where: Where, code: str, name: str, kind: str, parent: str) -> DelegatedRow:
    _check_commune_code(code, where)
    if not name:
        raise where.error(_("nom de commune manquant"))
    if not parent:
        raise where.error(
            _("commune déléguée ou associée sans commune de rattachement (COMPARENT)")
        )
    return DelegatedRow(where, code, name, kind, parent)


def _check_parent(row: DelegatedRow, communes: Container[str]) -> DelegatedRow:
    if row.parent not in communes:
        raise row.where.error(
            _("commune de rattachement %(code)s absente du fichier") % {"code": _quote(row.parent)}
        )
    return row


ETALAB_KINDS = {
    "commune-actuelle": CommuneKind.COMMUNE,
    "arrondissement-municipal": CommuneKind.MUNICIPAL_ARRONDISSEMENT,
}


def parse_etalab_json(communes_json: Path) -> CogData:
    """The `@etalab/decoupage-administratif` package: communes.json (+ regions/departements.json).

    Without regions.json and departements.json beside it, the shipped ones are used. Overseas
    collectivities (zone `com`) are left out, as in INSEE's COG files.
    """
    directory = communes_json.parent
    if (directory / "regions.json").exists() and (directory / "departements.json").exists():
        regions, departements = [], []
        for where, r in read_json_array(directory / "regions.json"):
            if r.get("zone") in (Zone.METRO, Zone.DROM):
                regions.append(
                    _region_row(
                        where,
                        str(r.get("code", "")),
                        r.get("nom", ""),
                        r["zone"],
                        r.get("chefLieu", ""),
                    )
                )
        for where, d in read_json_array(directory / "departements.json"):
            if d.get("zone") in (Zone.METRO, Zone.DROM):
                departements.append(
                    _departement_row(
                        where,
                        str(d.get("code", "")),
                        d.get("nom", ""),
                        str(d.get("region", "")),
                        d["zone"],
                        d.get("chefLieu", ""),
                    )
                )
    else:
        shipped = parse_shipped_cog(SHIPPED_COG_DIR)
        regions, departements = shipped.regions, shipped.departements

    skipped: Counter = Counter()
    kept: list[tuple[Where, dict]] = []
    former: dict[str, set[str]] = defaultdict(set)
    delegated: list[DelegatedRow] = []
    for where, item in read_json_array(communes_json):
        kind = item.get("type")
        if item.get("zone") == Zone.COM:
            skipped[_("collectivités d'outre-mer")] += 1
        elif kind in ("commune-deleguee", "commune-associee"):
            parent = item.get("chefLieu") or item.get("commune") or ""
            delegated.append(
                _delegated_row(
                    where,
                    str(item.get("code", "")),
                    item.get("nom", ""),
                    "deleguee" if kind == "commune-deleguee" else "associee",
                    parent,
                )
            )
            skipped[_("communes déléguées ou associées")] += 1
        elif kind in ETALAB_KINDS:
            kept.append((where, item))
            former[str(item.get("code", ""))].update(item.get("anciensCodes") or [])
        else:
            raise where.error(_("type de commune %(kind)s inconnu") % {"kind": _quote(kind)})
    for row in delegated:
        _check_parent(row, former)
        if row.code != row.parent:
            former[row.parent].add(row.code)

    communes = []
    for where, item in kept:
        kind = ETALAB_KINDS[item["type"]]
        code = str(item.get("code", ""))
        communes.append(
            _check_commune_row(
                CommuneRow(
                    where,
                    code=code,
                    name=item.get("nom", ""),
                    kind=kind,
                    departement=str(item.get("departement", "")),
                    region=str(item.get("region", "")),
                    parent=(
                        str(item.get("commune", ""))
                        if kind == CommuneKind.MUNICIPAL_ARRONDISSEMENT
                        else ""
                    ),
                    population=_parse_population(item.get("population"), where),
                    postal_codes=tuple(sorted(set(item.get("codesPostaux") or []))),
                    former_codes=tuple(sorted(former[code] - {code})),
                    siren=item.get("siren", ""),
                )
            )
        )
    return CogData(
        description=_("paquet @etalab/decoupage-administratif (%(file)s)")
        % {"file": communes_json},
        regions=regions,
        departements=departements,
        communes=communes,
        skipped=skipped,
        delegated=delegated,
    )


def apply_cog(data: CogData, *, progress: ProgressFactory = no_progress) -> list[Counts]:
    return [
        _apply_regions(data, progress),
        _apply_departements(data, progress),
        _apply_communes(data, progress),
    ]


def _apply_regions(data: CogData, progress: ProgressFactory) -> Counts:
    _no_duplicates(data.regions, lambda r: r.code, _("code région"))
    existing = {
        r["code"]: r for r in Region.objects.values("code", "name", "zone", "chef_lieu_code")
    }
    plan = _Plan(Region, Counts("regions", _("Régions")))
    for row in data.regions:
        desired = {"name": row.name, "zone": row.zone, "chef_lieu_code": row.chef_lieu_code}
        plan.add({"code": row.code}, existing.get(row.code), desired)
    plan.counts.kept = len(existing.keys() - {row.code for row in data.regions})
    plan.save(progress)
    return plan.counts


def _apply_departements(data: CogData, progress: ProgressFactory) -> Counts:
    _no_duplicates(data.departements, lambda d: d.code, _("code département"))
    regions = set(Region.objects.values_list("code", flat=True))
    fields = ("code", "name", "region_id", "zone", "chef_lieu_code")
    existing = {d["code"]: d for d in Departement.objects.values(*fields)}
    plan = _Plan(Departement, Counts("departements", _("Départements")))
    for row in data.departements:
        if row.region not in regions:
            raise row.where.error(_("code région %(code)s inconnu") % {"code": _quote(row.region)})
        desired = {
            "name": row.name,
            "region_id": row.region,
            "zone": row.zone,
            "chef_lieu_code": row.chef_lieu_code,
        }
        plan.add({"code": row.code}, existing.get(row.code), desired)
    plan.counts.kept = len(existing.keys() - {row.code for row in data.departements})
    plan.save(progress)
    return plan.counts


COMMUNE_FIELDS = (
    "name",
    "search_name",
    "kind",
    "departement_id",
    "region_id",
    "parent_id",
    "population",
    "postal_codes",
    "former_codes",
    "siren",
)


COMMUNE_JSON_FIELDS = ("postal_codes", "former_codes")


def _apply_communes(data: CogData, progress: ProgressFactory) -> Counts:
    _no_duplicates(data.communes, lambda c: c.code, _("code commune"))
    departement_regions = dict(Departement.objects.values_list("code", "region_id"))
    plain_fields = [name for name in COMMUNE_FIELDS if name not in COMMUNE_JSON_FIELDS]
    existing = _existing_rows(Commune.objects.all(), "code", plain_fields, COMMUNE_JSON_FIELDS)
    kinds = {code: values["kind"] for code, values in existing.items()}
    kinds.update({row.code: row.kind for row in data.communes})

    counts = Counts("communes", _("Communes"), skipped=data.skipped)
    plan = _Plan(Commune, counts, json_fields=frozenset(COMMUNE_JSON_FIELDS))
    for row in data.communes:
        where = row.where
        region = departement_regions.get(row.departement)
        if region is None:
            raise where.error(
                _("code département %(code)s inconnu") % {"code": _quote(row.departement)}
            )
        if row.region and row.region != region:
            raise where.error(
                _(
                    "région %(region)s différente de celle du département %(departement)s "
                    "(%(expected)s)"
                )
                % {
                    "region": _quote(row.region),
                    "departement": _quote(row.departement),
                    "expected": region,
                }
            )
        if row.parent and kinds.get(row.parent) != CommuneKind.COMMUNE:
            raise where.error(
                _("commune de rattachement %(code)s inconnue") % {"code": _quote(row.parent)}
            )
        current = existing.get(row.code)
        desired: dict[str, Any] = {
            "name": row.name,
            # Written in bulk: `Commune.save()`, which keeps it otherwise, is not called.
            "search_name": search_key(row.name),
            "kind": row.kind,
            "departement_id": row.departement,
            "region_id": region,
            "parent_id": row.parent or None,
        }
        if data.detailed:
            desired |= {
                "population": row.population,
                "postal_codes": list(row.postal_codes),
                "former_codes": list(row.former_codes),
                "siren": row.siren,
            }
        elif row.former_codes:
            known = json.loads(current["former_codes"]) if current else []
            desired["former_codes"] = sorted(set(known) | set(row.former_codes))
        plan.add({"code": row.code}, current, desired)
    counts.kept = len(existing.keys() - {row.code for row in data.communes})
    plan.save(progress)
    return counts
