"""The invitation pages: the list and its form (scoped, 403/404 for the wrong people), the
resend and revoke buttons, and the link's page where the person accepts (a GET writes
nothing; a broken link is a clear page, never a 500)."""

from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lanterne.accounts.enums import InvitationStatus, Role
from lanterne.accounts.invitations import invitation_create
from lanterne.accounts.models import Invitation, Membership, User
from tests.accounts.factories import PASSWORD, applicant, coordinator, enrolled, network_admin
from tests.accounts.invitations import last_mail, link_in
from tests.www.conftest import assert_csp_compliant
from tests.www.test_get_writes_nothing import _writes

LIST = reverse("invitations:list")
NEW_PASSWORD = "une-phrase-de-passe-solide"


def invite(perimeter, role=Role.APPLICANT, email="lea@example.org", structure=None):
    structure = perimeter["inside"] if structure is None and role != Role.SPEAKER else structure
    return invitation_create(
        email=email, role=role, structure=structure, language="fr", by=perimeter["coordinator"]
    )


def new_account(**overrides):
    return {
        "first_name": "Léa",
        "last_name": "Petit",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "terms": "on",
        **overrides,
    }


def test_the_coordinator_invites_from_the_list_page(login, perimeter):
    """The form offers the roles it may give and the structures of its perimeter only; the
    invitation is sent and listed as pending."""
    client = login(perimeter["coordinator"])
    page = client.get(LIST)
    assert page.status_code == 200
    assert_csp_compliant(page)
    roles = dict(page.context["form"].fields["role"].choices)
    assert set(roles) == {Role.APPLICANT, Role.COMMITTEE_MEMBER, Role.SPEAKER}
    # The structure is searched (the perimeter may hold thousands), not listed in the page.
    assert 'data-combobox-value="id_structure_0"' in page.text
    assert "Ciné des Faubourgs" not in page.text
    assert "Maison du Moulin" not in page.text

    response = client.post(
        LIST,
        {
            "email": "lea@example.org",
            "role": Role.APPLICANT,
            "structure": perimeter["inside"].pk,
            "language": "fr",
        },
    )
    assert response.status_code == 302
    listed = client.get(response["Location"])
    assert "L&#x27;invitation a été envoyée à lea@example.org." in listed.text
    assert "lea@example.org" in listed.text
    assert "En attente" in listed.text
    assert last_mail("lea@example.org") is not None


def test_a_structure_outside_the_perimeter_is_refused_on_the_form(login, perimeter):
    client = login(perimeter["coordinator"])
    response = client.post(
        LIST,
        {
            "email": "lea@example.org",
            "role": Role.APPLICANT,
            "structure": perimeter["outside"].pk,
            "language": "fr",
        },
    )
    assert response.status_code == 422
    assert "Sélectionnez un choix valide" in response.text
    assert 'value="lea@example.org"' in response.text
    assert not Invitation.objects.exists()


def test_a_coordinator_cannot_post_a_staff_role(login, perimeter):
    client = login(perimeter["coordinator"])
    response = client.post(
        LIST,
        {
            "email": "lea@example.org",
            "role": Role.COORDINATOR,
            "structure": perimeter["inside"].pk,
            "language": "fr",
        },
    )
    assert response.status_code == 422
    assert not Invitation.objects.exists()


def test_people_who_invite_nobody_get_a_403(login, perimeter):
    client = login(applicant(structure=perimeter["inside"]))
    assert client.get(LIST).status_code == 403
    assert client.post(LIST, {"email": "x@example.org"}).status_code == 403


def test_the_profile_links_to_invitations_for_those_who_invite(login, perimeter):
    page = login(perimeter["coordinator"]).get(reverse("accounts:profile"))
    assert LIST in page.text
    page = login(applicant()).get(reverse("accounts:profile"))
    assert LIST not in page.text


def test_another_coordinators_invitation_is_a_404(login, perimeter):
    """Out of scope, an invitation is not even named: not listed, 404 on resend and revoke."""
    invitation, _key = invite(perimeter)
    elsewhere = coordinator(region=perimeter["lille"].departement.region)
    client = login(elsewhere)
    assert "lea@example.org" not in client.get(LIST).text
    for name in ("invitations:resend", "invitations:revoke"):
        assert client.post(reverse(name, args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_resend_and_revoke_are_posts(login, perimeter):
    invitation, old_key = invite(perimeter)
    client = login(perimeter["coordinator"])
    assert client.get(reverse("invitations:resend", args=[invitation.pk])).status_code == 405
    response = client.post(reverse("invitations:resend", args=[invitation.pk]))
    assert response.status_code == 302
    assert client.get(f"/invitation/{old_key}/").status_code == 404
    new_link = link_in(last_mail("lea@example.org"))
    assert client.post(reverse("invitations:revoke", args=[invitation.pk])).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED
    page = client.get(reverse("invitations:revoke", args=[invitation.pk]))
    assert page.status_code == 405
    # Once revoked, nothing more: the buttons are gone and a second revoke is refused politely.
    again = client.post(reverse("invitations:revoke", args=[invitation.pk]), follow=True)
    assert "Cette invitation a été révoquée." in again.text
    assert client.logout() is None
    assert "annulée" in client.get(new_link).text


def test_the_list_filters_by_state(login, perimeter):
    invite(perimeter, email="attente@example.org")
    expired, _ = invite(perimeter, email="expiree@example.org")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    client = login(perimeter["coordinator"])
    page = client.get(LIST, {"status": InvitationStatus.EXPIRED})
    assert "expiree@example.org" in page.text
    assert "attente@example.org" not in page.text
    page = client.get(LIST, {"status": InvitationStatus.PENDING, "q": "attente"})
    assert "attente@example.org" in page.text
    assert "expiree@example.org" not in page.text


def test_the_list_costs_the_same_queries_with_more_rows(
    login, perimeter, django_assert_num_queries
):
    client = login(perimeter["coordinator"])
    for n in range(2):
        invite(perimeter, email=f"p{n}@example.org")
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    for n in range(2, 20):
        invite(perimeter, email=f"p{n}@example.org", role=Role.SPEAKER)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_the_network_admin_sees_every_invitation(login, perimeter):
    invite(perimeter)
    page = login(network_admin()).get(LIST)
    assert "lea@example.org" in page.text
    assert Role.COORDINATOR in dict(page.context["form"].fields["role"].choices)


@pytest.mark.parametrize(
    "state, status, text",
    [
        ("unknown", 404, "n&#x27;est pas valide"),
        ("expired", 410, "a expiré"),
        ("revoked", 410, "annulée"),
        ("accepted", 410, "déjà été acceptée"),
    ],
)
def test_a_link_that_cannot_serve_says_why(client, perimeter, state, status, text):
    invitation, key = invite(perimeter)
    now = timezone.now()
    updates = {
        "expired": {"expires_at": now},
        "revoked": {"revoked_at": now},
        "accepted": {"accepted_at": now},
    }
    if state == "unknown":
        key = key[:-4] + "abcd"
    else:
        Invitation.objects.filter(pk=invitation.pk).update(**updates[state])
    response = client.get(f"/invitation/{key}/")
    assert response.status_code == status
    assert text in response.text
    assert "lea@example.org" not in response.text
    assert client.post(f"/invitation/{key}/", new_account()).status_code == status
    assert not User.objects.filter(email="lea@example.org").exists()


def test_opening_the_link_writes_nothing(client, perimeter):
    _invitation, key = invite(perimeter)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/invitation/{key}/")
    assert response.status_code == 200
    assert "Créer votre compte" in response.text
    assert_csp_compliant(response)
    assert _writes(queries) == []


def test_a_new_person_sets_a_password_and_is_signed_in(client, perimeter):
    invitation, key = invite(perimeter)
    response = client.post(f"/invitation/{key}/", new_account())
    assert response.status_code == 302
    assert response["Location"] == reverse("www:home")
    user = User.objects.get(email="lea@example.org")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.filter(
        user=user, structure=perimeter["inside"], role=Role.APPLICANT
    ).exists()
    home = client.get(response["Location"])
    assert home.status_code == 200
    assert "Bienvenue sur Lanterne" in home.text
    invitation.refresh_from_db()
    assert invitation.accepted_user == user


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"password1": "court", "password2": "court"}, "Ce mot de passe est trop court"),
        ({"password2": "autre-chose-encore"}, "ne sont pas identiques"),
        ({"terms": ""}, "Cochez cette case"),
        ({"first_name": ""}, "Ce champ est obligatoire"),
    ],
)
def test_a_refused_account_keeps_what_was_typed(client, perimeter, overrides, message):
    _invitation, key = invite(perimeter)
    data = new_account(**overrides)
    if not data["terms"]:
        del data["terms"]
    response = client.post(f"/invitation/{key}/", data)
    assert response.status_code == 422
    assert message in response.text
    assert 'value="Petit"' in response.text
    assert not User.objects.filter(email="lea@example.org").exists()


def test_a_committee_member_enrols_a_second_factor_first(client, perimeter):
    """A role that needs a second factor goes straight to enrolment; the middleware keeps it
    there whatever it asks for."""
    _invitation, key = invite(perimeter, role=Role.COMMITTEE_MEMBER)
    response = client.post(f"/invitation/{key}/", new_account())
    assert response["Location"].startswith(reverse("two_factor:enrol"))
    home = client.get(reverse("www:home"))
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("two_factor:enrol"))
    assert client.get(response["Location"]).status_code == 200


def test_an_existing_account_signs_in_then_accepts(client, perimeter):
    person = applicant(email="lea@example.org")
    invitation, key = invite(perimeter, role=Role.SPEAKER)
    page = client.get(f"/invitation/{key}/")
    assert page.status_code == 200
    assert "existe déjà" in page.text
    # Anonymous, a POST changes nothing.
    client.post(f"/invitation/{key}/", new_account())
    assert person.memberships.count() == 1
    login_url = page.context["login_url"]
    response = client.post(login_url, {"username": person.email, "password": PASSWORD})
    assert response["Location"] == f"/invitation/{key}/"
    page = client.get(response["Location"])
    assert "Ce rôle s'ajoutera" in unescape(page.text)
    assert person.memberships.count() == 1
    response = client.post(f"/invitation/{key}/")
    assert response["Location"] == reverse("www:home")
    assert person.memberships.filter(role=Role.SPEAKER).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_user == person


def test_an_enrolled_account_gives_its_code_before_accepting(client, perimeter):
    person = coordinator(email="lea@example.org")
    enrolled(person)
    _invitation, key = invite(perimeter, role=Role.COMMITTEE_MEMBER)
    client.force_login(person)
    response = client.post(f"/invitation/{key}/")
    assert response["Location"].startswith(reverse("two_factor:verify"))
    assert not person.memberships.filter(role=Role.COMMITTEE_MEMBER).exists()


def test_signed_in_as_someone_else_is_told_to_sign_out(login, perimeter):
    _invitation, key = invite(perimeter)
    client = login(applicant())
    response = client.get(f"/invitation/{key}/")
    assert response.status_code == 403
    assert "destinée à un autre compte" in response.text
    client.post(f"/invitation/{key}/", new_account())
    assert not User.objects.filter(email="lea@example.org").exists()


def test_the_link_never_reaches_the_logs():
    """Whatever logs an invitation's path (Django's warnings, the development server), its key
    is masked; the list's path stays whole."""
    from lanterne.core.logs import mask_secrets

    assert mask_secrets("Gone: /en/invitation/Zx-9_abc/") == "Gone: /en/invitation/…/"
    assert mask_secrets('"GET /compte/connexion/?next=/invitation/Zx-9/ HTTP/1.1"') == (
        '"GET /compte/connexion/?next=/invitation/…/ HTTP/1.1"'
    )
    assert mask_secrets("/invitations/") == "/invitations/"


def test_the_english_pages_are_english(login, perimeter):
    """The English e-mail leads to the English accept page; the list reads in English too."""
    _invitation, key = invitation_create(
        email="jane@example.org",
        role=Role.SPEAKER,
        structure=None,
        language="en",
        by=perimeter["coordinator"],
    )
    link = link_in(last_mail("jane@example.org"))
    assert link == f"/en/invitation/{key}/"
    page = login(perimeter["coordinator"]).get("/en/invitations/")
    for text in ("Invite a person", "Send the invitation", "Waiting", "individual capacity"):
        assert text in page.text, text
    page.client.logout()
    page = page.client.get(link)
    for text in ("Create your account", "Terms of use", "I have read and accept", "Speaker"):
        assert text in unescape(page.text), text
