"""The demo's calendar: what the loader writes for a step of its story carries the step's date.

The demo goes through the real services (transitions, audit events, history, messages, mail),
which date what they write *now*, the moment the demo is loaded. A dossier submitted in October
2023 must show its review, its messages and its decision in 2023–2024, not on the loading day:
each step runs inside `happened_at(moment)`, and on leaving it every date-time written during the
step, in any of Lanterne's tables (the simple-history tables included), is moved by the same
amount, so that the step starts at `moment` and keeps its inner order."""

import contextlib
import datetime
from collections.abc import Iterator

from django.apps import apps
from django.db import models
from django.db.models import F
from django.utils import timezone


def _datetime_columns() -> list[tuple[type[models.Model], list[str]]]:
    columns = []
    for model in apps.get_models():
        meta = model._meta
        if not model.__module__.startswith("lanterne.") or meta.proxy or not meta.managed:
            continue
        names = [
            field.attname
            for field in meta.concrete_fields
            if isinstance(field, models.DateTimeField)
        ]
        if names:
            columns.append((model, names))
    return columns


@contextlib.contextmanager
def happened_at(moment: datetime.datetime) -> Iterator[None]:
    """Date what the block writes at `moment` (plus the few milliseconds the block takes)."""
    start = timezone.now()
    yield
    end = timezone.now()
    shift = moment - start
    for model, names in _datetime_columns():
        for name in names:
            model._base_manager.filter(**{f"{name}__gte": start, f"{name}__lte": end}).update(
                **{name: F(name) + shift}
            )
