"""The audit trail: who did what, when, to which object.

Services record their changes with `audit()` in their own transaction. A few reads are
recorded too (a committee member opening a dossier, a private file downloaded): the one write a
GET makes, a single insert in the log. Changes made in the Django admin are recorded once for
every model, from the admin's own log (`record_admin_change`, connected in `CoreConfig.ready`).

People read the trail in words: each app names its actions with `register_action_labels`, and
`action_label` never shows a code.
"""

from collections.abc import Iterable, Mapping

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent

ADMIN_ADDITION = "admin.addition"
ADMIN_CHANGE = "admin.change"
ADMIN_DELETION = "admin.deletion"

_labels: dict[str, str | Promise] = {
    ADMIN_ADDITION: _("ajout dans l'administration"),
    ADMIN_CHANGE: _("modification dans l'administration"),
    ADMIN_DELETION: _("suppression dans l'administration"),
}


def audit(*, action: str, obj: models.Model, by, **details) -> AuditEvent:
    """Record an audit event; call it inside the service's transaction."""
    return AuditEvent.objects.create(
        actor=by if getattr(by, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        details=details,
    )


def audit_each(*, action: str, objects: Iterable[models.Model], by, **details) -> None:
    """Record the same event for each of `objects` (an export of several calls' dossiers), in
    one insert rather than one per object; inside the service's transaction."""
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=by if getattr(by, "is_authenticated", False) else None,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            details=details,
        )
        for obj in objects
    )


def register_action_labels(labels: Mapping[str, str | Promise]) -> None:
    """Name actions for people (`{"dossier.read": _("consultation du dossier")}`)."""
    _labels.update(labels)


def action_label(action: str) -> str:
    """The action in words, in the active language; an action no app named is "other"."""
    return str(_labels.get(action, _("autre action")))


def record_admin_change(sender, instance, created, raw=False, **kwargs) -> None:
    """`post_save` of the admin's `LogEntry`: every add, change and delete made in the admin,
    whatever the model, goes to the trail with who, what and the admin's own summary."""
    if not created or raw:
        return
    action = {1: ADMIN_ADDITION, 2: ADMIN_CHANGE, 3: ADMIN_DELETION}.get(instance.action_flag)
    if action is None or instance.content_type_id is None:
        return
    content_type = instance.content_type
    AuditEvent.objects.create(
        actor_id=instance.user_id,
        action=action,
        object_type=f"{content_type.app_label}.{content_type.model}",
        object_id=str(instance.object_id or "")[:64],
        details={
            "object": instance.object_repr,
            "change": instance.get_change_message(),
        },
    )
