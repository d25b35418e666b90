"""Accounts people open themselves, to apply to a call: created inactive, opened by the link
sent to their address (a signed, expiring token), so that nobody signs up for someone else.

Signing up again with an address not yet confirmed sends a new link; with the address of an
account that exists, it sends that account a reminder to sign in: the page never says whether
an address is known.
"""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.db import transaction
from django.utils import timezone

from lanterne.core.mail import notify

from .models import User

_SALT = "lanterne.accounts.registration"


def confirmation_token(user: User) -> str:
    """A token naming the account and its address; it expires (`SIGNUP_CONFIRMATION_MAX_AGE`)."""
    return signing.dumps({"user": user.pk, "email": user.email}, salt=_SALT, compress=True)


def user_for_token(token: str) -> User | None:
    """The account this token confirms, None when it is forged, expired or already used."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=settings.SIGNUP_CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("user"), email=data.get("email")).first()
    if user is None or user.is_active or user.last_login is not None:
        return None
    return user


@transaction.atomic
def user_register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    language: str,
    next_url: str = "",
) -> User | None:
    """Open an account waiting for its address to be confirmed, and mail the link. Returns the
    new account, or None when the address already had an active one (told by mail)."""
    email = User.objects.normalize_email(email).strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and (existing.is_active or existing.last_login is not None):
        notify([existing], "accounts/email/signup_existing", {}, to_inactive=True)
        return None
    if existing is not None:
        user = existing
        user.first_name, user.last_name, user.language = first_name, last_name, language
    else:
        user = User(
            email=email,
            first_name=first_name,
            last_name=last_name,
            language=language,
            is_active=False,
        )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    notify(
        [user],
        "accounts/email/signup_confirm",
        {"token": confirmation_token(user), "next": next_url},
        to_inactive=True,
    )
    return user


@transaction.atomic
def user_confirm(user: User) -> User:
    user.is_active = True
    user.date_joined = timezone.now()
    user.save(update_fields=["is_active", "date_joined"])
    return user
