"""Who hears about what happens to a dossier, recorded in the transaction of the change: after a
transition (registered on the workflow), a reminder or a message (called by the services)."""

from django.contrib.auth import get_user_model

from lanterne.accounts.enums import Role
from lanterne.core.mail import notify

from .models import DOSSIER_WORKFLOW, Dossier, DossierMessage, DossierTransition


def applicant_users(dossier: Dossier):
    return (
        get_user_model()
        .objects.filter(
            memberships__structure_id=dossier.applicant_id,
            memberships__role=Role.APPLICANT,
            memberships__is_active=True,
        )
        .distinct()
    )


def coordination_users(dossier: Dossier):
    return (
        get_user_model()
        .objects.filter(
            memberships__structure_id=dossier.call.coordination_id,
            memberships__role=Role.COORDINATOR,
            memberships__is_active=True,
        )
        .distinct()
    )


@DOSSIER_WORKFLOW.notify_on("submit")
def dossier_submitted(dossier: Dossier, log: DossierTransition) -> None:
    notify(applicant_users(dossier), "dossiers/email/submitted_applicant", {"dossier": dossier})
    notify(
        coordination_users(dossier), "dossiers/email/submitted_coordination", {"dossier": dossier}
    )


@DOSSIER_WORKFLOW.notify_on("send_back")
def dossier_sent_back(dossier: Dossier, log: DossierTransition) -> None:
    notify(
        applicant_users(dossier),
        "dossiers/email/sent_back",
        {"dossier": dossier, "reason": log.reason},
    )


@DOSSIER_WORKFLOW.notify_on("accept")
@DOSSIER_WORKFLOW.notify_on("refuse")
@DOSSIER_WORKFLOW.notify_on("close")
def dossier_decided(dossier: Dossier, log: DossierTransition) -> None:
    notify(applicant_users(dossier), "dossiers/email/decided", {"dossier": dossier})


def dossier_reminder(pk: int) -> None:
    dossier = (
        Dossier.objects.select_related("call", "applicant")
        .prefetch_related("call__milestones")
        .get(pk=pk)
    )
    notify(applicant_users(dossier), "dossiers/email/reminder", {"dossier": dossier})


def message_posted(pk: int) -> None:
    message = DossierMessage.objects.select_related(
        "dossier__call", "dossier__applicant", "author"
    ).get(pk=pk)
    dossier = message.dossier
    recipients = (
        applicant_users(dossier) if message.from_coordination else coordination_users(dossier)
    )
    notify(
        [u for u in recipients if u.pk != message.author_id],
        "dossiers/email/message",
        {"dossier": dossier, "message": message},
    )
