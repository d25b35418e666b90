import datetime

import factory

from lanterne.observatory.enums import PeriodType, PublicKind, ReturnState, Unit, ValueStatus
from lanterne.observatory.models import Campaign, Indicator, Return, Value
from tests.network.factories import StructureFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Panorama {2000 + n}-{2001 + n}")
    slug = factory.Sequence(lambda n: f"panorama-{2000 + n}")
    year = 2024
    first_returns_due = datetime.date(2025, 6, 30)
    checkpoint_on = datetime.date(2025, 7, 15)
    consolidation_on = datetime.date(2025, 11, 15)

    class Params:
        published = factory.Trait(is_published=True)

    @factory.post_generation
    def structures(self, create, extracted, **kwargs):
        if create and extracted:
            self.structures.set(extracted)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    campaign = factory.SubFactory(CampaignFactory)
    code = factory.Sequence(lambda n: f"indicator-{n}")
    label_fr = factory.LazyAttribute(lambda o: f"Indicateur {o.code}")
    label_en = factory.LazyAttribute(lambda o: f"Indicator {o.code}")
    unit = Unit.COUNT
    period_type = PeriodType.SCHOOL_YEAR
    public_kind = PublicKind.NOT_APPLICABLE
    position = factory.Sequence(lambda n: n)

    class Params:
        beneficiaries = factory.Trait(unit=Unit.PEOPLE, public_kind=PublicKind.BENEFICIARIES)
        relays = factory.Trait(unit=Unit.PEOPLE, public_kind=PublicKind.RELAYS)
        calendar_year = factory.Trait(period_type=PeriodType.CALENDAR_YEAR)


class ReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Return

    campaign = factory.SubFactory(CampaignFactory)
    structure = factory.SubFactory(StructureFactory, pole=True)

    class Params:
        submitted = factory.Trait(state=ReturnState.SUBMITTED)
        accepted = factory.Trait(state=ReturnState.ACCEPTED)


class ValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Value

    value_return = factory.SubFactory(ReturnFactory)
    indicator = factory.SubFactory(
        IndicatorFactory, campaign=factory.SelfAttribute("..value_return.campaign")
    )
    status = ValueStatus.PROVIDED
    amount = 10

    class Params:
        not_transmitted = factory.Trait(status=ValueStatus.NOT_TRANSMITTED, amount=None)


def campaign_with_beneficiaries(structures, **kwargs):
    """A campaign with a beneficiaries total, three breakdowns (two in the national programmes'
    share), a relays indicator and a calendar-year count."""
    from lanterne.observatory.enums import ShareGroup

    campaign = CampaignFactory(structures=structures, **kwargs)
    total = IndicatorFactory(campaign=campaign, code="beneficiaries", beneficiaries=True)
    parts = [
        IndicatorFactory(
            campaign=campaign,
            code="mcac",
            beneficiaries=True,
            parent=total,
            share_group=ShareGroup.NATIONAL_PROGRAMMES,
        ),
        IndicatorFactory(
            campaign=campaign,
            code="pi",
            beneficiaries=True,
            parent=total,
            share_group=ShareGroup.NATIONAL_PROGRAMMES,
        ),
        IndicatorFactory(campaign=campaign, code="other", beneficiaries=True, parent=total),
    ]
    relays = IndicatorFactory(campaign=campaign, code="relays", relays=True)
    partners = IndicatorFactory(campaign=campaign, code="partners", calendar_year=True)
    return campaign, {"total": total, "parts": parts, "relays": relays, "partners": partners}
