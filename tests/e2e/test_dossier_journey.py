"""A dossier's whole journey in the browser: the applicant fills it in, sees a rule fail,
fixes it, submits and downloads the receipt; the coordinator returns it for completion; the
applicant submits again; the committee member gives an opinion; the coordinator accepts it.
Every page visited is scanned by axe-core."""

import re

from playwright.sync_api import expect

from lanterne.calls.enums import PartnerRole
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier
from tests.calls.factories import CallFactory, call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.e2e.conftest import assert_clean_console, sign_in


def check(page, assert_accessible):
    assert_accessible(page)
    assert_clean_console(page)


def test_dossier_from_draft_to_acceptance(open_page, assert_accessible):
    call = CallFactory(open_now=True, title="Passeurs d'images — appel ouvert")
    dossier = DossierFactory(call=call, complete=True, title="Regards croisés")
    # The draft lacks its diffusion venue: the tripartite rule fails until it is added.
    dossier.partners.filter(role=PartnerRole.DIFFUSION).delete()
    applicant = dossier_applicant(dossier, email="porteur@example.org")
    coordinator = call_coordinator(call, email="coordination@example.org")
    session = CommitteeSessionFactory(call=call, title="Comité de décembre")
    member = committee_member_of(session, email="drac@example.org")

    # The applicant fills the note d'intention and sees the partnership rule fail.
    page = open_page()
    sign_in(page, applicant.email)
    page.goto(f"/dossiers/{dossier.pk}/")
    eligibility = page.locator("#eligibility")
    expect(eligibility).to_contain_text("Partenariat tripartite")
    expect(eligibility).to_contain_text("structure de diffusion")
    expect(eligibility).to_contain_text("ne peut pas être déposé")
    check(page, assert_accessible)

    page.get_by_text("Modifier le projet").click()
    page.get_by_label("Note d'intention").fill(
        "Un parcours de cinéma pour les jeunes du quartier, du voir au faire."
    )
    page.locator("#form-general").get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#general-title").locator("..")).to_contain_text("du voir au faire")

    # It fixes the partnership by adding the cinema, and the rule passes.
    page.get_by_text("Ajouter un partenaire").click()
    form = page.locator("#form-partner")
    form.get_by_label("Rôle dans le projet").select_option(PartnerRole.DIFFUSION)
    form.get_by_label("Nom", exact=True).fill("Cinéma Le Régent")
    form.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#eligibility")).to_contain_text("Toutes les règles bloquantes")
    check(page, assert_accessible)

    # It submits through the confirmation, attesting on its honour, and downloads the receipt.
    page.get_by_role("link", name="Déposer le dossier").click()
    page.get_by_label("Je certifie sur l'honneur ce qui précède.").check()
    page.get_by_role("button", name="Déposer le dossier").click()
    expect(page.get_by_text("Contenu déposé le")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Récépissé de dépôt (PDF)").click()
    with open(download.value.path(), "rb") as receipt:
        assert receipt.read(5) == b"%PDF-"
    check(page, assert_accessible)
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SUBMITTED

    # The coordinator returns it for completion.
    coordination = open_page()
    sign_in(coordination, coordinator.email)
    coordination.goto(f"/dossiers/{dossier.pk}/")
    check(coordination, assert_accessible)
    coordination.get_by_text("Renvoyer pour compléments").click()
    coordination.get_by_label("Ce que le porteur doit compléter").fill(
        "Précisez le nombre de séances de l'atelier."
    )
    coordination.locator("#instruction").get_by_role("button", name="Enregistrer").first.click()
    expect(coordination.locator("#history")).to_contain_text("Précisez le nombre de séances")
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SENT_BACK

    # The applicant completes and submits again.
    page.goto(f"/dossiers/{dossier.pk}/")
    expect(page.locator("#history")).to_contain_text("Précisez le nombre de séances")
    page.get_by_text("Modifier le projet").click()
    page.get_by_label("Note d'intention").fill(
        "Un parcours de cinéma pour les jeunes du quartier : dix séances d'atelier."
    )
    page.locator("#form-general").get_by_role("button", name="Enregistrer").click()
    page.get_by_role("link", name="Déposer le dossier").click()
    page.get_by_label("Je certifie sur l'honneur ce qui précède.").check()
    page.get_by_role("button", name="Déposer le dossier").click()
    expect(page.get_by_text("Contenu déposé le")).to_be_visible()

    # The coordinator puts it on the committee's agenda.
    coordination.goto(f"/comites/{session.pk}/")
    coordination.get_by_label(re.compile("Regards croisés")).check()
    coordination.get_by_role("button", name="Inscrire à l'ordre du jour").click()
    expect(coordination.get_by_role("heading", name="Décisions")).to_be_visible()
    check(coordination, assert_accessible)

    # The committee member gives an opinion, which is then locked.
    committee = open_page()
    sign_in(committee, member.email)
    committee.goto(f"/comites/{session.pk}/dossiers/{dossier.pk}/")
    check(committee, assert_accessible)
    committee.get_by_label("favorable", exact=True).check()
    committee.get_by_label("Montant proposé (€)").fill("4 000")
    committee.get_by_label("Commentaire").fill("Projet solide, partenariat complet.")
    committee.get_by_role("button", name="Donner mon avis").click()
    expect(committee.get_by_text("Votre avis, donné le")).to_be_visible()
    expect(committee.get_by_role("button", name="Donner mon avis")).to_have_count(0)

    # The coordinator sees the tally and accepts the dossier with the amount.
    coordination.goto(f"/comites/{session.pk}/")
    expect(coordination.locator("main")).to_contain_text("4\u202f000,00\xa0€")
    decision = coordination.locator("form", has_text="Regards croisés").filter(
        has=coordination.get_by_role("group", name="Décision")
    )
    # No outcome is chosen in advance.
    expect(decision.get_by_role("radio", checked=True)).to_have_count(0)
    decision.get_by_label("retenu", exact=True).check()
    decision.get_by_label("Montant attribué (€)").fill("4000")
    decision.get_by_role("button", name="Enregistrer").click()
    expect(decision).to_have_count(0)
    expect(coordination.locator("main")).to_contain_text("retenu")
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.state == DossierState.ACCEPTED
    assert str(dossier.granted_amount) == "4000.00"
