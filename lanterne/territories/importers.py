"""Read the territory reference files and apply them to the database.

Three steps, each reusable on its own (by `manage.py import_territories`, the demo and the tests):

1. *parse*: a file in, typed rows out, each row remembering its file and line. Any malformed row
   raises `ImportFileError("communes.csv", "…", line=1234)`.
2. *apply*: load the existing rows of a table into a dict with one query, compare, then
   `bulk_create` / `bulk_update` in batches. Rules that need the database (an unknown
   département, an unknown commune) are checked here, still with the row's line number.
3. `import_territories()` runs both for every file in one transaction, so a bad line anywhere
   leaves the database as it was.

Formats read:
- INSEE's *Code officiel géographique* CSVs (`v_region_YYYY.csv`, `v_departement_YYYY.csv`,
  `v_commune_YYYY.csv`), as published on insee.fr;
- Lanterne's shipped COG (`data/cog/`: regions.csv, departements.csv, communes.csv.gz), written
  by `scripts/extract_cog.py`;
- the JSON files of the npm package `@etalab/decoupage-administratif` (communes.json, with
  regions.json and departements.json beside it);
- the documented CSVs for QPV, ZRR/FRR and commune positions (see `data/README.md`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import gzip
import itertools
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from django.db import connections, models, router, transaction
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .enums import CommuneKind, DataOrigin, RuralScheme, RuralStatus, Zone
from .models import Commune, Departement, Qpv, Region, RuralZoning

DATA_DIR = Path(__file__).resolve().parent / "data"
SHIPPED_COG_DIR = DATA_DIR / "cog"
SHIPPED_QPV = DATA_DIR / "qpv_sample.csv"
SHIPPED_RURAL = DATA_DIR / "rural_sample.csv"
SHIPPED_POSITIONS = DATA_DIR / "positions_sample.csv"

BATCH_SIZE = 1000

# ---------------------------------------------------------------------------------------------
# Codes
# ---------------------------------------------------------------------------------------------

# re.ASCII: `\d` would otherwise accept any Unicode digit (٣١٥٥٥).
# Départements: 01–95 except 20 (split into 2A/2B in 1976), and the five DROM: 971–974 and
# 976 (975 is Saint-Pierre-et-Miquelon, an overseas collectivity, not a département).
_METRO_DEP = r"(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])"
_DEP = rf"(?:{_METRO_DEP}|97[1-46])"
REGION_CODE_RE = re.compile(r"\d{2}", re.ASCII)
DEPARTEMENT_CODE_RE = re.compile(_DEP, re.ASCII)
COMMUNE_CODE_RE = re.compile(rf"{_METRO_DEP}\d{{3}}|97[1-46]\d{{2}}", re.ASCII)
# Former codes predate 2A/2B (Ajaccio was 20004), so they only need the shape of a code.
FORMER_COMMUNE_CODE_RE = re.compile(r"\d{5}|2[AB]\d{3}", re.ASCII)
# QPV: `QN` + département on 3 characters + order on 2 + one letter (2024 generation, QN07501M);
# `QP` + département on 3 characters + order on 3 (2015 generation, QP075001).
_QPV_DEP = rf"(?:0{_METRO_DEP}|97[1-46])"
QPV_CODE_RE = re.compile(rf"QN{_QPV_DEP}\d{{2}}[A-Z]|QP{_QPV_DEP}\d{{3}}", re.ASCII)
POSTAL_CODE_RE = re.compile(r"\d{5}", re.ASCII)
SIREN_RE = re.compile(r"\d{9}", re.ASCII)
COMMUNE_KINDS = frozenset(CommuneKind.values)
ZONES = frozenset(Zone.values)


def is_region_code(code: str) -> bool:
    return bool(REGION_CODE_RE.fullmatch(code))


def is_departement_code(code: str) -> bool:
    return bool(DEPARTEMENT_CODE_RE.fullmatch(code))


def is_commune_code(code: str) -> bool:
    return bool(COMMUNE_CODE_RE.fullmatch(code))


def is_qpv_code(code: str) -> bool:
    return bool(QPV_CODE_RE.fullmatch(code))


def departement_of(commune_code: str) -> str:
    """The département a commune code belongs to: `97311` → `973`, `2A004` → `2A`."""
    return commune_code[:3] if commune_code.startswith("97") else commune_code[:2]


def region_zone(region_code: str) -> str:
    # INSEE numbers the five overseas regions 01–06 and the metropolitan ones from 11.
    return Zone.DROM if region_code < "10" else Zone.METRO


def departement_zone(departement_code: str) -> str:
    return Zone.DROM if departement_code.startswith("97") else Zone.METRO


# ---------------------------------------------------------------------------------------------
# Errors and locations
# ---------------------------------------------------------------------------------------------


class ImportFileError(ValueError):
    """A file cannot be imported; the message names the file, the line and the reason."""

    def __init__(self, source: str, reason: str, *, line: int | None = None, item: bool = False):
        self.source, self.reason, self.line = source, reason, line
        if line is None:
            message = _("%(source)s : %(reason)s")
        elif item:
            message = _("%(source)s, élément %(line)d : %(reason)s")
        else:
            message = _("%(source)s, ligne %(line)d : %(reason)s")
        super().__init__(message % {"source": source, "line": line, "reason": reason})


class Where(NamedTuple):
    """Where a row came from: a line of a CSV file or an element of a JSON array."""

    source: str
    line: int
    item: bool = False

    def error(self, reason: str) -> ImportFileError:
        return ImportFileError(self.source, reason, line=self.line, item=self.item)


def _quote(value: Any) -> str:
    return f"« {value} »"


# ---------------------------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------------------------


def _open_text(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def read_csv(
    path: Path, required: Sequence[str], *, name: str | None = None
) -> Iterator[tuple[Where, dict[str, str]]]:
    """Yield (where, row) for each non-empty line; column names are matched case-insensitively.

    The delimiter is `,` or `;` (as found in the header). A row with the wrong number of fields,
    a missing column or bytes that are not UTF-8 stop the import with the line number.
    """
    name = name or path.name
    try:
        handle = _open_text(path)
    except OSError as error:
        raise ImportFileError(name, _("fichier illisible (%(error)s)") % {"error": error}) from None
    line = 0  # the last line read
    with handle:
        try:
            header_line = handle.readline()
            line = 1
            delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
            header = [
                column.strip().lower()
                for column in next(csv.reader([header_line], delimiter=delimiter), [])
            ]
            missing = [column for column in required if column not in header]
            if not header or missing:
                raise ImportFileError(
                    name,
                    _("colonne(s) manquante(s) : %(columns)s") % {"columns": ", ".join(missing)},
                    line=1,
                )
            reader = csv.reader(handle, delimiter=delimiter)
            for values in reader:
                line = reader.line_num + 1
                if not any(value.strip() for value in values):
                    continue
                if len(values) != len(header):
                    raise ImportFileError(
                        name,
                        _("%(found)d champs au lieu de %(expected)d")
                        % {"found": len(values), "expected": len(header)},
                        line=line,
                    )
                yield (
                    Where(name, line),
                    {column: value.strip() for column, value in zip(header, values, strict=True)},
                )
        except UnicodeDecodeError:
            raise ImportFileError(
                name, _("le fichier n'est pas encodé en UTF-8"), line=_first_undecodable_line(path)
            ) from None
        except (csv.Error, EOFError, gzip.BadGzipFile) as error:
            raise ImportFileError(
                name, _("fichier CSV invalide (%(error)s)") % {"error": error}, line=line + 1
            ) from None


def _first_undecodable_line(path: Path) -> int | None:
    # Text files are decoded by blocks of several kilobytes: find the line by reading again.
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return None


def read_json_array(path: Path) -> Iterator[tuple[Where, dict]]:
    name = path.name
    try:
        with path.open(encoding="utf-8") as handle:
            items = json.load(handle)
    except OSError as error:
        raise ImportFileError(name, _("fichier illisible (%(error)s)") % {"error": error}) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ImportFileError(
            name,
            _("JSON invalide (%(error)s)") % {"error": error},
            line=getattr(error, "lineno", None),
        ) from None
    if not isinstance(items, list):
        raise ImportFileError(name, _("un tableau JSON est attendu"))
    for index, item in enumerate(items, start=1):
        where = Where(name, index, item=True)
        if not isinstance(item, dict):
            raise where.error(_("un objet JSON est attendu"))
        yield where, item


def parse_date(value: str, where: Where, column: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise where.error(
            _("%(column)s : date %(value)s invalide (format attendu AAAA-MM-JJ)")
            % {"column": column, "value": _quote(value)}
        ) from None


def parse_optional_date(value: str, where: Where, column: str) -> datetime.date | None:
    return parse_date(value, where, column) if value else None


def _check_commune_code(code: str, where: Where, label: str = gettext_noop("code commune")) -> None:
    if not is_commune_code(code):
        raise where.error(
            _("%(label)s %(code)s invalide (5 caractères : 01001, 2A004, 97311)")
            % {"label": _(label), "code": _quote(code)}
        )


# ---------------------------------------------------------------------------------------------
# The Code officiel géographique
# ---------------------------------------------------------------------------------------------


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
    delegated: list[tuple[Where, str, str]] = []
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
            delegated.append((where, c["com"], c["comparent"]))
            skipped[_("communes déléguées ou associées")] += 1
        elif kind in ("COM", "ARM"):
            rows.append((where, c))
        else:
            raise where.error(_("type de commune %(kind)s inconnu") % {"kind": _quote(kind)})

    communes_by_code = {c["com"]: c for _where, c in rows if c["typecom"].upper() == "COM"}
    for where, code, parent in delegated:
        if parent not in communes_by_code:
            raise where.error(
                _("commune de rattachement %(code)s absente du fichier") % {"code": _quote(parent)}
            )
        if code != parent:
            former[parent].add(code)

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
    for row in [*regions, *departements]:
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
    return CogData(
        description=_("COG livré avec Lanterne (%(directory)s)") % {"directory": directory},
        regions=regions,
        departements=departements,
        communes=communes,
    )


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
    delegated: list[tuple[Where, str, str]] = []
    for where, item in read_json_array(communes_json):
        kind = item.get("type")
        if item.get("zone") == Zone.COM:
            skipped[_("collectivités d'outre-mer")] += 1
        elif kind in ("commune-deleguee", "commune-associee"):
            parent = item.get("chefLieu") or item.get("commune") or ""
            delegated.append((where, str(item.get("code", "")), parent))
            skipped[_("communes déléguées ou associées")] += 1
        elif kind in ETALAB_KINDS:
            kept.append((where, item))
            former[str(item.get("code", ""))].update(item.get("anciensCodes") or [])
        else:
            raise where.error(_("type de commune %(kind)s inconnu") % {"kind": _quote(kind)})
    for where, code, parent in delegated:
        if parent not in former:
            raise where.error(
                _("commune de rattachement %(code)s absente du fichier") % {"code": _quote(parent)}
            )
        if code != parent:
            former[parent].add(code)

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
    )


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------


@dataclass
class Counts:
    """What an import did to one kind of row."""

    kind: str  # regions, departements, communes, positions, qpv, rural
    label: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason → rows of the file left out
    kept: int = 0  # rows in the database that the file does not mention, left untouched

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        """One line, e.g. `Communes — ajouts : 3 ; mises à jour : 0 ; sans changement : 12`."""
        parts = [
            _("ajouts : %(n)s") % {"n": _n(self.created)},
            _("mises à jour : %(n)s") % {"n": _n(self.updated)},
            _("sans changement : %(n)s") % {"n": _n(self.unchanged)},
        ]
        parts += [
            _("lignes écartées (%(why)s) : %(n)s") % {"why": why, "n": _n(count)}
            for why, count in self.skipped.items()
        ]
        if self.kept:
            parts.append(
                _("en base mais absents du fichier (conservés) : %(n)s") % {"n": _n(self.kept)}
            )
        return f"{self.label} — " + " ; ".join(parts)


def _n(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


@dataclass
class ImportReport:
    sources: list[str] = field(default_factory=list)
    counts: list[Counts] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(counts.changed for counts in self.counts)

    def get(self, kind: str) -> Counts:
        return next(counts for counts in self.counts if counts.kind == kind)


# ---------------------------------------------------------------------------------------------
# Applying rows
# ---------------------------------------------------------------------------------------------


class ProgressBar(Protocol):
    def update(self, n: int = 1) -> Any: ...


ProgressFactory = Callable[..., contextlib.AbstractContextManager[ProgressBar]]


class _NoProgress:
    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def update(self, n: int = 1):
        pass


def no_progress(*args, **kwargs) -> _NoProgress:
    return _NoProgress()


@dataclass
class _Plan:
    """Rows to create and to update, computed from a dict of the existing ones.

    Each row is planned with its key (`{"code": "01001"}`), its values in the database (None if
    new, as read by `_existing_rows`) and the values the file wants. `json_fields` are read as
    text and compared with the JSON text of the desired value.
    """

    model: type[models.Model]
    counts: Counts
    json_fields: frozenset[str] = frozenset()
    create: list[dict] = field(default_factory=list)
    update: list[models.Model] = field(default_factory=list)
    update_fields: set[str] = field(default_factory=set)

    def add(self, key: dict, existing: dict | None, desired: dict) -> str:
        """Plan one row; return "created", "updated" or "unchanged"."""
        if existing is None:
            self.create.append(key | desired)
            self.counts.created += 1
            return "created"
        json_fields = self.json_fields
        changed = {
            name
            for name, value in desired.items()
            if existing[name] != (json.dumps(value) if name in json_fields else value)
        }
        if not changed:
            self.counts.unchanged += 1
            return "unchanged"
        # Every compared field is set on the instance, so writing the union of the fields that
        # changed in any row never overwrites a value with a default.
        values = existing | desired
        for name in json_fields - desired.keys():
            values[name] = json.loads(existing[name])
        self.update.append(self.model(**values))
        self.update_fields |= changed
        self.counts.updated += 1
        return "updated"

    def save(self, progress: ProgressFactory) -> None:
        total = len(self.create) + len(self.update)
        if not total:
            return
        with progress(total=total, desc=str(self.counts.label), unit=_("ligne")) as bar:
            for chunk in _chunks(self.create, BATCH_SIZE):
                _insert(self.model, chunk)
                bar.update(len(chunk))
            fields = sorted(self.update_fields)
            for chunk in _chunks(self.update, BATCH_SIZE):
                self.model._default_manager.bulk_update(chunk, fields, batch_size=250)
                bar.update(len(chunk))


# Values of these fields go to the database drivers as they are (str, int, float, None).
_NATIVE_FIELD_TYPES = {
    "CharField",
    "TextField",
    "IntegerField",
    "PositiveIntegerField",
    "BigIntegerField",
    "FloatField",
    "ForeignKey",
}


def _insert(model: type[models.Model], rows: list[dict]) -> None:
    """Insert rows given as {attname: value}; what `bulk_create` does, minus model instances.

    On the 35 000 communes, bulk_create spends about 3 s of CPU building instances and running
    every field's `get_db_prep_save`, more than the database takes to write them. Here values of
    plain fields go to the driver as they are and only the others (JSON, dates) go through their
    field. Fields a row leaves out get their default; an auto-incremented primary key is left to
    the database. No model written here has signals or `auto_now` fields that this would skip.

    PostgreSQL gets one array per column through UNNEST (as bulk_create does since Django 5.2:
    one statement to plan instead of one per row); other backends get `executemany`, which
    SQLite runs in-process.
    """
    connection = connections[router.db_for_write(model)]
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField))
    ]
    prepared = [f.get_internal_type() not in _NATIVE_FIELD_TYPES for f in fields]
    params = [
        [
            f.get_db_prep_save(row.get(f.attname, f.get_default()), connection)
            if prepare
            else row.get(f.attname, f.get_default())
            for f, prepare in zip(fields, prepared, strict=True)
        ]
        for row in rows
    ]
    quote = connection.ops.quote_name
    head = "INSERT INTO {table} ({columns}) ".format(
        table=quote(model._meta.db_table), columns=", ".join(quote(f.column) for f in fields)
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # varchar(5)[] would make PostgreSQL check lengths twice; the column does it.
            arrays = ", ".join(f"%s::{f.db_type(connection).split('(')[0]}[]" for f in fields)
            columns = [list(column) for column in zip(*params, strict=True)]
            cursor.execute(f"{head}SELECT * FROM UNNEST({arrays})", columns)
        else:
            values = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"{head}VALUES ({values})", params)


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _no_duplicates(rows: Iterable, key: Callable, label: str) -> None:
    first_seen: dict[Any, Where] = {}
    for row in rows:
        value = key(row)
        if value in first_seen:
            raise row.where.error(
                _("%(label)s %(code)s en double (déjà ligne %(line)d)")
                % {"label": label, "code": _quote(value), "line": first_seen[value].line}
            )
        first_seen[value] = row.where


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
    "kind",
    "departement_id",
    "region_id",
    "parent_id",
    "population",
    "postal_codes",
    "former_codes",
    "siren",
)


def _existing_rows(
    queryset: models.QuerySet, key: str, fields: Sequence[str], json_fields: Sequence[str] = ()
) -> dict[Any, dict[str, Any]]:
    """{key: {field: value}} for every row, with `json_fields` read as their text.

    Decoding the postal codes and former codes of 35 000 communes costs more than the rest of
    the comparison. `json.dumps()` of a list of codes gives the very text Django stores on SQLite
    and PostgreSQL prints for jsonb (`["01400", "01401"]`); a value spelt otherwise would only be
    rewritten once.
    """
    texts = {f"{name}_as_text": Cast(name, output_field=models.TextField()) for name in json_fields}
    rows = queryset.annotate(**texts).values_list(key, *fields, *texts)
    names = [key, *fields, *json_fields]
    return {row[0]: dict(zip(names, row, strict=True)) for row in rows}


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
        desired = {
            "name": row.name,
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


# ---------------------------------------------------------------------------------------------
# Communes referenced by the other files
# ---------------------------------------------------------------------------------------------


class CommuneIndex:
    """Current communes and their former codes, loaded with one query.

    Official QPV and ZRR lists are keyed by the commune codes of their year; a commune merged
    since then is found through its former codes.
    """

    def __init__(self):
        self.positions: dict[str, tuple[float | None, float | None]] = {}
        self.former: dict[str, set[str]] = defaultdict(set)
        rows = _existing_rows(
            Commune.objects.all(), "code", ["latitude", "longitude"], ["former_codes"]
        )
        for code, row in rows.items():
            self.positions[code] = (row["latitude"], row["longitude"])
            if row["former_codes"] != "[]":
                for former in json.loads(row["former_codes"]):
                    self.former[former].add(code)

    def resolve(self, code: str, where: Where) -> str:
        if code in self.positions:
            return code
        targets = self.former.get(code, set())
        if len(targets) == 1:
            return next(iter(targets))
        if targets:
            raise where.error(
                _("ancien code commune %(code)s ambigu (devenu %(targets)s)")
                % {"code": _quote(code), "targets": ", ".join(sorted(targets))}
            )
        raise where.error(_("commune %(code)s inconnue") % {"code": _quote(code)})


def _origin(source: str) -> str:
    # A sample row says so in its source column; anything else comes from an official file.
    if source.casefold().startswith("illustratif"):
        return DataOrigin.ILLUSTRATIVE
    return DataOrigin.OFFICIAL


# ---------------------------------------------------------------------------------------------
# Positions
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class PositionRow:
    where: Where
    code: str
    latitude: float
    longitude: float


def _parse_coordinate(value: str, where: Where, column: str, limit: int) -> float:
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and -limit <= number <= limit):
        raise where.error(
            _("%(column)s %(value)s invalide (nombre entre -%(limit)d et %(limit)d)")
            % {"column": column, "value": _quote(value), "limit": limit}
        )
    return number


def parse_positions(path: Path) -> list[PositionRow]:
    """`code_insee,latitude,longitude[,source]`, decimal degrees (WGS 84)."""
    rows = []
    for where, r in read_csv(path, ["code_insee", "latitude", "longitude"]):
        _check_commune_code(r["code_insee"], where)
        rows.append(
            PositionRow(
                where,
                r["code_insee"],
                _parse_coordinate(r["latitude"], where, "latitude", 90),
                _parse_coordinate(r["longitude"], where, "longitude", 180),
            )
        )
    return rows


def apply_positions(
    rows: list[PositionRow], index: CommuneIndex, *, progress: ProgressFactory = no_progress
) -> Counts:
    plan = _Plan(Commune, Counts("positions", _("Positions des communes")))
    seen: dict[str, Where] = {}
    for row in rows:
        code = index.resolve(row.code, row.where)
        if code in seen:
            raise row.where.error(
                _("commune %(code)s en double (déjà ligne %(line)d)")
                % {"code": _quote(code), "line": seen[code].line}
            )
        seen[code] = row.where
        latitude, longitude = index.positions[code]
        plan.add(
            {"code": code},
            {"code": code, "latitude": latitude, "longitude": longitude},
            {"latitude": row.latitude, "longitude": row.longitude},
        )
    plan.save(progress)
    return plan.counts


# ---------------------------------------------------------------------------------------------
# QPV
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class QpvRow:
    where: Where
    code: str
    name: str
    commune: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    source: str


QPV_COLUMNS = ["code_qp", "lib_qp", "insee_com", "date_debut", "date_fin", "source"]
# What every row of one QPV must repeat identically: attribute, column.
QPV_ATTRIBUTES = (
    ("name", "lib_qp"),
    ("valid_from", "date_debut"),
    ("valid_until", "date_fin"),
    ("source", "source"),
)


def parse_qpv(path: Path) -> list[QpvRow]:
    """One row per QPV × commune: `code_qp,lib_qp,insee_com,date_debut,date_fin,source`."""
    rows = []
    for where, r in read_csv(path, ["code_qp", "lib_qp", "insee_com"]):
        code = r["code_qp"].upper()
        if not is_qpv_code(code):
            raise where.error(
                _("code QPV %(code)s invalide (forme QN07501M, ou QP075001 avant 2024)")
                % {"code": _quote(r["code_qp"])}
            )
        if not r["lib_qp"]:
            raise where.error(_("nom du QPV manquant"))
        _check_commune_code(r["insee_com"], where)
        row = QpvRow(
            where,
            code,
            r["lib_qp"],
            r["insee_com"],
            parse_optional_date(r.get("date_debut", ""), where, "date_debut"),
            parse_optional_date(r.get("date_fin", ""), where, "date_fin"),
            r.get("source", ""),
        )
        _check_period(row.valid_from, row.valid_until, where)
        rows.append(row)
    return rows


def _check_period(start: datetime.date | None, end: datetime.date | None, where: Where) -> None:
    if start is not None and end is not None and end < start:
        raise where.error(
            _("date_fin %(end)s antérieure à date_debut %(start)s")
            % {"end": _quote(end), "start": _quote(start)}
        )


def apply_qpv(
    rows: list[QpvRow], index: CommuneIndex, *, progress: ProgressFactory = no_progress
) -> Counts:
    """Create or update each QPV of the file and set its communes to those the file lists."""
    qpvs: dict[str, QpvRow] = {}
    communes: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        first = qpvs.setdefault(row.code, row)
        for attribute, column in QPV_ATTRIBUTES:
            if getattr(first, attribute) != getattr(row, attribute):
                raise row.where.error(
                    _("le QPV %(code)s a un autre %(column)s ligne %(line)d")
                    % {"code": _quote(row.code), "column": column, "line": first.where.line}
                )
        communes[row.code].add(index.resolve(row.commune, row.where))

    # All of them (about 1 600 QPV, 2 000 links): a filter on the file's codes could exceed
    # SQLite's limit on query parameters.
    fields = ("code", "name", "valid_from", "valid_until", "origin", "source")
    existing = {q["code"]: q for q in Qpv.objects.values(*fields)}
    Link = Qpv.communes.through
    links: dict[str, set[str]] = defaultdict(set)
    for qpv_id, commune_id in Link.objects.values_list("qpv_id", "commune_id"):
        links[qpv_id].add(commune_id)

    plan = _Plan(Qpv, Counts("qpv", _("QPV")))
    new_links: list[models.Model] = []
    stale_links: dict[str, set[str]] = {}
    for code, row in qpvs.items():
        desired = {
            "name": row.name,
            "valid_from": row.valid_from,
            "valid_until": row.valid_until,
            "origin": _origin(row.source),
            "source": row.source,
        }
        added, removed = communes[code] - links[code], links[code] - communes[code]
        new_links += [Link(qpv_id=code, commune_id=commune) for commune in sorted(added)]
        if removed:
            stale_links[code] = removed
        outcome = plan.add({"code": code}, existing.get(code), desired)
        if outcome == "unchanged" and (added or removed):
            plan.counts.unchanged -= 1
            plan.counts.updated += 1
    plan.save(progress)
    Link.objects.bulk_create(new_links, batch_size=BATCH_SIZE)
    for qpv_id, commune_ids in stale_links.items():
        Link.objects.filter(qpv_id=qpv_id, commune_id__in=commune_ids).delete()
    plan.counts.kept = len(existing.keys() - qpvs.keys())
    return plan.counts


# ---------------------------------------------------------------------------------------------
# ZRR / FRR
# ---------------------------------------------------------------------------------------------

RURAL_STATUSES = {
    "c": RuralStatus.CLASSIFIED,
    "classee": RuralStatus.CLASSIFIED,
    "classée": RuralStatus.CLASSIFIED,
    "classée en totalité": RuralStatus.CLASSIFIED,
    "p": RuralStatus.PARTLY_CLASSIFIED,
    "partiellement": RuralStatus.PARTLY_CLASSIFIED,
    "partiellement classée": RuralStatus.PARTLY_CLASSIFIED,
    "partiellement classee": RuralStatus.PARTLY_CLASSIFIED,
    "n": RuralStatus.NOT_CLASSIFIED,
    "non": RuralStatus.NOT_CLASSIFIED,
    "non classée": RuralStatus.NOT_CLASSIFIED,
    "non classee": RuralStatus.NOT_CLASSIFIED,
}


@dataclass(slots=True)
class RuralRow:
    where: Where
    commune: str
    scheme: str
    status: str
    valid_from: datetime.date
    valid_until: datetime.date | None
    source: str


RURAL_COLUMNS = ["insee_com", "dispositif", "classement", "date_debut", "date_fin", "source"]


def parse_rural(path: Path) -> list[RuralRow]:
    """`insee_com,dispositif,classement,date_debut,date_fin,source`.

    dispositif: `zrr` or `frr`; classement: `C`/`P`/`N` or `classée`/`partiellement`/`non`.
    """
    rows = []
    for where, r in read_csv(path, ["insee_com", "dispositif", "classement", "date_debut"]):
        _check_commune_code(r["insee_com"], where)
        scheme = r["dispositif"].lower()
        if scheme not in RuralScheme.values:
            raise where.error(
                _("dispositif %(value)s inconnu (zrr ou frr)") % {"value": _quote(r["dispositif"])}
            )
        status = RURAL_STATUSES.get(r["classement"].strip().lower())
        if status is None:
            raise where.error(
                _("classement %(value)s inconnu (C, P, N ou classée, partiellement, non)")
                % {"value": _quote(r["classement"])}
            )
        if not r["date_debut"]:
            raise where.error(_("date_debut manquante"))
        row = RuralRow(
            where,
            r["insee_com"],
            scheme,
            status,
            parse_date(r["date_debut"], where, "date_debut"),
            parse_optional_date(r.get("date_fin", ""), where, "date_fin"),
            r.get("source", ""),
        )
        _check_period(row.valid_from, row.valid_until, where)
        rows.append(row)
    return rows


def apply_rural(
    rows: list[RuralRow], index: CommuneIndex, *, progress: ProgressFactory = no_progress
) -> Counts:
    counts = Counts("rural", _("Zonages ruraux (ZRR/FRR)"))
    merged: dict[tuple, dict] = {}
    origins: dict[tuple, dict[str, Where]] = {}  # key → {code as written: where}
    for row in rows:
        commune = index.resolve(row.commune, row.where)
        key = (commune, row.scheme, row.valid_from)
        desired = {
            "status": row.status,
            "valid_until": row.valid_until,
            "origin": _origin(row.source),
            "source": row.source,
        }
        first = merged.get(key)
        if first is None:
            merged[key] = desired
            origins[key] = {row.commune: row.where}
            continue
        # Two rows for one commune and period: a duplicate if they give the same code, else
        # former communes merged since the list was drawn up. Classified and unclassified parts
        # make a partly classified commune.
        if row.commune in origins[key]:
            raise row.where.error(
                _(
                    "commune %(code)s en double pour ce dispositif et cette date "
                    "(déjà ligne %(line)d)"
                )
                % {"code": _quote(row.commune), "line": origins[key][row.commune].line}
            )
        origins[key][row.commune] = row.where
        if first["status"] != row.status:
            first["status"] = RuralStatus.PARTLY_CLASSIFIED
        counts.skipped[_("anciennes communes regroupées")] += 1

    periods: dict[str, list[tuple]] = defaultdict(list)
    for key, desired in merged.items():
        commune, _scheme, start = key
        periods[commune].append(
            (start, desired["valid_until"], min(origins[key].values(), key=lambda w: w.line))
        )
    for commune, spans in periods.items():
        spans.sort(key=lambda span: span[0])
        for (_start, end, where), (next_start, _end, next_where) in itertools.pairwise(spans):
            if end is None or end >= next_start:
                raise next_where.error(
                    _("période qui chevauche celle de la ligne %(line)d pour la commune %(code)s")
                    % {"line": where.line, "code": _quote(commune)}
                )

    fields = (
        "id",
        "commune_id",
        "scheme",
        "valid_from",
        "status",
        "valid_until",
        "origin",
        "source",
    )
    existing = {
        (z["commune_id"], z["scheme"], z["valid_from"]): z
        for z in RuralZoning.objects.values(*fields)
    }
    plan = _Plan(RuralZoning, counts)
    key_fields = ("commune_id", "scheme", "valid_from")
    for key, desired in merged.items():
        plan.add(dict(zip(key_fields, key, strict=True)), existing.get(key), desired)
    plan.save(progress)
    counts.kept = len(existing.keys() - merged.keys())
    return counts


# ---------------------------------------------------------------------------------------------
# Everything at once
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class ImportSources:
    """The files to import; None leaves that kind of data alone."""

    cog_dir: Path | None = None
    communes_json: Path | None = None
    qpv: Path | None = None
    rural: Path | None = None
    positions: Path | None = None

    @classmethod
    def shipped(cls) -> ImportSources:
        """The reference data shipped with Lanterne (full COG, samples of the rest)."""
        return cls(
            cog_dir=SHIPPED_COG_DIR,
            qpv=SHIPPED_QPV,
            rural=SHIPPED_RURAL,
            positions=SHIPPED_POSITIONS,
        )

    @property
    def empty(self) -> bool:
        return not any((self.cog_dir, self.communes_json, self.qpv, self.rural, self.positions))


@transaction.atomic
def import_territories(
    sources: ImportSources, *, progress: ProgressFactory = no_progress
) -> ImportReport:
    """Parse every file first, then apply them in order, all in one transaction."""
    report = ImportReport()
    cog = None
    if sources.cog_dir:
        cog = parse_cog_dir(sources.cog_dir)
    elif sources.communes_json:
        cog = parse_etalab_json(sources.communes_json)
    positions = parse_positions(sources.positions) if sources.positions else None
    qpv = parse_qpv(sources.qpv) if sources.qpv else None
    rural = parse_rural(sources.rural) if sources.rural else None

    if cog is not None:
        report.sources.append(cog.description)
        report.counts += apply_cog(cog, progress=progress)
    if positions is None and qpv is None and rural is None:
        return report
    index = CommuneIndex()
    if positions is not None:
        report.sources.append(str(sources.positions))
        report.counts.append(apply_positions(positions, index, progress=progress))
    if qpv is not None:
        report.sources.append(str(sources.qpv))
        report.counts.append(apply_qpv(qpv, index, progress=progress))
    if rural is not None:
        report.sources.append(str(sources.rural))
        report.counts.append(apply_rural(rural, index, progress=progress))
    return report
