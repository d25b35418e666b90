"""What an import did, table by table, and the progress bars it shows."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.translation import gettext as _


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
