"""The committee's personal data (`core.privacy`): the opinions a member gave.

Erasure: an opinion is part of a session's deliberation; it stays, its member shown as
« compte supprimé »."""

from django.utils.translation import gettext_lazy as _

from lanterne.core import privacy

from .models import Opinion


def _opinions_export(user) -> list[privacy.Row]:
    opinions = (
        Opinion.objects.filter(member=user)
        .select_related("session", "dossier")
        .order_by("given_at", "id")
    )
    return [
        {
            "session": o.session.title,
            "dossier": o.dossier.reference,
            "verdict": o.verdict_label,
            "proposed_amount": o.proposed_amount,
            "comment": o.comment,
            "given_at": o.given_at,
        }
        for o in opinions
    ]


def register() -> None:
    privacy.register(
        "committee_opinions",
        label=_("Les avis que vous avez donnés en comité"),
        columns={
            "session": _("séance"),
            "dossier": _("dossier"),
            "verdict": _("avis"),
            "proposed_amount": _("montant proposé (€)"),
            "comment": _("commentaire"),
            "given_at": _("donné le"),
        },
        export=_opinions_export,
        erase=lambda user: Opinion.objects.filter(member=user).count(),
        order=50,
    )
