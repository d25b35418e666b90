"""A request body announced larger than REQUEST_BODY_MAX_BYTES is refused before it is read."""

from html import unescape

from django.test import override_settings
from django.urls import reverse

from tests.accounts.factories import UserFactory


@override_settings(REQUEST_BODY_MAX_BYTES=1000)
def test_a_body_over_the_cap_is_a_413_in_french(client):
    response = client.post(
        reverse("accounts:login"), {"username": "a@example.org", "password": "x" * 2000}
    )
    assert response.status_code == 413
    assert "L'envoi dépasse" in unescape(response.content.decode())
    assert "_auth_user_id" not in client.session


@override_settings(REQUEST_BODY_MAX_BYTES=1000)
def test_a_body_under_the_cap_goes_through(client):
    response = client.post(
        reverse("accounts:login"), {"username": "a@example.org", "password": "x" * 100}
    )
    assert response.status_code == 200


@override_settings(REQUEST_BODY_MAX_BYTES=1000)
def test_the_api_answers_in_its_error_shape(client):
    response = client.post(
        "/api/v1/auth/token/",
        {"email": "a@example.org", "password": "x" * 2000},
        content_type="application/json",
    )
    assert response.status_code == 413
    assert "L'envoi dépasse" in response.json()["detail"]


@override_settings(REQUEST_BODY_MAX_BYTES=1000)
def test_the_announced_length_is_judged_not_the_body(client, login):
    """The refusal comes from Content-Length alone: the body is never read."""
    response = login(UserFactory()).generic(
        "POST", reverse("accounts:profile"), b"", CONTENT_LENGTH="5000000"
    )
    assert response.status_code == 413
