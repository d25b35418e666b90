"""Who hears about a request to join a structure: the requester, once it is decided."""

from lanterne.core.mail import notify

from .models import JOIN_REQUEST_WORKFLOW, JoinRequest, JoinRequestTransition


@JOIN_REQUEST_WORKFLOW.notify_on("approve")
def _join_request_approved(join_request: JoinRequest, log: JoinRequestTransition) -> None:
    notify(
        [join_request.user], "network/email/join_request_decided", {"join_request": join_request}
    )


@JOIN_REQUEST_WORKFLOW.notify_on("refuse")
def _join_request_refused(join_request: JoinRequest, log: JoinRequestTransition) -> None:
    notify(
        [join_request.user], "network/email/join_request_decided", {"join_request": join_request}
    )
