"""The account's personal data (`core.privacy`): the account itself, its roles, its sessions,
its API token and its sign-in records (django-axes); and their retention periods."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.db.models import CASCADE, SET_NULL, ProtectedError, RestrictedError
from django.db.models.deletion import get_candidate_relations_to_delete
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanterne.core import privacy

from .models import ERASED_DOMAIN, ApiToken, Invitation, Membership, User


def _account_export(user) -> list[privacy.Row]:
    return [
        {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.get_language_display(),
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
        }
    ]


def scrub(user: User) -> None:
    """Keep the row for what still points at it, without anything that names the person."""
    user.email = f"{user.pk}-{timezone.now():%Y%m%d%H%M%S%f}@{ERASED_DOMAIN}"
    user.first_name = user.last_name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def let_go(user: User) -> None:
    """Do to the rows pointing at `user` what deleting it would: those that cascade go (a
    second factor, a committee seat…), those set null are; only what protects the row (a
    dossier, a step of a history, an opinion) keeps pointing at it. The admin's own history
    keeps its entries, under « compte supprimé »."""
    relations: list[ForeignObjectRel] = list(
        get_candidate_relations_to_delete(User._meta)  # type: ignore[arg-type]
    )
    for relation in relations:
        model = relation.related_model
        if model is None or model is LogEntry:
            continue
        name = relation.field.name
        rows = model._base_manager.filter(**{name: user})
        if relation.on_delete is CASCADE:
            rows.delete()
        elif relation.on_delete is SET_NULL:
            rows.update(**{name: None})


def _account_erase(user) -> int:
    """Last of the erasure: the row goes when nothing that must stay points at it (a dossier,
    a step of a history, an opinion: all `PROTECT`/`RESTRICT`); otherwise it is scrubbed."""
    try:
        user.delete()
    except (ProtectedError, RestrictedError):
        let_go(user)
        scrub(user)
    return 1


def _memberships(user):
    return Membership.objects.filter(user=user).select_related("structure")


def _memberships_export(user) -> list[privacy.Row]:
    return [
        {
            "role": m.role_label,
            "structure": m.structure.name if m.structure else str(_("à titre individuel")),
            "is_active": m.is_active,
            "since": m.created_at,
        }
        for m in _memberships(user).order_by("created_at", "id")
    ]


def _structures_export(user) -> list[privacy.Row]:
    names = {m.structure.name for m in _memberships(user) if m.structure is not None}
    return [{"name": name} for name in sorted(names)]


def _invitations(user):
    return Invitation.objects.filter(email__iexact=user.email).select_related("structure")


def _invitations_export(user) -> list[privacy.Row]:
    # The link's key is never stored; its digest opens nothing and is not personal.
    return [
        {
            "role": i.role_label,
            "structure": i.structure.name if i.structure else str(_("à titre individuel")),
            "status": i.status_label,
            "sent_at": i.sent_at,
            "expires_at": i.expires_at,
        }
        for i in _invitations(user).order_by("sent_at", "pk")
    ]


def user_sessions(user) -> list[Session]:
    """The sessions signed in as `user` (the database backend keeps no user column: each
    session is decoded)."""
    user_id = str(user.pk)
    return [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == user_id]


def _sessions_export(user) -> list[privacy.Row]:
    # The key is a secret: only when the session ends is shown.
    return [{"expires_at": s.expire_date} for s in user_sessions(user)]


def _sessions_erase(user) -> int:
    sessions = user_sessions(user)
    return privacy.delete_rows(Session.objects.filter(pk__in=[s.pk for s in sessions]))


def _tokens_export(user) -> list[privacy.Row]:
    # The key itself is never shown again.
    return [
        {
            "name": t.name,
            "prefix": t.prefix,
            "created_at": t.created_at,
            "expires_at": t.expires_at,
            "last_used_at": t.last_used_at,
            "revoked_at": t.revoked_at,
        }
        for t in ApiToken.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _tokens_erase(user) -> int:
    return privacy.delete_rows(ApiToken.objects.filter(user=user))


def _logins_export(user) -> list[privacy.Row]:
    username = user.email.lower()
    rows = [
        {
            "at": log.attempt_time,
            "result": str(_("connexion")),
            "ip_address": log.ip_address,
            "user_agent": log.user_agent,
            "logout_at": log.logout_time,
        }
        for log in AccessLog.objects.filter(username=username)
    ]
    rows += [
        {
            "at": log.attempt_time,
            "result": str(_("échec")),
            "ip_address": log.ip_address,
            "user_agent": log.user_agent,
            "logout_at": None,
        }
        for log in AccessFailureLog.objects.filter(username=username)
    ]
    return sorted(rows, key=lambda row: row["at"])


def _logins_erase(user) -> int:
    username = user.email.lower()
    return sum(
        privacy.delete_rows(model.objects.filter(username=username))
        for model in (AccessLog, AccessFailureLog, AccessAttempt)
    )


def _logins_retention(cutoff) -> int:
    return sum(
        privacy.delete_rows(model.objects.filter(attempt_time__lt=cutoff))
        for model in (AccessLog, AccessFailureLog, AccessAttempt)
    )


def register() -> None:
    privacy.register(
        "account",
        label=_("Votre compte"),
        columns={
            "email": _("adresse e-mail"),
            "first_name": _("prénom"),
            "last_name": _("nom"),
            "language": _("langue"),
            "date_joined": _("inscrit le"),
            "last_login": _("dernière connexion"),
            "is_active": _("actif"),
        },
        export=_account_export,
        erase=_account_erase,
        order=0,
        # Last: every other kind has let go of the row by then.
        erase_order=1000,
    )
    privacy.register(
        "memberships",
        label=_("Vos rôles"),
        columns={
            "role": _("rôle"),
            "structure": _("structure"),
            "is_active": _("actif"),
            "since": _("depuis le"),
        },
        export=_memberships_export,
        erase=lambda user: privacy.delete_rows(Membership.objects.filter(user=user)),
        order=10,
    )
    privacy.register(
        "structures",
        label=_("Les structures dont vous êtes membre"),
        columns={"name": _("nom")},
        export=_structures_export,
        order=11,
    )
    privacy.register(
        "invitations",
        label=_("Les invitations reçues à votre adresse"),
        columns={
            "role": _("rôle"),
            "structure": _("structure"),
            "status": _("état"),
            "sent_at": _("envoyée le"),
            "expires_at": _("expire le"),
        },
        export=_invitations_export,
        erase=lambda user: privacy.delete_rows(_invitations(user)),
        order=12,
    )
    privacy.register(
        "sessions",
        label=_("Vos sessions ouvertes"),
        columns={"expires_at": _("expire le")},
        export=_sessions_export,
        erase=_sessions_erase,
        order=90,
    )
    privacy.register(
        "api_tokens",
        label=_("Vos jetons d'accès à l'API"),
        columns={
            "name": _("nom"),
            "prefix": _("début du jeton"),
            "created_at": _("créé le"),
            "expires_at": _("expire le"),
            "last_used_at": _("dernière utilisation"),
            "revoked_at": _("révoqué le"),
        },
        export=_tokens_export,
        erase=_tokens_erase,
        order=91,
    )
    privacy.register(
        "login_records",
        label=_("Vos connexions et tentatives de connexion"),
        columns={
            "at": _("le"),
            "result": _("résultat"),
            "ip_address": _("adresse IP"),
            "user_agent": _("navigateur"),
            "logout_at": _("déconnexion le"),
        },
        export=_logins_export,
        erase=_logins_erase,
        order=92,
    )
    privacy.register_retention(
        "login_records", label=_("connexions et tentatives de connexion"), apply=_logins_retention
    )
    privacy.register_retention(
        "expired_sessions",
        label=_("sessions expirées"),
        apply=lambda cutoff: privacy.delete_rows(Session.objects.filter(expire_date__lt=cutoff)),
    )
