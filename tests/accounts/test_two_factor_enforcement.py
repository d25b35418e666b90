"""Who must give a second factor, and what a session that has not given it may reach."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.factories import (
    UserFactory,
    applicant,
    committee_member,
    coordinator,
    enrolled,
    network_admin,
    pass_second_factor,
)

ENROL = reverse("two_factor:enrol")
VERIFY = reverse("two_factor:verify")
HOME = reverse("www:home")

REQUIRED = {
    "coordinator": coordinator,
    "committee member": committee_member,
    "network admin": network_admin,
    "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
    "staff": lambda: UserFactory(is_staff=True),
}


@pytest.fixture(params=REQUIRED.values(), ids=REQUIRED.keys())
def required_user(request):
    return request.param()


@pytest.mark.parametrize(
    "url",
    [HOME, reverse("accounts:profile"), reverse("dossiers:list"), reverse("admin:index")],
    ids=["home", "profile", "dossiers", "admin"],
)
def test_required_user_without_device_is_sent_to_enrolment(client, required_user, url):
    """A user whose roles require a second factor, signed in with its password only and not
    enrolled, reaches no page (the admin included) but the enrolment, which then returns it to
    the page it asked for."""
    client.force_login(required_user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next={url.replace('/', '%2F')}"
    assert client.get(response["Location"]).status_code == 200


def test_required_user_may_still_sign_out_switch_language_and_see_health(client):
    """Signing out, the language switch and the health check stay open during enrolment."""
    client.force_login(coordinator())
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    assert client.get(reverse("health")).status_code in (200, 503)
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("www:directory")
    assert "_auth_user_id" not in client.session


def test_enrolled_user_is_asked_for_its_code_everywhere(client):
    """An enrolled user signed in with its password only is sent to the code, from any page."""
    user = applicant()
    enrolled(user)
    client.force_login(user)
    for url in (HOME, reverse("admin:index"), ENROL, reverse("two_factor:disable")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{VERIFY}?next="), url


def test_session_that_gave_its_code_reaches_its_pages(client):
    """Once the second factor is given, the required user reaches its pages and the admin
    stays closed to it only for lack of staff access."""
    user = coordinator()
    client.force_login(user)
    pass_second_factor(client, user)
    assert client.get(HOME).status_code == 200
    admin = client.get(reverse("admin:index"))
    assert admin.status_code == 302 and admin["Location"].startswith(reverse("admin:login"))


def test_superuser_with_code_reaches_the_admin(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 302
    pass_second_factor(client, user)
    assert client.get(reverse("admin:index")).status_code == 200


def test_second_factor_is_optional_for_an_applicant(client):
    """An applicant without a device signs in with its password alone and reaches its pages;
    the profile offers to enrol."""
    client.force_login(applicant())
    assert client.get(HOME).status_code == 200
    profile = client.get(reverse("accounts:profile"))
    assert "Non activée" in profile.text
    assert f'href="{ENROL}?next=/compte/profil/"' in profile.text


def test_api_treats_a_half_signed_in_session_as_anonymous(client):
    """The API is not redirected: a session that has not given its code is not signed in
    there (a token request is not a session and is left to the token authentication)."""
    user = coordinator()
    client.force_login(user)
    response = client.get(reverse("api:dossier-list"))
    assert response.status_code in (401, 403)
    pass_second_factor(client, user)
    assert client.get(reverse("api:dossier-list")).status_code == 200


def test_a_device_of_another_user_does_not_verify_the_session(client):
    """The session's device must belong to the signed-in user (django-otp checks it)."""
    user, other = coordinator(), coordinator()
    client.force_login(user)
    pass_second_factor(client, other)
    session = client.session
    assert TOTPDevice.objects.get(user=other).persistent_id == session["otp_device_id"]
    assert client.get(HOME)["Location"].startswith(ENROL)
