"""Communes referenced by the other files (positions, QPV, ZRR/FRR), old codes included."""

from __future__ import annotations

import json
from collections import defaultdict

from django.utils.translation import gettext as _

from ..enums import DataOrigin
from ..models import Commune, FormerCommune
from .bulk import _existing_rows
from .files import Where, _quote


class CommuneIndex:
    """Current communes and their former codes, loaded with two queries.

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
        # Codes only known from the mouvements des communes.
        for former, code in FormerCommune.objects.values_list("code", "commune_id"):
            if former != code:
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
