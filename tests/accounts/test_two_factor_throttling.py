"""Refused codes slow the next attempts down (django-otp's throttling: 1 s, 2, 4, 8…)."""

from html import unescape

import time_machine
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from tests.accounts.factories import coordinator, enrolled, totp_code

VERIFY = reverse("two_factor:verify")
RECOVERY = reverse("two_factor:verify_recovery")


def test_after_refused_codes_even_the_right_one_waits(client):
    """Three wrong codes in a row: the next attempt, even with the right code, is refused and
    says how long to wait; once that time has passed, the right code is accepted."""
    user = coordinator()
    device = enrolled(user, recovery_codes=("abcdefgh",))
    client.force_login(user)
    with time_machine.travel("2026-03-02 09:00:00 +01:00", tick=False) as traveller:
        for second in range(3):
            wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
            response = client.post(VERIFY, {"code": wrong})
            assert "Ce code est incorrect" in unescape(response.text)
            if second < 2:
                traveller.shift(2**second)  # waits as long as asked, no more
        device.refresh_from_db()
        assert device.throttling_failure_count == 3
        response = client.post(VERIFY, {"code": totp_code(device)})
        assert "Trop de codes refusés à la suite" in unescape(response.text)
        assert "attendez 4 secondes" in unescape(response.text)
        assert DEVICE_ID_SESSION_KEY not in client.session
        traveller.shift(4)
        assert client.post(VERIFY, {"code": totp_code(device)}).status_code == 302
        assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_recovery_codes_are_throttled_too(client):
    user = coordinator()
    enrolled(user, recovery_codes=("abcdefgh",))
    client.force_login(user)
    with time_machine.travel("2026-03-02 09:00:00 +01:00", tick=False):
        client.post(RECOVERY, {"code": "zzzzzzzz"})
        response = client.post(RECOVERY, {"code": "abcdefgh"})
    assert "attendez 1 seconde " in unescape(response.text)
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_long_waits_are_said_in_minutes(client):
    user = coordinator()
    device = enrolled(user)
    device.throttling_failure_count = 9
    with time_machine.travel("2026-03-02 09:00:00 +01:00", tick=False):
        from django.utils import timezone

        device.throttling_failure_timestamp = timezone.now()
        device.save()
        client.force_login(user)
        response = client.post(VERIFY, {"code": totp_code(device)})
    # 2 ** 8 = 256 seconds.
    assert "attendez 5 minutes" in unescape(response.text)
