"""The one commune field: what people type (a suggestion "Toulouse (31)", an INSEE code,
current or former, an exact name) reads as a commune, anything else is explained; a saved
value is shown as its name; the suggestions are one query whatever the number of communes."""

import pytest
from django import forms
from django.urls import reverse

from lanterne.www.communes.forms import CommuneField, CommunesField
from lanterne.www.structures.forms import CommuneField as StructuresCommuneField
from tests.accounts.factories import applicant
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.network.factories import StructureFactory
from tests.territories.factories import CommuneFactory, DepartementFactory, QpvFactory

SUGGESTIONS = reverse("www:commune_suggestions")


@pytest.fixture
def communes(occitanie):
    seine_saint_denis = DepartementFactory(code="93", name="Seine-Saint-Denis")
    reunion = DepartementFactory(code="974", name="La Réunion")
    ain = DepartementFactory(code="01", name="Ain")
    return {
        **occitanie,
        "saint_denis_93": CommuneFactory(
            code="93066", name="Saint-Denis", departement=seine_saint_denis, population=113_000
        ),
        "saint_denis_974": CommuneFactory(
            code="97411", name="Saint-Denis", departement=reunion, population=153_000
        ),
        # Saint-Bois (01340) merged into Arboys en Bugey in 2016.
        "arboys": CommuneFactory(
            code="01015", name="Arboys en Bugey", departement=ain, former_codes=["01340"]
        ),
        "etienne": CommuneFactory(
            code="42218",
            name="Saint-Étienne",
            departement=DepartementFactory(code="42", name="Loire"),
            population=173_000,
        ),
    }


class PlaceForm(forms.Form):
    commune = CommuneField(label="Commune", required=False)


class TerritoriesForm(forms.Form):
    communes = CommunesField(label="Communes", required=False)


def cleaned(text):
    form = PlaceForm({"commune": text})
    assert form.is_valid(), form.errors
    return form.cleaned_data["commune"]


def error(text):
    form = PlaceForm({"commune": text})
    assert not form.is_valid()
    return " ".join(form.errors["commune"])


@pytest.mark.parametrize(
    "typed",
    ["31555", "Toulouse (31555)", "Toulouse (31)", "toulouse", "TOULOUSE", " Toulouse  (31) "],
)
def test_code_suggestion_or_exact_name(communes, typed):
    """An INSEE code, "Name (code)", the suggestion's "Name (département)" or the exact name
    (any case) give the commune."""
    assert cleaned(typed) == communes["toulouse"]


def test_accents_and_former_code(communes):
    """A name typed without accents, and a former commune's code, give today's commune."""
    assert cleaned("saint etienne") == communes["etienne"]
    assert cleaned("st-etienne (42)") == communes["etienne"]
    assert cleaned("01340") == communes["arboys"]


def test_homonyms_are_told_apart_by_departement(communes):
    """A name borne by two communes is refused with both named; the département in
    parentheses chooses one."""
    message = error("Saint-Denis")
    assert "Plusieurs communes s'appellent « Saint-Denis »" in message
    assert "Saint-Denis (93), Saint-Denis (974)" in message
    assert cleaned("Saint-Denis (974)") == communes["saint_denis_974"]
    assert cleaned("saint-denis (93)") == communes["saint_denis_93"]


def test_unknown_names_and_codes_are_explained(communes):
    """A name that is nobody's suggests the nearest names; an unknown code says what to type;
    never a code shown as the answer."""
    assert "Vouliez-vous dire : Toulouse (31) ?" in error("Toul")
    assert "Aucune commune ne correspond à « 99999 »" in error("99999")
    assert "Aucune commune ne s'appelle « Toulouse (75) »" in error("Toulouse (75)")
    assert "Aucune commune ne correspond à « Nulle-Part »" in error("Nulle-Part")


def test_empty_is_none_and_required_is_enforced(communes):
    assert cleaned("") is None
    required = type("Required", (forms.Form,), {"commune": CommuneField(label="Commune")})
    assert not required({"commune": " "}).is_valid()


def test_several_communes(communes):
    """One per line or separated by commas; duplicates kept once; each wrong line named."""
    form = TerritoriesForm({"communes": "Toulouse (31)\n34172, toulouse;Saint-Denis (93)"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["communes"] == [
        communes["toulouse"],
        communes["montpellier"],
        communes["saint_denis_93"],
    ]
    form = TerritoriesForm({"communes": "Toulouse\nNulle-Part\nSaint-Denis"})
    assert not form.is_valid()
    message = " ".join(form.errors["communes"])
    assert "Nulle-Part" in message and "Plusieurs communes s'appellent « Saint-Denis »" in message


def test_saved_value_is_shown_by_name(communes):
    """A form shown with a saved commune (or its code) shows its name and département; a form
    shown again after an error keeps what was typed."""
    assert 'value="Toulouse (31)"' in str(PlaceForm(initial={"commune": "31555"})["commune"])
    assert 'value="Toulouse (31)"' in str(
        PlaceForm(initial={"commune": communes["toulouse"]})["commune"]
    )
    shown = str(TerritoriesForm(initial={"communes": [communes["toulouse"], "34172"]}))
    assert "Toulouse (31)\nMontpellier (34)</textarea>" in shown
    assert 'value="Nulle-Part"' in str(PlaceForm({"commune": "Nulle-Part"})["commune"])


def test_widget_is_the_enhanced_text_input(communes):
    """The input is marked for the script, with the suggestions' address and its messages in
    the page's language; the structures' import path is the same field."""
    html = str(PlaceForm()["commune"])
    assert "data-commune-combobox" in html
    assert f'data-suggestions-url="{SUGGESTIONS}"' in html
    assert "Aucune commune trouvée." in html
    assert StructuresCommuneField is CommuneField


def test_suggestions_endpoint(client, communes):
    """Suggestions name the commune with its département, best first; a former code is
    noted; fewer than two characters suggest nothing."""
    rows = client.get(SUGGESTIONS, {"q": "saint"}).json()["results"]
    assert [row["label"] for row in rows] == [
        "Saint-Étienne (42)",
        "Saint-Denis (974)",
        "Saint-Denis (93)",
    ]
    assert rows[0] == {
        "code": "42218",
        "label": "Saint-Étienne (42)",
        "name": "Saint-Étienne",
        "departement": "Loire",
        "note": "",
    }
    former = client.get(SUGGESTIONS, {"q": "01340"}).json()["results"]
    assert former[0]["label"] == "Arboys en Bugey (01)"
    assert former[0]["note"] == "ancien code 01340"
    assert client.get(SUGGESTIONS, {"q": "t"}).json() == {"results": []}


@pytest.mark.parametrize("count", [3, 30])
def test_suggestions_take_one_query(client, communes, django_assert_num_queries, count):
    """One query, with the départements, however many communes match (at most 20 shown)."""
    for n in range(count):
        CommuneFactory(code=f"31{n:03d}", name=f"Saint-Martin-{n}")
    with django_assert_num_queries(1):
        rows = client.get(SUGGESTIONS, {"q": "saint-mar"}).json()["results"]
    assert len(rows) == min(count, 20)


def test_structure_edit_shows_the_commune_by_name(login, occitanie):
    """The structure's form shows its commune as "Toulouse (31)", never as its code."""
    structure = StructureFactory(commune=occitanie["toulouse"], unlisted=True)
    client = login(applicant(structure=structure))
    page = client.get(reverse("www:structure_edit", args=[structure.slug])).text
    assert 'value="Toulouse (31)"' in page
    assert 'value="31555"' not in page


def test_dossier_territories_show_names_and_qpvs_by_name(login, communes):
    """The dossier's territories form shows its communes by name and offers the QPVs of
    those communes by name only."""
    dossier = DossierFactory(call__open_now=True)
    dossier.communes.add(communes["toulouse"])
    QpvFactory(code="QN03101M", name="Le Mirail").communes.add(communes["toulouse"])
    QpvFactory(code="QN03499M", name="La Paillade").communes.add(communes["montpellier"])
    client = login(dossier_applicant(dossier))
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).text
    assert "Toulouse (31)</textarea>" in page
    assert "Le Mirail</label>" in page
    assert "QN03101M</label>" not in page and "(QN03101M)" not in page
    assert "La Paillade" not in page
    # Saved by name; the QPV of another commune is refused by its name.
    response = client.post(
        reverse("dossiers:edit", args=[dossier.pk, "territories"]),
        {
            "territories-communes": "Toulouse (31)\nmontpellier",
            "territories-expected_version": dossier.version,
        },
    )
    assert response.status_code == 302
    assert set(dossier.communes.values_list("code", flat=True)) == {"31555", "34172"}
