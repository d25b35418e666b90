import pytest

from tests.accounts.factories import MembershipFactory, UserFactory, network_admin
from tests.network.factories import StructureFactory

from .factories import ReturnFactory, campaign_with_beneficiaries


@pytest.fixture
def admin_user():
    return network_admin()


@pytest.fixture
def setup():
    """Three reporting pôles, a campaign with beneficiaries, and one member of the first."""
    from lanterne.accounts.enums import Role

    structures = StructureFactory.create_batch(3, pole=True)
    campaign, indicators = campaign_with_beneficiaries(structures)
    member = MembershipFactory(
        user=UserFactory(), structure=structures[0], role=Role.COORDINATOR
    ).user
    value_return = ReturnFactory(campaign=campaign, structure=structures[0])
    return {
        "structures": structures,
        "campaign": campaign,
        "indicators": indicators,
        "member": member,
        "return": value_return,
    }


def full_entries(indicators, *, total=100, parts=(50, 30, 20), relays=7, partners=3):
    from lanterne.observatory.services import EntryInput

    return [
        EntryInput(indicator=indicators["total"], amount=total),
        *[
            EntryInput(indicator=i, amount=a)
            for i, a in zip(indicators["parts"], parts, strict=True)
        ],
        EntryInput(indicator=indicators["relays"], amount=relays),
        EntryInput(indicator=indicators["partners"], amount=None, not_transmitted=True),
    ]
