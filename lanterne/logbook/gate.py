"""The image-rights gate, as a pure predicate.

THE RULE: an image (a photo, a video, a film) is shown in a scope only if every person who
appears in it holds, that day, an authorisation for that scope that is signed, not expired and
not withdrawn. An image nobody appears in passes.

This module states the rule on plain values; `GatedQuerySet.visible_in` (models.py) states it
in SQL for every page, the gallery and the files. The property tests check that both agree on
every combination.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Terms:
    """What an authorisation allows, reduced to what the gate reads."""

    scopes: frozenset[str]
    signed_on: datetime.date
    expires_on: datetime.date
    withdrawn_at: datetime.datetime | None = None


def day_of(at: datetime.datetime) -> datetime.date:
    """The day, in Paris, that `at` falls on: authorisations are dated by the day."""
    return timezone.localdate(at)


def covers(terms: Terms, scope: str, at: datetime.datetime) -> bool:
    """Does this authorisation cover `scope` at `at`? Signed on or before that day, expiring on
    or after it (the expiry day is still covered), not withdrawn by then."""
    day = day_of(at)
    return (
        scope in terms.scopes
        and terms.signed_on <= day <= terms.expires_on
        and (terms.withdrawn_at is None or terms.withdrawn_at > at)
    )


def person_covered(consents: Iterable[Terms], scope: str, at: datetime.datetime) -> bool:
    return any(covers(terms, scope, at) for terms in consents)


def visible_in(appearing: Iterable[Iterable[Terms]], scope: str, at: datetime.datetime) -> bool:
    """May an image be shown in `scope`? `appearing` holds, for each person in it, that person's
    authorisations."""
    return all(person_covered(consents, scope, at) for consents in appearing)
