"""Checks of a return: breakdowns add up, large changes need a reason, period types apart."""

import pytest
from django.core.exceptions import ValidationError

from lanterne.observatory.enums import ReturnState
from lanterne.observatory.models import Indicator
from lanterne.observatory.services import EntryInput, campaign_copy, return_save
from tests.observatory.factories import ReturnFactory, ValueFactory

from .conftest import full_entries


def test_breakdown_must_add_up(setup):
    """When every breakdown is given, their sum must equal the total."""
    with pytest.raises(ValidationError) as error:
        return_save(
            value_return=setup["return"],
            entries=full_entries(setup["indicators"], total=100, parts=(50, 30, 21)),
            by=setup["member"],
        )
    assert "beneficiaries" in error.value.message_dict


def test_partial_breakdown_cannot_exceed_total(setup):
    """With a breakdown missing, the given parts may not exceed the total."""
    ind = setup["indicators"]
    entries = [
        EntryInput(indicator=ind["total"], amount=10),
        EntryInput(indicator=ind["parts"][0], amount=11),
    ]
    with pytest.raises(ValidationError):
        return_save(value_return=setup["return"], entries=entries, by=setup["member"])
    entries[1] = EntryInput(indicator=ind["parts"][0], amount=9)
    return_save(value_return=setup["return"], entries=entries, by=setup["member"])


def test_value_and_non_transmis_exclusive(setup):
    """A figure cannot be both given and non transmis."""
    entry = EntryInput(indicator=setup["indicators"]["relays"], amount=3, not_transmitted=True)
    with pytest.raises(ValidationError):
        return_save(value_return=setup["return"], entries=[entry], by=setup["member"])


def test_large_change_against_last_year_needs_a_reason(setup, admin_user):
    """More than half up or down from last year's accepted figure asks for a reason."""
    campaign = setup["campaign"]
    setup["return"].delete()
    last_year = ReturnFactory(
        campaign=campaign, structure=setup["structures"][0], state=ReturnState.ACCEPTED
    )
    ValueFactory(value_return=last_year, indicator=setup["indicators"]["relays"], amount=100)
    new = campaign_copy(campaign=campaign, name="Panorama suivant", slug="suivant", by=admin_user)
    value_return = ReturnFactory(campaign=new, structure=setup["structures"][0])
    relays = new.indicators.get(code="relays")
    with pytest.raises(ValidationError) as error:
        return_save(
            value_return=value_return,
            entries=[EntryInput(indicator=relays, amount=151)],
            by=setup["member"],
        )
    assert "100" in error.value.message_dict["relays"][0]
    return_save(
        value_return=value_return,
        entries=[EntryInput(indicator=relays, amount=150)],
        by=setup["member"],
    )
    return_save(
        value_return=value_return,
        entries=[EntryInput(indicator=relays, amount=40, change_reason="Fermeture d'un site")],
        by=setup["member"],
    )


def test_copy_keeps_indicators_and_breakdowns(setup, admin_user):
    """Copying a campaign to next year keeps its indicators, breakdowns, periods and structures."""
    new = campaign_copy(campaign=setup["campaign"], name="2025-2026", slug="p-2025", by=admin_user)
    assert new.year == setup["campaign"].year + 1 and new.previous == setup["campaign"]
    assert new.structures.count() == 3
    total = new.indicators.get(code="beneficiaries")
    assert set(total.breakdowns.values_list("code", flat=True)) == {"mcac", "pi", "other"}
    assert new.indicators.get(code="partners").period_type == "calendar_year"
    assert Indicator.objects.filter(campaign=setup["campaign"]).count() == 6


def test_breakdown_keeps_its_totals_period_and_public(setup):
    """A breakdown of a school-year beneficiaries total cannot be calendar-year, nor relays."""
    part = setup["indicators"]["parts"][0]
    part.period_type = "calendar_year"
    with pytest.raises(ValidationError):
        part.full_clean()
    part.period_type = "school_year"
    part.public_kind = "relays"
    with pytest.raises(ValidationError):
        part.full_clean()
