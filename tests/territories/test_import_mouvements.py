"""INSEE's *mouvements des communes* (v_mvt_commune_AAAA.csv) give each commune of today the
names and codes it had and those of the communes it absorbed, events followed one after the
other; the import is idempotent and refuses a malformed file with its line.

The communes of these files are invented (codes of the Ain, names made up) unless said
otherwise: they exercise the kinds of events, they are not real history.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lanterne.territories.importers import SHIPPED_MOUVEMENTS, ImportSources, import_territories
from lanterne.territories.importers.files import Where
from lanterne.territories.importers.index import CommuneIndex
from lanterne.territories.importers.mouvements import apply_mouvements, parse_mouvements
from lanterne.territories.models import Commune, FormerCommune
from tests.territories.factories import CommuneFactory, DepartementFactory

HEADER = [
    "MOD", "DATE_EFF", "TYPECOM_AV", "COM_AV", "TNCC_AV", "NCC_AV", "NCCENR_AV", "LIBELLE_AV",
    "TYPECOM_AP", "COM_AP", "TNCC_AP", "NCC_AP", "NCCENR_AP", "LIBELLE_AP",
]  # fmt: skip


def side(kind, code, name):
    return [kind, code, "0", name.upper().replace("-", " "), name, name]


def line(mod, date, before, after):
    return [mod, date, *side(*before), *side(*after)]


def commune_nouvelle(date, new, olds, mod="32"):
    """The lines of a commune nouvelle: each old commune → the new one and → its delegated
    commune, as INSEE writes them."""
    rows = []
    for old in olds:
        rows.append(line(mod, date, ("COM", *old), ("COM", *new)))
        rows.append(line(mod, date, ("COM", *old), ("COMD", *old)))
    return rows


# Newest first, as INSEE sorts the file: the import must not depend on it.
CHAIN = [
    # 2019: Bourg-Neuf and Trois-Rivières become Val-de-Trois (code of Trois-Rivières).
    *commune_nouvelle(
        "2019-01-01",
        ("01003", "Val-de-Trois"),
        [("01001", "Bourg-Neuf"), ("01003", "Trois-Rivières")],
    ),
    # 2016: Vieux-Bourg and Saint-Ours become Bourg-Neuf (code of Vieux-Bourg).
    *commune_nouvelle(
        "2016-01-01", ("01001", "Bourg-Neuf"), [("01001", "Vieux-Bourg"), ("01002", "Saint-Ours")]
    ),
    # 2010: a change of name, then a change of code.
    line("10", "2010-03-01", ("COM", "01004", "Ancien-Nom"), ("COM", "01004", "Nouveau-Nom")),
    line("41", "2009-01-01", ("COM", "01005", "Codeville"), ("COM", "01006", "Codeville")),
    # 2000: Amont, absorbed by Aval in 1973, is restored.
    line("21", "2000-01-01", ("COM", "01007", "Aval"), ("COM", "01007", "Aval")),
    line("21", "2000-01-01", ("COM", "01007", "Aval"), ("COM", "01008", "Amont")),
    line("21", "2000-01-01", ("COMA", "01008", "Amont"), ("COM", "01008", "Amont")),
    line("33", "1973-01-01", ("COM", "01008", "Amont"), ("COMA", "01008", "Amont")),
    line("33", "1973-01-01", ("COM", "01008", "Amont"), ("COM", "01007", "Aval")),
    line("33", "1973-01-01", ("COM", "01007", "Aval"), ("COM", "01007", "Aval")),
    # A commune that left for an overseas collectivity, not a commune of the database.
    line(
        "50",
        "2007-02-22",
        ("COM", "97123", "Saint-Barthélemy"),
        ("COM", "97701", "Saint-Barthélemy"),
    ),
]  # fmt: skip

TODAY = {
    "01003": "Val-de-Trois",
    "01004": "Nouveau-Nom",
    "01006": "Codeville",
    "01007": "Aval",
    "01008": "Amont",
}


@pytest.fixture
def ain():
    departement = DepartementFactory(code="01", name="Ain")
    return {
        code: CommuneFactory(code=code, name=name, departement=departement)
        for code, name in TODAY.items()
    }


@pytest.fixture
def chain_file(write_file):
    return write_file("v_mvt_commune_2026.csv", HEADER, CHAIN)


def former(commune_code):
    return sorted(FormerCommune.objects.filter(commune_id=commune_code).values_list("code", "name"))


def test_events_are_followed_to_todays_commune(ain, chain_file):
    """Merged in 2016 and again in 2019, Vieux-Bourg and Saint-Ours lead to Val-de-Trois, as
    Bourg-Neuf does; a renamed commune keeps its former name, a recoded one its former code; a
    restored commune takes its past back; today's names are not former names."""
    import_territories(ImportSources(mouvements=chain_file))

    assert former("01003") == [
        ("01001", "Bourg-Neuf"),
        ("01001", "Vieux-Bourg"),
        ("01002", "Saint-Ours"),
        ("01003", "Trois-Rivières"),
    ]
    assert former("01004") == [("01004", "Ancien-Nom")]
    assert former("01006") == [("01005", "Codeville")]
    assert former("01007") == [] and former("01008") == []
    vieux_bourg = FormerCommune.objects.get(name="Vieux-Bourg")
    assert vieux_bourg.search_name == "vieux bourg"
    # The date each name stopped being a commune's: Vieux-Bourg became Bourg-Neuf in 2016.
    assert vieux_bourg.ended_on == datetime.date(2016, 1, 1)
    assert FormerCommune.objects.get(name="Bourg-Neuf").ended_on == datetime.date(2019, 1, 1)


def test_import_is_idempotent_and_counts(ain, chain_file):
    """A second import of the same file changes nothing and says so; lines about delegated or
    associated communes and former communes whose commune is not in the database are counted
    as left out."""
    out = StringIO()
    call_command("import_territories", mouvements=chain_file, stdout=out)
    text = out.getvalue()
    assert "Anciennes communes — ajouts : 6 ; mises à jour : 0 ; sans changement : 0" in text
    assert "lignes sur des communes déléguées ou associées) : 6" in text
    assert "n'est pas en base) : 1" in text
    rows = list(FormerCommune.objects.values_list("pk", "commune_id", "code", "name"))

    again = StringIO()
    call_command("import_territories", mouvements=chain_file, stdout=again)
    assert "ajouts : 0 ; mises à jour : 0 ; sans changement : 6" in again.getvalue()
    assert "Rien à changer" in again.getvalue()
    assert list(FormerCommune.objects.values_list("pk", "commune_id", "code", "name")) == rows


def test_a_changed_date_is_updated(ain, write_file):
    """A corrected file updates the rows it describes differently."""
    first = [
        line("10", "2010-03-01", ("COM", "01004", "Ancien-Nom"), ("COM", "01004", "Nouveau-Nom"))
    ]
    import_territories(ImportSources(mouvements=write_file("a.csv", HEADER, first)))
    fixed = [
        line("10", "2011-03-01", ("COM", "01004", "Ancien-Nom"), ("COM", "01004", "Nouveau-Nom"))
    ]
    report = import_territories(ImportSources(mouvements=write_file("b.csv", HEADER, fixed)))
    assert report.get("former_communes").updated == 1
    assert FormerCommune.objects.get().ended_on == datetime.date(2011, 3, 1)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (line("3", "2016-01-01", ("COM", "01002", "A"), ("COM", "01003", "B")), "MOD"),
        (line("32", "01/01/2016", ("COM", "01002", "A"), ("COM", "01003", "B")), "DATE_EFF"),
        (line("32", "2016-01-01", ("XYZ", "01002", "A"), ("COM", "01003", "B")), "XYZ"),
        (line("32", "2016-01-01", ("COM", "1002", "A"), ("COM", "01003", "B")), "1002"),
        (line("32", "2016-01-01", ("COM", "01002", ""), ("COM", "01003", "B")), "nom"),
    ],
)
def test_a_malformed_line_is_refused_with_its_number(ain, write_file, row, reason):
    """A bad line stops the import, names its line and leaves the database as it was."""
    rows = [CHAIN[0], row]
    path = write_file("v_mvt_commune_2026.csv", HEADER, rows)
    with pytest.raises(CommandError, match=rf"ligne 3 : .*{reason}"):
        call_command("import_territories", mouvements=path, stdout=StringIO())
    assert not FormerCommune.objects.exists()


def test_a_missing_column_is_refused(ain, write_file):
    path = write_file("v_mvt_commune_2026.csv", HEADER[:-1], [row[:-1] for row in CHAIN])
    with pytest.raises(CommandError, match="libelle_ap"):
        call_command("import_territories", mouvements=path, stdout=StringIO())


def test_shipped_sample_reads_as_the_official_file():
    """The shipped sample is in the official format (quoted fields): Annecy-le-Vieux and the
    four other communes merged into Annecy on 1 January 2017 lead to Annecy (74010)."""
    haute_savoie = DepartementFactory(code="74", name="Haute-Savoie")
    CommuneFactory(code="74010", name="Annecy", departement=haute_savoie)
    data = parse_mouvements(SHIPPED_MOUVEMENTS)
    counts = apply_mouvements(data)
    assert former("74010") == [
        ("74011", "Annecy-le-Vieux"),
        ("74093", "Cran-Gevrier"),
        ("74182", "Meythet"),
        ("74217", "Pringy"),
        ("74268", "Seynod"),
    ]
    # Cherbourg-en-Cotentin and Arboys en Bugey are not in this database.
    assert counts.skipped
    assert Commune.objects.by_code("74011").code == "74010"


def test_official_lists_find_a_commune_by_a_code_known_only_from_the_mouvements(ain, chain_file):
    """QPV and ZRR lists of an older year name communes by the codes of their year: a code
    that only the mouvements give (01005, recoded 01006) still finds its commune."""
    import_territories(ImportSources(mouvements=chain_file))
    assert CommuneIndex().resolve("01005", Where("zrr.csv", 2)) == "01006"
    assert CommuneIndex().resolve("01002", Where("zrr.csv", 2)) == "01003"
