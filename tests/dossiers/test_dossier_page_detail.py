"""The dossier page shows the whole content, the live eligibility and the history."""

import pytest
from django.urls import reverse

from lanterne.calls.enums import PartnerRole
from lanterne.dossiers.enums import BudgetSide, ExpenseCategory
from lanterne.dossiers.models import BudgetLine, Partner
from tests.calls.factories import call_coordinator
from tests.dossiers.factories import DossierFactory, dossier_applicant


def test_draft_page_shows_content_forms_and_every_rule(login):
    """An applicant sees its draft's content, the section forms and each rule's status in
    words (not colour only), with whether it blocks."""
    dossier = DossierFactory(complete=True, call__open_now=True)
    client = login(dossier_applicant(dossier))
    response = client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert response.status_code == 200
    text = response.text
    assert "Cinéma Le Régent" in text
    assert "10\xa0000,00 €" in text  # total expenses
    assert "4\xa0000,00 €" in text  # DRAC request
    assert "Partenariat tripartite" in text
    assert "respecté" in text
    assert "règle bloquante" in text
    assert 'name="general-expected_version"' in text
    assert reverse("dossiers:eligibility", args=[dossier.pk]) in text


def test_eligibility_fragment_lists_failures(login):
    """The htmx eligibility panel says which rule is not met, and why, in plain words."""
    dossier = DossierFactory(call__open_now=True)
    client = login(dossier_applicant(dossier))
    response = client.get(reverse("dossiers:eligibility", args=[dossier.pk]))
    assert response.status_code == 200
    assert "non respecté" in response.text
    assert "ne peut pas être déposé" in response.text
    assert "<html" not in response.text


def test_submitted_dossier_shows_frozen_content_without_forms(login):
    """Once submitted, the page shows the frozen content, even if rows changed since, and no
    edit form."""
    dossier = DossierFactory(state="submitted")
    Partner.objects.filter(dossier=dossier).update(name="Changé après dépôt")
    client = login(dossier_applicant(dossier))
    response = client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert "Cinéma Le Régent" in response.text
    assert "Changé après dépôt" not in response.text
    assert "expected_version" not in response.text
    assert reverse("dossiers:receipt", args=[dossier.pk]) in response.text


def test_history_lists_transitions_in_paris_time(login):
    """The history shows who moved the dossier, from which state to which, in Paris time."""
    dossier = DossierFactory(state="under_review")
    client = login(dossier_applicant(dossier))
    response = client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert "(heure de Paris)" in response.text
    assert "en instruction" in response.text
    assert str(dossier.created_by) in response.text


def _rows(dossier, count):
    for index in range(count):
        Partner.objects.create(dossier=dossier, role=PartnerRole.OTHER, name=f"Partenaire {index}")
        BudgetLine.objects.create(
            dossier=dossier,
            side=BudgetSide.EXPENSE,
            category=ExpenseCategory.OTHER,
            label=f"Dépense {index}",
            amount=1,
        )


# Dossier with its prefetches, scope, session, perms, transitions, messages, notes, forms.
# The session, its user and the device of its second factor come first.
QUERIES = {"applicant": 20, "coordinator": 24}
# The eligibility panel: the same, without the history, the messages and the notes.
ELIGIBILITY_QUERIES = 21


@pytest.mark.parametrize("rows", [1, 10])
@pytest.mark.parametrize("who", ["applicant", "coordinator"])
def test_query_count_does_not_grow_with_rows(login, django_assert_num_queries, who, rows):
    """The page costs the same number of queries with 1 or 10 partners, actions and lines."""
    dossier = DossierFactory(complete=True, call__open_now=True)
    _rows(dossier, rows)
    user = dossier_applicant(dossier) if who == "applicant" else call_coordinator(dossier.call)
    client = login(user)
    with django_assert_num_queries(QUERIES[who]):
        response = client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 10])
def test_eligibility_panel_query_count_does_not_grow_with_rows(
    login, django_assert_num_queries, rows
):
    """The coordination's eligibility panel costs the same with 1 or 10 partners and lines,
    and still reads today's verdict (the draft's rules, evaluated now)."""
    dossier = DossierFactory(complete=True, call__open_now=True)
    _rows(dossier, rows)
    client = login(call_coordinator(dossier.call))
    with django_assert_num_queries(ELIGIBILITY_QUERIES):
        response = client.get(reverse("dossiers:eligibility", args=[dossier.pk]))
    assert response.status_code == 200
    assert "Partenariat tripartite" in response.text
