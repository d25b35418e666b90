"""The COG's communes déléguées and associées, as former names of the commune they are part of.

Annecy-le-Vieux (74011) is a commune déléguée of Annecy (74010): typing its name or its code
leads to Annecy. Each one becomes a `FormerCommune` row (its code, its name, its parent) with no
date (`ended_on` empty), unless:

- it bears its parent's name (Annecy, commune déléguée of Annecy), or that of the commune of
  today with its code: searching that name already finds the commune;
- the mouvements des communes already gave a former commune of that code to that parent (a row
  with a date). The mouvements take precedence: they give the name the commune had when it was
  absorbed, its date, and every name it bore; the COG only gives the name of the part today.
  `apply_mouvements` likewise turns a row of this step into its own (one row per code and
  commune, whichever file is imported first).
"""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from ..models import Commune, FormerCommune
from ..search import search_key
from .bulk import _no_duplicates, _Plan
from .cog import DelegatedRow
from .report import Counts, ProgressFactory, no_progress


def apply_delegated(rows: list[DelegatedRow], *, progress: ProgressFactory = no_progress) -> Counts:
    _no_duplicates(rows, lambda d: (d.code, d.parent), _("commune déléguée ou associée"))
    counts = Counts(
        "delegated_communes",
        _("Anciens noms (communes déléguées ou associées)"),
        skipped=Counter(),
    )
    communes = dict(Commune.objects.values_list("code", "search_name"))
    existing = {}
    from_mouvements: set[tuple[str, str]] = set()
    for former in FormerCommune.objects.values(
        "id", "commune_id", "code", "name", "search_name", "ended_on"
    ):
        if former["ended_on"] is None:
            existing[(former["commune_id"], former["code"], former["name"])] = former
        else:
            from_mouvements.add((former["commune_id"], former["code"]))

    plan = _Plan(FormerCommune, counts)
    seen = set()
    for row in rows:
        key = search_key(row.name)
        if key == communes.get(row.parent) or key == communes.get(row.code):
            counts.skipped[_("même nom que la commune d'aujourd'hui")] += 1
            continue
        if (row.parent, row.code) in from_mouvements:
            counts.skipped[_("déjà connues par les mouvements des communes")] += 1
            continue
        identity = (row.parent, row.code, row.name)
        seen.add(identity)
        plan.add(
            {"commune_id": row.parent, "code": row.code, "name": row.name},
            existing.get(identity),
            {"search_name": key, "ended_on": None},
        )
    counts.kept = len(existing.keys() - seen)
    plan.save(progress)
    return counts
