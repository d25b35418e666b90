"""Reads of the reference data that pages and the API share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .models import Commune, FormerCommune
from .search import search_key

_COMMUNE_CODE = re.compile(r"^(?:[0-9]{5}|2[AB][0-9]{3})$", re.IGNORECASE)
# A département's code as the suggestions show it ("31", "2A", "974"), loosely: a name in
# parentheses that is not one ("Château-Chinon (Ville)") is read again as part of the name.
_DEPARTEMENT_CODE = re.compile(r"^[0-9A-Z]{1,3}$", re.IGNORECASE)
# "Toulouse (31)", "Toulouse (31555)", "Château-Chinon (Ville) (58)": the last parenthesis.
_WITH_CODE = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[^()]*)\)\s*$")
# How many homonyms or near names an error message names.
NAMED_CANDIDATES = 5


@dataclass
class CommuneMatch:
    """What a typed commune reads as: one `commune`, or the `candidates` it could be."""

    text: str
    commune: Commune | None = None
    candidates: list[Commune] = field(default_factory=list)
    # True when several communes bear exactly the typed name.
    ambiguous: bool = False


def commune_from_text(text: str) -> CommuneMatch:
    """The commune someone typed, as its suggestion reads ("Toulouse (31)"), "Name (INSEE
    code)", an INSEE code (current or former: a merged commune's code gives the commune it
    joined) or a name borne by a single commune, written with or without accents; a former
    name that no current commune bears gives the commune that took it over.

    Each step is one indexed query; a name that matches nothing brings its nearest names as
    candidates.
    """
    text = " ".join((text or "").split())
    match = CommuneMatch(text)
    if not text:
        return match
    name, code = text, ""
    parts = _WITH_CODE.match(text)
    if parts and (
        _COMMUNE_CODE.match(parts["code"].strip()) or _DEPARTEMENT_CODE.match(parts["code"].strip())
    ):
        name, code = parts["name"], parts["code"].strip().upper()
    elif _COMMUNE_CODE.match(text):
        name, code = "", text.upper()
    communes = Commune.objects.select_related("departement")
    if len(code) == 5:
        match.commune = communes.by_code(code)
        if match.commune is not None or not name:
            return match
        code = ""
    key = search_key(name)
    if not key:
        return match
    named = communes.filter(search_name=key)
    found = []
    if code:
        found = list(named.filter(departement_id=code)[:1])
        if not found:
            named = communes.filter(search_name=search_key(text))
    if not found:
        found = list(named.order_by("departement_id")[: NAMED_CANDIDATES + 1])
    if not found:
        # A former name ("Annecy-le-Vieux", "Annecy-le-Vieux (74)") gives today's commune.
        former = communes.filter(
            pk__in=FormerCommune.objects.filter(search_name=key).values("commune_id")
        )
        if code:
            former = former.filter(departement_id=code)
        found = list(former.order_by("departement_id", "code")[: NAMED_CANDIDATES + 1])
    if len(found) == 1:
        match.commune = found[0]
    elif found:
        match.candidates, match.ambiguous = found, True
    else:
        match.candidates = list(communes.suggest(name, limit=NAMED_CANDIDATES))
    return match


def communes_by_code(codes: list[str]) -> dict[str, Commune]:
    """The communes of these INSEE codes, by code, in one query (for showing saved values)."""
    return {c.code: c for c in Commune.objects.filter(code__in=codes)}
