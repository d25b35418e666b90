"""Erasing a person on request (GDPR art. 17): what the law or the network's records need is
kept without the person, the rest is deleted.

Each app says what erasing does to its own data (`core.privacy.register(..., erase=…)`); the
decisions are listed in docs/registre-des-traitements.md. In short: the person's roles,
sessions, API token, sign-in records, e-mails waiting or sent to them and their contact cards
are deleted; the audit trail keeps the event without its actor; what belongs to a structure or
to a procedure (a submitted dossier, its messages, the steps of a history, an opinion given in a
committee) stays, and the account they point at becomes a row without personal data shown as
« compte supprimé ». The row itself is deleted when nothing points at it any more.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from lanterne.core import privacy
from lanterne.core.audit import audit
from lanterne.core.services import ServiceError, require_perm

from .enums import AuditAction
from .models import User


@dataclass(frozen=True)
class Erasure:
    # Rows deleted or anonymised, by kind of data (`core.privacy` keys).
    counts: dict[str, int]
    # The account's row is gone (True) or kept without personal data (False).
    row_deleted: bool
    dry_run: bool


class _DryRun(Exception):
    def __init__(self, erasure: Erasure):
        self.erasure = erasure


def person_erase(*, user: User, by: User | None, dry_run: bool = False) -> Erasure:
    """Erase `user` at the request of `by` (themself, a superuser or a network admin; None for
    the `erase_person` command). A dry run does everything and rolls it back."""
    if by is not None:
        require_perm(by, "accounts.erase_person", user)
    if user.is_erased:
        raise ServiceError(_("Ce compte a déjà été supprimé."))
    if (
        user.is_superuser
        and not User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk).exists()
    ):
        raise ServiceError(
            _(
                "C'est le seul compte superutilisateur actif : nommez-en un autre avant de le "
                "supprimer."
            )
        )
    # A dry run works on a copy: the caller's object stays as it was.
    target = User.objects.get(pk=user.pk) if dry_run else user
    try:
        return _erase(target, by=by, dry_run=dry_run)
    except _DryRun as rolled_back:
        return rolled_back.erasure


@transaction.atomic
def _erase(user: User, *, by: User | None, dry_run: bool) -> Erasure:
    pk, by_self = user.pk, by is not None and by.pk == user.pk
    # Recorded first, while the account exists; a person erasing themself is not named (the
    # erasure of their audit events would take it off anyway).
    event = audit(action=AuditAction.ACCOUNT_ERASE, obj=user, by=None if by_self else by)
    counts = privacy.erase_person(user)
    event.details = {"by_self": by_self, "counts": counts}
    event.save(update_fields=["details"])
    erasure = Erasure(
        counts=counts, row_deleted=not User.objects.filter(pk=pk).exists(), dry_run=dry_run
    )
    if dry_run:
        raise _DryRun(erasure)
    return erasure
