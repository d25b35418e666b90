from html import unescape

from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

LOGIN = reverse("accounts:login")


def test_five_failures_lock_the_login_for_an_hour(client):
    """After five wrong passwords, even the right one is refused, with the lockout page."""
    UserFactory(email="lea.petit@example.org")
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = client.post(LOGIN, {"username": "lea.petit@example.org", "password": "x"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"username": "lea.petit@example.org", "password": "x"})
    assert response.status_code == 429
    response = client.post(LOGIN, {"username": "lea.petit@example.org", "password": PASSWORD})
    assert response.status_code == 429
    text = unescape(response.text)
    assert "Trop de tentatives de connexion" in text
    assert "Réessayez dans une heure." in text
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account(client):
    """Failures on one account do not lock another one from the same address."""
    UserFactory(email="lea.petit@example.org")
    UserFactory(email="other@example.org")
    for _ in range(5):
        client.post(LOGIN, {"username": "lea.petit@example.org", "password": "x"})
    response = client.post(LOGIN, {"username": "other@example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_success_resets_the_failure_count(client):
    """A successful login forgets the earlier failures."""
    UserFactory(email="lea.petit@example.org")
    for _ in range(3):
        client.post(LOGIN, {"username": "lea.petit@example.org", "password": "x"})
    response = client.post(LOGIN, {"username": "lea.petit@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()


def test_case_variants_of_the_address_count_as_one_account(client):
    """Typing the address in another case does not give five more attempts."""
    UserFactory(email="lea.petit@example.org")
    for variant in [
        "lea.petit@example.org",
        "Lea.Petit@example.org",
        "LEA.PETIT@example.org",
        "lea.PETIT@example.org",
        "Lea.petit@Example.org",
    ]:
        client.post(LOGIN, {"username": variant, "password": "x"})
    response = client.post(LOGIN, {"username": "lea.petit@example.org", "password": PASSWORD})
    assert response.status_code == 429


def test_password_reset_lifts_the_lockout(client):
    """Whoever sets a new password through the e-mailed link can sign in again at once."""
    import re

    from django.core import mail

    UserFactory(email="lea.petit@example.org")
    for _ in range(5):
        client.post(LOGIN, {"username": "lea.petit@example.org", "password": "x"})
    client.post(reverse("accounts:password_reset"), {"email": "lea.petit@example.org"})
    link = re.search(r"http://testserver(/compte/mot-de-passe/nouveau/\S+/)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    new = "un-nouveau-mot-de-passe-solide"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    response = client.post(LOGIN, {"username": "lea.petit@example.org", "password": new})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="lea.petit@example.org").exists()
