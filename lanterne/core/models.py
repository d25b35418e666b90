import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import OutboxState


class BaseModel(models.Model):
    """Every domain row knows when it was created and last changed."""

    created_at = models.DateTimeField(_("créé le"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        abstract = True


def parts_of(model: type[models.Model], parent: str) -> models.QuerySet:
    """`model`'s rows in their default order among one `parent`'s, for a prefetch.

    A default ordering that starts with the foreign key to the parent (`"dossier"`) orders by
    the parent's own ordering: every prefetch then joins the parents' table and sorts on its
    columns, and the planner may pick a plan that walks every parent. A prefetch hands each
    parent its own rows, so the rest of the ordering is all that shows."""
    ordering = [name for name in model._meta.ordering or [] if name not in (parent, f"{parent}_id")]
    return model._default_manager.order_by(*ordering)


class AuditEvent(models.Model):
    """Who did what, when, to which object: written by services in the same transaction, and
    for the few reads worth knowing (a committee member opening a dossier, a private file
    downloaded) and every change made in the admin (`lanterne.core.audit`)."""

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

    @property
    def action_label(self) -> str:
        """The action in words (see `lanterne.core.audit.register_action_labels`)."""
        from .audit import action_label

        return action_label(self.action)


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, now):
        """Waiting rows whose next attempt has come, and rows whose sender's lease ran out (the
        worker died or hung mid-send)."""
        waiting = models.Q(state=OutboxState.PENDING, next_attempt_at__lte=now)
        abandoned = models.Q(state=OutboxState.SENDING, lease_until__lte=now)
        return self.filter(waiting | abandoned)

    def failed(self):
        return self.filter(state=OutboxState.FAILED)


class OutboxMessage(models.Model):
    """One e-mail to one recipient, written in the same transaction as the change that causes
    it, then delivered by a worker (`lanterne.core.outbox`): the row, not the task queue, is
    what says whether it still has to go out."""

    # Unique per message: a row marked sent is never claimed again, and the key is the
    # Message-ID, so a receiving server can also recognise a resend after a lost lease.
    key = models.UUIDField(_("clé d'idempotence"), default=uuid.uuid4, unique=True, editable=False)
    to = models.EmailField(_("destinataire"))
    subject = models.TextField(_("objet"))
    body = models.TextField(_("texte"))
    state = models.CharField(
        _("état"), max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), default=timezone.now)
    lease_until = models.DateTimeField(_("réservé jusqu'au"), null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("courriel sortant")
        verbose_name_plural = _("courriels sortants")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="core_outbox_due_idx")]

    def __str__(self):
        return f"{self.to}: {self.subject}"


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
