"""Who hears about what happens to a return: called inside each transition's transaction."""

from lanterne.accounts.enums import Role
from lanterne.accounts.models import User
from lanterne.core.mail import notify

from .models import RETURN_WORKFLOW, Return, ReturnTransition


def members(structure_id: int):
    return User.objects.filter(
        memberships__structure_id=structure_id, memberships__is_active=True, is_active=True
    ).distinct()


def network_admins():
    return User.objects.filter(
        memberships__role=Role.NETWORK_ADMIN, memberships__is_active=True, is_active=True
    ).distinct()


@RETURN_WORKFLOW.notify_on("submit")
def return_submitted(value_return: Return, log: ReturnTransition) -> None:
    notify(network_admins(), "observatory/email/return_submitted", {"value_return": value_return})


@RETURN_WORKFLOW.notify_on("accept")
def return_accepted(value_return: Return, log: ReturnTransition) -> None:
    notify(
        members(value_return.structure_id),
        "observatory/email/return_accepted",
        {"value_return": value_return},
    )


@RETURN_WORKFLOW.notify_on("send_back")
def return_sent_back(value_return: Return, log: ReturnTransition) -> None:
    notify(
        members(value_return.structure_id),
        "observatory/email/return_sent_back",
        {"value_return": value_return, "reason": log.reason},
    )
