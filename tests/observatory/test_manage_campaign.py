"""The network admin defines a campaign from the site: year, deadlines, reporting structures."""

import datetime

from django.urls import reverse

from lanterne.core.models import AuditEvent
from lanterne.observatory.models import Campaign
from tests.network.factories import PoleFactory, StructureFactory

from .factories import CampaignFactory, IndicatorFactory, ReturnFactory


def _data(**overrides):
    data = {
        "name": "Panorama 2025-2026",
        "slug": "panorama-2025-2026",
        "year": "2025",
        "previous": "",
        "first_returns_due": "2026-06-30",
        "checkpoint_on": "2026-07-15",
        "consolidation_on": "2026-11-15",
        "method_notes": "Collecte déclarative.",
    }
    data.update(overrides)
    return data


def test_admin_creates_a_campaign_with_every_poles_structures(admin_user, login):
    """« Toutes les structures porteuses d'un pôle » adds every carrier to the ticked ones."""
    carriers = StructureFactory.create_batch(2, pole=True)
    PoleFactory(carriers=[carriers[0]])
    PoleFactory(carriers=[carriers[1]])
    coordination = StructureFactory(pi_coordination=True)
    previous = CampaignFactory(slug="panorama-2024-2025")
    response = login(admin_user).post(
        reverse("observatory:campaign_create"),
        _data(previous=previous.pk, structures=[coordination.pk], all_poles="on"),
    )
    campaign = Campaign.objects.get(slug="panorama-2025-2026")
    assert response.status_code == 302
    assert response.url == reverse("observatory:campaign_edit", args=[campaign.slug])
    assert campaign.previous == previous
    assert campaign.year == 2025
    assert campaign.school_year == "2025-2026"
    assert campaign.consolidation_on == datetime.date(2026, 11, 15)
    assert set(campaign.structures.all()) == {*carriers, coordination}
    assert AuditEvent.objects.filter(
        action="observatory.campaign_create", object_id=str(campaign.pk)
    ).exists()


def test_deadlines_out_of_order_are_refused_and_input_kept(admin_user, login):
    """The checkpoint cannot come before the first returns; what was typed stays."""
    response = login(admin_user).post(
        reverse("observatory:campaign_create"),
        _data(checkpoint_on="2026-05-01", name="Ma campagne tapée"),
    )
    assert response.status_code == 200
    assert "Les échéances doivent se suivre" in response.text
    assert 'value="Ma campagne tapée"' in response.text
    assert 'value="2026-05-01"' in response.text
    assert not Campaign.objects.filter(slug="panorama-2025-2026").exists()


def test_a_taken_slug_is_refused_in_french(admin_user, login):
    """Two campaigns never share a URL."""
    CampaignFactory(slug="panorama-2025-2026")
    response = login(admin_user).post(reverse("observatory:campaign_create"), _data())
    assert response.status_code == 200
    assert "Cet identifiant est déjà pris." in response.text
    assert Campaign.objects.filter(slug="panorama-2025-2026").count() == 1


def test_admin_edits_the_campaign_and_its_structures(admin_user, login):
    """Deadlines, notes and structures change; the audit log says who changed what."""
    kept, dropped, added = StructureFactory.create_batch(3, pole=True)
    campaign = CampaignFactory(structures=[kept, dropped])
    response = login(admin_user).post(
        reverse("observatory:campaign_edit", args=[campaign.slug]),
        _data(slug=campaign.slug, name="Panorama renommé", structures=[kept.pk, added.pk]),
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.name == "Panorama renommé"
    assert campaign.method_notes == "Collecte déclarative."
    assert set(campaign.structures.all()) == {kept, added}
    event = AuditEvent.objects.get(action="observatory.campaign_update")
    assert event.details["structures_added"] == [added.pk]
    assert event.details["structures_removed"] == [dropped.pk]


def test_a_structure_that_opened_its_return_stays(admin_user, login):
    """A structure that has started its return cannot be removed from the campaign."""
    started, other = StructureFactory.create_batch(2, pole=True)
    campaign = CampaignFactory(structures=[started, other])
    ReturnFactory(campaign=campaign, structure=started)
    response = login(admin_user).post(
        reverse("observatory:campaign_edit", args=[campaign.slug]),
        _data(slug=campaign.slug, name="Nom changé", structures=[other.pk]),
    )
    assert response.status_code == 200
    assert "ont déjà ouvert leur retour" in response.text
    assert started.name in response.text
    assert 'value="Nom changé"' in response.text
    campaign.refresh_from_db()
    assert campaign.name != "Nom changé"
    assert set(campaign.structures.all()) == {started, other}


def test_a_campaign_cannot_follow_its_own_copy(admin_user, login):
    """The previous campaign is an earlier one: never the campaign itself, nor its copy."""
    first = CampaignFactory()
    second = CampaignFactory(previous=first)
    response = login(admin_user).post(
        reverse("observatory:campaign_edit", args=[first.slug]),
        _data(slug=first.slug, previous=second.pk),
    )
    assert response.status_code == 200
    assert "Une campagne ne peut pas se suivre elle-même." in response.text
    first.refresh_from_db()
    assert first.previous is None


def test_copy_leads_to_the_new_campaigns_indicators(admin_user, login):
    """After copying to next year, the admin lands where indicators are added."""
    campaign = CampaignFactory(slug="panorama-2024")
    IndicatorFactory(campaign=campaign, code="beneficiaries")
    response = login(admin_user).post(
        reverse("observatory:copy", args=[campaign.slug]),
        {"name": "Panorama 2025-2026", "slug": "panorama-2025"},
    )
    assert response.url == reverse("observatory:campaign_edit", args=["panorama-2025"])
    page = login(admin_user).get(response.url)
    assert "beneficiaries" in page.text
    assert reverse("observatory:indicator_create", args=["panorama-2025"]) in page.text
