"""Everything that changes committee sessions goes through here: their agenda, their
members' opinions, their closing. The decision on each dossier is a dossier service
(`lanterne.dossiers.services.dossier_decide`).
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lanterne.accounts.models import User
from lanterne.calls.models import Call
from lanterne.core.audit import audit
from lanterne.core.services import ServiceError, require_perm
from lanterne.dossiers.enums import DossierState
from lanterne.dossiers.models import Dossier
from lanterne.dossiers.services import dossier_send_to_committee

from .enums import AuditAction
from .models import CommitteeSession, Opinion


@transaction.atomic
def session_create(
    *, call: Call, by: User, title: str, meets_at, place: str = "", members=()
) -> CommitteeSession:
    require_perm(by, "calls.manage_call", call)
    session = CommitteeSession.objects.create(
        call=call, title=title, meets_at=meets_at, place=place
    )
    session.members.set(members)
    audit(action=AuditAction.CREATE, obj=session, by=by)
    return session


@transaction.atomic
def session_add_dossiers(*, session: CommitteeSession, by: User, dossiers) -> list[Dossier]:
    """Put dossiers on the session's agenda; they move to « en comité »."""
    require_perm(by, "calls.manage_call", session.call)
    added = []
    for dossier in dossiers:
        if dossier.call_id != session.call_id:
            raise ServiceError(_("Ce dossier ne relève pas de l'appel de cette séance."))
        # On another session's agenda already: it stays « en comité », without a new step.
        if dossier.state != DossierState.IN_COMMITTEE:
            dossier = dossier_send_to_committee(dossier=dossier, by=by, session=session.pk)
        session.dossiers.add(dossier)
        added.append(dossier)
    return added


@transaction.atomic
def opinion_give(
    *,
    session: CommitteeSession,
    dossier: Dossier,
    by: User,
    verdict: str,
    comment: str = "",
    proposed_amount: Decimal | None = None,
) -> Opinion:
    """A member's opinion, given once: it cannot be changed afterwards."""
    require_perm(by, "committee.give_opinion", session)
    if session.is_closed:
        raise ServiceError(_("La séance est close : les avis ne sont plus recueillis."))
    if not session.dossiers.filter(pk=dossier.pk).exists():
        raise PermissionDenied
    if proposed_amount is not None and proposed_amount < 0:
        raise ServiceError(_("Le montant proposé ne peut pas être négatif."))
    try:
        with transaction.atomic():
            opinion = Opinion.objects.create(
                session=session,
                dossier=dossier,
                member=by,
                verdict=verdict,
                comment=comment,
                proposed_amount=proposed_amount,
            )
    except IntegrityError as error:
        raise ServiceError(
            _("Vous avez déjà donné votre avis sur ce dossier ; il ne peut plus être modifié.")
        ) from error
    audit(action=AuditAction.OPINION, obj=opinion, by=by)
    return opinion


@transaction.atomic
def session_close(*, session: CommitteeSession, by: User) -> CommitteeSession:
    require_perm(by, "calls.manage_call", session.call)
    session.is_closed = True
    session.save(update_fields=["is_closed", "updated_at"])
    audit(action=AuditAction.CLOSE, obj=session, by=by)
    return session
