"""An accepted dossier offers the document carrying what cerfa n°12156 asks for: the
structure, the project, its budget; for its applicant and its coordination only."""

import io
from html import escape

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from lanterne.dossiers.cerfa import grant_request
from lanterne.dossiers.models import BudgetLine, Dossier
from lanterne.network.models import Structure
from tests.calls.factories import call_coordinator
from tests.committee.factories import CommitteeSessionFactory, committee_member_of
from tests.dossiers.factories import DossierFactory, dossier_applicant
from tests.network.factories import AffiliationFactory, PersonFactory, StructureFactory


def url(dossier: Dossier) -> str:
    return reverse("dossiers:grant_request", args=[dossier.pk])


def accepted_dossier() -> Dossier:
    dossier = DossierFactory(
        state="accepted",
        applicant__name="Association Lumière des Lilas",
        applicant__siret="12345678900011",
        applicant__address="3 rue des Lilas",
        applicant__postal_code="31000",
    )
    return Dossier.objects.select_related("applicant__commune", "call", "created_by").get(
        pk=dossier.pk
    )


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_applicant_downloads_a_pdf_naming_the_structure(login):
    dossier = accepted_dossier()
    response = login(dossier_applicant(dossier)).get(url(dossier))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Association Lumière des Lilas" in text
    assert "12156" in text


def test_document_carries_identification_project_and_budget_by_cerfa_heading():
    """Identification (name, SIRET, address, legal representative, contact), the project
    (title, objectives, public, places) and the budget by the cerfa's headings with the
    amounts asked of each funder; what Lanterne does not know says so, never invented."""
    dossier = accepted_dossier()
    AffiliationFactory(
        structure=dossier.applicant,
        person=PersonFactory(first_name="Claire", last_name="Martin", email="claire@example.org"),
        position="Présidente",
    )
    html = render_to_string("pdf/grant_request.html", grant_request(dossier))
    assert "Association Lumière des Lilas" in html
    assert "123 456 789 00011" in html
    assert "3 rue des Lilas" in html
    assert "Claire Martin, Présidente" in html
    assert dossier.created_by.email in html
    assert "Numéro RNA (associations)</th><td>non renseigné" in html
    assert dossier.title in html
    assert escape("Un parcours d'éducation aux images") in html
    assert "de 12 à 18 ans" in html
    assert escape("62 — Autres services extérieurs (rémunérations d'intervenants)") in html
    assert "61 — Services extérieurs (locations)" in html
    assert escape("74 — Subvention de l'État : ministère de la Culture (DRAC)") in html
    assert "74 — Organismes sociaux (CAF)" in html
    assert "10\xa0000,00 €" in html  # total of charges and of products
    assert "4\xa0000,00 €" in html  # asked of the DRAC, and granted
    assert "pré-rempli depuis Lanterne" in html
    assert "ce n'est pas le formulaire officiel" in html


def test_document_reads_the_frozen_submission_not_later_changes():
    dossier = accepted_dossier()
    BudgetLine.objects.filter(dossier=dossier).update(label="Changé après la décision")
    html = render_to_string("pdf/grant_request.html", grant_request(dossier))
    assert "Changé après la décision" not in html


def test_without_a_representative_the_document_says_it_is_not_given():
    """No declared representative and no affiliated president or director: "non renseigné",
    never a guess."""
    dossier = accepted_dossier()
    AffiliationFactory(structure=dossier.applicant, position="Chargée de mission")
    context = grant_request(dossier)
    assert context["representative"] is None
    assert "Représentant légal</th><td>non renseigné" in render_to_string(
        "pdf/grant_request.html", context
    )


def test_document_carries_the_declared_rna_number_and_legal_representative():
    """The structure's RNA number and the legal representative its record declares (name and
    qualité) are the cerfa's; the declared one wins over an affiliated president."""
    dossier = accepted_dossier()
    Structure.objects.filter(pk=dossier.applicant_id).update(
        rna="W313012345",
        legal_representative_name="Louise Arnaud",
        legal_representative_role="co-présidente",
    )
    AffiliationFactory(
        structure=dossier.applicant,
        person=PersonFactory(first_name="Claire", last_name="Martin"),
        position="Présidente",
    )
    dossier.applicant.refresh_from_db()
    html = render_to_string("pdf/grant_request.html", grant_request(dossier))
    assert "Numéro RNA (associations)</th><td>W313012345</td>" in html
    assert "Représentant légal</th><td>Louise Arnaud, co-présidente</td>" in html
    assert "Claire Martin" not in html


def test_a_representative_without_qualite_shows_the_name_alone():
    dossier = accepted_dossier()
    dossier.applicant.legal_representative_name = "Louise Arnaud"
    html = render_to_string("pdf/grant_request.html", grant_request(dossier))
    assert "Représentant légal</th><td>Louise Arnaud</td>" in html


def test_the_pdf_shows_the_rna_number(login):
    dossier = accepted_dossier()
    Structure.objects.filter(pk=dossier.applicant_id).update(
        rna="W313012345", legal_representative_name="Louise Arnaud"
    )
    response = login(dossier_applicant(dossier)).get(url(dossier))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = pdf_text(content)
    assert "W313012345" in text
    assert "Louise Arnaud" in text


def test_the_coordination_may_download_it(login):
    dossier = accepted_dossier()
    response = login(call_coordinator(dossier.call)).get(url(dossier))
    assert response.status_code == 200


def test_link_on_the_accepted_dossier_page_only(login):
    dossier = accepted_dossier()
    client = login(dossier_applicant(dossier))
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert url(dossier) in page
    pending = DossierFactory(state="in_committee", applicant=dossier.applicant)
    page = client.get(reverse("dossiers:detail", args=[pending.pk])).content.decode()
    assert url(pending) not in page


@pytest.mark.parametrize("state", ["submitted", "in_committee", "refused"])
def test_no_document_before_or_without_acceptance(login, state):
    dossier = DossierFactory(state=state)
    assert login(dossier_applicant(dossier)).get(url(dossier)).status_code == 404


def test_other_structures_and_visitors_are_refused(login):
    dossier = accepted_dossier()
    other = DossierFactory(applicant=StructureFactory(applicant_commune=True))
    assert login(dossier_applicant(other)).get(url(dossier)).status_code == 404
    response = Client().get(url(dossier))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_committee_member_reads_the_dossier_but_not_this_document(login):
    """The committee judged the dossier; the document is the applicant's, to send."""
    dossier = accepted_dossier()
    session = CommitteeSessionFactory(call=dossier.call)
    session.dossiers.add(dossier)
    member = committee_member_of(session)
    client = login(member)
    assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 200
    assert client.get(url(dossier)).status_code == 403
