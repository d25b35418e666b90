"""The submission receipt and the printable dossier are PDFs built from the frozen content."""

from django.urls import reverse
from django.utils.html import escape

from lanterne.www.dossiers.views.pdf import print_html, receipt_html
from tests.calls.factories import call_coordinator
from tests.dossiers.factories import DossierFactory, dossier_applicant


def test_receipt_is_a_pdf_for_a_submitted_dossier(login):
    dossier = DossierFactory(state="submitted")
    response = login(dossier_applicant(dossier)).get(reverse("dossiers:receipt", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_receipt_states_reference_applicant_time_fingerprint_and_summary():
    """The receipt names the reference, applicant, call, Paris time to the second, the
    SHA-256 fingerprint, the title, budget totals and the DRAC request."""
    dossier = DossierFactory(state="submitted")
    html = receipt_html(dossier)
    assert dossier.reference in html
    assert dossier.applicant.name in html
    assert escape(dossier.call.title) in html
    assert "(heure de Paris)" in html
    assert dossier.fingerprint in html
    assert dossier.title in html
    assert "10\xa0000,00 €" in html
    assert "4\xa0000,00 €" in html


def test_no_receipt_for_a_draft(login):
    dossier = DossierFactory(call__open_now=True)
    response = login(dossier_applicant(dossier)).get(reverse("dossiers:receipt", args=[dossier.pk]))
    assert response.status_code == 404


def test_printable_draft_is_marked_brouillon(login):
    dossier = DossierFactory(complete=True, call__open_now=True)
    html = print_html(dossier)
    assert "BROUILLON" in html
    assert "Partenariat tripartite" in html
    response = login(dossier_applicant(dossier)).get(reverse("dossiers:print", args=[dossier.pk]))
    assert response.content.startswith(b"%PDF")


def test_printable_submitted_dossier_uses_frozen_content(login):
    """The committee reads what was submitted, not later changes."""
    dossier = DossierFactory(state="submitted")
    dossier.partners.update(name="Changé après dépôt")
    html = print_html(dossier)
    assert "BROUILLON" not in html
    assert "Cinéma Le Régent" in html
    assert "Changé après dépôt" not in html
    assert dossier.fingerprint in html
    response = login(call_coordinator(dossier.call)).get(
        reverse("dossiers:print", args=[dossier.pk])
    )
    assert response.content.startswith(b"%PDF")
