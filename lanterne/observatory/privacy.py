"""The observatory's personal data (`core.privacy`): the returns a person submitted.

Erasure: a return is its structure's data for the campaign; it stays, and the steps and value
changes the person made show « compte supprimé »."""

from django.utils.translation import gettext_lazy as _

from lanterne.core import privacy

from .models import ReturnTransition, ValueChange


def _returns_export(user) -> list[privacy.Row]:
    steps = (
        ReturnTransition.objects.filter(by=user, name="submit")
        .select_related("value_return__campaign", "value_return__structure")
        .order_by("at", "id")
    )
    return [
        {
            "campaign": step.value_return.campaign.name,
            "structure": step.value_return.structure.name,
            "submitted_at": step.at,
            "state": step.value_return.state_label,
        }
        for step in steps
    ]


def _returns_erase(user) -> int:
    # Nothing is deleted: the steps and changes keep the account, which no longer names anyone.
    return (
        ReturnTransition.objects.filter(by=user).count()
        + ValueChange.objects.filter(by=user).count()
    )


def register() -> None:
    privacy.register(
        "observatory_returns",
        label=_("Les retours d'indicateurs que vous avez transmis"),
        columns={
            "campaign": _("campagne"),
            "structure": _("structure"),
            "submitted_at": _("transmis le"),
            "state": _("état actuel"),
        },
        export=_returns_export,
        erase=_returns_erase,
        order=40,
    )
