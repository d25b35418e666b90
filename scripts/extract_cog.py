#!/usr/bin/env python3
"""Write the territories shipped with Lanterne from the `@etalab/decoupage-administratif` package.

The package republishes INSEE's *Code officiel géographique* (Licence Ouverte 2.0) as JSON, with
population, postal codes, former codes and SIREN added. This script keeps what Lanterne stores and
writes it in the compact format that `manage.py import_territories` reads:

    regions.csv         code,name,zone,chef_lieu
    departements.csv    code,name,region,zone,chef_lieu
    communes.csv.gz     code,name,kind,departement,region,parent,population,postal_codes,
                        former_codes,siren
    communes_deleguees.csv.gz
                        code,name,kind,parent

Usage (standard library only):

    cd /tmp && npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-*.tgz
    python scripts/extract_cog.py --package /tmp/package

Rules applied:
- `commune-actuelle` rows are communes, `arrondissement-municipal` rows are municipal
  arrondissements whose parent is the package's `commune` field;
- `commune-deleguee` / `commune-associee` rows are not communes of their own: their code, when it
  differs from their chef-lieu's, is added to the chef-lieu's former codes, and each is written to
  `communes_deleguees.csv.gz` with its name, its kind (`deleguee` or `associee`) and its chef-lieu
  (`parent`), from which the importer makes former names of the chef-lieu;
- the overseas collectivities (zone `com`: Saint-Pierre-et-Miquelon, Saint-Barthélemy,
  Saint-Martin, TAAF, Wallis-et-Futuna, Polynésie française, Nouvelle-Calédonie, Clipperton) are
  left out, as in INSEE's `v_region` / `v_departement` / `v_commune` files.

The gzip file is written with a fixed timestamp so that regenerating from the same package gives
byte-identical files (and an empty git diff).
"""

import argparse
import csv
import gzip
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "lanterne" / "territories" / "data" / "cog"
EXPECTED_PACKAGE = "@etalab/decoupage-administratif"

REGION_COLUMNS = ["code", "name", "zone", "chef_lieu"]
DEPARTEMENT_COLUMNS = ["code", "name", "region", "zone", "chef_lieu"]
COMMUNE_COLUMNS = [
    "code",
    "name",
    "kind",
    "departement",
    "region",
    "parent",
    "population",
    "postal_codes",
    "former_codes",
    "siren",
]
DELEGATED_COLUMNS = ["code", "name", "kind", "parent"]
DELEGATED_KINDS = {"commune-deleguee": "deleguee", "commune-associee": "associee"}
KEPT_ZONES = {"metro", "drom"}


def load(package: Path, name: str):
    with (package / "data" / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def extract(package: Path) -> dict:
    """Return the rows to write, as lists of dicts keyed by the output columns."""
    regions = [
        {"code": r["code"], "name": r["nom"], "zone": r["zone"], "chef_lieu": r.get("chefLieu", "")}
        for r in load(package, "regions.json")
        if r["zone"] in KEPT_ZONES
    ]
    departements = [
        {
            "code": d["code"],
            "name": d["nom"],
            "region": d["region"],
            "zone": d["zone"],
            "chef_lieu": d.get("chefLieu", ""),
        }
        for d in load(package, "departements.json")
        if d["zone"] in KEPT_ZONES
    ]

    current: dict[str, dict] = {}
    former: dict[str, set[str]] = {}
    delegated = []
    skipped = {"collectivité d'outre-mer": 0, "commune déléguée ou associée": 0}
    for item in load(package, "communes.json"):
        if item.get("zone") not in KEPT_ZONES:
            skipped["collectivité d'outre-mer"] += 1
            continue
        kind = item["type"]
        if kind in DELEGATED_KINDS:
            skipped["commune déléguée ou associée"] += 1
            delegated.append(item)
            continue
        if kind not in ("commune-actuelle", "arrondissement-municipal"):
            raise SystemExit(f"Type de commune inattendu : {kind!r} ({item['code']})")
        is_arrondissement = kind == "arrondissement-municipal"
        current[item["code"]] = {
            "code": item["code"],
            "name": item["nom"],
            "kind": "arrondissement" if is_arrondissement else "commune",
            "departement": item["departement"],
            "region": item["region"],
            "parent": item["commune"] if is_arrondissement else "",
            "population": item.get("population", ""),
            "postal_codes": " ".join(sorted(set(item.get("codesPostaux", [])))),
            "siren": item.get("siren", ""),
        }
        former[item["code"]] = set(item.get("anciensCodes", []))

    delegated_rows = []
    for item in delegated:
        parent = item.get("chefLieu") or item.get("commune")
        if parent not in current:
            raise SystemExit(f"Commune déléguée {item['code']} : chef-lieu {parent!r} introuvable")
        if item["code"] != parent:
            former[parent].add(item["code"])
        delegated_rows.append(
            {
                "code": item["code"],
                "name": item["nom"],
                "kind": DELEGATED_KINDS[item["type"]],
                "parent": parent,
            }
        )

    communes = []
    for code in sorted(current):
        row = current[code]
        row["former_codes"] = " ".join(sorted(former[code] - {code}))
        communes.append(row)
    return {
        "regions": regions,
        "departements": departements,
        "communes": communes,
        "delegated": sorted(delegated_rows, key=lambda d: (d["code"], d["parent"], d["name"])),
        "skipped": skipped,
    }


def to_csv(rows: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write(extracted: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    regions = sorted(extracted["regions"], key=lambda r: r["code"])
    departements = sorted(extracted["departements"], key=lambda d: d["code"])
    (out / "regions.csv").write_text(to_csv(regions, REGION_COLUMNS), encoding="utf-8")
    (out / "departements.csv").write_text(
        to_csv(departements, DEPARTEMENT_COLUMNS), encoding="utf-8"
    )
    write_gzip(out / "communes.csv.gz", to_csv(extracted["communes"], COMMUNE_COLUMNS))
    write_gzip(out / "communes_deleguees.csv.gz", to_csv(extracted["delegated"], DELEGATED_COLUMNS))


def write_gzip(path: Path, text: str) -> None:
    """Gzip with a fixed timestamp and inner name: the same text gives the same bytes."""
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename=path.stem, mode="wb", fileobj=raw, mtime=0) as handle,
    ):
        handle.write(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--package",
        type=Path,
        default=Path("/tmp/etalab/package"),
        help="dossier du paquet npm décompressé (contenant package.json et data/)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="dossier de sortie")
    args = parser.parse_args(argv)

    meta = json.loads((args.package / "package.json").read_text(encoding="utf-8"))
    if meta.get("name") != EXPECTED_PACKAGE:
        raise SystemExit(f"{args.package} n'est pas le paquet {EXPECTED_PACKAGE}")
    extracted = extract(args.package)
    write(extracted, args.out)

    kinds = {"commune": 0, "arrondissement": 0}
    for row in extracted["communes"]:
        kinds[row["kind"]] += 1
    print(
        f"{meta['name']}@{meta['version']} → {args.out}: "
        f"{len(extracted['regions'])} régions, {len(extracted['departements'])} départements, "
        f"{kinds['commune']} communes, {kinds['arrondissement']} arrondissements municipaux, "
        f"{len(extracted['delegated'])} communes déléguées ou associées (à part); "
        + ", ".join(f"{n} écartées ({why})" for why, n in extracted["skipped"].items()),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
