"""Sessions end after a time without activity and after a time in all, shorter for the roles
that reach other people's data; the login page then says why."""

from datetime import timedelta
from html import unescape

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.accounts.factories import (
    PASSWORD,
    UserFactory,
    applicant,
    committee_member,
    coordinator,
    network_admin,
    pass_second_factor,
)

PROFILE = reverse("accounts:profile")
LOGIN = reverse("accounts:login")
START = "2026-03-02 09:00:00+01:00"


def signed_in(user) -> Client:
    """A client signed in through the login page, as people do."""
    client = Client()
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    pass_second_factor(client, user)
    return client


def is_signed_in(client) -> bool:
    return client.get(PROFILE).status_code == 200


STAFF = {
    "coordinator": coordinator,
    "committee member": committee_member,
    "network admin": network_admin,
    "superuser": lambda: UserFactory(is_superuser=True, is_staff=True),
}


def test_default_limits():
    """Staff: 30 minutes idle, 12 hours in all; the others: 2 hours idle, 14 days in all."""
    assert settings.SESSION_STAFF_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_STAFF_ABSOLUTE_TIMEOUT == 12 * 3600
    assert settings.SESSION_IDLE_TIMEOUT == 2 * 3600
    assert settings.SESSION_ABSOLUTE_TIMEOUT == 14 * 86400
    assert settings.SESSION_COOKIE_AGE >= settings.SESSION_ABSOLUTE_TIMEOUT


@pytest.mark.parametrize("make", STAFF.values(), ids=STAFF.keys())
def test_a_staff_session_ends_after_30_idle_minutes(time_machine, make):
    """Half an hour without a request ends a staff session; the login page says why."""
    time_machine.move_to(START, tick=False)
    client = signed_in(make())
    time_machine.shift(timedelta(minutes=29))
    assert is_signed_in(client)
    time_machine.shift(timedelta(minutes=31))
    response = client.get(PROFILE, follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    text = unescape(response.text)
    assert "Votre session a expiré après 30 minutes sans activité." in text
    assert "_auth_user_id" not in client.session


def test_an_applicant_session_survives_an_idle_hour_but_not_two(time_machine):
    time_machine.move_to(START, tick=False)
    client = signed_in(applicant())
    time_machine.shift(timedelta(minutes=90))
    assert is_signed_in(client)
    time_machine.shift(timedelta(minutes=119))
    assert is_signed_in(client)
    time_machine.shift(timedelta(minutes=121))
    response = client.get(PROFILE, follow=True)
    assert "Votre session a expiré après 2 heures sans activité." in unescape(response.text)


def test_a_staff_session_ends_after_12_hours_even_when_active(time_machine):
    """A coordinator active every 25 minutes is signed out 12 hours after signing in."""
    time_machine.move_to(START, tick=False)
    client = signed_in(coordinator())
    for _ in range(28):  # 11 h 40
        time_machine.shift(timedelta(minutes=25))
        assert is_signed_in(client)
    time_machine.shift(timedelta(minutes=25))
    response = client.get(PROFILE, follow=True)
    text = unescape(response.text)
    assert "une connexion reste ouverte au plus 12 heures" in text


@override_settings(SESSION_ABSOLUTE_TIMEOUT=3 * 86400)
def test_an_applicant_session_ends_after_its_absolute_time(time_machine):
    """The others' sessions end, however active, after SESSION_ABSOLUTE_TIMEOUT (here 3 days;
    14 by default), though a staff member's would have ended long before."""
    time_machine.move_to(START, tick=False)
    client = signed_in(applicant())
    for _ in range(70):  # 70 hours, a request every hour
        time_machine.shift(timedelta(hours=1))
        assert is_signed_in(client)
    time_machine.shift(timedelta(hours=3))
    response = client.get(PROFILE, follow=True)
    assert "une connexion reste ouverte au plus 3 jours" in unescape(response.text)


def test_activity_is_recorded_at_most_once_a_minute(time_machine):
    """Requests within a minute of the last recorded one do not write the session."""
    time_machine.move_to(START, tick=False)
    client = signed_in(applicant())
    seen = client.session["lanterne_session_seen"]
    time_machine.shift(timedelta(seconds=30))
    client.get(PROFILE)
    assert client.session["lanterne_session_seen"] == seen
    time_machine.shift(timedelta(seconds=40))
    client.get(PROFILE)
    assert client.session["lanterne_session_seen"] == seen + 70


def test_an_expired_api_session_is_refused_without_a_message(time_machine):
    """The API, used with a session, refuses an expired one as anonymous (401)."""
    time_machine.move_to(START, tick=False)
    client = signed_in(coordinator())
    assert client.get("/api/v1/people/").status_code == 200
    time_machine.shift(timedelta(hours=1))
    assert client.get("/api/v1/people/").status_code == 401
    assert "Votre session a expiré" not in client.get(LOGIN).text


def test_a_password_change_ends_the_other_sessions():
    """Changing one's password signs out every other browser, and keeps this one signed in."""
    user = applicant()
    here, elsewhere = signed_in(user), signed_in(user)
    new = "un-nouveau-mot-de-passe-solide"
    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert is_signed_in(here)
    assert not is_signed_in(elsewhere)


def test_the_expiry_is_explained_in_the_users_language(time_machine):
    time_machine.move_to(START, tick=False)
    client = signed_in(coordinator(language="en"))
    time_machine.shift(timedelta(minutes=31))
    response = client.get("/en/compte/profil/", follow=True)
    assert "Your session expired after 30 minutes without activity." in unescape(response.text)
