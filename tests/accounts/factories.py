from typing import TYPE_CHECKING

import factory

from lanterne.accounts.enums import Role
from lanterne.accounts.models import Membership, User
from tests.network.factories import PoleFactory, StructureFactory

if TYPE_CHECKING:
    from django_otp.plugins.otp_totp.models import TOTPDevice

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


# The second factor. RFC 6238's test secret ("12345678901234567890"), hex-encoded.
TOTP_KEY = "3132333435363738393031323334353637383930"


def enrolled(user, *, recovery_codes: tuple[str, ...] = ()) -> "TOTPDevice":
    """Give `user` a confirmed authenticator application (secret `TOTP_KEY`) and, if asked,
    these recovery codes."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(
        user=user, name="Application d'authentification", key=TOTP_KEY, confirmed=True
    )
    if recovery_codes:
        static = StaticDevice.objects.create(user=user, name="Codes de secours", confirmed=True)
        for code in recovery_codes:
            static.token_set.create(token=code)
    return device


def totp_code(device, *, steps_ago: int = 0) -> str:
    """The code `device`'s application shows now (or `steps_ago` periods of 30 s earlier)."""
    import time
    from binascii import unhexlify

    from django_otp.oath import TOTP

    totp = TOTP(unhexlify(device.key), device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() - steps_ago * device.step
    return f"{totp.token():0{device.digits}d}"


def next_totp_code(device) -> str:
    """A code `device` accepts now: the current one, or the next period's when the current one
    has already served (django-otp accepts each period once, and one period early)."""
    import time

    device.refresh_from_db()
    while True:
        now_t = int(time.time() - device.t0) // device.step + device.drift
        if device.last_t <= now_t:
            break
        time.sleep(1)
    steps_ahead = 1 if device.last_t == now_t else 0
    return totp_code(device, steps_ago=-steps_ahead)


def pass_second_factor(client, user) -> None:
    """Mark `client`'s session (signed in as `user`) as having given its second factor, as
    `django_otp.login` does; the user is given an authenticator application if it has none."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or enrolled(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
