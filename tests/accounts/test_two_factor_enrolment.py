"""Enrolling an authenticator application: QR code or key, a code to confirm, recovery codes."""

import re
import time
from binascii import unhexlify
from html import unescape

import time_machine
from django.core import signing
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lanterne.accounts.two_factor.forms import EnrolmentForm
from lanterne.core.models import AuditEvent
from tests.accounts.factories import applicant, coordinator
from tests.www.conftest import assert_csp_compliant

ENROL = reverse("two_factor:enrol")
HOME = reverse("www:home")


def _page_secret(response) -> tuple[str, str]:
    """The signed secret of the form and the key it carries (hex), read from the page."""
    signed = re.search(r'name="secret" value="([^"]+)"', response.text).group(1)
    shown = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', response.text).group(1)
    return signed, shown


def _code(key_hex: str, *, steps_ago: int = 0) -> str:
    totp = TOTP(unhexlify(key_hex))
    totp.time = time.time() - 30 * steps_ago
    return f"{totp.token():06d}"


def _key(signed: str) -> str:
    return signing.loads(signed, salt="lanterne.accounts.two_factor.enrol")["key"]


def test_enrolment_page_shows_a_qr_code_and_the_key_and_stores_nothing(client):
    """The page draws the QR code inline (SVG, no request, CSP-compatible), prints the key for
    typing, asks for the code with the right input hints, and a GET stores no device."""
    client.force_login(coordinator())
    response = client.get(ENROL)
    assert response.status_code == 200
    assert "<svg" in response.text and 'role="img"' in response.text
    assert "obligatoire" in response.text
    _signed, shown = _page_secret(response)
    assert len(shown.replace(" ", "")) == 32
    assert 'autocomplete="one-time-code"' in response.text
    assert 'inputmode="numeric"' in response.text
    assert '<label class="form-label" for="id_code">Code à 6 chiffres</label>' in response.text
    assert_csp_compliant(response)
    assert "no-store" in response["Cache-Control"]
    assert not TOTPDevice.objects.exists()


def test_right_code_enrols_shows_ten_recovery_codes_and_verifies_the_session(client):
    """The code computed from the page's key saves the device, shows ten single-use recovery
    codes once, and the session has passed the second factor: the page asked for opens."""
    user = coordinator()
    client.force_login(user)
    signed, _shown = _page_secret(client.get(f"{ENROL}?next=/dossiers/"))
    response = client.post(
        ENROL, {"secret": signed, "code": _code(_key(signed)), "next": "/dossiers/"}
    )
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", response.text)
    assert len(codes) == 10
    assert "no-store" in response["Cache-Control"]
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(
        code.replace("-", "") for code in codes
    )
    assert 'href="/dossiers/"' in response.text
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and device.key == _key(signed)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/dossiers/").status_code == 200
    assert AuditEvent.objects.filter(action="two_factor_enabled", object_id=str(user.pk)).exists()


def test_wrong_code_is_refused_and_the_same_key_is_kept(client):
    """A wrong code saves nothing, says why, and the page keeps the key already scanned."""
    client.force_login(coordinator())
    signed, shown = _page_secret(client.get(ENROL))
    wrong = f"{(int(_code(_key(signed))) + 1) % 1_000_000:06d}"
    response = client.post(ENROL, {"secret": signed, "code": wrong})
    assert response.status_code == 200
    assert "Ce code ne correspond pas au QR code affiché" in unescape(response.text)
    assert _page_secret(response)[1] == shown
    assert not TOTPDevice.objects.exists()
    assert wrong not in response.text


def test_expired_code_is_refused_as_expired(client):
    """A code that was right a few minutes ago is refused as expired, not as wrong."""
    client.force_login(coordinator())
    signed, _shown = _page_secret(client.get(ENROL))
    response = client.post(ENROL, {"secret": signed, "code": _code(_key(signed), steps_ago=4)})
    assert "Ce code a expiré" in unescape(response.text)
    assert not TOTPDevice.objects.exists()


def test_letters_are_refused_with_the_expected_format(client):
    client.force_login(applicant())
    signed, _shown = _page_secret(client.get(ENROL))
    response = client.post(ENROL, {"secret": signed, "code": "abc"})
    assert "Saisissez les 6 chiffres affichés par votre application." in unescape(response.text)


def test_a_key_signed_for_another_user_or_tampered_is_refused(client):
    """The hidden key is signed for this user: another user's (or a forged) key is refused,
    and a new key is shown."""
    user, other = coordinator(), coordinator()
    client.force_login(user)
    key = "00" * 20
    for secret in (EnrolmentForm.sign(other, key), "forged"):
        response = client.post(ENROL, {"secret": secret, "code": _code(key)})
        assert "Cette page d'activation n'est pas valable" in unescape(response.text)
        assert _key(_page_secret(response)[0]) != key
    assert not TOTPDevice.objects.exists()


def test_an_old_enrolment_page_has_expired(client):
    """The key of a page left open more than an hour is refused: a new one is shown."""
    client.force_login(coordinator())
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False):
        signed, _shown = _page_secret(client.get(ENROL))
    with time_machine.travel("2026-03-02 10:30 +01:00", tick=False):
        response = client.post(ENROL, {"secret": signed, "code": _code(_key(signed))})
    assert "Cette page d'activation a expiré" in unescape(response.text)
    assert not TOTPDevice.objects.exists()


def test_enrolment_page_in_english(client):
    client.force_login(coordinator(language="en"))
    response = client.get("/en" + ENROL)
    assert "Turn on two-factor authentication" in response.text
    assert "6-digit code" in response.text
