"""A submitted dossier is frozen: what the committee reads is what was submitted, and the
receipt's fingerprint proves it."""

import pytest

from lanterne.dossiers import services
from lanterne.dossiers.content import dossier_content, fingerprint
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier, Partner
from tests.calls.factories import paris
from tests.dossiers.factories import DossierFactory, dossier_applicant


@pytest.fixture
def submitted():
    dossier = DossierFactory(complete=True)
    services.dossier_submit(
        dossier=dossier, by=dossier_applicant(dossier), at=paris("2023-10-31 23:59:00")
    )
    return Dossier.objects.for_content().get(pk=dossier.pk)


def test_submission_freezes_content_and_fingerprint(submitted):
    assert submitted.submitted_content == dossier_content(submitted)
    assert submitted.fingerprint == fingerprint(submitted.submitted_content)
    assert len(submitted.fingerprint) == 64
    assert submitted.submitted_at == paris("2023-10-31 23:59:00")


def test_fingerprint_changes_with_any_content_change(submitted):
    content = dict(submitted.submitted_content, intention="Autre chose")
    assert fingerprint(content) != submitted.fingerprint


def test_submitted_dossier_refuses_edits(submitted):
    user = submitted.applicant.memberships.first().user
    with pytest.raises(services.ServiceError) as refusal:
        services.dossier_update(
            dossier=submitted, expected_version=submitted.version, by=user, title="Nouveau"
        )
    assert Dossier.objects.get(pk=submitted.pk).title != "Nouveau"
    assert "déposé" in refusal.value.messages[0]
    with pytest.raises(services.ServiceError):
        services.dossier_save_item(
            dossier=submitted,
            expected_version=submitted.version,
            by=user,
            item=Partner(role="other", name="Ajout tardif"),
        )
    assert not submitted.partners.filter(name="Ajout tardif").exists()


def test_resubmission_after_return_freezes_the_new_content(submitted):
    from tests.calls.factories import call_coordinator

    coordinator = call_coordinator(submitted.call)
    services.dossier_send_back(dossier=submitted, by=coordinator, reason="Précisez le public.")
    user = submitted.applicant.memberships.first().user
    dossier = Dossier.objects.get(pk=submitted.pk)
    services.dossier_update(
        dossier=dossier,
        expected_version=dossier.version,
        by=user,
        public_description="Jeunes de 12 à 18 ans",
    )
    services.dossier_submit(dossier=dossier, by=user, at=paris("2023-11-20 10:00:00"))
    dossier = Dossier.objects.get(pk=submitted.pk)
    assert dossier.state == DossierState.SUBMITTED
    assert dossier.submitted_content["public"]["description"] == "Jeunes de 12 à 18 ans"
    assert dossier.fingerprint != submitted.fingerprint
