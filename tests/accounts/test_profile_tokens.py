"""The profile page lists the user's API tokens, makes new ones (the key shown once) and
revokes them."""

import re
from html import unescape

from django.urls import reverse
from rest_framework.test import APIClient

from lanterne.accounts.models import ApiToken
from lanterne.accounts.tokens import api_token_create
from lanterne.core.models import AuditEvent
from tests.accounts.factories import UserFactory
from tests.www.conftest import assert_csp_compliant

PROFILE = reverse("accounts:profile")
CREATE = reverse("accounts:token_create")


def _api(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_new_token_is_shown_once(login):
    """The key is on the page that makes it, never stored by the browser, then never again."""
    user = UserFactory()
    client = login(user)
    response = client.post(CREATE, {"token-name": "Tableau de bord régional"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = re.search(r'<code class="user-select-all" id="new-token">([^<]+)</code>', response.text)
    assert key
    key = key.group(1)
    token = ApiToken.objects.get(user=user)
    assert token.name == "Tableau de bord régional"
    assert _api(key).get("/api/v1/people/").status_code == 200
    assert AuditEvent.objects.filter(action="api_token.create", object_id=str(token.pk)).exists()
    assert_csp_compliant(response)

    page = client.get(PROFILE)
    assert "Tableau de bord régional" in page.text
    assert f"{key[:8]}…" in page.text
    assert key not in page.text


def test_a_token_needs_a_name(login):
    user = UserFactory()
    response = login(user).post(CREATE, {"token-name": ""})
    assert response.status_code == 200
    assert 'id="id_token-name_error"' in response.text
    assert not ApiToken.objects.exists()


def test_the_list_shows_live_tokens_only(login, time_machine):
    """Revoked and expired tokens, and other people's, are not listed."""
    time_machine.move_to("2026-03-02 09:00:00+01:00", tick=False)
    user = UserFactory()
    api_token_create(user=user, name="en service", by=user)
    revoked, _ = api_token_create(user=user, name="révoqué", by=user)
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at=revoked.created_at)
    old, _ = api_token_create(user=user, name="expiré", by=user)
    ApiToken.objects.filter(pk=old.pk).update(expires_at=old.created_at)
    other = UserFactory()
    api_token_create(user=other, name="celui d'un autre", by=other)
    text = unescape(login(user).get(PROFILE).text)
    assert "en service" in text
    assert "révoqué" not in text.replace("Révoquer", "")
    assert "expiré" not in text
    assert "celui d'un autre" not in text
    assert "jamais" in text


def test_revoking_a_token_ends_it_at_once(login):
    user = UserFactory()
    token, key = api_token_create(user=user, name="script", by=user)
    client = login(user)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]), follow=True)
    assert "Le jeton « script » est révoqué." in unescape(response.text)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _api(key).get("/api/v1/people/").status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoke", actor=user).exists()


def test_nobody_revokes_another_users_token(login):
    """Another user's token is a 404 and stays alive."""
    owner = UserFactory()
    token, key = api_token_create(user=owner, name="script", by=owner)
    response = login(UserFactory()).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert _api(key).get("/api/v1/people/").status_code == 200


def test_revoking_needs_a_post(login):
    user = UserFactory()
    token, _key = api_token_create(user=user, name="script", by=user)
    response = login(user).get(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_tokens_section_speaks_english(login):
    user = UserFactory(language="en")
    api_token_create(user=user, name="script", by=user)
    text = unescape(login(user).get("/en/compte/profil/").text)
    assert "My API tokens" in text
    assert "valid for 90 days" in text
    assert "Revoke" in text
    assert "jamais" not in text and "never" in text


def test_an_administrator_revokes_tokens_from_the_admin(client, login):
    """The admin lists tokens without their digest and revokes them; it cannot make one."""
    root = UserFactory(is_staff=True, is_superuser=True)
    user = UserFactory()
    token, key = api_token_create(user=user, name="script", by=user)
    login(root)
    page = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    assert page.status_code == 200
    assert token.digest not in page.text
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    response = client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _api(key).get("/api/v1/people/").status_code == 401
