from django.db import models

from .models import AuditEvent


def audit(*, action: str, obj: models.Model, by, **details) -> AuditEvent:
    """Record an audit event; call it inside the service's transaction."""
    return AuditEvent.objects.create(
        actor=by if getattr(by, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        details=details,
    )
