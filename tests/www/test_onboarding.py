"""A visitor with no account applies: signs up, confirms the address by the link mailed
(signed, expiring), then creates its structure or asks to join one; the structure's members
or its coordination decide, and the requester hears of it (with the reason of a refusal)."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from lanterne.accounts.enums import Role
from lanterne.accounts.models import Membership, User
from lanterne.core import privacy
from lanterne.core.audit import AuditEvent
from lanterne.network.enums import AuditAction, JoinRequestState
from lanterne.network.models import JoinRequest, Structure
from tests.accounts.factories import MembershipFactory, UserFactory, coordinator
from tests.calls.hdf import hdf_world
from tests.territories.factories import RegionFactory

PASSWORD = "Une-lanterne-magique-2026"


def _signup(client, django_capture_on_commit_callbacks, email="lea.martin@example.org", **extra):
    data = {
        "first_name": "Léa",
        "last_name": "Martin",
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("onboarding:signup"), data)


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/confirmer/\S+)", message.body).group(1)


def test_signup_then_confirm_opens_the_account(client, django_capture_on_commit_callbacks):
    """The account is created inactive and cannot sign in; the mailed link's page confirms
    with a POST (its GET writes nothing), signs in and goes to the structure step, keeping
    the call to come back to."""
    response = _signup(client, django_capture_on_commit_callbacks, next="/appels/un-appel/")
    assert response.status_code == 302
    assert response.url == reverse("onboarding:check_mail")
    user = User.objects.get(email="lea.martin@example.org")
    assert not user.is_active
    response = client.post(
        reverse("accounts:login"), {"username": "lea.martin@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    link = _link(mail.outbox[0])
    assert "next=/appels/un-appel/" in link
    assert client.get(link).status_code == 200
    user.refresh_from_db()
    assert not user.is_active
    response = client.post(link)
    assert response.status_code == 302
    assert response.url == f"{reverse('onboarding:structure')}?next=%2Fappels%2Fun-appel%2F"
    user.refresh_from_db()
    assert user.is_active
    assert client.get(reverse("onboarding:structure")).status_code == 200
    # Used once: the link now says it no longer opens an account.
    assert client.post(link).status_code == 400


def test_expired_or_forged_link_opens_nothing(client, django_capture_on_commit_callbacks):
    _signup(client, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    with override_settings(SIGNUP_CONFIRMATION_MAX_AGE=-1):
        response = client.post(link)
    assert response.status_code == 400
    assert "Lien expiré ou déjà utilisé" in response.text
    assert client.post(link[:-3] + "abc/").status_code == 400
    assert not User.objects.get(email="lea.martin@example.org").is_active


def test_weak_password_is_refused_and_what_was_typed_kept(client):
    response = client.post(
        reverse("onboarding:signup"),
        {
            "first_name": "Léa",
            "last_name": "Martin",
            "email": "lea.martin@example.org",
            "password1": "1234",
            "password2": "1234",
        },
    )
    assert response.status_code == 200
    assert "lea.martin@example.org" in response.text
    assert 'class="invalid-feedback' in response.text
    assert not User.objects.filter(email="lea.martin@example.org").exists()


def test_signup_with_a_known_address_says_nothing_on_the_page(
    client, django_capture_on_commit_callbacks
):
    """The page answers as for a new address; the existing account gets a reminder."""
    UserFactory(email="lea.martin@example.org")
    response = _signup(client, django_capture_on_commit_callbacks)
    assert response.url == reverse("onboarding:check_mail")
    assert "déjà un compte" in mail.outbox[0].subject
    assert User.objects.filter(email__iexact="lea.martin@example.org").count() == 1


def test_signup_is_capped_per_address(client, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 1
    data = {
        "first_name": "A",
        "last_name": "B",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    client.post(reverse("onboarding:signup"), {**data, "email": "one@example.org"})
    response = client.post(reverse("onboarding:signup"), {**data, "email": "two@example.org"})
    assert response.status_code == 200
    assert "Trop de tentatives" in response.text
    assert not User.objects.filter(email="two@example.org").exists()


@pytest.fixture
def hdf():
    return hdf_world()


def test_create_structure_makes_the_creator_its_applicant(hdf, login):
    """The SIRET is checked (python-stdnum), the commune typed by name is found; the creator
    becomes the applicant member and goes back to the call."""
    user = UserFactory()
    client = login(user)
    url = reverse("onboarding:structure_create")
    data = {
        "name": "Ciné-club du Faubourg",
        "kind": "cultural_actor",
        "siret": "732 829 320 00075",
        "commune": "Roubaix (59512)",
        "next": reverse("calls:detail", args=[hdf["north"].slug]),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "clé de contrôle" in response.text
    assert "Ciné-club du Faubourg" in response.text
    response = client.post(url, {**data, "siret": "732 829 320 00074"})
    assert response.status_code == 302
    assert response.url == data["next"]
    structure = Structure.objects.get(name="Ciné-club du Faubourg")
    assert structure.siret == "73282932000074"
    assert structure.commune.code == "59512"
    assert Membership.objects.filter(
        user=user, structure=structure, role=Role.APPLICANT, is_active=True
    ).exists()
    page = client.get(data["next"]).text
    assert reverse("dossiers:create", args=[hdf["north"].slug]) in page


def _ask_to_join(hdf, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("onboarding:join", args=[hdf["moulin"].slug]),
            {"message": "Je suis la nouvelle animatrice."},
        )
    return JoinRequest.objects.get(structure=hdf["moulin"])


def test_structure_member_approves_a_join_request(hdf, login, django_capture_on_commit_callbacks):
    """The members hear of the request; one approves it; the requester becomes a member and
    is told by e-mail."""
    requester = UserFactory(email="nina@example.org")
    client = login(requester)
    found = client.get(reverse("onboarding:structure"), {"q": "Moulin"})
    assert found.status_code == 200
    join_request = _ask_to_join(hdf, client, django_capture_on_commit_callbacks)
    assert join_request.state == JoinRequestState.PENDING
    assert [m.to for m in mail.outbox] == [[hdf["moulin_user"].email]]
    mail.outbox.clear()

    client = login(hdf["moulin_user"])
    assert "nina@example.org" in client.get(reverse("onboarding:join_requests")).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("onboarding:join_request", args=[join_request.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.state == JoinRequestState.APPROVED
    assert join_request.decided_by == hdf["moulin_user"]
    assert join_request.decided_at is not None
    assert Membership.objects.filter(
        user=requester, structure=hdf["moulin"], role=Role.APPLICANT
    ).exists()
    assert mail.outbox[0].to == ["nina@example.org"]
    assert AuditEvent.objects.filter(
        action=AuditAction.JOIN_APPROVE, object_id=str(join_request.pk)
    ).exists()


def test_coordinator_refuses_with_a_reason(hdf, login, django_capture_on_commit_callbacks):
    """The coordination covering the structure may decide; a refusal needs a reason, which the
    requester reads in its e-mail and on its page."""
    requester = UserFactory(email="nina@example.org")
    join_request = _ask_to_join(hdf, login(requester), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    client = login(hdf["north_coordinator"])
    url = reverse("onboarding:join_request", args=[join_request.pk])
    response = client.post(url, {"decision": "refuse", "reason": " "})
    assert response.status_code == 200
    assert JoinRequest.objects.get(pk=join_request.pk).state == JoinRequestState.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"decision": "refuse", "reason": "Nous ne connaissons pas cette personne."}
        )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.state == JoinRequestState.REFUSED
    assert "Nous ne connaissons pas cette personne." in mail.outbox[0].body
    assert not Membership.objects.filter(user=requester, structure=hdf["moulin"]).exists()
    page = login(requester).get(reverse("onboarding:structure")).text
    assert "Nous ne connaissons pas cette personne." in page


def test_others_cannot_decide(hdf, login, django_capture_on_commit_callbacks, client):
    """Another région's coordinator, another structure's applicant and the requester itself
    get a 404 or a 403; an anonymous visitor the login page; nothing changes. (ACAP, pôle of
    the whole région, covers the north's structures too.)"""
    requester = UserFactory()
    join_request = _ask_to_join(hdf, login(requester), django_capture_on_commit_callbacks)
    url = reverse("onboarding:join_request", args=[join_request.pk])
    for user, status in (
        (coordinator(region=RegionFactory()), 404),
        (hdf["herbe_user"], 404),
        (requester, 403),
    ):
        response = login(user).post(url, {"decision": "approve"})
        assert response.status_code == status, user
    client.logout()
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url
    assert JoinRequest.objects.get(pk=join_request.pk).state == JoinRequestState.PENDING


def test_a_second_request_is_refused_while_one_waits(
    hdf, login, django_capture_on_commit_callbacks
):
    requester = UserFactory()
    client = login(requester)
    _ask_to_join(hdf, client, django_capture_on_commit_callbacks)
    response = client.post(reverse("onboarding:join", args=[hdf["moulin"].slug]), follow=True)
    assert "la demande est en attente" in response.text
    assert JoinRequest.objects.filter(user=requester).count() == 1


def test_structure_step_finds_a_listed_structure_by_name(hdf, login):
    listed = MembershipFactory().structure
    client = login(UserFactory())
    page = client.get(reverse("onboarding:structure"), {"q": listed.name}).text
    assert reverse("onboarding:join", args=[listed.slug]) in page
    # An unlisted structure is found by its exact SIRET only.
    page = client.get(reverse("onboarding:structure"), {"q": hdf["moulin"].name}).text
    assert reverse("onboarding:join", args=[hdf["moulin"].slug]) not in page


def test_join_requests_are_in_the_persons_data_and_erased(
    hdf, login, django_capture_on_commit_callbacks
):
    """A person's join requests (with their message) are in its data export and go with it."""
    requester = UserFactory()
    _ask_to_join(hdf, login(requester), django_capture_on_commit_callbacks)
    exported = {kind.key: rows for kind, rows in privacy.export_person(requester)}
    assert exported["join_requests"][0]["message"] == "Je suis la nouvelle animatrice."
    kind = next(k for k in privacy.kinds() if k.key == "join_requests")
    assert kind.erase(requester) == 1
    assert not JoinRequest.objects.filter(user=requester).exists()
