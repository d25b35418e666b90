"""Who needs a second factor, and every write about it.

A user has at most one confirmed TOTP device (the authenticator application) and, with it, one
static device holding its single-use recovery codes. Codes are checked through the devices'
own `verify_token`, so that django-otp's throttling (one failure: wait 1 s, then 2, 4, 8…)
and its refusal to accept a TOTP code twice apply to every attempt.
"""

import math
import re
from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from lanterne.core.audit import audit
from lanterne.core.services import ServiceError

from ..enums import AuditAction, Role
from ..scoping import scope_for

# Roles that reach other people's private data: their accounts must have a second factor.
REQUIRED_ROLES = frozenset({Role.COORDINATOR, Role.COMMITTEE_MEMBER, Role.NETWORK_ADMIN})
RECOVERY_CODE_COUNT = 10
# django-otp's `StaticToken.random_token()`: eight characters of base32, lower-cased.
RECOVERY_CODE_LENGTH = 8
TOTP_DIGITS = 6
# A code of the application refused as expired when it was right this many steps ago (30 s
# each): the person typed it too late, or the phone's clock is wrong.
EXPIRED_LOOKBACK_STEPS = 20

_SEPARATORS = re.compile(r"[\s-]+")


def requires_second_factor(user) -> bool:
    """Superusers, staff (the admin) and the roles of `REQUIRED_ROLES` may not go without."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return bool(scope_for(user).roles & REQUIRED_ROLES)


def totp_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator application, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# Enrolment: the secret is made before anything is stored, shown to the person (QR code and
# text), and only saved once a code computed from it proves the application holds it.


def new_secret() -> str:
    """A fresh TOTP secret (20 random bytes, hex-encoded as django-otp stores it)."""
    return random_hex(20)


def secret_for_display(key: str) -> str:
    """The secret as authenticator applications ask for it: base32, in groups of four."""
    text = b32encode(unhexlify(key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(user, key: str) -> str:
    """The `otpauth://` address the QR code carries (issuer from OTP_TOTP_ISSUER)."""
    return TOTPDevice(user=user, key=key, digits=TOTP_DIGITS).config_url


def _normalise(code: str) -> str:
    return _SEPARATORS.sub("", code or "").lower()


def _is_totp_code(code: str) -> bool:
    return code.isdigit() and len(code) == TOTP_DIGITS


def _format_refusal() -> str:
    return _(
        "Saisissez les %(digits)s chiffres affichés par votre application, ou l'un de vos "
        "codes de secours."
    ) % {"digits": TOTP_DIGITS}


def _expired(totp: TOTP, code: int, now: float) -> bool:
    """Was `code` right a few steps ago (but no longer within the tolerance)?"""
    for back in range(2, EXPIRED_LOOKBACK_STEPS + 1):
        totp.time = now - back * totp.step
        if totp.token() == code:
            return True
    return False


def _expired_refusal() -> str:
    return _(
        "Ce code a expiré : saisissez celui que votre application affiche maintenant. S'il est "
        "refusé encore, vérifiez que votre téléphone est à l'heure."
    )


@transaction.atomic
def enrol(*, user, key: str, code: str, verified: bool) -> list[str]:
    """Save the authenticator application whose secret is `key`, once `code` proves it holds
    it, with a fresh set of recovery codes, which are returned (they are shown only once).

    An application already there is replaced only when the session passed it (`verified`)."""
    if is_enrolled(user) and not verified:
        raise ServiceError(
            _("Saisissez d'abord un code de votre application actuelle pour la remplacer.")
        )
    code = _normalise(code)
    if not _is_totp_code(code):
        raise ServiceError(
            _("Saisissez les %(digits)s chiffres affichés par votre application.")
            % {"digits": TOTP_DIGITS}
        )
    now = timezone.now().timestamp()
    totp = TOTP(unhexlify(key), digits=TOTP_DIGITS)
    totp.time = now
    if not totp.verify(int(code), tolerance=1):
        if _expired(totp, int(code), now):
            raise ServiceError(_expired_refusal())
        raise ServiceError(
            _(
                "Ce code ne correspond pas au QR code affiché : vérifiez que vous avez ajouté ce "
                "compte (et non un ancien) dans votre application, puis saisissez le code affiché."
            )
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(
        user=user,
        name="Application d'authentification",
        key=key,
        digits=TOTP_DIGITS,
        confirmed=True,
        # The code just typed may not serve again to sign in.
        last_t=totp.t(),
        drift=totp.drift,
    )
    codes = _new_recovery_codes(user)
    audit(action=AuditAction.TWO_FACTOR_ENABLED, obj=user, by=user)
    return codes


def _new_recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Codes de secours", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def format_recovery_code(code: str) -> str:
    """`abcdefgh` shown as `abcd-efgh` (the dash may be typed or not)."""
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def regenerate_recovery_codes(*, user) -> list[str]:
    """Replace the user's recovery codes by new ones (the old ones stop working)."""
    if not is_enrolled(user):
        raise ServiceError(
            _("Activez d'abord la double authentification : les codes de secours l'accompagnent.")
        )
    codes = _new_recovery_codes(user)
    audit(action=AuditAction.TWO_FACTOR_RECOVERY_CODES_REGENERATED, obj=user, by=user)
    return codes


# Checking a code, after the password.


@dataclass(frozen=True)
class Checked:
    device: TOTPDevice | StaticDevice
    # When a recovery code was used: how many remain.
    recovery_codes_left: int | None = None


def check_code(*, user, code: str) -> Checked:
    """The device that accepts `code` (a code of the application or a recovery code), or a
    `ServiceError` saying why not: malformed, throttled, expired, already used or wrong.

    Every failure is counted by the device (and committed) before the refusal is raised."""
    code = _normalise(code)
    if code.isdigit() and len(code) not in (TOTP_DIGITS, RECOVERY_CODE_LENGTH):
        raise ServiceError(_format_refusal())
    with transaction.atomic():
        outcome = _check_totp(user, code) if _is_totp_code(code) else _check_recovery(user, code)
    if isinstance(outcome, str):
        raise ServiceError(outcome)
    return outcome


def _check_totp(user, code: str) -> Checked | str:
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        return _("Aucune application d'authentification n'est enregistrée sur ce compte.")
    throttled = _throttled(device)
    if throttled:
        return throttled
    if device.verify_token(code):
        return Checked(device=device)
    return _why_refused(device, int(code))


def _check_recovery(user, code: str) -> Checked | str:
    if not code.isalnum() or len(code) != RECOVERY_CODE_LENGTH:
        return _format_refusal()
    device = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        return _("Ce compte n'a pas de codes de secours.")
    throttled = _throttled(device)
    if throttled:
        return throttled
    if not device.verify_token(code):
        return _(
            "Ce code de secours n'est pas valable : il a déjà servi, a été remplacé par de "
            "nouveaux codes, ou comporte une faute de frappe."
        )
    left = device.token_set.count()
    audit(action=AuditAction.TWO_FACTOR_RECOVERY_CODE_USED, obj=user, by=user, codes_left=left)
    return Checked(device=device, recovery_codes_left=left)


def _throttled(device) -> str:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return ""
    wait = max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))
    if wait < 120:
        delay = ngettext("%(count)s seconde", "%(count)s secondes", wait) % {"count": wait}
    else:
        minutes = math.ceil(wait / 60)
        delay = ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
    return _(
        "Trop de codes refusés à la suite : par sécurité, attendez %(delay)s avant de réessayer."
    ) % {"delay": delay}


def _why_refused(device: TOTPDevice, code: int) -> str:
    now = timezone.now().timestamp()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    for offset in range(-device.tolerance, device.tolerance + 1):
        totp.time = now + offset * device.step
        if totp.token() == code and totp.t() <= device.last_t:
            return _("Ce code a déjà servi : attendez que votre application en affiche un nouveau.")
    if _expired(totp, code, now):
        return _expired_refusal()
    return _("Ce code est incorrect : vérifiez-le dans votre application et réessayez.")


@transaction.atomic
def disable(*, user) -> None:
    """Remove the user's second factor, unless its roles require one."""
    if requires_second_factor(user):
        raise ServiceError(
            _(
                "Votre compte donne accès à des données réservées (coordination, comité de "
                "sélection, réseau national ou administration) : la double authentification y "
                "est obligatoire et ne peut pas être désactivée."
            )
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit(action=AuditAction.TWO_FACTOR_DISABLED, obj=user, by=user)
