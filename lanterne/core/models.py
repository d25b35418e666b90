from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every domain row knows when it was created and last changed."""

    created_at = models.DateTimeField(_("créé le"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """Who did what, when, to which object: written by services in the same transaction."""

    at = models.DateTimeField(_("le"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        # For traceability: a user with audit events cannot be deleted, only deactivated.
        on_delete=models.RESTRICT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100)
    object_type = models.CharField(_("type d'objet"), max_length=100)
    object_id = models.CharField(_("identifiant"), max_length=64)
    details = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        verbose_name = _("événement d'audit")
        verbose_name_plural = _("événements d'audit")
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class WorkerHeartbeat(models.Model):
    """When a task worker last ran the heartbeat task (`manage.py enqueue_heartbeat`, every few
    minutes): /sante/ reads it to tell whether background tasks are being taken."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    seen_at = models.DateTimeField(_("vu le"), db_index=True)

    class Meta:
        verbose_name = _("signe de vie d'un worker")
        verbose_name_plural = _("signes de vie des workers")

    def __str__(self):
        return f"{self.worker_id} {self.seen_at:%Y-%m-%d %H:%M:%S}"
