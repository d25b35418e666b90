"""The network admin adds, changes and removes a campaign's indicators from the site."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lanterne.core.models import AuditEvent
from lanterne.observatory.enums import PeriodType, PublicKind, Unit
from lanterne.observatory.models import Indicator
from lanterne.observatory.services import (
    campaign_create,
    campaign_update,
    indicator_delete,
    indicator_save,
)
from tests.accounts.factories import coordinator

from .factories import CampaignFactory, IndicatorFactory, ValueFactory


def _data(**overrides):
    data = {
        "code": "trainees",
        "label_fr": "Stagiaires",
        "label_en": "Trainees",
        "unit": Unit.PEOPLE,
        "period_type": PeriodType.CALENDAR_YEAR,
        "public_kind": PublicKind.RELAYS,
        "parent": "",
        "share_group": "",
        "definition": "Personnes formées.",
        "counting_method": "Une personne formée deux fois compte une fois.",
        "position": "40",
    }
    data.update(overrides)
    return data


def _create_url(campaign):
    return reverse("observatory:indicator_create", args=[campaign.slug])


def test_admin_adds_an_indicator(admin_user, login):
    """Every attribute of the issue is recorded, and the change audited."""
    campaign = CampaignFactory()
    response = login(admin_user).post(_create_url(campaign), _data())
    assert response.status_code == 302
    indicator = Indicator.objects.get(campaign=campaign, code="trainees")
    assert (indicator.label_fr, indicator.label_en) == ("Stagiaires", "Trainees")
    assert indicator.unit == Unit.PEOPLE
    assert indicator.period_type == PeriodType.CALENDAR_YEAR
    assert indicator.public_kind == PublicKind.RELAYS
    assert indicator.counting_method.startswith("Une personne formée")
    assert indicator.position == 40
    assert AuditEvent.objects.filter(
        action="observatory.indicator_save", object_id=str(indicator.pk)
    ).exists()


def test_admin_adds_a_breakdown(admin_user, login):
    """A breakdown with its total's unit, period and public is accepted."""
    campaign = CampaignFactory()
    total = IndicatorFactory(campaign=campaign, code="hours", unit=Unit.HOURS)
    response = login(admin_user).post(
        _create_url(campaign),
        _data(
            code="trainee_hours",
            unit=Unit.HOURS,
            period_type=PeriodType.SCHOOL_YEAR,
            public_kind=PublicKind.NOT_APPLICABLE,
            parent=total.pk,
        ),
    )
    assert response.status_code == 302
    assert Indicator.objects.get(code="trainee_hours").parent == total


def test_breakdown_with_another_unit_is_refused_next_to_the_field(admin_user, login):
    """A breakdown keeps its total's unit: the French message sits by the unit, input kept."""
    campaign = CampaignFactory()
    total = IndicatorFactory(campaign=campaign, code="beneficiaries", beneficiaries=True)
    response = login(admin_user).post(
        _create_url(campaign),
        _data(
            code="beneficiaries_days",
            unit=Unit.DAYS,
            period_type=PeriodType.SCHOOL_YEAR,
            public_kind=PublicKind.BENEFICIARIES,
            parent=total.pk,
            label_fr="Journées tapées",
        ),
    )
    assert response.status_code == 200
    message = "Une décomposition a l&#x27;unité, la période et le public de son total."
    assert f'id="id_unit_error">{message}' in response.text
    assert 'value="Journées tapées"' in response.text
    assert 'value="beneficiaries_days"' in response.text
    assert '<option value="days" selected>' in response.text
    assert not Indicator.objects.filter(code="beneficiaries_days").exists()


@pytest.mark.parametrize("code", ["Trainees", "trainee-hours", "heures_stagiaires_é", "2x", ""])
def test_malformed_code_is_refused(code, admin_user, login):
    """A code is lowercase letters, digits and underscores, starting with a letter."""
    campaign = CampaignFactory()
    response = login(admin_user).post(_create_url(campaign), _data(code=code))
    assert response.status_code == 200
    assert 'id="id_code_error"' in response.text
    assert not campaign.indicators.exists()


def test_code_is_unique_within_the_campaign(admin_user, login):
    """Two indicators of one campaign never share a code; another campaign may reuse it."""
    campaign = CampaignFactory()
    IndicatorFactory(campaign=campaign, code="trainees")
    IndicatorFactory(code="trainees")
    response = login(admin_user).post(_create_url(campaign), _data())
    assert response.status_code == 200
    assert "Ce code est déjà utilisé par un autre indicateur de la campagne." in response.text
    assert campaign.indicators.filter(code="trainees").count() == 1


def test_code_with_values_does_not_change_but_labels_do(admin_user, login):
    """Last year's figures are found by code: once reported, the code is stable."""
    value = ValueFactory(indicator__code="partners")
    indicator = value.indicator
    url = reverse("observatory:indicator_edit", args=[indicator.campaign.slug, indicator.pk])
    client = login(admin_user)
    fields = _data(
        unit=indicator.unit,
        period_type=indicator.period_type,
        public_kind=indicator.public_kind,
    )
    response = client.post(url, {**fields, "code": "partner_count"})
    assert response.status_code == 200
    assert "son code ne change plus" in response.text
    indicator.refresh_from_db()
    assert indicator.code == "partners"
    response = client.post(url, {**fields, "code": "partners", "label_fr": "Partenaires"})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.label_fr == "Partenaires"


def test_an_older_code_kept_as_is_stays_valid(admin_user, login):
    """Codes written before the rule (with a hyphen) can still be edited around."""
    indicator = IndicatorFactory(code="beneficiaries-pole")
    response = login(admin_user).post(
        reverse("observatory:indicator_edit", args=[indicator.campaign.slug, indicator.pk]),
        _data(
            code="beneficiaries-pole",
            unit=indicator.unit,
            period_type=indicator.period_type,
            public_kind=indicator.public_kind,
            label_fr="Mission pôle",
        ),
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.label_fr == "Mission pôle"


def test_a_total_with_breakdowns_keeps_its_unit(admin_user, login):
    """Changing a total's unit would leave its breakdowns adding up something else."""
    campaign = CampaignFactory()
    total = IndicatorFactory(campaign=campaign, code="beneficiaries", beneficiaries=True)
    IndicatorFactory(campaign=campaign, code="mcac", beneficiaries=True, parent=total)
    response = login(admin_user).post(
        reverse("observatory:indicator_edit", args=[campaign.slug, total.pk]),
        _data(code="beneficiaries", unit=Unit.DAYS, public_kind=PublicKind.BENEFICIARIES),
    )
    assert response.status_code == 200
    assert 'id="id_unit_error"' in response.text
    total.refresh_from_db()
    assert total.unit == Unit.PEOPLE


def test_deleting_an_indicator_with_values_is_refused(admin_user, login):
    """Values already reported are never lost by removing their indicator."""
    value = ValueFactory()
    indicator = value.indicator
    campaign = indicator.campaign
    client = login(admin_user)
    response = client.post(
        reverse("observatory:indicator_delete", args=[campaign.slug, indicator.pk]),
        follow=True,
    )
    assert response.status_code == 200
    assert "ne peut pas être supprimé : 1 retour contient déjà des valeurs" in response.text
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_deleting_a_total_whose_breakdown_has_values_is_refused():
    """Deleting a total would take its breakdowns and their values with it."""
    from tests.accounts.factories import network_admin

    campaign = CampaignFactory()
    total = IndicatorFactory(campaign=campaign, code="total")
    part = IndicatorFactory(campaign=campaign, code="part", parent=total)
    ValueFactory(value_return__campaign=campaign, indicator=part)
    with pytest.raises(ValidationError, match="contient déjà des valeurs"):
        indicator_delete(indicator=total, by=network_admin())
    IndicatorFactory(campaign=campaign, code="empty_total")
    lone = Indicator.objects.get(code="empty_total")
    IndicatorFactory(campaign=campaign, code="empty_part", parent=lone)
    with pytest.raises(ValidationError, match="supprimez-les d'abord"):
        indicator_delete(indicator=lone, by=network_admin())


def test_deleting_an_unreported_indicator(admin_user, login):
    """An indicator nobody has reported is removed, and the removal audited."""
    indicator = IndicatorFactory(code="impact", label_fr="Impact mesuré")
    campaign = indicator.campaign
    response = login(admin_user).post(
        reverse("observatory:indicator_delete", args=[campaign.slug, indicator.pk]),
        follow=True,
    )
    assert "L&#x27;indicateur « Impact mesuré » est supprimé." in response.text
    assert not Indicator.objects.filter(pk=indicator.pk).exists()
    assert AuditEvent.objects.filter(action="observatory.indicator_delete").exists()


def test_services_refuse_anyone_but_the_network_admin():
    """The four services check the permission themselves, whatever page calls them."""
    campaign = CampaignFactory()
    indicator = IndicatorFactory(campaign=campaign)
    user = coordinator()
    with pytest.raises(PermissionDenied):
        indicator_save(campaign=campaign, by=user, code="x", label_fr="x", label_en="x")
    with pytest.raises(PermissionDenied):
        indicator_delete(indicator=indicator, by=user)
    with pytest.raises(PermissionDenied):
        campaign_update(campaign=campaign, by=user, name="Renommée")
    with pytest.raises(PermissionDenied):
        campaign_create(
            by=user,
            name="x",
            slug="x",
            year=2025,
            first_returns_due=campaign.first_returns_due,
            checkpoint_on=campaign.checkpoint_on,
            consolidation_on=campaign.consolidation_on,
        )
    campaign.refresh_from_db()
    assert campaign.name != "Renommée"
