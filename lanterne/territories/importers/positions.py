"""The positions of communes (latitude, longitude)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from ..models import Commune
from .bulk import _Plan
from .files import Where, _check_commune_code, _quote, read_csv
from .index import CommuneIndex
from .report import Counts, ProgressFactory, no_progress


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
