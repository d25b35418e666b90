"""Signing in with a second factor: the password, then a code of the application or a recovery
code (each recovery code once)."""

from html import unescape

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from lanterne.core.models import AuditEvent
from tests.accounts.factories import PASSWORD, applicant, coordinator, enrolled, totp_code
from tests.www.conftest import assert_csp_compliant

LOGIN = reverse("accounts:login")
VERIFY = reverse("two_factor:verify")
RECOVERY = reverse("two_factor:verify_recovery")
HOME = reverse("www:home")


@pytest.fixture
def enrolled_coordinator():
    user = coordinator(email="ines@example.org")
    return user, enrolled(user, recovery_codes=("abcdefgh", "ijklmnop"))


def sign_in_with_password(client, email, **extra):
    return client.post(LOGIN, {"username": email, "password": PASSWORD, **extra})


def test_after_the_password_the_code_is_asked_then_the_page_asked_for_opens(
    client, enrolled_coordinator
):
    """The password leads to the code page (keeping the destination), whose field helps phones
    and password managers; the right code opens the page first asked for."""
    _user, device = enrolled_coordinator
    response = sign_in_with_password(client, "ines@example.org", next="/dossiers/")
    assert response["Location"] == "/dossiers/"
    response = client.get("/dossiers/")
    assert response["Location"] == f"{VERIFY}?next=%2Fdossiers%2F"
    page = client.get(response["Location"])
    assert 'autocomplete="one-time-code"' in page.text
    assert 'inputmode="numeric"' in page.text
    assert 'name="next" value="/dossiers/"' in page.text
    assert_csp_compliant(page)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "/dossiers/"})
    assert response["Location"] == "/dossiers/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/dossiers/").status_code == 200


def test_verification_gives_a_new_session_key(client, enrolled_coordinator):
    """The session's rights grow with the code: its key changes (no session fixation)."""
    _user, device = enrolled_coordinator
    sign_in_with_password(client, "ines@example.org")
    before = client.session.session_key
    client.post(VERIFY, {"code": totp_code(device)})
    assert client.session.session_key != before


def test_wrong_code_is_refused_with_a_reason_and_the_destination_kept(client, enrolled_coordinator):
    _user, device = enrolled_coordinator
    sign_in_with_password(client, "ines@example.org")
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong, "next": "/dossiers/"})
    assert response.status_code == 200
    assert "Ce code est incorrect" in unescape(response.text)
    assert 'name="next" value="/dossiers/"' in response.text
    assert wrong not in response.text
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get(HOME).status_code == 302


def test_expired_code_is_refused_as_expired(client, enrolled_coordinator):
    _user, device = enrolled_coordinator
    sign_in_with_password(client, "ines@example.org")
    response = client.post(VERIFY, {"code": totp_code(device, steps_ago=5)})
    assert "Ce code a expiré" in unescape(response.text)
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_code_serves_once(client, enrolled_coordinator):
    """A code of the application accepted once is refused the second time (another session
    cannot replay it)."""
    _user, device = enrolled_coordinator
    code = totp_code(device)
    sign_in_with_password(client, "ines@example.org")
    assert client.post(VERIFY, {"code": code})["Location"] == HOME
    client.post(reverse("accounts:logout"))
    sign_in_with_password(client, "ines@example.org")
    response = client.post(VERIFY, {"code": code})
    assert "Ce code a déjà servi" in unescape(response.text)


def test_recovery_code_signs_in_once(client, enrolled_coordinator):
    """A recovery code (dash and case as typed) replaces the application's code once, says how
    many remain, and is refused afterwards."""
    sign_in_with_password(client, "ines@example.org")
    page = client.get(RECOVERY)
    assert "Code de secours" in page.text
    assert 'inputmode="numeric"' not in page.text
    response = client.post(RECOVERY, {"code": "ABCD-efgh"}, follow=True)
    assert response.redirect_chain[-1][0] == HOME
    assert "il ne vous en reste qu'un" in unescape(response.text)
    assert AuditEvent.objects.filter(action="two_factor_recovery_code_used").count() == 1
    client.post(reverse("accounts:logout"))
    sign_in_with_password(client, "ines@example.org")
    response = client.post(RECOVERY, {"code": "abcd-efgh"})
    assert "Ce code de secours n'est pas valable" in unescape(response.text)
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_an_enrolled_applicant_is_asked_for_its_code_too(client):
    """The second factor is optional for an applicant, but once enrolled it is asked."""
    user = applicant(email="sami@example.org")
    device = enrolled(user)
    sign_in_with_password(client, "sami@example.org")
    assert client.get(HOME)["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": totp_code(device)})
    assert client.get(HOME).status_code == 200


def test_an_applicant_without_device_is_not_asked_for_a_code(client):
    applicant(email="sami@example.org")
    sign_in_with_password(client, "sami@example.org")
    assert client.get(HOME).status_code == 200
    assert client.get(VERIFY)["Location"] == HOME


def test_next_must_stay_on_the_site(client, enrolled_coordinator):
    _user, device = enrolled_coordinator
    sign_in_with_password(client, "ines@example.org")
    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://evil.example/"})
    assert response["Location"] == HOME


def test_code_page_in_english(client, enrolled_coordinator):
    user, _device = enrolled_coordinator
    user.language = "en"
    user.save()
    sign_in_with_password(client, "ines@example.org")
    page = client.get("/en" + VERIFY)
    assert "Two-step verification" in page.text
    response = client.post("/en" + VERIFY, {"code": "000000"})
    assert "This code is wrong" in unescape(response.text)
