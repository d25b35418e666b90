"""The shapes of official codes: régions, départements, communes, QPV."""

from __future__ import annotations

import re

from ..enums import CommuneKind, Zone

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
