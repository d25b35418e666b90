"""Everything that changes dossiers goes through here: their content, their life from draft
to decision, their notes, messages and deadline reminders.

Each service checks the permission, writes in one transaction (with its log row), and sends
mail on commit. Views, forms and the API parse input, call one service and render.
"""

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lanterne.accounts.models import User
from lanterne.calls.enums import DocumentKind, MilestoneKind, RuleCode
from lanterne.calls.models import Call
from lanterne.calls.selectors import ensure_may_apply
from lanterne.core.audit import audit
from lanterne.core.money import format_moment
from lanterne.core.services import ServiceError, require_perm
from lanterne.core.uploads import check_upload
from lanterne.core.workflow import record, transition

from . import notifications
from .content import dossier_content, fingerprint, freeze_verdict
from .eligibility import evaluate
from .enums import AuditAction, Decision, DossierState
from .models import (
    DOSSIER_WORKFLOW,
    Dossier,
    DossierDocument,
    DossierMessage,
    DossierNote,
    DossierReminder,
)
from .selectors import previous_dossier


class DeadlinePassed(ServiceError):
    pass


class ConcurrentEdit(ServiceError):
    """Someone saved the dossier since this form was displayed."""


# ---------------------------------------------------------------------------------------------
# Dossiers: content
# ---------------------------------------------------------------------------------------------


def _new_reference(call: Call) -> str:
    return f"PI-{call.year}-{call.region_id}-{secrets.token_hex(3).upper()}"


@transaction.atomic
def dossier_create(
    *, call: Call, applicant, title: str, by: User, from_previous: Dossier | None = None
):
    """A draft for an open call; a returning applicant may start from last year's dossier."""
    require_perm(by, "dossiers.create_dossier", applicant)
    call = Call.objects.with_calendar().get(pk=call.pk)
    if not call.is_open:
        raise ServiceError(_("Cet appel à projets n'est pas ouvert aux candidatures."))
    ensure_may_apply(call, applicant)
    if from_previous is not None and from_previous.applicant_id != applicant.pk:
        raise PermissionDenied
    dossier = Dossier.objects.create(
        call=call,
        applicant=applicant,
        title=title,
        reference=_new_reference(call),
        created_by=by,
        last_edited_by=by,
        previous_dossier=from_previous or previous_dossier(applicant, call),
    )
    if from_previous is not None:
        _copy_content(from_previous, dossier)
    record(dossier, "create", by=by)
    return dossier


def _copy_content(source: Dossier, target: Dossier) -> None:
    """Carry last year's project over: text, public, territories, partners, budget; actions
    without dates or films (both belong to the new year's call)."""
    for name in (
        "intention",
        "age_min",
        "age_max",
        "expected_participants",
        "far_from_culture",
        "public_description",
        "structure_budget_total",
    ):
        setattr(target, name, getattr(source, name))
    target.save()
    target.communes.set(source.communes.all())
    target.qpvs.set(source.qpvs.all())
    for partner in source.partners.all():
        partner.pk = None
        partner.dossier = target
        partner.save()
    for line in source.budget_lines.all():
        line.pk = None
        line.dossier = target
        line.save()
    for action in source.actions.all():
        action.pk = None
        action.dossier = target
        action.starts_on = action.ends_on = None
        action.film = None
        action.save()


@transaction.atomic
def dossier_touch(*, dossier: Dossier, expected_version: int, by: User) -> Dossier:
    """Claim the next version of an editable dossier, or refuse if someone saved meanwhile.

    Every content change (fields, partners, actions, budget, documents) starts here, in its
    own transaction, so that two people editing the same dossier never overwrite each other
    silently: the second save names a version that no longer exists and is refused.
    """
    if not dossier.is_editable and by.has_perm("dossiers.view_dossier", dossier):
        raise ServiceError(
            _("Ce dossier est %(state)s : il ne peut plus être modifié.")
            % {"state": dossier.state_label}
        )
    require_perm(by, "dossiers.change_dossier", dossier)
    updated = Dossier.objects.filter(pk=dossier.pk, version=expected_version).update(
        version=F("version") + 1, last_edited_by=by, updated_at=timezone.now()
    )
    if not updated:
        current = Dossier.objects.select_related("last_edited_by").get(pk=dossier.pk)
        raise ConcurrentEdit(
            _(
                "%(who)s a enregistré ce dossier le %(when)s, après que vous l'avez ouvert. "
                "Votre saisie n'a pas été enregistrée ; elle est conservée ci-dessous : "
                "vérifiez les changements puis enregistrez de nouveau."
            )
            % {
                "who": current.last_edited_by or _("Quelqu'un"),
                "when": format_moment(current.updated_at),
            }
        )
    dossier.version = expected_version + 1
    dossier.last_edited_by = by
    return dossier


@transaction.atomic
def dossier_update(*, dossier: Dossier, expected_version: int, by: User, **fields) -> Dossier:
    dossier_touch(dossier=dossier, expected_version=expected_version, by=by)
    many = {name: fields.pop(name) for name in ("communes", "qpvs") if name in fields}
    for name, value in fields.items():
        setattr(dossier, name, value)
    dossier.full_clean(exclude=["call", "applicant", "created_by", "reference", "state"])
    Dossier.objects.filter(pk=dossier.pk).update(**fields)
    for name, values in many.items():
        getattr(dossier, name).set(values)
    return dossier


@transaction.atomic
def dossier_save_item(*, dossier: Dossier, expected_version: int, by: User, item):
    """Create or update a partner, a fiche action or a budget line of the dossier."""
    dossier_touch(dossier=dossier, expected_version=expected_version, by=by)
    item.dossier = dossier
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def dossier_delete_item(*, dossier: Dossier, expected_version: int, by: User, item) -> None:
    if item.dossier_id != dossier.pk:
        raise PermissionDenied
    dossier_touch(dossier=dossier, expected_version=expected_version, by=by)
    item.delete()


@transaction.atomic
def dossier_add_document(
    *, dossier: Dossier, expected_version: int | None, by: User, kind: str, uploaded
) -> DossierDocument:
    """Attach a document; its type is read from its content (see core.uploads)."""
    checked = check_upload(uploaded)
    if expected_version is not None:
        dossier_touch(dossier=dossier, expected_version=expected_version, by=by)
    document = DossierDocument(
        dossier=dossier,
        kind=kind,
        original_name=(uploaded.name or "document")[-200:],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    document.file.save(checked.sha256, uploaded, save=False)
    document.save()
    return document


@transaction.atomic
def dossier_remove_document(*, dossier: Dossier, expected_version: int, by: User, document) -> None:
    if document.dossier_id != dossier.pk:
        raise PermissionDenied
    dossier_touch(dossier=dossier, expected_version=expected_version, by=by)
    document.file.delete(save=False)
    document.delete()


# ---------------------------------------------------------------------------------------------
# Dossiers: life
# ---------------------------------------------------------------------------------------------


# Each step goes through `core.workflow.transition` (see `models.DOSSIER_WORKFLOW`): the row
# locked and re-read with what the engine and the content read, the permission, the state, the
# log row and the audit event in one transaction, the mail of `notifications` on commit.


def dossier_submit(
    *, dossier: Dossier, by: User, at: datetime.datetime | None = None, attestation: str = ""
) -> Dossier:
    """Freeze the dossier as submitted, if before its deadline and every blocking rule passes.
    `attestation`, the text of the *attestation sur l'honneur* the person ticked, is recorded
    with the submission (in its log row, whose time is the submission's)."""
    at = at or timezone.now()

    def check_and_freeze(dossier: Dossier) -> dict:
        deadline = dossier.effective_deadline()
        # A dossier sent back for completion may come back after the call's deadline.
        if dossier.state == DossierState.DRAFT and (deadline is None or at > deadline):
            raise DeadlinePassed(
                _(
                    "La date limite de dépôt était le %(deadline)s : "
                    "le dossier ne peut plus être déposé."
                )
                % {"deadline": format_moment(deadline) if deadline else "—"}
            )
        ensure_may_apply(dossier.call, dossier.applicant)
        report = evaluate(dossier, at=at)
        blocking = [r for r in report.blocking_failures if r.code != RuleCode.DEADLINE]
        if blocking:
            raise ServiceError(
                [
                    _("%(rule)s : %(message)s") % {"rule": r.label, "message": r.message}
                    for r in blocking
                ]
            )
        content = dossier_content(dossier)
        dossier.submitted_content = content
        dossier.fingerprint = fingerprint(content)
        freeze_verdict(dossier, report, at=at)
        if attestation:
            return {
                "fingerprint": dossier.fingerprint,
                "attestation": attestation,
                "attestation_language": get_language() or settings.LANGUAGE_CODE,
            }
        return {"fingerprint": dossier.fingerprint}

    return transition(dossier, "submit", by=by, at=at, before=check_and_freeze).subject


def dossier_start_review(*, dossier: Dossier, by: User) -> Dossier:
    return transition(dossier, "start_review", by=by).subject


def dossier_send_back(*, dossier: Dossier, by: User, reason: str) -> Dossier:
    """Send back for completion: the applicant may edit and submit again, the reason says what."""
    require_perm(by, "dossiers.instruct_dossier", dossier)
    if not reason.strip():
        raise ServiceError(_("Dites au porteur ce qu'il doit compléter."))
    return transition(dossier, "send_back", by=by, reason=reason).subject


def dossier_withdraw(*, dossier: Dossier, by: User, reason: str = "") -> Dossier:
    return transition(dossier, "withdraw", by=by, reason=reason).subject


DECISIONS: dict[str, str] = {
    Decision.ACCEPTED: "accept",
    Decision.REFUSED: "refuse",
    Decision.CLOSED: "close",
}


@transaction.atomic
def dossier_decide(
    *, dossier: Dossier, by: User, decision: str, amount: Decimal | None = None, reason: str = ""
) -> Dossier:
    """Record the decision after the committee: accepted with an amount, refused, sans suite."""
    require_perm(by, "dossiers.instruct_dossier", dossier)
    name = DECISIONS.get(decision)
    if name is None:
        raise ServiceError(_("Décision inconnue."))

    def grant(dossier: Dossier) -> dict | None:
        if name != "accept":
            return None
        if amount is None or amount <= 0:
            raise ServiceError(_("Indiquez le montant attribué."))
        dossier.granted_amount = amount
        return {"amount": f"{amount:.2f}"}

    # What follows an acceptance (the applicant's project for the year) listens to the
    # workflow's `transitioned` signal, inside this transaction: written with it or not at all.
    return transition(dossier, name, by=by, reason=reason, before=grant).subject


def dossier_send_to_committee(*, dossier: Dossier, by: User, session: int) -> Dossier:
    """Move the dossier to « en comité »; the log row names the session.

    Called inside the transaction of the committee's agenda
    (`committee.services.session_add_dossiers`), which leaves out the dossiers already there."""
    return transition(dossier, "send_to_committee", by=by, session=session).subject


@transaction.atomic
def dossier_grant_extension(
    *, dossier: Dossier, by: User, until: datetime.datetime, reason: str
) -> Dossier:
    """Let this dossier be submitted after the call's deadline, until `until`."""
    require_perm(by, "dossiers.instruct_dossier", dossier)
    if not reason.strip():
        raise ServiceError(_("Indiquez le motif du délai accordé."))
    dossier = DOSSIER_WORKFLOW.lock(dossier)
    if not by.has_perm("dossiers.extend_dossier", dossier):
        raise ServiceError(_("Un délai ne s'accorde qu'à un dossier en brouillon."))
    dossier.extended_until = until
    dossier.save(update_fields=["extended_until", "updated_at"])
    record(dossier, "extension", by=by, reason=reason, until=until.isoformat())
    return dossier


# ---------------------------------------------------------------------------------------------
# Notes and messages
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def note_add(*, dossier: Dossier, by: User, body: str) -> DossierNote:
    require_perm(by, "dossiers.view_notes", dossier)
    if not body.strip():
        raise ServiceError(_("La note est vide."))
    return DossierNote.objects.create(dossier=dossier, author=by, body=body.strip())


@transaction.atomic
def message_post(*, dossier: Dossier, by: User, body: str, attachment=None) -> DossierMessage:
    require_perm(by, "dossiers.message_dossier", dossier)
    if not body.strip():
        raise ServiceError(_("Le message est vide."))
    document = None
    if attachment is not None:
        document = dossier_add_document(
            dossier=dossier,
            expected_version=None,
            by=by,
            kind=DocumentKind.OTHER,
            uploaded=attachment,
        )
    from_coordination = by.has_perm("dossiers.instruct_dossier", dossier)
    message = DossierMessage.objects.create(
        dossier=dossier,
        author=by,
        body=body.strip(),
        attachment=document,
        from_coordination=from_coordination,
    )
    notifications.message_posted(message.pk)
    return message


# ---------------------------------------------------------------------------------------------
# Sensitive reads: one row in the trail, the one write a GET makes
# ---------------------------------------------------------------------------------------------


def dossier_record_read(*, dossier: Dossier, by: User, via: str) -> None:
    """Record that a committee member opened `dossier` (`via`: the page that showed it)."""
    audit(action=AuditAction.READ, obj=dossier, by=by, via=via)


def document_record_download(*, document: DossierDocument, by: User, attachment: bool) -> None:
    """Record a download of one of the dossier's files (a piece, or a message's attachment),
    on the dossier so that its coordination finds it in the dossier's trail."""
    audit(
        action=AuditAction.ATTACHMENT_DOWNLOAD if attachment else AuditAction.DOCUMENT_DOWNLOAD,
        obj=document.dossier,
        by=by,
        document=document.pk,
        name=document.original_name,
    )


# ---------------------------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------------------------


def reminders_due(now: datetime.datetime) -> list[tuple[Dossier, int]]:
    """Drafts whose deadline is within one of their call's reminder offsets, not yet reminded."""

    due = []
    drafts = (
        Dossier.objects.filter(state=DossierState.DRAFT, call__is_published=True)
        .filter(call__milestones__kind=MilestoneKind.DEADLINE, call__milestones__starts_at__gt=now)
        .select_related("call")
        .prefetch_related("call__milestones", "reminders")
    )
    for dossier in drafts:
        deadline = dossier.effective_deadline()
        sent = {r.days_before for r in dossier.reminders.all()}
        for offset in dossier.call.reminder_offsets():
            if deadline - datetime.timedelta(days=offset) <= now < deadline and offset not in sent:
                # Only the nearest offset: a draft created 2 days before the deadline gets
                # the « 3 days » reminder, not the « 14 days » one too.
                nearer = [o for o in dossier.call.reminder_offsets() if o < offset]
                if any(deadline - datetime.timedelta(days=o) <= now for o in nearer):
                    continue
                due.append((dossier, offset))
    return due


def reminders_send(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    count = 0
    for dossier, offset in reminders_due(now):
        with transaction.atomic():
            _, created = DossierReminder.objects.get_or_create(dossier=dossier, days_before=offset)
            if created:
                notifications.dossier_reminder(dossier.pk)
                count += 1
    return count
