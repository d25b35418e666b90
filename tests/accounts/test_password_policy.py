"""A password has at least 12 characters and is not a common one."""

from html import unescape

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from lanterne.demo.fictive import DEMO_PASSWORD
from tests.accounts.factories import PASSWORD, UserFactory


def _change(client, new):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )


def test_eleven_characters_are_refused(login):
    """An 11-character password is refused with the minimum stated, and nothing changes."""
    user = UserFactory()
    response = _change(login(user), "Vx7-kq2!Lm9")
    assert response.status_code == 200
    assert "au minimum 12 caractères" in unescape(response.text)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_twelve_characters_are_accepted(login):
    user = UserFactory()
    assert _change(login(user), "Vx7-kq2!Lm9z").status_code == 302
    user.refresh_from_db()
    assert user.check_password("Vx7-kq2!Lm9z")


@pytest.mark.parametrize("password", ["1qaz2wsx3edc", "123456789012"])
def test_common_or_numeric_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", [PASSWORD, DEMO_PASSWORD])
def test_the_test_and_demo_passwords_pass_the_policy(password):
    """The factories' and the demonstration's passwords would be accepted by the forms."""
    validate_password(password)
