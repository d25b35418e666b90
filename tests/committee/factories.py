"""Committee sessions and their members."""

import factory

from lanterne.accounts.enums import Role
from lanterne.committee.models import CommitteeSession
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.calls.factories import CallFactory, paris
from tests.network.factories import StructureFactory


def committee_member_of(session: CommitteeSession, **user_kwargs):
    user = MembershipFactory(
        user=UserFactory(**user_kwargs),
        structure=StructureFactory(drac=True),
        role=Role.COMMITTEE_MEMBER,
    ).user
    session.members.add(user)
    return user


class CommitteeSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeSession

    call = factory.SubFactory(CallFactory)
    title = factory.Sequence(lambda n: f"Comité de sélection {n}")
    meets_at = factory.LazyFunction(lambda: paris("2023-12-14 10:00:00"))
