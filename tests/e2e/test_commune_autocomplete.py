"""Journey: a structure's member types the first letters of a commune without its accent,
hears how many communes are proposed, chooses one with the keyboard and saves; the page shows
it by name. The combobox passes axe-core open and closed, with no CSP violation."""

from django.urls import reverse
from playwright.sync_api import expect

from lanterne.network.models import Structure
from tests.accounts.factories import UserFactory, applicant
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.e2e.conftest import assert_clean_console, sign_in
from tests.network.factories import StructureFactory
from tests.network.standin import serve
from tests.territories.factories import CommuneFactory, DepartementFactory


def test_member_chooses_saint_etienne_with_the_keyboard(open_page, territories, assert_accessible):
    """ "saint-eti" proposes Saint-Étienne (42) first, its département shown; ArrowDown moves
    the active option (aria-activedescendant), Escape closes the list, Enter chooses; the
    structure is saved with that commune and its page and form show its name."""
    loire = DepartementFactory(code="42", name="Loire")
    CommuneFactory(code="42218", name="Saint-Étienne", departement=loire, population=173_000)
    CommuneFactory(
        code="42234",
        name="Saint-Étienne-le-Molard",
        departement=loire,
        population=1_000,
    )
    CommuneFactory(
        code="76575",
        name="Saint-Étienne-du-Rouvray",
        departement=DepartementFactory(code="76", name="Seine-Maritime"),
        population=28_000,
    )
    structure = StructureFactory(name="Ciné Forez", commune=territories["toulouse"], unlisted=True)
    member = applicant(structure=structure, email="membre@example.org")

    page = open_page()
    sign_in(page, member.email)
    page.goto(f"/structures/{structure.slug}/modifier/")
    commune = page.get_by_role("combobox", name="Commune")
    expect(commune).to_have_value("Toulouse (31)")
    expect(commune).to_have_attribute("aria-expanded", "false")
    assert_accessible(page)

    commune.fill("")
    commune.press_sequentially("saint-eti", delay=30)
    listbox = page.get_by_role("listbox")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(3)
    expect(commune).to_have_attribute("aria-expanded", "true")
    expect(commune).to_have_attribute("aria-controls", listbox.get_attribute("id") or "")
    expect(options.nth(0)).to_contain_text("Saint-Étienne (42)")
    expect(options.nth(0)).to_contain_text("Loire")
    expect(page.get_by_role("status").filter(has_text="communes proposées")).to_have_text(
        "3 communes proposées : flèche bas pour les parcourir."
    )
    assert_accessible(page)

    commune.press("ArrowDown")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(commune).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))
    commune.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    commune.press("ArrowUp")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    commune.press("Escape")
    expect(commune).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    commune.press("ArrowDown")
    expect(commune).to_have_attribute("aria-expanded", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    commune.press("Enter")
    expect(commune).to_have_value("Saint-Étienne (42)")
    expect(commune).to_have_attribute("aria-expanded", "false")
    assert commune.get_attribute("aria-activedescendant") is None

    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ciné Forez")
    assert Structure.objects.get(pk=structure.pk).commune_id == "42218"
    expect(page.locator("main")).to_contain_text("Saint-Étienne")
    page.goto(f"/structures/{structure.slug}/modifier/")
    expect(page.get_by_role("combobox", name="Commune")).to_have_value("Saint-Étienne (42)")
    assert_clean_console(page)


def test_applicant_chooses_the_communes_of_a_dossier(open_page, territories, assert_accessible):
    """The dossier's communes: each is chosen in the combobox and listed with its remove
    button; a removed one is not saved; the saved communes come back by name."""
    dossier = DossierFactory(call__open_now=True, title="Regards croisés")
    member = dossier_applicant(dossier, email="porteur@example.org")

    page = open_page()
    sign_in(page, member.email)
    page.goto(f"/dossiers/{dossier.pk}/")
    page.get_by_text("Modifier les territoires").click()
    communes = page.get_by_role("combobox", name="Communes concernées")
    for typed, label in (("toul", "Toulouse (31)"), ("montp", "Montpellier (34)")):
        communes.press_sequentially(typed, delay=30)
        expect(page.get_by_role("option", name=label)).to_be_visible()
        communes.press("ArrowDown")
        communes.press("Enter")
        expect(communes).to_have_value("")
    chosen = page.get_by_role("list", name="Communes choisies")
    expect(chosen.get_by_role("listitem")).to_have_count(2)
    assert_accessible(page)
    page.get_by_role("button", name="Retirer Toulouse (31)").click()
    expect(chosen.get_by_role("listitem")).to_have_count(1)
    expect(communes).to_be_focused()

    form = page.locator("#form-territories")
    form.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regards croisés")
    assert list(dossier.communes.values_list("code", flat=True)) == ["34172"]
    page.get_by_text("Modifier les territoires").click()
    expect(page.get_by_role("list", name="Communes choisies").get_by_role("listitem")).to_have_text(
        ["Montpellier (34)×"]
    )
    assert_accessible(page)
    assert_clean_console(page)


def test_the_sirene_lookup_swaps_the_commune_without_a_second_listbox(
    open_page, settings, assert_accessible
):
    """A SIRET found in Sirene swaps the commune's input (htmx, out of band): the new input is
    enhanced once, in the wrapper of the old one — one listbox, one live region, unique ids —
    and its combobox still works."""
    server, state = serve()
    settings.SIRENE_API_URL = state.url
    settings.SIRENE_API_KEY = "integration-key"
    try:
        nord = DepartementFactory(code="59", name="Nord")
        CommuneFactory(code="59512", name="Roubaix", departement=nord, population=98_000)
        CommuneFactory(code="59350", name="Lille", departement=nord, population=236_000)
        user = UserFactory(email="lea.martin@example.org")
        page = open_page()
        sign_in(page, user.email)
        page.goto(reverse("onboarding:structure_create"))
        expect(page.locator(".commune-combobox")).to_have_count(1)
        page.get_by_label("SIRET").press_sequentially("73282932000074", delay=20)
        expect(page.get_by_text("Trouvé dans le répertoire Sirene")).to_be_visible()
        commune = page.get_by_role("combobox", name="Commune")
        expect(commune).to_have_value("Roubaix (59)")
        expect(page.locator(".commune-combobox")).to_have_count(1)
        expect(page.locator("#id_commune-listbox")).to_have_count(1)
        expect(page.locator(".commune-combobox [role=status]")).to_have_count(1)
        expect(page.get_by_label("Numéro RNA")).to_have_value("W595012345")
        assert_accessible(page)

        commune.fill("")
        commune.press_sequentially("lil", delay=30)
        options = page.get_by_role("listbox").get_by_role("option")
        expect(options).to_have_count(1)
        expect(options.nth(0)).to_contain_text("Lille (59)")
        commune.press("ArrowDown")
        commune.press("Enter")
        expect(commune).to_have_value("Lille (59)")
        assert_clean_console(page)
    finally:
        server.shutdown()
        server.server_close()
