"""Builds the demo: the real network of pôles plus fictive applicants and one account per role.

Rerunnable: rows are matched on their slug or e-mail and brought up to date.
"""

from dataclasses import asdict

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from lanterne.accounts.models import Membership, User
from lanterne.accounts.two_factor.services import requires_second_factor
from lanterne.network.models import Affiliation, Coordination, Person, Pole, Structure
from lanterne.network.validators import normalise_phone
from lanterne.territories.models import Commune, Departement, Region

from . import calls, fictive, network, projects
from .invitations import load_invitations
from .logbook import load_logbook
from .observatory import load_observatory
from .onboarding import load_onboarding
from .speakers import load_speakers


def _structure(data, *, fictitious: bool) -> Structure:
    values = asdict(data)
    values.pop("slug")
    values.pop("region", None)
    commune_code = values.pop("commune", "")
    values["commune"] = Commune.objects.filter(pk=commune_code).first() if commune_code else None
    if values.get("phone"):
        values["phone"] = normalise_phone(values["phone"])
    structure, _ = Structure.objects.update_or_create(
        slug=data.slug, defaults={**values, "is_fictitious": fictitious}
    )
    structure.full_clean()
    return structure


def _mission(model, data) -> None:
    mission, _ = model.objects.update_or_create(
        slug=data.slug,
        defaults={
            "name": data.name,
            "region": Region.objects.get(pk=data.region),
            "website": data.website,
        },
    )
    mission.carriers.set(Structure.objects.filter(slug__in=data.carriers))
    mission.departements.set(Departement.objects.filter(code__in=data.departements))


def _second_factor(user: User) -> None:
    """The demo's known authenticator secret and recovery code, as on a first load."""
    TOTPDevice.objects.update_or_create(
        user=user,
        defaults={
            "name": "Application d'authentification",
            "key": fictive.DEMO_TOTP_KEY,
            "confirmed": True,
            "last_t": -1,
            "throttling_failure_count": 0,
            "throttling_failure_timestamp": None,
        },
    )
    recovery, _ = StaticDevice.objects.update_or_create(
        user=user,
        defaults={
            "name": "Codes de secours",
            "confirmed": True,
            "throttling_failure_count": 0,
            "throttling_failure_timestamp": None,
        },
    )
    recovery.token_set.all().delete()
    recovery.token_set.create(token=fictive.DEMO_RECOVERY_CODE)


@transaction.atomic
def load_demo() -> list[fictive.DemoUser]:
    for data in [
        *network.POLE_STRUCTURES,
        *network.PI_STRUCTURES,
        *network.NATIONAL_STRUCTURES,
        *network.INSTITUTIONS,
    ]:
        _structure(data, fictitious=False)
    for data in fictive.APPLICANTS:
        _structure(data, fictitious=True)
    for data in network.POLES:
        _mission(Pole, data)
    for data in network.COORDINATIONS:
        _mission(Coordination, data)

    for first, last, bio, slug in fictive.SPEAKERS:
        person, _ = Person.objects.update_or_create(
            first_name=first,
            last_name=last,
            defaults={
                "is_speaker": True,
                "bio": bio,
                "is_fictitious": True,
                "email": f"{first}.{last}@{fictive.DEMO_DOMAIN}".lower(),
            },
        )
        if slug:
            Affiliation.objects.get_or_create(
                person=person,
                structure=Structure.objects.get(slug=slug),
                defaults={"position": "Intervenant·e"},
            )

    for demo in fictive.USERS:
        user, _ = User.objects.get_or_create(
            email=demo.email,
            defaults={"first_name": demo.first_name, "last_name": demo.last_name},
        )
        user.is_superuser = user.is_staff = demo.superuser
        user.set_password(fictive.DEMO_PASSWORD)
        user.save()
        if demo.role:
            structure = Structure.objects.get(slug=demo.structure) if demo.structure else None
            Membership.objects.get_or_create(user=user, structure=structure, role=demo.role)
        person, _ = Person.objects.update_or_create(
            first_name=demo.first_name,
            last_name=demo.last_name,
            defaults={
                "user": user,
                "email": demo.email,
                "is_fictitious": True,
                "is_speaker": demo.role == "speaker",
            },
        )
        if demo.structure and demo.role != "speaker":
            Affiliation.objects.get_or_create(
                person=person,
                structure=Structure.objects.get(slug=demo.structure),
                defaults={"position": demo.label.split(" — ")[0].capitalize()},
            )
        if requires_second_factor(user):
            _second_factor(user)
    users = [*fictive.USERS, *calls.load_calls(), *load_onboarding()]
    projects.load_projects()
    load_speakers()
    load_logbook()
    load_observatory()
    load_invitations()
    return users
