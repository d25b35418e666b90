from django.conf import settings
from django.urls import reverse

from lanterne.accounts.enums import Role
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.network.factories import StructureFactory
from tests.www.conftest import assert_csp_compliant

PROFILE = reverse("accounts:profile")


def test_profile_shows_the_users_memberships(login):
    """The profile lists each structure the user acts for, with its role."""
    user = UserFactory()
    MembershipFactory(user=user, structure=StructureFactory(name="La Trame"), role=Role.COORDINATOR)
    response = login(user).get(PROFILE)
    assert response.status_code == 200
    assert "La Trame" in response.text
    assert "Coordination régionale" in response.text
    assert_csp_compliant(response)


def test_profile_updates_names(login):
    user = UserFactory(first_name="Léa", last_name="Petit")
    response = login(user).post(
        PROFILE, {"first_name": "Léonie", "last_name": "Grand", "language": "fr"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Léonie", "Grand")


def test_choosing_english_switches_the_interface_at_once(login):
    """Saving English as the language stores it and continues in English (URL and cookie)."""
    user = UserFactory(language="fr")
    client = login(user)
    response = client.post(
        PROFILE, {"first_name": user.first_name, "last_name": user.last_name, "language": "en"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/compte/profil/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user.refresh_from_db()
    assert user.language == "en"
    page = client.get(response["Location"])
    assert '<html lang="en">' in page.text
    assert "Your profile has been saved." in page.text


def test_profile_refuses_an_unknown_language(login):
    user = UserFactory(language="fr")
    response = login(user).post(PROFILE, {"first_name": "A", "last_name": "B", "language": "xx"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.language == "fr"
