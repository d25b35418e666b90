"""Journey: a visitor who has never been on the site reads a call, signs up from it, confirms
the address with the link mailed, creates its structure with the commune typed by name, and
lands back on the call, now able to start a dossier. Every page passes axe-core."""

import re

from django.core import mail
from playwright.sync_api import expect

from lanterne.accounts.enums import Role
from lanterne.accounts.models import Membership
from tests.calls.factories import CallFactory
from tests.e2e.conftest import assert_clean_console

PASSWORD = "Une-lanterne-magique-2026"


def check(page, assert_accessible):
    assert_accessible(page)
    assert_clean_console(page)


def test_visitor_signs_up_from_a_call_and_comes_back(open_page, territories, assert_accessible):
    call = CallFactory(
        open_now=True,
        title="Passeurs d'images — appel ouvert",
        region=territories["hauts_de_france"],
    )
    page = open_page()
    page.goto(call.get_absolute_url())
    expect(page.get_by_role("heading", name="Qui peut candidater")).to_be_visible()
    check(page, assert_accessible)
    page.get_by_role("link", name="Créer un compte").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Créer un compte")
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label("Adresse e-mail").fill("lea.martin@example.org")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    check(page, assert_accessible)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez vos courriels")
    check(page, assert_accessible)

    link = re.search(r"https?://[^/\s]+(/\S+/confirmer/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer votre adresse")
    check(page, assert_accessible)
    page.get_by_role("button", name="Confirmer et ouvrir mon compte").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Votre structure")
    check(page, assert_accessible)
    page.get_by_role("link", name="Créer la fiche de ma structure").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Créer la fiche de votre structure")
    page.get_by_label("Nom de la structure").fill("Ciné-club du Faubourg")
    page.get_by_label("Type de structure").select_option(label="acteur culturel")
    commune = page.get_by_label("Commune")
    commune.press_sequentially("lil", delay=50)
    option = page.get_by_role("listbox").get_by_role("option").filter(has_text="Lille")
    expect(option.first).to_be_visible()
    commune.press("ArrowDown")
    commune.press("Enter")
    expect(commune).to_have_value(re.compile(r"^Lille \("))
    check(page, assert_accessible)
    page.get_by_role("button", name="Créer la fiche").click()

    expect(page).to_have_url(re.compile(re.escape(call.get_absolute_url()) + "$"))
    expect(page.get_by_text("La fiche de Ciné-club du Faubourg est créée")).to_be_visible()
    expect(page.get_by_role("link", name="Déposer un dossier")).to_be_visible()
    check(page, assert_accessible)
    assert Membership.objects.filter(
        user__email="lea.martin@example.org",
        structure__name="Ciné-club du Faubourg",
        role=Role.APPLICANT,
    ).exists()
