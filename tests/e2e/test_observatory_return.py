"""Journey: a structure fills and submits its indicator return, the network admin accepts it,
and the public panorama counts it."""

import re

from playwright.sync_api import expect

from lanterne.accounts.enums import Role
from tests.accounts.factories import MembershipFactory, UserFactory, network_admin
from tests.e2e.conftest import assert_clean_console, sign_in
from tests.network.factories import StructureFactory
from tests.observatory.factories import ReturnFactory, ValueFactory, campaign_with_beneficiaries


def test_structure_submits_admin_accepts_panorama_counts(open_page, assert_accessible):
    """Sixteen structures have accepted returns; the seventeenth fills its return over the
    form (one indicator *non transmis*), saves, submits; the admin accepts; the public
    panorama shows that indicator with "16 sur 17 structures ; 1 non transmis". Every page
    passes axe-core, with no CSP violation."""
    structures = StructureFactory.create_batch(16, pole=True)
    ours = StructureFactory(name="Pôle Lumière", pole=True)
    campaign, ind = campaign_with_beneficiaries([*structures, ours], published=True)
    for structure in structures:
        value_return = ReturnFactory(campaign=campaign, structure=structure, accepted=True)
        for indicator, amount in [
            (ind["total"], 100),
            (ind["parts"][0], 50),
            (ind["parts"][1], 30),
            (ind["parts"][2], 20),
            (ind["relays"], 4),
            (ind["partners"], 10),
        ]:
            ValueFactory(value_return=value_return, indicator=indicator, amount=amount)
    MembershipFactory(
        user=UserFactory(email="pole@example.org"), structure=ours, role=Role.COORDINATOR
    )
    network_admin(email="reseau@example.org")

    page = open_page()
    sign_in(page, "pole@example.org")
    expect(page).to_have_url(re.compile(r"/accueil/$"))
    page.get_by_role("link", name="Observatoire").first.click()
    page.get_by_role("link", name=f"{campaign.name} — Pôle Lumière").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pôle Lumière")
    assert_accessible(page)

    def group(code):
        return page.get_by_role("group", name=re.compile(f"^Indicateur {code}\\b"))

    group("beneficiaries").get_by_label("Valeur (personnes)").fill("200")
    group("mcac").get_by_label("Valeur (personnes)").fill("100")
    group("pi").get_by_label("Valeur (personnes)").fill("60")
    group("other").get_by_label("Valeur (personnes)").fill("41")
    # Checked as it is typed: the breakdown does not add up yet.
    expect(group("beneficiaries")).to_contain_text("La décomposition (201) ne correspond pas")
    group("other").get_by_label("Valeur (personnes)").fill("40")
    expect(group("beneficiaries").locator(".observatory-live-check")).to_have_text("")
    group("relays").get_by_label("Valeur (personnes)").fill("6")
    group("partners").get_by_label("Non transmis").check()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Votre retour est enregistré.")
    page.get_by_role("button", name="Transmettre au réseau national").click()
    expect(page.get_by_test_id("return-state")).to_have_text("transmis")
    assert_accessible(page)
    assert_clean_console(page)

    admin = open_page()
    sign_in(admin, "reseau@example.org")
    admin.goto(f"/observatoire/{campaign.slug}/suivi/")
    assert_accessible(admin)
    admin.get_by_role("link", name="Pôle Lumière").click()
    admin.get_by_role("button", name="Accepter").click()
    expect(admin.get_by_test_id("return-state")).to_have_text("accepté")
    assert_clean_console(admin)

    public = open_page()
    public.goto(f"/observatoire/{campaign.slug}/")
    national = public.get_by_role("table", name=re.compile("^Chiffres nationaux"))
    row = national.get_by_role("row", name=re.compile("Indicateur partners"))
    expect(row).to_contain_text("160")
    expect(row).to_contain_text("16 sur 17 structures ; 1 non transmis")
    beneficiaries = national.get_by_role("row", name=re.compile("^Indicateur beneficiaries"))
    expect(beneficiaries).to_contain_text("17 sur 17 structures")
    assert_accessible(public)
    assert_clean_console(public)
