import factory

from lanterne.accounts.enums import Role
from lanterne.accounts.models import Membership, User
from tests.network.factories import PoleFactory, StructureFactory

PASSWORD = "lanterne-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)
    role = Role.APPLICANT


def applicant(structure=None, **user_kwargs) -> User:
    """A user acting for an applicant structure (unlisted commune by default)."""
    structure = structure or StructureFactory(applicant_commune=True)
    return MembershipFactory(
        user=UserFactory(**user_kwargs), structure=structure, role=Role.APPLICANT
    ).user


def coordinator(region=None, departements=None, **user_kwargs) -> User:
    """A user of a structure carrying a pôle of `region` (optionally limited to départements)."""
    carrier = StructureFactory(pole=True)
    pole_kwargs = {"carriers": [carrier]}
    if region is not None:
        pole_kwargs["region"] = region
    if departements:
        pole_kwargs["departements"] = departements
    PoleFactory(**pole_kwargs)
    return MembershipFactory(
        user=UserFactory(**user_kwargs), structure=carrier, role=Role.COORDINATOR
    ).user


def committee_member(structure=None, **user_kwargs) -> User:
    structure = structure or StructureFactory(drac=True)
    return MembershipFactory(
        user=UserFactory(**user_kwargs), structure=structure, role=Role.COMMITTEE_MEMBER
    ).user


def network_admin(**user_kwargs) -> User:
    return MembershipFactory(
        user=UserFactory(**user_kwargs),
        structure=StructureFactory(national=True),
        role=Role.NETWORK_ADMIN,
    ).user


def speaker(**user_kwargs) -> User:
    return MembershipFactory(
        user=UserFactory(**user_kwargs), structure=None, role=Role.SPEAKER
    ).user
