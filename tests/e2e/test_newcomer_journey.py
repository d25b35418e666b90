"""Journey: a person who has never been on the site gets in — invited by a coordinator, or
signing up from a public call's page and creating their structure with the commune typed by
name — then starts a dossier, fills it, and submits it through the confirmation, ticking the
attestation sur l'honneur. In French and in English; every page visited passes axe-core at
1280 and 390 px, and English pages show no French punctuation.

The browser types what a newcomer types (their account, their structure, the dossier's title,
note d'intention and communes); the dossier's long tail (partners, actions, budget, pieces),
which other journeys fill by hand, is completed by the factory between two page loads."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from lanterne.accounts.enums import Role
from lanterne.accounts.models import Membership, User
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier
from tests.accounts.factories import coordinator
from tests.accounts.invitations import last_mail, link_in
from tests.calls.factories import CallFactory
from tests.dossiers.factories import make_complete
from tests.e2e.conftest import assert_clean_console, sign_in
from tests.i18n.visible import french_punctuation, visible_lines
from tests.network.factories import StructureFactory

PASSWORD = "Une-lanterne-magique-2026"
WIDE, NARROW = {"width": 1280, "height": 900}, {"width": 390, "height": 844}

# What the person reads, in each language.
WORDS = {
    "fr": {
        "prefix": "",
        "locale": "fr-FR",
        "who may apply": "Qui peut candidater",
        "sign up": "Créer un compte",
        "first name": "Prénom",
        "last name": "Nom",
        "email": "Adresse e-mail",
        "password": "Mot de passe",
        "password again": "Confirmation du mot de passe",
        "create my account": "Créer mon compte",
        "check your mail": "Vérifiez vos courriels",
        "confirm your address": "Confirmer votre adresse",
        "confirm": "Confirmer et ouvrir mon compte",
        "your structure": "Votre structure",
        "create my structure": "Créer la fiche de ma structure",
        "create your structure": "Créer la fiche de votre structure",
        "structure name": "Nom de la structure",
        "structure type": "Type de structure",
        "cultural actor": "acteur culturel",
        "commune": "Commune",
        "create the record": "Créer la fiche",
        "record created": "La fiche de Ciné-club du Faubourg est créée",
        "start a dossier": "Déposer un dossier",
        "title": "Titre du projet",
        "create the dossier": "Créer le dossier",
        "edit the project": "Modifier le projet",
        "intention": "Note d'intention",
        "save": "Enregistrer",
        "edit the areas": "Modifier les territoires",
        "communes": "Communes concernées",
        "chosen communes": "Communes choisies",
        "submit": "Déposer le dossier",
        "what will be submitted": "Ce qui sera déposé",
        "attest": "Je certifie sur l'honneur ce qui précède.",
        "attests": "atteste sur l'honneur",
        "submitted": "Contenu déposé le",
        "invitation heading": "Créer votre compte",
        "password confirmation": "Confirmation du mot de passe",
        "terms": "J'ai lu et j'accepte les conditions d'utilisation",
        "accept": "Créer mon compte et accepter l'invitation",
        "welcome": "Bienvenue sur Lanterne",
        "my account": "Mon compte",
        "intention text": "Un parcours de cinéma pour les jeunes du quartier, du voir au faire.",
    },
    "en": {
        "prefix": "/en",
        "locale": "en-GB",
        "who may apply": "Who may apply",
        "sign up": "Create an account",
        "first name": "First name",
        "last name": "Last name",
        "email": "E-mail address",
        "password": "Password",
        "password again": "Password confirmation",
        "create my account": "Create my account",
        "check your mail": "Check your e-mail",
        "confirm your address": "Confirm your address",
        "confirm": "Confirm and open my account",
        "your structure": "Your structure",
        "create my structure": "Create my structure's record",
        "create your structure": "Create your structure's record",
        "structure name": "Name of the structure",
        "structure type": "Type of structure",
        "cultural actor": "cultural actor",
        "commune": "Commune",
        "create the record": "Create the record",
        "record created": "The record of Ciné-club du Faubourg is created",
        "start a dossier": "Submit an application",
        "title": "Project title",
        "create the dossier": "Create the application",
        "edit the project": "Edit the project",
        "intention": "Statement of intent",
        "save": "Save",
        "edit the areas": "Edit the areas",
        "communes": "Communes concerned",
        "chosen communes": "Chosen communes",
        "submit": "Submit the application",
        "what will be submitted": "What will be submitted",
        "attest": "I certify the above on my honour.",
        "attests": "declare on my honour",
        "submitted": "Content submitted on",
        "invitation heading": "Create your account",
        "password confirmation": "Password confirmation",
        "terms": "I have read and accept the terms of use",
        "accept": "Create my account and accept the invitation",
        "welcome": "Welcome to Lanterne",
        "my account": "My account",
        "intention text": "A film pathway for the young people of the neighbourhood.",
    },
}


def check(page, assert_accessible, language):
    """axe-core at both widths, a clean console, and, in English, no French punctuation."""
    for size in (WIDE, NARROW):
        page.set_viewport_size(size)
        assert_accessible(page)
    page.set_viewport_size(WIDE)
    assert_clean_console(page, allowed=("status of 422",))
    if language == "en":
        found = [line for line in visible_lines(page.content()) if french_punctuation(line)]
        assert found == [], f"French punctuation on {page.url}: {found}"


def fill_and_submit_a_dossier(page, call, w, language, assert_accessible) -> Dossier:
    """From the call's page: start a dossier, type its note d'intention and its communes, and
    submit it through the confirmation, ticking the attestation."""
    page.goto(w["prefix"] + call.get_absolute_url())
    page.get_by_role("link", name=w["start a dossier"]).first.click()
    page.get_by_label(w["title"]).fill("Regards croisés")
    check(page, assert_accessible, language)
    page.get_by_role("button", name=w["create the dossier"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regards croisés")
    check(page, assert_accessible, language)
    dossier = Dossier.objects.get(title="Regards croisés")
    make_complete(dossier)
    page.reload()

    page.get_by_text(w["edit the project"]).click()
    page.get_by_label(w["intention"]).fill(w["intention text"])
    page.locator("#form-general").get_by_role("button", name=w["save"]).click()
    expect(page.locator("#general-title").locator("..")).to_contain_text(w["intention text"])

    page.get_by_text(w["edit the areas"]).click()
    communes = page.get_by_role("combobox", name=w["communes"])
    communes.press_sequentially("toul", delay=30)
    expect(page.get_by_role("option", name="Toulouse (31)")).to_be_visible()
    check(page, assert_accessible, language)
    communes.press("ArrowDown")
    communes.press("Enter")
    expect(page.get_by_role("list", name=w["chosen communes"])).to_contain_text("Toulouse (31)")
    page.locator("#form-territories").get_by_role("button", name=w["save"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regards croisés")
    check(page, assert_accessible, language)

    page.get_by_role("link", name=w["submit"]).click()
    expect(page.get_by_role("heading", name=w["what will be submitted"])).to_be_visible()
    expect(page.locator("#attestation-text")).to_contain_text(w["attests"])
    check(page, assert_accessible, language)
    page.get_by_label(w["attest"]).check()
    page.get_by_role("button", name=w["submit"]).click()
    expect(page.get_by_text(w["submitted"])).to_be_visible()
    check(page, assert_accessible, language)

    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.state == DossierState.SUBMITTED
    assert dossier.submitted_content["intention"] == w["intention text"]
    assert "31555" in {commune.code for commune in dossier.communes.all()}
    step = dossier.transitions.get(name="submit")
    assert w["attests"] in step.details["attestation"]
    assert step.details["attestation_language"] == language
    return dossier


@pytest.mark.parametrize("language", ["fr", "en"])
def test_visitor_signs_up_from_a_call_and_submits_a_dossier(
    language, open_page, territories, assert_accessible
):
    w = WORDS[language]
    call = CallFactory(
        open_now=True,
        title="Passeurs d'images — appel ouvert",
        region=territories["hauts_de_france"],
    )
    page = open_page(w["locale"])
    page.goto(w["prefix"] + call.get_absolute_url())
    expect(page.get_by_role("heading", name=w["who may apply"])).to_be_visible()
    check(page, assert_accessible, language)
    page.get_by_role("link", name=w["sign up"]).first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(w["sign up"])
    page.get_by_label(w["first name"]).fill("Léa")
    page.get_by_label(w["last name"], exact=True).fill("Martin")
    page.get_by_label(w["email"]).fill("lea.martin@example.org")
    page.get_by_label(w["password"], exact=True).fill(PASSWORD)
    page.get_by_label(w["password again"]).fill(PASSWORD)
    check(page, assert_accessible, language)
    page.get_by_role("button", name=w["create my account"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(w["check your mail"])
    check(page, assert_accessible, language)

    link = re.search(r"https?://[^/\s]+(/\S+/confirmer/\S+)", mail.outbox[-1].body).group(1)
    assert link.startswith(w["prefix"] + "/"), link  # the mail leads back in their language
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(w["confirm your address"])
    check(page, assert_accessible, language)
    page.get_by_role("button", name=w["confirm"]).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(w["your structure"])
    check(page, assert_accessible, language)
    page.get_by_role("link", name=w["create my structure"]).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(w["create your structure"])
    page.get_by_label(w["structure name"]).fill("Ciné-club du Faubourg")
    page.get_by_label(w["structure type"]).select_option(label=w["cultural actor"])
    commune = page.get_by_role("combobox", name=w["commune"])
    commune.press_sequentially("lil", delay=50)
    option = page.get_by_role("listbox").get_by_role("option").filter(has_text="Lille")
    expect(option.first).to_be_visible()
    check(page, assert_accessible, language)
    commune.press("ArrowDown")
    commune.press("Enter")
    expect(commune).to_have_value(re.compile(r"^Lille \("))
    page.get_by_role("button", name=w["create the record"]).click()

    expect(page).to_have_url(re.compile(re.escape(call.get_absolute_url()) + "$"))
    expect(page.get_by_text(w["record created"])).to_be_visible()
    check(page, assert_accessible, language)
    user = User.objects.get(email="lea.martin@example.org")
    assert Membership.objects.filter(
        user=user, structure__name="Ciné-club du Faubourg", role=Role.APPLICANT
    ).exists()
    assert user.language == language

    dossier = fill_and_submit_a_dossier(page, call, w, language, assert_accessible)
    assert dossier.applicant.name == "Ciné-club du Faubourg"
    assert dossier.applicant.commune_id == territories["lille"].code


@pytest.mark.parametrize("language", ["fr", "en"])
def test_invited_applicant_sets_a_password_and_submits_a_dossier(
    language, open_page, territories, assert_accessible
):
    w = WORDS[language]
    coordinator(
        region=territories["occitanie"], email="ines.bernard@example.org", first_name="Inès"
    )
    structure = StructureFactory(name="Ciné des Faubourgs", commune=territories["toulouse"])
    call = CallFactory(
        open_now=True, title="Passeurs d'images — appel ouvert", region=territories["occitanie"]
    )

    # The coordinator (in French) invites the applicant, whose e-mail is in their language.
    page = open_page()
    sign_in(page, "ines.bernard@example.org")
    page.goto("/compte/profil/")
    page.get_by_role("link", name="Inviter des personnes et suivre les invitations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitations")
    form = page.locator("form", has=page.get_by_role("button", name="Envoyer l'invitation"))
    form.get_by_label("Adresse e-mail de la personne invitée").fill("lea.petit@example.org")
    form.get_by_label("Rôle").select_option(label="porteur de projet")
    choice = form.get_by_role("combobox", name="Structure")
    choice.press_sequentially("faubourgs", delay=30)
    expect(page.get_by_role("listbox").get_by_role("option").first).to_contain_text(
        "Ciné des Faubourgs"
    )
    choice.press("ArrowDown")
    choice.press("Enter")
    expect(choice).to_have_value(re.compile("^Ciné des Faubourgs"))
    form.get_by_label("Langue du courriel d'invitation").select_option(language)
    form.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.get_by_text("L'invitation a été envoyée à lea.petit@example.org.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("lea.petit@example.org"))).to_contain_text(
        "En attente"
    )
    check(page, assert_accessible, "fr")

    link = link_in(last_mail("lea.petit@example.org"))
    assert link.startswith(w["prefix"] + "/invitation/"), link
    invited = open_page(w["locale"])
    invited.goto(link)
    expect(invited.get_by_role("heading", level=1)).to_have_text(w["invitation heading"])
    expect(invited.locator(".invitation-summary")).to_contain_text("Ciné des Faubourgs")
    check(invited, assert_accessible, language)
    invited.get_by_label(w["first name"]).fill("Léa")
    invited.get_by_label(w["last name"], exact=True).fill("Petit")
    invited.get_by_label(w["password"], exact=True).fill(PASSWORD)
    invited.get_by_label(w["password confirmation"]).fill(PASSWORD)
    invited.get_by_role("button", name=w["accept"]).click()
    # Without the terms ticked, nothing is created and the names stay.
    expect(invited.locator("#id_terms_error")).to_be_visible()
    expect(invited.get_by_label(w["last name"], exact=True)).to_have_value("Petit")
    check(invited, assert_accessible, language)
    invited.get_by_label(w["password"], exact=True).fill(PASSWORD)
    invited.get_by_label(w["password confirmation"]).fill(PASSWORD)
    invited.get_by_label(re.compile(re.escape(w["terms"]))).check()
    invited.get_by_role("button", name=w["accept"]).click()

    expect(invited).to_have_url(re.compile(r"/accueil/$"))
    expect(invited.get_by_text(w["welcome"])).to_be_visible()
    expect(invited.get_by_role("button", name=w["my account"])).to_be_visible()
    check(invited, assert_accessible, language)
    user = User.objects.get(email="lea.petit@example.org")
    assert Membership.objects.filter(user=user, structure=structure, role=Role.APPLICANT).exists()

    dossier = fill_and_submit_a_dossier(invited, call, w, language, assert_accessible)
    assert dossier.applicant == structure
