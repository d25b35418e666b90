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
- INSEE's *mouvements des communes* (`v_mvt_commune_YYYY.csv`): former names and codes;
- the COG's delegated and associated communes (in `v_commune_YYYY.csv`, the package's
  communes.json, or the shipped `communes_deleguees.csv.gz`): former names too;
- the documented CSVs for QPV, ZRR/FRR and commune positions (see `data/README.md`).

Modules: `codes` (shapes of official codes), `files` (shipped files, errors with their line,
readers), `cog`, `mouvements`, `positions` and `zonings` (parse and apply each kind of file),
`delegated` (the COG's delegated communes as former names), `index` (the communes the other
files name), `bulk` (batched writes), `report` (counts and progress).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .codes import (
    departement_of,
    is_commune_code,
    is_departement_code,
    is_qpv_code,
    is_region_code,
)
from .cog import apply_cog, parse_cog_dir, parse_etalab_json
from .delegated import apply_delegated
from .files import (
    SHIPPED_COG_DIR,
    SHIPPED_MOUVEMENTS,
    SHIPPED_POSITIONS,
    SHIPPED_QPV,
    SHIPPED_RURAL,
    ImportFileError,
)
from .index import CommuneIndex
from .mouvements import apply_mouvements, parse_mouvements
from .positions import apply_positions, parse_positions
from .report import ImportReport, ProgressFactory, no_progress
from .zonings import apply_qpv, apply_rural, parse_qpv, parse_rural

__all__ = [
    "SHIPPED_COG_DIR",
    "SHIPPED_MOUVEMENTS",
    "SHIPPED_POSITIONS",
    "SHIPPED_QPV",
    "SHIPPED_RURAL",
    "ImportFileError",
    "ImportReport",
    "ImportSources",
    "departement_of",
    "import_territories",
    "is_commune_code",
    "is_departement_code",
    "is_qpv_code",
    "is_region_code",
]


@dataclass(slots=True)
class ImportSources:
    """The files to import; None leaves that kind of data alone."""

    cog_dir: Path | None = None
    communes_json: Path | None = None
    mouvements: Path | None = None
    qpv: Path | None = None
    rural: Path | None = None
    positions: Path | None = None

    @classmethod
    def shipped(cls) -> ImportSources:
        """The reference data shipped with Lanterne (full COG, samples of the rest)."""
        return cls(
            cog_dir=SHIPPED_COG_DIR,
            mouvements=SHIPPED_MOUVEMENTS,
            qpv=SHIPPED_QPV,
            rural=SHIPPED_RURAL,
            positions=SHIPPED_POSITIONS,
        )

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.cog_dir,
                self.communes_json,
                self.mouvements,
                self.qpv,
                self.rural,
                self.positions,
            )
        )


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
    mouvements = parse_mouvements(sources.mouvements) if sources.mouvements else None
    positions = parse_positions(sources.positions) if sources.positions else None
    qpv = parse_qpv(sources.qpv) if sources.qpv else None
    rural = parse_rural(sources.rural) if sources.rural else None

    if cog is not None:
        report.sources.append(cog.description)
        report.counts += apply_cog(cog, progress=progress)
    if mouvements is not None:
        # After the COG: former communes are attached to today's communes.
        report.sources.append(mouvements.description)
        report.counts.append(apply_mouvements(mouvements, progress=progress))
    if cog is not None and cog.delegated:
        # After the mouvements, which take precedence for a code they know.
        report.counts.append(apply_delegated(cog.delegated, progress=progress))
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
