"""People's rights over their data (GDPR art. 15, 17 and 20) and retention periods (art. 5-1-e).

Personal data lives in many apps, and core imports none of them: each app registers, from its
`AppConfig.ready()`, the *kinds* of personal data it holds (`register`): what a person downloads
of them (`export`: rows of plain values) and what erasing that person does to them (`erase`:
deletes or anonymises, returns how many rows it touched). It also registers the rows it deletes
once they are older than their retention period (`register_retention`), the period being read
from `settings.RETENTION` (days). `accounts.erasure` runs the erasure, `www.privacy` shows the
export, `manage.py apply_retention` applies the periods.

Both walks run inside the caller's transaction; a dry run is the same walk rolled back, so its
counts are exactly what the real run would do.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Under every free-text field about participants (publics, workshops, reports, comments): the
# data of minors stays out of Lanterne (docs/registre-des-traitements.md).
NO_MINOR_NAMES = _(
    "N'écrivez pas le nom des mineur·es (enfants, jeunes) : décrivez le groupe (âge, classe, "
    "structure) sans nommer personne."
)

Row = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    """One kind of personal data: its rows for a person, and what erasing the person does."""

    key: str
    label: str | Promise
    # Column key → heading, in display order: the JSON keys and the page's table headers.
    columns: dict[str, str | Promise]
    export: Callable[[Any], list[Row]]
    erase: Callable[[Any], int] | None
    # The page shows the kinds in `order`; erasure runs in `erase_order` (the account last).
    order: int
    erase_order: int


@dataclass(frozen=True)
class Retention:
    """Rows of one kind deleted (or emptied) once older than `settings.RETENTION[key]` days."""

    key: str
    label: str | Promise
    # Gets the cutoff moment, returns how many rows it deleted or emptied.
    apply: Callable[[datetime.datetime], int]


_KINDS: dict[str, Kind] = {}
_RETENTIONS: dict[str, Retention] = {}


def register(
    key: str,
    *,
    label: str | Promise,
    columns: dict[str, str | Promise],
    export: Callable[[Any], list[Row]],
    erase: Callable[[Any], int] | None = None,
    order: int = 100,
    erase_order: int | None = None,
) -> None:
    """Declare a kind of personal data (idempotent: `ready()` may run twice in tests)."""
    _KINDS[key] = Kind(
        key, label, columns, export, erase, order, order if erase_order is None else erase_order
    )


def register_retention(
    key: str, *, label: str | Promise, apply: Callable[[datetime.datetime], int]
) -> None:
    _RETENTIONS[key] = Retention(key, label, apply)


def kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.key))


def retentions() -> list[Retention]:
    return [_RETENTIONS[key] for key in sorted(_RETENTIONS)]


def export_person(user) -> list[tuple[Kind, list[Row]]]:
    """Every kind with the person's rows (possibly none), in display order."""
    return [(kind, kind.export(user)) for kind in kinds()]


def erase_person(user) -> dict[str, int]:
    """Run every kind's erasure for `user` (inside the caller's transaction); rows touched by
    kind."""
    ordered = sorted(_KINDS.values(), key=lambda kind: (kind.erase_order, kind.key))
    return {kind.key: kind.erase(user) for kind in ordered if kind.erase is not None}


def retention_days() -> dict[str, int | None]:
    """The configured period of each registered retention; None keeps the rows."""
    configured = settings.RETENTION
    missing = sorted(set(_RETENTIONS) - set(configured))
    if missing:
        raise ImproperlyConfigured(f"settings.RETENTION has no period for: {', '.join(missing)}")
    return {key: configured[key] for key in sorted(_RETENTIONS)}


def apply_retention(now: datetime.datetime | None = None) -> dict[str, int | None]:
    """Delete what has outlived its period, kind by kind (inside the caller's transaction);
    rows deleted by kind, None where the period is unset (kept). Idempotent."""
    now = now or timezone.now()
    done: dict[str, int | None] = {}
    for key, days in retention_days().items():
        if days is None:
            done[key] = None
            continue
        done[key] = _RETENTIONS[key].apply(now - datetime.timedelta(days=days))
    return done


def delete_rows(queryset: QuerySet) -> int:
    """Delete `queryset`; how many rows of its own model went (not of those cascading)."""
    _, per_model = queryset.delete()
    return per_model.get(queryset.model._meta.label, 0)
