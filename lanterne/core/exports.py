"""The one way to export a table: its columns are declared once, and CSV, XLSX and the open-data
package are written from that declaration.

An export is a `Table`: a name, `Column`s (key, header, kind, description) and rows, an iterable
of dicts keyed by column key that is read once, lazily, while the file is written. Apps only
build tables (`<app>/exports.py`: `*_table(...)`); the writers and the response live here.

Values stay typed up to the writer (`Decimal` for amounts, `date` for days, `int` for counts):
the writer formats them for its audience.

Two CSV dialects, named after who opens the file:
- `SPREADSHEET_FR`, for people (French spreadsheet software): UTF-8 with a byte order mark (so
  accents survive a double-click in Excel), `;` as the delimiter and a decimal comma (the French
  locale's list and decimal separators), no thousands separator, days as DD/MM/YYYY, the
  columns' headers (words) on the first line;
- `OPEN_DATA`, for machines: UTF-8 without a byte order mark, `,` and `.`, ISO days, the
  columns' keys on the first line (they are the field names of the Table Schema, whose titles
  and descriptions carry the words).

The XLSX, one sheet per table, is streamed like the CSV: openpyxl writes the workbook's parts
and each sheet's rows are written as XML while they are read, into a zip sent as it grows, so
that the first bytes leave at once and memory stays flat whatever the number of rows.
"""

import csv
import datetime
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext, gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TEXT = "text"
INTEGER = "integer"
DECIMAL = "decimal"  # a number with its own decimals (Decimal, or its text)
MONEY = "money"  # euros: two decimals
RATIO = "ratio"  # a fraction (0.25): a percentage in the workbook
DATE = "date"
BOOLEAN = "boolean"
KINDS = (TEXT, INTEGER, DECIMAL, MONEY, RATIO, DATE, BOOLEAN)

# Table Schema field types (https://specs.frictionlessdata.io/table-schema/#types-and-formats).
SCHEMA_TYPES = {
    TEXT: "string",
    INTEGER: "integer",
    DECIMAL: "number",
    MONEY: "number",
    RATIO: "number",
    DATE: "date",
    BOOLEAN: "boolean",
}
XLSX_FORMATS = {MONEY: "#,##0.00 €", RATIO: "0.00%", DATE: "DD/MM/YYYY"}
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": XLSX_CONTENT_TYPE,
    "json": "application/json",
    "pdf": "application/pdf",
    "zip": "application/zip",
    "svg": "image/svg+xml",
    "ics": "text/calendar; charset=utf-8",
}
# The control characters XML 1.0 forbids (openpyxl's ILLEGAL_CHARACTERS_RE): openpyxl refuses a
# text holding one, which would make the whole workbook fail; they are dropped.
XML_ILLEGAL_CHARACTERS = re.compile(r"[\000-\010\013\014\016-\037]")
# Rows are gathered into chunks of about this many characters before being sent.
CHUNK_CHARS = 16 * 1024


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = TEXT
    description: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind: {self.kind!r}")


@dataclass(frozen=True)
class Table:
    """`rows` is read once, while writing: pass a generator to keep memory flat.
    `header` False writes no header line (a sheet of notes, for instance)."""

    name: str
    columns: Sequence[Column]
    rows: Iterable[Mapping]
    header: bool = True


@dataclass(frozen=True)
class Dialect:
    name: str
    delimiter: str
    decimal_separator: str
    byte_order_mark: bool
    line_terminator: str
    date_format: str
    # The first line: the columns' keys (field names for machines) or their headers (words).
    keys_as_headers: bool
    true: "str | StrOrPromise"  # a boolean's words
    false: "str | StrOrPromise"


SPREADSHEET_FR = Dialect(
    name="spreadsheet_fr",
    delimiter=";",
    decimal_separator=",",
    byte_order_mark=True,
    line_terminator="\r\n",
    date_format="%d/%m/%Y",
    keys_as_headers=False,
    true=gettext_lazy("oui"),
    false=gettext_lazy("non"),
)
OPEN_DATA = Dialect(
    name="open_data",
    delimiter=",",
    decimal_separator=".",
    byte_order_mark=False,
    line_terminator="\n",
    date_format="%Y-%m-%d",
    keys_as_headers=True,
    true="true",
    false="false",
)


# A spreadsheet reads a cell starting with one of these as a formula (CSV injection, OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell_value(value, column: Column):
    """Every cell of every export passes here before a writer formats it: the one place that
    neutralises what a spreadsheet would read as something else than a value.

    A text starting like a formula (`=HYPERLINK(...)`, `+33…`, `@SUM`, a tab) is prefixed with a
    quote, as OWASP recommends, so that the spreadsheet shows it as text and runs nothing. Only
    text is touched: numbers, amounts, days and booleans are values, whatever their sign."""
    if column.kind != TEXT or value is None:
        return value
    if isinstance(value, Promise):  # a translated label
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


def csv_text(value, kind: str, dialect: Dialect) -> str:
    """One value as the dialect writes it; None is the empty cell."""
    if value is None:
        return ""
    if kind == DATE:
        return value.strftime(dialect.date_format) if value else ""
    if kind == BOOLEAN:
        return str(dialect.true if value else dialect.false)
    if kind == MONEY:
        text = f"{Decimal(value):.2f}"
    elif kind in (DECIMAL, RATIO):
        text = format(Decimal(value), "f")
    else:
        text = str(value)
        if "\r" not in dialect.line_terminator:
            # Python's csv module quotes a field holding the characters of the line terminator
            # only: an unquoted carriage return would end the line for a reader.
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text
    return text.replace(".", dialect.decimal_separator)


class _Echo:
    """A file that hands back what is written: `csv.writer` then returns each line."""

    def write(self, value):
        return value


def _header(table: Table, dialect: Dialect) -> list[str]:
    return [col.key if dialect.keys_as_headers else col.header for col in table.columns]


def csv_lines(table: Table, dialect: Dialect = SPREADSHEET_FR) -> Iterator[str]:
    """The CSV as text, line by line (the byte order mark, if any, opens the first)."""
    writer = csv.writer(
        _Echo(), delimiter=dialect.delimiter, lineterminator=dialect.line_terminator
    )
    bom = "\ufeff" if dialect.byte_order_mark else ""
    if table.header:
        yield bom + writer.writerow(_header(table, dialect))
        bom = ""
    for row in table.rows:
        line = writer.writerow(
            [csv_text(cell_value(row[col.key], col), col.kind, dialect) for col in table.columns]
        )
        yield bom + line
        bom = ""


def write_csv(table: Table, dialect: Dialect = SPREADSHEET_FR) -> Iterator[bytes]:
    """The CSV in UTF-8, as a generator of chunks of a few rows (for StreamingHttpResponse).
    The header line leaves on its own, before any row is read: the download starts at once."""
    chunk: list[str] = []
    size = 0
    lines = csv_lines(table, dialect)
    if table.header:
        yield next(lines).encode("utf-8")
    for line in lines:
        chunk.append(line)
        size += len(line)
        if size >= CHUNK_CHARS:
            yield "".join(chunk).encode("utf-8")
            chunk, size = [], 0
    if chunk:
        yield "".join(chunk).encode("utf-8")


def csv_bytes(table: Table, dialect: Dialect = SPREADSHEET_FR) -> bytes:
    return b"".join(write_csv(table, dialect))


# ---------------------------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------------------------

# The workbook's sheets are compressed as they are produced and sent in pieces of about this
# many bytes of XML (a few hundred rows): the first arrive before the table is read through.
XLSX_CHUNK_CHARS = 64 * 1024
EXCEL_EPOCH = datetime.date(1899, 12, 30)  # day 0 of the 1900 date system (with its leap bug)
# Fast deflate: the sheets' XML is repetitive, the gain of a higher level is small, its cost not.
XLSX_COMPRESSION = 1


class _Pipe:
    """A write-only, unseekable file whose content is taken out as it is written: `zipfile`
    then writes each member's sizes after its data (data descriptors), so the archive is sent
    while it is produced."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes, /) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def _xml_text(text: str) -> str:
    text = XML_ILLEGAL_CHARACTERS.sub("", text)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _xlsx_cell(ref: str, value, style: str) -> str:
    """One `<c>` of the sheet's XML, the value typed as openpyxl would write it: a text inline
    (never a formula, whatever it starts with), a number, a boolean, a day as its serial
    number (shown by the column's style). '' for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        if not value:
            return ""
        text = _xml_text(value)
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}"{style}><v>{value}</v></c>'
    if isinstance(value, Decimal):
        return f'<c r="{ref}"{style}><v>{value:f}</v></c>'
    if isinstance(value, float):
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)
        delta = value - datetime.datetime.combine(EXCEL_EPOCH, datetime.time())
        return f'<c r="{ref}"{style}><v>{delta.total_seconds() / 86400!r}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c r="{ref}"{style}><v>{(value - EXCEL_EPOCH).days}</v></c>'
    return _xlsx_cell(ref, str(value), style)


def _xlsx_value(value, kind: str):
    if value is None or value == "":
        return None
    if kind in (DECIMAL, MONEY, RATIO) and isinstance(value, str):
        return Decimal(value)
    return value


def data_dictionary(
    tables: Sequence[Table], codes: Mapping[str, Iterable[tuple[str, object]]] | None = None
) -> Table:
    """A sheet saying what each column of `tables` holds: its sheet, key, header and meaning,
    and for a coded column each code with its label (in the current language). Exports whose
    columns hold codes (an indicator's, a unit's…) add it, so that no reader has to guess;
    only the columns are read, never the rows."""
    codes = codes or {}
    rows = [
        {
            "sheet": table.name,
            "key": column.key,
            "header": column.header,
            "meaning": column.description,
            "codes": "\n".join(f"{code} : {label}" for code, label in codes.get(column.key, ())),
        }
        for table in tables
        for column in table.columns
    ]
    return Table(
        gettext("dictionnaire des données"),
        [
            Column("sheet", gettext("Feuille")),
            Column("key", gettext("Colonne")),
            Column("header", gettext("Intitulé")),
            Column("meaning", gettext("Signification")),
            Column("codes", gettext("Codes et libellés")),
        ],
        rows,
    )


def _skeleton(tables: Sequence[Table]) -> tuple[dict[str, bytes], dict[str, str]]:
    """Every part of the workbook but its rows, written by openpyxl (workbook, sheets' names,
    styles, relationships, content types), and the style index (`s`) of each column kind and
    of the header."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheets = [workbook.create_sheet(table.name[:31]) for table in tables]
    styles = {}
    if sheets:
        header = WriteOnlyCell(sheets[0], value="")
        header.font = Font(bold=True)
        styles["header"] = f' s="{header.style_id}"'
        for kind, number_format in XLSX_FORMATS.items():
            cell = WriteOnlyCell(sheets[0], value=0)
            cell.number_format = number_format
            styles[kind] = f' s="{cell.style_id}"'
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    return parts, styles


def _sheet_rows(table: Table, styles: Mapping[str, str], keys_as_headers: bool) -> Iterator[str]:
    """The `<row>`s of a table's sheet. What depends on the column only (its letter, style,
    kind) is worked out once, not for each value."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(index) for index in range(1, len(table.columns) + 1)]
    number = 0
    if table.header:
        number = 1
        header = styles.get("header", "")
        cells = "".join(
            _xlsx_cell(f"{letter}1", col.key if keys_as_headers else col.header, header)
            for letter, col in zip(letters, table.columns, strict=True)
        )
        yield f'<row r="1">{cells}</row>'
    plan = [
        (col.key, col, letter, styles.get(col.kind, ""))
        for letter, col in zip(letters, table.columns, strict=True)
    ]
    for row in table.rows:
        number += 1
        cells = "".join(
            _xlsx_cell(f"{letter}{number}", _xlsx_value(cell_value(row[key], col), col.kind), s)
            for key, col, letter, s in plan
        )
        yield f'<row r="{number}">{cells}</row>'


def write_xlsx(
    tables: Table | Iterable[Table], *, keys_as_headers: bool = False
) -> Iterator[bytes]:
    """The workbook, one sheet per table, as a generator of bytes sent while the rows are read
    (for StreamingHttpResponse): memory stays flat and the first bytes leave at once, whatever
    the number of rows.

    openpyxl writes everything but the rows (`_skeleton`); each sheet's rows are written here
    as XML, row by row, into a zip written to an unseekable stream. The texts are inline (no
    shared-string table to hold in memory); openpyxl, LibreOffice and Excel read them."""
    tables = [tables] if isinstance(tables, Table) else list(tables)
    parts, styles = _skeleton(tables)
    sheet_paths = {f"xl/worksheets/sheet{index}.xml" for index in range(1, len(tables) + 1)}
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED, compresslevel=XLSX_COMPRESSION) as zf:
        for name, data in parts.items():
            if name not in sheet_paths:
                zf.writestr(name, data)
        yield pipe.take()
        for index, table in enumerate(tables, start=1):
            path = f"xl/worksheets/sheet{index}.xml"
            head, tail = parts[path].decode("utf-8").split("<sheetData></sheetData>")
            with zf.open(path, "w") as sheet:
                sheet.write(f"{head}<sheetData>".encode())
                chunk: list[str] = []
                size = 0
                for line in _sheet_rows(table, styles, keys_as_headers):
                    chunk.append(line)
                    size += len(line)
                    if size >= XLSX_CHUNK_CHARS:
                        sheet.write("".join(chunk).encode("utf-8"))
                        chunk, size = [], 0
                        if data := pipe.take():
                            yield data
                sheet.write(("".join(chunk) + f"</sheetData>{tail}").encode("utf-8"))
    yield pipe.take()


def xlsx_bytes(tables: Table | Iterable[Table], *, keys_as_headers: bool = False) -> bytes:
    return b"".join(write_xlsx(tables, keys_as_headers=keys_as_headers))


# ---------------------------------------------------------------------------------------------
# Open data: a Frictionless tabular data package
# ---------------------------------------------------------------------------------------------


def table_schema(table: Table) -> dict:
    return {
        "fields": [
            {
                "name": col.key,
                "title": col.header,
                "type": SCHEMA_TYPES[col.kind],
                "description": col.description,
            }
            for col in table.columns
        ],
        "missingValues": [""],
    }


def datapackage(
    tables: Sequence[Table], *, name: str, title: str, description: str, licence: dict
) -> dict:
    """The `datapackage.json` descriptor of `tables`, each a `<name>.csv` in `OPEN_DATA`."""
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": description,
        "licenses": [licence],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": table.name,
                "path": f"{table.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(table),
            }
            for table in tables
        ],
    }


def datapackage_zip(tables: Sequence[Table], **descriptor) -> bytes:
    """A zip holding `datapackage.json` and one CSV per table (see `datapackage`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "datapackage.json",
            json.dumps(datapackage(tables, **descriptor), ensure_ascii=False, indent=2),
        )
        for table in tables:
            archive.writestr(f"{table.name}.csv", csv_bytes(table, OPEN_DATA))
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# The response
# ---------------------------------------------------------------------------------------------


def export_response(
    content,
    fmt: str,
    filename: str | None,
    *,
    dialect: Dialect = SPREADSHEET_FR,
    inline: bool = False,
) -> HttpResponseBase:
    """The download of an export: `content` is a `Table` (csv), tables (xlsx) or the file's
    bytes or text for the other formats. CSV and XLSX are streamed while their rows are read.
    `dialect` also says whose the workbook is (its header line: words for people, keys for
    machines). `filename` None sends no Content-Disposition (an image shown in a page). No
    copy is kept by the browser or a proxy on the way (`private_download`)."""
    content_type = CONTENT_TYPES[fmt]
    response: HttpResponseBase
    if fmt == "csv" and isinstance(content, Table):
        response = StreamingHttpResponse(write_csv(content, dialect), content_type=content_type)
    elif fmt == "xlsx" and not isinstance(content, bytes):
        response = StreamingHttpResponse(
            write_xlsx(content, keys_as_headers=dialect.keys_as_headers),
            content_type=content_type,
        )
    else:
        response = HttpResponse(content, content_type=content_type)
    if filename is not None:
        disposition = content_disposition_header(as_attachment=not inline, filename=filename)
        if disposition is not None:
            response["Content-Disposition"] = disposition
    return private_download(response)


def private_download(response: HttpResponseBase) -> HttpResponseBase:
    """A file sent to one person: no shared cache may keep it and the browser stores no copy
    (a dossier's documents and exports hold personal data; a shared computer keeps nothing)."""
    response["Cache-Control"] = "private, no-store"
    return response
