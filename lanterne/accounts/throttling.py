"""Login throttling on top of django-axes.

axes locks an (account, address) pair after AXES_FAILURE_LIMIT failures: nobody can lock a user
out from another address, nor from behind the same proxy without its address (a school's or a
town hall's network). One address trying many accounts, each a few times, is caught by a
second, higher cap on the address alone, counted in the shared cache: LOGIN_ADDRESS_FAILURE_LIMIT
failures within AXES_COOLOFF_TIME hours refuse every login from it until the period ends.

The client's address is REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT reverse proxies, the
address the farthest of them saw (X-Forwarded-For, counted from the right: what a client writes
into the header itself stays on its left)."""

import time

from axes.utils import reset
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver


def username_from_request(request, credentials) -> str:
    """The e-mail as axes should count it: `Lea@Example.org` and `lea@example.org` are one."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()


def lift_lockout(email: str) -> None:
    """Forget the failed attempts of an account whose owner proved it holds the mailbox."""
    reset(username=email.strip().lower())


def client_address(request) -> str | None:
    """The client's address, trusting TRUSTED_PROXY_COUNT proxies (AXES_CLIENT_IP_CALLABLE)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR")
    if proxies <= 0:
        return remote
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if not forwarded:
        return remote
    # Each proxy appends the address it received the request from.
    return forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]


def _window() -> tuple[str, int]:
    """The current counting period's key suffix and the seconds left in it."""
    period = int(settings.AXES_COOLOFF_TIME * 3600)
    now = int(time.time())
    return str(now // period), period - now % period


def _key(address: str, window: str) -> str:
    return f"login-failures:{address}:{window}"


def address_failures(address: str) -> int:
    window, _left = _window()
    return cache.get(_key(address, window), 0)


@receiver(user_login_failed, dispatch_uid="accounts_count_address_failures")
def count_address_failure(sender, credentials, request=None, **kwargs):
    """Every failed login (page or API) counts against its address."""
    address = client_address(request) if request is not None else None
    if not address:
        return
    window, left = _window()
    key = _key(address, window)
    # get + set with an explicit timeout: `incr` of Django's database cache resets the expiry.
    cache.set(key, cache.get(key, 0) + 1, timeout=left)


class AddressThrottleBackend:
    """Refuses any login from an address over its cap; authenticates nobody itself.

    Listed first among AUTHENTICATION_BACKENDS. It flags the request as axes does, so that the
    login page answers with the lockout page (AxesMiddleware) and the API with its 403."""

    def authenticate(self, request, **credentials):
        address = client_address(request) if request is not None else None
        if address and address_failures(address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            request.axes_locked_out = True
            raise PermissionDenied
        # No `get_user`: a session is never this backend's (Django's test client, too, picks the
        # first backend that has one for `force_login`).
        return None
