"""Priority zonings: QPV and ZRR/FRR, with their periods."""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from ..enums import RuralScheme, RuralStatus
from ..models import Qpv, RuralZoning
from .bulk import BATCH_SIZE, _Plan
from .codes import is_qpv_code
from .files import Where, _check_commune_code, _quote, parse_date, parse_optional_date, read_csv
from .index import CommuneIndex, _origin
from .report import Counts, ProgressFactory, no_progress


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
    new_links: list[tuple[str, str]] = []  # (QPV code, commune code)
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
        new_links += [(code, commune) for commune in sorted(added)]
        if removed:
            stale_links[code] = removed
        outcome = plan.add({"code": code}, existing.get(code), desired)
        if outcome == "unchanged" and (added or removed):
            plan.counts.unchanged -= 1
            plan.counts.updated += 1
    plan.save(progress)
    Link.objects.bulk_create(
        [Link(qpv_id=qpv_id, commune_id=commune_id) for qpv_id, commune_id in new_links],
        batch_size=BATCH_SIZE,
    )
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
