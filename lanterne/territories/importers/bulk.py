"""Writing rows in batches: compare with the database, then create and update in bulk."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, models, router
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from .files import Where, _quote
from .report import Counts, ProgressFactory

BATCH_SIZE = 1000


@dataclass
class _Plan:
    """Rows to create and to update, computed from a dict of the existing ones.

    Each row is planned with its key (`{"code": "01001"}`), its values in the database (None if
    new, as read by `_existing_rows`) and the values the file wants. `json_fields` are read as
    text and compared with the JSON text of the desired value.
    """

    model: type[models.Model]
    counts: Counts
    json_fields: frozenset[str] = frozenset()
    create: list[dict] = field(default_factory=list)
    update: list[models.Model] = field(default_factory=list)
    update_fields: set[str] = field(default_factory=set)

    def add(self, key: dict, existing: Mapping[str, Any] | None, desired: dict) -> str:
        """Plan one row; return "created", "updated" or "unchanged"."""
        if existing is None:
            self.create.append(key | desired)
            self.counts.created += 1
            return "created"
        json_fields = self.json_fields
        changed = {
            name
            for name, value in desired.items()
            if existing[name] != (json.dumps(value) if name in json_fields else value)
        }
        if not changed:
            self.counts.unchanged += 1
            return "unchanged"
        # Every compared field is set on the instance, so writing the union of the fields that
        # changed in any row never overwrites a value with a default.
        values = {**existing, **desired}
        for name in json_fields - desired.keys():
            values[name] = json.loads(existing[name])
        self.update.append(self.model(**values))
        self.update_fields |= changed
        self.counts.updated += 1
        return "updated"

    def save(self, progress: ProgressFactory) -> None:
        total = len(self.create) + len(self.update)
        if not total:
            return
        with progress(total=total, desc=str(self.counts.label), unit=_("ligne")) as bar:
            for chunk in _chunks(self.create, BATCH_SIZE):
                _insert(self.model, chunk)
                bar.update(len(chunk))
            fields = sorted(self.update_fields)
            for chunk in _chunks(self.update, BATCH_SIZE):
                self.model._default_manager.bulk_update(chunk, fields, batch_size=250)
                bar.update(len(chunk))


# Values of these fields go to the database drivers as they are (str, int, float, None).
_NATIVE_FIELD_TYPES = {
    "CharField",
    "TextField",
    "IntegerField",
    "PositiveIntegerField",
    "BigIntegerField",
    "FloatField",
    "ForeignKey",
}


def _insert(model: type[models.Model], rows: list[dict]) -> None:
    """Insert rows given as {attname: value}; what `bulk_create` does, minus model instances.

    On the 35 000 communes, bulk_create spends about 3 s of CPU building instances and running
    every field's `get_db_prep_save`, more than the database takes to write them. Here values of
    plain fields go to the driver as they are and only the others (JSON, dates) go through their
    field. Fields a row leaves out get their default; an auto-incremented primary key is left to
    the database. No model written here has signals or `auto_now` fields that this would skip.

    PostgreSQL gets one array per column through UNNEST (as bulk_create does since Django 5.2:
    one statement to plan instead of one per row); other backends get `executemany`, which
    SQLite runs in-process.
    """
    connection = connections[router.db_for_write(model)]
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField))
    ]
    prepared = [f.get_internal_type() not in _NATIVE_FIELD_TYPES for f in fields]
    params = [
        [
            f.get_db_prep_save(row.get(f.attname, f.get_default()), connection)
            if prepare
            else row.get(f.attname, f.get_default())
            for f, prepare in zip(fields, prepared, strict=True)
        ]
        for row in rows
    ]
    quote = connection.ops.quote_name
    # A concrete field always has a column and a database type; the stubs type both as optional.
    head = "INSERT INTO {table} ({columns}) ".format(
        table=quote(model._meta.db_table),
        columns=", ".join(quote(f.column) for f in fields),  # type: ignore[arg-type]
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # varchar(5)[] would make PostgreSQL check lengths twice; the column does it.
            arrays = ", ".join(
                f"%s::{f.db_type(connection).split('(')[0]}[]"  # type: ignore[union-attr]
                for f in fields
            )
            columns = [list(column) for column in zip(*params, strict=True)]
            cursor.execute(f"{head}SELECT * FROM UNNEST({arrays})", columns)
        else:
            values = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"{head}VALUES ({values})", params)


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _no_duplicates(rows: Iterable, key: Callable, label: str) -> None:
    first_seen: dict[Any, Where] = {}
    for row in rows:
        value = key(row)
        if value in first_seen:
            raise row.where.error(
                _("%(label)s %(code)s en double (déjà ligne %(line)d)")
                % {"label": label, "code": _quote(value), "line": first_seen[value].line}
            )
        first_seen[value] = row.where


def _existing_rows(
    queryset: models.QuerySet, key: str, fields: Sequence[str], json_fields: Sequence[str] = ()
) -> dict[Any, dict[str, Any]]:
    """{key: {field: value}} for every row, with `json_fields` read as their text.

    Decoding the postal codes and former codes of 35 000 communes costs more than the rest of
    the comparison. `json.dumps()` of a list of codes gives the very text Django stores on SQLite
    and PostgreSQL prints for jsonb (`["01400", "01401"]`); a value spelt otherwise would only be
    rewritten once.
    """
    texts = {f"{name}_as_text": Cast(name, output_field=models.TextField()) for name in json_fields}
    rows = queryset.annotate(**texts).values_list(key, *fields, *texts)
    names = [key, *fields, *json_fields]
    return {row[0]: dict(zip(names, row, strict=True)) for row in rows}
