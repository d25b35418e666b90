"""Two people editing the same dossier never silently overwrite each other."""

import pytest

from lanterne.dossiers import services
from lanterne.dossiers.models import Dossier, Partner
from tests.dossiers.factories import DossierFactory, dossier_applicant


def test_second_save_from_a_stale_version_is_refused():
    dossier = DossierFactory()
    alice = dossier_applicant(dossier, first_name="Alice", last_name="Martin")
    bob = dossier_applicant(dossier)
    opened = Dossier.objects.get(pk=dossier.pk).version  # both open the form at this version
    services.dossier_update(
        dossier=Dossier.objects.get(pk=dossier.pk),
        expected_version=opened,
        by=alice,
        title="Version d'Alice",
    )
    with pytest.raises(services.ConcurrentEdit) as refusal:
        services.dossier_update(
            dossier=Dossier.objects.get(pk=dossier.pk),
            expected_version=opened,
            by=bob,
            title="Version de Bob",
        )
    assert "Alice Martin" in refusal.value.messages[0]
    assert Dossier.objects.get(pk=dossier.pk).title == "Version d'Alice"


def test_items_are_versioned_too():
    """Adding a partner from a stale page is refused as well."""
    dossier = DossierFactory()
    alice, bob = dossier_applicant(dossier), dossier_applicant(dossier)
    opened = dossier.version
    services.dossier_save_item(
        dossier=dossier, expected_version=opened, by=alice, item=Partner(role="cultural", name="A")
    )
    with pytest.raises(services.ConcurrentEdit):
        services.dossier_save_item(
            dossier=Dossier.objects.get(pk=dossier.pk),
            expected_version=opened,
            by=bob,
            item=Partner(role="cultural", name="B"),
        )
    assert list(Partner.objects.filter(dossier=dossier).values_list("name", flat=True)) == ["A"]


def test_successive_saves_from_fresh_versions_succeed():
    dossier = DossierFactory()
    user = dossier_applicant(dossier)
    for title in ("Un", "Deux", "Trois"):
        current = Dossier.objects.get(pk=dossier.pk)
        services.dossier_update(
            dossier=current, expected_version=current.version, by=user, title=title
        )
    assert Dossier.objects.get(pk=dossier.pk).title == "Trois"
