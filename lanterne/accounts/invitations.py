"""Invitations: a coordinator (or the national network) invites a person by e-mail to act with
a role for a structure; the link opens an account, or adds the role to the person's account.

The link's key is `secrets.token_urlsafe(32)`, as for API tokens (`tokens.py`): only its SHA-256
is stored, so the table opens nothing. Resending makes a new key and a new expiry (the old link
stops working); revoking ends the link. Each write checks its permission (`perms.py`), happens in
one transaction with its audit row, and records its e-mail in the outbox of that transaction.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lanterne.core.audit import audit
from lanterne.core.mail import notify_address
from lanterne.core.services import ServiceError, require_perm

from .enums import AuditAction, InvitationStatus, Role
from .models import Invitation, Membership, User
from .scoping import forget_scope, scope_for
from .tokens import digest_of

EMAIL_TEMPLATE = "accounts/email/invitation"


def invitable_structures(user) -> QuerySet:
    """The structures `user` may invite people for: its perimeter (`Scope.perimeter_filter`),
    every structure for whoever sees them all; none for someone who invites nobody."""
    from .perms import invitable_roles

    structures = Invitation._meta.get_field("structure").related_model._default_manager
    if not invitable_roles(user):
        return structures.none()
    return structures.filter(scope_for(user).perimeter_filter()).order_by("name")


def _issue(invitation: Invitation) -> str:
    """Give `invitation` a new key, a new sending time and a new expiry; returns the key."""
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.digest = digest_of(key)
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    return key


def _send(invitation: Invitation, key: str) -> None:
    notify_address(
        invitation.email,
        invitation.language,
        EMAIL_TEMPLATE,
        {"invitation": invitation, "key": key, "inviter": invitation.invited_by},
    )


def _locked(invitation: Invitation) -> Invitation:
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("structure")
        .get(pk=invitation.pk)
    )


def _refuse_unless_open(invitation: Invitation) -> None:
    """Only an invitation not yet accepted nor revoked can be resent or revoked."""
    status = invitation.status
    if status == InvitationStatus.ACCEPTED:
        raise ServiceError(_("Cette invitation a déjà été acceptée."))
    if status == InvitationStatus.REVOKED:
        raise ServiceError(_("Cette invitation a été révoquée."))


@transaction.atomic
def invitation_create(
    *, email: str, role: str, structure, language: str, by: User
) -> tuple[Invitation, str]:
    """Invite `email` to act as `role` for `structure` (None only for a speaker); the e-mail,
    in `language`, carries the link. Returns the invitation and its key (in the e-mail only)."""
    email = User.objects.normalize_email(email).strip().lower()
    invitation = Invitation(
        email=email, role=role, structure=structure, language=language, invited_by=by
    )
    if structure is None and role != Role.SPEAKER:
        raise ServiceError({"structure": _("Choisissez la structure pour laquelle inviter.")})
    require_perm(by, "accounts.invite_people", invitation)
    if language not in dict(settings.LANGUAGES):
        raise ServiceError({"language": _("Choisissez une langue de la liste.")})
    same = {"role": role, "structure": structure}
    if Membership.objects.active().filter(user__email__iexact=email, **same).exists():
        raise ServiceError({"email": _("Cette personne a déjà ce rôle pour cette structure.")})
    if Invitation.objects.pending().filter(email__iexact=email, **same).exists():
        raise ServiceError(
            {
                "email": _(
                    "Une invitation en attente existe déjà pour cette adresse, ce rôle et cette "
                    "structure : renvoyez-la depuis la liste."
                )
            }
        )
    key = _issue(invitation)
    invitation.full_clean()
    invitation.save()
    audit(
        action=AuditAction.INVITATION_CREATE,
        obj=invitation,
        by=by,
        role=role,
        structure=structure.pk if structure else None,
    )
    _send(invitation, key)
    return invitation, key


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: User) -> tuple[Invitation, str]:
    """A new e-mail with a new link and a new expiry; the previous link no longer works."""
    require_perm(by, "accounts.change_invitation", invitation)
    invitation = _locked(invitation)
    _refuse_unless_open(invitation)
    key = _issue(invitation)
    invitation.save(update_fields=["digest", "sent_at", "expires_at", "updated_at"])
    audit(action=AuditAction.INVITATION_RESEND, obj=invitation, by=by)
    _send(invitation, key)
    return invitation, key


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """End the invitation's link at once."""
    require_perm(by, "accounts.change_invitation", invitation)
    invitation = _locked(invitation)
    _refuse_unless_open(invitation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    audit(action=AuditAction.INVITATION_REVOKE, obj=invitation, by=by)
    return invitation


def invitation_for_key(key: str) -> Invitation | None:
    """The invitation a link's key opens, whatever its state (the page then says which)."""
    if not key or len(key) > 100:
        return None
    return (
        Invitation.objects.select_related("structure", "invited_by")
        .filter(digest=digest_of(key))
        .first()
    )


def account_for(invitation: Invitation) -> User | None:
    """The existing account of the invited address, if any (active or not)."""
    return User.objects.filter(email__iexact=invitation.email).first()


def refusal(invitation: Invitation | None) -> str | None:
    """Why a link cannot be used, in a sentence; None when it can."""
    if invitation is None:
        return _("Ce lien d'invitation n'est pas valide. Vérifiez qu'il a été copié en entier.")
    status = invitation.status
    if status == InvitationStatus.EXPIRED:
        return _(
            "Ce lien d'invitation a expiré. Demandez à la personne qui vous a invité·e de vous "
            "envoyer une nouvelle invitation."
        )
    if status == InvitationStatus.REVOKED:
        return _("Cette invitation a été annulée par la personne qui l'avait envoyée.")
    if status == InvitationStatus.ACCEPTED:
        return _(
            "Cette invitation a déjà été acceptée. Connectez-vous avec votre adresse e-mail et "
            "votre mot de passe."
        )
    return None


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    by: User | None,
    first_name: str = "",
    last_name: str = "",
    password: str = "",
    language: str = "",
) -> User:
    """Accept `invitation`: `by`, the signed-in account of the invited address, gets the role;
    without `by`, a new account is made for the address with these names and password (the
    person accepted the terms). The account and its membership are written together."""
    invitation = _locked(invitation)
    if (reason := refusal(invitation)) is not None:
        raise ServiceError(reason)
    now = timezone.now()
    if by is not None:
        if not by.is_authenticated or by.email.lower() != invitation.email.lower():
            raise ServiceError(
                _("Cette invitation est adressée à une autre adresse que celle de votre compte.")
            )
        user = by
    else:
        if account_for(invitation) is not None:
            raise ServiceError(
                _(
                    "Un compte existe déjà pour cette adresse : connectez-vous pour accepter "
                    "l'invitation."
                )
            )
        user = User(
            email=invitation.email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            language=language if language in dict(settings.LANGUAGES) else "",
            terms_accepted_at=now,
        )
        validate_password(password, user)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
    membership, created = Membership.objects.get_or_create(
        user=user, structure=invitation.structure, role=invitation.role
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    invitation.accepted_at = now
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user", "updated_at"])
    audit(
        action=AuditAction.INVITATION_ACCEPT,
        obj=invitation,
        by=user,
        new_account=by is None,
        role=invitation.role,
    )
    forget_scope(user)
    return user
