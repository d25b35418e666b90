"""Journey: a coordinator invites an applicant of its perimeter from its profile; the
applicant opens the e-mail's link, sets its name and password, accepts the terms and lands on
its home, signed in. axe-core on the list and the accept page; no CSP violation."""

import re

from playwright.sync_api import expect

from lanterne.accounts.enums import Role
from lanterne.accounts.models import Membership, User
from tests.accounts.factories import coordinator
from tests.accounts.invitations import last_mail, link_in
from tests.e2e.conftest import assert_clean_console, sign_in
from tests.network.factories import StructureFactory

PASSWORD = "une-phrase-de-passe-solide"


def test_a_coordinator_invites_an_applicant_who_sets_a_password(
    open_page, territories, assert_accessible
):
    coordinator(
        region=territories["occitanie"], email="ines.bernard@example.org", first_name="Inès"
    )
    structure = StructureFactory(name="Ciné des Faubourgs", commune=territories["toulouse"])

    page = open_page()
    sign_in(page, "ines.bernard@example.org")
    page.goto("/compte/profil/")
    page.get_by_role("link", name="Inviter des personnes et suivre les invitations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitations")
    form = page.locator("form", has=page.get_by_role("button", name="Envoyer l'invitation"))
    form.get_by_label("Adresse e-mail de la personne invitée").fill("lea.petit@example.org")
    form.get_by_label("Rôle").select_option(label="Porteur de projet".lower())
    # The structure is searched among the perimeter: Lille's namesake is not offered.
    StructureFactory(name="Ciné des Faubourgs du Nord", commune=territories["lille"])
    choice = form.get_by_role("combobox", name="Structure")
    choice.press_sequentially("faubourgs", delay=30)
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.nth(0)).to_contain_text("Ciné des Faubourgs (Toulouse)")
    assert_accessible(page)
    choice.press("ArrowDown")
    choice.press("Enter")
    expect(choice).to_have_value("Ciné des Faubourgs (Toulouse)")
    form.get_by_label("Langue du courriel d'invitation").select_option("fr")
    form.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.get_by_text("L'invitation a été envoyée à lea.petit@example.org.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("lea.petit@example.org"))).to_contain_text(
        "En attente"
    )
    assert_accessible(page)
    assert_clean_console(page)

    link = link_in(last_mail("lea.petit@example.org"))
    invited = open_page()
    invited.goto(link)
    expect(invited.get_by_role("heading", level=1)).to_have_text("Créer votre compte")
    expect(invited.locator(".invitation-summary")).to_contain_text("Ciné des Faubourgs")
    assert_accessible(invited)
    invited.get_by_label("Prénom").fill("Léa")
    invited.get_by_label("Nom", exact=True).fill("Petit")
    invited.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    invited.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    invited.get_by_role("button", name="Créer mon compte et accepter l'invitation").click()
    # Without the terms ticked, nothing is created and the names stay.
    expect(invited.locator("#id_terms_error")).to_be_visible()
    expect(invited.get_by_label("Nom", exact=True)).to_have_value("Petit")
    assert_accessible(invited)
    invited.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    invited.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    invited.get_by_label("J'ai lu et j'accepte les conditions d'utilisation").check()
    invited.get_by_role("button", name="Créer mon compte et accepter l'invitation").click()

    expect(invited).to_have_url(re.compile(r"/accueil/$"))
    expect(invited.get_by_text("Bienvenue sur Lanterne")).to_be_visible()
    expect(invited.get_by_role("button", name="Mon compte")).to_be_visible()
    assert_accessible(invited)
    # The refused form answered 422, as every refused form does.
    assert_clean_console(invited, allowed=("status of 422",))
    user = User.objects.get(email="lea.petit@example.org")
    assert Membership.objects.filter(user=user, structure=structure, role=Role.APPLICANT).exists()
