"""Reading the files: where the shipped ones are, errors that name their file and line, CSV
and JSON readers, dates."""

from __future__ import annotations

import csv
import datetime
import gzip
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .codes import is_commune_code

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SHIPPED_COG_DIR = DATA_DIR / "cog"
SHIPPED_MOUVEMENTS = DATA_DIR / "mouvements_sample.csv"
SHIPPED_QPV = DATA_DIR / "qpv_sample.csv"
SHIPPED_RURAL = DATA_DIR / "rural_sample.csv"
SHIPPED_POSITIONS = DATA_DIR / "positions_sample.csv"


class ImportFileError(ValueError):
    """A file cannot be imported; the message names the file, the line and the reason."""

    def __init__(self, source: str, reason: str, *, line: int | None = None, item: bool = False):
        self.source, self.reason, self.line = source, reason, line
        if line is None:
            message = _("%(source)s : %(reason)s")
        elif item:
            message = _("%(source)s, élément %(line)d : %(reason)s")
        else:
            message = _("%(source)s, ligne %(line)d : %(reason)s")
        super().__init__(message % {"source": source, "line": line, "reason": reason})


class Where(NamedTuple):
    """Where a row came from: a line of a CSV file or an element of a JSON array."""

    source: str
    line: int
    item: bool = False

    def error(self, reason: str) -> ImportFileError:
        return ImportFileError(self.source, reason, line=self.line, item=self.item)


def _quote(value: Any) -> str:
    return f"« {value} »"


# ---------------------------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------------------------


def _open_text(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def read_csv(
    path: Path, required: Sequence[str], *, name: str | None = None
) -> Iterator[tuple[Where, dict[str, str]]]:
    """Yield (where, row) for each non-empty line; column names are matched case-insensitively.

    The delimiter is `,` or `;` (as found in the header). A row with the wrong number of fields,
    a missing column or bytes that are not UTF-8 stop the import with the line number.
    """
    name = name or path.name
    try:
        handle = _open_text(path)
    except OSError as error:
        raise ImportFileError(name, _("fichier illisible (%(error)s)") % {"error": error}) from None
    line = 0  # the last line read
    with handle:
        try:
            header_line = handle.readline()
            line = 1
            delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
            header = [
                column.strip().lower()
                for column in next(csv.reader([header_line], delimiter=delimiter), [])
            ]
            missing = [column for column in required if column not in header]
            if not header or missing:
                raise ImportFileError(
                    name,
                    _("colonne(s) manquante(s) : %(columns)s") % {"columns": ", ".join(missing)},
                    line=1,
                )
            reader = csv.reader(handle, delimiter=delimiter)
            for values in reader:
                line = reader.line_num + 1
                if not any(value.strip() for value in values):
                    continue
                if len(values) != len(header):
                    raise ImportFileError(
                        name,
                        _("%(found)d champs au lieu de %(expected)d")
                        % {"found": len(values), "expected": len(header)},
                        line=line,
                    )
                yield (
                    Where(name, line),
                    {column: value.strip() for column, value in zip(header, values, strict=True)},
                )
        except UnicodeDecodeError:
            raise ImportFileError(
                name, _("le fichier n'est pas encodé en UTF-8"), line=_first_undecodable_line(path)
            ) from None
        except (csv.Error, EOFError, gzip.BadGzipFile) as error:
            raise ImportFileError(
                name, _("fichier CSV invalide (%(error)s)") % {"error": error}, line=line + 1
            ) from None


def _first_undecodable_line(path: Path) -> int | None:
    # Text files are decoded by blocks of several kilobytes: find the line by reading again.
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return None


def read_json_array(path: Path) -> Iterator[tuple[Where, dict]]:
    name = path.name
    try:
        with path.open(encoding="utf-8") as handle:
            items = json.load(handle)
    except OSError as error:
        raise ImportFileError(name, _("fichier illisible (%(error)s)") % {"error": error}) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ImportFileError(
            name,
            _("JSON invalide (%(error)s)") % {"error": error},
            line=getattr(error, "lineno", None),
        ) from None
    if not isinstance(items, list):
        raise ImportFileError(name, _("un tableau JSON est attendu"))
    for index, item in enumerate(items, start=1):
        where = Where(name, index, item=True)
        if not isinstance(item, dict):
            raise where.error(_("un objet JSON est attendu"))
        yield where, item


def parse_date(value: str, where: Where, column: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise where.error(
            _("%(column)s : date %(value)s invalide (format attendu AAAA-MM-JJ)")
            % {"column": column, "value": _quote(value)}
        ) from None


def parse_optional_date(value: str, where: Where, column: str) -> datetime.date | None:
    return parse_date(value, where, column) if value else None


def _check_commune_code(code: str, where: Where, label: str = gettext_noop("code commune")) -> None:
    if not is_commune_code(code):
        raise where.error(
            _("%(label)s %(code)s invalide (5 caractères : 01001, 2A004, 97311)")
            % {"label": _(label), "code": _quote(code)}
        )
