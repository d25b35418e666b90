"""Journey: an applicant submits its dossier through the confirmation page, which shows what
will be frozen and the attestation sur l'honneur; without the tick it is refused and says so;
ticked, the dossier is submitted, and the coordination reads the attestation on its page.
Every page visited is scanned by axe-core."""

from playwright.sync_api import expect

from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier, DossierTransition
from tests.calls.factories import CallFactory, call_coordinator
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.e2e.conftest import assert_clean_console, sign_in


def check(page, assert_accessible):
    assert_accessible(page)
    assert_clean_console(page)


def test_submit_through_the_confirmation_with_the_attestation(open_page, assert_accessible):
    call = CallFactory(open_now=True, title="Passeurs d'images — appel ouvert")
    dossier = DossierFactory(call=call, complete=True, title="Regards croisés")
    applicant = dossier_applicant(dossier, email="porteur@example.org")
    coordinator = call_coordinator(call, email="coordination@example.org")

    page = open_page()
    sign_in(page, applicant.email)
    page.goto(f"/dossiers/{dossier.pk}/")

    # Something typed and not saved: leaving for the confirmation asks first; staying keeps it.
    page.get_by_text("Modifier le projet").click()
    page.get_by_label("Note d'intention").fill("Une note pas encore enregistrée.")
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    page.get_by_role("link", name="Déposer le dossier").click()
    expect(page.get_by_label("Note d'intention")).to_have_value("Une note pas encore enregistrée.")
    assert asked == ["beforeunload"]
    # Reloading drops the unsaved note (with no listener, Playwright accepts the question).
    page.reload()
    page.get_by_role("link", name="Déposer le dossier").click()

    # The confirmation shows the dossier as it will be frozen, and the attestation.
    expect(page.get_by_role("heading", level=1)).to_have_text("Déposer le dossier")
    expect(page.get_by_role("heading", name="Ce qui sera déposé")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Regards croisés")
    expect(page.locator("#attestation-text")).to_contain_text("atteste sur l'honneur")
    check(page, assert_accessible)

    # Without the tick: refused, with a message that leads to the box.
    page.get_by_role("button", name="Déposer le dossier").click()
    errors = page.locator("#submit-errors")
    expect(errors).to_contain_text("Cochez l'attestation sur l'honneur")
    check(page, assert_accessible)
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.DRAFT
    errors.get_by_role("link").click()
    expect(page.get_by_label("Je certifie sur l'honneur ce qui précède.")).to_be_visible()

    # Ticked: submitted.
    page.get_by_label("Je certifie sur l'honneur ce qui précède.").check()
    page.get_by_role("button", name="Déposer le dossier").click()
    expect(page.get_by_text("Contenu déposé le")).to_be_visible()
    check(page, assert_accessible)
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.SUBMITTED
    step = DossierTransition.objects.get(dossier=dossier, name="submit")
    assert "atteste sur l'honneur" in step.details["attestation"]

    # The coordination reads the attestation on the submitted dossier's page.
    coordination = open_page()
    sign_in(coordination, coordinator.email)
    coordination.goto(f"/dossiers/{dossier.pk}/")
    attestation = coordination.locator("#attestation")
    expect(attestation).to_contain_text("Attestation sur l'honneur")
    expect(attestation).to_contain_text("atteste sur l'honneur")
    check(coordination, assert_accessible)
