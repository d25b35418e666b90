"""The network's personal data (`core.privacy`): the contact cards (`Person`) linked to the
account or carrying its e-mail address, with their positions in structures.

Erasure deletes those cards and positions: a structure whose public contact the person was
names another one."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lanterne.core import privacy

from .models import JoinRequest, Person


def _people(user):
    return Person.objects.filter(Q(user=user) | Q(email__iexact=user.email)).distinct()


def _people_export(user) -> list[privacy.Row]:
    people = _people(user).prefetch_related("affiliations__structure").order_by("pk")
    return [
        {
            "first_name": p.first_name,
            "last_name": p.last_name,
            "email": p.email,
            "phone": p.phone,
            "is_speaker": p.is_speaker,
            "bio": p.bio,
            "positions": "; ".join(
                f"{a.structure.name} ({a.position})" if a.position else a.structure.name
                for a in p.affiliations.all()
            ),
        }
        for p in people
    ]


def _join_requests_export(user) -> list[privacy.Row]:
    requests = JoinRequest.objects.filter(user=user).select_related("structure").order_by("pk")
    return [
        {
            "structure": r.structure.name,
            "message": r.message,
            "state": r.state_label,
            "created_at": r.created_at,
            "reason": r.reason,
        }
        for r in requests
    ]


def register() -> None:
    privacy.register(
        "join_requests",
        label=_("Vos demandes à rejoindre une structure"),
        columns={
            "structure": _("structure"),
            "message": _("message"),
            "state": _("état"),
            "created_at": _("demandée le"),
            "reason": _("motif du refus"),
        },
        export=_join_requests_export,
        erase=lambda user: privacy.delete_rows(JoinRequest.objects.filter(user=user)),
        order=35,
    )
    privacy.register(
        "people",
        label=_("Vos fiches de contact dans l'annuaire"),
        columns={
            "first_name": _("prénom"),
            "last_name": _("nom"),
            "email": _("e-mail"),
            "phone": _("téléphone"),
            "is_speaker": _("intervenant·e"),
            "bio": _("présentation"),
            "positions": _("rattachements"),
        },
        export=_people_export,
        erase=lambda user: privacy.delete_rows(Person.objects.filter(pk__in=_people(user))),
        order=30,
    )
