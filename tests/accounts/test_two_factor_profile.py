"""The profile's second factor: anyone may enrol; recovery codes can be renewed; those whose
roles do not require it may turn it off."""

import re
from html import unescape

import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lanterne.core.models import AuditEvent
from tests.accounts.factories import (
    applicant,
    coordinator,
    enrolled,
    pass_second_factor,
    totp_code,
)
from tests.www.conftest import assert_csp_compliant

PROFILE = reverse("accounts:profile")
REGENERATE = reverse("two_factor:regenerate_recovery_codes")
DISABLE = reverse("two_factor:disable")
VERIFY_RECOVERY = reverse("two_factor:verify_recovery")


def signed_in_enrolled(client, user, codes=("abcdefgh", "ijklmnop")):
    device = enrolled(user, recovery_codes=codes)
    client.force_login(user)
    pass_second_factor(client, user)
    return device


def test_profile_shows_the_second_factor_and_its_codes_left(client):
    user = applicant()
    signed_in_enrolled(client, user)
    response = client.get(PROFILE)
    assert "Il vous reste 2 codes de secours." in response.text
    assert f'action="{REGENERATE}"' in response.text
    assert f'href="{DISABLE}"' in response.text
    assert_csp_compliant(response)


def test_regenerating_replaces_the_recovery_codes(client):
    """Ten new codes are shown once; the old ones no longer sign in, the new ones do."""
    user = applicant()
    signed_in_enrolled(client, user)
    response = client.post(REGENERATE)
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", response.text)
    assert len(codes) == 10
    assert "Vos anciens codes de secours ne fonctionnent plus." in response.text
    assert not StaticToken.objects.filter(token="abcdefgh").exists()
    assert AuditEvent.objects.filter(action="two_factor_recovery_codes_regenerated").exists()

    client.post(reverse("accounts:logout"))
    client.force_login(user)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        refused = client.post(VERIFY_RECOVERY, {"code": "abcd-efgh"})
        assert "Ce code de secours n'est pas valable" in unescape(refused.text)
        traveller.shift(1)  # the wait a refused code imposes
        assert client.post(VERIFY_RECOVERY, {"code": codes[0]}).status_code == 302


def test_regenerating_is_a_post(client):
    signed_in_enrolled(client, applicant())
    assert client.get(REGENERATE).status_code == 405
    assert StaticToken.objects.count() == 2


def test_applicant_disables_with_a_code(client):
    """Turning it off asks for a code; a wrong one changes nothing, the right one removes the
    application and the recovery codes."""
    user = applicant()
    device = signed_in_enrolled(client, user)
    page = client.get(DISABLE)
    assert 'autocomplete="one-time-code"' in page.text
    assert_csp_compliant(page)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        response = client.post(DISABLE, {"code": wrong})
        assert "Ce code est incorrect" in unescape(response.text)
        assert TOTPDevice.objects.filter(user=user).exists()
        traveller.shift(1)
        response = client.post(DISABLE, {"code": totp_code(device)})
    assert response["Location"] == PROFILE
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="two_factor_disabled").exists()
    # The session goes on, with the password alone from now on.
    assert "Non activée" in client.get(PROFILE).text
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_required_user_cannot_disable(client):
    """A coordinator is offered no way to turn it off, and a POST is refused, saying why."""
    user = coordinator()
    device = signed_in_enrolled(client, user)
    profile = client.get(PROFILE)
    assert f'href="{DISABLE}"' not in profile.text
    assert "Obligatoire pour votre compte" in profile.text
    response = client.post(DISABLE, {"code": totp_code(device)})
    assert response.status_code == 200
    assert "ne peut pas être désactivée" in unescape(response.text)
    assert TOTPDevice.objects.filter(user=user).exists()


def test_applicant_enrols_from_the_profile_and_comes_back_to_it(client):
    client.force_login(applicant())
    page = client.get(f"{reverse('two_factor:enrol')}?next={PROFILE}")
    assert "obligatoire" not in page.text
    assert f'href="{PROFILE}">Annuler' in page.text.replace("\n", "")


def test_replacing_the_application_keeps_one_device(client):
    """An enrolled user may move to a new phone: the new application replaces the old one."""
    from binascii import unhexlify

    from django.core import signing
    from django_otp.oath import TOTP

    user = coordinator()
    signed_in_enrolled(client, user)
    page = client.get(reverse("two_factor:enrol"))
    assert "Changer d'application d'authentification" in unescape(page.text)
    signed = re.search(r'name="secret" value="([^"]+)"', page.text).group(1)
    key = signing.loads(signed, salt="lanterne.accounts.two_factor.enrol")["key"]
    code = f"{TOTP(unhexlify(key)).token():06d}"
    response = client.post(reverse("two_factor:enrol"), {"secret": signed, "code": code})
    assert response.status_code == 200
    assert list(TOTPDevice.objects.filter(user=user).values_list("key", flat=True)) == [key]
    assert StaticToken.objects.filter(device__user=user).count() == 10
