"""A submitted dossier keeps codes; each reader reads its labels, and its frozen verdict, in
their own language."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from lanterne.calls.enums import DocumentKind, Funder, PartnerRole
from lanterne.dossiers import services
from lanterne.dossiers.content import fingerprint, relabeled
from lanterne.dossiers.enums import ActionType, ExpenseCategory, Typology
from lanterne.dossiers.models import Dossier
from lanterne.www.dossiers.display import for_display
from tests.calls.factories import paris
from tests.dossiers.factories import DossierFactory, dossier_applicant

pytestmark = pytest.mark.django_db


def _english(choice) -> str:
    with translation.override("en"):
        return str(choice.label)


def _french(choice) -> str:
    with translation.override("fr"):
        return str(choice.label)


@pytest.fixture
def submitted_in_french():
    dossier = DossierFactory(complete=True)
    with translation.override("fr"):
        services.dossier_submit(
            dossier=dossier, by=dossier_applicant(dossier), at=paris("2023-10-31 23:59:00")
        )
    return Dossier.objects.for_content().get(pk=dossier.pk)


def test_the_frozen_content_keeps_codes(submitted_in_french):
    content = submitted_in_french.submitted_content
    assert {p["role"] for p in content["partners"]} >= {PartnerRole.CULTURAL.value}
    assert {line["funder"] for line in content["budget"]["resources"]} >= {Funder.DRAC.value}
    assert fingerprint(content) == submitted_in_french.fingerprint


def test_submitted_in_french_reads_in_english(login, submitted_in_french):
    dossier = submitted_in_french
    client = login(dossier_applicant(dossier))
    page = html.unescape(client.get("/en" + reverse("dossiers:detail", args=[dossier.pk])).text)
    # The applicant's own words (« Atelier documentaire », a budget line's label) are theirs:
    # left out of the check.
    for title in dossier.actions.values_list("title", flat=True):
        page = page.replace(title, "")
    for label in dossier.budget_lines.values_list("label", flat=True):
        page = page.replace(f">{label}<", "><")
    for choice in (
        PartnerRole.CULTURAL,
        ActionType.CREATION_WORKSHOP,
        Typology.DOCUMENTARY,
        ExpenseCategory.EQUIPMENT,
        Funder.CAF,
        DocumentKind.SPEAKER_CV,
    ):
        english = _english(choice)
        assert english != _french(choice), choice
        assert english.lower() in page.lower(), choice
        assert _french(choice).lower() not in page.lower(), choice
    # The verdict frozen at submission is read in English too.
    assert "does not exceed the ceiling" in page or "ceiling of" in page
    with translation.override("fr"):
        french = relabeled(dossier.submitted_content)
    assert french["partners"][0]["role_label"] == _french(PartnerRole.CULTURAL)


def test_the_frozen_verdict_keeps_every_language(submitted_in_french):
    rules = submitted_in_french.submitted_eligibility["rules"]
    assert all(set(rule["messages"]) == {"fr", "en"} for rule in rules)
    ceiling = next(rule for rule in rules if rule["code"] == "grant_ceiling")
    assert "plafond" in ceiling["messages"]["fr"] and "ceiling" in ceiling["messages"]["en"]


def test_content_frozen_before_codes_is_shown_as_it_was():
    """Old snapshots carry only labels, or codes no longer in use: they are shown as stored."""
    old = {
        "partners": [{"role_label": "structure culturelle", "name": "X"}],
        "actions": [{"action_type": "retired_kind", "type_label": "ancien type", "title": "A"}],
        "budget": {
            "expenses": [{"heading": "Frais anciens", "label": "x", "amount": "10.00"}],
            "resources": [{"funder": Funder.DRAC.value, "heading": "DRAC", "amount": "10.00"}],
        },
        "documents": [{"kind_label": "pièce", "name": "a.pdf", "size": 1}],
    }
    with translation.override("en"):
        shown = relabeled(old)
        display = for_display(old)
    assert shown["partners"][0]["role_label"] == "structure culturelle"
    assert shown["actions"][0]["type_label"] == "ancien type"
    assert shown["actions"][0]["typology_label"] == ""
    assert shown["budget"]["expenses"][0]["heading"] == "Frais anciens"
    assert shown["budget"]["resources"][0]["heading"] == _english(Funder.DRAC)
    assert shown["documents"][0]["kind_label"] == "pièce"
    assert display["budget"]["total_expenses"] == 0
