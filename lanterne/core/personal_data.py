"""Core's own personal data (`core.privacy`): the audit trail, the outbox, the task results."""

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import privacy
from .choices import choice_label
from .enums import OutboxState
from .models import AuditEvent, OutboxMessage


def _object_name(object_type: str) -> str:
    """The kind of object an audit event names, in words (`dossiers.dossier` → dossier)."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def _audit_export(user) -> list[privacy.Row]:
    return [
        {
            "at": event.at,
            "action": event.action_label,
            "object": f"{_object_name(event.object_type)} n° {event.object_id}",
        }
        for event in AuditEvent.objects.filter(actor=user).order_by("at", "id")
    ]


def _audit_erase(user) -> int:
    # The event stays (what was done, when, to what); who did it goes.
    return AuditEvent.objects.filter(actor=user).update(actor=None)


def _mail_export(user) -> list[privacy.Row]:
    return [
        {
            "created_at": row.created_at,
            "subject": row.subject,
            "state": choice_label(OutboxState, row.state),
            "sent_at": row.sent_at,
        }
        for row in OutboxMessage.objects.filter(to__iexact=user.email).order_by("created_at", "id")
    ]


def _mail_erase(user) -> int:
    return privacy.delete_rows(OutboxMessage.objects.filter(to__iexact=user.email))


def _finished_tasks(successful: bool):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    status = TaskResultStatus.SUCCESSFUL if successful else TaskResultStatus.FAILED
    return DBTaskResult.objects.filter(status=status)


def register() -> None:
    privacy.register(
        "audit_events",
        label=_("Actions enregistrées à votre nom (journal d'audit)"),
        columns={"at": _("le"), "action": _("action"), "object": _("objet")},
        export=_audit_export,
        erase=_audit_erase,
        order=80,
    )
    privacy.register(
        "emails",
        label=_("Courriels qui vous ont été adressés"),
        columns={
            "created_at": _("écrit le"),
            "subject": _("objet"),
            "state": _("état"),
            "sent_at": _("envoyé le"),
        },
        export=_mail_export,
        erase=_mail_erase,
        order=85,
    )
    privacy.register_retention(
        "task_results",
        label=_("tâches de fond terminées"),
        apply=lambda cutoff: privacy.delete_rows(
            _finished_tasks(successful=True).filter(finished_at__lt=cutoff)
        ),
    )
    privacy.register_retention(
        "failed_task_results",
        label=_("tâches de fond en échec"),
        apply=lambda cutoff: privacy.delete_rows(
            _finished_tasks(successful=False).filter(finished_at__lt=cutoff)
        ),
    )
    privacy.register_retention(
        "sent_mail_bodies",
        label=_("texte des courriels envoyés"),
        # The row stays (to whom, what subject, when) for `sent_mail`; its text goes first.
        apply=lambda cutoff: (
            OutboxMessage.objects.filter(state=OutboxState.SENT, sent_at__lt=cutoff)
            .exclude(body="")
            .update(body="")
        ),
    )
    privacy.register_retention(
        "sent_mail",
        label=_("courriels envoyés"),
        apply=lambda cutoff: privacy.delete_rows(
            OutboxMessage.objects.filter(state=OutboxState.SENT, sent_at__lt=cutoff)
        ),
    )
    privacy.register_retention(
        "failed_mail",
        label=_("courriels en échec"),
        apply=lambda cutoff: privacy.delete_rows(
            OutboxMessage.objects.filter(Q(state=OutboxState.FAILED) & Q(created_at__lt=cutoff))
        ),
    )
    privacy.register_retention(
        "audit_events",
        label=_("journal d'audit"),
        apply=lambda cutoff: privacy.delete_rows(AuditEvent.objects.filter(at__lt=cutoff)),
    )
