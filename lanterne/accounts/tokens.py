"""API tokens: made with a lifetime, listed and revoked by their owner, and revoked with every
credential change of the account (a new password, a deactivation).

The key is `secrets.token_urlsafe(32)` (256 bits): a SHA-256 of it is enough to find it again,
and a stolen table of digests opens nothing. No salt or slow hash is needed for a random key of
this length, and one indexed lookup per request stays cheap."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lanterne.core.audit import audit

from .enums import AuditAction
from .models import ApiToken, User

# The last use is stamped at most once in this period: a script reading the API does not
# write to the database on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str, by: User) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its key, which is never stored nor shown again."""
    if by.pk != user.pk:
        raise PermissionDenied
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        digest=digest_of(key),
        prefix=key[:8],
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS),
    )
    audit(action=AuditAction.API_TOKEN_CREATE, obj=token, by=by, name=name)
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Its owner ends a token at once."""
    if by.pk != token.user_id:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit(action=AuditAction.API_TOKEN_REVOKE, obj=token, by=by)
    return token


def revoke_all_tokens(user: User) -> int:
    """End every live token of `user` (its password changed, or it was deactivated)."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def token_for_key(key: str) -> ApiToken | None:
    """The live token of an active user that `key` opens, its last use stamped; None otherwise."""
    now = timezone.now()
    token = (
        ApiToken.objects.alive(now)
        .select_related("user")
        .filter(digest=digest_of(key), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
        # A conditional update: two requests in the same instant write once between them.
        ApiToken.objects.filter(pk=token.pk).exclude(
            last_used_at__gte=now - LAST_USED_RESOLUTION
        ).update(last_used_at=now)
        token.last_used_at = now
    return token
