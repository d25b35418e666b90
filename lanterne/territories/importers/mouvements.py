"""INSEE's *mouvements des communes* (`v_mvt_commune_AAAA.csv`): the names and codes each
commune of today had, and those of the communes it absorbed since 1943.

Each line of the file is one arrow of an event: the commune before (`*_AV`) → a commune after
(`*_AP`), with the event's kind (`MOD`) and date (`DATE_EFF`). A merger of A and B into A is
A → A and B → A (with, for a commune nouvelle, A → delegated A and B → delegated B); a change
of name is A (old name) → A (new name); a change of code or of département is A → A'; a
restoration (`21`) is A → A and A → B.

The events are replayed in the order of their dates, carrying along, for every commune that
exists at that point, the (code, name) pairs it has taken over. A commune that becomes another
hands them on; one that stays itself keeps them, except those of a commune restored from it,
which go back to that commune. What is carried by today's communes at the end is stored as
`FormerCommune` rows. Only communes and municipal arrondissements are followed: delegated and
associated communes are parts of a commune, not communes (their own code and name were
carried when they were absorbed). A row of the COG's delegated communes (no date, see
`delegated`) for the same code and commune is taken over: the mouvements take precedence.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from django.utils.translation import gettext as _

from ..models import Commune, FormerCommune
from ..search import search_key
from .bulk import _Plan
from .codes import FORMER_COMMUNE_CODE_RE
from .files import Where, _quote, parse_date, read_csv
from .report import Counts, ProgressFactory, no_progress

COLUMNS = [
    "mod",
    "date_eff",
    "typecom_av",
    "com_av",
    "tncc_av",
    "ncc_av",
    "nccenr_av",
    "libelle_av",
    "typecom_ap",
    "com_ap",
    "tncc_ap",
    "ncc_ap",
    "nccenr_ap",
    "libelle_ap",
]
# Communes and municipal arrondissements are followed; delegated and associated communes are not.
FOLLOWED_KINDS = frozenset({"COM", "ARM"})
KINDS = FOLLOWED_KINDS | {"COMD", "COMA"}
_MOD_RE = re.compile(r"\d{2}", re.ASCII)


@dataclass(frozen=True, slots=True)
class Movement:
    """One line of the file: `before` → `after` in the event of kind `mod` on `date`."""

    where: Where
    mod: str
    date: datetime.date
    kind_before: str
    code_before: str
    name_before: str
    kind_after: str
    code_after: str
    name_after: str


@dataclass
class MouvementsData:
    description: str
    movements: list[Movement]
    skipped: Counter = field(default_factory=Counter)


def parse_mouvements(path: Path) -> MouvementsData:
    """The official CSV (comma, quoted or not, UTF-8), every line checked."""
    movements: list[Movement] = []
    skipped: Counter = Counter()
    for where, row in read_csv(path, COLUMNS):
        if not _MOD_RE.fullmatch(row["mod"]):
            raise where.error(
                _("type d'événement (MOD) %(mod)s invalide (2 chiffres)")
                % {"mod": _quote(row["mod"])}
            )
        date = parse_date(row["date_eff"], where, "DATE_EFF")
        sides = {}
        for side in ("av", "ap"):
            kind, code = row[f"typecom_{side}"].upper(), row[f"com_{side}"].upper()
            if kind not in KINDS:
                raise where.error(
                    _("type de commune %(kind)s inconnu (COM, COMD, COMA, ARM)")
                    % {"kind": _quote(kind)}
                )
            if not FORMER_COMMUNE_CODE_RE.fullmatch(code):
                raise where.error(
                    _("%(label)s %(code)s invalide (5 caractères : 01001, 2A004, 97311)")
                    % {"label": _("code commune"), "code": _quote(code)}
                )
            # LIBELLE is the name with its article ("La Glacerie"); NCCENR lacks it.
            name = row[f"libelle_{side}"] or row[f"nccenr_{side}"]
            if not name:
                raise where.error(_("nom de commune manquant"))
            sides[side] = (kind, code, name)
        movement = Movement(where, row["mod"], date, *sides["av"], *sides["ap"])
        if movement.kind_before in FOLLOWED_KINDS and movement.kind_after in FOLLOWED_KINDS:
            movements.append(movement)
        else:
            skipped[_("lignes sur des communes déléguées ou associées")] += 1
    return MouvementsData(
        description=_("mouvements des communes de l'INSEE (%(file)s)") % {"file": path.name},
        movements=movements,
        skipped=skipped,
    )


# (code, name) of a former commune → the date of the event where it stopped being one.
History = dict[tuple[str, str], datetime.date]


def _merge(into: History, items: History) -> None:
    for identity, day in items.items():
        if identity not in into or into[identity] < day:
            into[identity] = day


def follow_movements(movements: list[Movement]) -> dict[str, History]:
    """{code of a commune after the last event: the (code, name) it took over, with dates}.

    Events of one date and kind are applied together, all their lines read before any is
    applied, so that the order of lines in the file does not matter.
    """
    history: dict[str, History] = defaultdict(dict)
    ordered = sorted(movements, key=lambda m: (m.date, m.mod))
    for (date, _mod), group in groupby(ordered, key=lambda m: (m.date, m.mod)):
        lines = list(group)
        targets: dict[str, set[str]] = defaultdict(set)
        names: dict[str, str] = {}
        after = {(m.code_after, m.name_after) for m in lines}
        for m in lines:
            targets[m.code_before].add(m.code_after)
            names[m.code_before] = m.name_before
        handed: dict[str, History] = defaultdict(dict)
        for code, successors in targets.items():
            items = history.pop(code, {})
            if (code, names[code]) not in after:
                _merge(items, {(code, names[code]): date})
            if code in successors:
                # It stays itself: a commune restored from it takes back its own past.
                for restored in successors - {code}:
                    back = {
                        identity: day for identity, day in items.items() if identity[0] == restored
                    }
                    for identity in back:
                        del items[identity]
                    _merge(handed[restored], back)
                _merge(handed[code], items)
            else:
                for successor in successors:
                    _merge(handed[successor], items)
        for code, items in handed.items():
            _merge(history[code], items)
    return {code: items for code, items in history.items() if items}


def apply_mouvements(data: MouvementsData, *, progress: ProgressFactory = no_progress) -> Counts:
    counts = Counts("former_communes", _("Anciennes communes"), skipped=Counter(data.skipped))
    communes = dict(Commune.objects.values_list("code", "search_name"))
    existing = {}
    # Rows without a date come from the COG's delegated communes (`apply_delegated`): the first
    # former commune of the same code and commune found here takes such a row over.
    delegated = {}
    for row in FormerCommune.objects.values(
        "id", "commune_id", "code", "name", "search_name", "ended_on"
    ):
        if row["ended_on"] is None:
            delegated[(row["commune_id"], row["code"])] = row
        else:
            existing[(row["commune_id"], row["code"], row["name"])] = row
    plan = _Plan(FormerCommune, counts)
    seen = set()
    for commune, items in sorted(follow_movements(data.movements).items()):
        key_of_commune = communes.get(commune)
        for (code, name), ended_on in sorted(items.items()):
            key = search_key(name)
            if code in communes and communes[code] == key:
                # Today's commune of that code and name (itself, or one restored since).
                continue
            if key_of_commune is None:
                counts.skipped[
                    _("anciennes communes dont la commune d'aujourd'hui n'est pas en base")
                ] += 1
                continue
            identity = (commune, code, name)
            seen.add(identity)
            current = existing.get(identity) or delegated.pop((commune, code), None)
            plan.add(
                {"commune_id": commune, "code": code},
                current,
                {"name": name, "search_name": key, "ended_on": ended_on},
            )
    counts.kept = len(existing.keys() - seen)
    plan.save(progress)
    return counts
